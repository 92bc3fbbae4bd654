//! Transit gateways: in through the VPC's attachment in the packet's Availability Zone, routed
//! by the table associated with that attachment, out through the chosen attachment into the
//! next VPC, a VPN or a peered gateway (issue 10; facts and what the engine assumes in
//! `docs/aws-notes.md`, "Transit gateways").

use super::*;
use crate::explain::{Assumption, VpnDown};

/// The Availability Zone a packet is in while it crosses the gateway: the zone it entered by.
/// `None` when it came in from a VPN or another gateway.
type Zone = Option<String>;

impl Walker<'_> {
    /// A VPC route sent the packet to gateway `t`: it enters through the VPC's attachment
    /// subnet in the zone of `from`, the subnet whose table chose the route.
    pub(super) fn enter_tgw(
        &mut self,
        t: TgwIdx,
        pkt: Header,
        ctx: Ctx,
        from: SubnetIdx,
    ) -> Walked {
        let tid = self.net.transit_gateways[t.i()].id.clone();
        if matches!(ctx.via, Via::Peering(_)) {
            // R18: no edge-to-edge routing; the engine counts the gateway as one more way out.
            let reason = Reason::EdgeToEdge {
                gateway: tid.clone(),
                through: Through::TransitGateway,
                entered_via: EnteredVia::Peering,
                link: None,
            };
            return Err(self.block(&tid, Component::TgwAttachment, reason, pkt));
        }
        // R4: routing.rs stopped routes to a gateway without an available attachment already.
        let Some(att) = self.net.tgw_attachment_for(t, ctx.vpc) else {
            return unreachable_target(self, &tid, pkt);
        };
        let a = &self.net.tgw_attachments[att.i()];
        let aid = a.id.clone();
        let subnets: &[SubnetIdx] = match &a.kind {
            TgwAttachmentKind::Vpc { subnets, .. } => subnets,
            _ => &[],
        };
        let az = self.net.subnets[from.i()].az.clone();
        let Some(asub) = subnets
            .iter()
            .copied()
            .find(|s| self.net.subnets[s.i()].az == az)
        else {
            // [TVA]: no attachment subnet in the packet's zone, no way into the gateway.
            let reason = Reason::TgwAzRestriction {
                tgw: tid,
                attachment: aid.clone(),
                vpc: self.net.vpcs[ctx.vpc.i()].id.clone(),
                az,
                subnet: self.net.subnets[from.i()].id.clone(),
                azs: subnets
                    .iter()
                    .map(|s| self.net.subnets[s.i()].az.clone())
                    .collect(),
            };
            return Err(self.block(&aid, Component::TgwAttachment, reason, pkt));
        };
        // [TNACL]: on the way to the gateway, the attachment subnet's inbound rules judge the
        // packet by its source, whether or not the sender is in that subnet.
        self.nacl(asub, Direction::Ingress, pkt)?;
        let s = &self.net.subnets[asub.i()];
        let event = Event::TgwEnters {
            tgw: tid,
            attachment: aid.clone(),
            subnet: s.id.clone(),
            az: az.clone(),
        };
        let (vid, sid) = (self.net.vpcs[s.vpc.i()].id.clone(), s.id.clone());
        let h = self.hop(&aid, Component::TgwAttachment, Action::Forward, event, pkt);
        h.vpc = Some(vid);
        h.subnet = Some(sid);
        self.tgw_route(att, pkt, Some(az))
    }

    /// The reply of a flow that left to the corporate network through a VPN attachment comes
    /// back in by the same attachment.
    pub(super) fn tgw_from_vpn(&mut self, att: TgwAttIdx, pkt: Header) -> Walked {
        self.tgw_route(att, pkt, None)
    }

    /// [TRT]: the route table associated with the attachment the packet came in by.
    fn tgw_route(&mut self, att: TgwAttIdx, pkt: Header, zone: Zone) -> Walked {
        let a = &self.net.tgw_attachments[att.i()];
        let (aid, tgw) = (a.id.clone(), a.tgw);
        let tid = self.net.transit_gateways[tgw.i()].id.clone();
        let Some(rt) = a.route_table else {
            return Err(self.no_association(att, pkt));
        };
        let table = &self.net.tgw_route_tables[rt.i()];
        let rid = table.id.clone();
        if self.hops.len() > HOP_LIMIT {
            let reason = Reason::RoutingLoop { table: rid.clone() };
            return Err(self.block(&rid, Component::TgwRouteTable, reason, pkt));
        }
        let decision = tgw_lookup(
            table,
            &self.net.tgw_attachments,
            &self.net.prefix_lists,
            pkt.dst,
        );
        let Some(m) = decision.matched.clone() else {
            if let Some(dx) = self.bgp_dx(rt) {
                return self.assume_dx(rid, dx, decision, pkt, zone);
            }
            let reason = match self.bgp_vpn(rt) {
                // R28: the VPN's BGP routes are not in the input; say so rather than guess.
                Some(vpn) => Reason::TgwRoutesUnknown {
                    table: rid.clone(),
                    vpn,
                    dst: pkt.dst,
                },
                None => Reason::TgwNoRoute {
                    table: rid.clone(),
                    tgw: tid,
                    attachment: aid,
                    dst: pkt.dst,
                    owner: self.tgw_owner(tgw, pkt.dst),
                },
            };
            let b = self.block(&rid, Component::TgwRouteTable, reason, pkt);
            if let Some(h) = self.hops.last_mut() {
                h.route = Some(decision);
            }
            return Err(b);
        };
        let out = match table.routes[m.index].target {
            TgwRouteTarget::Attachment(x) if self.net.tgw_attachments[x.i()].available() => x,
            target => {
                let state = match target {
                    TgwRouteTarget::Attachment(x) => Some(&self.net.tgw_attachments[x.i()]),
                    TgwRouteTarget::Blackhole => None,
                };
                let reason = Reason::TgwBlackhole {
                    table: rid.clone(),
                    destination: m.destination.clone(),
                    attachment: state.map(|a| a.id.clone()),
                    state: state.map(|a| a.state.clone()),
                };
                let b = self.block(&rid, Component::TgwRouteTable, reason, pkt);
                if let Some(h) = self.hops.last_mut() {
                    h.route = Some(decision);
                }
                return Err(b);
            }
        };
        let event = Event::Routed {
            table: rid.clone(),
            dst: pkt.dst,
            target: m.target.clone(),
            route: m.destination.clone(),
            losers: routing::losers(&decision),
        };
        let h = self.hop(&rid, Component::TgwRouteTable, Action::Forward, event, pkt);
        h.route = Some(decision);
        self.leave_tgw(out, pkt, zone)
    }

    /// [TRT]: an attachment with no route table; the fix associates the gateway's default
    /// association table (or its first).
    fn no_association(&mut self, att: TgwAttIdx, pkt: Header) -> Box<Blocked> {
        let a = &self.net.tgw_attachments[att.i()];
        let (aid, tgw) = (a.id.clone(), a.tgw);
        let gw = &self.net.transit_gateways[tgw.i()];
        let tables = &self.net.tgw_route_tables;
        let table = gw
            .default_association
            .or_else(|| {
                let i = tables.iter().position(|t| t.tgw == tgw)?;
                Some(TgwRtbIdx(i as u32))
            })
            .map(|t| tables[t.i()].id.clone());
        let reason = Reason::TgwNoAssociation {
            tgw: gw.id.clone(),
            attachment: aid.clone(),
            table,
        };
        self.block(&aid, Component::TgwAttachment, reason, pkt)
    }

    /// Out through attachment `x`: into its VPC, to its VPN, or across to the peer gateway.
    fn leave_tgw(&mut self, x: TgwAttIdx, pkt: Header, zone: Zone) -> Walked {
        let a = &self.net.tgw_attachments[x.i()];
        let aid = a.id.clone();
        match a.kind.clone() {
            TgwAttachmentKind::Vpc {
                vpc,
                subnets,
                appliance_mode,
            } => self.enter_vpc(x, vpc, &subnets, appliance_mode, pkt, zone),
            TgwAttachmentKind::Vpn { link, .. } => {
                if !link.usable() {
                    let reason = vpn_unusable(self.net, x, &link, pkt.dst);
                    return Err(self.block(&aid, Component::TgwAttachment, reason, pkt));
                }
                let event = Event::TgwLeaves {
                    attachment: aid.clone(),
                    kind: "vpn",
                    into: "the VPN connection".to_string(),
                    subnet: None,
                };
                self.hop(&aid, Component::TgwAttachment, Action::Forward, event, pkt);
                self.reaches_onprem(pkt);
                Ok(Reached::TgwVpn(x, pkt))
            }
            TgwAttachmentKind::DirectConnect { gateway, .. } => {
                let event = Event::TgwLeaves {
                    attachment: aid.clone(),
                    kind: "direct-connect-gateway",
                    into: gateway,
                    subnet: None,
                };
                self.hop(&aid, Component::TgwAttachment, Action::Forward, event, pkt);
                self.reaches_onprem(pkt);
                // The reply comes back in by this attachment, as over a VPN's.
                Ok(Reached::TgwVpn(x, pkt))
            }
            TgwAttachmentKind::Peering { peer_tgw, peer } => {
                let Some(p) = peer else {
                    let reason = Reason::TgwPeerNotInInput {
                        attachment: aid.clone(),
                        peer_tgw,
                    };
                    return Err(self.block(&aid, Component::TgwAttachment, reason, pkt));
                };
                let event = Event::TgwLeaves {
                    attachment: aid.clone(),
                    kind: "peering",
                    into: peer_tgw,
                    subnet: None,
                };
                self.hop(&aid, Component::TgwAttachment, Action::Forward, event, pkt);
                // [TPEER]: the peer routes it by the table associated with its side.
                self.tgw_route(p, pkt, None)
            }
        }
    }

    /// Into a VPC by its attachment subnet: that subnet's outbound ACL rules, then its route
    /// table (then `local`, which applies the destination subnet's inbound rules) [TNACL].
    fn enter_vpc(
        &mut self,
        x: TgwAttIdx,
        vpc: VpcIdx,
        subnets: &[SubnetIdx],
        appliance_mode: bool,
        pkt: Header,
        zone: Zone,
    ) -> Walked {
        let aid = self.net.tgw_attachments[x.i()].id.clone();
        // The builder refuses a VPC attachment without subnets; keep a safe answer anyway.
        let Some(s) = exit_subnet(self.net, subnets, appliance_mode, zone.as_deref()) else {
            return unreachable_target(self, &aid, pkt);
        };
        let sub = &self.net.subnets[s.i()];
        let (sid, inside) = (sub.id.clone(), sub.cidr.contains(&pkt.dst));
        let v = &self.net.vpcs[vpc.i()];
        let event = Event::TgwLeaves {
            attachment: self.net.tgw_attachments[x.i()].id.clone(),
            kind: "vpc",
            into: Network::label(&v.id, &v.name),
            subnet: Some(sid.clone()),
        };
        let vid = v.id.clone();
        let h = self.hop(&aid, Component::TgwAttachment, Action::Forward, event, pkt);
        h.vpc = Some(vid);
        h.subnet = Some(sid);
        let ctx = Ctx {
            vpc,
            via: Via::Tgw,
            sender: None,
        };
        if inside {
            // [TNACL]: from the gateway to an instance in the attachment subnet itself, no
            // rule of that subnet's ACL is evaluated.
            return match self.ix.eni_by_ip.get(&(vpc, pkt.dst)).copied() {
                Some(d) => self.arrive_eni(d, pkt, ctx),
                None => self.deliver_local(vpc, pkt, ctx, Some(s)),
            };
        }
        self.nacl(s, Direction::Egress, pkt)?;
        self.route_from(s, pkt, ctx)
    }

    /// R28 [TDX]: the table lists no route, but Direct Connect gateway attachment `dx`
    /// propagates BGP prefixes the input cannot show; the trace assumes one contains the
    /// destination, says so on the hop, and sends the packet there.
    fn assume_dx(
        &mut self,
        rid: String,
        dx: TgwAttIdx,
        decision: RouteDecision,
        pkt: Header,
        zone: Zone,
    ) -> Walked {
        let a = &self.net.tgw_attachments[dx.i()];
        let gateway = match &a.kind {
            TgwAttachmentKind::DirectConnect { gateway, .. } => gateway.clone(),
            _ => String::new(),
        };
        let assumption = Assumption::DxAdvertised {
            tgw: self.net.transit_gateways[a.tgw.i()].id.clone(),
            attachment: a.id.clone(),
            gateway,
            addr: pkt.dst,
        };
        let event = Event::TgwAssumesDx {
            table: rid.clone(),
            dst: pkt.dst,
            attachment: a.id.clone(),
        };
        let h = self.hop(&rid, Component::TgwRouteTable, Action::Forward, event, pkt);
        h.route = Some(decision);
        h.assumption = Some(assumption);
        self.leave_tgw(dx, pkt, zone)
    }

    /// A Direct Connect gateway attachment that propagates into table `rt` with no networks
    /// the input lists: its routes come over BGP (R28). On an equal (unknown) prefix, Direct
    /// Connect gateway routes come before VPN ones [TORD].
    fn bgp_dx(&self, rt: TgwRtbIdx) -> Option<TgwAttIdx> {
        let atts = &self.net.tgw_attachments;
        self.net.tgw_route_tables[rt.i()]
            .propagations
            .iter()
            .copied()
            .find(|a| {
                let a = &atts[a.i()];
                let unknown = matches!(&a.kind,
                    TgwAttachmentKind::DirectConnect { cidrs, .. } if cidrs.is_empty());
                a.available() && unknown
            })
    }

    /// A VPN attachment that propagates into table `rt` with no networks the input lists:
    /// its routes come over BGP (R28).
    fn bgp_vpn(&self, rt: TgwRtbIdx) -> Option<String> {
        let atts = &self.net.tgw_attachments;
        self.net.tgw_route_tables[rt.i()]
            .propagations
            .iter()
            .map(|a| &atts[a.i()])
            .find(|a| matches!(&a.kind, TgwAttachmentKind::Vpn { cidrs, .. } if cidrs.is_empty()))
            .map(|a| a.id.clone())
    }

    /// An attachment of gateway `tgw` behind which `dst` lies (a VPC's or a VPN's), for the
    /// fix of a missing route.
    fn tgw_owner(&self, tgw: TgwIdx, dst: Ipv4Addr) -> Option<String> {
        let net = self.net;
        net.tgw_attachments
            .iter()
            .filter(|a| a.tgw == tgw)
            .find(|a| match &a.kind {
                TgwAttachmentKind::Vpc { vpc, .. } => net.vpcs[vpc.i()].contains(dst),
                TgwAttachmentKind::Vpn { cidrs, .. }
                | TgwAttachmentKind::DirectConnect { cidrs, .. } => {
                    cidrs.iter().any(|c| c.contains(&dst))
                }
                TgwAttachmentKind::Peering { .. } => false,
            })
            .map(|a| a.id.clone())
    }
}

