//! describe-vpn-connections and describe-customer-gateways (R28): Site-to-Site VPN connections
//! on virtual private gateways, with their static routes, routing type and tunnel states.
//!
//! A connection on a transit gateway gives its static routes, state and tunnel states to that
//! gateway's VPN attachment;
//! one whose gateway is not in the input (deleted, or not exported) is left out with a warning
//! (R27).

use super::records::{name_of, nullable, RouteDest, RouteRec, Tag};
use super::{Conv, Located};
use crate::load::scenario::VpnConnectionDoc;
use serde::Deserialize;
use serde_json::Value;

/// describe-vpn-connections. `CustomerGatewayConfiguration` (the device's XML) is not read.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a VPN connection record (an object)"
)]
pub struct VpnConnectionRec {
    pub vpn_connection_id: String,
    pub state: Option<String>,
    pub vpn_gateway_id: Option<String>,
    pub transit_gateway_id: Option<String>,
    pub customer_gateway_id: Option<String>,
    /// `Options` and `VgwTelemetry` are read as JSON values (`Options.StaticRoutesOnly`,
    /// `VgwTelemetry[].Status`): two more record types cost the page's module about 10 KB, over
    /// its budget (docs/architecture.md, "Size"); the fields are checked where they are read.
    pub options: Option<Value>,
    /// Read as a route table's routes are (`DestinationCidrBlock`, `State`): one reader.
    #[serde(default, deserialize_with = "nullable")]
    pub routes: Vec<RouteRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub vgw_telemetry: Vec<Value>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// describe-customer-gateways.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a customer gateway record (an object)"
)]
pub struct CustomerGatewayRec {
    pub customer_gateway_id: String,
    pub ip_address: Option<String>,
    pub bgp_asn: Option<String>,
}

impl<'a> Conv<'a, '_, '_> {
    pub(super) fn vpn_connections(&mut self) {
        let input = self.input;
        for r in &input.vpn_connections {
            if let Some(doc) = self.vpn_connection(r) {
                self.doc.vpn_connections.push(doc);
            }
        }
    }

    fn vpn_connection(&mut self, r: &Located<'a, VpnConnectionRec>) -> Option<VpnConnectionDoc> {
        let v = r.rec;
        let id = v.vpn_connection_id.as_str();
        let state = v.state.clone().unwrap_or_else(|| "available".into());
        if let (None, Some(tgw)) = (&v.vpn_gateway_id, &v.transit_gateway_id) {
            self.vpn_on_tgw(r, tgw, &state);
            return None;
        }
        let Some(vgw) = v.vpn_gateway_id.as_deref() else {
            let why = format!("the connection ({state}) names no gateway; it is left out");
            self.d.unsupported(id, "VpnGatewayId", why);
            return None;
        };
        if !self.doc.vpn_gateways.iter().any(|g| g.id == vgw) {
            // R27: a deleted gateway is left out, and its connections with it.
            let why = format!(
                "virtual private gateway {vgw} is not in the input, so the connection ({state}) is \
                 left out (R27)"
            );
            self.d.warn(id, "VpnGatewayId", why);
            return None;
        }
        // AWS's default is dynamic routing (BGP) when `StaticRoutesOnly` is not set.
        let static_only = v.options.as_ref().and_then(|o| o.get("StaticRoutesOnly"));
        if static_only.is_some_and(|b| !b.is_boolean()) {
            let why = "not true or false; the connection is read as BGP (AWS's default)";
            self.d.warn(id, "Options.StaticRoutesOnly", why);
        }
        let static_only = static_only.and_then(Value::as_bool);
        let routing = if static_only == Some(true) {
            "static"
        } else {
            "bgp"
        };
        let routes = self.vpn_routes(r, &state);
        let tunnels = self.tunnels(r);
        let cgw = v.customer_gateway_id.as_deref();
        // A few customer gateways per account: a search, not another map type in the module.
        let rec = cgw.and_then(|c| {
            let gws = &self.input.customer_gateways;
            gws.iter()
                .map(|g| g.rec)
                .find(|g| g.customer_gateway_id == c)
        });
        Some(VpnConnectionDoc {
            id: id.to_string(),
            name: name_of(&v.tags),
            vgw: vgw.to_string(),
            state: Some(state),
            routing: Some(routing.into()),
            routes,
            tunnels,
            customer_gateway: cgw.map(str::to_string),
            customer_gateway_ip: rec.and_then(|g| g.ip_address.clone()),
            bgp_asn: rec.and_then(|g| g.bgp_asn.clone()),
        })
    }

