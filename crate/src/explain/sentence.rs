//! The English of a trace: every sentence that explains a drop is written here, from the
//! typed [`Reason`], and nowhere else.

use super::event::{Assumption, Event, VgwVia};
use super::reason::*;
use crate::model::lookup::Outcome;
use crate::model::{Direction, PortName};

mod tgw;

/// The explanation of a drop. `reply`: it happened on the return leg.
pub fn sentence(reason: &Reason, reply: bool) -> String {
    let why = body(reason);
    if reply && !matches!(reason, Reason::ReplyLost) {
        format!("The request got through, but the reply is dropped: {why}")
    } else {
        why
    }
}

/// The explanation of a reachable flow, naming the gateways the request passed.
pub fn reachable(from: &str, to: &str, gateways: &[&str]) -> String {
    let through = if gateways.is_empty() {
        String::new()
    } else {
        format!(" through {}", gateways.join(", "))
    };
    format!("Reachable: the request from {from} reaches {to}{through}, and the reply comes back.")
}

/// R23: the request and the reply pass different appliances. AWS forwards both; a stateful
/// appliance (a firewall) that sees one direction only drops the connection.
pub fn asymmetric(request_only: &[&str], reply_only: &[&str]) -> String {
    let list = |ids: &[&str]| ids.join(", ");
    let what = match (request_only.is_empty(), reply_only.is_empty()) {
        (false, true) => format!(
            "the request passes appliance {} but the reply does not",
            list(request_only)
        ),
        (true, false) => format!(
            "the reply passes appliance {} but the request does not",
            list(reply_only)
        ),
        _ => format!(
            "the request passes {} and the reply {}",
            list(request_only),
            list(reply_only)
        ),
    };
    format!(
        "But the path is asymmetric: {what}. A stateful appliance that sees only one direction of \
         a connection drops it; route the reply back through the same appliance (R23)."
    )
}

/// Dispatches every variant to the function for its group; each group function answers only
/// for the variants `body` sends it (anything else is empty, and cannot happen).
fn body(reason: &Reason) -> String {
    use Reason as R;
    match reason {
        R::SgNoRule { .. } => security_groups(reason),
        R::AclDenied { .. } => acl(reason),
        R::NoRoute { .. } | R::Blackhole { .. } | R::RoutingLoop { .. } => routing(reason),
        R::ReservedLinkLocal { .. } | R::UnsupportedTarget { .. } => routing(reason),
        R::EndpointPolicyDenied { .. } | R::BucketPolicyDenied { .. } => policies(reason),
        R::RolePolicyDenied { .. } => policies(reason),
        R::PeeringNotConnected { .. } | R::PeeringNotTransitive { .. } => peering(reason),
        R::PeeringNoEdgeToEdge { .. } | R::PeeringOutsidePeer { .. } => peering(reason),
        R::ReplyWrongPeer { .. } => peering(reason),
        R::IgwPrivateDestination { .. } | R::PrivateNatToIgw { .. } => gateways(reason),
        R::IgwNoPublicIp { .. } | R::IgwNoInterface { .. } => gateways(reason),
        R::NatProtocol { .. } | R::NatRefusesInbound { .. } => gateways(reason),
        R::EdgeToEdge { .. } | R::GatewayEndpointProtocol { .. } => gateways(reason),
        R::NoInternetGateway { .. } | R::EndpointStartsConnection { .. } => gateways(reason),
        R::VgwDetached { .. } | R::OnPremToGatewayEndpoint { .. } => on_premises(reason),
        R::OnPremOutsideVpc { .. } | R::OnPremOutsideRange { .. } => on_premises(reason),
        R::WrongInterface { .. } | R::AsymmetricReply { .. } | R::ReplyMisdelivered { .. } => {
            delivery(reason)
        }
        R::ReplyLost | R::NoOwner { .. } | R::NoInterfaceInSubnet { .. } => delivery(reason),
        R::NoInterfaceInVpc { .. } | R::SourceDestCheck { .. } => delivery(reason),
        R::TgwAzRestriction { .. } | R::TgwNoAssociation { .. } | R::TgwNoRoute { .. } => {
            tgw::reason(reason)
        }
        R::TgwBlackhole { .. } | R::TgwPeerNotInInput { .. } | R::TgwGatewayEndpoint { .. } => {
            tgw::reason(reason)
        }
        R::TgwRoutesUnknown { .. } => tgw::reason(reason),
        R::InstanceNotRunning { .. } | R::DetachedInterface { .. } => states(reason),
        R::BeyondTheFiles { .. } => states(reason),
        R::VgwNoRoute { .. } | R::VpnUnusable { .. } | R::TgwVpnUnusable { .. } => vpn(reason),
    }
}

