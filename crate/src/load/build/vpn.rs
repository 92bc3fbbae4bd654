//! Site-to-Site VPN connections (R28): each on a virtual private gateway of the input, with its
//! routing (static or BGP), its static routes, its tunnels and its customer gateway.

use super::Builder;
use crate::load::scenario::*;
use crate::model::*;

/// The states AWS gives a VPN connection [API VpnConnection].
const STATES: [&str; 4] = ["pending", "available", "deleting", "deleted"];

impl Builder<'_> {
    pub(super) fn vpn_connections(&mut self, doc: &ScenarioDoc) {
        for v in &doc.vpn_connections {
            let Some(vgw) = self.vgw_ref(&v.id, &v.vgw) else {
                continue;
            };
            let state = v.state.as_deref().unwrap_or("available").trim();
            if !STATES.contains(&state) {
                let why = format!(
                    "\"{state}\" is not a VPN connection state; use one of {}",
                    STATES.join(", ")
                );
                self.d.error(&v.id, "state", why);
                continue;
            }
            let routing = match v.routing.as_deref().unwrap_or("static").trim() {
                "static" => VpnRouting::Static,
                "bgp" => VpnRouting::Bgp,
                other => {
                    let why =
                        format!("\"{other}\" is not a routing type; use \"static\" or \"bgp\"");
                    self.d.error(&v.id, "routing", why);
                    continue;
                }
            };
            let mut routes = Vec::new();
            for (j, c) in v.routes.iter().enumerate() {
                if let Some(n) = self.cidr(&v.id, &format!("routes[{j}]"), c) {
                    routes.push(n);
                }
            }
            let tunnels = self.tunnels(&v.id, &v.tunnels);
            let customer_gateway = v.customer_gateway.as_ref().map(|c| CustomerGateway {
                id: c.clone(),
                ip: v
                    .customer_gateway_ip
                    .as_deref()
                    .and_then(|ip| self.ip(&v.id, "customer_gateway_ip", ip)),
                bgp_asn: v.bgp_asn.clone(),
            });
            let idx = self.net.vpn_connections.len();
            if !self.register(&v.id, ResourceRef::VpnConnection(idx)) {
                continue;
            }
            self.net.vpn_connections.push(VpnConnection {
                id: v.id.clone(),
                name: v.name.clone(),
                vgw,
                state: state.to_string(),
                routing,
                routes,
                tunnels,
                customer_gateway,
            });
        }
    }

    fn vgw_ref(&mut self, owner: &str, id: &str) -> Option<VgwIdx> {
        match self.net.ids.get(id.trim()) {
            Some(ResourceRef::VpnGateway(g)) => Some(*g),
            Some(_) => {
                let why = format!("\"{id}\" is not a virtual private gateway");
                self.d.error(owner, "vgw", why);
                None
            }
            None => {
                let why = format!(
                    "refers to virtual private gateway \"{id}\", which is not in the input"
                );
                self.d.error(owner, "vgw", why);
                None
            }
        }
    }

    /// Each tunnel's status: `true` for up.
    fn tunnels(&mut self, owner: &str, given: &[String]) -> Vec<bool> {
        let mut out = Vec::new();
        for (j, t) in given.iter().enumerate() {
            match t.trim().to_ascii_lowercase().as_str() {
                "up" => out.push(true),
                "down" => out.push(false),
                _ => {
                    let why = format!("\"{t}\" is not a tunnel status; use \"up\" or \"down\"");
                    self.d.error(owner, &format!("tunnels[{j}]"), why);
                }
            }
        }
        out
    }
}
