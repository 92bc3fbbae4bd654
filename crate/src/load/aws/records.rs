//! One typed record per `aws ec2 describe-*` kind, with AWS's own field names.
//!
//! Each field AWS prints that the playground reads is declared once, here. Unknown fields are
//! ignored (AWS adds fields all the time); a field AWS may leave out is an `Option` or a list
//! that defaults to empty, and `null` reads as absent. A field the CLI always prints (ids, the
//! `VpcId` of a subnet, a rule's protocol) is required, so a file without it fails to read
//! with serde's message, path, line and column. A route's several target fields collapse into
//! one `AwsTarget` here, at the edge (as Batfish's `Route.create` does).

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::cell::Cell;
use std::fmt;

pub use super::vpn::{CustomerGatewayRec, VpnConnectionRec};

/// A list field that AWS may omit or print as `null`: both read as empty.
pub(super) fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// A `Key`/`Value` tag.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct Tag {
    pub key: Option<String>,
    pub value: Option<String>,
}

/// The `Name` tag of a `Tags` (or `TagSet`) list; empty when there is none.
pub fn name_of(tags: &[Tag]) -> String {
    tags.iter()
        .find(|t| t.key.as_deref() == Some("Name"))
        .map(|t| t.value.clone().unwrap_or_default())
        .unwrap_or_default()
}

/// `{"State": "associated"}` and the like.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct StateRec {
    pub state: Option<String>,
}

/// One element of a `Groups` or `SecurityGroups` list.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct GroupRef {
    pub group_id: String,
}

/// One element of a `CidrBlockSet` or `CidrBlockAssociationSet`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct CidrRec {
    pub cidr_block: Option<String>,
    /// Only in `CidrBlockAssociationSet`.
    pub cidr_block_state: Option<StateRec>,
}

/// describe-vpcs.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "a VPC record (an object)")]
pub struct VpcRec {
    pub vpc_id: String,
    pub cidr_block: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub cidr_block_association_set: Vec<CidrRec>,
    pub owner_id: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// describe-subnets.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "a subnet record (an object)")]
pub struct SubnetRec {
    pub subnet_id: String,
    pub vpc_id: String,
    pub availability_zone: Option<String>,
    /// Absent only on an IPv6-only subnet.
    pub cidr_block: Option<String>,
    pub ipv6_native: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// One side of a peering connection.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct PeerSide {
    pub vpc_id: String,
    pub owner_id: Option<String>,
    pub region: Option<String>,
    pub cidr_block: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub cidr_block_set: Vec<CidrRec>,
}

/// A peering connection's `Status`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct StatusRec {
    pub code: Option<String>,
}

/// describe-vpc-peering-connections.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a peering connection record (an object)"
)]
pub struct PeeringRec {
    pub vpc_peering_connection_id: String,
    pub requester_vpc_info: PeerSide,
    pub accepter_vpc_info: PeerSide,
    pub status: Option<StatusRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// describe-vpc-endpoints.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a VPC endpoint record (an object)"
)]
pub struct EndpointRec {
    pub vpc_endpoint_id: String,
    pub vpc_endpoint_type: String,
    pub vpc_id: String,
    pub service_name: String,
    pub state: Option<String>,
    /// JSON inside a string, as the CLI prints it (an object is accepted too).
    pub policy_document: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "nullable")]
    pub route_table_ids: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub subnet_ids: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub groups: Vec<GroupRef>,
    pub private_dns_enabled: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub network_interface_ids: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// One association of a route table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct RouteTableAssoc {
    pub main: Option<bool>,
    pub subnet_id: Option<String>,
    /// An edge association (R23).
    pub gateway_id: Option<String>,
    pub association_state: Option<StateRec>,
}

