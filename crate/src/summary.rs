//! The loaded model as plain JSON-ready data, for the page's diagram and editors.
//!
//! Everything the page draws comes from here, with generated resources (default route
//! tables, ACLs, groups, interfaces) included and every rule as text, so the page never
//! re-implements a rule of the engine.

use crate::load::Loaded;
use crate::model::*;
use serde::Serialize;

mod tgw;
pub use tgw::{TgwAttS, TgwRouteS, TgwRtbS, TgwS};

/// The whole model.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub name: String,
    pub vpcs: Vec<VpcS>,
    pub subnets: Vec<SubnetS>,
    pub route_tables: Vec<RouteTableS>,
    pub internet_gateways: Vec<IgwS>,
    pub nat_gateways: Vec<NatS>,
    pub peering_connections: Vec<PeeringS>,
    pub endpoints: Vec<EndpointS>,
    pub instances: Vec<InstanceS>,
    pub network_interfaces: Vec<EniS>,
    pub security_groups: Vec<SgS>,
    pub network_acls: Vec<AclS>,
    pub vpn_gateways: Vec<VgwS>,
    /// Transit gateways with their attachments and route tables (issue 10).
    pub transit_gateways: Vec<TgwS>,
    /// Service names a flow can go to (those in the scenario's Regions).
    pub services: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct VpcS {
    pub id: String,
    pub name: String,
    pub region: String,
    pub account: String,
    pub cidrs: Vec<String>,
    pub main_route_table: String,
    pub default_network_acl: String,
    /// The peering connection that is all the input knows of this VPC (R27).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_only_from: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SubnetS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub az: String,
    pub cidr: String,
    pub route_table: String,
    /// Whether the table was associated explicitly (false: the VPC's main table).
    pub explicit_route_table: bool,
    pub network_acl: String,
    /// R13: public means its route table sends some traffic to an attached internet gateway.
    pub public: bool,
}

#[derive(Debug, Serialize)]
pub struct RouteS {
    pub destination: String,
    pub target: String,
    pub origin: RouteOrigin,
    /// `active` or `blackhole` (derived from the target's state too, R4).
    pub state: &'static str,
    /// Whether the route comes from the scenario's own list (editable) or is implied
    /// (`local`, or a gateway endpoint's prefix-list route).
    pub editable: bool,
}

#[derive(Debug, Serialize)]
pub struct RouteTableS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub main: bool,
    pub subnets: Vec<String>,
    /// The internet gateways whose entering traffic it routes (edge associations, R23).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gateways: Vec<String>,
    pub routes: Vec<RouteS>,
}

#[derive(Debug, Serialize)]
pub struct IgwS {
    pub id: String,
    pub name: String,
    pub vpc: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NatS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub subnet: String,
    pub connectivity: &'static str,
    pub private_ip: String,
    pub public_ip: Option<String>,
    pub available: bool,
}

#[derive(Debug, Serialize)]
pub struct PeeringS {
    pub id: String,
    pub name: String,
    pub requester: String,
    pub accepter: String,
    pub status: &'static str,
    pub cross_region: bool,
    pub cross_account: bool,
}

#[derive(Debug, Serialize)]
pub struct EndpointS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub service: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub route_tables: Vec<String>,
    pub subnets: Vec<String>,
    pub network_interfaces: Vec<String>,
    pub security_groups: Vec<String>,
    pub private_dns: bool,
    pub policy: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct InstanceS {
    pub id: String,
    pub name: String,
    pub network_interfaces: Vec<String>,
    /// Left out while running; `stopped`, `stopping`, ... otherwise (R27).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<InstanceState>,
}

