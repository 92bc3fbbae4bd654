//! Lookup structures built once per network, so a trace never scans a whole table.

use super::{
    Destination, EniIdx, IgwIdx, NatIdx, Network, PcxIdx, PeeringStatus, RtbIdx, SubnetIdx, VgwIdx,
    VpcIdx, VpceIdx,
};
use ipnet::Ipv4Net;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::net::Ipv4Addr;

/// A key that is a position in one of the network's vectors (`VpcIdx`, `RtbIdx`, ...).
pub trait Dense: Copy {
    fn i(self) -> usize;
}

/// A map keyed by a position: one slot per position, no hashing. It has the methods of
/// `HashMap` that the indexes use. Kept because it measured faster on the walker's hot path:
/// `scripts/bench`, three alternating runs with `HashMap` in its place (issue 8), best time
/// per trace, median of the runs: 11.9 against 12.4 us at 200 VPCs, 10.8 against 12.3 us at
/// 2,000.
#[derive(Clone, Debug)]
pub struct IdxMap<K, V> {
    slots: Vec<Option<V>>,
    key: PhantomData<K>,
}

impl<K, V> Default for IdxMap<K, V> {
    fn default() -> Self {
        IdxMap {
            slots: Vec::new(),
            key: PhantomData,
        }
    }
}

impl<K: Dense, V> IdxMap<K, V> {
    pub fn get(&self, k: &K) -> Option<&V> {
        self.slots.get(k.i())?.as_ref()
    }

    pub fn contains_key(&self, k: &K) -> bool {
        self.get(k).is_some()
    }

    /// Stores `v` under `k`, returning the value it replaces.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        self.slot(k).replace(v)
    }

    /// The value under `k`, created with `V::default()` if absent.
    pub fn get_or_default(&mut self, k: K) -> &mut V
    where
        V: Default,
    {
        self.slot(k).get_or_insert_with(V::default)
    }

    fn slot(&mut self, k: K) -> &mut Option<V> {
        if self.slots.len() <= k.i() {
            self.slots.resize_with(k.i() + 1, || None);
        }
        &mut self.slots[k.i()]
    }
}

/// A longest-prefix-match table: one hash map per prefix length, probed from /32 down.
///
/// A lookup costs at most 33 hash probes whatever the number of prefixes, which keeps a
/// trace's cost flat as route tables and estates grow (the benchmark checks this).
#[derive(Clone, Debug)]
pub struct PrefixTable<T> {
    by_len: Vec<HashMap<u32, Vec<T>>>,
    /// Bit `n` is set when some prefix of length `n` is present.
    lens: u64,
}

impl<T> Default for PrefixTable<T> {
    fn default() -> Self {
        PrefixTable {
            by_len: (0..=32).map(|_| HashMap::new()).collect(),
            lens: 0,
        }
    }
}

fn key(ip: Ipv4Addr, len: u8) -> u32 {
    let bits = u32::from(ip);
    if len == 0 {
        0
    } else {
        bits & (u32::MAX << (32 - u32::from(len)))
    }
}

impl<T> PrefixTable<T> {
    /// Adds `value` under `net`.
    pub fn insert(&mut self, net: Ipv4Net, value: T) {
        let len = net.prefix_len();
        self.lens |= 1 << len;
        self.by_len[len as usize]
            .entry(key(net.network(), len))
            .or_default()
            .push(value);
    }

    /// Every prefix containing `ip`, longest first, with the values stored under it.
    pub fn matches(&self, ip: Ipv4Addr) -> impl Iterator<Item = (u8, &[T])> + '_ {
        (0..=32u8).rev().filter_map(move |len| {
            if self.lens & (1 << len) == 0 {
                return None;
            }
            self.by_len[len as usize]
                .get(&key(ip, len))
                .map(|v| (len, v.as_slice()))
        })
    }

    /// The values under the longest prefix containing `ip`.
    pub fn longest(&self, ip: Ipv4Addr) -> Option<(u8, &[T])> {
        self.matches(ip).next()
    }
}

/// One expanded route: which route of which table, under which prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteRef {
    /// Position in `RouteTable::routes`.
    pub route: usize,
    /// The CIDR this entry matched (for a prefix-list route, one of the list's CIDRs).
    pub cidr: Ipv4Net,
}

