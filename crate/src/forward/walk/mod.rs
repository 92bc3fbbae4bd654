//! The walk itself: one function per kind of component, each deciding one hop, in one file
//! per concern (interfaces, groups, ACLs, routing, internet, NAT, peering, VPN, endpoints,
//! transit gateways).
//!
//! A packet is a `Header` plus a `Ctx` (which VPC it is in, how it got there, which interface
//! sent it). Each check either hands the packet on, recording a typed `Event`, or returns
//! `Blocked` with a typed `Reason`. The request leg ends at a `Reached` place; the reply then
//! starts there with the header reversed, and must come back to the flow's source interface.
//! When the walk ends, `explain` writes the sentences and suggests the fix; the walker itself
//! holds no English.

mod endpoints;
mod eni;
mod groups;
mod internet;
mod nacl;
mod nat;
mod peering;
mod routing;
mod tgw;
mod vgw;

use super::{
    lookup_with, Action, Component, Disposition, Drop, FlowInfo, Header, Hop, Leg, RouteDecision,
    RuleAction, RuleKind, RuleMatch, Source, Trace, Wanted, CLIENT_PORT, HOP_LIMIT, NAT_PORT,
};
use crate::explain::{self, sentence, suggest};
use crate::explain::{BlackholeWhy, Edge, EnteredVia, GroupReference, Link, Reason, Through};
use crate::explain::{Event, Loser};
use crate::model::*;
use crate::policy::{self, Decision, Request};
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
    /// Came out of a transit gateway attachment (issue 10).
    Tgw,
}

impl Via {
    /// Entered over peering or from the corporate network: an edge it cannot leave by (R18).
    fn edge(self) -> Option<EnteredVia> {
        match self {
            Via::Peering(_) => Some(EnteredVia::Peering),
            Via::Vgw => Some(EnteredVia::VpnGateway),
            _ => None,
        }
    }
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
    /// Left a transit gateway through a VPN attachment to the corporate network.
    TgwVpn(TgwAttIdx, Header),
}

/// Why and where the packet stopped. Boxed in `Walked`: it is large and travels in every
/// `Result`, but a walk produces at most one.
struct Blocked {
    at: String,
    component: Component,
    reason: Reason,
    leg: Leg,
    /// The hop that records the drop, whose detail is the sentence written at the end.
    hop: Option<usize>,
}

impl Blocked {
    /// The trace's drop, with the fix `explain` suggests (none for a brief walk).
    fn into_drop(self, fix: Option<crate::explain::Fix>) -> Drop {
        Drop {
            at: self.at,
            component: self.component,
            code: self.reason.code(),
            reason: self.reason,
            leg: self.leg,
            fix,
        }
    }
}

type Walked = Result<Reached, Box<Blocked>>;

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
    /// Tables already passed with this header (a loop). A walk passes a handful: a list
    /// is cheaper than a hashed set for the matrix's hundreds of thousands of walks.
    visited: Vec<(RtbIdx, Leg, Ipv4Addr, Ipv4Addr)>,
    /// The request the flow makes of an AWS service, if any (R22).
    request: Option<&'a Request>,
    source: Source,
    /// Interfaces whose groups admitted the request: they track the connection (R9).
    tracked: Vec<EniIdx>,
    /// The request as the source sent it; the reply must come back from its destination.
    first: Option<Header>,
    /// Appliances that forwarded the packet, by leg, to flag an asymmetric path (R23).
    appliances: Vec<(Leg, String)>,
    /// A verdict only: no sentences, no fix (they cost about ten times the walk itself).
    brief: bool,
}

