//! Explanation codes, typed reasons, the sentences written from them, and suggested fixes.
//!
//! Codes are Reachability Analyzer's names where one fits [RAC]. A drop's reason is data
//! ([`Reason`]); [`sentence`] is the one place its English is written. A fix is data (what to
//! change, so the page can apply it) plus a one-line summary and the equivalent `aws ec2`
//! command, so an engineer can apply it to a real account.

pub mod event;
pub mod reason;
pub mod sentence;
pub mod suggest;

pub use crate::model::Direction;
pub use event::{Event, Loser};
pub use reason::{
    BlackholeWhy, Edge, EnteredVia, GroupReference, Link, Reason, RouteHint, Through,
};

use crate::model::{PortRange, Protocol};
use serde::{Deserialize, Serialize};

/// Why a packet stopped. Serialized as Reachability Analyzer's code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// R3: no route in the table covers the destination.
    NoRouteToDestination,
    /// R4: the chosen route is blackhole (its target is missing or not usable).
    BadStateRoute,
    /// R7, R8: the subnet's network ACL denies the packet.
    SubnetAclRestriction,
    /// R9: no security-group rule allows the packet.
    EniSgRulesMismatch,
    /// R9: the interface's groups have no rules at all in this direction.
    SgHasNoRules,
    /// R10: a group reference to a peer VPC's group that cannot match (another Region, an
    /// inactive peering, or a group not in the input).
    UnknownPeeredSgs,
    /// R10: the packet lost its security-group identity at a NAT gateway or appliance.
    SgReferencesNotPreserved,
    /// R11: outbound through an internet gateway without a public IP.
    IgwPublicIpAssociationForEgress,
    /// R11: outbound through an internet gateway to private (RFC 1918) space.
    IgwDestinationAddressNotInRfc1918Egress,
    /// R11: outbound through an internet gateway to shared address space (RFC 6598).
    IgwDestinationAddressNotInRfc6598Egress,
    /// R12: inbound at an internet gateway to an address no interface owns.
    IgwPrivateIpAssociationForIngress,
    /// R14: a private NAT gateway's traffic reached an internet gateway.
    NgwSourceAddressReassign,
    /// R16: traffic from peering, VPN or DX cannot use a NAT gateway.
    NgwRequiresSourceInVpc,
    /// R15, R20: the component does not carry this protocol.
    ProtocolRestriction,
    /// R17, R18: a peering connection carries only packets addressed inside the peer VPC.
    PcxRequiresAddressInVpcCidr,
    /// R20: gateway endpoints carry TCP and ICMP echo only.
    VpceGatewayProtocolRestriction,
    /// R21: an endpoint never starts connections into the VPC.
    VpceIntraVpcTraffic,
    /// R24: source/destination check drops traffic not addressed to the interface itself.
    EniSourceDestCheckRestriction,
    /// Nothing answers at the destination address.
    NoPossibleDestination,
    /// A target the engine does not model (transit gateway, ...).
    UnsupportedComponent,
    /// A routing loop or hop limit: no path.
    NoPath,
    /// R22: the VPC endpoint's policy does not allow the request (not a Reachability Analyzer
    /// code: the analyzer does not evaluate policies).
    VpcePolicyDenied,
    /// R22: the resource's policy (an S3 bucket policy) denies the request.
    ResourcePolicyDenied,
    /// R22: the caller's identity (role) policy does not allow the request.
    IdentityPolicyDenied,
}

