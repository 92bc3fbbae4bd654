//! The validated, vendor-neutral network: VPCs, subnets, route tables, gateways, peering,
//! endpoints, interfaces, security groups and network ACLs.
//!
//! This module owns the data only. It does no I/O and knows no input format: `load` builds it,
//! `forward` reads it. Resources refer to each other by typed index (`VpcIdx`, `SubnetIdx`, ...),
//! resolved once when the network is built, so forwarding never looks up a string id.

mod addr;
pub mod defaults;
pub mod ids;
mod index;
pub mod lookup;
mod rules;
mod states;
pub mod tgw;
pub mod vpn;

pub use addr::{is_private, is_shared, overlaps};
pub use index::{Dense, IdxMap, Index, PrefixTable, RouteRef};
pub use rules::{
    nacl_rule_text, sg_rule_text, Direction, NaclAction, NaclRule, PortName, PortRange, Protocol,
    SgPeer, SgRule, SgRuleText,
};
pub use states::InstanceState;

pub use tgw::{
    tgw_lookup, TgwAttIdx, TgwAttachment, TgwAttachmentKind, TgwIdx, TgwRoute, TgwRouteTable,
    TgwRouteTarget, TgwRtbIdx, TgwVpnLink, TransitGateway,
};
pub use vpn::{CustomerGateway, VpnConnection, VpnRouting};

use ipnet::Ipv4Net;
use std::collections::HashMap;
use std::net::Ipv4Addr;

macro_rules! idx_type {
    ($($name:ident),*) => {$(
        #[doc = concat!("Index of a resource in `Network` (", stringify!($name), ").")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the network's vector.
            pub fn i(self) -> usize { self.0 as usize }
        }
        impl index::Dense for $name {
            fn i(self) -> usize { self.0 as usize }
        }
    )*};
}
idx_type!(
    VpcIdx, SubnetIdx, RtbIdx, IgwIdx, NatIdx, PcxIdx, VpceIdx, EniIdx, SgIdx, AclIdx, VgwIdx,
    PlIdx
);

/// What tracing reads: the network and its lookup indexes, borrowed together.
#[derive(Clone, Copy, Debug)]
pub struct Estate<'a> {
    pub net: &'a Network,
    pub ix: &'a Index,
}

/// A whole estate: every resource the input described, with references resolved.
#[derive(Clone, Debug, Default)]
pub struct Network {
    /// Scenario title (playground format) or a summary of the files read.
    pub name: String,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub peerings: Vec<Peering>,
    pub endpoints: Vec<Endpoint>,
    pub enis: Vec<Eni>,
    pub instances: Vec<Instance>,
    pub security_groups: Vec<SecurityGroup>,
    pub nacls: Vec<NetworkAcl>,
    pub vpn_gateways: Vec<VpnGateway>,
    pub prefix_lists: Vec<PrefixList>,
    /// S3 buckets with policies, for requests that name them.
    pub buckets: Vec<Bucket>,
    /// AWS services known by name (from `data/aws-services.json` and the input's prefix lists).
    pub services: Vec<AwsService>,
    /// Every resource id to what it is, for error messages and `--from`/`--to` resolution.
    pub ids: HashMap<String, ResourceRef>,
    /// Transit gateways, their attachments and route tables (issue 10).
    pub transit_gateways: Vec<TransitGateway>,
    pub tgw_attachments: Vec<TgwAttachment>,
    pub tgw_route_tables: Vec<TgwRouteTable>,
    /// Site-to-Site VPN connections on the virtual private gateways (R28).
    pub vpn_connections: Vec<VpnConnection>,
    /// Each VPC's attachments, by gateway, so a trace never scans the attachments. (An
    /// `IdxMap`, not a hash map keyed by the pair: one more hash-map type costs the page's
    /// module several KB.)
    pub tgw_vpc_attachment: IdxMap<VpcIdx, Vec<(TgwIdx, TgwAttIdx)>>,
}

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceRef {
    Vpc(VpcIdx),
    Subnet(SubnetIdx),
    RouteTable(RtbIdx),
    InternetGateway(IgwIdx),
    NatGateway(NatIdx),
    Peering(PcxIdx),
    Endpoint(VpceIdx),
    Eni(EniIdx),
    Instance(usize),
    SecurityGroup(SgIdx),
    NetworkAcl(AclIdx),
    VpnGateway(VgwIdx),
    PrefixList(PlIdx),
    TransitGateway(TgwIdx),
    TgwAttachment(TgwAttIdx),
    TgwRouteTable(TgwRtbIdx),
    VpnConnection(usize),
}

