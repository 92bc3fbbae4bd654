//! Why a packet stopped, as data: one variant per situation the walker detects, with the ids
//! and addresses that situation names. [`super::sentence`] writes the English from it, and
//! [`super::suggest`] the fix; tests assert it instead of sentences.

use super::Code;
use crate::model::{Direction, InstanceState, Protocol};
use serde::Serialize;
use std::net::Ipv4Addr;

/// How traffic entered the VPC it tries to leave (R16, R18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnteredVia {
    Peering,
    VpnGateway,
}

/// The gateway that refuses traffic which did not start in its VPC (R16, R18, R20).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Through {
    InternetGateway,
    NatGateway,
    GatewayEndpoint,
    VpnGateway,
    TransitGateway,
}

/// A virtual private gateway's link to the corporate network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    Vpn,
    DirectConnect,
}

/// A peer VPC's way out that a peering connection cannot lend (R18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edge {
    VpnOrDirectConnect,
    GatewayEndpoint,
    NatGateway,
    InternetGateway,
}

/// A security-group rule that would match but for its group reference (R10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum GroupReference {
    /// The referenced group is not in this network (another account or Region).
    UnknownGroup { rule: String, group: String },
    /// The packet carries no group identity: it came in from a public address through the
    /// internet gateway (`public_source`), or was rewritten by a NAT gateway or appliance.
    NoIdentity {
        rule: String,
        group: String,
        public_source: Option<Ipv4Addr>,
    },
    /// The member is in a peered VPC of another Region.
    AcrossRegions {
        rule: String,
        group: String,
        from: String,
        to: String,
    },
    /// The member is in a peered VPC whose peering is not active.
    PeeringInactive { rule: String, group: String },
    /// The packet came through a transit gateway, whose VPC attachments reference groups only
    /// with `SecurityGroupReferencingSupport` on (off by default; not modelled) [TOPT].
    AcrossTransitGateway { rule: String, group: String },
}

/// What a VPC lacks when its route table has no route for a destination (R17-R19).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RouteHint {
    /// `target` is peered with `via`, which is peered with `vpc`: peering is not transitive.
    NotTransitive {
        vpc: String,
        via: String,
        target: String,
    },
    /// The peering with `target` failed because the blocks overlap (R19).
    PeeringFailedOverlap {
        dst: Ipv4Addr,
        target: String,
        pcx: String,
    },
    /// The peering with `target` exists but is not active.
    PeeringNotActive {
        dst: Ipv4Addr,
        target: String,
        pcx: String,
        status: String,
    },
    /// `target` owns the address but is not peered with `vpc`.
    NotPeered {
        dst: Ipv4Addr,
        target: String,
        vpc: String,
    },
    /// No way out of `vpc`, and its peer's internet gateway cannot be borrowed (R18).
    PeerGatewayNotShared {
        vpc: String,
        peer: String,
        igw: String,
    },
    /// `vpc` has no internet gateway.
    NoInternetGateway { vpc: String },
}

/// Why a chosen route is blackhole (R4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum BlackholeWhy {
    /// The target does not exist.
    Missing,
    /// The target is a component the playground does not model.
    Unsupported,
    /// The internet or virtual private gateway is not attached to this VPC.
    Detached,
    /// The NAT gateway is not available: `state` as AWS lists it (`deleted`, `failed`,
    /// `pending`; R27).
    NatUnavailable {
        state: String,
        since: Option<String>,
        why: Option<String>,
    },
    /// The peering connection is not active; `accepter` must accept a pending one, and
    /// `overlap` says AWS failed the request because the blocks overlap (R19).
    PeeringInactive {
        status: String,
        accepter: Option<String>,
        overlap: bool,
    },
    /// The route is marked blackhole and its target is unavailable.
    Unavailable,
    /// The transit gateway has no available attachment to this VPC (or is not available).
    TgwNotAttached,
}