/// Indexes over a `Network`.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// One prefix table per route table, prefix lists expanded.
    pub routes: Vec<PrefixTable<RouteRef>>,
    /// Private address to interface, per VPC.
    pub eni_by_ip: HashMap<(VpcIdx, Ipv4Addr), EniIdx>,
    /// Public address to interface.
    pub eni_by_public_ip: HashMap<Ipv4Addr, EniIdx>,
    /// VPC CIDRs.
    pub vpc_cidrs: PrefixTable<VpcIdx>,
    /// Subnet CIDRs.
    pub subnet_cidrs: PrefixTable<SubnetIdx>,
    /// AWS service address ranges, by service position.
    pub services: PrefixTable<usize>,
    /// On-premises CIDRs behind each virtual private gateway.
    pub onprem: PrefixTable<VgwIdx>,
    /// Peering connections touching each VPC.
    pub peerings_of: IdxMap<VpcIdx, Vec<PcxIdx>>,
    /// Subnets whose route table is each table (explicit or main), for fixes and summaries.
    pub subnets_of_rtb: IdxMap<RtbIdx, Vec<SubnetIdx>>,
    /// Private address to interfaces, across VPCs (overlapping VPCs may share one).
    pub enis_by_ip: HashMap<Ipv4Addr, Vec<EniIdx>>,
    /// The internet gateway attached to each VPC.
    pub igw_of: IdxMap<VpcIdx, IgwIdx>,
    /// NAT gateways in each VPC.
    pub nats_of: IdxMap<VpcIdx, Vec<NatIdx>>,
    /// Virtual private gateways attached to each VPC.
    pub vgws_of: IdxMap<VpcIdx, Vec<VgwIdx>>,
    /// Endpoints in each VPC.
    pub endpoints_of: IdxMap<VpcIdx, Vec<VpceIdx>>,
}

impl Index {
    /// Builds every index; `net` must already be validated (references resolved).
    pub fn build(net: &Network) -> Index {
        let mut ix = Index::default();
        for rt in &net.route_tables {
            let mut t = PrefixTable::default();
            for (i, r) in rt.routes.iter().enumerate() {
                match &r.destination {
                    Destination::Cidr(c) => t.insert(*c, RouteRef { route: i, cidr: *c }),
                    Destination::PrefixList(p) => {
                        for c in &net.prefix_lists[p.i()].cidrs {
                            t.insert(*c, RouteRef { route: i, cidr: *c });
                        }
                    }
                }
            }
            ix.routes.push(t);
        }
        for (i, e) in net.enis.iter().enumerate() {
            let ei = EniIdx(i as u32);
            for ip in std::iter::once(&e.private_ip).chain(&e.secondary_ips) {
                ix.eni_by_ip.insert((e.vpc, *ip), ei);
            }
            if let Some(p) = e.public_ip {
                ix.eni_by_public_ip.insert(p, ei);
            }
        }
        for (i, v) in net.vpcs.iter().enumerate() {
            for c in &v.cidrs {
                ix.vpc_cidrs.insert(*c, VpcIdx(i as u32));
            }
        }
        for (i, s) in net.subnets.iter().enumerate() {
            ix.subnet_cidrs.insert(s.cidr, SubnetIdx(i as u32));
            let rtb = net.route_table_of(SubnetIdx(i as u32));
            ix.subnets_of_rtb
                .get_or_default(rtb)
                .push(SubnetIdx(i as u32));
        }
        for (i, s) in net.services.iter().enumerate() {
            for c in &s.cidrs {
                ix.services.insert(*c, i);
            }
        }
        for (i, g) in net.vpn_gateways.iter().enumerate() {
            for c in &g.onprem_cidrs {
                ix.onprem.insert(*c, VgwIdx(i as u32));
            }
        }
        ix.onprem_of_vpns(net);
        for (i, e) in net.enis.iter().enumerate() {
            for ip in std::iter::once(&e.private_ip).chain(&e.secondary_ips) {
                ix.enis_by_ip.entry(*ip).or_default().push(EniIdx(i as u32));
            }
        }
        for (i, g) in net.internet_gateways.iter().enumerate() {
            if let Some(v) = g.vpc {
                ix.igw_of.insert(v, IgwIdx(i as u32));
            }
        }
        for (i, n) in net.nat_gateways.iter().enumerate() {
            let v = net.subnets[n.subnet.i()].vpc;
            ix.nats_of.get_or_default(v).push(NatIdx(i as u32));
        }
        for (i, g) in net.vpn_gateways.iter().enumerate() {
            if let Some(v) = g.vpc {
                ix.vgws_of.get_or_default(v).push(VgwIdx(i as u32));
            }
        }
        for (i, e) in net.endpoints.iter().enumerate() {
            ix.endpoints_of
                .get_or_default(e.vpc)
                .push(VpceIdx(i as u32));
        }
        for (i, p) in net.peerings.iter().enumerate() {
            let pi = PcxIdx(i as u32);
            ix.peerings_of.get_or_default(p.requester).push(pi);
            ix.peerings_of.get_or_default(p.accepter).push(pi);
        }
        ix
    }