/// R27: resources that pass nothing in their state, and what the input cannot show.
fn states(reason: &Reason) -> String {
    match reason {
        Reason::InstanceNotRunning {
            instance,
            state,
            sending,
        } => {
            let what = if *sending {
                "sends nothing"
            } else {
                "answers nothing: the packet is lost at its interface"
            };
            format!(
                "Instance {instance} is {state}, so it {what}. Only a running instance sends or \
                 answers packets (R27); start it to try this flow."
            )
        }
        Reason::DetachedInterface { interface, sending } => {
            let what = if *sending {
                "nothing sends from it"
            } else {
                "nothing answers at its address"
            };
            format!(
                "Interface {interface} is not attached to an instance or service (its status is \
                 available), so {what} (R27). Attach it to an instance first."
            )
        }
        Reason::BeyondTheFiles {
            pcx,
            vpc,
            account,
            dst,
        } => {
            let owner = match account {
                Some(a) => format!("a VPC of account {a}"),
                None => "a VPC".to_string(),
            };
            format!(
                "Peering connection {pcx} carries the packet to {dst} in {vpc}, {owner} that is \
                 not in these files: the connection gives only its CIDR blocks, so its route \
                 tables, network ACLs, security groups and hosts cannot be seen, nor whether a \
                 reply comes back. Add that account's describe-* output to trace further (R27)."
            )
        }
        _ => String::new(),
    }
}

/// R27, R28: a virtual private gateway's VPN connections.
fn vpn(reason: &Reason) -> String {
    match reason {
        Reason::VgwNoRoute {
            vgw,
            dst,
            connections,
        } => {
            let known: Vec<String> = connections
                .iter()
                .map(|c| {
                    let state = match (c.state.as_str(), c.tunnels_down) {
                        ("available", false) => String::new(),
                        ("available", true) => " (all tunnels DOWN)".to_string(),
                        (other, _) => format!(" ({other})"),
                    };
                    let routes = if c.routes.is_empty() {
                        "no static routes".to_string()
                    } else {
                        format!("the static routes {}", c.routes.join(", "))
                    };
                    format!("{}{state} has {routes}", c.vpn)
                })
                .collect();
            format!(
                "{vgw} sends to the corporate network only the prefixes it knows: its VPN \
                 connections' static routes, BGP and Direct Connect (R28). None contains {dst}: {}. \
                 Add a static route for the destination to the VPN connection.",
                known.join("; ")
            )
        }
        Reason::VpnUnusable {
            vgw,
            vpn,
            addr,
            route,
            why,
        } => {
            let knows = match route {
                Some(r) => format!("by its static route {r}"),
                None => "over BGP, if the customer gateway advertises it".to_string(),
            };
            let down = vpn_down(why);
            format!("{vgw} knows {addr} only through VPN connection {vpn} ({knows}), but {down}.")
        }
        Reason::TgwVpnUnusable {
            tgw,
            attachment,
            vpn,
            addr,
            why,
        } => {
            let vpn = vpn.as_ref().map_or_else(
                || "its VPN connection".to_string(),
                |v| format!("VPN connection {v}"),
            );
            format!(
                "{tgw} routes {addr} to VPN attachment {attachment}, but {vpn} carries nothing: {} \
                 [VPNTGW].",
                vpn_down(why)
            )
        }
        _ => String::new(),
    }
}

/// Why a VPN connection carries nothing (R27), as the end of a sentence.
fn vpn_down(why: &VpnDown) -> String {
    match why {
        VpnDown::TunnelsDown { tunnels } => format!(
            "every one of its tunnels ({tunnels}) is DOWN, so the route cannot be used. \
             Bring a tunnel up (check the customer gateway's IPsec and, for BGP, its \
             session)"
        ),
        VpnDown::State { state } => format!(
            "it is {state}, and a VPN connection that is not available carries nothing (R27)"
        ),
    }
}

/// What a trace took for granted, in a sentence.
pub fn assumption(a: &Assumption) -> String {
    match a {
        Assumption::DxAdvertised {
            tgw,
            attachment,
            gateway,
            addr,
        } => format!(
            "Assumed: {attachment} of {tgw} leads to Direct Connect gateway {gateway}, whose \
             prefixes come over BGP and are not in describe output, so the trace assumes one \
             contains {addr} (R28)."
        ),
        Assumption::BgpAdvertised { vgw, vpn, addr } => format!(
            "Assumed: VPN connection {vpn} of {vgw} uses BGP, and the prefixes it learns are not in \
             describe output, so the trace assumes the customer gateway advertises one that \
             contains {addr} (R28)."
        ),
    }
}