/// R27 [VPNTGW]: the VPN connection behind attachment `x` cannot carry the packet.
fn vpn_unusable(net: &Network, x: TgwAttIdx, link: &TgwVpnLink, addr: Ipv4Addr) -> Reason {
    let a = &net.tgw_attachments[x.i()];
    let why = if link.available() {
        VpnDown::TunnelsDown {
            tunnels: link.tunnels.len(),
        }
    } else {
        VpnDown::State {
            state: link.state.clone(),
        }
    };
    Reason::TgwVpnUnusable {
        tgw: net.transit_gateways[a.tgw.i()].id.clone(),
        attachment: a.id.clone(),
        vpn: link.vpn.clone(),
        addr,
        why,
    }
}

/// The attachment subnet a packet leaves the gateway by. By default the gateway keeps the zone
/// it entered by [TASYM]; with appliance mode both legs of a flow use one zone of the
/// appliance VPC [TOPT], which the engine takes to be its attachment's first subnet. Without
/// a subnet in the zone, the first subnet (which other zone AWS picks is not documented).
fn exit_subnet(
    net: &Network,
    subnets: &[SubnetIdx],
    appliance: bool,
    zone: Option<&str>,
) -> Option<SubnetIdx> {
    let same = zone.and_then(|z| subnets.iter().copied().find(|s| net.subnets[s.i()].az == z));
    match (appliance, same) {
        (false, Some(s)) => Some(s),
        _ => subnets.first().copied(),
    }
}