    /// R28: a VPN connection's static routes are corporate networks too, so a flow may start
    /// there. A connection that is not available knows nothing (R27).
    fn onprem_of_vpns(&mut self, net: &Network) {
        for v in net.vpn_connections.iter().filter(|v| v.available()) {
            for c in &v.routes {
                self.onprem.insert(*c, v.vgw);
            }
        }
    }

    /// The active peering connection between two VPCs, if any.
    pub fn active_peering(&self, net: &Network, a: VpcIdx, b: VpcIdx) -> Option<PcxIdx> {
        self.peerings_of.get(&a)?.iter().copied().find(|p| {
            let pc = &net.peerings[p.i()];
            pc.status == PeeringStatus::Active && pc.other_side(a) == Some(b)
        })
    }

    /// The NAT gateways of a VPC.
    pub fn nats_in(&self, vpc: VpcIdx) -> impl Iterator<Item = NatIdx> + '_ {
        self.nats_of.get(&vpc).into_iter().flatten().copied()
    }

    /// The virtual private gateways attached to a VPC.
    pub fn vgws_in(&self, vpc: VpcIdx) -> impl Iterator<Item = VgwIdx> + '_ {
        self.vgws_of.get(&vpc).into_iter().flatten().copied()
    }

    /// The endpoints of a VPC.
    pub fn endpoints_in(&self, vpc: VpcIdx) -> impl Iterator<Item = VpceIdx> + '_ {
        self.endpoints_of.get(&vpc).into_iter().flatten().copied()
    }

    /// The gateway endpoint of `vpc` for the service named `service`, if any.
    pub fn gateway_endpoint(&self, net: &Network, vpc: VpcIdx, service: &str) -> Option<VpceIdx> {
        self.endpoints_in(vpc).find(|e| {
            let ep = &net.endpoints[e.i()];
            ep.service == service && matches!(ep.kind, super::EndpointKind::Gateway { .. })
        })
    }

    /// The subnet of `vpc` whose CIDR holds `ip`.
    pub fn subnet_at(&self, net: &Network, vpc: VpcIdx, ip: Ipv4Addr) -> Option<SubnetIdx> {
        self.subnet_cidrs
            .matches(ip)
            .flat_map(|(_, v)| v.iter().copied())
            .find(|s| net.subnets[s.i()].vpc == vpc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn lookup_prefers_longest_prefix() {
        let mut t = PrefixTable::default();
        t.insert(net("0.0.0.0/0"), "default");
        t.insert(net("10.0.0.0/8"), "ten");
        t.insert(net("10.1.0.0/16"), "ten-one");
        let ip: Ipv4Addr = "10.1.2.3".parse().unwrap();
        assert_eq!(t.longest(ip), Some((16, &["ten-one"][..])));
        let all: Vec<_> = t.matches(ip).map(|(l, v)| (l, v[0])).collect();
        assert_eq!(all, vec![(16, "ten-one"), (8, "ten"), (0, "default")]);
    }

    #[test]
    fn lookup_misses_outside_every_prefix() {
        let mut t = PrefixTable::default();
        t.insert(net("10.0.0.0/8"), 1);
        assert_eq!(t.longest("11.0.0.1".parse().unwrap()), None);
    }

    #[test]
    fn lookup_handles_host_routes_and_equal_prefixes() {
        let mut t = PrefixTable::default();
        t.insert(net("10.0.0.5/32"), 'a');
        t.insert(net("10.0.0.0/24"), 'b');
        t.insert(net("10.0.0.0/24"), 'c');
        assert_eq!(
            t.longest("10.0.0.5".parse().unwrap()),
            Some((32, &['a'][..]))
        );
        assert_eq!(
            t.longest("10.0.0.6".parse().unwrap()),
            Some((24, &['b', 'c'][..]))
        );
    }
}
