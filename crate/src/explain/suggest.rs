//! Suggested fixes: the configuration change that would let a dropped packet through, and
//! what a VPC lacks when it has no route. Reads the estate; never walks a packet.

use super::{BlackholeWhy, Fix, Reason, RouteHint};
use crate::format::edit::Edit;
use crate::model::ids::ResourceKind;
use crate::model::lookup::lookup;
use crate::model::*;
use std::collections::HashSet;
use std::net::Ipv4Addr;

mod tgw;

/// The fix for a drop, if a configuration change would let the packet through. Called once,
/// when the trace ends.
pub fn suggest(reason: &Reason, es: Estate) -> Option<Fix> {
    let net = es.net;
    let action = match reason {
        Reason::NoRoute {
            table,
            subnet,
            src,
            dst,
            ..
        } => {
            let (Some(ResourceRef::RouteTable(rtb)), Some(ResourceRef::Subnet(sub))) =
                (net.ids.get(table.as_str()), net.ids.get(subnet.as_str()))
            else {
                return None;
            };
            suggest_route(es, *rtb, *sub, *src, *dst)?
        }
        Reason::Blackhole {
            target,
            why: BlackholeWhy::PeeringInactive {
                accepter: Some(_), ..
            },
            ..
        } => (
            Edit::AcceptPeering {
                peering: target.clone(),
            },
            None,
        ),
        Reason::SgNoRule {
            groups,
            direction,
            protocol,
            port,
            remote,
            untracked_reply: false,
            ..
        } => (
            Edit::AddSecurityGroupRule {
                group: groups.first()?.clone(),
                direction: *direction,
                protocol: *protocol,
                ports: if protocol.has_ports() {
                    PortRange::single(*port)
                } else {
                    PortRange::ALL
                },
                peer: remote_cidr(es, *remote),
            },
            None,
        ),
        Reason::AclDenied { .. } => (acl_rule(reason, es)?, None),
        Reason::IgwNoPublicIp {
            table, route, dst, ..
        } => (
            nat_route(es, table, route, *dst)?,
            Some(ResourceKind::NatGateway),
        ),
        Reason::ReplyWrongPeer {
            dst,
            table: Some(table),
            came_over: Some(pcx),
            ..
        }
        | Reason::ReplyMisdelivered {
            dst,
            table: Some(table),
            came_over: Some(pcx),
            ..
        } => (reply_route(es, table, pcx, *dst)?, None),
        Reason::SourceDestCheck { interface } => (
            Edit::DisableSourceDestCheck {
                interface: interface.clone(),
            },
            None,
        ),
        Reason::InstanceNotRunning {
            instance, state, ..
        } if *state == InstanceState::Stopped => (
            Edit::StartInstance {
                instance: instance.clone(),
            },
            None,
        ),
        Reason::TgwAzRestriction { .. }
        | Reason::TgwNoAssociation { .. }
        | Reason::TgwNoRoute { .. }
        | Reason::TgwBlackhole { .. } => tgw::suggest(reason)?,
        Reason::VgwNoRoute { vgw, dst, .. } => (vpn_route(es, vgw, *dst)?, None),
        _ => return None,
    };
    Some(Fix::new(action.0, action.1))
}

/// R2 (PR, "configurations with specific routes"): a route in the replying table for the
/// requester's subnet (or, if the table already routes that block, its one address) over the
/// connection the request came by, so the longest prefix sends the reply back the same way.
fn reply_route(es: Estate, table: &str, pcx: &str, dst: Ipv4Addr) -> Option<Edit> {
    let net = es.net;
    let (Some(ResourceRef::RouteTable(rtb)), Some(ResourceRef::Peering(p))) =
        (net.ids.get(table), net.ids.get(pcx))
    else {
        return None;
    };
    let rt = &net.route_tables[rtb.i()];
    let requester = net.peerings[p.i()].other_side(rt.vpc)?;
    let subnet = es.ix.subnet_at(net, requester, dst)?;
    let cidr = net.subnets[subnet.i()].cidr;
    let taken = rt
        .routes
        .iter()
        .any(|r| r.destination == Destination::Cidr(cidr));
    let destination = if taken {
        format!("{dst}/32")
    } else {
        cidr.to_string()
    };
    Some(Edit::SetRoute {
        route_table: table.to_string(),
        destination,
        target: pcx.to_string(),
        replaces: None,
    })
}