/// Why a packet stopped: the typed reason behind an explanation code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// R21: an interface endpoint never starts connections.
    EndpointStartsConnection { endpoint: String },
    /// R2: the request reached an interface with the same address in the wrong VPC.
    WrongInterface {
        delivered: String,
        vpc: String,
        wanted: String,
    },
    /// The reply comes back rewritten (asymmetric path), so the client discards it.
    AsymmetricReply {
        rewriter: String,
        from: Ipv4Addr,
        from_port: u16,
        expected: Ipv4Addr,
        expected_port: u16,
    },
    /// R2: the reply reached an interface other than the flow's source.
    ReplyMisdelivered {
        delivered: String,
        /// When the reply crossed another peering connection than the request: the replying
        /// table that chose it and the connection the request came over (for the fix).
        table: Option<String>,
        came_over: Option<String>,
        dst: Ipv4Addr,
    },
    /// The reply left by another way than the request came in.
    ReplyLost,
    /// The virtual private gateway is not attached to a VPC.
    VgwDetached { vgw: String, entering: bool },
    /// R20: a gateway endpoint cannot be reached from on premises.
    OnPremToGatewayEndpoint {
        dst: Ipv4Addr,
        service: String,
        endpoint: String,
        vgw: String,
        link: Link,
    },
    /// R18: from on premises only the VPC's own addresses are reachable.
    OnPremOutsideVpc { dst: Ipv4Addr, vgw: String },
    /// R12, R13: the VPC has no internet gateway.
    NoInternetGateway { vpc: String },
    /// No VPC owns the public address.
    NoOwner { dst: Ipv4Addr },
    /// No interface in the subnet has the address (R7).
    NoInterfaceInSubnet { subnet: String, dst: Ipv4Addr },
    /// No interface in the VPC has the address.
    NoInterfaceInVpc { vpc: String, dst: Ipv4Addr },
    /// R2: over a peering, the replying side's routes chose the wrong peer.
    ReplyWrongPeer {
        pcx: String,
        vpc: String,
        dst: Ipv4Addr,
        /// The replying side's route table that chose `pcx`.
        table: Option<String>,
        /// The connection the request came over, which the reply should take back.
        came_over: Option<String>,
    },
    /// R15: a NAT gateway does not accept connections from outside.
    NatRefusesInbound { nat: String },
    /// R9, R10: no rule of the interface's groups allows the packet. `untracked_reply`: the
    /// interface never saw the request (asymmetric path), so its groups judge the reply anew.
    SgNoRule {
        groups: Vec<String>,
        interface: String,
        direction: Direction,
        protocol: Protocol,
        port: u16,
        remote: Ipv4Addr,
        no_rules: bool,
        reference: Option<GroupReference>,
        untracked_reply: bool,
    },
    /// R7, R8: the subnet's ACL denies the packet (`rule: None` is the final `*` rule).
    AclDenied {
        acl: String,
        subnet: String,
        direction: Direction,
        rule: Option<u16>,
        rule_text: String,
        protocol: Protocol,
        port: u16,
        remote: Ipv4Addr,
        ephemeral: bool,
    },
    /// The routes form a loop (or the hop limit was reached).
    RoutingLoop { table: String },
    /// R6: 169.254.168.0/22 is never forwarded.
    ReservedLinkLocal { table: String, dst: Ipv4Addr },
    /// R3: no route covers the destination.
    NoRoute {
        table: String,
        subnet: String,
        src: Ipv4Addr,
        dst: Ipv4Addr,
        hint: Option<RouteHint>,
    },
    /// R4: the chosen route is blackhole.
    Blackhole {
        table: String,
        destination: String,
        target: String,
        why: BlackholeWhy,
    },
    /// The route's target is not modelled.
    UnsupportedTarget { table: String },
    /// R22: the endpoint policy denies (`statement`) or does not allow the request.
    EndpointPolicyDenied {
        endpoint: String,
        request: String,
        statement: Option<String>,
        notes: Vec<String>,
    },
    /// R22: the bucket policy denies the request explicitly.
    BucketPolicyDenied {
        bucket: String,
        request: String,
        statement: String,
        via_endpoint: Option<String>,
        notes: Vec<String>,
    },
    /// R22: the role policy denies (`statement`), or neither it nor the bucket allows.
    RolePolicyDenied {
        instance: String,
        request: String,
        statement: Option<String>,
        notes: Vec<String>,
    },
    /// R11: an internet gateway does not forward to private or shared address space.
    IgwPrivateDestination {
        igw: String,
        dst: Ipv4Addr,
        shared: bool,
    },
    /// R16, R18, R20: traffic that entered over peering or VPN cannot leave by `gateway`.
    EdgeToEdge {
        gateway: String,
        through: Through,
        entered_via: EnteredVia,
        link: Option<Link>,
    },
    /// R14: a private NAT gateway's traffic reached an internet gateway.
    PrivateNatToIgw { nat: String, igw: String },
    /// R11, R13: the sender has no public IP. `route` is the table's route that chose `igw`.
    IgwNoPublicIp {
        igw: String,
        sender: String,
        table: String,
        route: String,
        dst: Ipv4Addr,
    },
    /// R12: no interface has the public address.
    IgwNoInterface { igw: String, dst: Ipv4Addr },
    /// R15: NAT gateways carry TCP, UDP and ICMP only.
    NatProtocol { protocol: Protocol },
    /// The peering connection does not connect this VPC.
    PeeringNotConnected { pcx: String },
    /// R17: `peer` is peered with `target`, but peering is not transitive. `tgw`: a transit
    /// gateway both the sending VPC and `target` are attached to, the transitive way (issue 10).
    PeeringNotTransitive {
        pcx: String,
        peer: String,
        target: String,
        dst: Ipv4Addr,
        #[serde(skip_serializing_if = "Option::is_none")]
        tgw: Option<String>,
    },
    /// R18: the destination is behind the peer's `edge`, which a peer cannot use.
    PeeringNoEdgeToEdge {
        pcx: String,
        peer: String,
        dst: Ipv4Addr,
        edge: Edge,
    },
    /// R17: a peering connection carries only packets addressed inside the peer VPC.
    PeeringOutsidePeer {
        pcx: String,
        peer: String,
        dst: Ipv4Addr,
    },
    /// R20: gateway endpoints carry TCP and ICMP only.
    GatewayEndpointProtocol {
        endpoint: String,
        protocol: Protocol,
    },
    /// The corporate network behind the gateway does not contain the destination.
    OnPremOutsideRange {
        vgw: String,
        networks: Vec<String>,
        dst: Ipv4Addr,
    },
    /// R24: source/destination check drops packets not addressed to the interface.
    SourceDestCheck { interface: String },
    /// R27: a stopped (or starting, stopping) instance neither sends nor answers.
    InstanceNotRunning {
        instance: String,
        state: InstanceState,
        sending: bool,
    },
    /// R27: an interface attached to nothing is not a host.
    DetachedInterface { interface: String, sending: bool },
    /// R27: the packet crossed `pcx` into VPC `vpc` of `account`, which the input knows only
    /// from the connection; what happens inside it cannot be seen.
    BeyondTheFiles {
        pcx: String,
        vpc: String,
        account: Option<String>,
        dst: Ipv4Addr,
    },
    /// [TVA]: the packet's Availability Zone has no subnet of the VPC's attachment.
    TgwAzRestriction {
        tgw: String,
        attachment: String,
        vpc: String,
        az: String,
        /// The subnet the packet left, which the fix adds to the attachment.
        subnet: String,
        /// The zones the attachment does have.
        azs: Vec<String>,
    },
    /// [TRT]: the attachment the packet came in by has no route table.
    TgwNoAssociation {
        tgw: String,
        attachment: String,
        /// The gateway's default association table, or its first, for the fix.
        table: Option<String>,
    },
    /// [TRT]: no route of the attachment's table covers the destination. `owner` is an
    /// attachment of the gateway behind which the destination is, for the fix.
    TgwNoRoute {
        table: String,
        tgw: String,
        attachment: String,
        dst: Ipv4Addr,
        owner: Option<String>,
    },
    /// [TSR]: the chosen route is blackhole, or leads to an attachment that is not available.
    TgwBlackhole {
        table: String,
        destination: String,
        attachment: Option<String>,
        state: Option<String>,
    },
    /// [TPEER]: the other side of a peering attachment is not in the input.
    TgwPeerNotInInput {
        attachment: String,
        peer_tgw: String,
    },
    /// R20: a gateway endpoint serves only its own VPC, not traffic from a transit gateway.
    TgwGatewayEndpoint { endpoint: String, service: String },
    /// R28: no known route, but a VPN attachment propagates BGP routes the input cannot list.
    TgwRoutesUnknown {
        table: String,
        vpn: String,
        dst: Ipv4Addr,
    },
    /// R28: no prefix the virtual private gateway knows (its VPN connections' static routes, BGP,
    /// Direct Connect) contains the destination.
    VgwNoRoute {
        vgw: String,
        dst: Ipv4Addr,
        /// The gateway's VPN connections and what each knows.
        connections: Vec<VpnKnows>,
    },
    /// R27 on a transit gateway: the route chose a VPN attachment whose connection cannot carry
    /// traffic (not available, or every tunnel DOWN) [VPNTGW].
    TgwVpnUnusable {
        tgw: String,
        attachment: String,
        /// The connection's id, when the input names it.
        vpn: Option<String>,
        /// The corporate address the packet goes to.
        addr: Ipv4Addr,
        why: VpnDown,
    },
    /// R27, R28: only VPN connections that cannot carry traffic know the destination.
    VpnUnusable {
        vgw: String,
        vpn: String,
        /// The corporate address the packet goes to, or comes from when it enters.
        addr: Ipv4Addr,
        /// The static route that matched; `None` for a BGP connection.
        route: Option<String>,
        why: VpnDown,
    },
}