/// describe-route-tables.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a route table record (an object)"
)]
pub struct RouteTableRec {
    pub route_table_id: String,
    pub vpc_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub associations: Vec<RouteTableAssoc>,
    #[serde(default, deserialize_with = "nullable")]
    pub routes: Vec<RouteRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// Where a route sends packets for its destination: AWS's target fields, collapsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AwsTarget {
    /// `NetworkInterfaceId` (preferred: an instance route carries both it and `InstanceId`).
    NetworkInterface(String),
    Instance(String),
    /// `GatewayId`: `local`, an internet or virtual private gateway, or a gateway endpoint.
    Gateway(String),
    NatGateway(String),
    Peering(String),
    /// `TransitGatewayId` (issue 10).
    TransitGateway(String),
    /// A target the engine does not model: its AWS field, what it is, and its id.
    Unsupported {
        field: &'static str,
        what: &'static str,
        id: String,
    },
}

impl AwsTarget {
    /// The id (or ARN) the route names.
    pub fn id(&self) -> &str {
        match self {
            AwsTarget::NetworkInterface(t)
            | AwsTarget::Instance(t)
            | AwsTarget::Gateway(t)
            | AwsTarget::NatGateway(t)
            | AwsTarget::Peering(t)
            | AwsTarget::TransitGateway(t) => t,
            AwsTarget::Unsupported { id, .. } => id,
        }
    }

    /// AWS's name for the field the target was in.
    pub fn field(&self) -> &'static str {
        match self {
            AwsTarget::NetworkInterface(_) => "NetworkInterfaceId",
            AwsTarget::Instance(_) => "InstanceId",
            AwsTarget::Gateway(_) => "GatewayId",
            AwsTarget::NatGateway(_) => "NatGatewayId",
            AwsTarget::Peering(_) => "VpcPeeringConnectionId",
            AwsTarget::TransitGateway(_) => "TransitGatewayId",
            AwsTarget::Unsupported { field, .. } => field,
        }
    }
}

/// What a route is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteDest {
    Cidr(String),
    PrefixList(String),
    /// `DestinationIpv6CidrBlock`: the engine models IPv4 only.
    Ipv6,
    Missing,
}

/// One route of describe-route-tables, its target fields collapsed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "RawRoute")]
pub struct RouteRec {
    pub dest: RouteDest,
    pub target: Option<AwsTarget>,
    pub origin: Option<String>,
    pub state: Option<String>,
}

/// A route as AWS prints it, before its fields are collapsed.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "a route (an object)")]
struct RawRoute {
    destination_cidr_block: Option<String>,
    destination_prefix_list_id: Option<String>,
    destination_ipv6_cidr_block: Option<String>,
    network_interface_id: Option<String>,
    instance_id: Option<String>,
    gateway_id: Option<String>,
    nat_gateway_id: Option<String>,
    vpc_peering_connection_id: Option<String>,
    transit_gateway_id: Option<String>,
    egress_only_internet_gateway_id: Option<String>,
    carrier_gateway_id: Option<String>,
    local_gateway_id: Option<String>,
    core_network_arn: Option<String>,
    odb_network_arn: Option<String>,
    origin: Option<String>,
    state: Option<String>,
}

impl From<RawRoute> for RouteRec {
    fn from(r: RawRoute) -> RouteRec {
        let dest = match (r.destination_cidr_block, r.destination_prefix_list_id) {
            (Some(c), _) => RouteDest::Cidr(c),
            (None, Some(p)) => RouteDest::PrefixList(p),
            (None, None) if r.destination_ipv6_cidr_block.is_some() => RouteDest::Ipv6,
            (None, None) => RouteDest::Missing,
        };
        // The targets the engine models, in order of preference, then the ones it does not,
        // each with AWS's field name and what it is.
        let target = r
            .network_interface_id
            .map(AwsTarget::NetworkInterface)
            .or_else(|| r.instance_id.map(AwsTarget::Instance))
            .or_else(|| r.gateway_id.map(AwsTarget::Gateway))
            .or_else(|| r.nat_gateway_id.map(AwsTarget::NatGateway))
            .or_else(|| r.vpc_peering_connection_id.map(AwsTarget::Peering))
            .or_else(|| r.transit_gateway_id.map(AwsTarget::TransitGateway));
        #[rustfmt::skip]
        let unsupported = [
            (r.egress_only_internet_gateway_id, "EgressOnlyInternetGatewayId", "an egress-only internet gateway"),
            (r.carrier_gateway_id, "CarrierGatewayId", "a carrier gateway (Wavelength)"),
            (r.local_gateway_id, "LocalGatewayId", "a local gateway (Outposts)"),
            (r.core_network_arn, "CoreNetworkArn", "a Cloud WAN core network"),
            (r.odb_network_arn, "OdbNetworkArn", "an Oracle Database@AWS network"),
        ];
        let target = target.or_else(|| {
            let mut all = unsupported.into_iter();
            all.find_map(|(id, field, what)| {
                id.map(|id| AwsTarget::Unsupported { field, what, id })
            })
        });
        RouteRec {
            dest,
            target,
            origin: r.origin,
            state: r.state,
        }
    }
}

