//! Virtual private gateways: traffic to and from the corporate network over VPN or Direct
//! Connect (R18), over the path the gateway knows for the corporate address (R28:
//! `model::vpn::vgw_route`).

use super::*;
use crate::explain::{Assumption, VgwVia, VpnDown, VpnKnows};
use crate::model::vpn::{connections_of, vgw_route, VgwBasis, VgwPath, VgwRoute};

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
        // R28: the packet comes in over the connection that knows its source.
        let route = vgw_route(self.net, g, pkt.src);
        let (event, assumption) = match &route {
            VgwRoute::Chosen { path, .. } => (
                Event::VpnIn {
                    vgw: gid.clone(),
                    via: self.via_of(*path),
                },
                self.assumed(g, *path, pkt.src),
            ),
            _ => (Event::FromOnPremises { src: pkt.src, link }, None),
        };
        self.hop(
            "on-premises",
            Component::OnPremises,
            Action::Forward,
            event,
            pkt,
        )
        .assumption = assumption;
        let Some(vpc) = gw.vpc else {
            let reason = Reason::VgwDetached {
                vgw: gid.clone(),
                entering: true,
            };
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        };
        if let VgwRoute::Unusable(p) = route {
            let reason = self.unusable(g, p, pkt.src);
            return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
        }
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

    /// Out to the corporate network: no edge-to-edge routing (R18), and only to a prefix the
    /// gateway knows, over a connection that can carry it (R27, R28).
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
        let (event, assumption) = match vgw_route(self.net, g, pkt.dst) {
            VgwRoute::Unknown => {
                let outside = !gw.onprem_cidrs.iter().any(|c| c.contains(&pkt.dst));
                if !gw.onprem_cidrs.is_empty() && outside {
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
                (event, None)
            }
            VgwRoute::Chosen { path, losers } => {
                let event = Event::VgwChooses {
                    vgw: gid.clone(),
                    dst: pkt.dst,
                    via: self.via_of(path),
                    losers: losers.into_iter().map(|p| self.via_of(p)).collect(),
                };
                (event, self.assumed(g, path, pkt.dst))
            }
            VgwRoute::Unusable(p) => {
                let reason = self.unusable(g, p, pkt.dst);
                return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
            }
            VgwRoute::NoRoute => {
                let reason = self.no_route(g, pkt.dst);
                return Err(self.block(&gid, Component::VpnGateway, reason, pkt));
            }
        };
        self.hop(&gid, Component::VpnGateway, Action::Forward, event, pkt)
            .assumption = assumption;
        self.reaches_onprem(pkt);
        Ok(Reached::OnPrem(g, pkt))
    }

    /// The packet arrives on the corporate network (from a VPN gateway or a transit gateway's
    /// VPN attachment).
    pub(super) fn reaches_onprem(&mut self, pkt: Header) {
        let event = Event::ReachesOnPremises { dst: pkt.dst };
        self.hop(
            "on-premises",
            Component::OnPremises,
            Action::Deliver,
            event,
            pkt,
        );
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
        match self.net.vpn_gateways[g.i()].edge_table {
            // R23: the gateway route table decides, typically an appliance first.
            Some(rtb) => self.route_edge(rtb, pkt, ctx),
            None => self.deliver_local(vpc, pkt, ctx, None),
        }
    }

    /// A path of the gateway as the trace names it.
    fn via_of(&self, p: VgwPath) -> VgwVia {
        let vpn = p
            .vpn
            .map(|i| self.net.vpn_connections[i].id.clone())
            .unwrap_or_default();
        match p.basis {
            VgwBasis::DirectConnect(c) => VgwVia::DirectConnect {
                cidr: c.to_string(),
            },
            VgwBasis::Static(c) => VgwVia::Static {
                vpn,
                cidr: c.to_string(),
            },
            VgwBasis::BgpAssumed => VgwVia::BgpAssumed { vpn },
        }
    }

    /// R28: a BGP path rests on a prefix the input cannot show.
    fn assumed(&self, g: VgwIdx, p: VgwPath, addr: Ipv4Addr) -> Option<Assumption> {
        match (p.basis, p.vpn) {
            (VgwBasis::BgpAssumed, Some(i)) => Some(Assumption::BgpAdvertised {
                vgw: self.net.vpn_gateways[g.i()].id.clone(),
                vpn: self.net.vpn_connections[i].id.clone(),
                addr,
            }),
            _ => None,
        }
    }

    /// R27, R28: the best path the gateway knows is on a connection that carries nothing.
    fn unusable(&self, g: VgwIdx, p: VgwPath, addr: Ipv4Addr) -> Reason {
        let vgw = self.net.vpn_gateways[g.i()].id.clone();
        let Some(v) = p.vpn.map(|i| &self.net.vpn_connections[i]) else {
            // Direct Connect paths are always usable; unreachable, but never a panic.
            return Reason::VgwNoRoute {
                vgw,
                dst: addr,
                connections: Vec::new(),
            };
        };
        let why = if v.available() {
            VpnDown::TunnelsDown {
                tunnels: v.tunnels.len(),
            }
        } else {
            VpnDown::State {
                state: v.state.clone(),
            }
        };
        let route = match p.basis {
            VgwBasis::Static(c) | VgwBasis::DirectConnect(c) => Some(c.to_string()),
            VgwBasis::BgpAssumed => None,
        };
        Reason::VpnUnusable {
            vgw,
            vpn: v.id.clone(),
            addr,
            route,
            why,
        }
    }

    /// R28: no prefix of the gateway contains the destination; the connections say what they know.
    fn no_route(&self, g: VgwIdx, dst: Ipv4Addr) -> Reason {
        let connections = connections_of(self.net, g)
            .map(|i| {
                let v = &self.net.vpn_connections[i];
                VpnKnows {
                    vpn: v.id.clone(),
                    state: v.state.clone(),
                    routes: v.routes.iter().map(|c| c.to_string()).collect(),
                    tunnels_down: v.tunnels_down(),
                }
            })
            .collect();
        Reason::VgwNoRoute {
            vgw: self.net.vpn_gateways[g.i()].id.clone(),
            dst,
            connections,
        }
    }
}