pub(super) fn run(
    estate: Estate,
    src: Source,
    dst_ip: Ipv4Addr,
    wanted: Wanted,
    flow: FlowInfo,
    request: Option<&Request>,
    brief: bool,
) -> Trace {
    let mut w = Walker {
        net: estate.net,
        ix: estate.ix,
        leg: Leg::Forward,
        hops: Vec::new(),
        nat: None,
        visited: Vec::new(),
        request,
        source: src,
        tracked: Vec::new(),
        first: None,
        appliances: Vec::new(),
        brief,
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
    w.finish(result, flow, estate)
}

impl Walker<'_> {
    // ---- recording --------------------------------------------------------------------------

    /// Records a hop that let the packet on; its detail is written from `event`.
    fn hop(
        &mut self,
        component: &str,
        kind: Component,
        action: Action,
        event: Event,
        h: Header,
    ) -> &mut Hop {
        let detail = if self.brief {
            String::new()
        } else {
            sentence::event(&event)
        };
        self.record(component, kind, action, detail, h)
    }

    fn record(
        &mut self,
        component: &str,
        kind: Component,
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
            assumption: None,
        });
        let last = self.hops.len() - 1;
        &mut self.hops[last]
    }

    /// Records a drop hop at `at`; its sentence is written when the walk ends.
    fn block(&mut self, at: &str, kind: Component, reason: Reason, h: Header) -> Box<Blocked> {
        let code = reason.code();
        self.record(at, kind, Action::Drop, String::new(), h).code = Some(code);
        Box::new(Blocked {
            at: at.to_string(),
            component: kind,
            reason,
            leg: self.leg,
            hop: Some(self.hops.len() - 1),
        })
    }

    /// A drop with no hop of its own (the packet is already gone).
    fn lost(&self, at: String, component: Component, reason: Reason) -> Box<Blocked> {
        Box::new(Blocked {
            at,
            component,
            reason,
            leg: self.leg,
            hop: None,
        })
    }

    /// The ids of the resources passed, each once in a row; the outside world left out.
    fn path(&self) -> Vec<String> {
        let mut path: Vec<String> = Vec::new();
        for h in self.hops.iter().filter(|h| !h.kind.is_outside()) {
            if path.last() != Some(&h.component) {
                path.push(h.component.clone());
            }
        }
        path
    }

    /// R2: when the reply crossed another peering connection than the request came over, the
    /// replying table that chose it and the request's connection.
    fn reply_detour(&self) -> Option<(String, String)> {
        let peering = |leg: Leg| {
            let mut hops = self.hops.iter();
            let h = hops.find(|h| h.leg == leg && h.kind == Component::Peering);
            h.map(|h| h.component.clone())
        };
        let (came_over, went_back) = (peering(Leg::Forward)?, peering(Leg::Return)?);
        if came_over == went_back {
            return None;
        }
        // The replying table is the last one before the reply crossed `went_back`.
        let back = self.hops.iter().filter(|h| h.leg == Leg::Return);
        let before = back.take_while(|h| h.component != went_back);
        let table = before.filter(|h| h.kind == Component::RouteTable).last()?;
        Some((table.component.clone(), came_over))
    }

    /// R23: the appliances only one leg passed, said as a sentence, if any.
    fn asymmetry(&self) -> Option<String> {
        let only = |leg: Leg, other: Leg| -> Vec<&str> {
            let mut ids: Vec<&str> = Vec::new();
            for (l, id) in &self.appliances {
                let both = self.appliances.iter().any(|(o, x)| *o == other && x == id);
                if *l == leg && !both && !ids.contains(&id.as_str()) {
                    ids.push(id);
                }
            }
            ids
        };
        let request_only = only(Leg::Forward, Leg::Return);
        let reply_only = only(Leg::Return, Leg::Forward);
        (!request_only.is_empty() || !reply_only.is_empty())
            .then(|| sentence::asymmetric(&request_only, &reply_only))
    }

    fn finish(mut self, result: Walked, flow: FlowInfo, estate: Estate) -> Trace {
        // A verdict alone has no path to show.
        let path = if self.brief { Vec::new() } else { self.path() };
        let (disposition, explanation) = match result {
            Ok(_) if self.brief => (Disposition::Reachable, String::new()),
            Ok(_) => {
                let mut gateways: Vec<&str> = Vec::new();
                for h in self.hops.iter().filter(|h| h.leg == Leg::Forward) {
                    if h.kind.is_gateway() && !gateways.contains(&h.component.as_str()) {
                        gateways.push(&h.component);
                    }
                }
                let mut text = sentence::reachable(&flow.from, &flow.to, &gateways);
                if let Some(note) = self.asymmetry() {
                    text.push(' ');
                    text.push_str(&note);
                }
                let text = self.with_assumptions(text);
                (Disposition::Reachable, text)
            }
            // A brief walk (a verdict only) writes no sentence and suggests no fix.
            Err(b) if self.brief => (
                Disposition::Dropped(Box::new(b.into_drop(None))),
                String::new(),
            ),
            Err(b) => {
                let text = sentence::sentence(&b.reason, b.leg == Leg::Return);
                if let Some(h) = b.hop.and_then(|i| self.hops.get_mut(i)) {
                    h.detail = text.clone();
                }
                let text = self.with_assumptions(text);
                let fix = explain::suggest::suggest(&b.reason, estate);
                (Disposition::Dropped(Box::new(b.into_drop(fix))), text)
            }
        };
        Trace {
            flow,
            disposition,
            path,
            explanation,
            hops: self.hops,
        }
    }

    /// R28: what the trace took for granted is said in its explanation, not left to the hops.
    fn with_assumptions(&self, mut text: String) -> String {
        let mut said: Vec<&crate::explain::Assumption> = Vec::new();
        for a in self.hops.iter().filter_map(|h| h.assumption.as_ref()) {
            if !said.contains(&a) {
                said.push(a);
                text.push(' ');
                text.push_str(&sentence::assumption(a));
            }
        }
        text
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
                let (name, i) = (&eni.name, &self.net.instances[*i].id);
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
            EniOwner::Service(s) => format!("interface {} of {}", eni.id, s.service()),
            EniOwner::Detached => format!("detached interface {}", eni.id),
            EniOwner::Other => format!("interface {}", eni.id),
        }
    }

    // ---- the two legs -----------------------------------------------------------------------

    fn request(&mut self, src: EniIdx, pkt: Header, wanted: &Wanted) -> Walked {
        let e = &self.net.enis[src.i()];
        let label = self.eni_label(src);
        let (vpc_id, subnet_id) = (
            self.net.vpcs[e.vpc.i()].id.clone(),
            self.net.subnets[e.subnet.i()].id.clone(),
        );
        let eid = e.id.clone();
        if let Some(reason) = self.not_live(src, true) {
            return Err(self.block(&eid, Component::Eni, reason, pkt));
        }
        if let EniOwner::InterfaceEndpoint(v) = e.owner {
            // R21: an endpoint only answers; it never opens connections into the VPC.
            let endpoint = self.net.endpoints[v.i()].id.clone();
            let at = endpoint.clone();
            let reason = Reason::EndpointStartsConnection { endpoint };
            return Err(self.block(&at, Component::InterfaceEndpoint, reason, pkt));
        }
        let event = Event::Leaves {
            who: label,
            ip: pkt.src,
        };
        let h = self.hop(&eid, Component::Eni, Action::Forward, event, pkt);
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
                // R2: the longest prefix chose a VPC with the same address.
                let reason = Reason::WrongInterface {
                    delivered: self.eni_label(got),
                    vpc: self.net.vpcs[self.net.enis[got.i()].vpc.i()].id.clone(),
                    wanted: self.net.enis[want.i()].id.clone(),
                };
                let gid = self.net.enis[got.i()].id.clone();
                return Err(self.block(&gid, Component::Eni, reason, h));
            }
        }
        Ok(reached)
    }

    /// The reply leg: from where the request arrived back towards the source.
    fn reply(&mut self, reached: Reached, src: Source) -> Walked {
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
            Reached::GatewayEndpoint(v, h) => self.reply_from_gateway_endpoint(v, h.reply())?,
            Reached::OnPrem(g, h) => self.ingress_vgw(g, h.reply())?,
            Reached::TgwVpn(a, h) => self.tgw_from_vpn(a, h.reply())?,
        };
        self.check_home(back, src)
    }

    fn reply_from_gateway_endpoint(&mut self, v: VpceIdx, r: Header) -> Walked {
        let ep = &self.net.endpoints[v.i()];
        let (id, vpc) = (ep.id.clone(), ep.vpc);
        let event = Event::GatewayEndpointReply {
            endpoint: id.clone(),
            service: ep.service.clone(),
        };
        self.hop(&id, Component::GatewayEndpoint, Action::Forward, event, r);
        let ctx = Ctx {
            vpc,
            via: Via::Endpoint,
            sender: None,
        };
        self.deliver_local(vpc, r, ctx, None)
    }

    /// The reply must come back to the source, from the address and port it connected to.
    fn check_home(&mut self, back: Reached, src: Source) -> Walked {
        let arrived = match back {
            Reached::Eni(_, h)
            | Reached::Outside(_, h)
            | Reached::GatewayEndpoint(_, h)
            | Reached::OnPrem(_, h)
            | Reached::TgwVpn(_, h) => h,
        };
        let home = match (back, src) {
            (Reached::Eni(e, _), Source::Eni(s)) => e == s,
            (Reached::OnPrem(..), Source::OnPrem(..))
            | (Reached::Outside(..), Source::Internet(_)) => true,
            _ => false,
        };
        if home {
            // The client accepts only a reply from the address and port it connected to: a
            // reply rewritten on an asymmetric path (through a NAT gateway the request never
            // used, say) is dropped by the client, so no connection forms.
            if let Some(first) = self.first {
                if arrived.src != first.dst || arrived.src_port != first.dst_port {
                    return Err(self.asymmetric_reply(arrived, first));
                }
            }
            return Ok(back);
        }
        match back {
            Reached::Eni(e, h) => {
                let id = self.net.enis[e.i()].id.clone();
                let (table, came_over) = self.reply_detour().unzip();
                let reason = Reason::ReplyMisdelivered {
                    delivered: self.eni_label(e),
                    table,
                    came_over,
                    dst: h.dst,
                };
                Err(self.block(&id, Component::Eni, reason, h))
            }
            _ => {
                let last = self.hops.last();
                let at = last.map(|h| h.component.clone()).unwrap_or_default();
                let kind = last.map_or(Component::Eni, |h| h.kind);
                Err(self.lost(at, kind, Reason::ReplyLost))
            }
        }
    }

    /// The component that rewrote the reply (a NAT gateway, if one did) drops it.
    fn asymmetric_reply(&mut self, arrived: Header, first: Header) -> Box<Blocked> {
        let ret = || {
            self.hops
                .iter()
                .filter(|h| h.leg == Leg::Return && h.action == Action::Translate)
        };
        let culprit = ret()
            .find(|h| h.kind == Component::NatGateway)
            .or_else(|| ret().next_back())
            .or(self.hops.last());
        let (at, kind) = culprit.map_or((String::new(), Component::Eni), |h| {
            (h.component.clone(), h.kind)
        });
        let reason = Reason::AsymmetricReply {
            rewriter: at.clone(),
            from: arrived.src,
            from_port: arrived.src_port,
            expected: first.dst,
            expected_port: first.dst_port,
        };
        self.block(&at, kind, reason, arrived)
    }
}

fn unreachable_target(w: &mut Walker, tid: &str, pkt: Header) -> Walked {
    // bad_state() already stopped Missing and Unsupported targets; keep a safe answer anyway.
    let reason = Reason::UnsupportedTarget {
        table: tid.to_string(),
    };
    Err(w.block(tid, Component::RouteTable, reason, pkt))
}