/// One attachment of an internet gateway or virtual private gateway.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct AttachmentRec {
    pub state: Option<String>,
    pub vpc_id: Option<String>,
}

/// describe-internet-gateways.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "an internet gateway record (an object)"
)]
pub struct IgwRec {
    pub internet_gateway_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<AttachmentRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// One address of a NAT gateway.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct NatAddressRec {
    pub is_primary: Option<bool>,
    pub private_ip: Option<String>,
    pub public_ip: Option<String>,
    pub network_interface_id: Option<String>,
}

/// describe-nat-gateways.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a NAT gateway record (an object)"
)]
pub struct NatRec {
    pub nat_gateway_id: String,
    /// Absent on a regional NAT gateway.
    pub subnet_id: Option<String>,
    pub availability_mode: Option<String>,
    pub connectivity_type: Option<String>,
    pub state: Option<String>,
    /// When a deleted gateway was deleted (R27: "since when").
    pub delete_time: Option<String>,
    /// Why a failed gateway failed.
    pub failure_message: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub nat_gateway_addresses: Vec<NatAddressRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// A CIDR source of a security group permission.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct IpRangeRec {
    pub cidr_ip: String,
    pub description: Option<String>,
}

/// A prefix-list source of a security group permission.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct PrefixListRef {
    pub prefix_list_id: String,
    pub description: Option<String>,
}

/// A security-group source of a permission.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct GroupPairRec {
    pub group_id: String,
    pub user_id: Option<String>,
    pub description: Option<String>,
}

/// One `IpPermissions` (or `IpPermissionsEgress`) element.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct PermissionRec {
    pub ip_protocol: String,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    pub ip_ranges: Vec<IpRangeRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub prefix_list_ids: Vec<PrefixListRef>,
    #[serde(default, deserialize_with = "nullable")]
    pub user_id_group_pairs: Vec<GroupPairRec>,
    /// Not modelled; only counted.
    #[serde(default, deserialize_with = "nullable")]
    pub ipv6_ranges: Vec<IgnoredAny>,
}

/// describe-security-groups.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a security group record (an object)"
)]
pub struct SgRec {
    pub group_id: String,
    pub vpc_id: String,
    pub group_name: Option<String>,
    pub owner_id: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub ip_permissions: Vec<PermissionRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub ip_permissions_egress: Vec<PermissionRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// A network ACL entry's `PortRange`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct PortRangeRec {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// One network ACL entry.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct AclEntryRec {
    pub rule_number: i64,
    pub egress: bool,
    pub protocol: String,
    pub rule_action: String,
    /// Absent on an IPv6 entry.
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub port_range: Option<PortRangeRec>,
}

/// A network ACL's subnet association.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct AclAssocRec {
    pub subnet_id: Option<String>,
}

/// describe-network-acls.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a network ACL record (an object)"
)]
pub struct AclRec {
    pub network_acl_id: String,
    pub vpc_id: String,
    pub is_default: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub associations: Vec<AclAssocRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub entries: Vec<AclEntryRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// One of an interface's private addresses.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct PrivateIpRec {
    pub primary: Option<bool>,
    pub private_ip_address: Option<String>,
}

