//! `ScenarioDoc` -> validated `Network`: parse addresses, apply the format's defaults, resolve
//! references, and record every problem at once.
//!
//! Defaults are added, never written back into the document: a VPC without a main route
//! table, default ACL or default security group gets a generated one with a predictable id
//! (`rtb-<vpc>-main`, `acl-<vpc>-default`, `sg-<vpc>-default`), so fixes can name it.

use super::scenario::*;
use super::Format;
use crate::model::defaults;
use crate::model::*;
use crate::validate::Diagnostics;
use ipnet::Ipv4Net;
use std::collections::{HashMap, HashSet};
use std::net::Ipv4Addr;

/// Region used when neither the VPC nor the scenario names one.
pub const DEFAULT_REGION: &str = "us-east-1";
/// Account used when neither the VPC nor the scenario names one.
pub const DEFAULT_ACCOUNT: &str = "111111111111";

pub use crate::model::ids::{default_acl_id, default_sg_id, instance_eni_id, main_rtb_id, suffix};

fn parse_net(s: &str) -> Option<Ipv4Net> {
    let n: Ipv4Net = s.trim().parse().ok()?;
    Some(n)
}

struct Builder<'a> {
    d: &'a mut Diagnostics,
    net: Network,
    /// Addresses in use per subnet, for allocation of the ones the author left out.
    used: IdxMap<SubnetIdx, HashSet<Ipv4Addr>>,
    /// Subnets of each VPC, so overlap checks stay within a VPC.
    subnets_of: IdxMap<VpcIdx, Vec<SubnetIdx>>,
    /// The input was AWS output, whose converter has already reported each unsupported route
    /// target with AWS's field name (`Routes[4].TransitGatewayId`).
    targets_reported: bool,
}

/// Builds the network, or returns `None` when errors make it unusable (all are in `d`).
pub fn build(doc: &ScenarioDoc, format: Format, d: &mut Diagnostics) -> Option<Network> {
    let mut b = Builder {
        d,
        targets_reported: format == Format::Aws,
        net: Network {
            name: doc.name.clone(),
            ..Network::default()
        },
        used: IdxMap::default(),
        subnets_of: IdxMap::default(),
    };
    b.services();
    b.prefix_lists(doc);
    b.vpcs(doc);
    b.subnets(doc);
    // Route tables are built in two passes: first the tables (so associations resolve), then
    // the routes (whose targets need every gateway, peering and interface to exist).
    b.route_tables(doc);
    b.igws(doc);
    b.vgws(doc);
    b.security_groups(doc);
    b.nacls(doc);
    b.peerings(doc);
    b.reserve_explicit_ips(doc);
    b.nat_gateways(doc);
    b.endpoints(doc);
    b.instances_and_enis(doc);
    b.sg_rules(doc);
    b.routes(doc);
    b.buckets(doc);
    b.checks();
    if b.d.has_errors() {
        None
    } else {
        Some(b.net)
    }
}

