//! The walk itself: one function per kind of component, each deciding one hop.
//!
//! A packet is a `Header` plus a `Ctx` (which VPC it is in, how it got there, which interface
//! sent it). Each step either hands the packet on or returns `Blocked`. The request leg ends
//! at a `Reached` place; the reply then starts there with the header reversed, and must come
//! back to the flow's source interface.

mod endpoints;
mod eni;
mod groups;
mod internet;
mod nacl;
mod nat;
mod peering;
mod routing;
mod vgw;

use super::{
    lookup, Action, FlowInfo, Header, Hop, Leg, RouteDecision, RuleMatch, Source, Trace, Wanted,
    CLIENT_PORT, HOP_LIMIT, NAT_PORT,
};
use crate::explain::suggest;
use crate::explain::{Code, Fix, FixAction};
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
    estate: Estate,
    src: Source,
    dst_ip: Ipv4Addr,
    wanted: Wanted,
    flow: FlowInfo,
    request: Option<&Request>,
) -> Trace {
    let mut w = Walker {
        net: estate.net,
        ix: estate.ix,
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

    /// The network and indexes, for the explain layer.
    fn estate(&self) -> Estate<'_> {
        Estate {
            net: self.net,
            ix: self.ix,
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
