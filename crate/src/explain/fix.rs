//! A suggested fix: an `Edit` (the one kind of change the engine applies), the sentence that
//! says what it does and the `aws ec2` command that does the same in an account.

use crate::format::edit::Edit;
use crate::model::ids::ResourceKind;
use crate::model::{Direction, NaclAction, PortRange, Protocol};
use serde::Serialize;

mod address;
mod tgw;

/// A suggested fix. As JSON the edit's fields (`kind`, ...) sit beside `summary` and `cli`; the
/// page hands the edit back to `applyEdit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    #[serde(flatten)]
    pub edit: Edit,
    pub summary: String,
    pub cli: String,
}

impl Fix {
    /// A fix with its sentence and command. `target` is the kind of a route's target, which
    /// names the command's flag (`--nat-gateway-id`); other edits need none.
    pub fn new(edit: Edit, target: Option<ResourceKind>) -> Fix {
        let (summary, cli) = texts(&edit, target);
        Fix { edit, summary, cli }
    }
}

/// The sentence and the command for an edit.
pub fn texts(edit: &Edit, target: Option<ResourceKind>) -> (String, String) {
    match edit {
        Edit::SetRoute {
            route_table: t,
            destination: d,
            target: to,
            replaces,
        } => route_texts(t, d, to, replaces.as_deref(), target),
        Edit::DeleteRoute {
            route_table: t,
            destination: d,
        } => (
            format!("Delete the route {d} from {t}"),
            format!("aws ec2 delete-route --route-table-id {t} {} {d}", dest_flag(d)),
        ),
        Edit::CreatePeering {
            requester,
            accepter,
        } => (
            format!("Request a peering connection from {requester} to {accepter}"),
            format!("aws ec2 create-vpc-peering-connection --vpc-id {requester} --peer-vpc-id {accepter}"),
        ),
        Edit::AcceptPeering { peering } => (
            format!("Accept the peering connection {peering}"),
            format!("aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {peering}"),
        ),
        Edit::DeletePeering { peering } => (
            format!("Delete the peering connection {peering}"),
            format!("aws ec2 delete-vpc-peering-connection --vpc-peering-connection-id {peering}"),
        ),
        Edit::CreateGatewayEndpoint {
            vpc,
            service,
            route_tables,
        } => endpoint_texts(vpc, service, route_tables),
        Edit::SetEndpointTable {
            endpoint,
            route_table,
            associated,
        } => association_texts(endpoint, route_table, *associated),
        Edit::AddSecurityGroupRule {
            group,
            direction,
            protocol,
            ports,
            peer,
        } => sg_rule_texts(group, *direction, *protocol, *ports, peer),
        Edit::AddNetworkAclRule {
            network_acl,
            direction,
            rule,
            protocol,
            ports,
            cidr,
            action,
        } => acl_rule_texts(network_acl, *direction, *rule, (*protocol, *ports), cidr, *action),
        Edit::DisableSourceDestCheck { interface } => (
            format!("Turn off source/destination check on {interface}"),
            format!(
                "aws ec2 modify-network-interface-attribute --network-interface-id {interface} \
                 --no-source-dest-check"
            ),
        ),
        Edit::StartInstance { instance } => (
            format!("Start instance {instance}"),
            format!("aws ec2 start-instances --instance-ids {instance}"),
        ),
        // AWS names a rule by what it allows, the playground by its place in the list: the
        // command needs the rule itself, which the console shows beside it.
        Edit::DeleteRule {
            resource,
            direction,
            index,
        } => (
            format!("Delete {direction} rule {} of {resource}", index.saturating_add(1)),
            String::new(),
        ),
        Edit::SetTgwRoute { .. }
        | Edit::DeleteTgwRoute { .. }
        | Edit::AssociateTgwRouteTable { .. }
        | Edit::SetTgwPropagation { .. }
        | Edit::AddTgwAttachmentSubnet { .. } => tgw::texts(edit),
        Edit::AddVpnConnectionRoute {
            vpn_connection,
            destination,
        } => vpn_route_texts(vpn_connection, destination),
        Edit::AddVpcCidr { .. }
        | Edit::RemoveVpcCidr { .. }
        | Edit::CreateSubnet { .. }
        | Edit::DeleteSubnet { .. }
        | Edit::SetEndpointPolicy { .. }
        | Edit::SetEndpointPolicyStatement { .. }
        | Edit::DeleteEndpointPolicyStatement { .. } => address::texts(edit),
    }
}

/// R28 [CVCR]: a static route on a VPN connection.
fn vpn_route_texts(v: &str, d: &str) -> (String, String) {
    (
        format!("Add the static route {d} to VPN connection {v}"),
        format!("aws ec2 create-vpn-connection-route --vpn-connection-id {v} --destination-cidr-block {d}"),
    )
}

fn dest_flag(dest: &str) -> &'static str {
    if ResourceKind::PrefixList.owns(dest) {
        "--destination-prefix-list-id"
    } else {
        "--destination-cidr-block"
    }
}

fn prep(direction: Direction) -> &'static str {
    match direction {
        Direction::Ingress => "from",
        Direction::Egress => "to",
    }
}