impl Builder<'_> {
    // ---- ids --------------------------------------------------------------------------------

    fn register(&mut self, id: &str, r: ResourceRef) -> bool {
        if id.trim().is_empty() {
            self.d
                .error("(unnamed)", "id", "every resource needs a non-empty id");
            return false;
        }
        if let Some(prev) = self.net.ids.get(id) {
            let what = match prev {
                ResourceRef::Vpc(_) => "a VPC",
                ResourceRef::Subnet(_) => "a subnet",
                ResourceRef::RouteTable(_) => "a route table",
                ResourceRef::InternetGateway(_) => "an internet gateway",
                ResourceRef::NatGateway(_) => "a NAT gateway",
                ResourceRef::Peering(_) => "a peering connection",
                ResourceRef::Endpoint(_) => "an endpoint",
                ResourceRef::Eni(_) => "a network interface (given, or generated for an instance, NAT gateway or endpoint)",
                ResourceRef::Instance(_) => "an instance",
                ResourceRef::SecurityGroup(_) => "a security group",
                ResourceRef::NetworkAcl(_) => "a network ACL",
                ResourceRef::VpnGateway(_) => "a VPN gateway",
                ResourceRef::PrefixList(_) => "a prefix list",
            };
            self.d.error(
                id,
                "id",
                format!("this id is already used by {what}; give each resource its own id"),
            );
            return false;
        }
        self.net.ids.insert(id.to_string(), r);
        true
    }

    fn vpc_ref(&mut self, owner: &str, field: &str, id: &str) -> Option<VpcIdx> {
        match self.net.ids.get(id) {
            Some(ResourceRef::Vpc(v)) => Some(*v),
            Some(_) => {
                self.d.error(owner, field, format!("\"{id}\" is not a VPC"));
                None
            }
            None => {
                self.d.error(
                    owner,
                    field,
                    format!("refers to VPC \"{id}\", which is not in the input"),
                );
                None
            }
        }
    }

    fn subnet_ref(&mut self, owner: &str, field: &str, id: &str) -> Option<SubnetIdx> {
        match self.net.ids.get(id) {
            Some(ResourceRef::Subnet(s)) => Some(*s),
            Some(_) => {
                self.d
                    .error(owner, field, format!("\"{id}\" is not a subnet"));
                None
            }
            None => {
                self.d.error(
                    owner,
                    field,
                    format!("refers to subnet \"{id}\", which is not in the input"),
                );
                None
            }
        }
    }

    fn sg_refs(&mut self, owner: &str, field: &str, ids: &[String], vpc: VpcIdx) -> Vec<SgIdx> {
        let mut out = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            match self.net.ids.get(id.as_str()) {
                Some(ResourceRef::SecurityGroup(g)) => {
                    if self.net.security_groups[g.i()].vpc != vpc {
                        self.d.error(
                            owner,
                            &format!("{field}[{i}]"),
                            format!(
                                "security group \"{id}\" belongs to another VPC; an interface can only use groups of its own VPC"
                            ),
                        );
                    } else {
                        out.push(*g);
                    }
                }
                _ => self.d.error(
                    owner,
                    &format!("{field}[{i}]"),
                    format!("refers to security group \"{id}\", which is not in the input"),
                ),
            }
        }
        out
    }

    fn ip(&mut self, owner: &str, field: &str, s: &str) -> Option<Ipv4Addr> {
        match s.trim().parse() {
            Ok(ip) => Some(ip),
            Err(_) => {
                self.d.error(
                    owner,
                    field,
                    format!("\"{s}\" is not an IPv4 address (expected e.g. 10.0.1.10)"),
                );
                None
            }
        }
    }

    fn cidr(&mut self, owner: &str, field: &str, s: &str) -> Option<Ipv4Net> {
        match parse_net(s) {
            Some(n) if n.network() != n.addr() => {
                self.d.error(
                    owner,
                    field,
                    format!("\"{s}\" has host bits set; did you mean {}?", n.trunc()),
                );
                None
            }
            Some(n) => Some(n),
            None => {
                self.d.error(
                    owner,
                    field,
                    format!("\"{s}\" is not an IPv4 CIDR block (expected e.g. 10.0.0.0/16)"),
                );
                None
            }
        }
    }

    // ---- resources --------------------------------------------------------------------------

    fn services(&mut self) {
        for s in crate::load::services::builtin() {
            self.net.services.push(s);
        }
    }

    fn prefix_lists(&mut self, doc: &ScenarioDoc) {
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

    fn vpcs(&mut self, doc: &ScenarioDoc) {
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
            });
        }
    }

    fn subnets(&mut self, doc: &ScenarioDoc) {
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

    fn route_tables(&mut self, doc: &ScenarioDoc) {
        let mut assoc: IdxMap<SubnetIdx, String> = IdxMap::default();
        for (ti, t) in doc.route_tables.iter().enumerate() {
            let idx = RtbIdx(self.net.route_tables.len() as u32);
            let vpc = self.vpc_ref(&t.id, "vpc", &t.vpc);
            if !self.register(&t.id, ResourceRef::RouteTable(idx)) {
                continue;
            }
            let Some(vpc) = vpc else {
                self.net.ids.remove(&t.id);
                continue;
            };
            let _ = ti;
            for (j, sid) in t.subnets.iter().enumerate() {
                let field = format!("subnets[{j}]");
                if let Some(s) = self.subnet_ref(&t.id, &field, sid) {
                    if self.net.subnets[s.i()].vpc != vpc {
                        self.d.error(
                            &t.id,
                            &field,
                            format!("subnet {sid} is in another VPC; a route table serves subnets of its own VPC"),
                        );
                    } else if let Some(prev) = assoc.get(&s) {
                        self.d.error(
                            &t.id,
                            &field,
                            format!("subnet {sid} is already associated with {prev}; a subnet has exactly one route table (R1)"),
                        );
                    } else {
                        assoc.insert(s, t.id.clone());
                        self.net.subnets[s.i()].route_table = Some(idx);
                    }
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
        for vi in 0..self.net.vpcs.len() {
            if self.net.vpcs[vi].main_route_table.0 == u32::MAX {
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

    fn igws(&mut self, doc: &ScenarioDoc) {
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
            });
        }
    }

    fn vgws(&mut self, doc: &ScenarioDoc) {
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
            });
        }
    }

    fn security_groups(&mut self, doc: &ScenarioDoc) {
        for g in &doc.security_groups {
            let idx = SgIdx(self.net.security_groups.len() as u32);
            let vpc = self.vpc_ref(&g.id, "vpc", &g.vpc);
            if !self.register(&g.id, ResourceRef::SecurityGroup(idx)) {
                continue;
            }
            let Some(vpc) = vpc else {
                self.net.ids.remove(&g.id);
                continue;
            };
            self.net.security_groups.push(SecurityGroup {
                id: g.id.clone(),
                name: g.name.clone(),
                vpc,
                ingress: Vec::new(),
                egress: Vec::new(),
            });
        }
        // AWS's default group per VPC: inbound from itself, all outbound [SGR].
        for vi in 0..self.net.vpcs.len() {
            let id = default_sg_id(&self.net.vpcs[vi].id);
            match self.net.ids.get(&id) {
                // Written out in the scenario (a fix or an edit does that): it is the default.
                Some(ResourceRef::SecurityGroup(g))
                    if self.net.security_groups[g.i()].vpc == VpcIdx(vi as u32) =>
                {
                    continue;
                }
                Some(_) => {
                    let vid = self.net.vpcs[vi].id.clone();
                    self.d.error(
                        &id,
                        "id",
                        format!("this id is the one the playground gives {vid}'s default security group; give this resource another id"),
                    );
                    continue;
                }
                None => {}
            }
            let idx = SgIdx(self.net.security_groups.len() as u32);
            self.net
                .ids
                .insert(id.clone(), ResourceRef::SecurityGroup(idx));
            self.net.security_groups.push(SecurityGroup {
                id,
                name: "default".into(),
                vpc: VpcIdx(vi as u32),
                ingress: vec![SgRule {
                    protocol: Protocol::All,
                    ports: PortRange::ALL,
                    peer: SgPeer::Group(idx),
                    description: "default: from members of this group".into(),
                }],
                egress: vec![defaults::sg_egress()],
            });
        }
    }

    fn sg_rules(&mut self, doc: &ScenarioDoc) {
        for g in &doc.security_groups {
            let Some(ResourceRef::SecurityGroup(idx)) = self.net.ids.get(&g.id).copied() else {
                continue;
            };
            let mut ingress = Vec::new();
            for (j, r) in g.ingress.iter().enumerate() {
                if let Some(rule) = self.sg_rule(&g.id, &format!("ingress[{j}]"), r) {
                    ingress.push(rule);
                }
            }
            let egress = match &g.egress {
                None => vec![defaults::sg_egress()],
                Some(rules) => {
                    let mut out = Vec::new();
                    for (j, r) in rules.iter().enumerate() {
                        if let Some(rule) = self.sg_rule(&g.id, &format!("egress[{j}]"), r) {
                            out.push(rule);
                        }
                    }
                    out
                }
            };
            let sg = &mut self.net.security_groups[idx.i()];
            sg.ingress = ingress;
            sg.egress = egress;
        }
    }

    fn sg_rule(&mut self, owner: &str, field: &str, r: &SgRuleDoc) -> Option<SgRule> {
        let protocol = self.protocol(owner, &format!("{field}.protocol"), &r.protocol)?;
        let ports = self.ports(owner, &format!("{field}.ports"), r.ports.as_ref())?;
        let given = [r.cidr.is_some(), r.prefix_list.is_some(), r.group.is_some()]
            .iter()
            .filter(|b| **b)
            .count();
        if given != 1 {
            self.d.error(
                owner,
                field,
                "give exactly one of \"cidr\", \"prefix_list\" or \"group\"",
            );
            return None;
        }
        let peer = if let Some(c) = &r.cidr {
            SgPeer::Cidr(self.cidr(owner, &format!("{field}.cidr"), c)?)
        } else if let Some(p) = &r.prefix_list {
            match self.net.ids.get(p.as_str()) {
                Some(ResourceRef::PrefixList(pl)) => SgPeer::PrefixList(*pl),
                _ => {
                    self.d.error(
                        owner,
                        &format!("{field}.prefix_list"),
                        format!("refers to prefix list \"{p}\", which is not in the input"),
                    );
                    return None;
                }
            }
        } else {
            let g = r.group.as_deref().unwrap_or_default();
            // `account/sg-id` names a group in another account (PSG).
            let bare = g.rsplit('/').next().unwrap_or(g);
            match self.net.ids.get(bare) {
                Some(ResourceRef::SecurityGroup(sg)) => SgPeer::Group(*sg),
                _ => {
                    self.d.warn(
                        owner,
                        &format!("{field}.group"),
                        format!("security group \"{g}\" is not in the input, so this rule matches nothing (UNKNOWN_PEERED_SGS)"),
                    );
                    SgPeer::UnknownGroup(g.to_string())
                }
            }
        };
        Some(SgRule {
            protocol,
            ports,
            peer,
            description: r.description.clone(),
        })
    }

    fn protocol(&mut self, owner: &str, field: &str, s: &str) -> Option<Protocol> {
        let p = Protocol::parse(s);
        if p.is_none() {
            self.d.error(
                owner,
                field,
                format!("\"{s}\" is not a protocol; use tcp, udp, icmp, all, or a number"),
            );
        }
        p
    }

    fn ports(&mut self, owner: &str, field: &str, p: Option<&PortsDoc>) -> Option<PortRange> {
        let r = match p {
            None => Some(PortRange::ALL),
            Some(PortsDoc::Number(n)) => Some(PortRange::single(*n)),
            Some(PortsDoc::Text(t)) => PortRange::parse(t),
            Some(PortsDoc::Invalid(_)) => None,
        };
        if r.is_none() {
            let backwards = match p {
                Some(PortsDoc::Text(t)) => t
                    .split_once('-')
                    .and_then(|(a, b)| {
                        Some((a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?))
                    })
                    .filter(|(a, b)| a > b),
                _ => None,
            };
            let msg = match (p, backwards) {
                (_, Some((a, b))) => format!("the range {a}-{b} is backwards; write {b}-{a}"),
                (Some(PortsDoc::Invalid(serde_json::Value::Number(n))), _) => {
                    format!("port {n} is outside 0-65535")
                }
                (Some(PortsDoc::Invalid(v)), _) => format!(
                    "{v} is not a port: use a number, a range like \"1024-65535\", or \"all\""
                ),
                (Some(PortsDoc::Text(t)), _) => format!(
                    "\"{t}\" is not a port: use a number, a range like \"1024-65535\", or \"all\""
                ),
                _ => "ports must be a number, a range like \"1024-65535\", or \"all\"".into(),
            };
            self.d.error(owner, field, msg);
        }
        r
    }

    fn nacls(&mut self, doc: &ScenarioDoc) {
        let mut assoc: IdxMap<SubnetIdx, String> = IdxMap::default();
        for a in &doc.network_acls {
            let idx = AclIdx(self.net.nacls.len() as u32);
            let vpc = self.vpc_ref(&a.id, "vpc", &a.vpc);
            if !self.register(&a.id, ResourceRef::NetworkAcl(idx)) {
                continue;
            }
            let Some(vpc) = vpc else {
                self.net.ids.remove(&a.id);
                continue;
            };
            let mut ingress = self.nacl_rules(&a.id, "ingress", a.ingress.as_deref(), a.default);
            let mut egress = self.nacl_rules(&a.id, "egress", a.egress.as_deref(), a.default);
            ingress.sort_by_key(|r| r.number);
            egress.sort_by_key(|r| r.number);
            for (j, sid) in a.subnets.iter().enumerate() {
                let field = format!("subnets[{j}]");
                if let Some(s) = self.subnet_ref(&a.id, &field, sid) {
                    if self.net.subnets[s.i()].vpc != vpc {
                        self.d
                            .error(&a.id, &field, format!("subnet {sid} is in another VPC"));
                    } else if let Some(prev) = assoc.insert(s, a.id.clone()) {
                        self.d.error(
                            &a.id,
                            &field,
                            format!("subnet {sid} is already associated with {prev}; a subnet has one network ACL"),
                        );
                    } else {
                        self.net.subnets[s.i()].nacl = idx;
                    }
                }
            }
            if a.default {
                let v = &mut self.net.vpcs[vpc.i()];
                if v.default_nacl.0 != u32::MAX {
                    self.d.error(
                        &a.id,
                        "default",
                        format!("VPC {} already has a default network ACL", v.id),
                    );
                } else {
                    v.default_nacl = idx;
                }
            }
            self.net.nacls.push(NetworkAcl {
                id: a.id.clone(),
                name: a.name.clone(),
                vpc,
                default: a.default,
                ingress,
                egress,
            });
        }
        for vi in 0..self.net.vpcs.len() {
            if self.net.vpcs[vi].default_nacl.0 == u32::MAX {
                let id = default_acl_id(&self.net.vpcs[vi].id);
                let idx = AclIdx(self.net.nacls.len() as u32);
                if !self.register(&id, ResourceRef::NetworkAcl(idx)) {
                    continue;
                }
                self.net.vpcs[vi].default_nacl = idx;
                self.net.nacls.push(NetworkAcl {
                    id,
                    name: "default".into(),
                    vpc: VpcIdx(vi as u32),
                    default: true,
                    ingress: defaults::acl_rules(),
                    egress: defaults::acl_rules(),
                });
            }
        }
        for s in &mut self.net.subnets {
            if s.nacl.0 == u32::MAX {
                s.nacl = self.net.vpcs[s.vpc.i()].default_nacl;
            }
        }
    }

    fn nacl_rules(
        &mut self,
        owner: &str,
        dir: &str,
        rules: Option<&[NaclRuleDoc]>,
        default: bool,
    ) -> Vec<NaclRule> {
        let Some(rules) = rules else {
            // The default ACL allows everything; a new custom ACL denies everything [DNACL].
            return if default {
                defaults::acl_rules()
            } else {
                Vec::new()
            };
        };
        let mut out: Vec<NaclRule> = Vec::new();
        for (j, r) in rules.iter().enumerate() {
            let field = format!("{dir}[{j}]");
            if r.rule == 0 || r.rule > 32766 {
                self.d.error(
                    owner,
                    &format!("{field}.rule"),
                    format!("rule number {} is outside 1-32766", r.rule),
                );
                continue;
            }
            if out.iter().any(|o| u32::from(o.number) == r.rule) {
                self.d.error(
                    owner,
                    &format!("{field}.rule"),
                    format!("rule number {} is used twice in {dir}", r.rule),
                );
                continue;
            }
            let Some(protocol) = self.protocol(owner, &format!("{field}.protocol"), &r.protocol)
            else {
                continue;
            };
            let Some(ports) = self.ports(owner, &format!("{field}.ports"), r.ports.as_ref()) else {
                continue;
            };
            let Some(cidr) = self.cidr(owner, &format!("{field}.cidr"), &r.cidr) else {
                continue;
            };
            let action = match r.action.to_ascii_lowercase().as_str() {
                "allow" => NaclAction::Allow,
                "deny" => NaclAction::Deny,
                other => {
                    self.d.error(
                        owner,
                        &format!("{field}.action"),
                        format!("\"{other}\" is not an action; use \"allow\" or \"deny\""),
                    );
                    continue;
                }
            };
            out.push(NaclRule {
                number: r.rule as u16,
                protocol,
                ports,
                cidr,
                action,
            });
        }
        out
    }

    fn peerings(&mut self, doc: &ScenarioDoc) {
        let mut pairs: HashMap<(VpcIdx, VpcIdx), String> = HashMap::new();
        for p in &doc.peering_connections {
            let idx = PcxIdx(self.net.peerings.len() as u32);
            let req = self.vpc_ref(&p.id, "requester", &p.requester);
            let acc = self.vpc_ref(&p.id, "accepter", &p.accepter);
            if !self.register(&p.id, ResourceRef::Peering(idx)) {
                continue;
            }
            let (Some(req), Some(acc)) = (req, acc) else {
                self.net.ids.remove(&p.id);
                continue;
            };
            let status_text = p.status.as_deref().unwrap_or("active");
            let Some(mut status) = PeeringStatus::parse(status_text) else {
                self.d.error(
                    &p.id,
                    "status",
                    format!("\"{status_text}\" is not a peering status; use active, pending-acceptance, failed, rejected, expired, deleted ..."),
                );
                continue;
            };
            if req == acc {
                self.d
                    .error(&p.id, "accepter", "a VPC cannot peer with itself");
                continue;
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
                    self.d.error(
                        &p.id,
                        "",
                        format!("these VPCs are already peered by {prev}; AWS allows one peering connection per pair of VPCs (R19)"),
                    );
                }
            }
            let mut requested_status = None;
            let (rv, av) = (&self.net.vpcs[req.i()], &self.net.vpcs[acc.i()]);
            let overlap = rv
                .cidrs
                .iter()
                .flat_map(|a| av.cidrs.iter().map(move |b| (*a, *b)))
                .find(|(a, b)| overlaps(*a, *b));
            if let Some((a, b)) = overlap {
                if live {
                    // R19: any overlapping IPv4 block, secondary ones included, fails the request.
                    self.d.warn(
                        &p.id,
                        "",
                        format!(
                            "{} ({a}) and {} ({b}) overlap, so AWS marks this peering connection failed (R19); it carries no traffic",
                            rv.id, av.id
                        ),
                    );
                    requested_status = Some(status);
                    status = PeeringStatus::Failed;
                }
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
    }

    fn reserve_explicit_ips(&mut self, doc: &ScenarioDoc) {
        let explicit: Vec<(String, String, String)> = doc
            .instances
            .iter()
            .filter_map(|i| Some((i.id.clone(), i.subnet.clone(), i.private_ip.clone()?)))
            .chain(
                doc.network_interfaces
                    .iter()
                    .map(|e| (e.id.clone(), e.subnet.clone(), e.private_ip.clone())),
            )
            .chain(
                doc.nat_gateways
                    .iter()
                    .filter_map(|n| Some((n.id.clone(), n.subnet.clone(), n.private_ip.clone()?))),
            )
            .chain(doc.endpoints.iter().flat_map(|e| {
                e.network_interfaces
                    .iter()
                    .filter_map(|n| Some((n.id.clone(), n.subnet.clone(), n.private_ip.clone()?)))
            }))
            .collect();
        for (_, subnet, ip) in explicit {
            if let (Some(ResourceRef::Subnet(s)), Ok(ip)) = (
                self.net.ids.get(&subnet).copied(),
                ip.trim().parse::<Ipv4Addr>(),
            ) {
                self.used.get_or_default(s).insert(ip);
            }
        }
    }

    /// The address for an interface: the one given (checked), or the lowest free host address.
    /// AWS reserves the first four and the last address of every subnet.
    fn address(
        &mut self,
        owner: &str,
        field: &str,
        subnet: SubnetIdx,
        given: Option<&str>,
    ) -> Option<Ipv4Addr> {
        let cidr = self.net.subnets[subnet.i()].cidr;
        if let Some(g) = given {
            let ip = self.ip(owner, field, g)?;
            if !cidr.contains(&ip) {
                self.d.error(
                    owner,
                    field,
                    format!(
                        "{ip} is not inside its subnet {} ({cidr})",
                        self.net.subnets[subnet.i()].id
                    ),
                );
                return None;
            }
            return Some(ip);
        }
        let used = self.used.get_or_default(subnet);
        let first = u32::from(cidr.network()).saturating_add(4);
        let last = u32::from(cidr.broadcast()).saturating_sub(1);
        let ip = (first..=last)
            .map(Ipv4Addr::from)
            .find(|ip| !used.contains(ip));
        match ip {
            Some(ip) => {
                used.insert(ip);
                Some(ip)
            }
            None => {
                self.d.error(
                    owner,
                    field,
                    format!("subnet {cidr} has no free address left"),
                );
                None
            }
        }
    }

    fn public_ip(&mut self, owner: &str, field: &str, s: Option<&str>) -> Option<Ipv4Addr> {
        let ip = self.ip(owner, field, s?)?;
        if is_private(ip) {
            self.d.error(
                owner,
                field,
                format!("{ip} is a private address; a public IP must be publicly routable"),
            );
            return None;
        }
        Some(ip)
    }

    fn push_eni(&mut self, e: Eni) -> Option<EniIdx> {
        let idx = EniIdx(self.net.enis.len() as u32);
        if !self.register(&e.id.clone(), ResourceRef::Eni(idx)) {
            return None;
        }
        self.net.enis.push(e);
        Some(idx)
    }

    fn nat_gateways(&mut self, doc: &ScenarioDoc) {
        for n in &doc.nat_gateways {
            let idx = NatIdx(self.net.nat_gateways.len() as u32);
            let subnet = self.subnet_ref(&n.id, "subnet", &n.subnet);
            if !self.register(&n.id, ResourceRef::NatGateway(idx)) {
                continue;
            }
            let Some(subnet) = subnet else {
                self.net.ids.remove(&n.id);
                continue;
            };
            let connectivity = match n.connectivity.as_deref().unwrap_or("public") {
                "public" => NatConnectivity::Public,
                "private" => NatConnectivity::Private,
                other => {
                    self.d.error(
                        &n.id,
                        "connectivity",
                        format!("\"{other}\" is not valid; use \"public\" or \"private\""),
                    );
                    NatConnectivity::Public
                }
            };
            let public_ip = self.public_ip(&n.id, "public_ip", n.public_ip.as_deref());
            if connectivity == NatConnectivity::Public && n.public_ip.is_none() {
                self.d.error(
                    &n.id,
                    "public_ip",
                    "a public NAT gateway needs an Elastic IP: add \"public_ip\", or set \"connectivity\": \"private\"",
                );
            }
            if connectivity == NatConnectivity::Private && public_ip.is_some() {
                self.d.warn(
                    &n.id,
                    "public_ip",
                    "a private NAT gateway has no Elastic IP; the address is ignored",
                );
            }
            let state = n.state.as_deref().unwrap_or("available");
            let Some(private_ip) =
                self.address(&n.id, "private_ip", subnet, n.private_ip.as_deref())
            else {
                continue;
            };
            let eni_id = n.eni.clone().unwrap_or_else(|| format!("eni-{}", n.id));
            let vpc = self.net.subnets[subnet.i()].vpc;
            let Some(eni) = self.push_eni(Eni {
                id: eni_id,
                name: format!("{} interface", n.id),
                subnet,
                vpc,
                private_ip,
                secondary_ips: Vec::new(),
                public_ip: if connectivity == NatConnectivity::Public {
                    public_ip
                } else {
                    None
                },
                security_groups: Vec::new(),
                source_dest_check: false,
                owner: EniOwner::NatGateway(idx),
            }) else {
                continue;
            };
            self.net.nat_gateways.push(NatGateway {
                id: n.id.clone(),
                name: n.name.clone(),
                subnet,
                connectivity,
                private_ip,
                public_ip: if connectivity == NatConnectivity::Public {
                    public_ip
                } else {
                    None
                },
                available: state == "available",
                eni,
            });
        }
    }

    fn endpoints(&mut self, doc: &ScenarioDoc) {
        for e in &doc.endpoints {
            let idx = VpceIdx(self.net.endpoints.len() as u32);
            let vpc = self.vpc_ref(&e.id, "vpc", &e.vpc);
            if !self.register(&e.id, ResourceRef::Endpoint(idx)) {
                continue;
            }
            let Some(vpc) = vpc else {
                self.net.ids.remove(&e.id);
                continue;
            };
            let policy = e
                .policy
                .as_ref()
                .and_then(|p| match crate::policy::parse(p) {
                    Ok(v) => Some(v),
                    Err(msg) => {
                        self.d.warn(
                            &e.id,
                            "policy",
                            format!("{msg}; the default policy (allow everything) is used instead"),
                        );
                        None
                    }
                });
            let svc = self
                .net
                .services
                .iter()
                .find(|s| s.name == e.service)
                .cloned();
            if svc.is_none() {
                self.d.warn(
                    &e.id,
                    "service",
                    format!("service \"{}\" is not in the built-in list; traffic to its name cannot be resolved", e.service),
                );
            }
            let kind = match e.kind.to_ascii_lowercase().as_str() {
                "gateway" => {
                    if svc.as_ref().is_some_and(|s| !s.gateway) {
                        self.d.error(
                            &e.id,
                            "type",
                            format!("{} has no gateway endpoints; only S3 and DynamoDB do. Use \"type\": \"interface\"", e.service),
                        );
                    }
                    if svc
                        .as_ref()
                        .is_some_and(|s| s.region != self.net.vpcs[vpc.i()].region)
                    {
                        self.d.error(
                            &e.id,
                            "service",
                            "a gateway endpoint serves its own Region only (R20)",
                        );
                    }
                    let mut rts = Vec::new();
                    for (j, r) in e.route_tables.iter().enumerate() {
                        match self.net.ids.get(r.as_str()) {
                            Some(ResourceRef::RouteTable(t))
                                if self.net.route_tables[t.i()].vpc == vpc =>
                            {
                                rts.push(*t)
                            }
                            Some(ResourceRef::RouteTable(_)) => self.d.error(
                                &e.id,
                                &format!("route_tables[{j}]"),
                                format!("{r} is in another VPC"),
                            ),
                            _ => self.d.error(
                                &e.id,
                                &format!("route_tables[{j}]"),
                                format!("refers to route table \"{r}\", which is not in the input"),
                            ),
                        }
                    }
                    EndpointKind::Gateway { route_tables: rts }
                }
                "interface" => {
                    let sg_ids = e
                        .security_groups
                        .clone()
                        .unwrap_or_else(|| vec![default_sg_id(&self.net.vpcs[vpc.i()].id)]);
                    let sgs = self.sg_refs(&e.id, "security_groups", &sg_ids, vpc);
                    let mut subnets = Vec::new();
                    let mut azs = HashSet::new();
                    for (j, s) in e.subnets.iter().enumerate() {
                        if let Some(si) = self.subnet_ref(&e.id, &format!("subnets[{j}]"), s) {
                            let sub = &self.net.subnets[si.i()];
                            if sub.vpc != vpc {
                                self.d.error(
                                    &e.id,
                                    &format!("subnets[{j}]"),
                                    format!("{s} is in another VPC"),
                                );
                            } else if !azs.insert(sub.az.clone()) {
                                self.d.error(&e.id, &format!("subnets[{j}]"), format!("an interface endpoint takes at most one subnet per AZ ({})", sub.az));
                            } else {
                                subnets.push(si);
                            }
                        }
                    }
                    if subnets.is_empty() {
                        self.d.error(
                            &e.id,
                            "subnets",
                            "an interface endpoint needs at least one subnet",
                        );
                    }
                    let mut enis = Vec::new();
                    for (j, si) in subnets.iter().enumerate() {
                        let given = e.network_interfaces.iter().find(|n| {
                            self.net.ids.get(&n.subnet) == Some(&ResourceRef::Subnet(*si))
                        });
                        let id = given
                            .map(|g| g.id.clone())
                            .unwrap_or_else(|| format!("eni-{}-{}", suffix(&e.id), j + 1));
                        let ip_given = given.and_then(|g| g.private_ip.clone());
                        let Some(ip) = self.address(
                            &e.id,
                            &format!("network_interfaces[{j}].private_ip"),
                            *si,
                            ip_given.as_deref(),
                        ) else {
                            continue;
                        };
                        if let Some(ei) = self.push_eni(Eni {
                            id,
                            name: format!("{} interface", e.id),
                            subnet: *si,
                            vpc,
                            private_ip: ip,
                            secondary_ips: Vec::new(),
                            public_ip: None,
                            security_groups: sgs.clone(),
                            source_dest_check: true,
                            owner: EniOwner::InterfaceEndpoint(idx),
                        }) {
                            enis.push(ei);
                        }
                    }
                    if e.private_dns
                        && !(self.net.vpcs[vpc.i()].dns_support
                            && self.net.vpcs[vpc.i()].dns_hostnames)
                    {
                        self.d.warn(&e.id, "private_dns", "private DNS needs enableDnsSupport and enableDnsHostnames on the VPC; the service name will not resolve to this endpoint");
                    }
                    EndpointKind::Interface {
                        subnets,
                        enis,
                        security_groups: sgs,
                        private_dns: e.private_dns,
                    }
                }
                other => {
                    if matches!(other, "gatewayloadbalancer" | "resource" | "servicenetwork") {
                        self.d.unsupported(
                            &e.id,
                            "type",
                            format!("{} endpoints are not modelled yet", e.kind),
                        );
                    } else {
                        self.d.error(&e.id, "type", format!("\"{other}\" is not an endpoint type; use \"gateway\" or \"interface\""));
                    }
                    self.net.ids.remove(&e.id);
                    continue;
                }
            };
            self.net.endpoints.push(Endpoint {
                id: e.id.clone(),
                name: e.name.clone(),
                vpc,
                service: e.service.clone(),
                kind,
                policy,
            });
        }
    }

    fn instances_and_enis(&mut self, doc: &ScenarioDoc) {
        for inst in &doc.instances {
            let subnet = self.subnet_ref(&inst.id, "subnet", &inst.subnet);
            let ii = self.net.instances.len();
            if !self.register(&inst.id, ResourceRef::Instance(ii)) {
                continue;
            }
            let Some(subnet) = subnet else {
                self.net.ids.remove(&inst.id);
                continue;
            };
            let vpc = self.net.subnets[subnet.i()].vpc;
            let sg_ids = inst
                .security_groups
                .clone()
                .unwrap_or_else(|| vec![default_sg_id(&self.net.vpcs[vpc.i()].id)]);
            let sgs = self.sg_refs(&inst.id, "security_groups", &sg_ids, vpc);
            let Some(ip) = self.address(&inst.id, "private_ip", subnet, inst.private_ip.as_deref())
            else {
                self.net.ids.remove(&inst.id);
                continue;
            };
            let public_ip = self.public_ip(&inst.id, "public_ip", inst.public_ip.as_deref());
            let eni_id = inst
                .eni
                .clone()
                .unwrap_or_else(|| instance_eni_id(&inst.id));
            let Some(eni) = self.push_eni(Eni {
                id: eni_id,
                name: inst.name.clone(),
                subnet,
                vpc,
                private_ip: ip,
                secondary_ips: Vec::new(),
                public_ip,
                security_groups: sgs,
                source_dest_check: inst.source_dest_check,
                owner: EniOwner::Instance(inst.id.clone()),
            }) else {
                self.net.ids.remove(&inst.id);
                continue;
            };
            let role_policy =
                inst.role_policy
                    .as_ref()
                    .and_then(|p| match crate::policy::parse(p) {
                        Ok(v) => Some(v),
                        Err(msg) => {
                            self.d.error(&inst.id, "role_policy", msg.to_string());
                            None
                        }
                    });
            self.net.instances.push(Instance {
                id: inst.id.clone(),
                name: inst.name.clone(),
                enis: vec![eni],
                role_policy,
            });
        }
        for e in &doc.network_interfaces {
            let Some(subnet) = self.subnet_ref(&e.id, "subnet", &e.subnet) else {
                continue;
            };
            let vpc = self.net.subnets[subnet.i()].vpc;
            let sg_ids = e
                .security_groups
                .clone()
                .unwrap_or_else(|| vec![default_sg_id(&self.net.vpcs[vpc.i()].id)]);
            let sgs = self.sg_refs(&e.id, "security_groups", &sg_ids, vpc);
            let Some(ip) = self.address(&e.id, "private_ip", subnet, Some(&e.private_ip)) else {
                continue;
            };
            let mut secondary = Vec::new();
            for (j, s) in e.secondary_ips.iter().enumerate() {
                if let Some(ip) =
                    self.address(&e.id, &format!("secondary_ips[{j}]"), subnet, Some(s))
                {
                    secondary.push(ip);
                }
            }
            let public_ip = self.public_ip(&e.id, "public_ip", e.public_ip.as_deref());
            let owner = match &e.instance {
                Some(i) => match self.net.ids.get(i.as_str()) {
                    Some(ResourceRef::Instance(_)) => EniOwner::Instance(i.clone()),
                    _ => {
                        self.d.error(
                            &e.id,
                            "instance",
                            format!("refers to instance \"{i}\", which is not in the input"),
                        );
                        EniOwner::Other
                    }
                },
                None => EniOwner::Other,
            };
            let inst = match &owner {
                EniOwner::Instance(i) => match self.net.ids.get(i.as_str()) {
                    Some(ResourceRef::Instance(ii)) => Some(*ii),
                    _ => None,
                },
                _ => None,
            };
            let name = if e.name.is_empty() {
                e.description.clone()
            } else {
                e.name.clone()
            };
            if let Some(ei) = self.push_eni(Eni {
                id: e.id.clone(),
                name,
                subnet,
                vpc,
                private_ip: ip,
                secondary_ips: secondary,
                public_ip,
                security_groups: sgs,
                source_dest_check: e.source_dest_check,
                owner,
            }) {
                if let Some(ii) = inst {
                    self.net.instances[ii].enis.push(ei);
                }
            }
        }
    }

    fn routes(&mut self, doc: &ScenarioDoc) {
        for t in &doc.route_tables {
            let Some(ResourceRef::RouteTable(idx)) = self.net.ids.get(&t.id).copied() else {
                continue;
            };
            let vpc = self.net.route_tables[idx.i()].vpc;
            for (j, r) in t.routes.iter().enumerate() {
                let field = format!("routes[{j}]");
                if let Some(route) = self.route(&t.id, &field, vpc, r) {
                    let dup = self.net.route_tables[idx.i()]
                        .routes
                        .iter()
                        .any(|o| o.destination == route.destination && o.origin == route.origin);
                    if dup {
                        let dest = self.net.destination_text(&route.destination);
                        self.d.error(
                            &t.id,
                            &format!("{field}.destination"),
                            format!("the table already has a route for {dest}; each destination appears once"),
                        );
                        continue;
                    }
                    self.net.route_tables[idx.i()].routes.push(route);
                }
            }
        }
        // Gateway endpoints add their prefix-list route to each associated table [GWS3].
        for (ei, e) in self.net.endpoints.iter().enumerate() {
            let EndpointKind::Gateway { route_tables } = &e.kind else {
                continue;
            };
            let Some(pl) = self
                .net
                .services
                .iter()
                .find(|s| s.name == e.service)
                .and_then(|s| s.prefix_list)
            else {
                continue;
            };
            for rt in route_tables {
                let table = &mut self.net.route_tables[rt.i()];
                let exists = table
                    .routes
                    .iter()
                    .any(|r| r.destination == Destination::PrefixList(pl));
                if !exists {
                    table.routes.push(Route {
                        destination: Destination::PrefixList(pl),
                        target: Target::GatewayEndpoint(VpceIdx(ei as u32)),
                        origin: RouteOrigin::Static,
                        blackhole: false,
                    });
                }
            }
        }
    }

    fn route(&mut self, owner: &str, field: &str, vpc: VpcIdx, r: &RouteDoc) -> Option<Route> {
        let dfield = format!("{field}.destination");
        let destination = if r.destination.starts_with("pl-") {
            match self.net.ids.get(r.destination.as_str()) {
                Some(ResourceRef::PrefixList(p)) => Destination::PrefixList(*p),
                _ => {
                    self.d.error(
                        owner,
                        &dfield,
                        format!(
                            "refers to prefix list \"{}\", which is not in the input",
                            r.destination
                        ),
                    );
                    return None;
                }
            }
        } else {
            let c = self.cidr(owner, &dfield, &r.destination)?;
            // R6: the reserved range is never a route destination.
            let reserved: Ipv4Net = Ipv4Net::new(Ipv4Addr::new(169, 254, 168, 0), 22).ok()?;
            if overlaps(c, reserved) && c.prefix_len() >= 22 {
                self.d.error(
                    owner,
                    &dfield,
                    "169.254.168.0/22 is reserved by AWS and cannot be a route destination (R6)",
                );
                return None;
            }
            Destination::Cidr(c)
        };
        let tfield = format!("{field}.target");
        let t = r.target.trim();
        let target = if t == "local" {
            Target::Local
        } else {
            match self.net.ids.get(t).copied() {
                Some(ResourceRef::InternetGateway(g)) => Target::InternetGateway(g),
                Some(ResourceRef::NatGateway(n)) => Target::NatGateway(n),
                Some(ResourceRef::Peering(p)) => Target::Peering(p),
                Some(ResourceRef::Endpoint(e)) => match self.net.endpoints[e.i()].kind {
                    EndpointKind::Gateway { .. } => Target::GatewayEndpoint(e),
                    EndpointKind::Interface { .. } => {
                        self.d.error(owner, &tfield, format!("{t} is an interface endpoint; routes can target gateway endpoints only (an interface endpoint is reached by its address)"));
                        return None;
                    }
                },
                Some(ResourceRef::VpnGateway(g)) => Target::VpnGateway(g),
                Some(ResourceRef::Eni(e)) => Target::NetworkInterface(e),
                Some(ResourceRef::Instance(i)) => {
                    Target::NetworkInterface(self.net.instances[i].enis[0])
                }
                Some(_) => {
                    self.d
                        .error(owner, &tfield, format!("{t} cannot be a route target"));
                    return None;
                }
                None => {
                    let known = ["igw-", "nat-", "pcx-", "vpce-", "vgw-", "eni-", "i-"];
                    let unsupported = ["tgw-", "eigw-", "cagw-", "lgw-", "arn:"];
                    if unsupported.iter().any(|p| t.starts_with(p)) {
                        // AWS input was already reported by the converter, with AWS's field name.
                        if !self.targets_reported {
                            self.d.unsupported(owner, &tfield, format!("routes to {t} are not modelled; packets that match this route stop there"));
                        }
                        Target::Unsupported(t.to_string())
                    } else if known.iter().any(|p| t.starts_with(p)) {
                        // AWS keeps routes to deleted targets as blackhole routes [RST].
                        self.d.warn(
                            owner,
                            &tfield,
                            format!(
                                "target {t} is not in the input; the route is treated as blackhole"
                            ),
                        );
                        Target::Missing(t.to_string())
                    } else {
                        self.d.error(owner, &tfield, format!("\"{t}\" is not a route target; use \"local\" or the id of an igw-, nat-, pcx-, vpce-, vgw-, eni- or i- resource"));
                        return None;
                    }
                }
            }
        };
        // Checks that tie the target to this VPC.
        let vpc_id = self.net.vpcs[vpc.i()].id.clone();
        match &target {
            Target::InternetGateway(g) if self.net.internet_gateways[g.i()].vpc != Some(vpc) => {
                self.d.warn(
                    owner,
                    &tfield,
                    format!("{t} is not attached to {vpc_id}; the route is blackhole (R4)"),
                );
            }
            Target::VpnGateway(g) if self.net.vpn_gateways[g.i()].vpc != Some(vpc) => {
                self.d.warn(
                    owner,
                    &tfield,
                    format!("{t} is not attached to {vpc_id}; the route is blackhole (R4)"),
                );
            }
            Target::NatGateway(n)
                if self.net.subnets[self.net.nat_gateways[n.i()].subnet.i()].vpc != vpc =>
            {
                self.d.error(
                    owner,
                    &tfield,
                    format!(
                        "{t} is in another VPC; a route can only use a NAT gateway in its own VPC"
                    ),
                );
                return None;
            }
            Target::Peering(p) => {
                let pc = &self.net.peerings[p.i()];
                if pc.other_side(vpc).is_none() {
                    self.d
                        .error(owner, &tfield, format!("{t} does not connect {vpc_id}"));
                    return None;
                }
                if pc.status != PeeringStatus::Active {
                    self.d.warn(owner, &tfield, format!("{t} is {}, so this route is blackhole until the connection is active (R4)", pc.status.as_str()));
                }
            }
            Target::GatewayEndpoint(e) if self.net.endpoints[e.i()].vpc != vpc => {
                self.d
                    .error(owner, &tfield, format!("{t} is in another VPC"));
                return None;
            }
            Target::NetworkInterface(e) if self.net.enis[e.i()].vpc != vpc => {
                self.d
                    .error(owner, &tfield, format!("{t} is in another VPC"));
                return None;
            }
            _ => {}
        }
        // R5: a route inside the VPC's range must be a whole subnet, to a NAT gateway or ENI.
        if let Destination::Cidr(c) = &destination {
            let inside = self.net.vpcs[vpc.i()].cidrs.iter().any(|vc| vc.contains(c));
            if inside && target != Target::Local {
                let whole_subnet = self
                    .net
                    .subnets
                    .iter()
                    .any(|s| s.vpc == vpc && s.cidr == *c);
                let ok_target =
                    matches!(target, Target::NatGateway(_) | Target::NetworkInterface(_));
                if !(whole_subnet && ok_target) {
                    self.d.error(owner, &dfield, format!("{c} is inside the VPC; a route more specific than local must cover a whole subnet and point to a NAT gateway or network interface (R5)"));
                    return None;
                }
            }
        }
        Some(Route {
            destination,
            target,
            origin: if r.propagated {
                RouteOrigin::Propagated
            } else {
                RouteOrigin::Static
            },
            blackhole: r.blackhole,
        })
    }

    fn buckets(&mut self, doc: &ScenarioDoc) {
        for (i, bk) in doc.buckets.iter().enumerate() {
            let policy = bk
                .policy
                .as_ref()
                .and_then(|p| match crate::policy::parse(p) {
                    Ok(v) => Some(v),
                    Err(msg) => {
                        self.d
                            .error(&bk.name, &format!("buckets[{i}].policy"), msg.to_string());
                        None
                    }
                });
            self.net.buckets.push(Bucket {
                name: bk.name.clone(),
                policy,
            });
        }
    }

    fn checks(&mut self) {
        // Warn about overlapping prefix lists routed to different targets (R2).
        for (i, v) in self.net.vpcs.iter().enumerate() {
            let _ = (i, v);
        }
        // Interfaces whose address appears twice in a VPC.
        let mut seen: HashMap<(VpcIdx, Ipv4Addr), String> = HashMap::new();
        let mut dups = Vec::new();
        for e in &self.net.enis {
            for ip in std::iter::once(&e.private_ip).chain(&e.secondary_ips) {
                if let Some(prev) = seen.insert((e.vpc, *ip), e.id.clone()) {
                    dups.push((e.id.clone(), *ip, prev));
                }
            }
        }
        for (id, ip, prev) in dups {
            self.d.error(
                &id,
                "private_ip",
                format!("{ip} is also used by {prev}; addresses in a VPC are unique"),
            );
        }
        let mut pubs: HashMap<Ipv4Addr, String> = HashMap::new();
        let mut dups = Vec::new();
        for e in &self.net.enis {
            if let Some(p) = e.public_ip {
                if let Some(prev) = pubs.insert(p, e.id.clone()) {
                    dups.push((e.id.clone(), p, prev));
                }
            }
        }
        for (id, ip, prev) in dups {
            self.d.error(
                &id,
                "public_ip",
                format!("{ip} is also used by {prev}; a public IP belongs to one interface"),
            );
        }
    }
}
