//! Transit gateways: the gateways, their route tables and attachments (VPC with one subnet per
//! AZ, VPN, peering), static routes, and the routes propagations add (issue 10; facts in
//! `docs/aws-notes.md`, "Transit gateways").

use super::{Builder, DEFAULT_ACCOUNT, DEFAULT_REGION};
use crate::load::scenario::*;
use crate::model::ids::ResourceKind;
use crate::model::*;
use ipnet::Ipv4Net;

impl Builder<'_> {
    /// Gateways, tables and attachments; routes come after, when every attachment exists.
    pub(super) fn transit_gateways(&mut self, doc: &ScenarioDoc) {
        let region = doc.region.clone().unwrap_or_else(|| DEFAULT_REGION.into());
        let account = doc
            .account
            .clone()
            .unwrap_or_else(|| DEFAULT_ACCOUNT.into());
        for g in &doc.transit_gateways {
            let idx = TgwIdx(self.net.transit_gateways.len() as u32);
            if !self.register(&g.id, ResourceRef::TransitGateway(idx)) {
                continue;
            }
            self.net.transit_gateways.push(TransitGateway {
                id: g.id.clone(),
                name: g.name.clone(),
                region: g.region.clone().unwrap_or_else(|| region.clone()),
                account: g.account.clone().unwrap_or_else(|| account.clone()),
                state: g.state.clone().unwrap_or_else(|| "available".into()),
                default_association: None,
                default_propagation: None,
            });
            for t in &g.route_tables {
                let ti = TgwRtbIdx(self.net.tgw_route_tables.len() as u32);
                if self.register(&t.id, ResourceRef::TgwRouteTable(ti)) {
                    self.net.tgw_route_tables.push(TgwRouteTable {
                        id: t.id.clone(),
                        name: t.name.clone(),
                        tgw: idx,
                        propagations: Vec::new(),
                        routes: Vec::new(),
                        by_prefix: PrefixTable::default(),
                    });
                }
            }
            let defaults = [
                (
                    &g.default_association_route_table,
                    "default_association_route_table",
                ),
                (
                    &g.default_propagation_route_table,
                    "default_propagation_route_table",
                ),
            ];
            let [a, p] = defaults.map(|(t, f)| {
                t.as_deref()
                    .and_then(|t| self.tgw_table_ref(&g.id, f, t, idx))
            });
            let gw = &mut self.net.transit_gateways[idx.i()];
            (gw.default_association, gw.default_propagation) = (a, p);
            for (j, a) in g.attachments.iter().enumerate() {
                self.tgw_attachment(idx, j, a);
            }
        }
        self.tgw_peers();
    }

    /// A route table of gateway `tgw`, by id.
    fn tgw_table_ref(
        &mut self,
        owner: &str,
        field: &str,
        id: &str,
        tgw: TgwIdx,
    ) -> Option<TgwRtbIdx> {
        match self.net.ids.get(id) {
            Some(ResourceRef::TgwRouteTable(t)) if self.net.tgw_route_tables[t.i()].tgw == tgw => {
                Some(*t)
            }
            _ => {
                let gw = &self.net.transit_gateways[tgw.i()].id;
                let why = format!("\"{id}\" is not a route table of transit gateway {gw}");
                self.d.error(owner, field, why);
                None
            }
        }
    }

    /// A VPN attachment: the networks behind it, and its connection's state and tunnels (R27).
    fn tgw_vpn_kind(
        &mut self,
        a: &TgwAttachmentDoc,
        field: &dyn Fn(&str) -> String,
    ) -> TgwAttachmentKind {
        let mut cidrs = Vec::new();
        for (k, c) in a.cidrs.iter().enumerate() {
            cidrs.extend(self.cidr(&a.id, &field(&format!("cidrs[{k}]")), c));
        }
        let mut tunnels = Vec::new();
        for (k, t) in a.tunnels.iter().enumerate() {
            match t.to_ascii_lowercase().as_str() {
                "up" => tunnels.push(true),
                "down" => tunnels.push(false),
                _ => {
                    let why = format!("\"{t}\" is not a tunnel status; use up or down");
                    self.d.error(&a.id, &field(&format!("tunnels[{k}]")), why);
                }
            }
        }
        let link = TgwVpnLink {
            vpn: a.vpn.clone(),
            state: a.vpn_state.clone().unwrap_or_else(|| "available".into()),
            tunnels,
        };
        TgwAttachmentKind::Vpn { cidrs, link }
    }

    fn tgw_attachment(&mut self, tgw: TgwIdx, j: usize, a: &TgwAttachmentDoc) {
        let field = |f: &str| format!("attachments[{j}].{f}");
        let kind = match a.kind.as_deref().unwrap_or("vpc") {
            "vpc" => self.tgw_vpc_kind(a, &field),
            "vpn" => Some(self.tgw_vpn_kind(a, &field)),
            "direct-connect-gateway" => {
                let mut cidrs = Vec::new();
                for (k, c) in a.cidrs.iter().enumerate() {
                    cidrs.extend(self.cidr(&a.id, &field(&format!("cidrs[{k}]")), c));
                }
                let gateway = a.dx_gateway.clone().unwrap_or_default();
                Some(TgwAttachmentKind::DirectConnect { gateway, cidrs })
            }
            "peering" => match &a.peer {
                Some(p) => Some(TgwAttachmentKind::Peering {
                    peer_tgw: p.clone(),
                    peer: None,
                }),
                None => {
                    let why = "a peering attachment names the other transit gateway in `peer`";
                    self.d.error(&a.id, &field("peer"), why);
                    None
                }
            },
            other => {
                let why = format!(
                    "\"{other}\" is not an attachment type; use vpc, vpn, direct-connect-gateway or peering"
                );
                self.d.error(&a.id, &field("type"), why);
                None
            }
        };
        let Some(kind) = kind else { return };
        let route_table = match &a.route_table {
            Some(t) => self.tgw_table_ref(&a.id, &field("route_table"), t, tgw),
            None => None,
        };
        let ai = TgwAttIdx(self.net.tgw_attachments.len() as u32);
        // AWS gives both sides of a peering attachment the same id: the second side is one
        // more record of the same attachment, not a clash.
        let second_side = matches!(kind, TgwAttachmentKind::Peering { .. })
            && matches!(self.net.ids.get(&a.id), Some(ResourceRef::TgwAttachment(o))
                if self.net.tgw_attachments[o.i()].kind_str() == "peering");
        if !second_side && !self.register(&a.id, ResourceRef::TgwAttachment(ai)) {
            return;
        }
        let att = TgwAttachment {
            id: a.id.clone(),
            name: a.name.clone(),
            tgw,
            kind,
            state: a.state.clone().unwrap_or_else(|| "available".into()),
            route_table,
        };
        if let Some(vpc) = att.vpc() {
            self.index_vpc_attachment(tgw, vpc, ai, &att, &field("vpc"));
        }
        self.net.tgw_attachments.push(att);
    }

    /// One attachment per VPC and gateway (AWS refuses a second, DuplicateTransitGatewayAttachment);
    /// a deleted one listed beside it (R27) gives way to the available one.
    fn index_vpc_attachment(
        &mut self,
        tgw: TgwIdx,
        vpc: VpcIdx,
        ai: TgwAttIdx,
        att: &TgwAttachment,
        f: &str,
    ) {
        let list = self.net.tgw_vpc_attachment.get_or_default(vpc);
        let at = list.iter().position(|(t, _)| *t == tgw);
        match at.map(|k| list[k].1) {
            Some(o) if self.net.tgw_attachments[o.i()].available() => {
                if att.available() {
                    let why = format!(
                        "{} already attaches this VPC to the gateway; a VPC has one attachment per transit gateway",
                        self.net.tgw_attachments[o.i()].id
                    );
                    self.d.error(&att.id, f, why);
                }
            }
            _ => {
                let list = self.net.tgw_vpc_attachment.get_or_default(vpc);
                match at {
                    Some(k) => list[k].1 = ai,
                    None => list.push((tgw, ai)),
                }
            }
        }
    }

    /// A VPC attachment: the VPC and at most one of its subnets per Availability Zone [TVA].
    fn tgw_vpc_kind(
        &mut self,
        a: &TgwAttachmentDoc,
        field: &dyn Fn(&str) -> String,
    ) -> Option<TgwAttachmentKind> {
        let Some(v) = &a.vpc else {
            self.d
                .error(&a.id, &field("vpc"), "a VPC attachment names its VPC");
            return None;
        };
        let vpc = self.vpc_ref(&a.id, &field("vpc"), v)?;
        let mut subnets: Vec<SubnetIdx> = Vec::new();
        for (k, s) in a.subnets.iter().enumerate() {
            let f = field(&format!("subnets[{k}]"));
            let Some(si) = self.subnet_ref(&a.id, &f, s) else {
                continue;
            };
            let sub = &self.net.subnets[si.i()];
            if sub.vpc != vpc {
                self.d.error(&a.id, &f, format!("subnet {s} is not in {v}"));
            } else if let Some(o) = subnets
                .iter()
                .find(|o| self.net.subnets[o.i()].az == sub.az)
            {
                let why = format!(
                    "{s} and {} are both in {}; an attachment has one subnet per Availability Zone",
                    self.net.subnets[o.i()].id,
                    sub.az
                );
                self.d.error(&a.id, &f, why);
            } else {
                subnets.push(si);
            }
        }
        if subnets.is_empty() {
            let why = "a VPC attachment needs at least one subnet (one per Availability Zone)";
            self.d.error(&a.id, &field("subnets"), why);
            return None;
        }
        Some(TgwAttachmentKind::Vpc {
            vpc,
            subnets,
            appliance_mode: a.appliance_mode,
        })
    }

    /// Links each side of a peering attachment to the other side's record [TPEER].
    fn tgw_peers(&mut self) {
        let n = self.net.tgw_attachments.len();
        for i in 0..n {
            let a = &self.net.tgw_attachments[i];
            let TgwAttachmentKind::Peering { peer_tgw, .. } = &a.kind else {
                continue;
            };
            let found =
                self.net.tgw_attachments.iter().position(|o| {
                    o.id == a.id && self.net.transit_gateways[o.tgw.i()].id == *peer_tgw
                });
            if let TgwAttachmentKind::Peering { peer, .. } = &mut self.net.tgw_attachments[i].kind {
                *peer = found.map(|f| TgwAttIdx(f as u32));
            }
        }
    }

    /// Static routes, then the routes each propagation adds.
    pub(super) fn tgw_routes(&mut self, doc: &ScenarioDoc) {
        for g in &doc.transit_gateways {
            let Some(ResourceRef::TransitGateway(tgw)) = self.net.ids.get(&g.id).copied() else {
                continue;
            };
            for t in &g.route_tables {
                let Some(ResourceRef::TgwRouteTable(ti)) = self.net.ids.get(&t.id).copied() else {
                    continue;
                };
                for (j, r) in t.routes.iter().enumerate() {
                    let routes = self.tgw_static_route(&t.id, j, r, tgw);
                    self.net.tgw_route_tables[ti.i()].routes.extend(routes);
                }
                for (j, p) in t.propagations.iter().enumerate() {
                    let field = format!("propagations[{j}]");
                    if let Some(a) = self.tgw_attachment_ref(&t.id, &field, p, tgw) {
                        self.propagate(ti, a, &t.id, &field);
                    }
                }
                self.net.tgw_route_tables[ti.i()].index();
            }
        }
    }

    /// A static route, or a prefix-list reference: one route per entry of the list [TPL].
    fn tgw_static_route(
        &mut self,
        owner: &str,
        j: usize,
        r: &TgwRouteDoc,
        tgw: TgwIdx,
    ) -> Vec<TgwRoute> {
        let dfield = format!("routes[{j}].destination");
        let (cidrs, prefix_list) = if ResourceKind::PrefixList.owns(&r.destination) {
            match self.tgw_prefix_list(owner, &dfield, &r.destination) {
                Some((p, cidrs)) => (cidrs, Some(p)),
                None => return Vec::new(),
            }
        } else {
            match self.cidr(owner, &dfield, &r.destination) {
                Some(c) => (vec![c], None),
                None => return Vec::new(),
            }
        };
        let Some(target) = self.tgw_route_target(owner, j, r, tgw) else {
            return Vec::new();
        };
        cidrs
            .into_iter()
            .map(|destination| TgwRoute {
                destination,
                target,
                origin: RouteOrigin::Static,
                prefix_list,
            })
            .collect()
    }

    /// [TPL]: the prefix list a reference names (as a VPC route names one), and its entries.
    /// A list whose entries are not in the files adds no routes, and the note says so.
    fn tgw_prefix_list(
        &mut self,
        owner: &str,
        field: &str,
        id: &str,
    ) -> Option<(PlIdx, Vec<Ipv4Net>)> {
        let Some(Destination::PrefixList(p)) = self.route_destination(owner, field, id) else {
            return None;
        };
        let cidrs = self.net.prefix_lists[p.i()].cidrs.clone();
        if cidrs.is_empty() {
            let why = format!(
                "the entries of prefix list {id} are not in the files, so it adds no routes (add \
                 get-managed-prefix-list-entries --prefix-list-id {id} output)"
            );
            self.d.warn(owner, field, why);
        }
        Some((p, cidrs))
    }

    /// Where a static route or prefix-list reference sends packets: an attachment, or blackhole.
    fn tgw_route_target(
        &mut self,
        owner: &str,
        j: usize,
        r: &TgwRouteDoc,
        tgw: TgwIdx,
    ) -> Option<TgwRouteTarget> {
        let field = format!("routes[{j}].attachment");
        let target = match (&r.attachment, r.blackhole) {
            (None, true) => TgwRouteTarget::Blackhole,
            (Some(a), false) => {
                TgwRouteTarget::Attachment(self.tgw_attachment_ref(owner, &field, a, tgw)?)
            }
            _ => {
                let why = "a static route names an attachment, or is `blackhole: true`";
                self.d.error(owner, &field, why);
                return None;
            }
        };
        Some(target)
    }

    /// An attachment of gateway `tgw`, by id (for a peering attachment, this gateway's side).
    fn tgw_attachment_ref(
        &mut self,
        owner: &str,
        field: &str,
        id: &str,
        tgw: TgwIdx,
    ) -> Option<TgwAttIdx> {
        let found = self
            .net
            .tgw_attachments
            .iter()
            .position(|a| a.id == id && a.tgw == tgw);
        if found.is_none() {
            let gw = &self.net.transit_gateways[tgw.i()].id;
            let why = format!("\"{id}\" is not an attachment of transit gateway {gw}");
            self.d.error(owner, field, why);
        }
        found.map(|f| TgwAttIdx(f as u32))
    }

    /// The routes a propagation adds: a VPC's CIDRs, a VPN's networks. Peering attachments do
    /// not propagate [TPEER]; a VPC CIDR that overlaps one already propagated is not
    /// propagated [TVA].
    fn propagate(&mut self, ti: TgwRtbIdx, a: TgwAttIdx, owner: &str, field: &str) {
        let att = &self.net.tgw_attachments[a.i()];
        let cidrs = match &att.kind {
            TgwAttachmentKind::Vpc { vpc, .. } => self.net.vpcs[vpc.i()].cidrs.clone(),
            TgwAttachmentKind::Vpn { cidrs, .. } => cidrs.clone(),
            TgwAttachmentKind::DirectConnect { cidrs, .. } => cidrs.clone(),
            TgwAttachmentKind::Peering { .. } => {
                let why = "peering attachments do not propagate routes; add static routes";
                self.d.warn(owner, field, why);
                return;
            }
        };
        let vpc = att.vpc().is_some();
        self.net.tgw_route_tables[ti.i()].propagations.push(a);
        for c in cidrs {
            let table = &self.net.tgw_route_tables[ti.i()];
            let clash = vpc
                && table
                    .routes
                    .iter()
                    .any(|r| r.origin == RouteOrigin::Propagated && overlaps(r.destination, c));
            if clash {
                let why = format!(
                    "{c} overlaps a CIDR already propagated into {}; AWS does not propagate it",
                    table.id
                );
                self.d.warn(owner, field, why);
                continue;
            }
            self.net.tgw_route_tables[ti.i()].routes.push(TgwRoute {
                destination: c,
                target: TgwRouteTarget::Attachment(a),
                origin: RouteOrigin::Propagated,
                prefix_list: None,
            });
        }
    }
}
