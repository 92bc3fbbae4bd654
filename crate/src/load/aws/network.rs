//! VPCs, subnets, peering connections, internet gateways and Regions.

use super::records::{name_of, PeerSide, PeeringRec};
use super::{one_or_many, push_unique, Conv};
use crate::load::scenario::{IgwDoc, PeeringDoc, SubnetDoc, VpcDoc};
use std::collections::HashSet;

/// The Region of an availability zone name: the dash-separated parts up to the first one that
/// starts with a digit, without the zone letter. This covers `us-east-1a`, local zones
/// (`us-west-2-lax-1a`), Wavelength zones (`us-east-1-wl1-bos-wlz-1`) and `us-gov-west-1a`.
pub(super) fn region_of_az(az: &str) -> Option<String> {
    let parts: Vec<&str> = az.split('-').collect();
    let i = parts
        .iter()
        .position(|p| p.starts_with(|c: char| c.is_ascii_digit()))?;
    if i < 2 {
        return None;
    }
    let number = parts[i].trim_end_matches(|c: char| c.is_ascii_lowercase());
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{}-{number}", parts[..i].join("-")))
}

impl<'a> Conv<'a, '_, '_> {
    /// Records where a VPC's Region was seen; a second, different Region is a warning.
    fn region_seen(&mut self, vpc: &str, region: &str, source: String) {
        match self.regions.get(vpc) {
            None => {
                self.regions
                    .insert(vpc.to_string(), (region.to_string(), source));
            }
            Some((r, first)) if r != region && self.region_conflicts.insert(vpc.to_string()) => {
                self.d.warn(
                    vpc,
                    "",
                    format!("{first} places it in {r}, but {source} in {region}; {r} is used"),
                );
            }
            Some(_) => {}
        }
    }

    pub(super) fn vpcs(&mut self) {
        let input = self.input;
        for r in &input.vpcs {
            let v = r.rec;
            let mut cidrs = Vec::new();
            for a in &v.cidr_block_association_set {
                let state = a.cidr_block_state.as_ref().and_then(|s| s.state.as_deref());
                // A block being associated or removed carries no traffic.
                if state.is_some_and(|s| s != "associated") {
                    continue;
                }
                if let Some(c) = &a.cidr_block {
                    push_unique(&mut cidrs, c);
                }
            }
            match &v.cidr_block {
                Some(p) if cidrs.is_empty() => cidrs.push(p.clone()),
                Some(p) => {
                    if let Some(i) = cidrs.iter().position(|c| c == p) {
                        let c = cidrs.remove(i);
                        cidrs.insert(0, c);
                    }
                }
                None if cidrs.is_empty() => {
                    r.missing("CidrBlock", self.d);
                    continue;
                }
                None => {}
            }
            self.vpc_cidrs.insert(v.vpc_id.clone(), cidrs.clone());
            let (cidr, cidrs) = one_or_many(cidrs);
            self.doc.vpcs.push(VpcDoc {
                id: v.vpc_id.clone(),
                name: name_of(&v.tags),
                cidr,
                cidrs,
                region: None,
                account: v.owner_id.clone(),
                // describe-vpcs does not print the DNS attributes (describe-vpc-attribute does).
                dns_support: true,
                dns_hostnames: true,
                known_only_from: None,
            });
        }
    }

    pub(super) fn subnets(&mut self) {
        let input = self.input;
        for r in &input.subnets {
            let s = r.rec;
            let Some(cidr) = &s.cidr_block else {
                if s.ipv6_native == Some(true) {
                    let why =
                        "an IPv6-only subnet: IPv6 is not modelled, so the subnet is left out";
                    self.d.unsupported(&s.subnet_id, "Ipv6Native", why);
                } else {
                    r.missing("CidrBlock", self.d);
                }
                continue;
            };
            let az = s.availability_zone.as_deref();
            if let Some(region) = az.and_then(region_of_az) {
                let source = format!("subnet {} ({})", s.subnet_id, az.unwrap_or_default());
                self.region_seen(&s.vpc_id, &region, source);
            }
            self.doc.subnets.push(SubnetDoc {
                id: s.subnet_id.clone(),
                name: name_of(&s.tags),
                vpc: s.vpc_id.clone(),
                cidr: cidr.clone(),
                az: s.availability_zone.clone(),
            });
        }
    }