impl Code {
    /// The code as Reachability Analyzer spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NoRouteToDestination => "NO_ROUTE_TO_DESTINATION",
            Code::BadStateRoute => "BAD_STATE_ROUTE",
            Code::SubnetAclRestriction => "SUBNET_ACL_RESTRICTION",
            Code::EniSgRulesMismatch => "ENI_SG_RULES_MISMATCH",
            Code::SgHasNoRules => "SG_HAS_NO_RULES",
            Code::UnknownPeeredSgs => "UNKNOWN_PEERED_SGS",
            Code::SgReferencesNotPreserved => "SG_REFERENCES_NOT_PRESERVED",
            Code::IgwPublicIpAssociationForEgress => "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
            Code::IgwDestinationAddressNotInRfc1918Egress => {
                "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
            }
            Code::IgwDestinationAddressNotInRfc6598Egress => {
                "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS"
            }
            Code::IgwPrivateIpAssociationForIngress => "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
            Code::NgwSourceAddressReassign => "NGW_SOURCE_ADDRESS_REASSIGN",
            Code::NgwRequiresSourceInVpc => "NGW_REQUIRES_SOURCE_IN_VPC",
            Code::ProtocolRestriction => "PROTOCOL_RESTRICTION",
            Code::PcxRequiresAddressInVpcCidr => "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",
            Code::VpceGatewayProtocolRestriction => "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
            Code::VpceIntraVpcTraffic => "VPCE_INTRA_VPC_TRAFFIC",
            Code::EniSourceDestCheckRestriction => "ENI_SOURCE_DEST_CHECK_RESTRICTION",
            Code::NoPossibleDestination => "NO_POSSIBLE_DESTINATION",
            Code::UnsupportedComponent => "UNSUPPORTED_COMPONENT",
            Code::NoPath => "NO_PATH",
            Code::VpcePolicyDenied => "VPCE_POLICY_DENIED",
            Code::ResourcePolicyDenied => "RESOURCE_POLICY_DENIED",
            Code::IdentityPolicyDenied => "IDENTITY_POLICY_DENIED",
        }
    }
}

/// As JSON a code is Reachability Analyzer's spelling, from [`Code::as_str`].
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a route points at, which decides the CLI flag that names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    /// An internet gateway or virtual private gateway (`--gateway-id`).
    #[default]
    Gateway,
    NatGateway,
    Peering,
    NetworkInterface,
    Instance,
    VpcEndpoint,
}

impl TargetKind {
    /// The `aws ec2 create-route` flag that names a target of this kind.
    pub fn cli_flag(self) -> &'static str {
        match self {
            TargetKind::Gateway => "--gateway-id",
            TargetKind::NatGateway => "--nat-gateway-id",
            TargetKind::Peering => "--vpc-peering-connection-id",
            TargetKind::NetworkInterface => "--network-interface-id",
            TargetKind::Instance => "--instance-id",
            TargetKind::VpcEndpoint => "--vpc-endpoint-id",
        }
    }
}

/// A configuration change, as data. The page receives it in a trace and hands it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FixAction {
    /// Add a route to a table.
    AddRoute {
        route_table: String,
        destination: String,
        target: String,
        #[serde(default)]
        target_kind: TargetKind,
    },
    /// Change the target of an existing route.
    ReplaceRoute {
        route_table: String,
        destination: String,
        target: String,
        #[serde(default)]
        target_kind: TargetKind,
    },
    /// Add an allow rule to a security group.
    AddSecurityGroupRule {
        group: String,
        direction: Direction,
        protocol: Protocol,
        ports: PortRange,
        cidr: String,
    },
    /// Add an allow rule to a network ACL, numbered to come before the rule that denied.
    AddNetworkAclRule {
        network_acl: String,
        direction: Direction,
        rule: u16,
        protocol: Protocol,
        ports: PortRange,
        cidr: String,
    },
    /// Accept a pending peering connection.
    AcceptPeering { peering: String },
    /// Associate a gateway endpoint with a route table (adds its prefix-list route).
    AssociateEndpointRouteTable {
        endpoint: String,
        route_table: String,
    },
    /// Turn off source/destination check on an appliance's interface.
    DisableSourceDestCheck { interface: String },
}

/// A suggested fix: the change, a sentence, and the `aws ec2` command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    #[serde(flatten)]
    pub action: FixAction,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub cli: String,
}

fn dest_flag(dest: &str) -> &'static str {
    if dest.starts_with("pl-") {
        "--destination-prefix-list-id"
    } else {
        "--destination-cidr-block"
    }
}

fn ip_permissions(protocol: Protocol, ports: PortRange, cidr: &str) -> String {
    match protocol {
        Protocol::All => format!("IpProtocol=-1,IpRanges=[{{CidrIp={cidr}}}]"),
        Protocol::Icmp => {
            format!("IpProtocol=icmp,FromPort=-1,ToPort=-1,IpRanges=[{{CidrIp={cidr}}}]")
        }
        _ => format!(
            "IpProtocol={protocol},FromPort={},ToPort={},IpRanges=[{{CidrIp={cidr}}}]",
            ports.from, ports.to
        ),
    }
}

fn prep(direction: Direction) -> &'static str {
    match direction {
        Direction::Ingress => "from",
        Direction::Egress => "to",
    }
}

