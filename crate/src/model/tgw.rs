//! Transit gateways: the Regional router between attachments [HTW], its attachments (VPC, VPN,
//! peering), its route tables with associations, propagations and static routes, and the
//! route selection in one of its tables.
//!
//! Data only, as the rest of `model`: `load` builds it, `forward` reads it. Facts are in
//! `docs/aws-notes.md` ("Transit gateways").

use super::lookup::{Candidate, Outcome, RouteDecision};
use super::{PlIdx, PrefixList, PrefixTable, RouteOrigin, RouteRef, SubnetIdx, VpcIdx};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

macro_rules! tgw_idx {
    ($($name:ident),*) => {$(
        #[doc = concat!("Index of a transit-gateway resource in `Network` (", stringify!($name), ").")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the network's vector.
            pub fn i(self) -> usize { self.0 as usize }
        }
        impl super::index::Dense for $name {
            fn i(self) -> usize { self.0 as usize }
        }
    )*};
}
tgw_idx!(TgwIdx, TgwAttIdx, TgwRtbIdx);

/// A transit gateway in one Region and account.
#[derive(Clone, Debug)]
pub struct TransitGateway {
    pub id: String,
    pub name: String,
    pub region: String,
    pub account: String,
    /// `available`, or the state AWS lists (`pending`, `deleted`, ...).
    pub state: String,
    /// The default association and propagation route tables, for new attachments [HTW].
    pub default_association: Option<TgwRtbIdx>,
    pub default_propagation: Option<TgwRtbIdx>,
}

impl TransitGateway {
    /// Only an `available` gateway forwards (R27 applied to gateways).
    pub fn available(&self) -> bool {
        self.state == "available"
    }
}

/// What an attachment connects the gateway to.
#[derive(Clone, Debug)]
pub enum TgwAttachmentKind {
    /// A VPC, entered and left through one subnet per Availability Zone [TVA].
    Vpc {
        vpc: VpcIdx,
        subnets: Vec<SubnetIdx>,
        /// Both directions of a flow use one AZ of this attachment [TOPT].
        appliance_mode: bool,
    },
    /// A Site-to-Site VPN connection; `cidrs` are the networks behind it, as far as the input
    /// tells (its static routes; BGP-learned prefixes are not in describe output, R28), and
    /// `link` the connection's state and tunnels (R27).
    Vpn {
        cidrs: Vec<Ipv4Net>,
        link: TgwVpnLink,
    },
    /// A Direct Connect gateway [TDX]: the corporate networks behind it come over BGP, so
    /// `cidrs` holds them only when the input gives them (a scenario's; never describe output).
    DirectConnect {
        gateway: String,
        cidrs: Vec<Ipv4Net>,
    },
    /// A peering attachment to another transit gateway (static routes only [TPEER]). AWS gives
    /// both sides the same attachment id; `peer` is the other side's record, when the other
    /// gateway is in the input.
    Peering {
        peer_tgw: String,
        peer: Option<TgwAttIdx>,
    },
}

/// The Site-to-Site VPN connection behind a VPN attachment, as far as the input tells: the
/// same facts as a virtual private gateway's connection (`model::vpn::VpnConnection`), since
/// AWS runs the same tunnels whichever gateway terminates them [VPNTGW].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TgwVpnLink {
    /// The connection's id (`vpn-...`), when the input names it.
    pub vpn: Option<String>,
    /// The connection's state (`available` when the input does not say).
    pub state: String,
    /// Each tunnel's status, `true` for UP; empty when the input does not report them.
    pub tunnels: Vec<bool>,
}

impl Default for TgwVpnLink {
    fn default() -> Self {
        TgwVpnLink {
            vpn: None,
            state: "available".into(),
            tunnels: Vec::new(),
        }
    }
}

impl TgwVpnLink {
    /// R27: only an `available` connection carries traffic (as a VGW's, `model::vpn`).
    pub fn available(&self) -> bool {
        super::vpn::available(&self.state)
    }

    /// Every tunnel the input reports is DOWN.
    pub fn tunnels_down(&self) -> bool {
        super::vpn::tunnels_down(&self.tunnels)
    }

    /// Whether the connection can carry a packet now.
    pub fn usable(&self) -> bool {
        self.available() && !self.tunnels_down()
    }
}

/// One attachment of one transit gateway.
#[derive(Clone, Debug)]
pub struct TgwAttachment {
    pub id: String,
    pub name: String,
    pub tgw: TgwIdx,
    pub kind: TgwAttachmentKind,
    /// `available`, or the state AWS lists (`pendingAcceptance`, `deleted`, ...).
    pub state: String,
    /// The route table associated with the attachment: it routes what comes in by it [TRT].
    pub route_table: Option<TgwRtbIdx>,
}

