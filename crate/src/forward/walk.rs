//! The walk itself: one function per kind of component, each deciding one hop.
//!
//! A packet is a `Header` plus a `Ctx` (which VPC it is in, how it got there, which interface
//! sent it). Each step either hands the packet on or returns `Blocked`. The request leg ends
//! at a `Reached` place; the reply then starts there with the header reversed, and must come
//! back to the flow's source interface.

use super::{
    lookup, Action, FlowInfo, Header, Hop, Leg, RouteDecision, RuleMatch, Source, Trace, Wanted,
    CLIENT_PORT, HOP_LIMIT, NAT_PORT,
};
use crate::explain::{Code, Direction, Fix, FixAction};
use crate::load::{is_private, Loaded};
use crate::model::*;
use crate::policy::{self, Decision, Request};
use std::collections::HashSet;
use std::net::Ipv4Addr;

/// How the packet entered the VPC it is in (R16, R18, R20 depend on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Via {
    Origin,
    Peering(PcxIdx),
    Igw,
    Vgw,
    Endpoint,
    Middlebox,
}

#[derive(Clone, Copy, Debug)]
struct Ctx {
    vpc: VpcIdx,
    via: Via,
    /// The interface whose security groups the packet carries, for group references (R10).
    sender: Option<EniIdx>,
}

/// Where the request arrived.
#[derive(Clone, Copy, Debug)]
enum Reached {
    Eni(EniIdx, Header),
    /// Left through an internet gateway to the internet or a public AWS service.
    Outside(IgwIdx, Header),
    GatewayEndpoint(VpceIdx, Header),
    OnPrem(VgwIdx, Header),
}

/// Why and where the packet stopped.
struct Blocked {
    at: String,
    code: Code,
    why: String,
    /// Boxed: fixes are large and rare, and `Blocked` travels in every `Result`.
    fix: Option<Box<Fix>>,
}

type Step = Result<Reached, Blocked>;

/// A NAT gateway's translation, remembered for the reply.
#[derive(Clone, Copy)]
struct NatState {
    nat: NatIdx,
    orig_src: Ipv4Addr,
    orig_port: u16,
}

struct Walker<'a> {
    net: &'a Network,
    ix: &'a Index,
    leg: Leg,
    hops: Vec<Hop>,
    nat: Option<NatState>,
    visited: HashSet<(RtbIdx, Leg, Ipv4Addr, Ipv4Addr)>,
    /// The request the flow makes of an AWS service, if any (R22).
    request: Option<&'a Request>,
    source: Source,
    /// Interfaces whose groups admitted the request: they track the connection (R9).
    tracked: HashSet<EniIdx>,
    /// The request as the source sent it; the reply must come back from its destination.
    first: Option<Header>,
}

pub(super) fn run(
    loaded: &Loaded,
    src: Source,
    dst_ip: Ipv4Addr,
    wanted: Wanted,
    flow: FlowInfo,
    request: Option<&Request>,
) -> Trace {
    let net = &loaded.net;
    let mut w = Walker {
        net,
        ix: &loaded.ix,
        leg: Leg::Forward,
        hops: Vec::new(),
        nat: None,
        visited: HashSet::new(),
        request,
        source: src,
        tracked: HashSet::new(),
        first: None,
    };
    let ports = flow.protocol.has_ports() || flow.protocol == Protocol::All;
    let pkt = Header {
        src: flow.source_ip,
        dst: dst_ip,
        protocol: flow.protocol,
        src_port: if ports { CLIENT_PORT } else { 0 },
        dst_port: if ports { flow.port } else { 0 },
    };
    w.first = Some(pkt);
    let start = match src {
        Source::Eni(e) => w.request(e, pkt, &wanted),
        Source::OnPrem(g, _) => w.enter_from_onprem(g, pkt),
        Source::Internet(_) => w.enter_from_internet(pkt),
    };
    let result = start.and_then(|reached| {
        w.leg = Leg::Return;
        w.reply(reached, src)
    });
    w.finish(result, flow)
}