/// R28 [CVCR]: a static route for `dst` on a usable static VPN connection of the gateway. The
/// route is the narrowest corporate network the gateway's routes name around `dst`, else the
/// address alone: the engine does not know the corporate network's layout.
fn vpn_route(es: Estate, vgw: &str, dst: Ipv4Addr) -> Option<Edit> {
    let net = es.net;
    let Some(ResourceRef::VpnGateway(g)) = net.ids.get(vgw) else {
        return None;
    };
    // A usable connection first; else an available one whose tunnels are down, which needs
    // the route as well once a tunnel is up.
    let v = crate::model::vpn::connections_of(net, *g)
        .map(|i| &net.vpn_connections[i])
        .filter(|v| v.routing == VpnRouting::Static && v.available())
        .min_by_key(|v| !v.usable())?;
    let cidr = net.vpn_gateways[g.i()]
        .onprem_cidrs
        .iter()
        .filter(|c| c.contains(&dst))
        .max_by_key(|c| c.prefix_len())
        .map(|c| c.to_string())
        .unwrap_or_else(|| format!("{dst}/32"));
    Some(Edit::AddVpnConnectionRoute {
        vpn_connection: v.id.clone(),
        destination: cidr,
    })
}

/// R11, R13: a sender without a public IP reaches the internet through a NAT gateway: point
/// the route that went to the internet gateway at an available public NAT gateway of the VPC
/// that sits in another subnet and itself reaches `dst`.
fn nat_route(es: Estate, table: &str, route: &str, dst: Ipv4Addr) -> Option<Edit> {
    let net = es.net;
    let Some(ResourceRef::RouteTable(rtb)) = net.ids.get(table) else {
        return None;
    };
    let vpc = net.route_tables[rtb.i()].vpc;
    let nat = public_nat_elsewhere(es, vpc, *rtb, None, dst)?;
    Some(Edit::SetRoute {
        route_table: table.to_string(),
        destination: route.to_string(),
        target: nat.id.clone(),
        replaces: Some(route.to_string()),
    })
}

/// An allow rule numbered before the ACL rule that denied (or after the last, for `*`).
fn acl_rule(reason: &Reason, es: Estate) -> Option<Edit> {
    let Reason::AclDenied {
        acl,
        direction,
        rule,
        protocol,
        port,
        remote,
        ephemeral,
        ..
    } = reason
    else {
        return None;
    };
    let Some(ResourceRef::NetworkAcl(a)) = es.net.ids.get(acl.as_str()) else {
        return None;
    };
    let nacl = &es.net.nacls[a.i()];
    let rules = match direction {
        Direction::Ingress => &nacl.ingress,
        Direction::Egress => &nacl.egress,
    };
    let used: HashSet<u16> = rules.iter().map(|r| r.number).collect();
    let number = match rule {
        Some(n) => (1..*n).rev().find(|k| !used.contains(k)),
        None => {
            let max = rules.iter().map(|r| r.number).max().unwrap_or(0);
            let next = (max / 10 + 1) * 10;
            (next..=32766).find(|k| !used.contains(k))
        }
    }?;
    let ports = if !protocol.has_ports() {
        PortRange::ALL
    } else if *ephemeral {
        PortRange {
            from: 1024,
            to: 65535,
        }
    } else {
        PortRange::single(*port)
    };
    Some(Edit::AddNetworkAclRule {
        network_acl: acl.clone(),
        direction: *direction,
        rule: number,
        protocol: *protocol,
        ports,
        cidr: remote_cidr(es, *remote),
        action: NaclAction::Allow,
    })
}

