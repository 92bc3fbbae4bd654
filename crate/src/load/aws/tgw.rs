//! Transit gateways from describe-transit-gateway* output and the per-table propagations and
//! routes collectors save (issue 10). A record seen in two files (a shared gateway listed in
//! both accounts) is kept once; a peering attachment is one record per gateway, both with the
//! same id, as AWS lists it.

use super::records::name_of;
use super::Conv;
use crate::load::scenario::{TgwAttachmentDoc, TgwDoc, TgwRouteDoc, TgwRouteTableDoc};
use crate::model::ids::ResourceKind;
use std::collections::HashSet;

/// The Region in a transit gateway's ARN (`arn:aws:ec2:us-east-2:...`).
fn arn_region(arn: &str) -> Option<String> {
    arn.split(':')
        .nth(3)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

impl Conv<'_, '_, '_> {
    /// Gateways with their route tables, attachments, propagations and static routes.
    pub(super) fn transit_gateways(&mut self) {
        let input = self.input;
        let mut seen: HashSet<&str> = HashSet::new();
        for f in &input.tgw {
            for g in &f.gateways {
                if !seen.insert(&g.transit_gateway_id) {
                    continue;
                }
                let opts = g.options.clone().unwrap_or_default();
                self.doc.transit_gateways.push(TgwDoc {
                    id: g.transit_gateway_id.clone(),
                    name: name_of(&g.tags),
                    region: g.transit_gateway_arn.as_deref().and_then(arn_region),
                    account: g.owner_id.clone(),
                    state: g.state.clone(),
                    default_association_route_table: opts.association_default_route_table_id,
                    default_propagation_route_table: opts.propagation_default_route_table_id,
                    ..TgwDoc::default()
                });
            }
        }
        self.tgw_route_tables();
        self.tgw_attachments();
        self.tgw_vpc_only_attachments();
        self.tgw_defaults_in_input();
        self.tgw_propagations();
        self.tgw_static_routes();
        self.tgw_prefix_list_refs();
    }

    fn tgw_doc(&mut self, id: &str) -> Option<&mut TgwDoc> {
        self.doc.transit_gateways.iter_mut().find(|g| g.id == id)
    }

    fn tgw_route_tables(&mut self) {
        let input = self.input;
        let mut seen: HashSet<&str> = HashSet::new();
        for t in input.tgw.iter().flat_map(|f| &f.route_tables) {
            if !seen.insert(&t.transit_gateway_route_table_id)
                || t.state.as_deref() == Some("deleted")
            {
                continue;
            }
            let doc = TgwRouteTableDoc {
                id: t.transit_gateway_route_table_id.clone(),
                name: name_of(&t.tags),
                ..TgwRouteTableDoc::default()
            };
            match self.tgw_doc(&t.transit_gateway_id) {
                Some(g) => g.route_tables.push(doc),
                None => {
                    let why = format!(
                        "route table of transit gateway {}, which is not in the input; left out",
                        t.transit_gateway_id
                    );
                    self.d
                        .warn(&t.transit_gateway_route_table_id, "TransitGatewayId", why);
                }
            }
        }
    }

    /// describe-transit-gateway-attachments, with each VPC attachment's subnets and options
    /// from describe-transit-gateway-vpc-attachments.
    fn tgw_attachments(&mut self) {
        let input = self.input;
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for a in input.tgw.iter().flat_map(|f| &f.attachments) {
            let key = (
                a.transit_gateway_attachment_id.as_str(),
                a.transit_gateway_id.as_str(),
            );
            if !seen.insert(key) {
                continue;
            }
            let id = &a.transit_gateway_attachment_id;
            let kind = a.resource_type.as_deref().unwrap_or("");
            let mut doc = TgwAttachmentDoc {
                id: id.clone(),
                name: name_of(&a.tags),
                kind: Some(kind.to_string()),
                state: a.state.clone(),
                route_table: a
                    .association
                    .as_ref()
                    .filter(|s| s.state.as_deref() == Some("associated"))
                    .and_then(|s| s.transit_gateway_route_table_id.clone()),
                ..TgwAttachmentDoc::default()
            };
            let ok = match kind {
                "vpc" => self.tgw_vpc_parts(id, &a.transit_gateway_id, &mut doc),
                "vpn" => true,
                // [TDX]: the gateway's id is the attachment's ResourceId; its prefixes come
                // over BGP and are not in describe output.
                "direct-connect-gateway" => {
                    doc.dx_gateway = a.resource_id.clone();
                    true
                }
                "peering" => {
                    doc.peer = a.resource_id.clone();
                    doc.peer.is_some()
                }
                other => {
                    let why = format!("{other} attachments are not modelled; left out");
                    self.d.unsupported(id, "ResourceType", why);
                    false
                }
            };
            if ok {
                self.tgw_push_attachment(&a.transit_gateway_id, doc);
            }
        }
    }

    /// A VPC attachment listed only by describe-transit-gateway-vpc-attachments.
    fn tgw_vpc_only_attachments(&mut self) {
        let input = self.input;
        for v in input.tgw.iter().flat_map(|f| &f.vpc_attachments) {
            let (id, tgw) = (&v.transit_gateway_attachment_id, &v.transit_gateway_id);
            let known = self
                .doc
                .transit_gateways
                .iter()
                .any(|g| &g.id == tgw && g.attachments.iter().any(|a| &a.id == id));
            let listed =
                input.tgw.iter().flat_map(|f| &f.attachments).any(|a| {
                    &a.transit_gateway_attachment_id == id && &a.transit_gateway_id == tgw
                });
            if known || listed {
                continue;
            }
            let mut doc = TgwAttachmentDoc {
                id: id.clone(),
                name: name_of(&v.tags),
                state: v.state.clone(),
                ..TgwAttachmentDoc::default()
            };
            if self.tgw_vpc_parts(id, tgw, &mut doc) {
                self.tgw_push_attachment(tgw, doc);
            }
        }
    }

    /// The VPC, subnets and appliance mode of VPC attachment `id`; `false` (with a note) when
    /// the VPC or all its subnets are not in the input.
    fn tgw_vpc_parts(&mut self, id: &str, tgw: &str, doc: &mut TgwAttachmentDoc) -> bool {
        let input = self.input;
        let Some(v) = input
            .tgw
            .iter()
            .flat_map(|f| &f.vpc_attachments)
            .find(|v| v.transit_gateway_attachment_id == id && v.transit_gateway_id == tgw)
        else {
            let why =
                "no describe-transit-gateway-vpc-attachments record names its subnets; left out";
            self.d.warn(id, "", why);
            return false;
        };
        doc.vpc = Some(v.vpc_id.clone());
        doc.subnets = v
            .subnet_ids
            .iter()
            .filter(|s| {
                self.doc
                    .subnets
                    .iter()
                    .any(|d| &d.id == *s && d.vpc == v.vpc_id)
            })
            .cloned()
            .collect();
        doc.appliance_mode = v
            .options
            .as_ref()
            .and_then(|o| o.appliance_mode_support.as_deref())
            == Some("enable");
        if doc.subnets.is_empty() {
            let why = format!(
                "attaches {}, whose subnets are not in the input (another account, or deleted); left out",
                v.vpc_id
            );
            self.d.warn(id, "SubnetIds", why);
            return false;
        }
        true
    }

    fn tgw_push_attachment(&mut self, tgw: &str, doc: TgwAttachmentDoc) {
        let id = doc.id.clone();
        match self.tgw_doc(tgw) {
            Some(g) => {
                // An association with a table not in the input cannot be followed.
                if let Some(t) = &doc.route_table {
                    if !g.route_tables.iter().any(|r| &r.id == t) {
                        let mut doc = doc;
                        doc.route_table = None;
                        g.attachments.push(doc);
                        let why = "its route table is not in the input; the attachment is left unassociated";
                        self.d.warn(&id, "Association", why);
                        return;
                    }
                }
                g.attachments.push(doc);
            }
            None => {
                let why = format!(
                    "attachment of transit gateway {tgw}, which is not in the input; left out"
                );
                self.d.warn(&id, "TransitGatewayId", why);
            }
        }
    }

    /// A default table that is not in the input (the owner's, seen from another account) is
    /// dropped: it could not be followed.
    fn tgw_defaults_in_input(&mut self) {
        for g in &mut self.doc.transit_gateways {
            let tables: Vec<String> = g.route_tables.iter().map(|t| t.id.clone()).collect();
            for d in [
                &mut g.default_association_route_table,
                &mut g.default_propagation_route_table,
            ] {
                if d.as_ref().is_some_and(|t| !tables.contains(t)) {
                    *d = None;
                }
            }
        }
    }

    fn tgw_propagations(&mut self) {
        let input = self.input;
        for p in input.tgw.iter().flat_map(|f| &f.propagations) {
            let table = &p.transit_gateway_route_table_id;
            let Some(g) = self
                .doc
                .transit_gateways
                .iter_mut()
                .find(|g| g.route_tables.iter().any(|t| &t.id == table))
            else {
                continue;
            };
            let atts: Vec<String> = g.attachments.iter().map(|a| a.id.clone()).collect();
            let Some(t) = g.route_tables.iter_mut().find(|t| &t.id == table) else {
                continue;
            };
            for r in &p.transit_gateway_route_table_propagations {
                let a = &r.transit_gateway_attachment_id;
                let on = r.state.as_deref().map_or(true, |s| s == "enabled");
                if on && atts.contains(a) && !t.propagations.contains(a) {
                    t.propagations.push(a.clone());
                }
            }
        }
    }

    /// Static routes; the propagated ones are made again from the propagations.
    fn tgw_static_routes(&mut self) {
        let input = self.input;
        for rs in input.tgw.iter().flat_map(|f| &f.routes) {
            let table = rs.transit_gateway_route_table_id.clone();
            if rs.additional_routes_available == Some(true) {
                let why = "search-transit-gateway-routes stopped early (AdditionalRoutesAvailable); routes are missing";
                self.d.warn(&table, "AdditionalRoutesAvailable", why);
            }
            for (i, r) in rs.routes.iter().enumerate() {
                // A prefix-list reference is listed by its list, whatever its Type [TPL].
                let dest = match (&r.destination_cidr_block, &r.prefix_list_id) {
                    (None, Some(pl)) => pl.clone(),
                    _ if r.kind.as_deref() != Some("static") => continue,
                    (Some(d), _) if !d.contains(':') => d.clone(),
                    _ => {
                        let why = "IPv6 routes of transit gateways are not modelled";
                        self.d.unsupported(&table, &format!("Routes[{i}]"), why);
                        continue;
                    }
                };
                let att = r
                    .transit_gateway_attachments
                    .iter()
                    .find_map(|a| a.transit_gateway_attachment_id.clone());
                self.tgw_static_route(
                    &table,
                    &format!("Routes[{i}]"),
                    dest,
                    att,
                    r.state.as_deref() == Some("blackhole"),
                );
            }
        }
    }

    /// get-transit-gateway-prefix-list-references [TPL]: each reference becomes a route whose
    /// destination is the list; the builder gives it one route per entry of the list. A record
    /// without its table or list is left out with a note that says which.
    fn tgw_prefix_list_refs(&mut self) {
        let input = self.input;
        for (i, r) in input
            .tgw
            .iter()
            .flat_map(|f| &f.prefix_list_refs)
            .enumerate()
        {
            let field = format!("TransitGatewayPrefixListReferences[{i}]");
            let (Some(table), Some(list)) = (&r.transit_gateway_route_table_id, &r.prefix_list_id)
            else {
                let why = "needs TransitGatewayRouteTableId and PrefixListId; left out";
                self.d
                    .warn("TransitGatewayPrefixListReferences", &field, why);
                continue;
            };
            let state = r.state.as_deref().unwrap_or("available");
            if !matches!(state, "available" | "modifying") {
                let why = format!("the reference to {list} is {state}, so it routes nothing");
                self.d.warn(table, &field, why);
                continue;
            }
            let att = r
                .transit_gateway_attachment
                .as_ref()
                .and_then(|a| a.transit_gateway_attachment_id.clone());
            let blackhole = r.blackhole == Some(true);
            self.tgw_static_route(table, &field, list.clone(), att, blackhole);
        }
    }

    fn tgw_static_route(
        &mut self,
        table: &str,
        field: &str,
        dest: String,
        att: Option<String>,
        blackhole: bool,
    ) {
        if ResourceKind::PrefixList.owns(&dest)
            && !self.doc.prefix_lists.iter().any(|p| p.id == dest)
        {
            let why = "left out: the list is not in the input (add describe-managed-prefix-lists \
                       output with its entries)";
            self.d.warn(table, field, why);
            return;
        }
        let Some(g) = self
            .doc
            .transit_gateways
            .iter_mut()
            .find(|g| g.route_tables.iter().any(|t| t.id == table))
        else {
            return;
        };
        let known = att
            .as_ref()
            .filter(|a| g.attachments.iter().any(|x| &x.id == *a))
            .cloned();
        let Some(t) = g.route_tables.iter_mut().find(|t| t.id == table) else {
            return;
        };
        if t.routes.iter().any(|r| r.destination == dest) {
            return;
        }
        let (attachment, blackhole) = match (known, blackhole) {
            (Some(a), _) => (Some(a), false),
            (None, true) => (None, true),
            (None, false) => {
                let why = format!(
                    "the route {dest} leads to {}, which is not in the input; treated as blackhole",
                    att.unwrap_or_default()
                );
                self.d.warn(table, field, why);
                (None, true)
            }
        };
        t.routes.push(TgwRouteDoc {
            destination: dest,
            attachment,
            blackhole,
        });
    }
}