/// A path of a virtual private gateway, as a phrase.
fn via(v: &VgwVia) -> String {
    match v {
        VgwVia::DirectConnect { cidr } => format!("Direct Connect ({cidr})"),
        VgwVia::Static { vpn, cidr } => format!("VPN connection {vpn} (static route {cidr})"),
        VgwVia::BgpAssumed { vpn } => format!("VPN connection {vpn} (BGP, prefix assumed)"),
    }
}

fn vpn_event(e: &Event) -> String {
    match e {
        Event::VgwChooses {
            vgw,
            dst,
            via: v,
            losers,
        } => {
            let mut s = format!(
                "{vgw} sends {dst} to the corporate network over {} (R28).",
                via(v)
            );
            if !losers.is_empty() {
                let lost: Vec<String> = losers.iter().map(via).collect();
                s.push_str(&format!(
                    " Other paths lose (the longest prefix wins, then Direct Connect over VPN \
                     static over VPN BGP): {}.",
                    lost.join(", ")
                ));
            }
            s
        }
        Event::VpnIn { vgw, via: v } => {
            format!(
                "The packet comes from the corporate network over {} into {vgw}.",
                via(v)
            )
        }
        _ => String::new(),
    }
}

fn delivery(reason: &Reason) -> String {
    match reason {
        Reason::WrongInterface {
            delivered,
            vpc,
            wanted,
        } => format!(
            "The packet was delivered to {delivered} in {vpc}, which has the same address, not to \
             {wanted}: the routes chose the wrong VPC (the longest prefix wins, R2)."
        ),
        Reason::AsymmetricReply {
            rewriter,
            from,
            from_port,
            expected,
            expected_port,
        } => format!(
            "the reply comes back from {from}:{from_port} but the connection was made to \
             {expected}:{expected_port}, so the client discards it. The reply left by a different \
             path than the request came in ({rewriter} rewrote it); AWS does not support \
             asymmetric routing, and a NAT gateway only translates connections started from inside."
        ),
        Reason::ReplyMisdelivered {
            delivered,
            came_over,
            ..
        } => {
            let back = came_over
                .as_ref()
                .map(|c| format!(" The request came over {c}: the reply needs a more specific route back over it."))
                .unwrap_or_default();
            format!(
                "the reply was delivered to {delivered} instead of the flow's source. With \
                 overlapping peers the replying side's routes decide, and there is no \
                 reverse-path check (R2, PR).{back}"
            )
        }
        Reason::ReplyLost => "The reply left by another way than the request came in, so it never \
                              reaches the source."
            .to_string(),
        Reason::NoOwner { dst } => format!("No VPC in the network owns {dst}."),
        Reason::NoInterfaceInSubnet { subnet, dst } => {
            format!("No interface in subnet {subnet} has the address {dst}.")
        }
        Reason::NoInterfaceInVpc { vpc, dst } => {
            format!("No network interface in {vpc} has the address {dst}, so nothing can answer.")
        }
        Reason::SourceDestCheck { interface } => format!(
            "{interface} has source/destination check on, so it drops packets not addressed to \
             itself (R24). An appliance that forwards traffic needs the check turned off."
        ),
        _ => String::new(),
    }
}

fn security_groups(reason: &Reason) -> String {
    let Reason::SgNoRule {
        groups,
        interface,
        direction,
        protocol,
        port,
        remote,
        reference,
        untracked_reply,
        ..
    } = reason
    else {
        return String::new();
    };
    let (what, prep, verb) = match direction {
        Direction::Ingress => ("inbound", "from", "refuses the connection"),
        Direction::Egress => ("outbound", "to", "cannot send it"),
    };
    let mut s = format!(
        "No {what} rule of {} allows {} {prep} {remote}, so {interface} {verb} (security groups \
         deny what no rule allows, R9).",
        groups.join(", "),
        PortName(*protocol, *port)
    );
    if let Some(r) = reference {
        s.push(' ');
        s.push_str(&group_reference(r));
    }
    if *untracked_reply {
        s.push_str(
            " This interface never saw the request: the reply takes a different path (asymmetric \
             routing, which AWS does not support), so its groups judge the reply as a new \
             connection. Route the reply back the way the request came.",
        );
    }
    s
}

