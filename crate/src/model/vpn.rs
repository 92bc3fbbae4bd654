//! Site-to-Site VPN connections on a virtual private gateway, and the gateway's choice of a
//! path to the corporate network (R28).
//!
//! A virtual private gateway sends to the corporate side only the prefixes it knows: the static
//! routes of its VPN connections, the prefixes learned over BGP, and Direct Connect's [VPNRP].
//! BGP-learned prefixes are not in describe output, so a BGP connection is a path the trace
//! assumes, and says so. Data and the pure choice only: no I/O, no English.

use super::{EdgeKind, Network, VgwIdx};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// How a VPN connection tells the gateway the corporate prefixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VpnRouting {
    /// `Options.StaticRoutesOnly`: the prefixes are the connection's `Routes`.
    Static,
    /// Dynamic (BGP): the customer gateway advertises them; describe output does not list them.
    Bgp,
}

/// The customer gateway: the corporate side's device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerGateway {
    pub id: String,
    /// Its public (outside) address.
    pub ip: Option<Ipv4Addr>,
    pub bgp_asn: Option<String>,
}

/// A Site-to-Site VPN connection on a virtual private gateway.
#[derive(Clone, Debug)]
pub struct VpnConnection {
    pub id: String,
    pub name: String,
    pub vgw: VgwIdx,
    /// The state as AWS gives it (`available` when the input names none).
    pub state: String,
    pub routing: VpnRouting,
    /// The static routes in state `available` (a static connection's only prefixes).
    pub routes: Vec<Ipv4Net>,
    /// Each tunnel's status, `true` for UP; empty when the input does not report them.
    pub tunnels: Vec<bool>,
    pub customer_gateway: Option<CustomerGateway>,
}

impl VpnConnection {
    /// R27: only an `available` connection carries traffic.
    pub fn available(&self) -> bool {
        available(&self.state)
    }

    /// Every tunnel the input reports is DOWN.
    pub fn tunnels_down(&self) -> bool {
        tunnels_down(&self.tunnels)
    }

    /// Whether the connection can carry a packet now.
    pub fn usable(&self) -> bool {
        self.available() && !self.tunnels_down()
    }
}

/// R27: a VPN connection in `state` carries traffic only when `available` (a virtual private
/// gateway's connection and a transit gateway's VPN attachment alike).
pub fn available(state: &str) -> bool {
    state == "available"
}

/// Every tunnel reported (`true` for UP) is DOWN; none reported is not "down".
pub fn tunnels_down(tunnels: &[bool]) -> bool {
    !tunnels.is_empty() && tunnels.iter().all(|up| !up)
}

/// What a path through the gateway rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VgwBasis {
    /// A Direct Connect prefix of the gateway.
    DirectConnect(Ipv4Net),
    /// A static route of a VPN connection.
    Static(Ipv4Net),
    /// A BGP connection: the prefix is assumed to be advertised (R28).
    BgpAssumed,
}

impl VgwBasis {
    /// The prefix length the gateway matched; an assumed BGP prefix is the least specific.
    fn prefix_len(self) -> u8 {
        match self {
            VgwBasis::DirectConnect(c) | VgwBasis::Static(c) => c.prefix_len(),
            VgwBasis::BgpAssumed => 0,
        }
    }

    /// On an equal prefix: Direct Connect, then VPN static, then VPN BGP [PRIO, VPNRP].
    fn rank(self) -> u8 {
        match self {
            VgwBasis::DirectConnect(_) => 0,
            VgwBasis::Static(_) => 1,
            VgwBasis::BgpAssumed => 2,
        }
    }
}

/// One way the gateway could send a packet: over a VPN connection (by index into
/// `Network::vpn_connections`) or over Direct Connect (`vpn` is `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VgwPath {
    pub vpn: Option<usize>,
    pub basis: VgwBasis,
}

/// The gateway's decision for one destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VgwRoute {
    /// The gateway has no VPN connection in the input: what is behind it is known only from
    /// its `onprem_cidrs` (the walker checks those, as before VPN connections were modelled).
    Unknown,
    /// The best usable path, and the paths that lost to it, best first.
    Chosen { path: VgwPath, losers: Vec<VgwPath> },
    /// Only connections that cannot carry traffic know the destination (R27: not `available`,
    /// or every tunnel DOWN): the best of them.
    Unusable(VgwPath),
    /// No prefix of the gateway contains the destination (R28).
    NoRoute,
}

/// The VPN connections on gateway `g`, by index.
pub fn connections_of(net: &Network, g: VgwIdx) -> impl Iterator<Item = usize> + '_ {
    net.vpn_connections
        .iter()
        .enumerate()
        .filter(move |(_, v)| v.vgw == g)
        .map(|(i, _)| i)
}

/// R28, [VPNRP]: the longest known prefix containing `dst` wins; on an equal prefix Direct
/// Connect beats a VPN static route, which beats a BGP route. A connection that cannot carry
/// traffic is never chosen while a usable one knows the destination.
pub fn vgw_route(net: &Network, g: VgwIdx, dst: Ipv4Addr) -> VgwRoute {
    let gw = &net.vpn_gateways[g.i()];
    let mut paths: Vec<VgwPath> = Vec::new();
    if gw.kind == EdgeKind::DirectConnect {
        for c in gw.onprem_cidrs.iter().filter(|c| c.contains(&dst)) {
            paths.push(VgwPath {
                vpn: None,
                basis: VgwBasis::DirectConnect(*c),
            });
        }
    }
    let mut any = false;
    for i in connections_of(net, g) {
        any = true;
        let v = &net.vpn_connections[i];
        for c in v.routes.iter().filter(|c| c.contains(&dst)) {
            paths.push(VgwPath {
                vpn: Some(i),
                basis: VgwBasis::Static(*c),
            });
        }
        if v.routing == VpnRouting::Bgp {
            paths.push(VgwPath {
                vpn: Some(i),
                basis: VgwBasis::BgpAssumed,
            });
        }
    }
    if !any {
        return VgwRoute::Unknown;
    }
    let usable = |p: &VgwPath| p.vpn.map_or(true, |i| net.vpn_connections[i].usable());
    // Usable paths first, then by prefix and rank; the sort is stable, so ties keep input order.
    paths.sort_by_key(|p| (!usable(p), u8::MAX - p.basis.prefix_len(), p.basis.rank()));
    match paths.first().copied() {
        None => VgwRoute::NoRoute,
        Some(p) if !usable(&p) => VgwRoute::Unusable(p),
        Some(path) => VgwRoute::Chosen {
            path,
            losers: paths[1..].to_vec(),
        },
    }
}