/// A VPC with one or more IPv4 CIDR blocks.
#[derive(Clone, Debug)]
pub struct Vpc {
    pub id: String,
    pub name: String,
    pub region: String,
    pub account: String,
    pub cidrs: Vec<Ipv4Net>,
    pub main_route_table: RtbIdx,
    pub default_nacl: AclIdx,
    pub dns_support: bool,
    pub dns_hostnames: bool,
    /// The input knows this VPC only from a peering connection (R27): it has no subnets or
    /// tables here, and a packet that enters it is traced no further.
    pub known_only_from: Option<String>,
}

impl Vpc {
    /// Whether `ip` falls in one of the VPC's CIDR blocks.
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        self.cidrs.iter().any(|c| c.contains(&ip))
    }
}

/// A subnet: one CIDR inside its VPC, in one availability zone.
#[derive(Clone, Debug)]
pub struct Subnet {
    pub id: String,
    pub name: String,
    pub vpc: VpcIdx,
    pub az: String,
    pub cidr: Ipv4Net,
    /// The explicitly associated route table; `None` means the VPC's main table (R1).
    pub route_table: Option<RtbIdx>,
    pub nacl: AclIdx,
}

/// Where a route sends matching packets. AWS's several optional target fields collapse into
/// this one enum at the load edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Local,
    InternetGateway(IgwIdx),
    NatGateway(NatIdx),
    Peering(PcxIdx),
    GatewayEndpoint(VpceIdx),
    VpnGateway(VgwIdx),
    NetworkInterface(EniIdx),
    /// A target the engine does not model (egress-only IGW, carrier gateway, ...): the id as given.
    Unsupported(String),
    /// A target whose resource is not in the input (deleted, or not exported): the id as given.
    Missing(String),
    /// A transit gateway; the VPC's attachment to it carries the packet (issue 10).
    TransitGateway(TgwIdx),
}

/// What a route matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    Cidr(Ipv4Net),
    PrefixList(PlIdx),
}

/// How a route got into the table; decides ties between equal prefixes (R2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RouteOrigin {
    /// `local` and routes you create: the highest priority on a tie.
    Static,
    /// Propagated from a virtual private gateway: the lowest priority on a tie.
    Propagated,
}

impl RouteOrigin {
    /// `static` or `propagated`.
    pub fn as_str(self) -> &'static str {
        match self {
            RouteOrigin::Static => "static",
            RouteOrigin::Propagated => "propagated",
        }
    }
}

/// One route-table entry.
#[derive(Clone, Debug)]
pub struct Route {
    pub destination: Destination,
    pub target: Target,
    pub origin: RouteOrigin,
    /// The state as the input gave it (`blackhole` in AWS output); the engine also derives
    /// blackhole from the target's state (R4).
    pub blackhole: bool,
}

/// A route table: the main one or a custom one, with its routes.
#[derive(Clone, Debug)]
pub struct RouteTable {
    pub id: String,
    pub name: String,
    pub vpc: VpcIdx,
    pub main: bool,
    pub routes: Vec<Route>,
}

/// An internet gateway, attached to at most one VPC.
#[derive(Clone, Debug)]
pub struct InternetGateway {
    pub id: String,
    pub name: String,
    pub vpc: Option<VpcIdx>,
    /// The gateway route table that routes traffic entering through it (an edge association,
    /// R23); without one, entering traffic follows the VPC's `local` route.
    pub edge_table: Option<RtbIdx>,
}

/// Public NAT gateways use an Elastic IP and an internet gateway; private ones do neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NatConnectivity {
    Public,
    Private,
}

/// A NAT gateway in one subnet.
#[derive(Clone, Debug)]
pub struct NatGateway {
    pub id: String,
    pub name: String,
    pub subnet: SubnetIdx,
    pub connectivity: NatConnectivity,
    pub private_ip: Ipv4Addr,
    pub public_ip: Option<Ipv4Addr>,
    /// `available` is usable; anything else (pending, deleted, failed) makes routes blackhole.
    pub available: bool,
    /// The state as AWS gives it (`available` when the input names none).
    pub state: String,
    /// Since when, and why, where AWS says (R27).
    pub state_since: Option<String>,
    pub state_reason: Option<String>,
    pub eni: EniIdx,
}