fn group_reference(r: &GroupReference) -> String {
    match r {
        GroupReference::UnknownGroup { rule, group } => format!(
            "The rule \"{rule}\" names {group}, which is not in this network (another account or \
             Region), so it matches nothing (R10)."
        ),
        GroupReference::NoIdentity {
            rule,
            group,
            public_source,
        } => {
            let how = match public_source {
                Some(ip) => format!(
                    "it came in through the internet gateway from the public address {ip}, and \
                     group references match private addresses only"
                ),
                None => "it was rewritten by a NAT gateway or forwarded by an appliance on the way"
                    .to_string(),
            };
            format!(
                "The rule \"{rule}\" matches members of {group}, but this packet carries no \
                 security-group identity: {how} (R10)."
            )
        }
        GroupReference::AcrossRegions {
            rule,
            group,
            from,
            to,
        } => format!(
            "The rule \"{rule}\" references {group}, but group references do not work across \
             Regions ({from} and {to}); use the peer's CIDR instead (R10)."
        ),
        GroupReference::PeeringInactive { rule, group } => format!(
            "The rule \"{rule}\" references {group}, but a group in a peered VPC matches only \
             while the peering connection is active (R10)."
        ),
        GroupReference::AcrossTransitGateway { rule, group } => tgw::group_reference(rule, group),
    }
}

fn acl(reason: &Reason) -> String {
    let Reason::AclDenied {
        acl,
        subnet,
        direction,
        rule_text,
        protocol,
        port,
        ephemeral,
        ..
    } = reason
    else {
        return String::new();
    };
    let way = match direction {
        Direction::Ingress => "entering",
        Direction::Egress => "leaving",
    };
    let stateless = if *ephemeral {
        " Network ACLs are stateless, so replies need their own rule for the ephemeral ports \
         1024-65535 (R8)."
    } else {
        ""
    };
    format!(
        "Network ACL {acl} blocks {} {way} subnet {subnet}: rule {rule_text} matches first.{stateless}",
        PortName(*protocol, *port)
    )
}

fn routing(reason: &Reason) -> String {
    match reason {
        Reason::RoutingLoop { table } => {
            format!("The packet came back to {table} again: the routes form a loop, so it never arrives.")
        }
        Reason::ReservedLinkLocal { dst, .. } => {
            format!("{dst} is in 169.254.168.0/22, which AWS reserves and never forwards (R6).")
        }
        Reason::NoRoute {
            table,
            subnet,
            dst,
            hint,
            ..
        } => {
            let mut s = format!(
                "Route table {table} (used by {subnet}) has no route that covers {dst}, so the \
                 packet is dropped (R3)."
            );
            if let Some(h) = hint {
                s.push(' ');
                s.push_str(&route_hint(h));
            }
            s
        }
        Reason::Blackhole {
            table,
            destination,
            target,
            why,
        } => blackhole(table, destination, target, why),
        Reason::UnsupportedTarget { .. } => "The route's target is not modelled.".to_string(),
        _ => String::new(),
    }
}

fn route_hint(h: &RouteHint) -> String {
    match h {
        RouteHint::NotTransitive { vpc, via, target } => format!(
            "{target} is peered with {via}, but peering is not transitive: {vpc} needs its own \
             peering connection with {target}."
        ),
        RouteHint::PeeringFailedOverlap { dst, target, pcx } => format!(
            "{dst} belongs to {target}. {pcx} connects the two VPCs but is failed: their CIDR \
             blocks overlap, and AWS fails such a request (R19)."
        ),
        RouteHint::PeeringNotActive {
            dst,
            target,
            pcx,
            status,
        } => format!(
            "{dst} belongs to {target}. {pcx} connects the two VPCs but is {status}, so it carries \
             nothing yet."
        ),
        RouteHint::NotPeered { dst, target, vpc } => {
            format!("{dst} belongs to {target}, which has no peering connection with {vpc}.")
        }
        RouteHint::PeerGatewayNotShared { vpc, peer, igw } => format!(
            "{vpc} has no internet gateway or NAT gateway of its own, and it cannot borrow \
             {peer}'s {igw} over the peering connection (no edge-to-edge routing, R18)."
        ),
        RouteHint::NoInternetGateway { vpc } => format!(
            "{vpc} has no internet gateway, so nothing in it can reach the internet directly."
        ),
    }
}