/// The block a fix should open: the remote's VPC or on-premises CIDR, else the address.
fn remote_cidr(es: Estate, ip: Ipv4Addr) -> String {
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

/// A configuration change that would give a packet from `src` to `dst` a route out of `rtb`.
fn suggest_route(
    es: Estate,
    rtb: RtbIdx,
    subnet: SubnetIdx,
    src: Ipv4Addr,
    dst: Ipv4Addr,
) -> Option<(Edit, Option<ResourceKind>)> {
    let table = &es.net.route_tables[rtb.i()];
    let add = |(destination, target, kind): (String, String, ResourceKind)| {
        let edit = Edit::SetRoute {
            route_table: table.id.clone(),
            destination,
            target,
            replaces: None,
        };
        (edit, Some(kind))
    };
    if let Some(route) = route_to_neighbour(es, table.vpc, dst) {
        return Some(add(route));
    }
    if let Some(route) = tgw::route_to_tgw(es, table.vpc, dst) {
        return Some(add(route));
    }
    if is_private(dst) {
        return None;
    }
    // An AWS service with a gateway endpoint in this VPC: associate the table with it.
    if let Some((_, svcs)) = es.ix.services.longest(dst) {
        let svc = &es.net.services[svcs[0]];
        if let Some(e) = es.ix.gateway_endpoint(es.net, table.vpc, &svc.name) {
            let edit = Edit::SetEndpointTable {
                endpoint: es.net.endpoints[e.i()].id.clone(),
                route_table: table.id.clone(),
                associated: true,
            };
            return Some((edit, None));
        }
    }
    route_to_internet(es, rtb, subnet, src, dst).map(add)
}

/// A peered VPC or the corporate network holds `dst`: its block and the connection to it.
fn route_to_neighbour(
    es: Estate,
    vpc: VpcIdx,
    dst: Ipv4Addr,
) -> Option<(String, String, ResourceKind)> {
    let net = es.net;
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
                return Some((c.to_string(), pc.id.clone(), ResourceKind::Peering));
            }
        }
    }
    // The corporate network behind this VPC's virtual private gateway.
    es.ix
        .vgws_in(vpc)
        .map(|g| &net.vpn_gateways[g.i()])
        .find_map(|g| {
            let c = g.onprem_cidrs.iter().find(|c| c.contains(&dst))?;
            Some((c.to_string(), g.id.clone(), ResourceKind::VpnGateway))
        })
}

/// A default route to the internet: the internet gateway for a sender with a public IP,
/// else a public NAT gateway in another subnet, else the internet gateway anyway.
fn route_to_internet(
    es: Estate,
    rtb: RtbIdx,
    subnet: SubnetIdx,
    src: Ipv4Addr,
    dst: Ipv4Addr,
) -> Option<(String, String, ResourceKind)> {
    let net = es.net;
    let vpc = net.route_tables[rtb.i()].vpc;
    let default = |id: &str, kind| ("0.0.0.0/0".to_string(), id.to_string(), kind);
    let igw = es
        .ix
        .igw_of
        .get(&vpc)
        .map(|g| &net.internet_gateways[g.i()]);
    let sender_public = es
        .ix
        .eni_by_ip
        .get(&(vpc, src))
        .is_some_and(|e| net.enis[e.i()].public_ip.is_some());
    if let (Some(g), true) = (igw, sender_public) {
        return Some(default(&g.id, ResourceKind::InternetGateway));
    }
    // A private subnet reaches the internet through a public NAT gateway in another subnet.
    let nat = public_nat_elsewhere(es, vpc, rtb, Some(subnet), dst);
    if let Some(n) = nat {
        return Some(default(&n.id, ResourceKind::NatGateway));
    }
    igw.map(|g| default(&g.id, ResourceKind::InternetGateway))
}

