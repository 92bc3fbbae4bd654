//! Fixes for transit-gateway drops, and the VPC route to a gateway that would carry a packet
//! (issue 10).

use super::super::Reason;
use crate::format::edit::Edit;
use crate::model::ids::ResourceKind;
use crate::model::*;
use std::net::Ipv4Addr;

/// The edit that lets the packet through a transit gateway, if one does.
pub(super) fn suggest(reason: &Reason) -> Option<(Edit, Option<ResourceKind>)> {
    let edit = match reason {
        // [TVA]: enable the zone by adding a subnet of it (the sender's) to the attachment.
        Reason::TgwAzRestriction {
            attachment, subnet, ..
        } => Edit::AddTgwAttachmentSubnet {
            attachment: attachment.clone(),
            subnet: subnet.clone(),
        },
        Reason::TgwNoAssociation {
            attachment,
            table: Some(t),
            ..
        } => Edit::AssociateTgwRouteTable {
            attachment: attachment.clone(),
            route_table: t.clone(),
        },
        // [TRT]: propagate the attachment the destination is behind.
        Reason::TgwNoRoute {
            table,
            owner: Some(o),
            ..
        } => Edit::SetTgwPropagation {
            route_table: table.clone(),
            attachment: o.clone(),
            enabled: true,
        },
        // [TSR]: a blackhole route drops on purpose; deleting it lets a less specific route
        // (if any) carry the packet.
        Reason::TgwBlackhole {
            table,
            destination,
            attachment: None,
            ..
        } => Edit::DeleteTgwRoute {
            route_table: table.clone(),
            destination: destination.clone(),
        },
        _ => return None,
    };
    Some((edit, None))
}

/// A transit gateway the VPC is attached to that also attaches the VPC (or VPN) holding
/// `dst`: the block to route to it, and the gateway.
pub(super) fn route_to_tgw(
    es: Estate,
    vpc: VpcIdx,
    dst: Ipv4Addr,
) -> Option<(String, String, ResourceKind)> {
    let net = es.net;
    for (t, gw) in net.transit_gateways.iter().enumerate() {
        let t = TgwIdx(t as u32);
        if net.tgw_attachment_for(t, vpc).is_none() {
            continue;
        }
        let block = net
            .tgw_attachments
            .iter()
            .filter(|a| a.tgw == t && a.vpc() != Some(vpc))
            .find_map(|a| match &a.kind {
                TgwAttachmentKind::Vpc { vpc: v, .. } => net.vpcs[v.i()]
                    .cidrs
                    .iter()
                    .find(|c| c.contains(&dst))
                    .copied(),
                TgwAttachmentKind::Vpn { cidrs, .. }
                | TgwAttachmentKind::DirectConnect { cidrs, .. } => {
                    cidrs.iter().find(|c| c.contains(&dst)).copied()
                }
                TgwAttachmentKind::Peering { .. } => None,
            });
        if let Some(c) = block {
            return Some((c.to_string(), gw.id.clone(), ResourceKind::TransitGateway));
        }
    }
    None
}