fn blackhole(table: &str, dest: &str, id: &str, why: &BlackholeWhy) -> String {
    match why {
        BlackholeWhy::Missing => format!(
            "The route {dest} -> {id} in {table} is blackhole: {id} does not exist (deleted, or \
             not in the input) (R4)."
        ),
        BlackholeWhy::Unsupported => format!(
            "The route {dest} -> {id} in {table} leads to a component the playground does not \
             model yet."
        ),
        BlackholeWhy::Detached => {
            format!("The route {dest} -> {id} is blackhole: {id} is not attached to this VPC (R4).")
        }
        BlackholeWhy::NatUnavailable { state, since, why } => {
            let since = since
                .as_ref()
                .map(|t| format!(" since {t}"))
                .unwrap_or_default();
            let why = why
                .as_ref()
                .map(|w| format!(" AWS says: \"{w}\"."))
                .unwrap_or_default();
            format!(
                "The route {dest} -> {id} is blackhole: NAT gateway {id} is {state}{since}, so it \
                 forwards nothing (R4, R27).{why} Point the route at an available NAT gateway."
            )
        }
        BlackholeWhy::PeeringInactive {
            status,
            accepter,
            overlap,
        } => {
            let tail = match (accepter, overlap) {
                (Some(owner), _) => format!(" The owner of {owner} must accept it."),
                (None, true) => " AWS fails a peering request between VPCs whose CIDR blocks \
                                 overlap, secondary blocks included (R19); give one VPC a \
                                 different range."
                    .to_string(),
                (None, false) => String::new(),
            };
            format!(
                "The route {dest} -> {id} is blackhole: the peering connection is {status}, not \
                 active (R4).{tail}"
            )
        }
        BlackholeWhy::Unavailable => format!(
            "The route {dest} in {table} is reported blackhole: its target is unavailable (R4)."
        ),
        BlackholeWhy::TgwNotAttached => tgw::not_attached(table, dest, id),
    }
}

fn notes_text(notes: &[String]) -> String {
    if notes.is_empty() {
        String::new()
    } else {
        format!(" Note: {}.", notes.join("; "))
    }
}

fn policies(reason: &Reason) -> String {
    match reason {
        Reason::EndpointPolicyDenied {
            endpoint,
            request,
            statement,
            notes,
        } => {
            let why = match statement {
                Some(s) => {
                    format!("The endpoint policy of {endpoint} denies {request} explicitly ({s}).")
                }
                None => format!(
                    "The endpoint policy of {endpoint} does not allow {request}: none of its \
                     statements matches, and a policy allows only what it names."
                ),
            };
            format!(
                "{why} A bucket policy or role cannot override that (R22).{}",
                notes_text(notes)
            )
        }
        Reason::BucketPolicyDenied {
            bucket,
            request,
            statement,
            via_endpoint,
            notes,
        } => {
            let via = match via_endpoint {
                Some(v) => format!(" The request came through {v}."),
                None => " The request did not come through a VPC endpoint.".to_string(),
            };
            format!(
                "The bucket policy of {bucket} denies {request} ({statement}).{via} An explicit \
                 deny wins over every allow (R22).{}",
                notes_text(notes)
            )
        }
        Reason::RolePolicyDenied {
            instance,
            request,
            statement,
            notes,
        } => {
            let why = match statement {
                Some(s) => format!("the role policy of {instance} denies {request} ({s})"),
                None => format!(
                    "neither the role policy of {instance} nor the bucket policy allows {request}"
                ),
            };
            format!(
                "The network path works, but {why} (R22).{}",
                notes_text(notes)
            )
        }
        _ => String::new(),
    }
}

fn peering(reason: &Reason) -> String {
    let base = |pcx: &str, peer: &str, dst: &std::net::Ipv4Addr| {
        format!("{pcx} only carries packets addressed inside {peer}, and {dst} is not (R17).")
    };
    match reason {
        Reason::PeeringNotConnected { pcx } => format!("{pcx} does not connect this VPC."),
        Reason::PeeringOutsidePeer { pcx, peer, dst } => base(pcx, peer, dst),
        Reason::PeeringNotTransitive {
            pcx,
            peer,
            target,
            dst,
            tgw,
        } => {
            let way = match tgw {
                // A fact, not the answer: in a lesson the fix waits behind a button.
                Some(t) => format!(
                    "Both VPCs are also attached to transit gateway {t}, which routes \
                     transitively where peering does not."
                ),
                None => "Create a peering connection directly between the two VPCs.".to_string(),
            };
            format!(
                "{} {peer} is peered with {target}, but peering is not transitive: traffic cannot \
                 pass through {peer} to reach it. {way}",
                base(pcx, peer, dst)
            )
        }
        Reason::PeeringNoEdgeToEdge {
            pcx,
            peer,
            dst,
            edge,
        } => {
            let what = match edge {
                Edge::VpnOrDirectConnect => "VPN or Direct Connect connection",
                Edge::GatewayEndpoint => "gateway endpoint",
                Edge::NatGateway => "NAT gateway",
                Edge::InternetGateway => "internet gateway",
            };
            format!(
                "{} A VPC cannot use its peer's {what}: there is no edge-to-edge routing through a \
                 peering connection (R18).",
                base(pcx, peer, dst)
            )
        }
        Reason::ReplyWrongPeer {
            pcx,
            vpc,
            dst,
            table,
            came_over,
        } => {
            let by = table
                .as_deref()
                .unwrap_or("the replying side's route table");
            let back = came_over
                .as_ref()
                .map(|c| format!(" The request came over {c}: the reply needs a more specific route back over it."))
                .unwrap_or_default();
            format!(
                "{by} sent the reply over {pcx} into {vpc}, which has no interface with the address \
                 {dst}: the longest matching prefix chose the wrong peer, and there is no \
                 reverse-path check (R2, PR).{back}"
            )
        }
        _ => String::new(),
    }
}

