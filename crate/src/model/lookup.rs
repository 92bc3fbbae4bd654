//! Route selection in one table (R1-R3): longest prefix, then static over prefix list over
//! propagated, with every losing candidate kept so the page can say why it lost.

use super::{Destination, Index, Network, RouteOrigin, RtbIdx, Target};
use serde::Serialize;
use std::net::Ipv4Addr;

/// Why a matching route was or was not chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Chosen,
    /// A longer prefix matched too (R1).
    ShorterPrefix,
    /// Same prefix, lower rank: static over prefix list over propagated (R2).
    LowerPriority,
    /// A propagated route that overlaps the VPC's local route: `local` is preferred even over a
    /// more specific propagated route (R5).
    LocalPreferred,
}

/// A route that matched the destination, chosen or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    pub outcome: Outcome,
}

/// Which route a table chose for a destination, and the candidates that lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    lookup_with(net, ix, rtb, dst, true)
}

/// `lookup`, with the candidates' texts (destination, matched CIDR, target) left empty
/// unless `texts`: a verdict alone never shows them, and writing them was most of the cost
/// of a lookup in the matrix (three strings per matching route).
pub fn lookup_with(
    net: &Network,
    ix: &Index,
    rtb: RtbIdx,
    dst: Ipv4Addr,
    texts: bool,
) -> RouteDecision {
    let table = &net.route_tables[rtb.i()];
    let mut candidates = Vec::new();
    let mut ranks = Vec::new();
    let mut seen = Vec::new();
    let text = |f: &dyn Fn() -> String| if texts { f() } else { String::new() };
    for (len, refs) in ix.routes[rtb.i()].matches(dst) {
        for r in refs {
            // A prefix list may hold nested CIDRs; one route is one candidate.
            if seen.contains(&r.route) {
                continue;
            }
            seen.push(r.route);
            let route = &table.routes[r.route];
            ranks.push(rank(route.origin, &route.destination));
            candidates.push(Candidate {
                index: r.route,
                destination: text(&|| net.destination_text(&route.destination)),
                matched_cidr: text(&|| r.cidr.to_string()),
                prefix_len: len,
                target: text(&|| net.target_id(&route.target)),
                origin: route.origin,
                outcome: Outcome::LowerPriority,
            });
        }
    }
    // R5 [PRIO, VPNRP]: when the VPC's local route covers the destination, a propagated route
    // that overlaps it never wins, even when it is more specific.
    let local = candidates
        .iter()
        .any(|c| table.routes[c.index].target == Target::Local);
    let beaten = |c: &Candidate| local && c.origin == RouteOrigin::Propagated;
    let mut best: Option<usize> = None;
    for (pos, c) in candidates.iter().enumerate() {
        if beaten(c) {
            continue;
        }
        let better = match best {
            None => true,
            Some(bp) => {
                let b = &candidates[bp];
                c.prefix_len > b.prefix_len
                    || (c.prefix_len == b.prefix_len && ranks[pos] < ranks[bp])
                    // R2: overlapping prefix lists on a tie: deterministic, first listed.
                    || (c.prefix_len == b.prefix_len && ranks[pos] == ranks[bp] && c.index < b.index)
            }
        };
        if better {
            best = Some(pos);
        }
    }
    let mut matched = None;
    if let Some(bp) = best {
        let bl = candidates[bp].prefix_len;
        for (i, c) in candidates.iter_mut().enumerate() {
            c.outcome = if i == bp {
                Outcome::Chosen
            } else if c.prefix_len < bl {
                Outcome::ShorterPrefix
            } else if local && c.origin == RouteOrigin::Propagated {
                Outcome::LocalPreferred
            } else {
                Outcome::LowerPriority
            };
        }
        let chosen = candidates.remove(bp);
        candidates.insert(0, chosen.clone());
        matched = Some(chosen);
    }
    RouteDecision {
        table: text(&|| table.id.clone()),
        matched,
        candidates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PlIdx, PrefixList, Route, RouteTable, Target, VpcIdx};

    /// A network of one route table, its routes given as (destination, origin, target label),
    /// and one prefix list `pl-1` of 10.0.0.0/16 (smoltcp's `mod mock` habit).
    mod mock {
        use super::*;

        pub fn table(routes: &[(&str, RouteOrigin, &str)]) -> (Network, Index) {
            let mut net = Network::default();
            net.prefix_lists.push(PrefixList {
                id: "pl-1".into(),
                name: String::new(),
                cidrs: vec!["10.0.0.0/16".parse().unwrap()],
            });
            let routes = routes
                .iter()
                .map(|(dest, origin, target)| Route {
                    destination: if *dest == "pl-1" {
                        Destination::PrefixList(PlIdx(0))
                    } else {
                        Destination::Cidr(dest.parse().unwrap())
                    },
                    target: if *target == "local" {
                        Target::Local
                    } else {
                        Target::Missing(target.to_string())
                    },
                    origin: *origin,
                    blackhole: false,
                })
                .collect();
            net.route_tables.push(RouteTable {
                id: "rtb-mock".into(),
                name: String::new(),
                vpc: VpcIdx(0),
                main: true,
                routes,
            });
            let ix = Index::build(&net);
            (net, ix)
        }
    }

    fn look(routes: &[(&str, RouteOrigin, &str)], dst: &str) -> RouteDecision {
        let (net, ix) = mock::table(routes);
        lookup(&net, &ix, RtbIdx(0), dst.parse().unwrap())
    }

    fn outcomes(d: &RouteDecision) -> Vec<(String, Outcome)> {
        d.candidates
            .iter()
            .map(|c| (c.target.clone(), c.outcome))
            .collect()
    }

    #[test]
    fn lookup_prefers_longest_prefix() {
        use RouteOrigin::Static;
        let d = look(
            &[
                ("0.0.0.0/0", Static, "default"),
                ("10.0.0.0/8", Static, "eight"),
                ("10.1.0.0/16", Static, "sixteen"),
            ],
            "10.1.2.3",
        );
        assert_eq!(
            d.matched.as_ref().map(|m| m.target.as_str()),
            Some("sixteen")
        );
        let o = outcomes(&d);
        assert_eq!(o[0], ("sixteen".into(), Outcome::Chosen));
        assert!(o[1..].iter().all(|(_, x)| *x == Outcome::ShorterPrefix));
        assert_eq!(o.len(), 3);
    }

    #[test]
    fn lookup_misses_without_a_covering_route() {
        let d = look(
            &[("10.0.0.0/8", RouteOrigin::Static, "eight")],
            "192.168.1.1",
        );
        assert_eq!(d.matched, None);
        assert!(d.candidates.is_empty());
        assert_eq!(d.table, "rtb-mock");
    }

    #[test]
    fn lookup_prefers_static_over_prefix_list_over_propagated_on_equal_prefix() {
        use RouteOrigin::{Propagated, Static};
        let d = look(
            &[
                ("10.0.0.0/16", Propagated, "vgw"),
                ("pl-1", Static, "endpoint"),
                ("10.0.0.0/16", Static, "static"),
            ],
            "10.0.5.5",
        );
        let o = outcomes(&d);
        assert_eq!(o[0], ("static".into(), Outcome::Chosen));
        assert!(o[1..].iter().all(|(_, x)| *x == Outcome::LowerPriority));
        let d = look(
            &[
                ("10.0.0.0/16", Propagated, "vgw"),
                ("pl-1", Static, "endpoint"),
            ],
            "10.0.5.5",
        );
        assert_eq!(outcomes(&d)[0], ("endpoint".into(), Outcome::Chosen));
        assert_eq!(
            d.matched.map(|m| m.matched_cidr).as_deref(),
            Some("10.0.0.0/16")
        );
    }

    #[test]
    fn lookup_breaks_an_equal_rank_tie_by_table_order() {
        use RouteOrigin::Static;
        let d = look(
            &[
                ("10.0.0.0/16", Static, "first"),
                ("10.0.0.0/16", Static, "second"),
            ],
            "10.0.0.1",
        );
        assert_eq!(d.matched.map(|m| m.index), Some(0));
    }

    // R5, "How route priority works" (UG route-tables-priority.html) and "Route tables and
    // Site-to-Site VPN route priority" (vpn-route-priority.html): "If propagated routes ...
    // overlap with the local route for your VPC, the local route is most preferred even if the
    // propagated routes are more specific."
    #[test]
    fn lookup_prefers_local_over_a_more_specific_propagated_route() {
        use RouteOrigin::{Propagated, Static};
        let d = look(
            &[
                ("10.0.0.0/16", Static, "local"),
                ("10.0.5.0/24", Propagated, "vgw"),
                ("0.0.0.0/0", Static, "igw"),
            ],
            "10.0.5.5",
        );
        assert_eq!(d.matched.as_ref().map(|m| m.target.as_str()), Some("local"));
        let o = outcomes(&d);
        assert_eq!(
            o,
            vec![
                ("local".into(), Outcome::Chosen),
                ("vgw".into(), Outcome::LocalPreferred),
                ("igw".into(), Outcome::ShorterPrefix),
            ]
        );
        // Outside the VPC block the same propagated route is an ordinary candidate.
        let d = look(
            &[
                ("10.0.0.0/16", Static, "local"),
                ("10.1.0.0/16", Propagated, "vgw"),
                ("0.0.0.0/0", Static, "igw"),
            ],
            "10.1.0.9",
        );
        assert_eq!(d.matched.map(|m| m.target), Some("vgw".to_string()));
    }

    #[test]
    fn lookup_keeps_a_propagated_route_for_the_vpc_block_as_a_loser_to_local() {
        use RouteOrigin::{Propagated, Static};
        let d = look(
            &[
                ("10.0.0.0/16", Propagated, "vgw"),
                ("10.0.0.0/16", Static, "local"),
            ],
            "10.0.0.7",
        );
        assert_eq!(
            outcomes(&d),
            vec![
                ("local".into(), Outcome::Chosen),
                ("vgw".into(), Outcome::LocalPreferred),
            ]
        );
    }

    // R2, UG route-tables-priority.html: on an equal prefix a static route beats a propagated
    // one, whatever their order in the table.
    #[test]
    fn lookup_prefers_static_over_propagated_outside_the_vpc() {
        use RouteOrigin::{Propagated, Static};
        let d = look(
            &[
                ("172.31.0.0/24", Propagated, "vgw"),
                ("172.31.0.0/24", Static, "igw"),
            ],
            "172.31.0.10",
        );
        assert_eq!(
            outcomes(&d),
            vec![
                ("igw".into(), Outcome::Chosen),
                ("vgw".into(), Outcome::LowerPriority),
            ]
        );
    }

    #[test]
    fn outcome_serialises_kebab_case() {
        let all = [
            Outcome::ShorterPrefix,
            Outcome::LowerPriority,
            Outcome::LocalPreferred,
        ];
        let text = serde_json::to_string(&all).ok();
        assert_eq!(
            text.as_deref(),
            Some(r#"["shorter-prefix","lower-priority","local-preferred"]"#)
        );
    }
}
