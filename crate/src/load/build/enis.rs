//! Network interfaces and their owners: addresses, NAT gateways, instances and standalone
//! interfaces.

use super::Builder;
use super::{default_sg_id, instance_eni_id};
use crate::load::scenario::*;
use crate::model::*;
use std::net::Ipv4Addr;

impl Builder<'_> {
    pub(super) fn reserve_explicit_ips(&mut self, doc: &ScenarioDoc) {
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
    pub(super) fn address(
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

    pub(super) fn public_ip(
        &mut self,
        owner: &str,
        field: &str,
        s: Option<&str>,
    ) -> Option<Ipv4Addr> {
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

    pub(super) fn push_eni(&mut self, e: Eni) -> Option<EniIdx> {
        let idx = EniIdx(self.net.enis.len() as u32);
        if !self.register(&e.id.clone(), ResourceRef::Eni(idx)) {
            return None;
        }
        self.net.enis.push(e);
        Some(idx)
    }

    pub(super) fn nat_gateways(&mut self, doc: &ScenarioDoc) {
        for n in &doc.nat_gateways {
            self.nat_gateway(n);
        }
    }

    fn nat_gateway(&mut self, n: &NatDoc) {
        let idx = NatIdx(self.net.nat_gateways.len() as u32);
        let subnet = self.subnet_ref(&n.id, "subnet", &n.subnet);
        if !self.register(&n.id, ResourceRef::NatGateway(idx)) {
            return;
        }
        let Some(subnet) = subnet else {
            self.net.ids.remove(&n.id);
            return;
        };
        let connectivity = self.nat_connectivity(n);
        let public_ip = self.public_ip(&n.id, "public_ip", n.public_ip.as_deref());
        let state = n.state.as_deref().unwrap_or("available");
        // R27: AWS lists a deleted, failed or pending NAT gateway without its Elastic IP; it
        // forwards nothing, so it needs none.
        if connectivity == NatConnectivity::Public && n.public_ip.is_none() && state == "available"
        {
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
        let public_ip = public_ip.filter(|_| connectivity == NatConnectivity::Public);
        let Some(private_ip) = self.address(&n.id, "private_ip", subnet, n.private_ip.as_deref())
        else {
            return;
        };
        let eni_id = n.eni.clone().unwrap_or_else(|| ids::nat_eni_id(&n.id));
        let vpc = self.net.subnets[subnet.i()].vpc;
        let Some(eni) = self.push_eni(Eni {
            id: eni_id,
            name: format!("{} interface", n.id),
            subnet,
            vpc,
            private_ip,
            secondary_ips: Vec::new(),
            public_ip,
            security_groups: Vec::new(),
            source_dest_check: false,
            owner: EniOwner::NatGateway(idx),
        }) else {
            return;
        };
        self.net.nat_gateways.push(NatGateway {
            id: n.id.clone(),
            name: n.name.clone(),
            subnet,
            connectivity,
            private_ip,
            public_ip,
            available: state == "available",
            state: state.to_string(),
            state_since: n.state_since.clone(),
            state_reason: n.state_reason.clone(),
            eni,
        });
    }

    fn nat_connectivity(&mut self, n: &NatDoc) -> NatConnectivity {
        match n.connectivity.as_deref().unwrap_or("public") {
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
        }
    }

    pub(super) fn instances_and_enis(&mut self, doc: &ScenarioDoc) {
        for inst in &doc.instances {
            self.instance(inst);
        }
        for e in &doc.network_interfaces {
            self.standalone_eni(e);
        }
    }

    /// The security groups an interface names, or its VPC's default group.
    fn eni_groups(&mut self, owner: &str, given: Option<&[String]>, vpc: VpcIdx) -> Vec<SgIdx> {
        let sg_ids = given
            .map(<[String]>::to_vec)
            .unwrap_or_else(|| vec![default_sg_id(&self.net.vpcs[vpc.i()].id)]);
        self.sg_refs(owner, "security_groups", &sg_ids, vpc)
    }

    /// An instance and its primary interface; an instance without one is dropped.
    fn instance(&mut self, inst: &InstanceDoc) {
        let subnet = self.subnet_ref(&inst.id, "subnet", &inst.subnet);
        let ii = self.net.instances.len();
        if !self.register(&inst.id, ResourceRef::Instance(ii)) {
            return;
        }
        let Some(subnet) = subnet else {
            self.net.ids.remove(&inst.id);
            return;
        };
        let vpc = self.net.subnets[subnet.i()].vpc;
        let sgs = self.eni_groups(&inst.id, inst.security_groups.as_deref(), vpc);
        let Some(ip) = self.address(&inst.id, "private_ip", subnet, inst.private_ip.as_deref())
        else {
            self.net.ids.remove(&inst.id);
            return;
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
            owner: EniOwner::Instance(ii),
        }) else {
            self.net.ids.remove(&inst.id);
            return;
        };
        let role_policy = inst
            .role_policy
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
            state: inst.state,
        });
    }

    /// An interface the input lists on its own, attached to an instance or to nothing.
    fn standalone_eni(&mut self, e: &EniDoc) {
        let Some(subnet) = self.subnet_ref(&e.id, "subnet", &e.subnet) else {
            return;
        };
        let vpc = self.net.subnets[subnet.i()].vpc;
        let sgs = self.eni_groups(&e.id, e.security_groups.as_deref(), vpc);
        let Some(ip) = self.address(&e.id, "private_ip", subnet, Some(&e.private_ip)) else {
            return;
        };
        let mut secondary = Vec::new();
        for (j, s) in e.secondary_ips.iter().enumerate() {
            if let Some(ip) = self.address(&e.id, &format!("secondary_ips[{j}]"), subnet, Some(s)) {
                secondary.push(ip);
            }
        }
        let public_ip = self.public_ip(&e.id, "public_ip", e.public_ip.as_deref());
        let (owner, inst) = self.eni_owner(e);
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

    /// Who a standalone interface belongs to, and the instance's index when it is one.
    fn eni_owner(&mut self, e: &EniDoc) -> (EniOwner, Option<usize>) {
        let Some(i) = &e.instance else {
            let owner = if e.detached {
                EniOwner::Detached
            } else if e.requester_managed || e.interface_type.is_some() {
                EniOwner::Service(ServiceInterface {
                    interface_type: e
                        .interface_type
                        .clone()
                        .unwrap_or_else(|| "interface".into()),
                    requester_managed: e.requester_managed,
                })
            } else {
                EniOwner::Other
            };
            return (owner, None);
        };
        match self.net.ids.get(i.as_str()) {
            Some(ResourceRef::Instance(ii)) => (EniOwner::Instance(*ii), Some(*ii)),
            _ => {
                self.d.error(
                    &e.id,
                    "instance",
                    format!("refers to instance \"{i}\", which is not in the input"),
                );
                (EniOwner::Other, None)
            }
        }
    }
}