fn link_name(link: Link) -> &'static str {
    match link {
        Link::Vpn => "VPN",
        Link::DirectConnect => "Direct Connect",
    }
}

fn gateways(reason: &Reason) -> String {
    match reason {
        Reason::EndpointStartsConnection { endpoint } => format!(
            "{endpoint} is an interface endpoint: the AWS service behind it only replies and never \
             starts connections into the VPC."
        ),
        Reason::NoInternetGateway { vpc } => format!(
            "{vpc} has no internet gateway, so nothing on the internet can reach it (R12, R13)."
        ),
        Reason::NatRefusesInbound { nat } => format!(
            "{nat} is a NAT gateway: it does not accept connections started from outside (R15)."
        ),
        Reason::IgwPrivateDestination { igw, dst, shared } => {
            let space = if *shared {
                "shared address space (RFC 6598, 100.64.0.0/10)"
            } else {
                "private address space (RFC 1918)"
            };
            format!(
                "{igw} does not forward to {dst}: it is in {space}, which the internet does not \
                 route (R11)."
            )
        }
        Reason::EdgeToEdge {
            gateway,
            through,
            link,
            ..
        } => edge_to_edge(gateway, *through, *link),
        Reason::PrivateNatToIgw { nat, igw } => format!(
            "{nat} is a private NAT gateway: it has no Elastic IP, so {igw} drops its traffic \
             (R14). Use a public NAT gateway for internet access."
        ),
        Reason::IgwNoPublicIp { igw, sender, .. } => format!(
            "{sender} has no public IP, so {igw} cannot carry its traffic (R11, R13). Route the \
             subnet through a NAT gateway, or give the instance an Elastic IP."
        ),
        Reason::IgwNoInterface { igw, dst } => format!(
            "{igw} has no interface with the public address {dst}, so it cannot deliver the \
             packet (R12)."
        ),
        Reason::NatProtocol { protocol } => {
            format!("NAT gateways carry TCP, UDP and ICMP only, not {protocol} (R15).")
        }
        Reason::GatewayEndpointProtocol { endpoint, protocol } => format!(
            "Gateway endpoint {endpoint} carries only TCP and ICMP echo, not {protocol} (R20)."
        ),
        _ => String::new(),
    }
}

fn edge_to_edge(gateway: &str, through: Through, link: Option<Link>) -> String {
    match through {
        Through::InternetGateway => format!(
            "Traffic that entered over a peering connection or VPN cannot leave through {gateway} \
             (no edge-to-edge routing, R18)."
        ),
        Through::NatGateway => format!(
            "{gateway} only translates traffic that starts in its own VPC, not traffic from a \
             peering connection, VPN or Direct Connect (R16)."
        ),
        Through::GatewayEndpoint => format!(
            "Only traffic that starts in {gateway}'s own VPC can use it; traffic from peering, VPN \
             or Direct Connect cannot (R18, R20)."
        ),
        Through::VpnGateway => format!(
            "Traffic from a peered VPC cannot use this VPC's {} connection (no edge-to-edge \
             routing, R18).",
            link_name(link.unwrap_or(Link::Vpn))
        ),
        Through::TransitGateway => tgw::edge_to_edge(gateway),
    }
}

fn on_premises(reason: &Reason) -> String {
    match reason {
        Reason::VgwDetached {
            vgw,
            entering: true,
        } => {
            format!("{vgw} is not attached to a VPC, so nothing arrives through it.")
        }
        Reason::VgwDetached { vgw, .. } => format!("{vgw} is not attached to a VPC."),
        Reason::OnPremToGatewayEndpoint {
            dst,
            service,
            endpoint,
            vgw,
            link,
        } => format!(
            "{dst} is a public address of {service}. Gateway endpoint {endpoint} serves only \
             traffic that starts inside its VPC, and {vgw} carries only traffic for the VPC's own \
             addresses, so the {} connection cannot use it (R20). Reach the service from on \
             premises through an interface endpoint instead.",
            link_name(*link)
        ),
        Reason::OnPremOutsideVpc { dst, vgw } => format!(
            "{dst} is outside the VPC. Traffic that arrives through {vgw} can only reach addresses \
             inside the VPC: it cannot continue through the VPC's internet gateway, NAT gateway or \
             peering connections (no edge-to-edge routing, R18)."
        ),
        Reason::OnPremOutsideRange { vgw, networks, dst } => format!(
            "{vgw} leads to the corporate network {}, which does not contain {dst}.",
            networks.join(", ")
        ),
        _ => String::new(),
    }
}