/// An interface's `Attachment`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct EniAttachmentRec {
    pub status: Option<String>,
    /// Absent when describe-instances prints the interface.
    pub instance_id: Option<String>,
    pub device_index: Option<i64>,
}

/// An interface's public address (`Association`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct EniAssociationRec {
    pub public_ip: Option<String>,
}

/// describe-network-interfaces, and the interfaces describe-instances lists.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a network interface record (an object)"
)]
pub struct EniRec {
    pub network_interface_id: String,
    pub subnet_id: Option<String>,
    pub private_ip_address: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub private_ip_addresses: Vec<PrivateIpRec>,
    pub association: Option<EniAssociationRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub groups: Vec<GroupRef>,
    pub source_dest_check: Option<bool>,
    pub description: Option<String>,
    pub interface_type: Option<String>,
    /// `in-use`, or `available` when attached to nothing (R27).
    pub status: Option<String>,
    /// AWS created it for a service (RDS, Lambda, a load balancer ...).
    pub requester_managed: Option<bool>,
    pub attachment: Option<EniAttachmentRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
    /// describe-network-interfaces calls its tags `TagSet`.
    #[serde(default, deserialize_with = "nullable")]
    pub tag_set: Vec<Tag>,
}

/// An instance's `State`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct InstanceStateRec {
    pub name: Option<String>,
}

/// One instance of describe-instances.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "an instance record (an object)"
)]
pub struct InstanceRec {
    pub instance_id: String,
    pub state: Option<InstanceStateRec>,
    pub subnet_id: Option<String>,
    pub private_ip_address: Option<String>,
    pub public_ip_address: Option<String>,
    /// `None` when absent: the primary interface's groups are used then.
    pub security_groups: Option<Vec<GroupRef>>,
    pub source_dest_check: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub network_interfaces: Vec<EniRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// describe-instances nests instances in reservations.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "a reservation (an object)")]
pub struct ReservationRec {
    #[serde(default, deserialize_with = "nullable")]
    pub instances: Vec<InstanceRec>,
}

/// describe-prefix-lists (AWS service lists, with their CIDRs).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a prefix list record (an object)"
)]
pub struct PrefixListRec {
    pub prefix_list_id: String,
    pub prefix_list_name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub cidrs: Vec<String>,
}

/// One entry of get-managed-prefix-list-entries, added to a managed prefix list.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct PrefixListEntryRec {
    pub cidr: String,
}

/// describe-managed-prefix-lists; `Entries` or `Cidrs` only when someone added them.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a managed prefix list record (an object)"
)]
pub struct ManagedPrefixListRec {
    pub prefix_list_id: String,
    pub prefix_list_name: Option<String>,
    pub address_family: Option<String>,
    pub entries: Option<Vec<PrefixListEntryRec>>,
    pub cidrs: Option<Vec<String>>,
}

