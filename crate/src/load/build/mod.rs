//! `ScenarioDoc` -> validated `Network`: parse addresses, apply the format's defaults, resolve
//! references, and record every problem at once.
//!
//! Defaults are added, never written back into the document: a VPC without a main route
//! table, default ACL or default security group gets a generated one with a predictable id
//! (`rtb-<vpc>-main`, `acl-<vpc>-default`, `sg-<vpc>-default`), so fixes can name it.
//!
//! `build` runs the passes in dependency order; each file holds one `impl Builder` block:
//! `refs` (ids, references, addresses), `network` (VPCs, subnets, route tables, gateways,
//! peerings), `security` (groups and ACLs), `enis` (interfaces, NAT gateways, instances),
//! `endpoints`, `routes` and `checks` (what needs the whole network).

mod checks;
mod endpoints;
mod enis;
mod network;
mod refs;
mod routes;
mod security;
mod tgw;
mod vpn;

use super::scenario::*;
use super::Format;
use crate::model::*;
use crate::validate::Diagnostics;
use ipnet::Ipv4Net;
use std::collections::HashSet;
use std::net::Ipv4Addr;

/// Region used when neither the VPC nor the scenario names one.
pub const DEFAULT_REGION: &str = "us-east-1";
/// Account used when neither the VPC nor the scenario names one.
pub const DEFAULT_ACCOUNT: &str = "111111111111";

pub use crate::model::ids::{default_acl_id, default_sg_id, instance_eni_id, main_rtb_id};

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
    b.edge_associations(doc);
    b.transit_gateways(doc);
    b.vpn_connections(doc);
    b.security_groups(doc);
    b.nacls(doc);
    b.peerings(doc);
    b.reserve_explicit_ips(doc);
    b.nat_gateways(doc);
    b.endpoints(doc);
    b.instances_and_enis(doc);
    b.sg_rules(doc);
    b.routes(doc);
    b.tgw_routes(doc);
    b.buckets(doc);
    b.checks();
    if b.d.has_errors() {
        None
    } else {
        Some(b.net)
    }
}
