//! Virtual private gateways: traffic to and from the corporate network over VPN or Direct
//! Connect (R18).

use super::*;

fn link_of(gw: &VpnGateway) -> Link {
    if gw.kind == EdgeKind::Vpn {
        Link::Vpn
    } else {
        Link::DirectConnect
    }
}

impl Walker<'_> {
    /// A flow from the corporate network enters through the virtual private gateway. Only
    /// addresses inside the VPC are reachable that way: no edge-to-edge routing (R18), and no
    /// gateway endpoint (R20).
    pub(super) fn enter_from_onprem(&mut self, g: VgwIdx, pkt: Header) -> Walked {
        let gw = &self.net.vpn_gateways[g.i()];
        let gid = gw.id.clone();
        let link = link_of(gw);
        let event = Event::FromOnPremises { src: pkt.src, link };
        self.hop(
            "on-premises",
            Component::OnPremises,
            Action::Forward,
            event,
            pkt,
        );
        let Some(vpc) = gw.vpc else {
            let reason = Reason::VgwDetached {
                vgw: gid.clone(),
                entering: true,
            };
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        };
        if !self.net.vpcs[vpc.i()].contains(pkt.dst) {
            let gateway_ep = self.ix.services.longest(pkt.dst).and_then(|(_, s)| {
                let name = &self.net.services[s[0]].name;
                self.ix
                    .gateway_endpoint(self.net, vpc, name)
                    .map(|e| &self.net.endpoints[e.i()])
            });
            // The VGW carries only the VPC's own blocks; the endpoint's prefix list is never
            // reachable from the other side of it (R20).
            let reason = match gateway_ep {
                Some(ep) => Reason::OnPremToGatewayEndpoint {
                    dst: pkt.dst,
                    service: ep.service.clone(),
                    endpoint: ep.id.clone(),
                    vgw: gid.clone(),
                    link,
                },
                None => Reason::OnPremOutsideVpc {
                    dst: pkt.dst,
                    vgw: gid.clone(),
                },
            };
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        }
        self.ingress_vgw(g, pkt)
    }

    pub(super) fn egress_vgw(&mut self, g: VgwIdx, pkt: Header, ctx: Ctx) -> Walked {
        let gw = &self.net.vpn_gateways[g.i()];
        let gid = gw.id.clone();
        let link = link_of(gw);
        if matches!(ctx.via, Via::Peering(_)) {
            let reason = Reason::EdgeToEdge {
                gateway: gid.clone(),
                through: Through::VpnGateway,
                entered_via: EnteredVia::Peering,
                link: Some(link),
            };
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        }
        if !gw.onprem_cidrs.is_empty() && !gw.onprem_cidrs.iter().any(|c| c.contains(&pkt.dst)) {
            let reason = Reason::OnPremOutsideRange {
                vgw: gid.clone(),
                networks: gw.onprem_cidrs.iter().map(|c| c.to_string()).collect(),
                dst: pkt.dst,
            };
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        }
        let event = Event::VgwOut {
            vgw: gid.clone(),
            link,
        };
        self.hop(&gid, Component::VpnGateway, Action::Forward, event, pkt);
        let event = Event::ReachesOnPremises { dst: pkt.dst };
        self.hop(
            "on-premises",
            Component::OnPremises,
            Action::Deliver,
            event,
            pkt,
        );
        Ok(Reached::OnPrem(g, pkt))
    }

    /// Traffic from the corporate network enters through the VGW and is delivered by the
    /// VPC's local route.
    pub(super) fn ingress_vgw(&mut self, g: VgwIdx, pkt: Header) -> Walked {
        let gw = &self.net.vpn_gateways[g.i()];
        let gid = gw.id.clone();
        let Some(vpc) = gw.vpc else {
            let reason = Reason::VgwDetached {
                vgw: gid.clone(),
                entering: false,
            };
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        };
        let event = Event::VgwIn {
            vgw: gid.clone(),
            reply: self.leg == Leg::Return,
        };
        self.hop(&gid, Component::VpnGateway, Action::Forward, event, pkt);
        let ctx = Ctx {
            vpc,
            via: Via::Vgw,
            sender: None,
        };
        self.deliver_local(vpc, pkt, ctx, None)
    }
}
