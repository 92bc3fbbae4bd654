//! Transit gateways in the page's summary: the hub, its attachments with their state, and its
//! route tables with associations, propagations and routes (issue 10, the page's part).

use crate::model::*;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TgwS {
    pub id: String,
    pub name: String,
    pub region: String,
    pub state: String,
    pub attachments: Vec<TgwAttS>,
    pub route_tables: Vec<TgwRtbS>,
}

#[derive(Debug, Serialize)]
pub struct TgwAttS {
    pub id: String,
    pub name: String,
    /// `vpc`, `vpn` or `peering`.
    pub kind: &'static str,
    /// The attached VPC (VPC attachments only).
    pub vpc: Option<String>,
    /// The attachment's subnets, one per Availability Zone (VPC attachments only).
    pub subnets: Vec<String>,
    /// The other transit gateway (peering attachments only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_tgw: Option<String>,
    pub state: String,
    /// The associated route table: it routes what comes in by this attachment.
    pub route_table: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TgwRouteS {
    /// A CIDR, or the `pl-` id of a prefix-list reference (listed once, as it was written,
    /// with `entries` the CIDRs it routes [TPL]).
    pub destination: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<String>,
    /// An attachment id, or `blackhole`.
    pub target: String,
    pub origin: RouteOrigin,
    /// `active` or `blackhole` (a blackhole route, or one to an attachment that is not available).
    pub state: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TgwRtbS {
    pub id: String,
    pub name: String,
    /// Attachments associated with the table.
    pub associations: Vec<String>,
    pub propagations: Vec<String>,
    pub routes: Vec<TgwRouteS>,
}

/// Every transit gateway of the estate, with what hangs off it.
pub fn transit_gateways(net: &Network) -> Vec<TgwS> {
    (0..net.transit_gateways.len())
        .map(|i| tgw(net, TgwIdx(i as u32)))
        .collect()
}

fn tgw(net: &Network, t: TgwIdx) -> TgwS {
    let g = &net.transit_gateways[t.i()];
    TgwS {
        id: g.id.clone(),
        name: g.name.clone(),
        region: g.region.clone(),
        state: g.state.clone(),
        attachments: net
            .tgw_attachments
            .iter()
            .filter(|a| a.tgw == t)
            .map(|a| attachment(net, a))
            .collect(),
        route_tables: net
            .tgw_route_tables
            .iter()
            .enumerate()
            .filter(|(_, r)| r.tgw == t)
            .map(|(i, r)| route_table(net, TgwRtbIdx(i as u32), r))
            .collect(),
    }
}

fn rtb_id(net: &Network, r: TgwRtbIdx) -> String {
    net.tgw_route_tables[r.i()].id.clone()
}

fn attachment(net: &Network, a: &TgwAttachment) -> TgwAttS {
    let (vpc, subnets, peer_tgw) = match &a.kind {
        TgwAttachmentKind::Vpc { vpc, subnets, .. } => (
            Some(net.vpcs[vpc.i()].id.clone()),
            subnets
                .iter()
                .map(|s| net.subnets[s.i()].id.clone())
                .collect(),
            None,
        ),
        TgwAttachmentKind::Vpn { .. } => (None, vec![], None),
        // The Direct Connect gateway is shown where a peer gateway is: what the link leads to.
        TgwAttachmentKind::DirectConnect { gateway, .. } => (None, vec![], Some(gateway.clone())),
        TgwAttachmentKind::Peering { peer_tgw, .. } => (None, vec![], Some(peer_tgw.clone())),
    };
    TgwAttS {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: a.kind_str(),
        vpc,
        subnets,
        peer_tgw,
        state: a.state.clone(),
        route_table: a.route_table.map(|r| rtb_id(net, r)),
    }
}

fn route_table(net: &Network, idx: TgwRtbIdx, r: &TgwRouteTable) -> TgwRtbS {
    let att = |a: TgwAttIdx| net.tgw_attachments[a.i()].id.clone();
    TgwRtbS {
        id: r.id.clone(),
        name: r.name.clone(),
        associations: net
            .tgw_attachments
            .iter()
            .filter(|a| a.route_table == Some(idx))
            .map(|a| a.id.clone())
            .collect(),
        propagations: r.propagations.iter().map(|a| att(*a)).collect(),
        routes: routes(net, r),
    }
}

/// The table's routes as the panel lists them: a prefix-list reference once, by its list.
fn routes(net: &Network, r: &TgwRouteTable) -> Vec<TgwRouteS> {
    let att = |a: TgwAttIdx| net.tgw_attachments[a.i()].id.clone();
    let mut out: Vec<TgwRouteS> = Vec::new();
    for x in &r.routes {
        if let Some(p) = x.prefix_list {
            let id = &net.prefix_lists[p.i()].id;
            if let Some(s) = out.iter_mut().find(|s| &s.destination == id) {
                s.entries.push(x.destination.to_string());
                continue;
            }
        }
        out.push(route_s(net, x, &att));
    }
    out
}

fn route_s(net: &Network, x: &TgwRoute, att: &dyn Fn(TgwAttIdx) -> String) -> TgwRouteS {
    let (target, live) = match x.target {
        TgwRouteTarget::Attachment(a) => (att(a), net.tgw_attachments[a.i()].available()),
        TgwRouteTarget::Blackhole => ("blackhole".to_string(), false),
    };
    let list = x.prefix_list.map(|p| net.prefix_lists[p.i()].id.clone());
    TgwRouteS {
        entries: list.iter().map(|_| x.destination.to_string()).collect(),
        destination: list.unwrap_or_else(|| x.destination.to_string()),
        target,
        origin: x.origin,
        state: if live { "active" } else { "blackhole" },
    }
}
