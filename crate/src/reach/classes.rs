//! What makes two members of a group, or two ports, alike: signatures that hold everything the
//! walk decides on, and the representative addresses and ports of the ranges the estate's
//! rules and routes cut the address and port spaces into.

use super::groups::Member;
use crate::model::{
    Destination, EniIdx, EniOwner, Estate, Network, PrefixTable, Protocol, ResourceRef, SgPeer,
    Target,
};
use ipnet::Ipv4Net;
use std::collections::{HashMap, HashSet};
use std::net::Ipv4Addr;

/// The CIDRs an estate names anywhere a decision is made, and its interfaces that need a
/// class of their own.
pub(crate) struct Facts {
    /// Every named CIDR, with its position in `cidrs`.
    table: PrefixTable<u32>,
    pub cidrs: Vec<Ipv4Net>,
    /// Route targets, and interfaces sharing an address with another (R2 decides between
    /// them by the path, so each answers for itself).
    alone: HashSet<EniIdx>,
}

/// Every CIDR that a route, an ACL or group rule, a VPC, subnet, on-premises network or
/// service names in `net`.
fn named_cidrs(net: &Network) -> Vec<Ipv4Net> {
    let pl = |p: crate::model::PlIdx| net.prefix_lists[p.i()].cidrs.iter().copied();
    let mut out: Vec<Ipv4Net> = Vec::new();
    for t in &net.route_tables {
        for r in &t.routes {
            match &r.destination {
                Destination::Cidr(c) => out.push(*c),
                Destination::PrefixList(p) => out.extend(pl(*p)),
            }
        }
    }
    for a in &net.nacls {
        out.extend(a.ingress.iter().chain(&a.egress).map(|r| r.cidr));
    }
    for g in &net.security_groups {
        for r in g.ingress.iter().chain(&g.egress) {
            match &r.peer {
                SgPeer::Cidr(c) => out.push(*c),
                SgPeer::PrefixList(p) => out.extend(pl(*p)),
                _ => {}
            }
        }
    }
    out.extend(net.vpcs.iter().flat_map(|v| v.cidrs.iter().copied()));
    out.extend(net.subnets.iter().map(|s| s.cidr));
    out.extend(
        net.vpn_gateways
            .iter()
            .flat_map(|g| g.onprem_cidrs.iter().copied()),
    );
    out.extend(net.services.iter().flat_map(|s| s.cidrs.iter().copied()));
    out.extend(
        net.prefix_lists
            .iter()
            .flat_map(|p| p.cidrs.iter().copied()),
    );
    out.sort_unstable();
    out.dedup();
    out
}

impl Facts {
    pub(crate) fn of(e: Estate) -> Facts {
        let net = e.net;
        let cidrs = named_cidrs(net);
        let mut table = PrefixTable::default();
        for (i, c) in cidrs.iter().enumerate() {
            table.insert(*c, i as u32);
        }
        let mut alone: HashSet<EniIdx> = net
            .route_tables
            .iter()
            .flat_map(|t| &t.routes)
            .filter_map(|r| match r.target {
                Target::NetworkInterface(e) => Some(e),
                _ => None,
            })
            .collect();
        alone.extend(
            e.ix.enis_by_ip
                .values()
                .filter(|v| v.len() > 1)
                .flatten()
                .copied(),
        );
        Facts {
            table,
            cidrs,
            alone,
        }
    }

    /// Appends the positions of the named CIDRs that contain `ip`.
    fn containing(&self, ip: Ipv4Addr, out: &mut Vec<u32>) {
        let at = out.len();
        out.push(0);
        for (_, v) in self.table.matches(ip) {
            out.extend_from_slice(v);
        }
        out[at] = (out.len() - at - 1) as u32;
    }

    /// The named CIDRs containing `ip` that are narrower than `within`.
    pub(crate) fn narrower(&self, ip: Ipv4Addr, within: u8) -> Vec<Ipv4Net> {
        self.table
            .matches(ip)
            .filter(|(len, _)| *len > within)
            .flat_map(|(_, v)| v.iter().map(|i| self.cidrs[*i as usize]))
            .collect()
    }
}

/// The interface a member names in `net`, if it is there.
pub(crate) fn eni_of(net: &Network, name: &str) -> Option<EniIdx> {
    match net.ids.get(name)? {
        ResourceRef::Eni(e) => Some(*e),
        ResourceRef::Instance(i) => net.instances[*i].enis.first().copied(),
        _ => None,
    }
}

/// Appends `m`'s signature in one estate: members with equal signatures in every estate are
/// treated alike by every route and rule there.
pub(crate) fn signature(e: Estate, f: &Facts, m: &Member, out: &mut Vec<u32>) {
    match m {
        Member::Eni(name) => match eni_of(e.net, name) {
            Some(x) => eni_signature(e.net, f, x, out),
            None => out.push(0),
        },
        Member::Internet(ip) | Member::OnPrem(ip) => {
            out.push(2);
            f.containing(*ip, out);
        }
        Member::Service(_) => out.push(3),
    }
}