/// The detail of a hop that let the packet on.
pub fn event(e: &Event) -> String {
    match e {
        Event::Leaves { who, ip } => format!("The packet leaves {who} ({ip})."),
        Event::Reaches { who, ip, reply } => {
            let verb = if *reply {
                "The reply reaches"
            } else {
                "The packet reaches"
            };
            format!("{verb} {who} ({ip}).")
        }
        Event::ReachesServiceInterface { who, ip, service } => format!(
            "The packet reaches {who} ({ip}). AWS manages this interface for {service}; what \
             the service does with the packet (listeners, targets, its own answer) is not \
             modelled, so the trace stops here and assumes it answers (R27)."
        ),
        Event::EndpointHandsOver { endpoint, service } => {
            format!(
                "Interface endpoint {endpoint} hands the request to {service} over PrivateLink."
            )
        }
        Event::NatMapsBack { nat, to } => {
            format!("{nat} maps the reply back to the original source {to}.")
        }
        Event::NatTranslates { nat, from, to } => format!(
            "{nat} rewrites the source {from} to its own address {to} (port from 1024-65535) and \
             sends it on from its subnet (R14)."
        ),
        Event::ApplianceForwards { who } => format!(
            "{who} forwards the packet (source/destination check is off); security-group \
             identity is not preserved past it (R10)."
        ),
        Event::SgStateful => "Security groups are stateful: the reply of an allowed connection \
                              passes without a rule (R9)."
            .to_string(),
        Event::SgAllows {
            group,
            direction,
            rule,
        } => format!("{group} {direction} rule \"{rule}\" allows it."),
        Event::AclAllows {
            acl,
            direction,
            subnet,
            rule,
        } => format!("{acl} ({direction} of {subnet}) rule {rule} allows it."),
        Event::Routed { .. } => routed(e),
        Event::RoutePicked {
            table,
            route,
            target,
            dst,
        } => format!("Route table {table} picks the route {route} -> {target} for {dst}."),
        Event::FromInternet { .. } | Event::IgwOut { .. } | Event::InternetCarries => edges(e),
        Event::ReachesService { .. } | Event::ReachesInternet { .. } | Event::IgwIn { .. } => {
            edges(e)
        }
        Event::PeeringCarries { .. } | Event::FromOnPremises { .. } | Event::VgwOut { .. } => {
            edges(e)
        }
        Event::ReachesOnPremises { .. } | Event::VgwIn { .. } => edges(e),
        Event::GatewayEndpointTakes { .. } | Event::GatewayEndpointReply { .. } => edges(e),
        Event::EndpointPolicyAllows { .. } | Event::BucketDoesNotDeny { .. } => edges(e),
        Event::TgwEnters { .. } | Event::TgwLeaves { .. } | Event::TgwAssumesDx { .. } => {
            tgw::event(e)
        }
        Event::VgwChooses { .. } | Event::VpnIn { .. } => vpn_event(e),
    }
}

fn routed(e: &Event) -> String {
    let Event::Routed {
        table,
        dst,
        target,
        route,
        losers,
    } = e
    else {
        return String::new();
    };
    let mut s = format!("Route table {table} sends {dst} to {target} by the route {route}.");
    if !losers.is_empty() {
        let lost: Vec<String> = losers
            .iter()
            .map(|l| {
                let why = match (l.outcome, l.shorter) {
                    (Outcome::LocalPreferred, _) => {
                        "propagated: the local route wins over propagated routes that overlap \
                         the VPC, even more specific ones (R5)"
                            .to_string()
                    }
                    (_, Some(len)) => format!("/{len} is less specific"),
                    (_, None) => "same prefix, lower priority".to_string(),
                };
                format!("{} -> {} ({why})", l.destination, l.target)
            })
            .collect();
        s.push_str(&format!(
            " Other matching routes lose: {}.",
            lost.join(", ")
        ));
    }
    s
}