/// The lifecycle of a peering connection (PB, CPX).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeeringStatus {
    InitiatingRequest,
    PendingAcceptance,
    Provisioning,
    Active,
    Failed,
    Expired,
    Rejected,
    Deleting,
    Deleted,
}

impl PeeringStatus {
    /// AWS's spelling of the state.
    pub fn as_str(self) -> &'static str {
        match self {
            PeeringStatus::InitiatingRequest => "initiating-request",
            PeeringStatus::PendingAcceptance => "pending-acceptance",
            PeeringStatus::Provisioning => "provisioning",
            PeeringStatus::Active => "active",
            PeeringStatus::Failed => "failed",
            PeeringStatus::Expired => "expired",
            PeeringStatus::Rejected => "rejected",
            PeeringStatus::Deleting => "deleting",
            PeeringStatus::Deleted => "deleted",
        }
    }

    /// Parses AWS's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "initiating-request" => PeeringStatus::InitiatingRequest,
            "pending-acceptance" => PeeringStatus::PendingAcceptance,
            "provisioning" => PeeringStatus::Provisioning,
            "active" => PeeringStatus::Active,
            "failed" => PeeringStatus::Failed,
            "expired" => PeeringStatus::Expired,
            "rejected" => PeeringStatus::Rejected,
            "deleting" => PeeringStatus::Deleting,
            "deleted" => PeeringStatus::Deleted,
            _ => return None,
        })
    }
}

/// A VPC peering connection.
#[derive(Clone, Debug)]
pub struct Peering {
    pub id: String,
    pub name: String,
    pub requester: VpcIdx,
    pub accepter: VpcIdx,
    /// The state as given, except that R19 turns an overlapping pair into `Failed`.
    pub status: PeeringStatus,
    /// The state the input asked for, when R19 overrode it (shown, never silently changed).
    pub requested_status: Option<PeeringStatus>,
}

impl Peering {
    /// The VPC on the other side from `vpc`, if `vpc` is one of the two.
    pub fn other_side(&self, vpc: VpcIdx) -> Option<VpcIdx> {
        if vpc == self.requester {
            Some(self.accepter)
        } else if vpc == self.accepter {
            Some(self.requester)
        } else {
            None
        }
    }
}

/// Gateway endpoints are route targets; interface endpoints are network interfaces.
#[derive(Clone, Debug)]
pub enum EndpointKind {
    Gateway {
        route_tables: Vec<RtbIdx>,
    },
    Interface {
        subnets: Vec<SubnetIdx>,
        enis: Vec<EniIdx>,
        security_groups: Vec<SgIdx>,
        private_dns: bool,
    },
}

/// A VPC endpoint for an AWS service.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub id: String,
    pub name: String,
    pub vpc: VpcIdx,
    pub service: String,
    pub kind: EndpointKind,
    /// The endpoint policy document, if one was given (the default allows everything, R22).
    pub policy: Option<serde_json::Value>,
}

/// What a network interface belongs to; decides how the trace treats packets that reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EniOwner {
    /// The index of the instance in `Network::instances`.
    Instance(usize),
    NatGateway(NatIdx),
    InterfaceEndpoint(VpceIdx),
    /// An interface AWS manages for a service (a load balancer, Lambda, RDS, a transit gateway
    /// attachment ...; `RequesterManaged` or a non-plain `InterfaceType`). Traced up to the
    /// interface; what the service does next is not modelled (R27).
    Service(ServiceInterface),
    /// Attached to nothing (`Status: available`): not a host (R27).
    Detached,
    /// A bare interface the scenario gives as a host.
    Other,
}

/// What a service-managed interface is, as AWS describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceInterface {
    /// AWS's `InterfaceType` (`interface` for requester-managed ones such as RDS's).
    pub interface_type: String,
    pub requester_managed: bool,
}

