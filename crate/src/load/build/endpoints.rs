//! VPC endpoints: gateway endpoints (by route table) and interface endpoints (by subnet, each
//! with its own interfaces).

use super::default_sg_id;
use super::Builder;
use crate::load::scenario::*;
use crate::model::*;
use std::collections::HashSet;

impl Builder<'_> {
    pub(super) fn endpoints(&mut self, doc: &ScenarioDoc) {
        for e in &doc.endpoints {
            self.endpoint(e);
        }
    }

    fn endpoint(&mut self, e: &EndpointDoc) {
        let idx = VpceIdx(self.net.endpoints.len() as u32);
        let vpc = self.vpc_ref(&e.id, "vpc", &e.vpc);
        if !self.register(&e.id, ResourceRef::Endpoint(idx)) {
            return;
        }
        let Some(vpc) = vpc else {
            self.net.ids.remove(&e.id);
            return;
        };
        let policy = self.endpoint_policy(e);
        let svc = self.endpoint_service(e);
        let kind = match e.kind.to_ascii_lowercase().as_str() {
            "gateway" => self.gateway_endpoint(e, vpc, svc.as_ref()),
            "interface" => self.interface_endpoint(e, vpc, idx),
            other => {
                self.unknown_endpoint_type(e, other);
                self.net.ids.remove(&e.id);
                return;
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

    /// The endpoint's policy; one that does not parse is reported and replaced by the default.
    fn endpoint_policy(&mut self, e: &EndpointDoc) -> Option<serde_json::Value> {
        let p = e.policy.as_ref()?;
        match crate::policy::parse(p) {
            Ok(v) => Some(v),
            Err(msg) => {
                self.d.warn(
                    &e.id,
                    "policy",
                    format!("{msg}; the default policy (allow everything) is used instead"),
                );
                None
            }
        }
    }

    /// The built-in service the endpoint names, or a warning that it is unknown.
    fn endpoint_service(&mut self, e: &EndpointDoc) -> Option<AwsService> {
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
                format!(
                    "service \"{}\" is not in the built-in list; traffic to its name cannot be resolved",
                    e.service
                ),
            );
        }
        svc
    }

    fn unknown_endpoint_type(&mut self, e: &EndpointDoc, other: &str) {
        if matches!(other, "gatewayloadbalancer" | "resource" | "servicenetwork") {
            self.d.unsupported(
                &e.id,
                "type",
                format!("{} endpoints are not modelled yet", e.kind),
            );
        } else {
            self.d.error(
                &e.id,
                "type",
                format!("\"{other}\" is not an endpoint type; use \"gateway\" or \"interface\""),
            );
        }
    }

    fn gateway_endpoint(
        &mut self,
        e: &EndpointDoc,
        vpc: VpcIdx,
        svc: Option<&AwsService>,
    ) -> EndpointKind {
        if svc.is_some_and(|s| !s.gateway) {
            self.d.error(
                &e.id,
                "type",
                format!(
                    "{} has no gateway endpoints; only S3 and DynamoDB do. Use \"type\": \"interface\"",
                    e.service
                ),
            );
        }
        if svc.is_some_and(|s| s.region != self.net.vpcs[vpc.i()].region) {
            self.d.error(
                &e.id,
                "service",
                "a gateway endpoint serves its own Region only (R20)",
            );
        }
        let mut rts = Vec::new();
        for (j, r) in e.route_tables.iter().enumerate() {
            match self.net.ids.get(r.as_str()) {
                Some(ResourceRef::RouteTable(t)) if self.net.route_tables[t.i()].vpc == vpc => {
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

    fn interface_endpoint(&mut self, e: &EndpointDoc, vpc: VpcIdx, idx: VpceIdx) -> EndpointKind {
        let sg_ids = e
            .security_groups
            .clone()
            .unwrap_or_else(|| vec![default_sg_id(&self.net.vpcs[vpc.i()].id)]);
        let sgs = self.sg_refs(&e.id, "security_groups", &sg_ids, vpc);
        let subnets = self.endpoint_subnets(e, vpc);
        let enis = self.endpoint_enis(e, vpc, idx, &subnets, &sgs);
        let v = &self.net.vpcs[vpc.i()];
        if e.private_dns && !(v.dns_support && v.dns_hostnames) {
            self.d.warn(
                &e.id,
                "private_dns",
                "private DNS needs enableDnsSupport and enableDnsHostnames on the VPC; \
                 the service name will not resolve to this endpoint",
            );
        }
        EndpointKind::Interface {
            subnets,
            enis,
            security_groups: sgs,
            private_dns: e.private_dns,
        }
    }

    /// An interface endpoint's subnets: in its VPC, at most one per AZ, at least one.
    fn endpoint_subnets(&mut self, e: &EndpointDoc, vpc: VpcIdx) -> Vec<SubnetIdx> {
        let mut subnets = Vec::new();
        let mut azs = HashSet::new();
        for (j, s) in e.subnets.iter().enumerate() {
            let field = format!("subnets[{j}]");
            let Some(si) = self.subnet_ref(&e.id, &field, s) else {
                continue;
            };
            let sub = &self.net.subnets[si.i()];
            if sub.vpc != vpc {
                self.d
                    .error(&e.id, &field, format!("{s} is in another VPC"));
            } else if !azs.insert(sub.az.clone()) {
                let why = format!(
                    "an interface endpoint takes at most one subnet per AZ ({})",
                    sub.az
                );
                self.d.error(&e.id, &field, why);
            } else {
                subnets.push(si);
            }
        }
        if subnets.is_empty() {
            self.d.error(
                &e.id,
                "subnets",
                "an interface endpoint needs at least one subnet",
            );
        }
        subnets
    }

    /// One interface per subnet: the one the input gives for that subnet, or a generated one.
    fn endpoint_enis(
        &mut self,
        e: &EndpointDoc,
        vpc: VpcIdx,
        idx: VpceIdx,
        subnets: &[SubnetIdx],
        sgs: &[SgIdx],
    ) -> Vec<EniIdx> {
        let mut enis = Vec::new();
        for (j, si) in subnets.iter().enumerate() {
            let given = e
                .network_interfaces
                .iter()
                .find(|n| self.net.ids.get(&n.subnet) == Some(&ResourceRef::Subnet(*si)));
            let id = given
                .map(|g| g.id.clone())
                .unwrap_or_else(|| ids::endpoint_eni_id(&e.id, j + 1));
            let ip_given = given.and_then(|g| g.private_ip.clone());
            let field = format!("network_interfaces[{j}].private_ip");
            let Some(ip) = self.address(&e.id, &field, *si, ip_given.as_deref()) else {
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
                security_groups: sgs.to_vec(),
                source_dest_check: true,
                owner: EniOwner::InterfaceEndpoint(idx),
            }) {
                enis.push(ei);
            }
        }
        enis
    }
}
