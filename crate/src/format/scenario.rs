//! The playground's own scenario format: compact JSON a course author writes by hand.
//!
//! These types are the format, field for field (see `docs/scenario-format.md`), declared once:
//! serde reads them (unknown fields are errors that list the known ones, and every error has
//! its line and column) and writes them back out, leaving fields at their default out so a
//! written scenario reads like one written by hand. They hold text as written; `load::build`
//! parses addresses and resolves references, so its errors can name the resource and field.
//! AWS `describe-*` output is converted into these same types (`load::aws`), and edits are
//! applied to them (`edit`), so there is one path into the model.

use super::lesson::Lesson;
pub use super::tgw::{TgwAttachmentDoc, TgwDoc, TgwRouteDoc, TgwRouteTableDoc};
use crate::model::InstanceState;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// `null` reads as the default (an absent field): hand-written and generated scenarios use
/// both for "not given".
fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn yes() -> bool {
    true
}

fn is_running(s: &InstanceState) -> bool {
    s.is_running()
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole scenario file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDoc {
    /// A title shown above the diagram.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub description: String,
    /// The default Region for VPCs that name none (`us-east-1` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The default account for VPCs that name none (`111111111111` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<VpcDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<SubnetDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTableDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_gateways: Vec<IgwDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nat_gateways: Vec<NatDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peering_connections: Vec<PeeringDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<EndpointDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAclDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<InstanceDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<EniDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_gateways: Vec<VgwDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefix_lists: Vec<PrefixListDoc>,
    /// S3 buckets and their bucket policies, for flows that make a request (R22).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<BucketDoc>,
    /// Site-to-Site VPN connections on the virtual private gateways (R28).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_connections: Vec<VpnConnectionDoc>,
    /// The flow the page offers first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<FlowDoc>,
    /// Lesson narrative and goals; the engine carries it through untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<Lesson>,
    /// Transit gateways with their attachments and route tables (issue 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateways: Vec<TgwDoc>,
}

/// A VPC. Give `cidr` for one block, `cidrs` for several (secondary blocks count for R19).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cidrs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// `enableDnsSupport` (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub dns_support: bool,
    /// `enableDnsHostnames` (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub dns_hostnames: bool,
    /// The peering connection that is all the input knows of this VPC (another account's,
    /// typically): its CIDRs come from there, its insides are not in the files (R27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_only_from: Option<String>,
}

/// A subnet. `az` defaults to the VPC's Region plus `a`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub vpc: String,
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az: Option<String>,
}

/// A route table. `subnets` are its explicit associations; a VPC without a `main: true` table
/// gets one with only the local routes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteTableDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub vpc: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub main: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// Edge associations (R23): the internet gateway whose incoming traffic this table routes
    /// (a gateway route table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateways: Vec<String>,
    /// Routes besides `local`, which every table has for each VPC CIDR.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<RouteDoc>,
}

/// A route: a CIDR or prefix-list id to a target id (`local`, `igw-`, `nat-`, `pcx-`, `vpce-`,
/// `vgw-`, `eni-`, `i-`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteDoc {
    pub destination: String,
    pub target: String,
    /// `propagated` for routes learned from a virtual private gateway; static otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub propagated: bool,
    /// `true` when AWS reports the route as blackhole.
    #[serde(default, skip_serializing_if = "is_false")]
    pub blackhole: bool,
}

/// An internet gateway; `vpc` is where it is attached (absent: detached).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgwDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
}

/// A NAT gateway. Public ones need `public_ip` (their Elastic IP).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub subnet: String,
    /// `public` (default) or `private`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connectivity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<String>,
    /// Chosen from the subnet when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<String>,
    /// The gateway's network interface id (generated when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eni: Option<String>,
    /// `available` (default), `pending`, `failed`, `deleting` or `deleted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// When the gateway entered its state, where AWS says (`DeleteTime`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_since: Option<String>,
    /// Why it is in its state, where AWS says (`FailureMessage` of a failed gateway).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
}