impl ServiceInterface {
    /// The service, in words, from the interface type AWS gives (describe-network-interfaces
    /// `InterfaceType`); the description says more for requester-managed plain interfaces.
    pub fn service(&self) -> &'static str {
        match self.interface_type.as_str() {
            "load_balancer" => "Elastic Load Balancing",
            "network_load_balancer" => "a Network Load Balancer",
            "gateway_load_balancer" => "a Gateway Load Balancer",
            "lambda" => "AWS Lambda",
            "transit_gateway" => "a transit gateway attachment",
            "api_gateway_managed" => "Amazon API Gateway",
            "global_accelerator_managed" => "AWS Global Accelerator",
            "quicksight" => "Amazon QuickSight",
            "iot_rules_managed" => "AWS IoT rules",
            "aws_codestar_connections_managed" => "AWS CodeStar Connections",
            _ => "an AWS service",
        }
    }
}

/// A network interface: the thing that has an address and security groups.
#[derive(Clone, Debug)]
pub struct Eni {
    pub id: String,
    pub name: String,
    pub subnet: SubnetIdx,
    pub vpc: VpcIdx,
    pub private_ip: Ipv4Addr,
    pub secondary_ips: Vec<Ipv4Addr>,
    pub public_ip: Option<Ipv4Addr>,
    pub security_groups: Vec<SgIdx>,
    pub source_dest_check: bool,
    pub owner: EniOwner,
}

impl Eni {
    /// Whether `ip` is one of this interface's private addresses.
    pub fn has_ip(&self, ip: Ipv4Addr) -> bool {
        self.private_ip == ip || self.secondary_ips.contains(&ip)
    }
}

/// An EC2 instance: a name for its interfaces.
#[derive(Clone, Debug)]
pub struct Instance {
    pub id: String,
    pub name: String,
    /// The primary interface first.
    pub enis: Vec<EniIdx>,
    /// The identity policy of the instance's role, if the scenario gives one (R22).
    pub role_policy: Option<serde_json::Value>,
    /// Only a running instance sends or answers (R27).
    pub state: InstanceState,
}

/// An S3 bucket with its bucket policy, for requests that name it (R22).
#[derive(Clone, Debug)]
pub struct Bucket {
    pub name: String,
    pub policy: Option<serde_json::Value>,
}

/// A stateful security group (R9).
#[derive(Clone, Debug)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub vpc: VpcIdx,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// A stateless, numbered network ACL (R7, R8).
#[derive(Clone, Debug)]
pub struct NetworkAcl {
    pub id: String,
    pub name: String,
    pub vpc: VpcIdx,
    pub default: bool,
    /// Sorted by rule number; the implicit final deny (`*`) is not stored.
    pub ingress: Vec<NaclRule>,
    pub egress: Vec<NaclRule>,
}

/// Whether the link behind a virtual private gateway is a VPN or Direct Connect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    Vpn,
    DirectConnect,
}

/// A virtual private gateway with the on-premises networks behind it.
#[derive(Clone, Debug)]
pub struct VpnGateway {
    pub id: String,
    pub name: String,
    pub vpc: Option<VpcIdx>,
    pub kind: EdgeKind,
    /// The corporate network's CIDRs; empty means "whatever the customer routes".
    pub onprem_cidrs: Vec<Ipv4Net>,
    /// The gateway route table for traffic entering through it (an edge association, R23).
    pub edge_table: Option<RtbIdx>,
}

/// A named set of CIDRs (AWS-managed for S3 and DynamoDB, or customer-managed).
#[derive(Clone, Debug)]
pub struct PrefixList {
    pub id: String,
    pub name: String,
    pub cidrs: Vec<Ipv4Net>,
}

/// An AWS service reachable by name (`com.amazonaws.us-east-1.s3`).
#[derive(Clone, Debug)]
pub struct AwsService {
    pub name: String,
    pub region: String,
    /// The public address ranges the service answers on.
    pub cidrs: Vec<Ipv4Net>,
    /// The AWS-managed prefix list for gateway endpoints (S3, DynamoDB).
    pub prefix_list: Option<PlIdx>,
    /// Whether the service offers gateway endpoints.
    pub gateway: bool,
}