impl Walker<'_> {
    // ---- recording --------------------------------------------------------------------------

    fn hop(
        &mut self,
        component: &str,
        kind: &'static str,
        action: Action,
        detail: String,
        h: Header,
    ) -> &mut Hop {
        let seq = self.hops.len();
        self.hops.push(Hop {
            seq,
            leg: self.leg,
            component: component.to_string(),
            kind,
            vpc: None,
            subnet: None,
            action,
            detail,
            header_in: h,
            header_out: h,
            route: None,
            rule: None,
            code: None,
        });
        let last = self.hops.len() - 1;
        &mut self.hops[last]
    }

    fn block(
        &mut self,
        at: &str,
        kind: &'static str,
        code: Code,
        why: String,
        h: Header,
        fix: Option<Fix>,
    ) -> Blocked {
        let why = if self.leg == Leg::Return {
            format!("The request got through, but the reply is dropped: {why}")
        } else {
            why
        };
        self.hop(at, kind, Action::Drop, why.clone(), h).code = Some(code);
        Blocked {
            at: at.to_string(),
            code,
            why,
            fix: fix.map(Box::new),
        }
    }

    fn finish(self, result: Result<Reached, Blocked>, flow: FlowInfo) -> Trace {
        let mut path: Vec<String> = Vec::new();
        for h in &self.hops {
            if matches!(h.kind, "internet" | "aws-service" | "on-premises") {
                continue;
            }
            if path.last() != Some(&h.component) {
                path.push(h.component.clone());
            }
        }
        let (reachable, blocked_at, code, explanation, fix) = match result {
            Ok(_) => {
                let gateways: Vec<&str> = self
                    .hops
                    .iter()
                    .filter(|h| h.leg == Leg::Forward)
                    .filter(|h| {
                        matches!(
                            h.kind,
                            "internet-gateway"
                                | "nat-gateway"
                                | "peering"
                                | "gateway-endpoint"
                                | "interface-endpoint"
                                | "vpn-gateway"
                        )
                    })
                    .map(|h| h.component.as_str())
                    .collect();
                let mut g: Vec<&str> = Vec::new();
                for x in gateways {
                    if !g.contains(&x) {
                        g.push(x);
                    }
                }
                let through = if g.is_empty() {
                    String::new()
                } else {
                    format!(" through {}", g.join(", "))
                };
                (
                    true,
                    None,
                    None,
                    format!(
                        "Reachable: the request from {} reaches {}{through}, and the reply comes back.",
                        flow.from, flow.to
                    ),
                    None,
                )
            }
            Err(b) => (false, Some(b.at), Some(b.code), b.why, b.fix.map(|f| *f)),
        };
        Trace {
            flow,
            reachable,
            path,
            blocked_at,
            explanation_code: code,
            explanation,
            fix,
            hops: self.hops,
        }
    }

    fn eni_label(&self, e: EniIdx) -> String {
        let eni = &self.net.enis[e.i()];
        match &eni.owner {
            EniOwner::Instance(i) => {
                let name = &eni.name;
                if name.is_empty() {
                    format!("instance {i}")
                } else {
                    format!("instance {name} ({i})")
                }
            }
            EniOwner::NatGateway(n) => format!("NAT gateway {}", self.net.nat_gateways[n.i()].id),
            EniOwner::InterfaceEndpoint(v) => {
                format!("interface endpoint {}", self.net.endpoints[v.i()].id)
            }
            EniOwner::Other => format!("interface {}", eni.id),
        }
    }

    // ---- the two legs -----------------------------------------------------------------------

    fn request(&mut self, src: EniIdx, pkt: Header, wanted: &Wanted) -> Step {
        let e = &self.net.enis[src.i()];
        let label = self.eni_label(src);
        let (vpc_id, subnet_id) = (
            self.net.vpcs[e.vpc.i()].id.clone(),
            self.net.subnets[e.subnet.i()].id.clone(),
        );
        let eid = e.id.clone();
        if let EniOwner::InterfaceEndpoint(v) = e.owner {
            // R21: an endpoint only answers; it never opens connections into the VPC.
            let id = self.net.endpoints[v.i()].id.clone();
            return Err(self.block(
                &id,
                "interface-endpoint",
                Code::VpceIntraVpcTraffic,
                format!("{id} is an interface endpoint: the AWS service behind it only replies and never starts connections into the VPC."),
                pkt,
                None,
            ));
        }
        let h = self.hop(
            &eid,
            "eni",
            Action::Forward,
            format!("The packet leaves {label} ({}).", pkt.src),
            pkt,
        );
        h.vpc = Some(vpc_id);
        h.subnet = Some(subnet_id);
        let ctx = Ctx {
            vpc: e.vpc,
            via: Via::Origin,
            sender: Some(src),
        };
        let reached = self.send_from_eni(src, pkt, ctx)?;
        if let (Wanted::Eni(want), Reached::Eni(got, h)) = (wanted, reached) {
            if *want != got {
                let (wid, gid) = (
                    self.net.enis[want.i()].id.clone(),
                    self.net.enis[got.i()].id.clone(),
                );
                let gvpc = self.net.vpcs[self.net.enis[got.i()].vpc.i()].id.clone();
                return Err(self.block(
                    &gid,
                    "eni",
                    Code::NoPossibleDestination,
                    format!(
                        "The packet was delivered to {} in {gvpc}, which has the same address, not to {wid}: the routes chose the wrong VPC (the longest prefix wins, R2).",
                        self.eni_label(got)
                    ),
                    h,
                    None,
                ));
            }
        }
        Ok(reached)
    }

    fn reply(&mut self, reached: Reached, src: Source) -> Step {
        let back = match reached {
            Reached::Eni(e, h) => {
                let ctx = Ctx {
                    vpc: self.net.enis[e.i()].vpc,
                    via: Via::Origin,
                    sender: Some(e),
                };
                self.send_from_eni(e, h.reply(), ctx)?
            }
            Reached::Outside(igw, h) => self.ingress_igw(igw, h.reply())?,
            Reached::GatewayEndpoint(v, h) => {
                let r = h.reply();
                let ep = &self.net.endpoints[v.i()];
                let (id, vpc) = (ep.id.clone(), ep.vpc);
                self.hop(
                    &id,
                    "gateway-endpoint",
                    Action::Forward,
                    format!(
                        "The reply from {} comes back into the VPC through {id}.",
                        ep.service
                    ),
                    r,
                );
                let ctx = Ctx {
                    vpc,
                    via: Via::Endpoint,
                    sender: None,
                };
                self.deliver_local(vpc, r, ctx, None)?
            }
            Reached::OnPrem(g, h) => self.ingress_vgw(g, h.reply())?,
        };
        let arrived = match back {
            Reached::Eni(_, h)
            | Reached::Outside(_, h)
            | Reached::GatewayEndpoint(_, h)
            | Reached::OnPrem(_, h) => h,
        };
        let home = match (back, src) {
            (Reached::Eni(e, _), Source::Eni(s)) => e == s,
            (Reached::OnPrem(..), Source::OnPrem(..))
            | (Reached::Outside(..), Source::Internet(_)) => true,
            _ => false,
        };
        if let (true, Some(first)) = (home, self.first) {
            // The client accepts only a reply from the address and port it connected to: a
            // reply rewritten on an asymmetric path (through a NAT gateway the request never
            // used, say) is dropped by the client, so no connection forms.
            if arrived.src != first.dst || arrived.src_port != first.dst_port {
                let ret = || {
                    self.hops
                        .iter()
                        .filter(|h| h.leg == Leg::Return && h.action == Action::Translate)
                };
                let culprit = ret()
                    .find(|h| h.kind == "nat-gateway")
                    .or_else(|| ret().next_back())
                    .or(self.hops.last());
                let (at, kind) = culprit
                    .map(|h| (h.component.clone(), h.kind))
                    .unwrap_or_default();
                let why = format!(
                    "the reply comes back from {}:{} but the connection was made to {}:{}, so the client discards it. The reply left by a different path than the request came in ({at} rewrote it); AWS does not support asymmetric routing, and a NAT gateway only translates connections started from inside.",
                    arrived.src, arrived.src_port, first.dst, first.dst_port
                );
                return Err(self.block(&at, kind, Code::NoPath, why, arrived, None));
            }
        }
        match (back, src) {
            (Reached::Eni(e, _), Source::Eni(s)) if e == s => Ok(back),
            (Reached::OnPrem(..), Source::OnPrem(..)) | (Reached::Outside(..), Source::Internet(_)) => Ok(back),
            (Reached::Eni(e, h), _) => {
                let id = self.net.enis[e.i()].id.clone();
                Err(self.block(
                    &id,
                    "eni",
                    Code::NoPossibleDestination,
                    format!("the reply was delivered to {} instead of the flow's source. With overlapping peers the replying side's routes decide, and there is no reverse-path check (R2, PR).", self.eni_label(e)),
                    h,
                    None,
                ))
            }
            _ => Err(Blocked {
                at: self.hops.last().map(|h| h.component.clone()).unwrap_or_default(),
                code: Code::NoPath,
                why: "The reply left by another way than the request came in, so it never reaches the source.".into(),
                fix: None,
            }),
        }
    }

    /// A flow from the corporate network enters through the virtual private gateway. Only
    /// addresses inside the VPC are reachable that way: no edge-to-edge routing (R18), and no
    /// gateway endpoint (R20).
    fn enter_from_onprem(&mut self, g: VgwIdx, pkt: Header) -> Step {
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

    /// A flow from an internet host: it can only enter through the internet gateway of the VPC
    /// that owns the public destination address (R12).
    fn enter_from_internet(&mut self, pkt: Header) -> Step {
        self.hop(
            "internet",
            "internet",
            Action::Forward,
            format!("The packet leaves {} on the internet.", pkt.src),
            pkt,
        );
        let owner = self
            .ix
            .eni_by_public_ip
            .get(&pkt.dst)
            .map(|e| self.net.enis[e.i()].vpc);
        let vpc = owner.or_else(|| self.ix.vpc_cidrs.longest(pkt.dst).map(|(_, v)| v[0]));
        let igw = vpc.and_then(|v| self.ix.igw_of.get(&v).copied());
        match (vpc, igw) {
            (_, Some(g)) => self.ingress_igw(g, pkt),
            (Some(v), None) => {
                let vid = self.net.vpcs[v.i()].id.clone();
                Err(self.block(&vid, "vpc", Code::NoPossibleDestination, format!("{vid} has no internet gateway, so nothing on the internet can reach it (R12, R13)."), pkt, None))
            }
            (None, None) => Err(Blocked {
                at: "internet".into(),
                code: Code::NoPossibleDestination,
                why: format!("No VPC in the network owns {}.", pkt.dst),
                fix: None,
            }),
        }
    }

    // ---- interfaces -------------------------------------------------------------------------

    /// A packet leaves an interface: its groups (R9), then the subnet boundary (R7) and routing.
    fn send_from_eni(&mut self, eni: EniIdx, pkt: Header, ctx: Ctx) -> Step {
        self.groups(eni, Direction::Egress, pkt, ctx)?;
        let e = &self.net.enis[eni.i()];
        let subnet = e.subnet;
        let vpc = e.vpc;
        if self.net.subnets[subnet.i()].cidr.contains(&pkt.dst) {
            // R7: inside one subnet there is no route table and no ACL.
            return match self.ix.eni_by_ip.get(&(vpc, pkt.dst)).copied() {
                Some(d) => self.arrive_eni(d, pkt, ctx),
                None => {
                    let sid = self.net.subnets[subnet.i()].id.clone();
                    Err(self.block(
                        &sid,
                        "subnet",
                        Code::NoPossibleDestination,
                        format!("No interface in subnet {sid} has the address {}.", pkt.dst),
                        pkt,
                        None,
                    ))
                }
            };
        }
        self.nacl(subnet, Direction::Egress, pkt)?;
        self.route_from(subnet, pkt, ctx)
    }

    /// A packet reaches an interface (after the ACL of its subnet, if it crossed one).
    fn arrive_eni(&mut self, eni: EniIdx, pkt: Header, ctx: Ctx) -> Step {
        let e = &self.net.enis[eni.i()];
        let eid = e.id.clone();
        let (vpc_id, subnet_id) = (
            self.net.vpcs[e.vpc.i()].id.clone(),
            self.net.subnets[e.subnet.i()].id.clone(),
        );
        if let EniOwner::NatGateway(n) = e.owner {
            let nat = &self.net.nat_gateways[n.i()];
            let nid = nat.id.clone();
            if let Some(st) = self.nat.filter(|s| s.nat == n && self.leg == Leg::Return) {
                // The reply to a translated flow: undo the translation (R14).
                let back = Header {
                    dst: st.orig_src,
                    dst_port: st.orig_port,
                    ..pkt
                };
                let h = self.hop(
                    &nid,
                    "nat-gateway",
                    Action::Translate,
                    format!(
                        "{nid} maps the reply back to the original source {}.",
                        st.orig_src
                    ),
                    pkt,
                );
                h.header_out = back;
                h.vpc = Some(vpc_id);
                h.subnet = Some(subnet_id);
                let ctx = Ctx {
                    sender: None,
                    ..ctx
                };
                return self.send_from_eni(eni, back, ctx);
            }
            return Err(self.block(&nid, "nat-gateway", Code::NoPossibleDestination, format!("{nid} is a NAT gateway: it does not accept connections started from outside (R15)."), pkt, None));
        }
        self.groups(eni, Direction::Ingress, pkt, ctx)?;
        let label = self.eni_label(eni);
        let verb = if self.leg == Leg::Forward {
            "The packet reaches"
        } else {
            "The reply reaches"
        };
        let h = self.hop(
            &eid,
            "eni",
            Action::Deliver,
            format!("{verb} {label} ({}).", pkt.dst),
            pkt,
        );
        h.vpc = Some(vpc_id);
        h.subnet = Some(subnet_id);
        if let EniOwner::InterfaceEndpoint(v) = self.net.enis[eni.i()].owner {
            if self.leg == Leg::Forward {
                let ep = &self.net.endpoints[v.i()];
                let (id, svc) = (ep.id.clone(), ep.service.clone());
                self.hop(
                    &id,
                    "interface-endpoint",
                    Action::Deliver,
                    format!("Interface endpoint {id} hands the request to {svc} over PrivateLink."),
                    pkt,
                );
                self.authorize(Some(v), pkt)?;
            }
        }
        Ok(Reached::Eni(eni, pkt))
    }

    /// Delivery inside a VPC by its local route: find the interface, cross its subnet's ACL.
    fn deliver_local(
        &mut self,
        vpc: VpcIdx,
        pkt: Header,
        ctx: Ctx,
        from: Option<SubnetIdx>,
    ) -> Step {
        match self.ix.eni_by_ip.get(&(vpc, pkt.dst)).copied() {
            Some(d) => {
                let ds = self.net.enis[d.i()].subnet;
                if Some(ds) != from {
                    self.nacl(ds, Direction::Ingress, pkt)?;
                }
                self.arrive_eni(d, pkt, ctx)
            }
            None => {
                let v = &self.net.vpcs[vpc.i()];
                let at = self
                    .ix
                    .subnet_at(self.net, vpc, pkt.dst)
                    .map(|s| self.net.subnets[s.i()].id.clone())
                    .unwrap_or_else(|| v.id.clone());
                let vid = v.id.clone();
                let kind = if at.starts_with("subnet") || at != vid {
                    "subnet"
                } else {
                    "vpc"
                };
                let why = match ctx.via {
                    // With overlapping peers the replying side's longest prefix can send the
                    // reply into the wrong VPC; nothing checks the reverse path (R2, PR).
                    Via::Peering(p) if self.leg == Leg::Return => format!(
                        "the replying side's route table sent the reply over {} into {vid}, which has no interface with the address {}: the longest matching prefix chose the wrong peer, and there is no reverse-path check (R2, PR).",
                        self.net.peerings[p.i()].id,
                        pkt.dst
                    ),
                    _ => format!(
                        "No network interface in {vid} has the address {}, so nothing can answer.",
                        pkt.dst
                    ),
                };
                Err(self.block(&at, kind, Code::NoPossibleDestination, why, pkt, None))
            }
        }
    }

    // ---- rules ------------------------------------------------------------------------------

    /// R9: an interface's groups judge a packet. Connection tracking is per interface: a reply
    /// passes without rules only at an interface that saw the request; elsewhere (an
    /// asymmetric path) it is judged as a new flow.
    fn groups(
        &mut self,
        eni: EniIdx,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Result<(), Blocked> {
        if self.net.enis[eni.i()].security_groups.is_empty() {
            return Ok(());
        }
        if self.leg == Leg::Return && self.tracked.contains(&eni) {
            self.sg_stateful(eni, pkt);
            return Ok(());
        }
        match self.sg_check(eni, dir, pkt, ctx) {
            Ok(()) => {
                if self.leg == Leg::Forward {
                    self.tracked.insert(eni);
                }
                Ok(())
            }
            Err(mut b) if self.leg == Leg::Return => {
                // Opening the ephemeral ports is not the fix: the path is.
                b.why.push_str(" This interface never saw the request: the reply takes a different path (asymmetric routing, which AWS does not support), so its groups judge the reply as a new connection. Route the reply back the way the request came.");
                b.fix = None;
                if let Some(h) = self.hops.last_mut() {
                    h.detail = b.why.clone();
                }
                Err(b)
            }
            Err(b) => Err(b),
        }
    }

    fn sg_stateful(&mut self, eni: EniIdx, pkt: Header) {
        let e = &self.net.enis[eni.i()];
        let first = self.net.security_groups[e.security_groups[0].i()]
            .id
            .clone();
        self.hop(&first, "security-group", Action::Allow, "Security groups are stateful: the reply of an allowed connection passes without a rule (R9).".into(), pkt);
    }

    /// R9, R10: the union of the interface's groups must allow the packet.
    fn sg_check(
        &mut self,
        eni: EniIdx,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Result<(), Blocked> {
        let e = &self.net.enis[eni.i()];
        let remote = if dir == Direction::Ingress {
            pkt.src
        } else {
            pkt.dst
        };
        let mut any_rules = false;
        for g in &e.security_groups {
            let sg = &self.net.security_groups[g.i()];
            let rules = if dir == Direction::Ingress {
                &sg.ingress
            } else {
                &sg.egress
            };
            any_rules |= !rules.is_empty();
            for (i, r) in rules.iter().enumerate() {
                if self.sg_rule_matches(r, dir, pkt, e, ctx) {
                    let text = sg_rule_text(self.net, r, dir);
                    let (sid, did) = (sg.id.clone(), dir.as_str());
                    let h = self.hop(
                        &sid,
                        "security-group",
                        Action::Allow,
                        format!("{sid} {did} rule \"{text}\" allows it."),
                        pkt,
                    );
                    h.rule = Some(RuleMatch {
                        kind: "security-group",
                        id: sid,
                        direction: did,
                        rule_number: None,
                        index: Some(i),
                        text,
                        action: "allow",
                    });
                    return Ok(());
                }
            }
        }
        let groups: Vec<String> = e
            .security_groups
            .iter()
            .map(|g| self.net.security_groups[g.i()].id.clone())
            .collect();
        let first = groups[0].clone();
        let cidr = self.remote_cidr(remote);
        let ports = if pkt.protocol.has_ports() {
            pkt.dst_port.to_string()
        } else {
            "all".into()
        };
        let fix = Fix::new(FixAction::AddSecurityGroupRule {
            group: first.clone(),
            direction: dir,
            protocol: pkt.protocol.to_string(),
            ports,
            cidr,
        });
        let (near_code, near_why) = self.group_reference_miss(e, dir, pkt, ctx);
        let code = if !any_rules {
            Code::SgHasNoRules
        } else {
            near_code.unwrap_or(Code::EniSgRulesMismatch)
        };
        let what = if dir == Direction::Ingress {
            "inbound"
        } else {
            "outbound"
        };
        let peer = if dir == Direction::Ingress {
            format!("from {}", pkt.src)
        } else {
            format!("to {}", pkt.dst)
        };
        let service = port_name(pkt);
        let why = format!(
            "No {what} rule of {} allows {service} {peer}, so {} {} (security groups deny what no rule allows, R9).",
            groups.join(", "),
            self.eni_label(eni),
            if dir == Direction::Ingress { "refuses the connection" } else { "cannot send it" }
        );
        let why = match near_why {
            Some(extra) => format!("{why} {extra}"),
            None => why,
        };
        Err(self.block(&first, "security-group", code, why, pkt, Some(fix)))
    }

    /// R10: a rule that would match but for its group reference, and why the reference fails.
    fn group_reference_miss(
        &self,
        e: &Eni,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> (Option<Code>, Option<String>) {
        for g in &e.security_groups {
            let sg = &self.net.security_groups[g.i()];
            let rules = if dir == Direction::Ingress {
                &sg.ingress
            } else {
                &sg.egress
            };
            for r in rules {
                let ports_ok = !r.protocol.has_ports() || r.ports.contains(pkt.dst_port);
                if !r.protocol.covers(pkt.protocol) || !ports_ok {
                    continue;
                }
                let text = sg_rule_text(self.net, r, dir);
                match &r.peer {
                    SgPeer::UnknownGroup(id) => {
                        return (Some(Code::UnknownPeeredSgs), Some(format!("The rule \"{text}\" names {id}, which is not in this network (another account or Region), so it matches nothing (R10).")));
                    }
                    SgPeer::Group(ref_g) => {
                        let other = if dir == Direction::Ingress {
                            ctx.sender.filter(|s| self.net.enis[s.i()].has_ip(pkt.src))
                        } else {
                            self.eni_for_group_match(e.vpc, pkt.dst)
                        };
                        let gid = &self.net.security_groups[ref_g.i()].id;
                        match other {
                            None if dir == Direction::Ingress => {
                                let how = if ctx.via == Via::Igw {
                                    format!("it came in through the internet gateway from the public address {}, and group references match private addresses only", pkt.src)
                                } else {
                                    "it was rewritten by a NAT gateway or forwarded by an appliance on the way".to_string()
                                };
                                return (Some(Code::SgReferencesNotPreserved), Some(format!("The rule \"{text}\" matches members of {gid}, but this packet carries no security-group identity: {how} (R10).")));
                            }
                            Some(o) if self.net.enis[o.i()].security_groups.contains(ref_g) => {
                                let (a, b) = (
                                    &self.net.vpcs[self.net.enis[o.i()].vpc.i()],
                                    &self.net.vpcs[e.vpc.i()],
                                );
                                let reason = if a.region != b.region {
                                    format!("group references do not work across Regions ({} and {}); use the peer's CIDR instead", a.region, b.region)
                                } else {
                                    "a group in a peered VPC matches only while the peering connection is active".to_string()
                                };
                                return (
                                    Some(Code::UnknownPeeredSgs),
                                    Some(format!(
                                        "The rule \"{text}\" references {gid}, but {reason} (R10)."
                                    )),
                                );
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
        }
        (None, None)
    }

    fn sg_rule_matches(
        &self,
        r: &SgRule,
        dir: Direction,
        pkt: Header,
        eni: &Eni,
        ctx: Ctx,
    ) -> bool {
        if !r.protocol.covers(pkt.protocol) {
            return false;
        }
        if r.protocol.has_ports() && !r.ports.contains(pkt.dst_port) {
            return false;
        }
        let remote = if dir == Direction::Ingress {
            pkt.src
        } else {
            pkt.dst
        };
        match &r.peer {
            SgPeer::Cidr(c) => c.contains(&remote),
            SgPeer::PrefixList(p) => self.net.prefix_lists[p.i()]
                .cidrs
                .iter()
                .any(|c| c.contains(&remote)),
            SgPeer::UnknownGroup(_) => false,
            SgPeer::Group(g) => {
                let other = if dir == Direction::Ingress {
                    ctx.sender.filter(|s| self.net.enis[s.i()].has_ip(pkt.src))
                } else {
                    self.eni_for_group_match(eni.vpc, pkt.dst)
                };
                match other {
                    Some(o) => {
                        let oe = &self.net.enis[o.i()];
                        oe.security_groups.contains(g) && self.sg_reference_ok(oe.vpc, eni.vpc)
                    }
                    None => false,
                }
            }
        }
    }

    /// R10: a group reference matches within the VPC, or across an active same-Region peering.
    fn sg_reference_ok(&self, a: VpcIdx, b: VpcIdx) -> bool {
        a == b
            || (self.net.vpcs[a.i()].region == self.net.vpcs[b.i()].region
                && self.ix.active_peering(self.net, a, b).is_some())
    }

    fn eni_for_group_match(&self, vpc: VpcIdx, ip: Ipv4Addr) -> Option<EniIdx> {
        if let Some(e) = self.ix.eni_by_ip.get(&(vpc, ip)) {
            return Some(*e);
        }
        for p in self.ix.peerings_of.get(&vpc).into_iter().flatten() {
            let pc = &self.net.peerings[p.i()];
            if let Some(other) = pc.other_side(vpc) {
                if let Some(e) = self.ix.eni_by_ip.get(&(other, ip)) {
                    return Some(*e);
                }
            }
        }
        None
    }

    /// R7, R8: the subnet's ACL, first matching rule by number, stateless in both directions.
    fn nacl(&mut self, subnet: SubnetIdx, dir: Direction, pkt: Header) -> Result<(), Blocked> {
        let s = &self.net.subnets[subnet.i()];
        let acl = &self.net.nacls[s.nacl.i()];
        let rules = if dir == Direction::Ingress {
            &acl.ingress
        } else {
            &acl.egress
        };
        let remote = if dir == Direction::Ingress {
            pkt.src
        } else {
            pkt.dst
        };
        let hit = rules
            .iter()
            .find(|r| r.matches(remote, pkt.protocol, pkt.dst_port));
        let (aid, sid, did) = (acl.id.clone(), s.id.clone(), dir.as_str());
        let vpc_id = self.net.vpcs[s.vpc.i()].id.clone();
        let (number, text, allow) = match hit {
            Some(r) => (
                Some(r.number),
                nacl_rule_text(r),
                r.action == NaclAction::Allow,
            ),
            None => (
                None,
                "* all traffic deny (the final rule)".to_string(),
                false,
            ),
        };
        if allow {
            let h = self.hop(
                &aid,
                "network-acl",
                Action::Allow,
                format!("{aid} ({did} of {sid}) rule {text} allows it."),
                pkt,
            );
            h.vpc = Some(vpc_id);
            h.subnet = Some(sid);
            h.rule = Some(RuleMatch {
                kind: "network-acl",
                id: aid,
                direction: did,
                rule_number: number,
                index: None,
                text,
                action: "allow",
            });
            return Ok(());
        }
        // Suggest an allow rule that comes before the one that denied.
        let used: HashSet<u16> = rules.iter().map(|r| r.number).collect();
        let rule_no = match number {
            Some(n) => (1..n).rev().find(|k| !used.contains(k)),
            None => {
                let max = rules.iter().map(|r| r.number).max().unwrap_or(0);
                let next = (max / 10 + 1) * 10;
                (next..=32766).find(|k| !used.contains(k))
            }
        };
        let ephemeral =
            self.leg == Leg::Return || pkt.dst_port == NAT_PORT || pkt.dst_port == CLIENT_PORT;
        let ports = if !pkt.protocol.has_ports() {
            "all".to_string()
        } else if ephemeral {
            "1024-65535".to_string()
        } else {
            pkt.dst_port.to_string()
        };
        let fix = rule_no.map(|rule| {
            Fix::new(FixAction::AddNetworkAclRule {
                network_acl: aid.clone(),
                direction: dir,
                rule,
                protocol: pkt.protocol.to_string(),
                ports: ports.clone(),
                cidr: self.remote_cidr(remote),
            })
        });
        let stateless = if ephemeral {
            " Network ACLs are stateless, so replies need their own rule for the ephemeral ports 1024-65535 (R8)."
        } else {
            ""
        };
        let way = if dir == Direction::Ingress {
            "entering"
        } else {
            "leaving"
        };
        let why = format!(
            "Network ACL {aid} blocks {} {way} subnet {sid}: rule {text} matches first.{stateless}",
            port_name(pkt)
        );
        let b = self.block(
            &aid,
            "network-acl",
            Code::SubnetAclRestriction,
            why,
            pkt,
            fix,
        );
        if let Some(h) = self.hops.last_mut() {
            h.vpc = Some(vpc_id);
            h.subnet = Some(sid);
            h.rule = Some(RuleMatch {
                kind: "network-acl",
                id: aid,
                direction: did,
                rule_number: number,
                index: None,
                text,
                action: "deny",
            });
        }
        Err(b)
    }

    /// The block a fix should open: the remote's VPC or on-premises CIDR, else the address.
    fn remote_cidr(&self, ip: Ipv4Addr) -> String {
        // Another instance's public IP (traffic that came back in through an internet
        // gateway): open exactly that address, not the whole internet.
        if self.ix.eni_by_public_ip.contains_key(&ip) {
            return format!("{ip}/32");
        }
        if let Some((_, v)) = self.ix.vpc_cidrs.longest(ip) {
            let vpc = &self.net.vpcs[v[0].i()];
            if let Some(c) = vpc.cidrs.iter().find(|c| c.contains(&ip)) {
                return c.to_string();
            }
        }
        if let Some((len, v)) = self.ix.onprem.longest(ip) {
            if let Some(c) = self.net.vpn_gateways[v[0].i()]
                .onprem_cidrs
                .iter()
                .find(|c| c.prefix_len() == len && c.contains(&ip))
            {
                return c.to_string();
            }
        }
        if !is_private(ip) {
            return "0.0.0.0/0".into();
        }
        format!("{ip}/32")
    }

    // ---- routing ----------------------------------------------------------------------------

    /// R1-R6: the subnet's route table picks the next component.
    fn route_from(&mut self, subnet: SubnetIdx, pkt: Header, ctx: Ctx) -> Step {
        let rtb = self.net.route_table_of(subnet);
        let table = &self.net.route_tables[rtb.i()];
        let tid = table.id.clone();
        let vpc_id = self.net.vpcs[table.vpc.i()].id.clone();
        let sid = self.net.subnets[subnet.i()].id.clone();
        if !self.visited.insert((rtb, self.leg, pkt.src, pkt.dst)) || self.hops.len() > HOP_LIMIT {
            return Err(self.block(&tid, "route-table", Code::NoPath, format!("The packet came back to {tid} again: the routes form a loop, so it never arrives."), pkt, None));
        }
        // R6: the reserved link-local block is never forwarded.
        let o = pkt.dst.octets();
        if o[0] == 169 && o[1] == 254 && (168..172).contains(&o[2]) {
            return Err(self.block(
                &tid,
                "route-table",
                Code::NoRouteToDestination,
                format!(
                    "{} is in 169.254.168.0/22, which AWS reserves and never forwards (R6).",
                    pkt.dst
                ),
                pkt,
                None,
            ));
        }
        let decision = lookup(self.net, self.ix, rtb, pkt.dst);
        let Some(m) = decision.matched.clone() else {
            let fix = self.suggest_route(rtb, subnet, pkt);
            let mut why = format!("Route table {tid} (used by {sid}) has no route that covers {}, so the packet is dropped (R3).", pkt.dst);
            if let Some(extra) = self.no_route_hint(table.vpc, pkt.dst) {
                why.push(' ');
                why.push_str(&extra);
            }
            let b = self.block(
                &tid,
                "route-table",
                Code::NoRouteToDestination,
                why,
                pkt,
                fix,
            );
            if let Some(h) = self.hops.last_mut() {
                h.route = Some(decision);
                h.vpc = Some(vpc_id);
                h.subnet = Some(sid);
            }
            return Err(b);
        };
        let route = table.routes[m.index].clone();
        if let Some(b) = self.bad_state(rtb, &route, &m, pkt, &decision) {
            return Err(b);
        }
        let lost = decision
            .candidates
            .iter()
            .skip(1)
            .map(|c| {
                let why = if c.outcome == "shorter-prefix" {
                    format!("/{} is less specific", c.prefix_len)
                } else {
                    "same prefix, lower priority".to_string()
                };
                format!("{} -> {} ({why})", c.destination, c.target)
            })
            .collect::<Vec<_>>();
        let mut detail = format!(
            "Route table {tid} sends {} to {} by the route {}.",
            pkt.dst, m.target, m.destination
        );
        if !lost.is_empty() {
            detail.push_str(&format!(
                " Other matching routes lose: {}.",
                lost.join(", ")
            ));
        }
        let h = self.hop(&tid, "route-table", Action::Forward, detail, pkt);
        h.route = Some(decision);
        h.vpc = Some(vpc_id);
        h.subnet = Some(sid);
        match route.target {
            Target::Local => self.deliver_local(table.vpc, pkt, ctx, Some(subnet)),
            Target::InternetGateway(g) => self.egress_igw(g, pkt, ctx, rtb, &m.destination),
            Target::NatGateway(n) => self.via_nat(n, pkt, ctx, subnet),
            Target::Peering(p) => self.cross_peering(p, pkt, ctx),
            Target::GatewayEndpoint(v) => self.via_gateway_endpoint(v, pkt, ctx),
            Target::VpnGateway(g) => self.egress_vgw(g, pkt, ctx),
            Target::NetworkInterface(e) => self.via_appliance(e, pkt, ctx, subnet),
            Target::Unsupported(_) | Target::Missing(_) => unreachable_target(self, &tid, pkt),
        }
    }

    /// R4: a route whose target is missing or not usable is blackhole; no other route is tried.
    fn bad_state(
        &mut self,
        rtb: RtbIdx,
        route: &Route,
        m: &super::Candidate,
        pkt: Header,
        decision: &RouteDecision,
    ) -> Option<Blocked> {
        let table = &self.net.route_tables[rtb.i()];
        let tid = table.id.clone();
        let vpc = table.vpc;
        // The same test the summary uses for a route's state; below only says why.
        if !self.net.is_blackhole(vpc, route) {
            return None;
        }
        let (at, kind, why, fix): (String, &'static str, String, Option<Fix>) = match &route.target {
            Target::Missing(id) => (tid.clone(), "route-table", format!("The route {} -> {id} in {tid} is blackhole: {id} does not exist (deleted, or not in the input) (R4)."
                , m.destination), None),
            Target::Unsupported(id) => (tid.clone(), "route-table", format!("The route {} -> {id} in {tid} leads to a component the playground does not model yet.", m.destination), None),
            Target::InternetGateway(g) if self.net.internet_gateways[g.i()].vpc != Some(vpc) => {
                let id = self.net.internet_gateways[g.i()].id.clone();
                (id.clone(), "internet-gateway", format!("The route {} -> {id} is blackhole: {id} is not attached to this VPC (R4).", m.destination), None)
            }
            Target::VpnGateway(g) if self.net.vpn_gateways[g.i()].vpc != Some(vpc) => {
                let id = self.net.vpn_gateways[g.i()].id.clone();
                (id.clone(), "vpn-gateway", format!("The route {} -> {id} is blackhole: {id} is not attached to this VPC (R4).", m.destination), None)
            }
            Target::NatGateway(n) if !self.net.nat_gateways[n.i()].available => {
                let id = self.net.nat_gateways[n.i()].id.clone();
                (id.clone(), "nat-gateway", format!("The route {} -> {id} is blackhole: NAT gateway {id} is not available (R4).", m.destination), None)
            }
            Target::Peering(p) if self.net.peerings[p.i()].status != PeeringStatus::Active => {
                let pc = &self.net.peerings[p.i()];
                let id = pc.id.clone();
                let (fix, tail) = match pc.status {
                    PeeringStatus::PendingAcceptance => (
                        Some(Fix::new(FixAction::AcceptPeering { peering: id.clone() })),
                        format!(" The owner of {} must accept it.", self.net.vpcs[pc.accepter.i()].id),
                    ),
                    PeeringStatus::Failed if pc.requested_status.is_some() => (
                        None,
                        " AWS fails a peering request between VPCs whose CIDR blocks overlap, secondary blocks included (R19); give one VPC a different range.".to_string(),
                    ),
                    _ => (None, String::new()),
                };
                (id.clone(), "peering", format!("The route {} -> {id} is blackhole: the peering connection is {}, not active (R4).{tail}", m.destination, pc.status.as_str()), fix)
            }
            _ => (tid.clone(), "route-table", format!("The route {} in {tid} is reported blackhole: its target is unavailable (R4).", m.destination), None),
        };
        if at != tid {
            // The table did choose a route; the drop belongs to the target's state.
            let detail = format!(
                "Route table {tid} picks the route {} -> {} for {}.",
                m.destination, m.target, pkt.dst
            );
            self.hop(&tid, "route-table", Action::Forward, detail, pkt)
                .route = Some(decision.clone());
        }
        let b = self.block(&at, kind, Code::BadStateRoute, why, pkt, fix);
        // Show the route decision on the blocking hop too.
        if let Some(h) = self.hops.last_mut() {
            h.route = Some(decision.clone());
        }
        Some(b)
    }

    /// A configuration change that would give `pkt` a route out of `rtb`.
    fn suggest_route(&self, rtb: RtbIdx, subnet: SubnetIdx, pkt: Header) -> Option<Fix> {
        let net = self.net;
        let table = &net.route_tables[rtb.i()];
        let vpc = table.vpc;
        let dst = pkt.dst;
        let add = |destination: String, target: String| {
            Some(Fix::new(FixAction::AddRoute {
                route_table: table.id.clone(),
                destination,
                target,
            }))
        };
        // A peered VPC holds the address: route its block to the peering connection.
        for p in self.ix.peerings_of.get(&vpc).into_iter().flatten() {
            let pc = &net.peerings[p.i()];
            if matches!(
                pc.status,
                PeeringStatus::Deleted
                    | PeeringStatus::Rejected
                    | PeeringStatus::Expired
                    | PeeringStatus::Failed
            ) {
                continue;
            }
            if let Some(other) = pc.other_side(vpc) {
                if let Some(c) = net.vpcs[other.i()].cidrs.iter().find(|c| c.contains(&dst)) {
                    return add(c.to_string(), pc.id.clone());
                }
            }
        }
        // The corporate network behind this VPC's virtual private gateway.
        for g in self.ix.vgws_in(vpc).map(|g| &net.vpn_gateways[g.i()]) {
            if let Some(c) = g.onprem_cidrs.iter().find(|c| c.contains(&dst)) {
                return add(c.to_string(), g.id.clone());
            }
        }
        if is_private(dst) {
            return None;
        }
        // An AWS service with a gateway endpoint in this VPC: associate the table with it.
        if let Some((_, svcs)) = self.ix.services.longest(dst) {
            let svc = &net.services[svcs[0]];
            if let Some(e) = self.ix.gateway_endpoint(net, vpc, &svc.name) {
                return Some(Fix::new(FixAction::AssociateEndpointRouteTable {
                    endpoint: net.endpoints[e.i()].id.clone(),
                    route_table: table.id.clone(),
                }));
            }
        }
        let igw = self
            .ix
            .igw_of
            .get(&vpc)
            .map(|g| &net.internet_gateways[g.i()]);
        let sender_public = self
            .ix
            .eni_by_ip
            .get(&(vpc, pkt.src))
            .is_some_and(|e| net.enis[e.i()].public_ip.is_some());
        if let (Some(g), true) = (igw, sender_public) {
            return add("0.0.0.0/0".into(), g.id.clone());
        }
        // A private subnet reaches the internet through a public NAT gateway in another subnet.
        let nat = self
            .ix
            .nats_in(vpc)
            .map(|n| &net.nat_gateways[n.i()])
            .find(|n| {
                n.available
                    && n.connectivity == NatConnectivity::Public
                    && n.subnet != subnet
                    && net.route_table_of(n.subnet) != rtb
                    && self.nat_reaches_internet(n, dst)
            });
        if let Some(n) = nat {
            return add("0.0.0.0/0".into(), n.id.clone());
        }
        igw.and_then(|g| add("0.0.0.0/0".into(), g.id.clone()))
    }

    /// R14: a NAT gateway reaches the internet only if its own subnet routes there.
    fn nat_reaches_internet(&self, n: &NatGateway, dst: Ipv4Addr) -> bool {
        let vpc = self.net.subnets[n.subnet.i()].vpc;
        let rtb = self.net.route_table_of(n.subnet);
        let d = lookup(self.net, self.ix, rtb, dst);
        d.matched.is_some_and(|m| {
            matches!(self.net.route_tables[rtb.i()].routes[m.index].target,
                Target::InternetGateway(g) if self.net.internet_gateways[g.i()].vpc == Some(vpc))
        })
    }

    /// Extra words for a missing route when the VPC lacks what the destination needs.
    fn no_route_hint(&self, vpc: VpcIdx, dst: Ipv4Addr) -> Option<String> {
        let net = self.net;
        if is_private(dst) {
            // A VPC two peerings away: peering is not transitive (R17).
            let (_, owners) = self.ix.vpc_cidrs.longest(dst)?;
            let target = owners[0];
            if target == vpc || self.ix.active_peering(net, vpc, target).is_some() {
                return None;
            }
            let via = self
                .ix
                .peerings_of
                .get(&vpc)
                .into_iter()
                .flatten()
                .find_map(|p| {
                    let mid = net.peerings[p.i()].other_side(vpc)?;
                    self.ix.active_peering(net, mid, target).map(|_| mid)
                });
            let (t, v) = (&net.vpcs[target.i()].id, &net.vpcs[vpc.i()].id);
            return Some(match via {
                Some(mid) => format!("{t} is peered with {}, but peering is not transitive: {v} needs its own peering connection with {t}.", net.vpcs[mid.i()].id),
                None => match self.ix.peerings_of.get(&vpc).into_iter().flatten().map(|p| &net.peerings[p.i()]).find(|p| p.other_side(vpc) == Some(target)) {
                    Some(p) if p.requested_status.is_some() => format!("{dst} belongs to {t}. {} connects the two VPCs but is failed: their CIDR blocks overlap, and AWS fails such a request (R19).", p.id),
                    Some(p) => format!("{dst} belongs to {t}. {} connects the two VPCs but is {}, so it carries nothing yet.", p.id, p.status.as_str()),
                    None => format!("{dst} belongs to {t}, which has no peering connection with {v}."),
                },
            });
        }
        let has_igw = self.ix.igw_of.contains_key(&vpc);
        if has_igw {
            return None;
        }
        let peer_igw = self
            .ix
            .peerings_of
            .get(&vpc)
            .into_iter()
            .flatten()
            .find_map(|p| {
                let other = net.peerings[p.i()].other_side(vpc)?;
                self.ix
                    .igw_of
                    .get(&other)
                    .map(|g| (other, &net.internet_gateways[g.i()]))
            });
        let v = &net.vpcs[vpc.i()].id;
        Some(match peer_igw {
            Some((o, g)) => format!("{v} has no internet gateway or NAT gateway of its own, and it cannot borrow {}'s {} over the peering connection (no edge-to-edge routing, R18).", net.vpcs[o.i()].id, g.id),
            None => format!("{v} has no internet gateway, so nothing in it can reach the internet directly."),
        })
    }

    // ---- policies (R22) ---------------------------------------------------------------------

    /// A request passes only if the endpoint policy, the bucket policy and the caller's role
    /// policy all allow it: an endpoint policy grants nothing and overrides nothing (R22).
    fn authorize(&mut self, endpoint: Option<VpceIdx>, pkt: Header) -> Result<(), Blocked> {
        let Some(req) = self.request else {
            return Ok(());
        };
        let mut notes = Vec::new();
        let ctx = policy::Context {
            source_vpce: endpoint.map(|v| self.net.endpoints[v.i()].id.clone()),
            source_vpc: endpoint
                .map(|v| self.net.vpcs[self.net.endpoints[v.i()].vpc.i()].id.clone()),
        };
        let what = format!("{} on {}", req.action, req.resource);
        if let Some(v) = endpoint {
            let ep = &self.net.endpoints[v.i()];
            let id = ep.id.clone();
            if let Some(p) = &ep.policy {
                match policy::evaluate(p, req, &ctx, &mut notes) {
                    Decision::Allow(s) => {
                        self.hop(
                            &id,
                            "endpoint-policy",
                            Action::Allow,
                            format!("The endpoint policy of {id} allows {what} ({s})."),
                            pkt,
                        );
                    }
                    d => {
                        let why = match d {
                            Decision::Deny(s) => format!("The endpoint policy of {id} denies {what} explicitly ({s})."),
                            _ => format!("The endpoint policy of {id} does not allow {what}: none of its statements matches, and a policy allows only what it names."),
                        };
                        return Err(self.block(
                            &id,
                            "endpoint-policy",
                            Code::VpcePolicyDenied,
                            format!(
                                "{why} A bucket policy or role cannot override that (R22).{}",
                                note_text(&notes)
                            ),
                            pkt,
                            None,
                        ));
                    }
                }
            }
        }
        let bucket = req
            .resource
            .strip_prefix("arn:aws:s3:::")
            .map(|r| r.split('/').next().unwrap_or(r).to_string());
        let mut bucket_allows = false;
        if let Some(b) = bucket
            .as_ref()
            .and_then(|name| self.net.buckets.iter().find(|b| &b.name == name))
        {
            let name = b.name.clone();
            if let Some(p) = &b.policy {
                match policy::evaluate(p, req, &ctx, &mut notes) {
                    Decision::Deny(s) => {
                        let via = match &ctx.source_vpce {
                            Some(v) => format!(" The request came through {v}."),
                            None => " The request did not come through a VPC endpoint.".into(),
                        };
                        return Err(self.block(&name, "s3-bucket", Code::ResourcePolicyDenied, format!("The bucket policy of {name} denies {what} ({s}).{via} An explicit deny wins over every allow (R22).{}", note_text(&notes)), pkt, None));
                    }
                    Decision::Allow(_) => bucket_allows = true,
                    Decision::ImplicitDeny => {}
                }
            }
            self.hop(
                &name,
                "s3-bucket",
                Action::Allow,
                format!("The bucket policy of {name} does not deny {what}."),
                pkt,
            );
        }
        let role = match self.source {
            Source::Eni(e) => match &self.net.enis[e.i()].owner {
                EniOwner::Instance(i) => self
                    .net
                    .instances
                    .iter()
                    .find(|x| &x.id == i)
                    .and_then(|x| x.role_policy.clone().map(|p| (x.id.clone(), p))),
                _ => None,
            },
            _ => None,
        };
        if let Some((inst, p)) = role {
            match policy::evaluate(&p, req, &ctx, &mut notes) {
                Decision::Allow(_) => {}
                Decision::ImplicitDeny if bucket_allows => {}
                d => {
                    let why = match d {
                        Decision::Deny(s) => {
                            format!("the role policy of {inst} denies {what} ({s})")
                        }
                        _ => format!(
                            "neither the role policy of {inst} nor the bucket policy allows {what}"
                        ),
                    };
                    return Err(self.block(
                        &inst,
                        "role-policy",
                        Code::IdentityPolicyDenied,
                        format!(
                            "The network path works, but {why} (R22).{}",
                            note_text(&notes)
                        ),
                        pkt,
                        None,
                    ));
                }
            }
        }
        Ok(())
    }

    // ---- gateways ---------------------------------------------------------------------------

    /// R11: out through the internet gateway, with the source rewritten to its public IP.
    fn egress_igw(&mut self, g: IgwIdx, pkt: Header, ctx: Ctx, rtb: RtbIdx, dest: &str) -> Step {
        let gid = self.net.internet_gateways[g.i()].id.clone();
        if is_private(pkt.dst) {
            let o = pkt.dst.octets();
            let (code, space) = if o[0] == 100 && (o[1] & 0xc0) == 64 {
                (
                    Code::IgwDestinationAddressNotInRfc6598Egress,
                    "shared address space (RFC 6598, 100.64.0.0/10)",
                )
            } else {
                (
                    Code::IgwDestinationAddressNotInRfc1918Egress,
                    "private address space (RFC 1918)",
                )
            };
            return Err(self.block(&gid, "internet-gateway", code, format!("{gid} does not forward to {}: it is in {space}, which the internet does not route (R11).", pkt.dst), pkt, None));
        }
        if matches!(ctx.via, Via::Peering(_) | Via::Vgw) {
            return Err(self.block(&gid, "internet-gateway", Code::PcxRequiresAddressInVpcCidr, format!("Traffic that entered over a peering connection or VPN cannot leave through {gid} (no edge-to-edge routing, R18)."), pkt, None));
        }
        let sender = self.ix.eni_by_ip.get(&(ctx.vpc, pkt.src)).copied();
        let public = sender.and_then(|e| self.net.enis[e.i()].public_ip);
        let Some(public) = public else {
            let private_nat = sender.and_then(|e| match self.net.enis[e.i()].owner {
                EniOwner::NatGateway(n)
                    if self.net.nat_gateways[n.i()].connectivity == NatConnectivity::Private =>
                {
                    Some(n)
                }
                _ => None,
            });
            if let Some(n) = private_nat {
                let nid = self.net.nat_gateways[n.i()].id.clone();
                return Err(self.block(&gid, "internet-gateway", Code::IgwPublicIpAssociationForEgress, format!("{nid} is a private NAT gateway: it has no Elastic IP, so {gid} drops its traffic (R14). Use a public NAT gateway for internet access."), pkt, None));
            }
            let who = sender
                .map(|e| self.eni_label(e))
                .unwrap_or_else(|| pkt.src.to_string());
            let nat = self
                .ix
                .nats_in(ctx.vpc)
                .map(|n| &self.net.nat_gateways[n.i()])
                .find(|n| {
                    n.available
                        && n.connectivity == NatConnectivity::Public
                        && self.net.route_table_of(n.subnet) != rtb
                        && self.nat_reaches_internet(n, pkt.dst)
                });
            let fix = nat.map(|n| {
                Fix::new(FixAction::ReplaceRoute {
                    route_table: self.net.route_tables[rtb.i()].id.clone(),
                    destination: dest.to_string(),
                    target: n.id.clone(),
                })
            });
            return Err(self.block(&gid, "internet-gateway", Code::IgwPublicIpAssociationForEgress, format!("{who} has no public IP, so {gid} cannot carry its traffic (R11, R13). Route the subnet through a NAT gateway, or give the instance an Elastic IP."), pkt, fix));
        };
        let out = Header { src: public, ..pkt };
        let vpc_id = self.net.vpcs[ctx.vpc.i()].id.clone();
        let h = self.hop(&gid, "internet-gateway", Action::Translate, format!("{gid} rewrites the source {} to its public IP {public} and sends it to the internet (R11).", pkt.src), pkt);
        h.header_out = out;
        h.vpc = Some(vpc_id);
        // A public address of another VPC's interface: the packet comes back in through that
        // VPC's internet gateway (R12).
        if let Some(&e) = self.ix.eni_by_public_ip.get(&out.dst) {
            let vpc = self.net.enis[e.i()].vpc;
            if let Some(&gi) = self.ix.igw_of.get(&vpc) {
                self.hop(
                    "internet",
                    "internet",
                    Action::Forward,
                    "The internet carries it to the public address.".into(),
                    out,
                );
                return self.ingress_igw(gi, out);
            }
        }
        match self.ix.services.longest(out.dst) {
            Some((_, s)) => {
                let name = self.net.services[s[0]].name.clone();
                if self.leg == Leg::Forward {
                    self.authorize(None, out)?;
                }
                self.hop(
                    &name,
                    "aws-service",
                    Action::Deliver,
                    format!("It reaches {name} at its public address over the internet."),
                    out,
                );
            }
            None => {
                self.hop(
                    "internet",
                    "internet",
                    Action::Deliver,
                    format!("It reaches {} on the internet.", out.dst),
                    out,
                );
            }
        }
        Ok(Reached::Outside(g, out))
    }

    /// R12: in through the internet gateway, the public destination mapped back to private.
    fn ingress_igw(&mut self, g: IgwIdx, pkt: Header) -> Step {
        let igw = &self.net.internet_gateways[g.i()];
        let gid = igw.id.clone();
        let target = self
            .ix
            .eni_by_public_ip
            .get(&pkt.dst)
            .copied()
            .filter(|e| Some(self.net.enis[e.i()].vpc) == igw.vpc);
        let Some(e) = target else {
            return Err(self.block(&gid, "internet-gateway", Code::IgwPrivateIpAssociationForIngress, format!("{gid} has no interface with the public address {}, so it cannot deliver the packet (R12).", pkt.dst), pkt, None));
        };
        let eni = &self.net.enis[e.i()];
        let (vpc, private) = (eni.vpc, eni.private_ip);
        let inside = Header {
            dst: private,
            ..pkt
        };
        let vpc_id = self.net.vpcs[vpc.i()].id.clone();
        let h = self.hop(
            &gid,
            "internet-gateway",
            Action::Translate,
            format!(
                "{gid} maps the public address {} back to the private address {private} (R12).",
                pkt.dst
            ),
            pkt,
        );
        h.header_out = inside;
        h.vpc = Some(vpc_id);
        let ctx = Ctx {
            vpc,
            via: Via::Igw,
            sender: None,
        };
        self.deliver_local(vpc, inside, ctx, None)
    }

    /// R14-R16: a NAT gateway rewrites the source and sends the packet on from its subnet.
    fn via_nat(&mut self, n: NatIdx, pkt: Header, ctx: Ctx, from: SubnetIdx) -> Step {
        let nat = &self.net.nat_gateways[n.i()];
        let (nid, nsub, neni, nip) = (nat.id.clone(), nat.subnet, nat.eni, nat.private_ip);
        if matches!(ctx.via, Via::Peering(_) | Via::Vgw) {
            return Err(self.block(&nid, "nat-gateway", Code::NgwRequiresSourceInVpc, format!("{nid} only translates traffic that starts in its own VPC, not traffic from a peering connection, VPN or Direct Connect (R16)."), pkt, None));
        }
        if !matches!(pkt.protocol, Protocol::Tcp | Protocol::Udp | Protocol::Icmp) {
            return Err(self.block(
                &nid,
                "nat-gateway",
                Code::ProtocolRestriction,
                format!(
                    "NAT gateways carry TCP, UDP and ICMP only, not {} (R15).",
                    pkt.protocol
                ),
                pkt,
                None,
            ));
        }
        if nsub != from {
            self.nacl(nsub, Direction::Ingress, pkt)?;
        }
        let out = Header {
            src: nip,
            src_port: if pkt.protocol.has_ports() {
                NAT_PORT
            } else {
                pkt.src_port
            },
            ..pkt
        };
        self.nat = Some(NatState {
            nat: n,
            orig_src: pkt.src,
            orig_port: pkt.src_port,
        });
        let nsub_id = self.net.subnets[nsub.i()].id.clone();
        let h = self.hop(&nid, "nat-gateway", Action::Translate, format!("{nid} rewrites the source {} to its own address {nip} (port from 1024-65535) and sends it on from its subnet (R14).", pkt.src), pkt);
        h.header_out = out;
        h.subnet = Some(nsub_id);
        let ctx = Ctx {
            vpc: ctx.vpc,
            via: Via::Origin,
            sender: None,
        };
        self.send_from_eni(neni, out, ctx)
    }

    /// R17, R18: a peering connection carries only packets addressed inside the other VPC.
    fn cross_peering(&mut self, p: PcxIdx, pkt: Header, ctx: Ctx) -> Step {
        let pc = &self.net.peerings[p.i()];
        let pid = pc.id.clone();
        let Some(peer) = pc.other_side(ctx.vpc) else {
            return Err(self.block(
                &pid,
                "peering",
                Code::NoPath,
                format!("{pid} does not connect this VPC."),
                pkt,
                None,
            ));
        };
        let pv = &self.net.vpcs[peer.i()];
        if !pv.contains(pkt.dst) {
            let why = self.peering_refusal(peer, ctx.vpc, &pid, pkt.dst);
            return Err(self.block(
                &pid,
                "peering",
                Code::PcxRequiresAddressInVpcCidr,
                why,
                pkt,
                None,
            ));
        }
        let detail = format!(
            "{pid} carries it to {} (the destination is inside that VPC, R17).",
            Network::label(&pv.id, &pv.name)
        );
        self.hop(&pid, "peering", Action::Forward, detail, pkt);
        let ctx = Ctx {
            vpc: peer,
            via: Via::Peering(p),
            ..ctx
        };
        self.deliver_local(peer, pkt, ctx, None)
    }

    /// Why a peering connection refuses a destination outside the peer: non-transitive
    /// peering, or no edge-to-edge routing (R17, R18).
    fn peering_refusal(&self, peer: VpcIdx, from: VpcIdx, pid: &str, dst: Ipv4Addr) -> String {
        let net = self.net;
        let pv = &net.vpcs[peer.i()].id;
        let base =
            format!("{pid} only carries packets addressed inside {pv}, and {dst} is not (R17).");
        if let Some((_, owners)) = self.ix.vpc_cidrs.longest(dst) {
            let t = owners[0];
            if t != from && self.ix.active_peering(net, peer, t).is_some() {
                return format!("{base} {pv} is peered with {}, but peering is not transitive: traffic cannot pass through {pv} to reach it. Create a peering connection directly between the two VPCs.", net.vpcs[t.i()].id);
            }
        }
        let edge = if self.ix.vgws_in(peer).any(|g| {
            net.vpn_gateways[g.i()]
                .onprem_cidrs
                .iter()
                .any(|c| c.contains(&dst))
        }) {
            Some("VPN or Direct Connect connection")
        } else if self.ix.services.longest(dst).is_some_and(|(_, s)| {
            self.ix
                .gateway_endpoint(net, peer, &net.services[s[0]].name)
                .is_some()
        }) {
            Some("gateway endpoint")
        } else if !is_private(dst) && self.ix.nats_in(peer).next().is_some() {
            Some("NAT gateway")
        } else if !is_private(dst) && self.ix.igw_of.contains_key(&peer) {
            Some("internet gateway")
        } else {
            None
        };
        match edge {
            Some(what) => format!("{base} A VPC cannot use its peer's {what}: there is no edge-to-edge routing through a peering connection (R18)."),
            None => base,
        }
    }

    /// R20, R22: a gateway endpoint delivers to its service, TCP and ICMP only.
    fn via_gateway_endpoint(&mut self, v: VpceIdx, pkt: Header, ctx: Ctx) -> Step {
        let ep = &self.net.endpoints[v.i()];
        let (id, svc) = (ep.id.clone(), ep.service.clone());
        if !matches!(pkt.protocol, Protocol::Tcp | Protocol::Icmp) {
            return Err(self.block(
                &id,
                "gateway-endpoint",
                Code::VpceGatewayProtocolRestriction,
                format!(
                    "Gateway endpoint {id} carries only TCP and ICMP echo, not {} (R20).",
                    pkt.protocol
                ),
                pkt,
                None,
            ));
        }
        if matches!(ctx.via, Via::Peering(_) | Via::Vgw) {
            return Err(self.block(&id, "gateway-endpoint", Code::PcxRequiresAddressInVpcCidr, format!("Only traffic that starts in {id}'s own VPC can use it; traffic from peering, VPN or Direct Connect cannot (R18, R20)."), pkt, None));
        }
        let policy = if ep.policy.is_some() {
            "its endpoint policy applies to the request (R22)"
        } else {
            "the default endpoint policy allows everything (R22)"
        };
        self.hop(&id, "gateway-endpoint", Action::Forward, format!("Gateway endpoint {id} takes it to {svc} without the internet or a NAT gateway; {policy}."), pkt);
        self.authorize(Some(v), pkt)?;
        self.hop(
            &svc,
            "aws-service",
            Action::Deliver,
            format!("It reaches {svc}."),
            pkt,
        );
        Ok(Reached::GatewayEndpoint(v, pkt))
    }

    fn egress_vgw(&mut self, g: VgwIdx, pkt: Header, ctx: Ctx) -> Step {
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
    fn ingress_vgw(&mut self, g: VgwIdx, pkt: Header) -> Step {
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

    /// A route to an interface: an appliance forwards only with source/destination check off (R24).
    fn via_appliance(&mut self, e: EniIdx, pkt: Header, ctx: Ctx, from: SubnetIdx) -> Step {
        let eni = &self.net.enis[e.i()];
        let (eid, es, check) = (eni.id.clone(), eni.subnet, eni.source_dest_check);
        if es != from {
            self.nacl(es, Direction::Ingress, pkt)?;
        }
        self.groups(e, Direction::Ingress, pkt, ctx)?;
        if check && !self.net.enis[e.i()].has_ip(pkt.dst) {
            let fix = Fix::new(FixAction::DisableSourceDestCheck {
                interface: eid.clone(),
            });
            return Err(self.block(&eid, "eni", Code::EniSourceDestCheckRestriction, format!("{eid} has source/destination check on, so it drops packets not addressed to itself (R24). An appliance that forwards traffic needs the check turned off."), pkt, Some(fix)));
        }
        self.hop(&eid, "eni", Action::Forward, format!("{} forwards the packet (source/destination check is off); security-group identity is not preserved past it (R10).", self.eni_label(e)), pkt);
        let ctx = Ctx {
            via: Via::Middlebox,
            sender: None,
            ..ctx
        };
        self.send_from_eni(e, pkt, ctx)
    }
}

fn unreachable_target(w: &mut Walker, tid: &str, pkt: Header) -> Step {
    // bad_state() already stopped Missing and Unsupported targets; keep a safe answer anyway.
    Err(w.block(
        tid,
        "route-table",
        Code::UnsupportedComponent,
        "The route's target is not modelled.".into(),
        pkt,
        None,
    ))
}

fn note_text(notes: &[String]) -> String {
    if notes.is_empty() {
        String::new()
    } else {
        format!(" Note: {}.", notes.join("; "))
    }
}

/// "HTTPS (tcp 443)" and the like, for sentences.
fn port_name(pkt: Header) -> String {
    let known = match (pkt.protocol, pkt.dst_port) {
        (Protocol::Tcp, 22) => Some("SSH"),
        (Protocol::Tcp, 80) => Some("HTTP"),
        (Protocol::Tcp, 443) => Some("HTTPS"),
        (Protocol::Tcp, 3306) => Some("MySQL"),
        (Protocol::Tcp, 5432) => Some("PostgreSQL"),
        (Protocol::Tcp, 3389) => Some("RDP"),
        (Protocol::Udp, 53) | (Protocol::Tcp, 53) => Some("DNS"),
        _ => None,
    };
    let base = if pkt.protocol.has_ports() {
        format!("{} {}", pkt.protocol, pkt.dst_port)
    } else {
        pkt.protocol.to_string()
    };
    match known {
        Some(k) => format!("{k} ({base})"),
        None => base,
    }
}

/// A security-group rule as one line: "tcp 443 from 10.0.0.0/16".
pub fn sg_rule_text(net: &Network, r: &SgRule, dir: Direction) -> String {
    let peer = match &r.peer {
        SgPeer::Cidr(c) => c.to_string(),
        SgPeer::PrefixList(p) => net.prefix_lists[p.i()].id.clone(),
        SgPeer::Group(g) => net.security_groups[g.i()].id.clone(),
        SgPeer::UnknownGroup(g) => g.clone(),
    };
    let what = if r.protocol.has_ports() {
        format!("{} {}", r.protocol, r.ports)
    } else {
        r.protocol.to_string()
    };
    let prep = if dir == Direction::Ingress {
        "from"
    } else {
        "to"
    };
    format!("{what} {prep} {peer}")
}

/// A network ACL rule as one line: "100 allow tcp 443 0.0.0.0/0".
pub fn nacl_rule_text(r: &NaclRule) -> String {
    let action = if r.action == NaclAction::Allow {
        "allow"
    } else {
        "deny"
    };
    if r.protocol.has_ports() {
        format!(
            "{} {action} {} {} {}",
            r.number, r.protocol, r.ports, r.cidr
        )
    } else {
        format!("{} {action} {} {}", r.number, r.protocol, r.cidr)
    }
}