    pub(super) fn peerings(&mut self) {
        let input = self.input;
        for r in &input.peerings {
            let p = r.rec;
            let id = &p.vpc_peering_connection_id;
            let status = p.status.as_ref().and_then(|s| s.code.as_deref());
            if let Some(vpc) = self.unknown_side_of_ended(p, status) {
                // R27: AWS keeps a deleted, rejected, expired or failed connection listed for
                // days, often naming a VPC of another account; it forwards nothing.
                self.d.warn(
                    id,
                    "",
                    format!(
                        "the connection is {} and names VPC {vpc}, which is not in these files and \
                         whose CIDR it does not give; it is left out (it carries no traffic, R27)",
                        status.unwrap_or_default()
                    ),
                );
                continue;
            }
            for side in [&p.requester_vpc_info, &p.accepter_vpc_info] {
                if let Some(region) = &side.region {
                    self.region_seen(&side.vpc_id, region, format!("peering connection {id}"));
                }
                self.peer_vpc(side, id);
            }
            self.doc.peering_connections.push(PeeringDoc {
                id: id.clone(),
                name: name_of(&p.tags),
                requester: p.requester_vpc_info.vpc_id.clone(),
                accepter: p.accepter_vpc_info.vpc_id.clone(),
                status: p.status.as_ref().and_then(|s| s.code.clone()),
            });
        }
    }

    /// For a connection in an end state, a side whose VPC is neither in the files nor given a
    /// CIDR by the connection: nothing can be drawn or traced for it.
    fn unknown_side_of_ended(&self, p: &PeeringRec, status: Option<&str>) -> Option<String> {
        if !matches!(status, Some("deleted" | "rejected" | "expired" | "failed")) {
            return None;
        }
        [&p.requester_vpc_info, &p.accepter_vpc_info]
            .into_iter()
            .find(|side| {
                !self.vpc_cidrs.contains_key(&side.vpc_id)
                    && side.cidr_block.is_none()
                    && side.cidr_block_set.iter().all(|b| b.cidr_block.is_none())
            })
            .map(|side| side.vpc_id.clone())
    }

    /// A VPC the input does not describe, typically the other account's or Region's side of a
    /// peering connection, is made from what the connection says about it, so routes to the
    /// connection still lead somewhere.
    fn peer_vpc(&mut self, side: &'a PeerSide, pcx: &str) {
        let vpc = side.vpc_id.as_str();
        if self.vpc_cidrs.contains_key(vpc) {
            return;
        }
        let mut cidrs = Vec::new();
        for b in &side.cidr_block_set {
            if let Some(c) = &b.cidr_block {
                push_unique(&mut cidrs, c);
            }
        }
        match &side.cidr_block {
            Some(p) if !cidrs.iter().any(|c| c == p) => cidrs.insert(0, p.clone()),
            _ => {}
        }
        // Marks the VPC as handled either way, so a second connection does not repeat this.
        self.vpc_cidrs.insert(vpc.to_string(), cidrs.clone());
        if cidrs.is_empty() {
            self.d.warn(
                vpc,
                "",
                format!(
                    "VPC {vpc} is a side of peering connection {pcx} but is not in the input, and the \
                     connection does not give its CIDR; add its describe-vpcs output"
                ),
            );
            return;
        }
        self.d.warn(
            vpc,
            "",
            format!(
                "peer VPC described only by the peering connection {pcx} (account {}, Region {}): its \
                 CIDRs come from there; its subnets, route tables and security groups are unknown",
                side.owner_id.as_deref().unwrap_or("unknown"),
                side.region.as_deref().unwrap_or("unknown")
            ),
        );
        let (cidr, cidrs) = one_or_many(cidrs);
        self.doc.vpcs.push(VpcDoc {
            id: vpc.to_string(),
            name: String::new(),
            cidr,
            cidrs,
            region: side.region.clone(),
            account: side.owner_id.clone(),
            dns_support: true,
            dns_hostnames: true,
            known_only_from: Some(pcx.to_string()),
        });
    }

    pub(super) fn internet_gateways(&mut self) {
        let input = self.input;
        for r in &input.internet_gateways {
            let g = r.rec;
            // describe-internet-gateways prints "available" for an attached gateway.
            let vpc = g
                .attachments
                .iter()
                .filter(|a| matches!(a.state.as_deref(), Some("available" | "attached")))
                .find_map(|a| a.vpc_id.clone());
            self.doc.internet_gateways.push(IgwDoc {
                id: g.internet_gateway_id.clone(),
                name: name_of(&g.tags),
                vpc,
            });
        }
    }

    /// Gives each VPC the Region its subnets or peering connections place it in. The default
    /// Region is the one all VPCs from describe-vpcs share (each describe call covers one
    /// Region), so VPCs with no evidence land there too.
    pub(super) fn apply_regions(&mut self) {
        for v in &mut self.doc.vpcs {
            if v.region.is_none() {
                v.region = self.regions.get(&v.id).map(|(r, _)| r.clone());
            }
        }
        let described: HashSet<&str> = self
            .input
            .vpcs
            .iter()
            .map(|r| r.rec.vpc_id.as_str())
            .collect();
        let mut regions = self
            .doc
            .vpcs
            .iter()
            .filter(|v| described.contains(v.id.as_str()))
            .filter_map(|v| v.region.as_deref());
        // Only when every described VPC that has a Region has the same one.
        if let Some(first) = regions.next() {
            if regions.all(|r| r == first) {
                self.doc.region = Some(first.to_string());
            }
        }
    }
}