/// R14: a NAT gateway reaches the internet only if its own subnet routes there.
/// An available public NAT gateway of `vpc` whose subnet uses another table than `rtb` (and
/// is not `except`), and that itself reaches `dst` (R14): what a private subnet's route to the
/// internet should point at.
fn public_nat_elsewhere<'e>(
    es: Estate<'e>,
    vpc: VpcIdx,
    rtb: RtbIdx,
    except: Option<SubnetIdx>,
    dst: Ipv4Addr,
) -> Option<&'e NatGateway> {
    let net = es.net;
    es.ix
        .nats_in(vpc)
        .map(|n| &net.nat_gateways[n.i()])
        .find(|n| {
            n.available
                && n.connectivity == NatConnectivity::Public
                && Some(n.subnet) != except
                && net.route_table_of(n.subnet) != rtb
                && nat_reaches_internet(es, n, dst)
        })
}

fn nat_reaches_internet(es: Estate, n: &NatGateway, dst: Ipv4Addr) -> bool {
    let vpc = es.net.subnets[n.subnet.i()].vpc;
    let rtb = es.net.route_table_of(n.subnet);
    let d = lookup(es.net, es.ix, rtb, dst);
    d.matched.is_some_and(|m| {
        matches!(es.net.route_tables[rtb.i()].routes[m.index].target,
            Target::InternetGateway(g) if es.net.internet_gateways[g.i()].vpc == Some(vpc))
    })
}

/// What the VPC lacks when its table has no route for `dst` (R17-R19).
pub fn no_route_hint(es: Estate, vpc: VpcIdx, dst: Ipv4Addr) -> Option<RouteHint> {
    if is_private(dst) {
        return private_hint(es, vpc, dst);
    }
    let net = es.net;
    if es.ix.igw_of.contains_key(&vpc) {
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
    let v = net.vpcs[vpc.i()].id.clone();
    Some(match peer_igw {
        Some((o, g)) => RouteHint::PeerGatewayNotShared {
            vpc: v,
            peer: net.vpcs[o.i()].id.clone(),
            igw: g.id.clone(),
        },
        None => RouteHint::NoInternetGateway { vpc: v },
    })
}

/// A private destination in another VPC: not peered, not active, or two peerings away (R17).
fn private_hint(es: Estate, vpc: VpcIdx, dst: Ipv4Addr) -> Option<RouteHint> {
    let net = es.net;
    let (_, owners) = es.ix.vpc_cidrs.longest(dst)?;
    let target = owners[0];
    if target == vpc || es.ix.active_peering(net, vpc, target).is_some() {
        return None;
    }
    let peerings = || {
        es.ix
            .peerings_of
            .get(&vpc)
            .into_iter()
            .flatten()
            .map(|p| &net.peerings[p.i()])
    };
    let via = peerings().find_map(|p| {
        let mid = p.other_side(vpc)?;
        es.ix.active_peering(net, mid, target).map(|_| mid)
    });
    let (t, v) = (
        net.vpcs[target.i()].id.clone(),
        net.vpcs[vpc.i()].id.clone(),
    );
    if let Some(mid) = via {
        return Some(RouteHint::NotTransitive {
            vpc: v,
            via: net.vpcs[mid.i()].id.clone(),
            target: t,
        });
    }
    Some(
        match peerings().find(|p| p.other_side(vpc) == Some(target)) {
            Some(p) if p.requested_status.is_some() => RouteHint::PeeringFailedOverlap {
                dst,
                target: t,
                pcx: p.id.clone(),
            },
            Some(p) => RouteHint::PeeringNotActive {
                dst,
                target: t,
                pcx: p.id.clone(),
                status: p.status.as_str().to_string(),
            },
            None => RouteHint::NotPeered {
                dst,
                target: t,
                vpc: v,
            },
        },
    )
}
