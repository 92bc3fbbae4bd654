//! The English of transit gateways: drops, blackhole routes and hops (issue 10). Facts and
//! their pages are in `docs/aws-notes.md`, "Transit gateways".

use super::super::event::Event;
use super::super::reason::Reason;

/// The sentence of a transit-gateway drop.
pub(super) fn reason(reason: &Reason) -> String {
    match reason {
        Reason::TgwAzRestriction {
            tgw,
            attachment,
            vpc,
            az,
            subnet,
            azs,
        } => format!(
            "{attachment} attaches {vpc} to {tgw} in {} only, not in {az} where {subnet} is: \
             resources in an Availability Zone without an attachment subnet cannot reach the \
             transit gateway [TVA]. Add a subnet in {az} to the attachment.",
            azs.join(", ")
        ),
        Reason::TgwNoAssociation {
            tgw, attachment, ..
        } => format!(
            "{attachment} is associated with no route table of {tgw}, so the transit gateway \
             has no table to route what comes in by it [TRT]."
        ),
        Reason::TgwNoRoute {
            table,
            tgw,
            attachment,
            dst,
            owner,
        } => {
            let hint = match owner {
                Some(o) => format!(
                    " {dst} is behind {o}: propagate {o} into {table}, or add a static route."
                ),
                None => String::new(),
            };
            format!(
                "{table}, the route table of {tgw} associated with {attachment}, has no route \
                 for {dst} [TRT].{hint}"
            )
        }
        Reason::TgwBlackhole {
            table,
            destination,
            attachment: None,
            ..
        } => format!(
            "The route {destination} in {table} is a blackhole route: the transit gateway drops \
             what matches it [TSR], and does not try a less specific route."
        ),
        Reason::TgwBlackhole {
            table,
            destination,
            attachment: Some(a),
            state,
        } => format!(
            "The route {destination} in {table} leads to {a}, which is {}, not available, so the \
             route is blackhole (R4, R27).",
            state.as_deref().unwrap_or("unavailable")
        ),
        Reason::TgwPeerNotInInput {
            attachment,
            peer_tgw,
        } => format!(
            "{attachment} peers with {peer_tgw}, which is not in the input, so the playground \
             cannot follow the packet further."
        ),
        Reason::TgwGatewayEndpoint { endpoint, service } => format!(
            "Gateway endpoint {endpoint} serves only traffic that starts in its own VPC: \
             resources across a transit gateway cannot use it (R20). Reach {service} through an \
             interface endpoint, which is reachable over a transit gateway (R21)."
        ),
        Reason::TgwRoutesUnknown { table, vpn, dst } => format!(
            "{table} has no known route for {dst}. It also learns routes over BGP from {vpn}, \
             which describe output does not list (R28), so whether {dst} is behind the VPN \
             cannot be told from the files."
        ),
        _ => String::new(),
    }
}

/// A group reference that a packet from across a transit gateway cannot match.
pub(super) fn group_reference(rule: &str, group: &str) -> String {
    format!(
        "The rule \"{rule}\" references {group}, but the packet came through a transit gateway: \
         group references across one work only with security group referencing support turned \
         on for the VPC attachments (off by default). Allow the sender's CIDR instead (R10)."
    )
}

/// A VPC route to a transit gateway the VPC has no available attachment to (R4).
pub(super) fn not_attached(table: &str, dest: &str, tgw: &str) -> String {
    format!(
        "The route {dest} -> {tgw} in {table} is blackhole: {tgw} has no available attachment \
         to this VPC (R4)."
    )
}

/// Traffic that entered over a peering connection cannot be routed on to a transit gateway.
pub(super) fn edge_to_edge(tgw: &str) -> String {
    format!(
        "Traffic that entered this VPC over a peering connection cannot leave through {tgw} \
         (no edge-to-edge routing, R18)."
    )
}

/// A transit-gateway hop's one-line detail.
pub(super) fn event(e: &Event) -> String {
    match e {
        Event::TgwEnters {
            tgw,
            attachment,
            subnet,
            az,
        } => format!(
            "The packet enters {tgw} through {attachment}, whose subnet in {az} is {subnet} \
             [TVA]."
        ),
        Event::TgwLeaves {
            attachment,
            kind: "vpc",
            into,
            subnet: Some(s),
        } => format!(
            "The packet leaves the transit gateway through {attachment} into {into}, by {s}."
        ),
        Event::TgwAssumesDx {
            table,
            dst,
            attachment,
        } => format!(
            "{table} lists no route for {dst}; {attachment} propagates BGP routes the input cannot \
             list, so the trace sends it there [TDX]."
        ),
        Event::TgwLeaves {
            attachment,
            kind: "direct-connect-gateway",
            into,
            ..
        } => format!(
            "The packet leaves the transit gateway through {attachment} to Direct Connect gateway \
             {into} [TDX]."
        ),
        Event::TgwLeaves {
            attachment,
            kind: "peering",
            into,
            ..
        } => format!("The packet crosses peering attachment {attachment} to {into} [TPEER]."),
        Event::TgwLeaves {
            attachment, into, ..
        } => format!("The packet leaves the transit gateway through {attachment} to {into}."),
        _ => String::new(),
    }
}
