//! Suggested fixes: the configuration change that would let a dropped packet through, and
//! the extra words that say what the VPC lacks. Reads the estate; never walks a packet.

use super::{Fix, FixAction};
use crate::forward::{lookup, Header};
use crate::model::*;
use std::net::Ipv4Addr;

/// The block a fix should open: the remote's VPC or on-premises CIDR, else the address.
pub fn remote_cidr(es: Estate, ip: Ipv4Addr) -> String {
    // Another instance's public IP (traffic that came back in through an internet
    // gateway): open exactly that address, not the whole internet.
    if es.ix.eni_by_public_ip.contains_key(&ip) {
        return format!("{ip}/32");
    }
    if let Some((_, v)) = es.ix.vpc_cidrs.longest(ip) {
        let vpc = &es.net.vpcs[v[0].i()];
        if let Some(c) = vpc.cidrs.iter().find(|c| c.contains(&ip)) {
            return c.to_string();
        }
    }
    if let Some((len, v)) = es.ix.onprem.longest(ip) {
        if let Some(c) = es.net.vpn_gateways[v[0].i()]
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

/// A configuration change that would give `pkt` a route out of `rtb`.
pub fn suggest_route(es: Estate, rtb: RtbIdx, subnet: SubnetIdx, pkt: Header) -> Option<Fix> {
    let net = es.net;
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
    for p in es.ix.peerings_of.get(&vpc).into_iter().flatten() {
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
    for g in es.ix.vgws_in(vpc).map(|g| &net.vpn_gateways[g.i()]) {
        if let Some(c) = g.onprem_cidrs.iter().find(|c| c.contains(&dst)) {
            return add(c.to_string(), g.id.clone());
        }
    }
    if is_private(dst) {
        return None;
    }
    // An AWS service with a gateway endpoint in this VPC: associate the table with it.
    if let Some((_, svcs)) = es.ix.services.longest(dst) {
        let svc = &net.services[svcs[0]];
        if let Some(e) = es.ix.gateway_endpoint(net, vpc, &svc.name) {
            return Some(Fix::new(FixAction::AssociateEndpointRouteTable {
                endpoint: net.endpoints[e.i()].id.clone(),
                route_table: table.id.clone(),
            }));
        }
    }
    let igw = es
        .ix
        .igw_of
        .get(&vpc)
        .map(|g| &net.internet_gateways[g.i()]);
    let sender_public = es
        .ix
        .eni_by_ip
        .get(&(vpc, pkt.src))
        .is_some_and(|e| net.enis[e.i()].public_ip.is_some());
    if let (Some(g), true) = (igw, sender_public) {
        return add("0.0.0.0/0".into(), g.id.clone());
    }
    // A private subnet reaches the internet through a public NAT gateway in another subnet.
    let nat = es
        .ix
        .nats_in(vpc)
        .map(|n| &net.nat_gateways[n.i()])
        .find(|n| {
            n.available
                && n.connectivity == NatConnectivity::Public
                && n.subnet != subnet
                && net.route_table_of(n.subnet) != rtb
                && nat_reaches_internet(es, n, dst)
        });
    if let Some(n) = nat {
        return add("0.0.0.0/0".into(), n.id.clone());
    }
    igw.and_then(|g| add("0.0.0.0/0".into(), g.id.clone()))
}

/// R14: a NAT gateway reaches the internet only if its own subnet routes there.
pub fn nat_reaches_internet(es: Estate, n: &NatGateway, dst: Ipv4Addr) -> bool {
    let vpc = es.net.subnets[n.subnet.i()].vpc;
    let rtb = es.net.route_table_of(n.subnet);
    let d = lookup(es.net, es.ix, rtb, dst);
    d.matched.is_some_and(|m| {
        matches!(es.net.route_tables[rtb.i()].routes[m.index].target,
            Target::InternetGateway(g) if es.net.internet_gateways[g.i()].vpc == Some(vpc))
    })
}

/// Extra words for a missing route when the VPC lacks what the destination needs.
pub fn no_route_hint(es: Estate, vpc: VpcIdx, dst: Ipv4Addr) -> Option<String> {
    let net = es.net;
    if is_private(dst) {
        // A VPC two peerings away: peering is not transitive (R17).
        let (_, owners) = es.ix.vpc_cidrs.longest(dst)?;
        let target = owners[0];
        if target == vpc || es.ix.active_peering(net, vpc, target).is_some() {
            return None;
        }
        let via = es
            .ix
            .peerings_of
            .get(&vpc)
            .into_iter()
            .flatten()
            .find_map(|p| {
                let mid = net.peerings[p.i()].other_side(vpc)?;
                es.ix.active_peering(net, mid, target).map(|_| mid)
            });
        let (t, v) = (&net.vpcs[target.i()].id, &net.vpcs[vpc.i()].id);
        return Some(match via {
            Some(mid) => format!("{t} is peered with {}, but peering is not transitive: {v} needs its own peering connection with {t}.", net.vpcs[mid.i()].id),
            None => match es.ix.peerings_of.get(&vpc).into_iter().flatten().map(|p| &net.peerings[p.i()]).find(|p| p.other_side(vpc) == Some(target)) {
                Some(p) if p.requested_status.is_some() => format!("{dst} belongs to {t}. {} connects the two VPCs but is failed: their CIDR blocks overlap, and AWS fails such a request (R19).", p.id),
                Some(p) => format!("{dst} belongs to {t}. {} connects the two VPCs but is {}, so it carries nothing yet.", p.id, p.status.as_str()),
                None => format!("{dst} belongs to {t}, which has no peering connection with {v}."),
            },
        });
    }
    let has_igw = es.ix.igw_of.contains_key(&vpc);
    if has_igw {
        return None;
    }
    let peer_igw = es
        .ix
        .peerings_of
        .get(&vpc)
        .into_iter()
        .flatten()
        .find_map(|p| {
            let other = net.peerings[p.i()].other_side(vpc)?;
            es.ix
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