/// Events at the edges of the estate: gateways, endpoints, the outside world.
fn edges(e: &Event) -> String {
    match e {
        Event::FromInternet { src } => format!("The packet leaves {src} on the internet."),
        Event::IgwOut { igw, src, public } => format!(
            "{igw} rewrites the source {src} to its public IP {public} and sends it to the \
             internet (R11)."
        ),
        Event::InternetCarries => "The internet carries it to the public address.".to_string(),
        Event::ReachesService {
            service,
            over_internet: true,
        } => format!("It reaches {service} at its public address over the internet."),
        Event::ReachesService { service, .. } => format!("It reaches {service}."),
        Event::ReachesInternet { dst } => format!("It reaches {dst} on the internet."),
        Event::IgwIn {
            igw,
            public,
            private,
        } => format!(
            "{igw} maps the public address {public} back to the private address {private} (R12)."
        ),
        Event::PeeringCarries { pcx, peer } => {
            format!("{pcx} carries it to {peer} (the destination is inside that VPC, R17).")
        }
        Event::FromOnPremises { src, link } => format!(
            "The packet leaves {src} on premises over the {} connection.",
            link_name(*link)
        ),
        Event::VgwOut { vgw, link } => format!(
            "{vgw} carries it over the {} connection to the corporate network.",
            link_name(*link)
        ),
        Event::ReachesOnPremises { dst } => format!("It reaches {dst} on premises."),
        Event::VgwIn { vgw, reply: true } => {
            format!("The reply comes back from the corporate network through {vgw}.")
        }
        Event::VgwIn { vgw, .. } => {
            format!("{vgw} brings it into the VPC, where the local route delivers it.")
        }
        Event::GatewayEndpointTakes {
            endpoint,
            service,
            has_policy,
        } => {
            let policy = if *has_policy {
                "its endpoint policy applies to the request (R22)"
            } else {
                "the default endpoint policy allows everything (R22)"
            };
            format!(
                "Gateway endpoint {endpoint} takes it to {service} without the internet or a NAT \
                 gateway; {policy}."
            )
        }
        Event::GatewayEndpointReply { endpoint, service } => {
            format!("The reply from {service} comes back into the VPC through {endpoint}.")
        }
        Event::EndpointPolicyAllows {
            endpoint,
            request,
            statement,
        } => format!("The endpoint policy of {endpoint} allows {request} ({statement})."),
        Event::BucketDoesNotDeny { bucket, request } => {
            format!("The bucket policy of {bucket} does not deny {request}.")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Protocol;

    #[test]
    fn acl_sentence_names_the_acl_subnet_and_rule() {
        let r = Reason::AclDenied {
            acl: "acl-1".into(),
            subnet: "subnet-1".into(),
            direction: Direction::Ingress,
            rule: Some(90),
            rule_text: "90 deny tcp 443 0.0.0.0/0".into(),
            protocol: Protocol::Tcp,
            port: 443,
            remote: "10.0.0.1".parse().unwrap(),
            ephemeral: false,
        };
        assert_eq!(
            sentence(&r, false),
            "Network ACL acl-1 blocks HTTPS (tcp 443) entering subnet subnet-1: rule 90 deny tcp \
             443 0.0.0.0/0 matches first."
        );
    }

    #[test]
    fn a_reply_drop_says_the_request_got_through() {
        let r = Reason::NatRefusesInbound {
            nat: "nat-1".into(),
        };
        let s = sentence(&r, true);
        assert!(
            s.starts_with("The request got through, but the reply is dropped: nat-1 "),
            "{s}"
        );
        assert!(!sentence(&Reason::ReplyLost, true).starts_with("The request"));
    }

    #[test]
    fn peering_sentence_names_the_connection_and_the_vpcs() {
        let r = Reason::PeeringNotTransitive {
            pcx: "pcx-ab".into(),
            peer: "vpc-b".into(),
            target: "vpc-c".into(),
            dst: "10.2.0.5".parse().unwrap(),
            tgw: None,
        };
        let s = sentence(&r, false);
        assert!(s.contains("peering connection directly"), "{s}");
        for part in [
            "pcx-ab",
            "vpc-b",
            "vpc-c",
            "10.2.0.5",
            "not transitive",
            "(R17)",
        ] {
            assert!(s.contains(part), "{part} missing from: {s}");
        }
    }

    #[test]
    fn security_group_sentence_names_groups_interface_and_reference() {
        let r = Reason::SgNoRule {
            groups: vec!["sg-1".into(), "sg-2".into()],
            interface: "instance db (i-1)".into(),
            direction: Direction::Ingress,
            protocol: Protocol::Tcp,
            port: 5432,
            remote: "10.1.0.5".parse().unwrap(),
            no_rules: false,
            reference: Some(GroupReference::AcrossRegions {
                rule: "tcp 5432 from sg-9".into(),
                group: "sg-9".into(),
                from: "us-east-1".into(),
                to: "eu-west-1".into(),
            }),
            untracked_reply: false,
        };
        let s = sentence(&r, false);
        assert!(s.starts_with(
            "No inbound rule of sg-1, sg-2 allows PostgreSQL (tcp 5432) from 10.1.0.5, so \
             instance db (i-1) refuses the connection"
        ));
        assert!(s.contains("references sg-9, but group references do not work across Regions"));
    }
}
