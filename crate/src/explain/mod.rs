//! Explanation codes and suggested fixes.
//!
//! Codes are Reachability Analyzer's names where one fits [RAC]. A fix is data (what to
//! change, so the page can apply it) plus a one-line summary and the equivalent `aws ec2`
//! command, so an engineer can apply it to a real account.

pub mod suggest;

pub use crate::model::Direction;

use crate::json::{Fields, Obj, ReadError, ToJson, Value};

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

impl ToJson for Code {
    fn to_json(&self) -> Value {
        self.as_str().to_json()
    }
}

/// A configuration change, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixAction {
    /// Add a route to a table.
    AddRoute {
        route_table: String,
        destination: String,
        target: String,
    },
    /// Change the target of an existing route.
    ReplaceRoute {
        route_table: String,
        destination: String,
        target: String,
    },
    /// Add an allow rule to a security group.
    AddSecurityGroupRule {
        group: String,
        direction: Direction,
        protocol: String,
        ports: String,
        cidr: String,
    },
    /// Add an allow rule to a network ACL, numbered to come before the rule that denied.
    AddNetworkAclRule {
        network_acl: String,
        direction: Direction,
        rule: u16,
        protocol: String,
        ports: String,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub action: FixAction,
    pub summary: String,
    pub cli: String,
}

fn target_flag(target: &str) -> &'static str {
    match target.split('-').next().unwrap_or("") {
        "nat" => "--nat-gateway-id",
        "pcx" => "--vpc-peering-connection-id",
        "eni" => "--network-interface-id",
        "i" => "--instance-id",
        "vpce" => "--vpc-endpoint-id",
        _ => "--gateway-id",
    }
}

fn dest_flag(dest: &str) -> &'static str {
    if dest.starts_with("pl-") {
        "--destination-prefix-list-id"
    } else {
        "--destination-cidr-block"
    }
}

fn ip_permissions(protocol: &str, ports: &str, cidr: &str) -> String {
    let (from, to) = match ports.split_once('-') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None if ports == "all" => ("0".into(), "65535".into()),
        None => (ports.to_string(), ports.to_string()),
    };
    if protocol == "all" || protocol == "-1" {
        format!("IpProtocol=-1,IpRanges=[{{CidrIp={cidr}}}]")
    } else if protocol == "icmp" {
        format!("IpProtocol=icmp,FromPort=-1,ToPort=-1,IpRanges=[{{CidrIp={cidr}}}]")
    } else {
        format!("IpProtocol={protocol},FromPort={from},ToPort={to},IpRanges=[{{CidrIp={cidr}}}]")
    }
}

impl Fix {
    /// Builds a fix with its summary and CLI command filled in.
    pub fn new(action: FixAction) -> Fix {
        let (summary, cli) = match &action {
            FixAction::AddRoute {
                route_table,
                destination,
                target,
            } => (
                format!("Add the route {destination} -> {target} to {route_table}"),
                if target.starts_with("vpce-") {
                    format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {target} --add-route-table-ids {route_table}")
                } else {
                    format!(
                        "aws ec2 create-route --route-table-id {route_table} {} {destination} {} {target}",
                        dest_flag(destination),
                        target_flag(target)
                    )
                },
            ),
            FixAction::ReplaceRoute {
                route_table,
                destination,
                target,
            } => (
                format!("In {route_table}, send {destination} to {target} instead"),
                format!(
                    "aws ec2 replace-route --route-table-id {route_table} {} {destination} {} {target}",
                    dest_flag(destination),
                    target_flag(target)
                ),
            ),
            FixAction::AddSecurityGroupRule {
                group,
                direction,
                protocol,
                ports,
                cidr,
            } => {
                let what = if protocol == "all" {
                    "all traffic".to_string()
                } else if protocol == "icmp" {
                    "icmp".to_string()
                } else {
                    format!("{protocol} port {ports}")
                };
                let prep = if *direction == Direction::Ingress { "from" } else { "to" };
                (
                    format!("Allow {what} {prep} {cidr} in the {} rules of {group}", direction.as_str()),
                    format!(
                        "aws ec2 authorize-security-group-{} --group-id {group} --ip-permissions '{}'",
                        direction.as_str(),
                        ip_permissions(protocol, ports, cidr)
                    ),
                )
            }
            FixAction::AddNetworkAclRule {
                network_acl,
                direction,
                rule,
                protocol,
                ports,
                cidr,
            } => {
                let port_arg = if protocol == "tcp" || protocol == "udp" {
                    let (a, b) = ports.split_once('-').unwrap_or((ports, ports));
                    format!(" --port-range From={a},To={b}")
                } else {
                    String::new()
                };
                let proto_arg = if protocol == "all" { "-1" } else { protocol.as_str() };
                // ICMP entries need a type and code; -1 means all.
                let port_arg = if protocol == "icmp" {
                    " --icmp-type-code Type=-1,Code=-1".to_string()
                } else {
                    port_arg
                };
                (
                    format!(
                        "Add {direction} rule {rule} to {network_acl}: allow {protocol} {ports} {} {cidr}",
                        if *direction == Direction::Ingress { "from" } else { "to" },
                        direction = direction.as_str()
                    ),
                    format!(
                        "aws ec2 create-network-acl-entry --network-acl-id {network_acl} --{} --rule-number {rule} --protocol {proto_arg}{port_arg} --cidr-block {cidr} --rule-action allow",
                        direction.as_str()
                    ),
                )
            }
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
                format!("aws ec2 modify-network-interface-attribute --network-interface-id {interface} --no-source-dest-check"),
            ),
        };
        Fix {
            action,
            summary,
            cli,
        }
    }
}