impl TgwAttachment {
    /// Only an `available` attachment carries packets (R4, R27).
    pub fn available(&self) -> bool {
        self.state == "available"
    }

    /// The VPC of a VPC attachment.
    pub fn vpc(&self) -> Option<VpcIdx> {
        match self.kind {
            TgwAttachmentKind::Vpc { vpc, .. } => Some(vpc),
            _ => None,
        }
    }

    /// `vpc`, `vpn`, `direct-connect-gateway` or `peering`, as AWS's `ResourceType` spells them.
    pub fn kind_str(&self) -> &'static str {
        match self.kind {
            TgwAttachmentKind::Vpc { .. } => "vpc",
            TgwAttachmentKind::Vpn { .. } => "vpn",
            TgwAttachmentKind::DirectConnect { .. } => "direct-connect-gateway",
            TgwAttachmentKind::Peering { .. } => "peering",
        }
    }
}

/// Where a transit-gateway route sends matching packets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TgwRouteTarget {
    Attachment(TgwAttIdx),
    /// Drops what matches [TSR].
    Blackhole,
}

/// One route of a transit-gateway route table.
#[derive(Clone, Debug)]
pub struct TgwRoute {
    pub destination: Ipv4Net,
    pub target: TgwRouteTarget,
    /// Static routes are created; propagated ones come from an attachment's propagation.
    pub origin: RouteOrigin,
    /// A prefix-list reference: the table holds one such route per entry of the list [TPL].
    pub prefix_list: Option<PlIdx>,
}

/// A transit-gateway route table.
#[derive(Clone, Debug)]
pub struct TgwRouteTable {
    pub id: String,
    pub name: String,
    pub tgw: TgwIdx,
    /// Attachments whose routes propagate into this table [TRT].
    pub propagations: Vec<TgwAttIdx>,
    /// Static routes first (as given), then the propagated ones.
    pub routes: Vec<TgwRoute>,
    /// Positions in `routes` by prefix, so a lookup probes at most 33 prefix lengths whatever
    /// the table's size (as VPC tables do, `model/index.rs`). Filled by [`TgwRouteTable::index`].
    /// (The VPC tables' entry type, so the module carries one prefix-table type.)
    pub by_prefix: PrefixTable<RouteRef>,
}

impl TgwRouteTable {
    /// Rebuilds `by_prefix` from `routes`; call after changing the routes.
    pub fn index(&mut self) {
        let mut t = PrefixTable::default();
        for (i, r) in self.routes.iter().enumerate() {
            let cidr = r.destination;
            t.insert(cidr, RouteRef { route: i, cidr });
        }
        self.by_prefix = t;
    }
}

/// Tie-break rank on an equal prefix [TORD]: static, then prefix-list references, then
/// VPC-propagated, then Direct Connect gateway-propagated, then VPN-propagated, then peering
/// (which AWS does not propagate today).
pub fn tgw_rank(route: &TgwRoute, attachments: &[TgwAttachment]) -> u8 {
    if route.origin == RouteOrigin::Static {
        return u8::from(route.prefix_list.is_some());
    }
    match route.target {
        TgwRouteTarget::Attachment(a) => match attachments.get(a.i()).map(|a| &a.kind) {
            Some(TgwAttachmentKind::Vpc { .. }) => 2,
            Some(TgwAttachmentKind::DirectConnect { .. }) => 3,
            Some(TgwAttachmentKind::Vpn { .. }) => 5,
            _ => 7,
        },
        TgwRouteTarget::Blackhole => 0,
    }
}

/// Longest prefix, then [`tgw_rank`], then the first listed: the table's choice for `dst`,
/// with every losing candidate, in the shape VPC route tables use so the page and the JSON
/// show both alike.
pub fn tgw_lookup(
    table: &TgwRouteTable,
    attachments: &[TgwAttachment],
    lists: &[PrefixList],
    dst: Ipv4Addr,
) -> RouteDecision {
    // Longest prefix first (the prefix table yields them so), then the order listed; the
    // best is the first of the longest prefix with the lowest rank.
    let mut out: Vec<Candidate> = Vec::new();
    let mut best: Option<(u8, u8, usize)> = None; // (prefix_len, rank, position in out)
    for (len, refs) in table.by_prefix.matches(dst) {
        for r in refs {
            let Some(route) = table.routes.get(r.route) else {
                continue;
            };
            let target = match route.target {
                TgwRouteTarget::Attachment(a) => attachments
                    .get(a.i())
                    .map_or_else(String::new, |a| a.id.clone()),
                TgwRouteTarget::Blackhole => "blackhole".to_string(),
            };
            let rank = tgw_rank(route, attachments);
            if beats(best, len, rank) {
                best = Some((len, rank, out.len()));
            }
            // A prefix-list route is shown by its list, as VPC tables show theirs.
            let list = route.prefix_list.and_then(|p| lists.get(p.i()));
            out.push(Candidate {
                index: r.route,
                destination: list.map_or_else(|| route.destination.to_string(), |l| l.id.clone()),
                matched_cidr: route.destination.to_string(),
                prefix_len: len,
                target,
                origin: route.origin,
                outcome: Outcome::LowerPriority,
            });
        }
    }
    let mut matched = None;
    if let Some((len, _, pos)) = best {
        for c in out.iter_mut() {
            if c.prefix_len < len {
                c.outcome = Outcome::ShorterPrefix;
            }
        }
        let mut chosen = out.remove(pos);
        chosen.outcome = Outcome::Chosen;
        out.insert(0, chosen.clone());
        matched = Some(chosen);
    }
    RouteDecision {
        table: table.id.clone(),
        matched,
        candidates: out,
    }
}