fn route_texts(
    t: &str,
    d: &str,
    to: &str,
    replaces: Option<&str>,
    kind: Option<ResourceKind>,
) -> (String, String) {
    let kind = kind.or_else(|| ResourceKind::of_id(to));
    let flag = kind.map_or("--gateway-id", ResourceKind::cli_flag);
    let route = |verb: &str| {
        format!(
            "aws ec2 {verb} --route-table-id {t} {} {d} {flag} {to}",
            dest_flag(d)
        )
    };
    match replaces {
        // A gateway endpoint's route is made by associating the table (R20).
        None if kind == Some(ResourceKind::Endpoint) => (
            format!("Add the route {d} -> {to} to {t}"),
            format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {to} --add-route-table-ids {t}"),
        ),
        None => (
            format!("Add the route {d} -> {to} to {t}"),
            route("create-route"),
        ),
        Some(old) if old == d => (
            format!("In {t}, send {d} to {to} instead"),
            route("replace-route"),
        ),
        Some(old) => (
            format!("In {t}, replace the route for {old} with {d} -> {to}"),
            format!(
                "aws ec2 delete-route --route-table-id {t} {} {old} && {}",
                dest_flag(old),
                route("create-route")
            ),
        ),
    }
}

fn endpoint_texts(vpc: &str, service: &str, tables: &[String]) -> (String, String) {
    let tables = if tables.is_empty() {
        String::new()
    } else {
        format!(" --route-table-ids {}", tables.join(" "))
    };
    (
        format!("Create a gateway endpoint for {service} in {vpc}"),
        format!(
            "aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id {vpc} \
             --service-name {service}{tables}"
        ),
    )
}

fn association_texts(endpoint: &str, table: &str, on: bool) -> (String, String) {
    let (summary, flag) = if on {
        (
            format!("Associate gateway endpoint {endpoint} with {table}"),
            "add",
        )
    } else {
        (
            format!("Remove {table} from gateway endpoint {endpoint}"),
            "remove",
        )
    };
    (
        summary,
        format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {endpoint} --{flag}-route-table-ids {table}"),
    )
}

/// `--ip-permissions` for one rule: the protocol and ports, and the peer in the list its kind
/// of id names (R10's `account/sg-id` as a user and group pair).
fn ip_permissions(protocol: Protocol, ports: PortRange, peer: &str) -> String {
    let id = peer.rsplit('/').next().unwrap_or(peer);
    let peer = match ResourceKind::of_id(id) {
        Some(ResourceKind::SecurityGroup) => match peer.split_once('/') {
            Some((account, g)) => format!("UserIdGroupPairs=[{{UserId={account},GroupId={g}}}]"),
            None => format!("UserIdGroupPairs=[{{GroupId={peer}}}]"),
        },
        Some(ResourceKind::PrefixList) => format!("PrefixListIds=[{{PrefixListId={peer}}}]"),
        _ => format!("IpRanges=[{{CidrIp={peer}}}]"),
    };
    match protocol {
        Protocol::All => format!("IpProtocol=-1,{peer}"),
        Protocol::Icmp => format!("IpProtocol=icmp,FromPort=-1,ToPort=-1,{peer}"),
        _ => format!(
            "IpProtocol={protocol},FromPort={},ToPort={},{peer}",
            ports.from, ports.to
        ),
    }
}

fn sg_rule_texts(
    group: &str,
    direction: Direction,
    protocol: Protocol,
    ports: PortRange,
    peer: &str,
) -> (String, String) {
    let what = match protocol {
        Protocol::All => "all traffic".to_string(),
        Protocol::Icmp => "icmp".to_string(),
        _ => format!("{protocol} port {ports}"),
    };
    (
        format!(
            "Allow {what} {} {peer} in the {direction} rules of {group}",
            prep(direction)
        ),
        format!(
            "aws ec2 authorize-security-group-{direction} --group-id {group} --ip-permissions '{}'",
            ip_permissions(protocol, ports, peer)
        ),
    )
}