#[derive(Debug, Serialize)]
pub struct EniS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub subnet: String,
    pub private_ip: String,
    pub public_ip: Option<String>,
    pub security_groups: Vec<String>,
    pub source_dest_check: bool,
    /// `instance`, `nat-gateway`, `interface-endpoint` or `other`.
    pub owner_kind: &'static str,
    /// The owning instance, NAT gateway or endpoint id.
    pub owner: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SgS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub ingress: Vec<String>,
    pub egress: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AclS {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub default: bool,
    pub subnets: Vec<String>,
    /// Rules as text, in order, ending with the final `*` deny.
    pub ingress: Vec<String>,
    pub egress: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct VgwS {
    pub id: String,
    pub name: String,
    pub vpc: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub onprem_cidrs: Vec<String>,
}

fn route_state(net: &Network, rt: &RouteTable, r: &Route) -> &'static str {
    if net.is_blackhole(rt.vpc, r) {
        "blackhole"
    } else {
        "active"
    }
}

/// Builds the summary of a loaded estate.
pub fn summarize(l: &Loaded) -> Summary {
    let net = &l.net;
    let regions: Vec<&str> = net.vpcs.iter().map(|v| v.region.as_str()).collect();
    Summary {
        name: net.name.clone(),
        vpcs: net.vpcs.iter().map(|v| vpc(net, v)).collect(),
        subnets: (0..net.subnets.len())
            .map(|i| subnet(net, SubnetIdx(i as u32)))
            .collect(),
        route_tables: route_tables(l),
        internet_gateways: net.internet_gateways.iter().map(|g| igw(net, g)).collect(),
        nat_gateways: net.nat_gateways.iter().map(|n| nat(net, n)).collect(),
        peering_connections: net.peerings.iter().map(|p| peering(net, p)).collect(),
        endpoints: net.endpoints.iter().map(|e| endpoint(net, e)).collect(),
        instances: net.instances.iter().map(|i| instance(net, i)).collect(),
        network_interfaces: net.enis.iter().map(|e| eni(net, e)).collect(),
        security_groups: net.security_groups.iter().map(|g| sg(net, g)).collect(),
        network_acls: network_acls(net),
        vpn_gateways: net.vpn_gateways.iter().map(|g| vgw(net, g)).collect(),
        transit_gateways: tgw::transit_gateways(net),
        services: net
            .services
            .iter()
            .filter(|s| regions.contains(&s.region.as_str()))
            .map(|s| s.name.clone())
            .collect(),
    }
}

fn vpc_id(net: &Network, v: VpcIdx) -> String {
    net.vpcs[v.i()].id.clone()
}

fn vpc(net: &Network, v: &Vpc) -> VpcS {
    VpcS {
        id: v.id.clone(),
        name: v.name.clone(),
        region: v.region.clone(),
        account: v.account.clone(),
        cidrs: v.cidrs.iter().map(|c| c.to_string()).collect(),
        main_route_table: net.route_tables[v.main_route_table.i()].id.clone(),
        default_network_acl: net.nacls[v.default_nacl.i()].id.clone(),
        known_only_from: v.known_only_from.clone(),
    }
}

fn subnet(net: &Network, si: SubnetIdx) -> SubnetS {
    let s = &net.subnets[si.i()];
    let table = &net.route_tables[net.route_table_of(si).i()];
    let public = table.routes.iter().any(|r| {
        matches!(r.target, Target::InternetGateway(g) if net.internet_gateways[g.i()].vpc == Some(s.vpc))
    });
    SubnetS {
        id: s.id.clone(),
        name: s.name.clone(),
        vpc: vpc_id(net, s.vpc),
        az: s.az.clone(),
        cidr: s.cidr.to_string(),
        route_table: table.id.clone(),
        explicit_route_table: s.route_table.is_some(),
        network_acl: net.nacls[s.nacl.i()].id.clone(),
        public,
    }
}