// ---- As JSON: the page receives fixes in traces and hands them back to `applyFix` ----

impl FixAction {
    /// The `kind` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            FixAction::AddRoute { .. } => "add-route",
            FixAction::ReplaceRoute { .. } => "replace-route",
            FixAction::AddSecurityGroupRule { .. } => "add-security-group-rule",
            FixAction::AddNetworkAclRule { .. } => "add-network-acl-rule",
            FixAction::AcceptPeering { .. } => "accept-peering",
            FixAction::AssociateEndpointRouteTable { .. } => "associate-endpoint-route-table",
            FixAction::DisableSourceDestCheck { .. } => "disable-source-dest-check",
        }
    }

    /// The tag and fields, for `Fix::to_json` to finish.
    fn fields(&self) -> Obj {
        let o = Obj::new().put("kind", self.kind());
        match self {
            FixAction::AddRoute {
                route_table,
                destination,
                target,
            }
            | FixAction::ReplaceRoute {
                route_table,
                destination,
                target,
            } => o
                .put("route_table", route_table)
                .put("destination", destination)
                .put("target", target),
            FixAction::AddSecurityGroupRule {
                group,
                direction,
                protocol,
                ports,
                cidr,
            } => o
                .put("group", group)
                .put("direction", direction.as_str())
                .put("protocol", protocol)
                .put("ports", ports)
                .put("cidr", cidr),
            FixAction::AddNetworkAclRule {
                network_acl,
                direction,
                rule,
                protocol,
                ports,
                cidr,
            } => o
                .put("network_acl", network_acl)
                .put("direction", direction.as_str())
                .put("rule", rule)
                .put("protocol", protocol)
                .put("ports", ports)
                .put("cidr", cidr),
            FixAction::AcceptPeering { peering } => o.put("peering", peering),
            FixAction::AssociateEndpointRouteTable {
                endpoint,
                route_table,
            } => o.put("endpoint", endpoint).put("route_table", route_table),
            FixAction::DisableSourceDestCheck { interface } => o.put("interface", interface),
        }
    }
}

impl ToJson for Fix {
    fn to_json(&self) -> Value {
        self.action
            .fields()
            .put("summary", &self.summary)
            .put("cli", &self.cli)
            .build()
    }
}

