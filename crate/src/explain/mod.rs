//! Explanation codes, typed reasons, the sentences written from them, and suggested fixes.
//!
//! Codes are Reachability Analyzer's names where one fits [RAC]. A drop's reason is data
//! ([`Reason`]); [`sentence`] is the one place its English is written. A fix is data (what to
//! change, so the page can apply it) plus a one-line summary and the equivalent `aws ec2`
//! command, so an engineer can apply it to a real account.

pub mod event;
mod fix;
pub mod reason;
pub mod sentence;
pub mod suggest;

pub use crate::model::Direction;
pub use event::{Assumption, Event, Loser, VgwVia};
pub use fix::Fix;
pub use reason::{
    BlackholeWhy, Edge, EnteredVia, GroupReference, Link, Reason, RouteHint, Through, VpnDown,
    VpnKnows,
};

use serde::Serialize;

/// Why a packet stopped. Serialized as Reachability Analyzer's code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// A target the engine does not model (egress-only internet gateway, ...).
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
    /// R27: the component is in a state that passes nothing (a stopped instance, a detached
    /// interface).
    BadState,
    /// R27: the destination lies where the input does not reach (a VPC of another account
    /// known only from a peering connection).
    UnknownDestination,
    /// The source's Availability Zone has no subnet of the VPC's transit gateway attachment.
    TgwRouteAzRestriction,
    /// The attachment the packet came in by has no transit gateway route table.
    TgwAttachMissingTgwRtbAssociation,
    /// The attachment's transit gateway route table has no route for the destination.
    TgwRtbNoRouteToTgwAttachment,
    /// The chosen transit gateway route is blackhole, or its attachment is not available.
    TgwRtbBadStateRoute,
    /// The table learns routes the input does not list (over BGP from a VPN, R28).
    TgwRtbRoutesAreUnknown,
    /// R27, R28: the VPN connection is not available, or all its tunnels are down.
    BadStateVpn,
    /// R10: security-group referencing is off on the transit gateway VPC attachment.
    SgReferencingSupport,
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
            Code::BadState => "BAD_STATE",
            Code::UnknownDestination => "UNKNOWN_DESTINATION",
            Code::TgwRouteAzRestriction => "TGW_ROUTE_AZ_RESTRICTION",
            Code::TgwAttachMissingTgwRtbAssociation => "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",
            Code::TgwRtbNoRouteToTgwAttachment => "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT",
            Code::TgwRtbBadStateRoute => "TGW_RTB_BAD_STATE_ROUTE",
            Code::TgwRtbRoutesAreUnknown => "TGW_RTB_ROUTES_ARE_UNKNOWN",
            Code::BadStateVpn => "BAD_STATE_VPN",
            Code::SgReferencingSupport => "SG_REFERENCING_SUPPORT",
        }
    }
}

/// As JSON a code is Reachability Analyzer's spelling, from [`Code::as_str`].
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
            serde_json::to_value(Code::IgwDestinationAddressNotInRfc1918Egress).unwrap(),
            "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
        );
        assert_eq!(
            Code::PcxRequiresAddressInVpcCidr.as_str(),
            "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
        );
    }
}