    /// R28 on a transit gateway: a static connection's routes are the corporate networks its
    /// attachment leads to; a BGP connection's are unknown (the gateway's table says so).
    fn vpn_on_tgw(&mut self, r: &Located<'a, VpnConnectionRec>, tgw: &str, state: &str) {
        let id = r.rec.vpn_connection_id.as_str();
        let static_only = r
            .rec
            .options
            .as_ref()
            .and_then(|o| o.get("StaticRoutesOnly"));
        let routes = self.vpn_routes(r, state);
        let tunnels = self.tunnels(r);
        let input = self.input;
        let attachment = input
            .tgw
            .iter()
            .flat_map(|f| &f.attachments)
            .find(|a| a.resource_id.as_deref() == Some(id) && a.transit_gateway_id == tgw)
            .map(|a| a.transit_gateway_attachment_id.clone());
        let doc = attachment.as_deref().and_then(|att| {
            let gws = self.doc.transit_gateways.iter_mut().filter(|g| g.id == tgw);
            gws.flat_map(|g| g.attachments.iter_mut())
                .find(|a| a.id == att)
        });
        match doc {
            Some(a) => {
                // R27 [VPNTGW]: the connection's state and tunnels decide whether the
                // attachment carries anything, as on a virtual private gateway.
                a.vpn = Some(id.to_string());
                a.vpn_state = (state != "available").then(|| state.to_string());
                a.tunnels = tunnels;
                if static_only.and_then(Value::as_bool) == Some(true) {
                    a.cidrs = routes;
                }
            }
            None => {
                let why = format!(
                    "the connection ({state}) is on transit gateway {tgw}, whose attachment for it \
                     is not in the input; it is left out"
                );
                self.d.warn(id, "TransitGatewayId", why);
            }
        }
    }

    /// Each tunnel's `Status` (UP or DOWN); another value is noted and the tunnel not counted.
    fn tunnels(&mut self, r: &Located<'a, VpnConnectionRec>) -> Vec<String> {
        let mut out = Vec::new();
        for (i, t) in r.rec.vgw_telemetry.iter().enumerate() {
            match t.get("Status").map(|s| s.as_str().unwrap_or("(not text)")) {
                Some(s @ ("UP" | "DOWN")) => out.push(s.to_ascii_lowercase()),
                Some(other) => {
                    let why = format!("\"{other}\" is not a tunnel status (UP or DOWN); the tunnel is not counted");
                    self.d.warn(
                        &r.rec.vpn_connection_id,
                        &format!("VgwTelemetry[{i}].Status"),
                        why,
                    );
                }
                None => {}
            }
        }
        out
    }

    /// The connection's static routes in state `available`; a route in another state carries
    /// nothing and is noted once, on a connection that is itself available.
    fn vpn_routes(&mut self, r: &Located<'a, VpnConnectionRec>, state: &str) -> Vec<String> {
        let id = r.rec.vpn_connection_id.as_str();
        let mut out = Vec::new();
        for (i, route) in r.rec.routes.iter().enumerate() {
            let cidr = match &route.dest {
                RouteDest::Cidr(c) => c.as_str(),
                RouteDest::Missing => {
                    r.missing(&format!("Routes[{i}].DestinationCidrBlock"), self.d);
                    continue;
                }
                // IPv6 and prefix lists are not VPN static routes the engine models.
                _ => continue,
            };
            match route.state.as_deref().unwrap_or("available") {
                "available" => out.push(cidr.to_string()),
                other if state == "available" => {
                    let why = format!("the static route {cidr} is {other}, so it carries nothing");
                    self.d.warn(id, &format!("Routes[{i}].State"), why);
                }
                _ => {}
            }
        }
        out
    }
}