/// A VPC peering connection; each side's Region and account come from its VPC.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeeringDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub requester: String,
    pub accepter: String,
    /// AWS's status code; `active` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// A VPC endpoint. `type` is `gateway` (S3, DynamoDB) or `interface`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub vpc: String,
    pub service: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Gateway endpoints: the route tables that get the prefix-list route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<String>,
    /// Interface endpoints: one subnet per AZ.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// Interface endpoints: the groups on its interfaces (the VPC's default group when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    /// Interface endpoints: whether the service's name resolves to the endpoint (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub private_dns: bool,
    /// Interface endpoints: the interfaces, one per subnet (generated when absent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<EndpointEniDoc>,
    /// The endpoint policy (a JSON object or its text); absent means allow everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
}

/// One interface of an interface endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointEniDoc {
    pub id: String,
    pub subnet: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<String>,
}

/// A security group. Absent `egress` means AWS's default allow-all outbound rule; `[]` means none.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub vpc: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<SgRuleDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<SgRuleDoc>>,
}

/// Ports as a number (`443`) or text (`"1024-65535"`, `"all"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PortsDoc {
    Number(u16),
    Text(String),
    /// Anything else (a number out of range, a list ...): kept so the builder can say what is
    /// wrong with it instead of a generic "did not match".
    Invalid(Value),
}

/// One security-group rule; give exactly one of `cidr`, `prefix_list`, `group`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SgRuleDoc {
    /// `tcp`, `udp`, `icmp`, `all` or a protocol number.
    pub protocol: String,
    /// Absent means all ports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortsDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_list: Option<String>,
    /// A group id; `account/sg-id` for a group in another account (R10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub description: String,
}

/// A network ACL. `default: true` marks the VPC's default ACL, which allows everything when
/// it lists no rules; a custom ACL without rules denies everything, as in AWS.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkAclDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub vpc: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Vec<NaclRuleDoc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<NaclRuleDoc>>,
}

/// One network ACL rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NaclRuleDoc {
    pub rule: u32,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortsDoc>,
    pub cidr: String,
    /// `allow` or `deny`.
    pub action: String,
}

/// An instance with one network interface (more can be attached with `network_interfaces`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub subnet: String,
    /// Chosen from the subnet when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<String>,
    /// The VPC's default group when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub source_dest_check: bool,
    /// The primary interface's id (`eni-` plus the instance id's suffix when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eni: Option<String>,
    /// The identity policy of the instance's role (R22); absent means the role allows the
    /// request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_policy: Option<Value>,
    /// `running` when absent; a stopped instance neither sends nor answers (R27).
    #[serde(default, skip_serializing_if = "is_running")]
    pub state: InstanceState,
}

/// A network interface not described by an instance, NAT gateway or endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EniDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub subnet: String,
    pub private_ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_ips: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub source_dest_check: bool,
    /// The instance it is attached to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub description: String,
    /// Attached to nothing (AWS's `Status: available`): no host answers at its address (R27).
    #[serde(default, skip_serializing_if = "is_false")]
    pub detached: bool,
    /// AWS's `InterfaceType` when it is not a plain `interface` (`load_balancer`, `lambda`,
    /// `transit_gateway`, ...): the interface belongs to that AWS service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<String>,
    /// AWS created the interface for a service on the account's behalf (`RequesterManaged`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub requester_managed: bool,
}

/// A virtual private gateway and the corporate network behind it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VgwDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// `vpn` (default) or `direct-connect`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onprem_cidrs: Vec<String>,
}

/// A Site-to-Site VPN connection on a virtual private gateway (R28).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpnConnectionDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    /// The virtual private gateway it terminates on.
    pub vgw: String,
    /// `available` (default), `pending`, `deleting` or `deleted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `static` (default: the `routes` are the corporate prefixes) or `bgp` (the customer
    /// gateway advertises them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<String>,
    /// The static routes: the corporate CIDRs the gateway sends over this connection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<String>,
    /// Each tunnel's status, `up` or `down`; absent means the tunnels are up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tunnels: Vec<String>,
    /// The customer gateway (the corporate side's device): its id, public IPv4 address and ASN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_gateway: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_gateway_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bgp_asn: Option<String>,
}

/// A prefix list (customer-managed, or an AWS one the input carries).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixListDoc {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    pub cidrs: Vec<String>,
}

/// An S3 bucket and its policy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BucketDoc {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
}

/// A flow to trace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowDoc {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// A request to an AWS service, checked against endpoint, bucket and role policies (R22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
}

/// The request a flow makes of an AWS service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// `s3:GetObject`, `dynamodb:GetItem`, ...
    pub action: String,
    /// `arn:aws:s3:::bucket/key`.
    pub resource: String,
}