/// One VPN connection of a gateway, and the corporate prefixes it gives the gateway (R28).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VpnKnows {
    pub vpn: String,
    pub state: String,
    /// Its static routes (a static connection's only prefixes).
    pub routes: Vec<String>,
    /// Every tunnel is DOWN.
    pub tunnels_down: bool,
}

/// Why a VPN connection carries nothing (R27, R28).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum VpnDown {
    /// The connection is not `available` (pending, deleting, deleted).
    State { state: String },
    /// Every tunnel is DOWN (`VgwTelemetry[].Status`).
    TunnelsDown { tunnels: usize },
}

impl GroupReference {
    /// The code a near-miss group reference gives the drop.
    pub fn code(&self) -> Code {
        match self {
            GroupReference::NoIdentity { .. } => Code::SgReferencesNotPreserved,
            GroupReference::AcrossTransitGateway { .. } => Code::SgReferencingSupport,
            _ => Code::UnknownPeeredSgs,
        }
    }
}

impl Reason {
    /// The Reachability Analyzer code for this reason.
    pub fn code(&self) -> Code {
        use Reason as R;
        match self {
            R::EndpointStartsConnection { .. } => Code::VpceIntraVpcTraffic,
            R::WrongInterface { .. }
            | R::ReplyMisdelivered { .. }
            | R::NoInternetGateway { .. }
            | R::NoOwner { .. }
            | R::NoInterfaceInSubnet { .. }
            | R::NoInterfaceInVpc { .. }
            | R::ReplyWrongPeer { .. }
            | R::NatRefusesInbound { .. }
            | R::OnPremOutsideRange { .. } => Code::NoPossibleDestination,
            R::AsymmetricReply { .. }
            | R::ReplyLost
            | R::RoutingLoop { .. }
            | R::PeeringNotConnected { .. } => Code::NoPath,
            R::VgwDetached { .. } | R::Blackhole { .. } => Code::BadStateRoute,
            R::OnPremToGatewayEndpoint { .. }
            | R::OnPremOutsideVpc { .. }
            | R::ReservedLinkLocal { .. }
            | R::NoRoute { .. } => Code::NoRouteToDestination,
            R::SgNoRule { no_rules: true, .. } => Code::SgHasNoRules,
            R::SgNoRule { reference, .. } => reference
                .as_ref()
                .map_or(Code::EniSgRulesMismatch, GroupReference::code),
            R::AclDenied { .. } => Code::SubnetAclRestriction,
            R::UnsupportedTarget { .. } => Code::UnsupportedComponent,
            R::EndpointPolicyDenied { .. } => Code::VpcePolicyDenied,
            R::BucketPolicyDenied { .. } => Code::ResourcePolicyDenied,
            R::RolePolicyDenied { .. } => Code::IdentityPolicyDenied,
            R::IgwPrivateDestination { shared: true, .. } => {
                Code::IgwDestinationAddressNotInRfc6598Egress
            }
            R::IgwPrivateDestination { .. } => Code::IgwDestinationAddressNotInRfc1918Egress,
            R::EdgeToEdge {
                through: Through::NatGateway,
                ..
            } => Code::NgwRequiresSourceInVpc,
            R::EdgeToEdge { .. } => Code::PcxRequiresAddressInVpcCidr,
            R::PrivateNatToIgw { .. } | R::IgwNoPublicIp { .. } => {
                Code::IgwPublicIpAssociationForEgress
            }
            R::IgwNoInterface { .. } => Code::IgwPrivateIpAssociationForIngress,
            R::NatProtocol { .. } => Code::ProtocolRestriction,
            R::PeeringNotTransitive { .. }
            | R::PeeringNoEdgeToEdge { .. }
            | R::PeeringOutsidePeer { .. } => Code::PcxRequiresAddressInVpcCidr,
            R::GatewayEndpointProtocol { .. } => Code::VpceGatewayProtocolRestriction,
            R::SourceDestCheck { .. } => Code::EniSourceDestCheckRestriction,
            R::InstanceNotRunning { .. } | R::DetachedInterface { .. } => Code::BadState,
            R::BeyondTheFiles { .. } => Code::UnknownDestination,
            R::TgwAzRestriction { .. } => Code::TgwRouteAzRestriction,
            R::TgwNoAssociation { .. } => Code::TgwAttachMissingTgwRtbAssociation,
            R::TgwNoRoute { .. } => Code::TgwRtbNoRouteToTgwAttachment,
            R::TgwBlackhole { .. } => Code::TgwRtbBadStateRoute,
            R::TgwPeerNotInInput { .. } => Code::NoPossibleDestination,
            R::TgwGatewayEndpoint { .. } => Code::NoPath,
            R::TgwRoutesUnknown { .. } => Code::TgwRtbRoutesAreUnknown,
            R::VgwNoRoute { .. } => Code::NoRouteToDestination,
            R::VpnUnusable { .. } | R::TgwVpnUnusable { .. } => Code::BadStateVpn,
        }
    }
}