impl Network {
    /// The id of any resource reference, for messages and paths.
    pub fn id_of(&self, r: ResourceRef) -> &str {
        match r {
            ResourceRef::Vpc(i) => &self.vpcs[i.i()].id,
            ResourceRef::Subnet(i) => &self.subnets[i.i()].id,
            ResourceRef::RouteTable(i) => &self.route_tables[i.i()].id,
            ResourceRef::InternetGateway(i) => &self.internet_gateways[i.i()].id,
            ResourceRef::NatGateway(i) => &self.nat_gateways[i.i()].id,
            ResourceRef::Peering(i) => &self.peerings[i.i()].id,
            ResourceRef::Endpoint(i) => &self.endpoints[i.i()].id,
            ResourceRef::Eni(i) => &self.enis[i.i()].id,
            ResourceRef::Instance(i) => &self.instances[i].id,
            ResourceRef::SecurityGroup(i) => &self.security_groups[i.i()].id,
            ResourceRef::NetworkAcl(i) => &self.nacls[i.i()].id,
            ResourceRef::VpnGateway(i) => &self.vpn_gateways[i.i()].id,
            ResourceRef::PrefixList(i) => &self.prefix_lists[i.i()].id,
            ResourceRef::TransitGateway(i) => &self.transit_gateways[i.i()].id,
            ResourceRef::TgwAttachment(i) => &self.tgw_attachments[i.i()].id,
            ResourceRef::TgwRouteTable(i) => &self.tgw_route_tables[i.i()].id,
            ResourceRef::VpnConnection(i) => &self.vpn_connections[i].id,
        }
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table (R1).
    pub fn route_table_of(&self, subnet: SubnetIdx) -> RtbIdx {
        let s = &self.subnets[subnet.i()];
        s.route_table
            .unwrap_or(self.vpcs[s.vpc.i()].main_route_table)
    }

    /// R4: whether a route in a table of `vpc` is blackhole: reported so, or its target is
    /// missing, unmodelled, detached from the VPC, unavailable, or a peering that is not active.
    pub fn is_blackhole(&self, vpc: VpcIdx, r: &Route) -> bool {
        r.blackhole
            || match &r.target {
                Target::Missing(_) | Target::Unsupported(_) => true,
                Target::InternetGateway(g) => self.internet_gateways[g.i()].vpc != Some(vpc),
                Target::VpnGateway(g) => self.vpn_gateways[g.i()].vpc != Some(vpc),
                Target::NatGateway(n) => !self.nat_gateways[n.i()].available,
                Target::Peering(p) => self.peerings[p.i()].status != PeeringStatus::Active,
                Target::TransitGateway(t) => self.tgw_attachment_for(*t, vpc).is_none(),
                _ => false,
            }
    }

    /// The id a route target names, as AWS prints it.
    pub fn target_id(&self, t: &Target) -> String {
        match t {
            Target::Local => "local".to_string(),
            Target::InternetGateway(i) => self.internet_gateways[i.i()].id.clone(),
            Target::NatGateway(i) => self.nat_gateways[i.i()].id.clone(),
            Target::Peering(i) => self.peerings[i.i()].id.clone(),
            Target::GatewayEndpoint(i) => self.endpoints[i.i()].id.clone(),
            Target::VpnGateway(i) => self.vpn_gateways[i.i()].id.clone(),
            Target::NetworkInterface(i) => self.enis[i.i()].id.clone(),
            Target::Unsupported(s) | Target::Missing(s) => s.clone(),
            Target::TransitGateway(i) => self.transit_gateways[i.i()].id.clone(),
        }
    }

    /// R4: the available attachment of available gateway `tgw` to `vpc`, if any; without one
    /// a route to the gateway is blackhole.
    pub fn tgw_attachment_for(&self, tgw: TgwIdx, vpc: VpcIdx) -> Option<TgwAttIdx> {
        if !self.transit_gateways[tgw.i()].available() {
            return None;
        }
        let list = self.tgw_vpc_attachment.get(&vpc)?;
        let a = list.iter().find(|(t, _)| *t == tgw)?.1;
        self.tgw_attachments[a.i()].available().then_some(a)
    }

    /// A route destination as text: a CIDR, or a prefix-list id.
    pub fn destination_text(&self, d: &Destination) -> String {
        match d {
            Destination::Cidr(c) => c.to_string(),
            Destination::PrefixList(p) => self.prefix_lists[p.i()].id.clone(),
        }
    }

    /// The service that owns a prefix list, if any.
    pub fn service_of_prefix_list(&self, pl: PlIdx) -> Option<&AwsService> {
        self.services.iter().find(|s| s.prefix_list == Some(pl))
    }

    /// A display label: "name (id)" when the resource has a name, else the id.
    pub fn label(id: &str, name: &str) -> String {
        if name.is_empty() || name == id {
            id.to_string()
        } else {
            format!("{name} ({id})")
        }
    }
}