fn eni_signature(net: &Network, f: &Facts, x: EniIdx, out: &mut Vec<u32>) {
    let eni = &net.enis[x.i()];
    out.push(1);
    out.push(eni.subnet.0);
    let mut sgs: Vec<u32> = eni.security_groups.iter().map(|g| g.0).collect();
    sgs.sort_unstable();
    out.push(sgs.len() as u32);
    out.extend(sgs);
    out.push(match &eni.owner {
        // R27: a stopped instance passes nothing, so it is not like a running one.
        EniOwner::Instance(k) if net.instances[*k].state.is_running() => 0,
        EniOwner::Instance(_) => 4,
        EniOwner::NatGateway(_) => 1,
        EniOwner::InterfaceEndpoint(_) => 2,
        EniOwner::Other => 3,
        EniOwner::Service(_) => 5,
        EniOwner::Detached => 6,
    });
    out.push(u32::from(eni.source_dest_check));
    f.containing(eni.private_ip, out);
    match eni.public_ip {
        Some(p) => {
            out.push(1);
            f.containing(p, out);
        }
        None => out.push(0),
    }
    if f.alone.contains(&x) {
        out.push(x.0 + 1);
    } else {
        out.push(0);
    }
}

/// Which address space outside the VPCs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outside {
    Internet,
    OnPrem,
}

/// Blocks that are never an internet host's address: RFC 1918 and shared space (R11),
/// "this network", loopback, link-local (R6), multicast and reserved.
const NOT_INTERNET: [&str; 8] = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "224.0.0.0/3",
];

/// One address per range of the internet (or of the on-premises networks) that the estates'
/// named CIDRs treat alike: the ranges between every CIDR boundary, each named by its first
/// address. Ranges that are a VPC's, a service's, or an interface's address are left out.
pub(crate) fn external_points(estates: &[Estate], o: Outside) -> Vec<Ipv4Addr> {
    let mut cuts: Vec<u64> = vec![0, 1 << 32];
    let mut cut = |c: Ipv4Net| {
        cuts.push(u64::from(u32::from(c.network())));
        cuts.push(u64::from(u32::from(c.broadcast())) + 1);
    };
    let fixed: Vec<Ipv4Net> = NOT_INTERNET.iter().filter_map(|s| s.parse().ok()).collect();
    fixed.iter().for_each(|c| cut(*c));
    let mut taken: HashSet<Ipv4Addr> = HashSet::new();
    for e in estates {
        named_cidrs(e.net).into_iter().for_each(&mut cut);
        for eni in &e.net.enis {
            for ip in std::iter::once(eni.private_ip).chain(eni.public_ip) {
                cut(Ipv4Net::from(ip));
                taken.insert(ip);
            }
        }
        for n in e.net.nat_gateways.iter().filter_map(|n| n.public_ip) {
            cut(Ipv4Net::from(n));
            taken.insert(n);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Ipv4Addr::from(w[0] as u32))
        .filter(|ip| !taken.contains(ip))
        .filter(|ip| match o {
            Outside::Internet => {
                !fixed.iter().any(|c| c.contains(ip))
                    && estates.iter().all(|e| public_only(*e, *ip))
            }
            Outside::OnPrem => estates.iter().any(|e| e.ix.onprem.longest(*ip).is_some()),
        })
        .collect()
}

/// Whether `ip` is nobody's in the estate: no VPC's, on-premises network's or service's.
fn public_only(e: Estate, ip: Ipv4Addr) -> bool {
    e.ix.vpc_cidrs.longest(ip).is_none()
        && e.ix.onprem.longest(ip).is_none()
        && e.ix.services.longest(ip).is_none()
}

/// One destination port per range the estates' group and ACL rules for `p` treat alike
/// (the first of each range, 1 rather than 0); a protocol without ports has one, 0.
pub(crate) fn port_points(estates: &[Estate], p: Protocol) -> Vec<u16> {
    if !p.has_ports() {
        return vec![0];
    }
    let mut cuts: Vec<u32> = vec![0, 1, 65536];
    for e in estates {
        let net = e.net;
        let sg = net
            .security_groups
            .iter()
            .flat_map(|g| g.ingress.iter().chain(&g.egress))
            .filter(|r| r.protocol.covers(p))
            .map(|r| r.ports);
        let acl = net
            .nacls
            .iter()
            .flat_map(|a| a.ingress.iter().chain(&a.egress))
            .filter(|r| r.protocol.covers(p))
            .map(|r| r.ports);
        for r in sg.chain(acl) {
            cuts.push(u32::from(r.from));
            cuts.push(u32::from(r.to) + 1);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| w[0] as u16)
        .filter(|&x| x != 0)
        .collect()
}

/// Splits `members` into classes: positions with equal signatures in every estate, in order
/// of first appearance.
pub(crate) fn classes(estates: &[Estate], facts: &[Facts], members: &[Member]) -> Vec<Vec<usize>> {
    let mut at: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut sig = Vec::new();
    for (i, m) in members.iter().enumerate() {
        sig.clear();
        for (e, f) in estates.iter().zip(facts) {
            signature(*e, f, m, &mut sig);
        }
        match at.get(&sig) {
            Some(&c) => out[c].push(i),
            None => {
                at.insert(sig.clone(), out.len());
                out.push(vec![i]);
            }
        }
    }
    out
}
