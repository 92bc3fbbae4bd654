//! VPC endpoints: gateway endpoints (by route table) and interface endpoints (by subnet, each
//! with its own interfaces).

use super::Builder;
use super::{default_sg_id, suffix};
use crate::load::scenario::*;
use crate::model::*;
use std::collections::HashSet;

impl Builder<'_> {
    pub(super) fn endpoints(&mut self, doc: &ScenarioDoc) {
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
}
