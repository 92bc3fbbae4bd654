//! Ids and references: registering a resource's id, resolving the ids it names, and reading
//! addresses and CIDR blocks, each problem recorded against the resource and field.

use super::parse_net;
use super::Builder;
use crate::model::*;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

impl Builder<'_> {
    pub(super) fn register(&mut self, id: &str, r: ResourceRef) -> bool {
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
                ResourceRef::Eni(_) => {
                    "a network interface (given, or generated for an instance, NAT gateway \
                    or endpoint)"
                }
                ResourceRef::Instance(_) => "an instance",
                ResourceRef::SecurityGroup(_) => "a security group",
                ResourceRef::NetworkAcl(_) => "a network ACL",
                ResourceRef::VpnGateway(_) => "a VPN gateway",
                ResourceRef::PrefixList(_) => "a prefix list",
                ResourceRef::TransitGateway(_) => "a transit gateway",
                ResourceRef::TgwAttachment(_) => "a transit gateway attachment",
                ResourceRef::TgwRouteTable(_) => "a transit gateway route table",
                ResourceRef::VpnConnection(_) => "a VPN connection",
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

    pub(super) fn vpc_ref(&mut self, owner: &str, field: &str, id: &str) -> Option<VpcIdx> {
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

    pub(super) fn subnet_ref(&mut self, owner: &str, field: &str, id: &str) -> Option<SubnetIdx> {
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

    pub(super) fn sg_refs(
        &mut self,
        owner: &str,
        field: &str,
        ids: &[String],
        vpc: VpcIdx,
    ) -> Vec<SgIdx> {
        let mut out = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            match self.net.ids.get(id.as_str()) {
                Some(ResourceRef::SecurityGroup(g)) => {
                    if self.net.security_groups[g.i()].vpc != vpc {
                        self.d.error(
                            owner,
                            &format!("{field}[{i}]"),
                            format!(
                                "security group \"{id}\" belongs to another VPC; an interface can only use \
                                    groups of its own VPC"
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

    pub(super) fn ip(&mut self, owner: &str, field: &str, s: &str) -> Option<Ipv4Addr> {
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

    pub(super) fn cidr(&mut self, owner: &str, field: &str, s: &str) -> Option<Ipv4Net> {
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
}