fn route_tables(l: &Loaded) -> Vec<RouteTableS> {
    let net = &l.net;
    // Looked up once, not per table: AWS imports can have thousands of tables.
    let doc_routes: std::collections::HashMap<&str, usize> = l
        .doc
        .route_tables
        .iter()
        .map(|d| (d.id.as_str(), d.routes.len()))
        .collect();
    let table = |(i, rt): (usize, &RouteTable)| {
        let doc_routes = doc_routes.get(rt.id.as_str()).copied().unwrap_or(0);
        let locals = net.vpcs[rt.vpc.i()].cidrs.len();
        RouteTableS {
            id: rt.id.clone(),
            name: rt.name.clone(),
            vpc: vpc_id(net, rt.vpc),
            main: rt.main,
            subnets: l
                .ix
                .subnets_of_rtb
                .get(&RtbIdx(i as u32))
                .map(|v| v.iter().map(|s| net.subnets[s.i()].id.clone()).collect())
                .unwrap_or_default(),
            gateways: edge_gateways(net, RtbIdx(i as u32)),
            routes: rt
                .routes
                .iter()
                .enumerate()
                .map(|(j, r)| RouteS {
                    destination: net.destination_text(&r.destination),
                    target: net.target_id(&r.target),
                    origin: r.origin,
                    state: route_state(net, rt, r),
                    editable: j >= locals && j < locals + doc_routes,
                })
                .collect(),
        }
    };
    net.route_tables.iter().enumerate().map(table).collect()
}

fn igw(net: &Network, g: &InternetGateway) -> IgwS {
    IgwS {
        id: g.id.clone(),
        name: g.name.clone(),
        vpc: g.vpc.map(|v| vpc_id(net, v)),
    }
}

fn nat(net: &Network, n: &NatGateway) -> NatS {
    NatS {
        id: n.id.clone(),
        name: n.name.clone(),
        vpc: vpc_id(net, net.subnets[n.subnet.i()].vpc),
        subnet: net.subnets[n.subnet.i()].id.clone(),
        connectivity: match n.connectivity {
            NatConnectivity::Public => "public",
            NatConnectivity::Private => "private",
        },
        private_ip: n.private_ip.to_string(),
        public_ip: n.public_ip.map(|p| p.to_string()),
        available: n.available,
    }
}

fn peering(net: &Network, p: &Peering) -> PeeringS {
    let (a, b) = (&net.vpcs[p.requester.i()], &net.vpcs[p.accepter.i()]);
    PeeringS {
        id: p.id.clone(),
        name: p.name.clone(),
        requester: a.id.clone(),
        accepter: b.id.clone(),
        status: p.status.as_str(),
        cross_region: a.region != b.region,
        cross_account: a.account != b.account,
    }
}

fn endpoint(net: &Network, e: &Endpoint) -> EndpointS {
    let mut out = EndpointS {
        id: e.id.clone(),
        name: e.name.clone(),
        vpc: vpc_id(net, e.vpc),
        service: e.service.clone(),
        kind: "gateway",
        route_tables: vec![],
        subnets: vec![],
        network_interfaces: vec![],
        security_groups: vec![],
        private_dns: false,
        policy: e.policy.as_ref().map(|p| p.to_string()),
    };
    match &e.kind {
        EndpointKind::Gateway { route_tables } => {
            out.route_tables = route_tables
                .iter()
                .map(|r| net.route_tables[r.i()].id.clone())
                .collect();
        }
        EndpointKind::Interface {
            subnets,
            enis,
            security_groups,
            private_dns,
        } => {
            out.kind = "interface";
            out.subnets = subnets
                .iter()
                .map(|s| net.subnets[s.i()].id.clone())
                .collect();
            out.network_interfaces = enis.iter().map(|x| net.enis[x.i()].id.clone()).collect();
            out.security_groups = sg_ids(net, security_groups);
            out.private_dns = *private_dns;
        }
    }
    out
}

fn sg_ids(net: &Network, groups: &[SgIdx]) -> Vec<String> {
    groups
        .iter()
        .map(|g| net.security_groups[g.i()].id.clone())
        .collect()
}