impl Fix {
    /// Reads a fix as `to_json` writes it; `summary` and `cli` may be left out.
    pub fn read(v: &Value) -> Result<Fix, ReadError> {
        let kind = match v.get("kind") {
            Some(k) => k,
            None if v.is_object() => {
                return Err(ReadError {
                    path: String::new(),
                    message: "missing field `kind`".into(),
                })
            }
            None => return Err(crate::json::wrong("", v, "a fix object")),
        };
        let fields: &[&str] = match kind.as_str().unwrap_or("") {
            "add-route" | "replace-route" => &["route_table", "destination", "target"],
            "add-security-group-rule" => &["group", "direction", "protocol", "ports", "cidr"],
            "add-network-acl-rule" => &[
                "network_acl",
                "direction",
                "rule",
                "protocol",
                "ports",
                "cidr",
            ],
            "accept-peering" => &["peering"],
            "associate-endpoint-route-table" => &["endpoint", "route_table"],
            "disable-source-dest-check" => &["interface"],
            _ => {
                return Err(crate::json::wrong(
                    "kind",
                    kind,
                    "one of `add-route`, `replace-route`, `add-security-group-rule`, \
                     `add-network-acl-rule`, `accept-peering`, \
                     `associate-endpoint-route-table`, `disable-source-dest-check`",
                ))
            }
        };
        let mut known = vec!["kind", "summary", "cli"];
        known.extend_from_slice(fields);
        let o = Fields::new(v, "", &known)?;
        let s = |k: &str| o.req_str(k);
        let direction = |o: &Fields| match o.req_str("direction")?.as_str() {
            "ingress" => Ok(Direction::Ingress),
            "egress" => Ok(Direction::Egress),
            _ => Err(crate::json::wrong(
                "direction",
                o.req("direction")?,
                "`ingress` or `egress`",
            )),
        };
        let action = match kind.as_str().unwrap_or("") {
            "add-route" => FixAction::AddRoute {
                route_table: s("route_table")?,
                destination: s("destination")?,
                target: s("target")?,
            },
            "replace-route" => FixAction::ReplaceRoute {
                route_table: s("route_table")?,
                destination: s("destination")?,
                target: s("target")?,
            },
            "add-security-group-rule" => FixAction::AddSecurityGroupRule {
                group: s("group")?,
                direction: direction(&o)?,
                protocol: s("protocol")?,
                ports: s("ports")?,
                cidr: s("cidr")?,
            },
            "add-network-acl-rule" => FixAction::AddNetworkAclRule {
                network_acl: s("network_acl")?,
                direction: direction(&o)?,
                rule: o.req_u16("rule")?,
                protocol: s("protocol")?,
                ports: s("ports")?,
                cidr: s("cidr")?,
            },
            "accept-peering" => FixAction::AcceptPeering {
                peering: s("peering")?,
            },
            "associate-endpoint-route-table" => FixAction::AssociateEndpointRouteTable {
                endpoint: s("endpoint")?,
                route_table: s("route_table")?,
            },
            _ => FixAction::DisableSourceDestCheck {
                interface: s("interface")?,
            },
        };
        Ok(Fix {
            action,
            summary: o.string("summary")?,
            cli: o.string("cli")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_reachability_analyzer_names() {
        assert_eq!(
            Code::NoRouteToDestination.as_str(),
            "NO_ROUTE_TO_DESTINATION"
        );
        assert_eq!(
            Code::IgwDestinationAddressNotInRfc1918Egress.as_str(),
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
        });
        assert_eq!(f.summary, "Add the route 10.0.0.0/16 -> pcx-ab to rtb-b");
        assert_eq!(
            f.cli,
            "aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-ab"
        );
        let json = f.to_json();
        assert_eq!(json.get("kind").and_then(Value::as_str), Some("add-route"));
        assert_eq!(Fix::read(&json), Ok(f));
    }

    #[test]
    fn every_fix_kind_reads_back_as_written() {
        let actions = [
            FixAction::AddRoute {
                route_table: "rtb-1".into(),
                destination: "pl-1".into(),
                target: "vpce-1".into(),
            },
            FixAction::ReplaceRoute {
                route_table: "rtb-1".into(),
                destination: "0.0.0.0/0".into(),
                target: "nat-1".into(),
            },
            FixAction::AddSecurityGroupRule {
                group: "sg-1".into(),
                direction: Direction::Egress,
                protocol: "tcp".into(),
                ports: "443".into(),
                cidr: "10.0.0.0/8".into(),
            },
            FixAction::AddNetworkAclRule {
                network_acl: "acl-1".into(),
                direction: Direction::Ingress,
                rule: 90,
                protocol: "udp".into(),
                ports: "53".into(),
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
            assert_eq!(Fix::read(&f.to_json()), Ok(f.clone()), "{}", f.to_json());
            // The page may hand back only the action.
            let mut bare = f.to_json();
            if let Value::Object(m) = &mut bare {
                m.remove("summary");
                m.remove("cli");
            }
            assert_eq!(Fix::read(&bare).map(|b| b.action), Ok(f.action));
        }
    }

    #[test]
    fn a_malformed_fix_says_what_is_wrong() {
        let read = |text: &str| Fix::read(&crate::json::parse(text).unwrap()).unwrap_err();
        assert_eq!(
            read("[]").message,
            "invalid type: sequence, expected a fix object"
        );
        assert_eq!(
            read(r#"{"route_table": "r"}"#).message,
            "missing field `kind`"
        );
        assert!(read(r#"{"kind": "reboot"}"#)
            .message
            .contains("expected one of `add-route`"));
        let e = read(r#"{"kind": "accept-peering", "peering": "pcx-1", "x": 1}"#);
        assert_eq!(e.path, "x");
        let e = read(
            r#"{"kind": "add-security-group-rule", "group": "sg-1", "direction": "up",
            "protocol": "tcp", "ports": "1", "cidr": "0.0.0.0/0"}"#,
        );
        assert!(e.message.contains("`ingress` or `egress`"), "{e}");
        let e =
            read(r#"{"kind": "add-route", "route_table": "r", "destination": 5, "target": "t"}"#);
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            (
                "destination",
                "invalid type: integer `5`, expected a string"
            )
        );
    }

    #[test]
    fn nacl_fix_gives_the_port_range() {
        let f = Fix::new(FixAction::AddNetworkAclRule {
            network_acl: "acl-1".into(),
            direction: Direction::Ingress,
            rule: 90,
            protocol: "tcp".into(),
            ports: "1024-65535".into(),
            cidr: "10.0.0.0/16".into(),
        });
        assert!(f.cli.contains("--ingress --rule-number 90 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.0.0/16 --rule-action allow"), "{}", f.cli);
    }
}