fn route_texts(verb: &str, table: &str, dest: &str, target: &str, kind: TargetKind) -> String {
    format!(
        "aws ec2 {verb} --route-table-id {table} {} {dest} {} {target}",
        dest_flag(dest),
        kind.cli_flag()
    )
}

fn sg_rule_texts(
    group: &str,
    direction: Direction,
    protocol: Protocol,
    ports: PortRange,
    cidr: &str,
) -> (String, String) {
    let what = match protocol {
        Protocol::All => "all traffic".to_string(),
        Protocol::Icmp => "icmp".to_string(),
        _ => format!("{protocol} port {ports}"),
    };
    (
        format!(
            "Allow {what} {} {cidr} in the {direction} rules of {group}",
            prep(direction)
        ),
        format!(
            "aws ec2 authorize-security-group-{direction} --group-id {group} --ip-permissions '{}'",
            ip_permissions(protocol, ports, cidr)
        ),
    )
}

fn acl_rule_texts(
    acl: &str,
    direction: Direction,
    rule: u16,
    protocol: Protocol,
    ports: PortRange,
    cidr: &str,
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
    (
        format!(
            "Add {direction} rule {rule} to {acl}: allow {protocol} {ports} {} {cidr}",
            prep(direction)
        ),
        format!(
            "aws ec2 create-network-acl-entry --network-acl-id {acl} --{direction} --rule-number {rule} \
             --protocol {proto_arg}{port_arg} --cidr-block {cidr} --rule-action allow"
        ),
    )
}