fn instance(net: &Network, i: &Instance) -> InstanceS {
    InstanceS {
        id: i.id.clone(),
        name: i.name.clone(),
        network_interfaces: i.enis.iter().map(|e| net.enis[e.i()].id.clone()).collect(),
        state: (!i.state.is_running()).then_some(i.state),
    }
}

fn eni(net: &Network, e: &Eni) -> EniS {
    let (owner_kind, owner) = match &e.owner {
        EniOwner::Instance(i) => ("instance", Some(net.instances[*i].id.clone())),
        EniOwner::NatGateway(n) => ("nat-gateway", Some(net.nat_gateways[n.i()].id.clone())),
        EniOwner::InterfaceEndpoint(v) => {
            ("interface-endpoint", Some(net.endpoints[v.i()].id.clone()))
        }
        EniOwner::Service(s) => ("service", Some(s.service().to_string())),
        EniOwner::Detached => ("detached", None),
        EniOwner::Other => ("other", None),
    };
    EniS {
        id: e.id.clone(),
        name: e.name.clone(),
        vpc: vpc_id(net, e.vpc),
        subnet: net.subnets[e.subnet.i()].id.clone(),
        private_ip: e.private_ip.to_string(),
        public_ip: e.public_ip.map(|p| p.to_string()),
        security_groups: sg_ids(net, &e.security_groups),
        source_dest_check: e.source_dest_check,
        owner_kind,
        owner,
    }
}

fn sg(net: &Network, g: &SecurityGroup) -> SgS {
    SgS {
        id: g.id.clone(),
        name: g.name.clone(),
        vpc: vpc_id(net, g.vpc),
        ingress: g
            .ingress
            .iter()
            .map(|r| sg_rule_text(net, r, Direction::Ingress))
            .collect(),
        egress: g
            .egress
            .iter()
            .map(|r| sg_rule_text(net, r, Direction::Egress))
            .collect(),
    }
}

fn network_acls(net: &Network) -> Vec<AclS> {
    // Grouped once, not per ACL: AWS imports can have thousands of ACLs.
    let mut subnets_of_acl: Vec<Vec<String>> = vec![Vec::new(); net.nacls.len()];
    for s in &net.subnets {
        subnets_of_acl[s.nacl.i()].push(s.id.clone());
    }
    let text = |rules: &[NaclRule]| {
        let mut v: Vec<String> = rules.iter().map(nacl_rule_text).collect();
        v.push("* deny all 0.0.0.0/0".into());
        v
    };
    net.nacls
        .iter()
        .zip(subnets_of_acl)
        .map(|(a, subnets)| AclS {
            id: a.id.clone(),
            name: a.name.clone(),
            vpc: vpc_id(net, a.vpc),
            default: a.default,
            subnets,
            ingress: text(&a.ingress),
            egress: text(&a.egress),
        })
        .collect()
}

fn vgw(net: &Network, g: &VpnGateway) -> VgwS {
    VgwS {
        id: g.id.clone(),
        name: g.name.clone(),
        vpc: g.vpc.map(|v| vpc_id(net, v)),
        kind: match g.kind {
            EdgeKind::Vpn => "vpn",
            EdgeKind::DirectConnect => "direct-connect",
        },
        onprem_cidrs: g.onprem_cidrs.iter().map(|c| c.to_string()).collect(),
    }
}

/// Whether an address is outside private space (used by the page to label destinations).
pub fn is_public(ip: std::net::Ipv4Addr) -> bool {
    !is_private(ip)
}

/// The gateways whose entering traffic table `rtb` routes (R23).
fn edge_gateways(net: &Network, rtb: RtbIdx) -> Vec<String> {
    let igws = net.internet_gateways.iter().map(|g| (g.edge_table, &g.id));
    let vgws = net.vpn_gateways.iter().map(|g| (g.edge_table, &g.id));
    igws.chain(vgws)
        .filter(|(t, _)| *t == Some(rtb))
        .map(|(_, id)| id.clone())
        .collect()
}