/// Whether a candidate of prefix `len` and `rank` beats the best so far (a strictly lower
/// rank on the same prefix; the first listed keeps a tie).
fn beats(best: Option<(u8, u8, usize)>, len: u8, rank: u8) -> bool {
    match best {
        None => true,
        Some((bl, br, _)) => len > bl || (len == bl && rank < br),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(id: &str, kind: TgwAttachmentKind) -> TgwAttachment {
        TgwAttachment {
            id: id.to_string(),
            name: String::new(),
            tgw: TgwIdx(0),
            kind,
            state: "available".to_string(),
            route_table: None,
        }
    }

    fn table(routes: Vec<(&str, TgwRouteTarget, RouteOrigin)>) -> TgwRouteTable {
        let mut t = TgwRouteTable {
            id: "tgw-rtb-1".to_string(),
            name: String::new(),
            tgw: TgwIdx(0),
            propagations: Vec::new(),
            routes: routes
                .into_iter()
                .map(|(d, target, origin)| TgwRoute {
                    destination: d.parse().unwrap(),
                    target,
                    origin,
                    prefix_list: None,
                })
                .collect(),
            by_prefix: PrefixTable::default(),
        };
        t.index();
        t
    }

    fn atts() -> Vec<TgwAttachment> {
        let vpc = TgwAttachmentKind::Vpc {
            vpc: VpcIdx(0),
            subnets: Vec::new(),
            appliance_mode: false,
        };
        vec![
            att("tgw-attach-vpc", vpc),
            att(
                "tgw-attach-vpn",
                TgwAttachmentKind::Vpn {
                    cidrs: Vec::new(),
                    link: TgwVpnLink::default(),
                },
            ),
        ]
    }

    const VPC: TgwRouteTarget = TgwRouteTarget::Attachment(TgwAttIdx(0));
    const VPN: TgwRouteTarget = TgwRouteTarget::Attachment(TgwAttIdx(1));
    const P: RouteOrigin = RouteOrigin::Propagated;
    const S: RouteOrigin = RouteOrigin::Static;

    #[test]
    fn tgw_lookup_prefers_longest_prefix() {
        let t = table(vec![("10.0.0.0/8", VPN, S), ("10.1.0.0/16", VPC, P)]);
        let d = tgw_lookup(&t, &atts(), &[], "10.1.2.3".parse().unwrap());
        assert_eq!(d.matched.unwrap().target, "tgw-attach-vpc");
        assert_eq!(d.candidates[1].outcome, Outcome::ShorterPrefix);
    }

    #[test]
    fn tgw_static_beats_propagated_on_equal_prefix() {
        let t = table(vec![("10.1.0.0/16", VPC, P), ("10.1.0.0/16", VPN, S)]);
        let d = tgw_lookup(&t, &atts(), &[], "10.1.2.3".parse().unwrap());
        assert_eq!(d.matched.unwrap().target, "tgw-attach-vpn");
        assert_eq!(d.candidates[1].outcome, Outcome::LowerPriority);
    }

    #[test]
    fn tgw_vpc_propagated_beats_vpn_propagated() {
        let t = table(vec![("10.1.0.0/16", VPN, P), ("10.1.0.0/16", VPC, P)]);
        let d = tgw_lookup(&t, &atts(), &[], "10.1.2.3".parse().unwrap());
        assert_eq!(d.matched.unwrap().target, "tgw-attach-vpc");
    }

    #[test]
    fn tgw_blackhole_is_chosen_when_longest() {
        let t = table(vec![
            ("10.0.0.0/8", VPC, S),
            ("10.1.0.0/16", TgwRouteTarget::Blackhole, S),
        ]);
        let d = tgw_lookup(&t, &atts(), &[], "10.1.2.3".parse().unwrap());
        assert_eq!(d.matched.unwrap().target, "blackhole");
        let none = tgw_lookup(&t, &atts(), &[], "192.168.0.1".parse().unwrap());
        assert!(none.matched.is_none() && none.candidates.is_empty());
    }
}