/// describe-vpn-gateways.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a virtual private gateway record (an object)"
)]
pub struct VgwRec {
    pub vpn_gateway_id: String,
    pub state: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub vpc_attachments: Vec<AttachmentRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// The top-level keys of AWS CLI output that this module reads, in the order they are merged.
pub const KEYS: [&str; 23] = [
    "Vpcs",
    "Subnets",
    "RouteTables",
    "InternetGateways",
    "NatGateways",
    "VpcPeeringConnections",
    "VpcEndpoints",
    "SecurityGroups",
    "NetworkAcls",
    "NetworkInterfaces",
    "Reservations",
    "PrefixLists",
    "ManagedPrefixLists",
    "VpnGateways",
    "TransitGateways",
    "TransitGatewayAttachments",
    "TransitGatewayVpcAttachments",
    "TransitGatewayRouteTables",
    "TransitGatewayPropagations",
    "TransitGatewayStaticRoutes",
    "TransitGatewayPrefixListReferences",
    "VpnConnections",
    "CustomerGateways",
];

/// One file of `describe-*` output: every key optional, as each call prints one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AwsFile {
    pub vpcs: Vec<VpcRec>,
    pub subnets: Vec<SubnetRec>,
    pub route_tables: Vec<RouteTableRec>,
    pub internet_gateways: Vec<IgwRec>,
    pub nat_gateways: Vec<NatRec>,
    pub vpc_peering_connections: Vec<PeeringRec>,
    pub vpc_endpoints: Vec<EndpointRec>,
    pub security_groups: Vec<SgRec>,
    pub network_acls: Vec<AclRec>,
    pub network_interfaces: Vec<EniRec>,
    pub reservations: Vec<ReservationRec>,
    pub prefix_lists: Vec<PrefixListRec>,
    pub managed_prefix_lists: Vec<ManagedPrefixListRec>,
    pub vpn_gateways: Vec<VgwRec>,
    pub vpn_connections: Vec<VpnConnectionRec>,
    pub customer_gateways: Vec<CustomerGatewayRec>,
    /// Top-level keys that are not describe-* output this module reads, in file order.
    pub other_keys: Vec<String>,
    /// Transit gateways and their parts (issue 10, `tgw_records.rs`).
    pub tgw: super::tgw_records::TgwFile,
}

/// Reads an `AwsFile` from a JSON object, noting in `aws` whether any key of `KEYS` was seen
/// (even when a later part of the text then fails to read).
pub struct FileSeed<'s> {
    pub aws: &'s Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = AwsFile;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<AwsFile, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = AwsFile;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of aws ec2 describe-* output")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AwsFile, A::Error> {
        let mut file = AwsFile::default();
        let mut seen: Vec<&'static str> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(k) = KEYS.iter().find(|k| **k == key) {
                self.aws.set(true);
                // A key given twice would lose its first list without a word.
                if seen.contains(k) {
                    return Err(serde::de::Error::duplicate_field(k));
                }
                seen.push(k);
            }
            let f = &mut file;
            match key.as_str() {
                "Vpcs" => f.vpcs = list(&mut map)?,
                "Subnets" => f.subnets = list(&mut map)?,
                "RouteTables" => f.route_tables = list(&mut map)?,
                "InternetGateways" => f.internet_gateways = list(&mut map)?,
                "NatGateways" => f.nat_gateways = list(&mut map)?,
                "VpcPeeringConnections" => f.vpc_peering_connections = list(&mut map)?,
                "VpcEndpoints" => f.vpc_endpoints = list(&mut map)?,
                "SecurityGroups" => f.security_groups = list(&mut map)?,
                "NetworkAcls" => f.network_acls = list(&mut map)?,
                "NetworkInterfaces" => f.network_interfaces = list(&mut map)?,
                "Reservations" => f.reservations = list(&mut map)?,
                "PrefixLists" => f.prefix_lists = list(&mut map)?,
                "ManagedPrefixLists" => f.managed_prefix_lists = list(&mut map)?,
                "VpnGateways" => f.vpn_gateways = list(&mut map)?,
                "TransitGateways" => f.tgw.gateways = list(&mut map)?,
                "TransitGatewayAttachments" => f.tgw.attachments = list(&mut map)?,
                "TransitGatewayVpcAttachments" => f.tgw.vpc_attachments = list(&mut map)?,
                "TransitGatewayRouteTables" => f.tgw.route_tables = list(&mut map)?,
                "TransitGatewayPropagations" => f.tgw.propagations = list(&mut map)?,
                "TransitGatewayStaticRoutes" => f.tgw.routes = list(&mut map)?,
                "TransitGatewayPrefixListReferences" => f.tgw.prefix_list_refs = list(&mut map)?,
                "VpnConnections" => f.vpn_connections = list(&mut map)?,
                "CustomerGateways" => f.customer_gateways = list(&mut map)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    if !f.other_keys.contains(&key) {
                        f.other_keys.push(key);
                    }
                }
            }
        }
        Ok(file)
    }
}

/// A top-level list of records; `null` reads as empty.
fn list<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A) -> Result<Vec<T>, A::Error> {
    Ok(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default())
}
