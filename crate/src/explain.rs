//! Explanation codes and suggested fixes.
//!
//! Codes are Reachability Analyzer's names where one fits [RAC]. A fix is data (what to
//! change, so the page can apply it) plus a one-line summary and the equivalent `aws ec2`
//! command, so an engineer can apply it to a real account.

use serde::{Deserialize, Serialize};

/// Why a packet stopped. Serialized as Reachability Analyzer's code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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
    #[serde(rename = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS")]
    IgwDestinationAddressNotInRfc1918Egress,
    /// R11: outbound through an internet gateway to shared address space (RFC 6598).
    #[serde(rename = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS")]
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
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// Ingress or egress, for rule fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    /// `ingress` or `egress`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }
}

/// A configuration change, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    #[serde(flatten)]
    pub action: FixAction,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
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
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["kind"], "add-route");
        let back: Fix = serde_json::from_value(json).unwrap();
        assert_eq!(back, f);
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