impl Fix {
    /// Builds a fix with its summary and CLI command filled in.
    pub fn new(action: FixAction) -> Fix {
        let (summary, cli) = match &action {
            FixAction::AddRoute {
                route_table: t,
                destination: d,
                target,
                target_kind,
            } => (
                format!("Add the route {d} -> {target} to {t}"),
                if *target_kind == TargetKind::VpcEndpoint {
                    format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {target} --add-route-table-ids {t}")
                } else {
                    route_texts("create-route", t, d, target, *target_kind)
                },
            ),
            FixAction::ReplaceRoute {
                route_table: t,
                destination: d,
                target,
                target_kind,
            } => (
                format!("In {t}, send {d} to {target} instead"),
                route_texts("replace-route", t, d, target, *target_kind),
            ),
            FixAction::AddSecurityGroupRule {
                group,
                direction,
                protocol,
                ports,
                cidr,
            } => sg_rule_texts(group, *direction, *protocol, *ports, cidr),
            FixAction::AddNetworkAclRule {
                network_acl,
                direction,
                rule,
                protocol,
                ports,
                cidr,
            } => acl_rule_texts(network_acl, *direction, *rule, *protocol, *ports, cidr),
            FixAction::AcceptPeering { peering } => (
                format!("Accept the peering connection {peering}"),
                format!("aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {peering}"),
            ),
            FixAction::AssociateEndpointRouteTable {
                endpoint,
                route_table,
            } => (
                format!("Associate gateway endpoint {endpoint} with {route_table}"),
                format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {endpoint} --add-route-table-ids {route_table}"),
            ),
            FixAction::DisableSourceDestCheck { interface } => (
                format!("Turn off source/destination check on {interface}"),
                format!(
                    "aws ec2 modify-network-interface-attribute --network-interface-id {interface} \
                     --no-source-dest-check"
                ),
            ),
        };
        Fix {
            action,
            summary,
            cli,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(f: &Fix) -> serde_json::Value {
        serde_json::to_value(f).unwrap()
    }

    fn read(v: serde_json::Value) -> Result<Fix, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn codes_use_reachability_analyzer_names() {
        assert_eq!(
            Code::NoRouteToDestination.as_str(),
            "NO_ROUTE_TO_DESTINATION"
        );
        assert_eq!(
            serde_json::to_value(Code::IgwDestinationAddressNotInRfc1918Egress).unwrap(),
            "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
        );
        assert_eq!(
            Code::PcxRequiresAddressInVpcCidr.as_str(),
            "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
        );
    }

    #[test]
    fn add_route_fix_gives_the_create_route_command() {
        let f = Fix::new(FixAction::AddRoute {
            route_table: "rtb-b".into(),
            destination: "10.0.0.0/16".into(),
            target: "pcx-ab".into(),
            target_kind: TargetKind::Peering,
        });
        assert_eq!(f.summary, "Add the route 10.0.0.0/16 -> pcx-ab to rtb-b");
        assert_eq!(
            f.cli,
            "aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.0.0.0/16 \
             --vpc-peering-connection-id pcx-ab"
        );
        let v = json(&f);
        assert_eq!(v["kind"], "add-route");
        assert_eq!(v["route_table"], "rtb-b");
        assert_eq!(v["target_kind"], "peering");
        assert_eq!(read(v).ok(), Some(f));
    }

    #[test]
    fn every_fix_kind_reads_back_as_written() {
        let actions = [
            FixAction::AddRoute {
                route_table: "rtb-1".into(),
                destination: "pl-1".into(),
                target: "vpce-1".into(),
                target_kind: TargetKind::VpcEndpoint,
            },
            FixAction::ReplaceRoute {
                route_table: "rtb-1".into(),
                destination: "0.0.0.0/0".into(),
                target: "nat-1".into(),
                target_kind: TargetKind::NatGateway,
            },
            FixAction::AddSecurityGroupRule {
                group: "sg-1".into(),
                direction: Direction::Egress,
                protocol: Protocol::Tcp,
                ports: PortRange::single(443),
                cidr: "10.0.0.0/8".into(),
            },
            FixAction::AddNetworkAclRule {
                network_acl: "acl-1".into(),
                direction: Direction::Ingress,
                rule: 90,
                protocol: Protocol::Udp,
                ports: PortRange::single(53),
                cidr: "10.0.0.0/8".into(),
            },
            FixAction::AcceptPeering {
                peering: "pcx-1".into(),
            },
            FixAction::AssociateEndpointRouteTable {
                endpoint: "vpce-1".into(),
                route_table: "rtb-1".into(),
            },
            FixAction::DisableSourceDestCheck {
                interface: "eni-1".into(),
            },
        ];
        for a in actions {
            let f = Fix::new(a);
            let v = json(&f);
            assert_eq!(read(v.clone()).ok(), Some(f.clone()), "{v}");
            // The page may hand back only the action.
            let mut bare = v;
            if let Some(m) = bare.as_object_mut() {
                m.remove("summary");
                m.remove("cli");
            }
            assert_eq!(read(bare).ok().map(|b| b.action), Some(f.action));
        }
    }

    #[test]
    fn rule_fixes_keep_protocol_and_ports_as_text() {
        let f = Fix::new(FixAction::AddSecurityGroupRule {
            group: "sg-1".into(),
            direction: Direction::Ingress,
            protocol: Protocol::Icmp,
            ports: PortRange::ALL,
            cidr: "0.0.0.0/0".into(),
        });
        let v = json(&f);
        assert_eq!(
            (&v["protocol"], &v["ports"]),
            (&"icmp".into(), &"all".into())
        );
        assert_eq!(v["direction"], "ingress");
    }

    #[test]
    fn a_malformed_fix_says_what_is_wrong() {
        let err = |v: serde_json::Value| read(v).unwrap_err().to_string();
        assert!(err(serde_json::json!([])).contains("invalid type"));
        assert!(err(serde_json::json!({"route_table": "r"})).contains("missing field `kind`"));
        assert!(err(serde_json::json!({"kind": "reboot"})).contains("unknown variant `reboot`"));
        let e = err(
            serde_json::json!({"kind": "add-security-group-rule", "group": "sg-1",
            "direction": "up", "protocol": "tcp", "ports": "1", "cidr": "0.0.0.0/0"}),
        );
        assert!(e.contains("`ingress`") && e.contains("`egress`"), "{e}");
        let e = err(
            serde_json::json!({"kind": "add-security-group-rule", "group": "sg-1",
            "direction": "ingress", "protocol": "tcp", "ports": "9-1", "cidr": "0.0.0.0/0"}),
        );
        assert!(e.contains("ports \"9-1\""), "{e}");
        let e = err(
            serde_json::json!({"kind": "add-route", "route_table": "r", "destination": 5, "target": "t"}),
        );
        assert!(
            e.contains("invalid type: integer `5`, expected a string"),
            "{e}"
        );
    }

    #[test]
    fn nacl_fix_gives_the_port_range() {
        let f = Fix::new(FixAction::AddNetworkAclRule {
            network_acl: "acl-1".into(),
            direction: Direction::Ingress,
            rule: 90,
            protocol: Protocol::Tcp,
            ports: PortRange {
                from: 1024,
                to: 65535,
            },
            cidr: "10.0.0.0/16".into(),
        });
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
}
