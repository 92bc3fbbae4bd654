//! Virtual private gateways: traffic to and from the corporate network over VPN or Direct Connect (R18).

use super::*;

impl Walker<'_> {
    /// A flow from the corporate network enters through the virtual private gateway. Only
    /// addresses inside the VPC are reachable that way: no edge-to-edge routing (R18), and no
    /// gateway endpoint (R20).
    pub(super) fn enter_from_onprem(&mut self, g: VgwIdx, pkt: Header) -> Step {
        let gw = &self.net.vpn_gateways[g.i()];
        let gid = gw.id.clone();
        let link = if gw.kind == EdgeKind::Vpn {
            "VPN"
        } else {
            "Direct Connect"
        };
        self.hop(
            "on-premises",
            "on-premises",
            Action::Forward,
            format!(
                "The packet leaves {} on premises over the {link} connection.",
                pkt.src
            ),
            pkt,
        );
        let Some(vpc) = gw.vpc else {
            return Err(self.block(
                &gid,
                "vpn-gateway",
                Code::BadStateRoute,
                format!("{gid} is not attached to a VPC, so nothing arrives through it."),
                pkt,
                None,
            ));
        };
        if !self.net.vpcs[vpc.i()].contains(pkt.dst) {
            let gateway_ep = self.ix.services.longest(pkt.dst).and_then(|(_, s)| {
                let name = &self.net.services[s[0]].name;
                self.ix
                    .gateway_endpoint(self.net, vpc, name)
                    .map(|e| &self.net.endpoints[e.i()])
            });
            if let Some(ep) = gateway_ep {
                // The VGW carries only the VPC's own blocks; the endpoint's prefix list is
                // never reachable from the other side of it (R20).
                let id = ep.id.clone();
                return Err(self.block(&gid, "vpn-gateway", Code::NoRouteToDestination, format!("{} is a public address of {}. Gateway endpoint {id} serves only traffic that starts inside its VPC, and {gid} carries only traffic for the VPC's own addresses, so the {link} connection cannot use it (R20). Reach the service from on premises through an interface endpoint instead.", pkt.dst, ep.service), pkt, None));
            }
            return Err(self.block(&gid, "vpn-gateway", Code::NoRouteToDestination, format!("{} is outside the VPC. Traffic that arrives through {gid} can only reach addresses inside the VPC: it cannot continue through the VPC's internet gateway, NAT gateway or peering connections (no edge-to-edge routing, R18).", pkt.dst), pkt, None));
        }
        self.ingress_vgw(g, pkt)
    }

    pub(super) fn egress_vgw(&mut self, g: VgwIdx, pkt: Header, ctx: Ctx) -> Step {
        let gw = &self.net.vpn_gateways[g.i()];
        let gid = gw.id.clone();
        let link = if gw.kind == EdgeKind::Vpn {
            "VPN"
        } else {
            "Direct Connect"
        };
        if matches!(ctx.via, Via::Peering(_)) {
            return Err(self.block(&gid, "vpn-gateway", Code::PcxRequiresAddressInVpcCidr, format!("Traffic from a peered VPC cannot use this VPC's {link} connection (no edge-to-edge routing, R18)."), pkt, None));
        }
        if !gw.onprem_cidrs.is_empty() && !gw.onprem_cidrs.iter().any(|c| c.contains(&pkt.dst)) {
            let nets: Vec<_> = gw.onprem_cidrs.iter().map(|c| c.to_string()).collect();
            return Err(self.block(
                &gid,
                "vpn-gateway",
                Code::NoPossibleDestination,
                format!(
                    "{gid} leads to the corporate network {}, which does not contain {}.",
                    nets.join(", "),
                    pkt.dst
                ),
                pkt,
                None,
            ));
        }
        self.hop(
            &gid,
            "vpn-gateway",
            Action::Forward,
            format!("{gid} carries it over the {link} connection to the corporate network."),
            pkt,
        );
        self.hop(
            "on-premises",
            "on-premises",
            Action::Deliver,
            format!("It reaches {} on premises.", pkt.dst),
            pkt,
        );
        Ok(Reached::OnPrem(g, pkt))
    }

    /// Traffic from the corporate network enters through the VGW and is delivered by the
    /// VPC's local route.
    pub(super) fn ingress_vgw(&mut self, g: VgwIdx, pkt: Header) -> Step {
        let gw = &self.net.vpn_gateways[g.i()];
        let gid = gw.id.clone();
        let Some(vpc) = gw.vpc else {
            return Err(self.block(
                &gid,
                "vpn-gateway",
                Code::BadStateRoute,
                format!("{gid} is not attached to a VPC."),
                pkt,
                None,
            ));
        };
        let detail = if self.leg == Leg::Return {
            format!("The reply comes back from the corporate network through {gid}.")
        } else {
            format!("{gid} brings it into the VPC, where the local route delivers it.")
        };
        self.hop(&gid, "vpn-gateway", Action::Forward, detail, pkt);
        let ctx = Ctx {
            vpc,
            via: Via::Vgw,
            sender: None,
        };
        self.deliver_local(vpc, pkt, ctx, None)
    }
}
