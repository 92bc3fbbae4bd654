//! What happened at a hop that let the packet on, as data. [`super::sentence::event`] writes
//! the hop's one-line detail from it, so the walker records facts and never words.

use super::Link;
use crate::model::Direction;
use serde::Serialize;
use std::net::Ipv4Addr;

/// A matching route that lost to the chosen one (R1, R2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loser {
    pub destination: String,
    pub target: String,
    /// The loser's prefix length when it lost by being less specific; `None` on a tie lost by
    /// priority.
    pub shorter: Option<u8>,
    /// Why it lost, as the lookup says (R2, R5).
    pub outcome: crate::model::lookup::Outcome,
}

/// One hop's event, named by what the component did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The packet leaves the source interface `who` (a label) at `ip`.
    Leaves { who: String, ip: Ipv4Addr },
    /// The packet (or the reply) reaches interface `who` at `ip`.
    Reaches {
        who: String,
        ip: Ipv4Addr,
        reply: bool,
    },
    /// R27: the packet reaches interface `who` at `ip`, which AWS manages for `service`; what
    /// the service does with it is not modelled.
    ReachesServiceInterface {
        who: String,
        ip: Ipv4Addr,
        service: String,
    },
    /// R21: an interface endpoint hands the request to its service.
    EndpointHandsOver { endpoint: String, service: String },
    /// R14: a NAT gateway maps the reply back to the original source.
    NatMapsBack { nat: String, to: Ipv4Addr },
    /// R14: a NAT gateway rewrites the source to its own address.
    NatTranslates {
        nat: String,
        from: Ipv4Addr,
        to: Ipv4Addr,
    },
    /// R24: an appliance with the check off forwards the packet.
    ApplianceForwards { who: String },
    /// R9: a reply passes a group that saw the request.
    SgStateful,
    /// R9: a group rule allows the packet.
    SgAllows {
        group: String,
        direction: Direction,
        rule: String,
    },
    /// R7, R8: an ACL rule allows the packet.
    AclAllows {
        acl: String,
        direction: Direction,
        subnet: String,
        rule: String,
    },
    /// R1-R3: the table's chosen route, and the routes that lost.
    Routed {
        table: String,
        dst: Ipv4Addr,
        target: String,
        route: String,
        losers: Vec<Loser>,
    },
    /// R4: the table picks a route whose target then drops the packet.
    RoutePicked {
        table: String,
        route: String,
        target: String,
        dst: Ipv4Addr,
    },
    /// A flow from the internet starts at `src`.
    FromInternet { src: Ipv4Addr },
    /// R11: out through an internet gateway with the public address.
    IgwOut {
        igw: String,
        src: Ipv4Addr,
        public: Ipv4Addr,
    },
    /// The internet carries the packet to another public address of the estate.
    InternetCarries,
    /// The packet reaches an AWS service, through a gateway endpoint or over the internet.
    ReachesService {
        service: String,
        over_internet: bool,
    },
    /// The packet reaches a host on the internet.
    ReachesInternet { dst: Ipv4Addr },
    /// R12: in through an internet gateway, public mapped to private.
    IgwIn {
        igw: String,
        public: Ipv4Addr,
        private: Ipv4Addr,
    },
    /// R17: a peering connection carries the packet to the peer (a label).
    PeeringCarries { pcx: String, peer: String },
    /// A flow from on premises starts at `src`.
    FromOnPremises { src: Ipv4Addr, link: Link },
    /// Out over the VPN or Direct Connect link.
    VgwOut { vgw: String, link: Link },
    /// The packet reaches the corporate network.
    ReachesOnPremises { dst: Ipv4Addr },
    /// In through the virtual private gateway.
    VgwIn { vgw: String, reply: bool },
    /// R20, R22: a gateway endpoint takes the packet to its service.
    GatewayEndpointTakes {
        endpoint: String,
        service: String,
        has_policy: bool,
    },
    /// The reply of a service comes back through the gateway endpoint.
    GatewayEndpointReply { endpoint: String, service: String },
    /// R22: the endpoint policy allows the request (by `statement`).
    EndpointPolicyAllows {
        endpoint: String,
        request: String,
        statement: String,
    },
    /// R22: the bucket policy does not deny the request.
    BucketDoesNotDeny { bucket: String, request: String },
    /// [TVA, TNACL]: into transit gateway `tgw` through `attachment`'s subnet in `az`.
    TgwEnters {
        tgw: String,
        attachment: String,
        subnet: String,
        az: String,
    },
    /// R28 [TDX]: no route the input shows for `dst` in `table`, but `attachment` (a Direct
    /// Connect gateway's) propagates BGP prefixes the input cannot list: the trace sends it there.
    TgwAssumesDx {
        table: String,
        dst: Ipv4Addr,
        attachment: String,
    },
    /// Out of the transit gateway through `attachment` into `into` (a VPC label, a VPN, a
    /// Direct Connect gateway, or another transit gateway); `subnet` for a VPC.
    TgwLeaves {
        attachment: String,
        kind: &'static str,
        into: String,
        subnet: Option<String>,
    },
    /// R28: the gateway sends the packet to the corporate network by `via`; `losers` are the
    /// other paths that knew the destination, best first.
    VgwChooses {
        vgw: String,
        dst: Ipv4Addr,
        via: VgwVia,
        losers: Vec<VgwVia>,
    },
    /// R28: a packet from the corporate network comes in over a VPN connection.
    VpnIn { vgw: String, via: VgwVia },
}

/// What a virtual private gateway's path to the corporate network rests on (R28).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VgwVia {
    /// A Direct Connect prefix of the gateway.
    DirectConnect { cidr: String },
    /// A static route of a VPN connection.
    Static { vpn: String, cidr: String },
    /// A BGP connection: the prefix is assumed to be advertised.
    BgpAssumed { vpn: String },
}

/// Something a trace took for granted because the input cannot show it; kept on the hop as
/// data, and said in the explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Assumption {
    /// R28 [TDX]: a Direct Connect gateway attachment propagates prefixes learned over BGP,
    /// which describe output does not list; the trace assumes one contains `addr`.
    DxAdvertised {
        tgw: String,
        attachment: String,
        gateway: String,
        addr: Ipv4Addr,
    },
    /// R28: prefixes learned over BGP are not in describe output; the trace assumes the
    /// customer gateway of `vpn` advertises one that contains `addr`.
    BgpAdvertised {
        vgw: String,
        vpn: String,
        addr: Ipv4Addr,
    },
}