fn acl_rule_texts(
    acl: &str,
    direction: Direction,
    rule: u16,
    (protocol, ports): (Protocol, PortRange),
    cidr: &str,
    action: NaclAction,
) -> (String, String) {
    let (proto_arg, port_arg) = match protocol {
        Protocol::All => ("-1".to_string(), String::new()),
        // ICMP entries need a type and code; -1 means all.
        Protocol::Icmp => (
            "icmp".to_string(),
            " --icmp-type-code Type=-1,Code=-1".to_string(),
        ),
        Protocol::Tcp | Protocol::Udp => (
            protocol.to_string(),
            format!(" --port-range From={},To={}", ports.from, ports.to),
        ),
        Protocol::Other(_) => (protocol.to_string(), String::new()),
    };
    let action = action.as_str();
    (
        format!(
            "Add {direction} rule {rule} to {acl}: {action} {protocol} {ports} {} {cidr}",
            prep(direction)
        ),
        format!(
            "aws ec2 create-network-acl-entry --network-acl-id {acl} --{direction} --rule-number {rule} \
             --protocol {proto_arg}{port_arg} --cidr-block {cidr} --rule-action {action}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(f: &Fix) -> serde_json::Value {
        serde_json::to_value(f).unwrap()
    }

    #[test]
    fn a_route_fix_gives_the_create_route_command_and_reads_back_as_an_edit() {
        let edit = Edit::SetRoute {
            route_table: "rtb-b".into(),
            destination: "10.0.0.0/16".into(),
            target: "pcx-ab".into(),
            replaces: None,
        };
        let f = Fix::new(edit.clone(), Some(ResourceKind::Peering));
        assert_eq!(f.summary, "Add the route 10.0.0.0/16 -> pcx-ab to rtb-b");
        assert_eq!(
            f.cli,
            "aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.0.0.0/16 \
             --vpc-peering-connection-id pcx-ab"
        );
        let mut v = json(&f);
        assert_eq!(v["kind"], "set-route");
        assert_eq!(v["route_table"], "rtb-b");
        // The page hands the edit back without the texts.
        let m = v.as_object_mut().unwrap();
        m.remove("summary");
        m.remove("cli");
        assert_eq!(serde_json::from_value::<Edit>(v).ok(), Some(edit));
    }

    #[test]
    fn replacing_a_route_and_associating_an_endpoint_name_the_aws_commands() {
        let replace = Edit::SetRoute {
            route_table: "rtb-1".into(),
            destination: "0.0.0.0/0".into(),
            target: "nat-1".into(),
            replaces: Some("0.0.0.0/0".into()),
        };
        let (s, cli) = texts(&replace, Some(ResourceKind::NatGateway));
        assert_eq!(s, "In rtb-1, send 0.0.0.0/0 to nat-1 instead");
        assert!(
            cli.starts_with("aws ec2 replace-route --route-table-id rtb-1"),
            "{cli}"
        );
        assert!(cli.ends_with("--nat-gateway-id nat-1"), "{cli}");
        let (_, cli) = texts(
            &Edit::SetEndpointTable {
                endpoint: "vpce-1".into(),
                route_table: "rtb-1".into(),
                associated: true,
            },
            None,
        );
        assert_eq!(
            cli,
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --add-route-table-ids rtb-1"
        );
    }

    #[test]
    fn rule_fixes_keep_protocol_and_ports_as_text() {
        let f = Fix::new(
            Edit::AddSecurityGroupRule {
                group: "sg-1".into(),
                direction: Direction::Ingress,
                protocol: Protocol::Icmp,
                ports: PortRange::ALL,
                peer: "0.0.0.0/0".into(),
            },
            None,
        );
        let v = json(&f);
        assert_eq!(v["protocol"], "icmp");
        assert_eq!(v.get("ports"), None, "all ports are left out");
        assert_eq!(v["direction"], "ingress");
        assert!(f
            .cli
            .contains("IpProtocol=icmp,FromPort=-1,ToPort=-1,IpRanges=[{CidrIp=0.0.0.0/0}]"));
    }

    #[test]
    fn nacl_fix_gives_the_port_range() {
        let f = Fix::new(
            Edit::AddNetworkAclRule {
                network_acl: "acl-1".into(),
                direction: Direction::Ingress,
                rule: 90,
                protocol: Protocol::Tcp,
                ports: PortRange {
                    from: 1024,
                    to: 65535,
                },
                cidr: "10.0.0.0/16".into(),
                action: NaclAction::Allow,
            },
            None,
        );
        assert!(
            f.cli.contains(
                "--ingress --rule-number 90 --protocol tcp --port-range From=1024,To=65535 \
                 --cidr-block 10.0.0.0/16 --rule-action allow"
            ),
            "{}",
            f.cli
        );
        assert_eq!(
            f.summary,
            "Add ingress rule 90 to acl-1: allow tcp 1024-65535 from 10.0.0.0/16"
        );
    }

    #[test]
    fn a_malformed_edit_says_what_is_wrong() {
        let err = |v: serde_json::Value| serde_json::from_value::<Edit>(v).unwrap_err().to_string();
        // Not an object: there is no `kind` to read.
        assert!(err(serde_json::json!([])).contains("missing field `kind`"));
        assert!(err(serde_json::json!({"route_table": "r"})).contains("missing field `kind`"));
        assert!(err(serde_json::json!({"kind": "reboot"})).contains("unknown variant `reboot`"));
        let e = err(
            serde_json::json!({"kind": "add-security-group-rule", "group": "sg-1",
            "direction": "up", "protocol": "tcp", "ports": "1", "peer": "0.0.0.0/0"}),
        );
        assert!(e.contains("`ingress`") && e.contains("`egress`"), "{e}");
        let e = err(
            serde_json::json!({"kind": "add-security-group-rule", "group": "sg-1",
            "direction": "ingress", "protocol": "tcp", "ports": "9-1", "peer": "0.0.0.0/0"}),
        );
        assert!(e.contains("ports \"9-1\""), "{e}");
        let e = err(
            serde_json::json!({"kind": "set-route", "route_table": "r", "destination": 5, "target": "t"}),
        );
        assert!(
            e.contains("invalid type: integer `5`, expected a string"),
            "{e}"
        );
    }
}
