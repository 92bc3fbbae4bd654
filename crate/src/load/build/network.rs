//! VPCs and what hangs off them: services and prefix lists, subnets, route tables (without
//! their routes), internet and VPN gateways, and peering connections.

use super::Builder;
use super::{main_rtb_id, DEFAULT_ACCOUNT, DEFAULT_REGION};
use crate::load::scenario::*;
use crate::model::*;
use std::collections::HashMap;

impl Builder<'_> {
    pub(super) fn services(&mut self) {
        for s in crate::load::services::builtin() {
            self.net.services.push(s);
        }
    }

    pub(super) fn prefix_lists(&mut self, doc: &ScenarioDoc) {
        for (i, p) in doc.prefix_lists.iter().enumerate() {
            let idx = PlIdx(self.net.prefix_lists.len() as u32);
            if !self.register(&p.id, ResourceRef::PrefixList(idx)) {
                continue;
            }
            let mut cidrs = Vec::new();
            for (j, c) in p.cidrs.iter().enumerate() {
                if let Some(n) = self.cidr(&p.id, &format!("cidrs[{j}]"), c) {
                    cidrs.push(n);
                }
            }
            let _ = i;
            self.net.prefix_lists.push(PrefixList {
                id: p.id.clone(),
                name: p.name.clone(),
                cidrs,
            });
        }
        // Link AWS-managed lists to their services: by name (com.amazonaws.REGION.SERVICE), so
        // an input's own copy of the S3 list is the one its routes use.
        for (pi, pl) in self.net.prefix_lists.iter().enumerate() {
            if let Some(svc) = self.net.services.iter_mut().find(|s| s.name == pl.name) {
                svc.prefix_list = Some(PlIdx(pi as u32));
                if !pl.cidrs.is_empty() {
                    svc.cidrs = pl.cidrs.clone();
                }
            }
        }
        // Services without a list in the input get their built-in one, so gateway endpoints work
        // in hand-written scenarios.
        for si in 0..self.net.services.len() {
            let svc = &self.net.services[si];
            if svc.gateway && svc.prefix_list.is_none() {
                let id = crate::load::services::builtin_prefix_list_id(&svc.name);
                if self.net.ids.contains_key(&id) {
                    continue;
                }
                let idx = PlIdx(self.net.prefix_lists.len() as u32);
                self.net
                    .ids
                    .insert(id.clone(), ResourceRef::PrefixList(idx));
                self.net.prefix_lists.push(PrefixList {
                    id,
                    name: svc.name.clone(),
                    cidrs: svc.cidrs.clone(),
                });
                self.net.services[si].prefix_list = Some(idx);
            }
        }
    }

    pub(super) fn vpcs(&mut self, doc: &ScenarioDoc) {
        let region = doc.region.clone().unwrap_or_else(|| DEFAULT_REGION.into());
        let account = doc
            .account
            .clone()
            .unwrap_or_else(|| DEFAULT_ACCOUNT.into());
        for v in &doc.vpcs {
            let idx = VpcIdx(self.net.vpcs.len() as u32);
            if !self.register(&v.id, ResourceRef::Vpc(idx)) {
                continue;
            }
            let mut cidrs = Vec::new();
            if let Some(c) = &v.cidr {
                if let Some(n) = self.cidr(&v.id, "cidr", c) {
                    cidrs.push(n);
                }
            }
            for (j, c) in v.cidrs.iter().enumerate() {
                if let Some(n) = self.cidr(&v.id, &format!("cidrs[{j}]"), c) {
                    if !cidrs.contains(&n) {
                        cidrs.push(n);
                    }
                }
            }
            if cidrs.is_empty() && v.cidr.is_none() && v.cidrs.is_empty() {
                self.d.error(
                    &v.id,
                    "cidr",
                    "a VPC needs a CIDR block: add \"cidr\": \"10.0.0.0/16\"",
                );
            }
            for c in &cidrs {
                if c.prefix_len() < 16 || c.prefix_len() > 28 {
                    self.d.warn(
                        &v.id,
                        "cidr",
                        format!("{c}: AWS allows VPC blocks from /16 to /28"),
                    );
                }
            }
            for i in 0..cidrs.len() {
                for j in i + 1..cidrs.len() {
                    if overlaps(cidrs[i], cidrs[j]) {
                        self.d.error(
                            &v.id,
                            "cidrs",
                            format!("blocks {} and {} overlap", cidrs[i], cidrs[j]),
                        );
                    }
                }
            }
            self.net.vpcs.push(Vpc {
                id: v.id.clone(),
                name: v.name.clone(),
                region: v.region.clone().unwrap_or_else(|| region.clone()),
                account: v.account.clone().unwrap_or_else(|| account.clone()),
                cidrs,
                // Filled in by route_tables() and nacls(); every VPC gets both.
                main_route_table: RtbIdx(u32::MAX),
                default_nacl: AclIdx(u32::MAX),
                dns_support: v.dns_support,
                dns_hostnames: v.dns_hostnames,
                known_only_from: v.known_only_from.clone(),
            });
        }
    }

    pub(super) fn subnets(&mut self, doc: &ScenarioDoc) {
        for (i, s) in doc.subnets.iter().enumerate() {
            let idx = SubnetIdx(self.net.subnets.len() as u32);
            let vpc = self.vpc_ref(&s.id, "vpc", &s.vpc);
            let cidr = self.cidr(&s.id, "cidr", &s.cidr);
            if !self.register(&s.id, ResourceRef::Subnet(idx)) {
                continue;
            }
            let (Some(vpc), Some(cidr)) = (vpc, cidr) else {
                // Keep a placeholder so indexes stay aligned; errors already recorded.
                self.net.ids.remove(&s.id);
                continue;
            };
            let v = &self.net.vpcs[vpc.i()];
            if !v.cidrs.iter().any(|vc| vc.contains(&cidr)) {
                let blocks: Vec<_> = v.cidrs.iter().map(|c| c.to_string()).collect();
                self.d.error(
                    &s.id,
                    "cidr",
                    format!(
                        "{cidr} is not inside VPC {} ({}); choose a block inside it",
                        v.id,
                        blocks.join(", ")
                    ),
                );
            }
            for other in self
                .subnets_of
                .get(&vpc)
                .into_iter()
                .flatten()
                .map(|s| &self.net.subnets[s.i()])
            {
                if overlaps(other.cidr, cidr) {
                    self.d.error(
                        &s.id,
                        "cidr",
                        format!(
                            "{cidr} overlaps subnet {} ({}); subnets of a VPC must not overlap",
                            other.id, other.cidr
                        ),
                    );
                }
            }
            let region = v.region.clone();
            let _ = i;
            self.subnets_of.get_or_default(vpc).push(idx);
            self.net.subnets.push(Subnet {
                id: s.id.clone(),
                name: s.name.clone(),
                vpc,
                az: s.az.clone().unwrap_or_else(|| format!("{region}a")),
                cidr,
                route_table: None,
                nacl: AclIdx(u32::MAX),
            });
        }
    }

    pub(super) fn route_tables(&mut self, doc: &ScenarioDoc) {
        let mut assoc: IdxMap<SubnetIdx, String> = IdxMap::default();
        for t in &doc.route_tables {
            self.route_table(t, &mut assoc);
        }
        self.main_route_tables();
        // Every table has a local route for each VPC CIDR (SRT); they come first.
        for rt in &mut self.net.route_tables {
            for c in &self.net.vpcs[rt.vpc.i()].cidrs {
                rt.routes.push(Route {
                    destination: Destination::Cidr(*c),
                    target: Target::Local,
                    origin: RouteOrigin::Static,
                    blackhole: false,
                });
            }
        }
    }

    /// One table as written, without its routes; `assoc` holds each subnet's table so far.
    fn route_table(&mut self, t: &RouteTableDoc, assoc: &mut IdxMap<SubnetIdx, String>) {
        let idx = RtbIdx(self.net.route_tables.len() as u32);
        let vpc = self.vpc_ref(&t.id, "vpc", &t.vpc);
        if !self.register(&t.id, ResourceRef::RouteTable(idx)) {
            return;
        }
        let Some(vpc) = vpc else {
            self.net.ids.remove(&t.id);
            return;
        };
        for (j, sid) in t.subnets.iter().enumerate() {
            let field = format!("subnets[{j}]");
            let Some(s) = self.subnet_ref(&t.id, &field, sid) else {
                continue;
            };
            if self.net.subnets[s.i()].vpc != vpc {
                let why = format!(
                    "subnet {sid} is in another VPC; a route table serves subnets of its own VPC"
                );
                self.d.error(&t.id, &field, why);
            } else if let Some(prev) = assoc.get(&s) {
                let why = format!(
                    "subnet {sid} is already associated with {prev}; a subnet has exactly one route table (R1)"
                );
                self.d.error(&t.id, &field, why);
            } else {
                assoc.insert(s, t.id.clone());
                self.net.subnets[s.i()].route_table = Some(idx);
            }
        }
        if t.main {
            let v = &mut self.net.vpcs[vpc.i()];
            if v.main_route_table.0 != u32::MAX {
                let prev = self.net.route_tables[v.main_route_table.i()].id.clone();
                self.d.error(
                    &t.id,
                    "main",
                    format!(
                        "VPC {} already has main route table {prev}; a VPC has one",
                        v.id
                    ),
                );
            } else {
                v.main_route_table = idx;
            }
        }
        self.net.route_tables.push(RouteTable {
            id: t.id.clone(),
            name: t.name.clone(),
            vpc,
            main: t.main,
            routes: Vec::new(),
        });
    }

    /// A generated main route table for each VPC the input gives none.
    fn main_route_tables(&mut self) {
        for vi in 0..self.net.vpcs.len() {
            if self.net.vpcs[vi].main_route_table.0 != u32::MAX {
                continue;
            }
            let id = main_rtb_id(&self.net.vpcs[vi].id);
            let idx = RtbIdx(self.net.route_tables.len() as u32);
            if !self.register(&id, ResourceRef::RouteTable(idx)) {
                continue;
            }
            self.net.vpcs[vi].main_route_table = idx;
            self.net.route_tables.push(RouteTable {
                id,
                name: "main".into(),
                vpc: VpcIdx(vi as u32),
                main: true,
                routes: Vec::new(),
            });
        }
    }

    pub(super) fn igws(&mut self, doc: &ScenarioDoc) {
        let mut attached: IdxMap<VpcIdx, String> = IdxMap::default();
        for g in &doc.internet_gateways {
            let idx = IgwIdx(self.net.internet_gateways.len() as u32);
            let vpc = match &g.vpc {
                Some(v) => self.vpc_ref(&g.id, "vpc", v),
                None => None,
            };
            if !self.register(&g.id, ResourceRef::InternetGateway(idx)) {
                continue;
            }
            if let Some(v) = vpc {
                if let Some(prev) = attached.insert(v, g.id.clone()) {
                    self.d.error(
                        &g.id,
                        "vpc",
                        format!(
                            "VPC {} already has internet gateway {prev}; a VPC can have only one",
                            self.net.vpcs[v.i()].id
                        ),
                    );
                }
            }
            self.net.internet_gateways.push(InternetGateway {
                id: g.id.clone(),
                name: g.name.clone(),
                vpc,
                edge_table: None,
            });
        }
    }

    /// R23: a gateway route table is associated with an internet or virtual private gateway
    /// of its own VPC, and a gateway has at most one.
    pub(super) fn edge_associations(&mut self, doc: &ScenarioDoc) {
        for t in &doc.route_tables {
            let Some(ResourceRef::RouteTable(rtb)) = self.net.ids.get(&t.id).copied() else {
                continue;
            };
            for (j, gid) in t.gateways.iter().enumerate() {
                let field = format!("gateways[{j}]");
                let vpc = self.net.route_tables[rtb.i()].vpc;
                let (attached, slot) = match self.net.ids.get(gid).copied() {
                    Some(ResourceRef::InternetGateway(g)) => {
                        let igw = &mut self.net.internet_gateways[g.i()];
                        (igw.vpc, &mut igw.edge_table)
                    }
                    Some(ResourceRef::VpnGateway(g)) => {
                        let vgw = &mut self.net.vpn_gateways[g.i()];
                        (vgw.vpc, &mut vgw.edge_table)
                    }
                    _ => {
                        let why = format!(
                            "\"{gid}\" is not an internet or virtual private gateway of the input; a \
                             gateway route table is associated with one of those (R23)"
                        );
                        self.d.error(&t.id, &field, why);
                        continue;
                    }
                };
                if attached != Some(vpc) {
                    let why = format!("{gid} is not attached to this table's VPC (R23)");
                    self.d.error(&t.id, &field, why);
                } else if let Some(prev) = slot.replace(rtb) {
                    let prev = self.net.route_tables[prev.i()].id.clone();
                    let why = format!("{gid} is already associated with {prev}; a gateway has one");
                    self.d.error(&t.id, &field, why);
                }
            }
        }
    }

    pub(super) fn vgws(&mut self, doc: &ScenarioDoc) {
        for g in &doc.vpn_gateways {
            let idx = VgwIdx(self.net.vpn_gateways.len() as u32);
            let vpc = match &g.vpc {
                Some(v) => self.vpc_ref(&g.id, "vpc", v),
                None => None,
            };
            if !self.register(&g.id, ResourceRef::VpnGateway(idx)) {
                continue;
            }
            let kind = match g.kind.as_deref().unwrap_or("vpn") {
                "vpn" | "ipsec.1" => EdgeKind::Vpn,
                "direct-connect" | "dx" => EdgeKind::DirectConnect,
                other => {
                    self.d.error(
                        &g.id,
                        "type",
                        format!(
                            "\"{other}\" is not a gateway type; use \"vpn\" or \"direct-connect\""
                        ),
                    );
                    EdgeKind::Vpn
                }
            };
            let mut cidrs = Vec::new();
            for (j, c) in g.onprem_cidrs.iter().enumerate() {
                if let Some(n) = self.cidr(&g.id, &format!("onprem_cidrs[{j}]"), c) {
                    cidrs.push(n);
                }
            }
            self.net.vpn_gateways.push(VpnGateway {
                id: g.id.clone(),
                name: g.name.clone(),
                vpc,
                kind,
                onprem_cidrs: cidrs,
                edge_table: None,
            });
        }
    }

    pub(super) fn peerings(&mut self, doc: &ScenarioDoc) {
        let mut pairs: HashMap<(VpcIdx, VpcIdx), String> = HashMap::new();
        for p in &doc.peering_connections {
            self.peering(p, &mut pairs);
        }
    }

    /// One peering connection; `pairs` holds the live connection of each VPC pair so far.
    fn peering(&mut self, p: &PeeringDoc, pairs: &mut HashMap<(VpcIdx, VpcIdx), String>) {
        let idx = PcxIdx(self.net.peerings.len() as u32);
        let req = self.vpc_ref(&p.id, "requester", &p.requester);
        let acc = self.vpc_ref(&p.id, "accepter", &p.accepter);
        if !self.register(&p.id, ResourceRef::Peering(idx)) {
            return;
        }
        let (Some(req), Some(acc)) = (req, acc) else {
            self.net.ids.remove(&p.id);
            return;
        };
        let status_text = p.status.as_deref().unwrap_or("active");
        let Some(mut status) = PeeringStatus::parse(status_text) else {
            let why = format!(
                "\"{status_text}\" is not a peering status; \
                 use active, pending-acceptance, failed, rejected, expired, deleted ..."
            );
            self.d.error(&p.id, "status", why);
            // Registered above but never built: a route naming it must not find an index.
            self.net.ids.remove(&p.id);
            return;
        };
        if req == acc {
            self.d
                .error(&p.id, "accepter", "a VPC cannot peer with itself");
            self.net.ids.remove(&p.id);
            return;
        }
        let live = !matches!(
            status,
            PeeringStatus::Deleted
                | PeeringStatus::Rejected
                | PeeringStatus::Expired
                | PeeringStatus::Failed
        );
        let key = (req.min(acc), req.max(acc));
        if live {
            if let Some(prev) = pairs.insert(key, p.id.clone()) {
                // R19: one connection per VPC pair.
                let why = format!(
                    "these VPCs are already peered by {prev}; \
                     AWS allows one peering connection per pair of VPCs (R19)"
                );
                self.d.error(&p.id, "", why);
            }
        }
        let mut requested_status = None;
        if live && self.peering_overlaps(&p.id, req, acc) {
            requested_status = Some(status);
            status = PeeringStatus::Failed;
        }
        if status != PeeringStatus::Active && requested_status.is_none() {
            self.d.warn(
                &p.id,
                "status",
                format!(
                    "the connection is {}, so it carries no traffic until it is active",
                    status.as_str()
                ),
            );
        }
        self.net.peerings.push(Peering {
            id: p.id.clone(),
            name: p.name.clone(),
            requester: req,
            accepter: acc,
            status,
            requested_status,
        });
    }

    /// R19: any overlapping IPv4 block, secondary ones included, fails the request. Reports the
    /// first overlap and says whether there is one.
    fn peering_overlaps(&mut self, id: &str, req: VpcIdx, acc: VpcIdx) -> bool {
        let (rv, av) = (&self.net.vpcs[req.i()], &self.net.vpcs[acc.i()]);
        let overlap = rv
            .cidrs
            .iter()
            .flat_map(|a| av.cidrs.iter().map(move |b| (*a, *b)))
            .find(|(a, b)| overlaps(*a, *b));
        let Some((a, b)) = overlap else {
            return false;
        };
        let why = format!(
            "{} ({a}) and {} ({b}) overlap, so AWS marks this peering connection failed (R19); \
             it carries no traffic",
            rv.id, av.id
        );
        self.d.warn(id, "", why);
        true
    }
}
