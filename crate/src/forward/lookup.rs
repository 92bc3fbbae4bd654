//! Route selection in one table (R1-R3): longest prefix, then static over prefix list over
//! propagated, with every losing candidate kept so the page can say why it lost.

use crate::json::{Obj, ToJson, Value};
use crate::model::{Destination, Index, Network, RouteOrigin, RtbIdx};
use std::net::Ipv4Addr;

/// A route that matched the destination, chosen or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Position in the table's route list (local routes first, as the summary lists them).
    pub index: usize,
    /// The route's destination: a CIDR or a prefix-list id.
    pub destination: String,
    /// For a prefix-list route, the list's CIDR that matched.
    pub matched_cidr: String,
    pub prefix_len: u8,
    pub target: String,
    pub origin: RouteOrigin,
    /// `chosen`, `shorter-prefix` or `lower-priority`.
    pub outcome: &'static str,
}

/// Which route a table chose for a destination, and the candidates that lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteDecision {
    pub table: String,
    /// The chosen route (also first in `candidates`), or `None` when no route matched.
    pub matched: Option<Candidate>,
    pub candidates: Vec<Candidate>,
}

/// Tie-break rank on an equal prefix (R2): static, then prefix list, then propagated.
fn rank(origin: RouteOrigin, dest: &Destination) -> u8 {
    match (origin, dest) {
        (RouteOrigin::Static, Destination::Cidr(_)) => 0,
        (RouteOrigin::Static, Destination::PrefixList(_)) => 1,
        (RouteOrigin::Propagated, _) => 2,
    }
}

/// Looks `dst` up in table `rtb`: at most 33 hash probes whatever the table's size.
pub fn lookup(net: &Network, ix: &Index, rtb: RtbIdx, dst: Ipv4Addr) -> RouteDecision {
    let table = &net.route_tables[rtb.i()];
    let mut candidates = Vec::new();
    let mut best: Option<(u8, u8, usize)> = None; // (prefix_len, rank, position in candidates)
    let mut seen = Vec::new();
    for (len, refs) in ix.routes[rtb.i()].matches(dst) {
        for r in refs {
            // A prefix list may hold nested CIDRs; one route is one candidate.
            if seen.contains(&r.route) {
                continue;
            }
            seen.push(r.route);
            let route = &table.routes[r.route];
            let rk = rank(route.origin, &route.destination);
            let pos = candidates.len();
            candidates.push(Candidate {
                index: r.route,
                destination: net.destination_text(&route.destination),
                matched_cidr: r.cidr.to_string(),
                prefix_len: len,
                target: net.target_id(&route.target),
                origin: route.origin,
                outcome: "",
            });
            let better = match best {
                None => true,
                Some((bl, br, bp)) => {
                    len > bl
                        || (len == bl && rk < br)
                        // R2: overlapping prefix lists on a tie: deterministic, first listed.
                        || (len == bl && rk == br && r.route < candidates[bp].index)
                }
            };
            if better {
                best = Some((len, rk, pos));
            }
        }
    }
    let mut matched = None;
    if let Some((bl, _, bp)) = best {
        for (i, c) in candidates.iter_mut().enumerate() {
            c.outcome = if i == bp {
                "chosen"
            } else if c.prefix_len < bl {
                "shorter-prefix"
            } else {
                "lower-priority"
            };
        }
        let chosen = candidates.remove(bp);
        candidates.insert(0, chosen.clone());
        matched = Some(chosen);
    }
    RouteDecision {
        table: table.id.clone(),
        matched,
        candidates,
    }
}

impl ToJson for Candidate {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("index", &self.index)
            .put("destination", &self.destination)
            .put("matched_cidr", &self.matched_cidr)
            .put("prefix_len", &self.prefix_len)
            .put("target", &self.target)
            .put("origin", self.origin.as_str())
            .put("outcome", self.outcome)
            .build()
    }
}

impl ToJson for RouteDecision {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("table", &self.table)
            .put("matched", &self.matched)
            .put("candidates", &self.candidates)
            .build()
    }
}
