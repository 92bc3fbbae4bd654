//! VPC endpoints, NAT gateways, prefix lists and virtual private gateways.

use super::records::{name_of, EndpointRec};
use super::{push_unique, Conv, Located};
use crate::load::scenario::{EndpointDoc, EndpointEniDoc, NatDoc, PrefixListDoc, VgwDoc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

impl<'a> Conv<'a, '_, '_> {
    pub(super) fn endpoints(&mut self) {
        let input = self.input;
        for r in &input.endpoints {
            let e = r.rec;
            let id = e.vpc_endpoint_id.as_str();
            for eni in &e.network_interface_ids {
                self.owned_enis.insert(eni);
            }
            self.endpoint_types.insert(id, &e.vpc_endpoint_type);
            let kind = match e.vpc_endpoint_type.as_str() {
                "Gateway" => "gateway",
                "Interface" => "interface",
                other => {
                    let why =
                        format!("{other} endpoints are not modelled; the endpoint is left out");
                    self.d.unsupported(id, "VpcEndpointType", why);
                    continue;
                }
            };
            let state = e.state.as_deref().unwrap_or_default();
            if matches!(
                state.to_ascii_lowercase().as_str(),
                "deleting" | "deleted" | "rejected" | "failed" | "expired"
            ) {
                let why = format!(
                    "the endpoint is {state}, so it is left out; routes to it lead nowhere"
                );
                self.d.warn(id, "State", why);
                continue;
            }
            let mut doc = EndpointDoc {
                id: id.to_string(),
                name: name_of(&e.tags),
                vpc: e.vpc_id.clone(),
                service: e.service_name.clone(),
                kind: kind.to_string(),
                private_dns: true,
                policy: self.policy(r),
                ..EndpointDoc::default()
            };
            if kind == "gateway" {
                for t in &e.route_table_ids {
                    push_unique(&mut doc.route_tables, t);
                    self.endpoint_tables.insert((id, t));
                }
            } else {
                self.interface_endpoint(e, &mut doc);
            }
            self.doc.endpoints.push(doc);
        }
    }

    /// An interface endpoint's subnets and groups, and its addresses from its interfaces.
    fn interface_endpoint(&mut self, e: &'a EndpointRec, doc: &mut EndpointDoc) {
        for s in &e.subnet_ids {
            push_unique(&mut doc.subnets, s);
        }
        doc.security_groups = Some(e.groups.iter().map(|g| g.group_id.clone()).collect());
        doc.private_dns = e.private_dns_enabled.unwrap_or(true);
        for (j, eni) in e.network_interface_ids.iter().enumerate() {
            let found = self.eni_pos.get(eni.as_str()).map(|&i| &self.enis[i]);
            match found.and_then(|x| x.subnet.map(|s| (s, x.private_ip))) {
                Some((subnet, ip)) => doc.network_interfaces.push(EndpointEniDoc {
                    id: eni.clone(),
                    subnet: subnet.to_string(),
                    private_ip: ip.map(String::from),
                }),
                None => self.d.warn(
                    &e.vpc_endpoint_id,
                    &format!("NetworkInterfaceIds[{j}]"),
                    format!(
                        "{eni} is not in the NetworkInterfaces input, so its subnet and address are unknown; \
                         add describe-network-interfaces output"
                    ),
                ),
            }
        }
    }

    /// `PolicyDocument` is JSON inside a string; it is kept as JSON when it parses.
    fn policy(&mut self, r: &Located<'a, EndpointRec>) -> Option<Value> {
        let id = &r.rec.vpc_endpoint_id;
        match r.rec.policy_document.as_ref()? {
            Value::String(s) => match serde_json::from_str(s) {
                Ok(v) => Some(v),
                Err(e) => {
                    let why = format!("the policy is not valid JSON ({e}); it is kept as text");
                    self.d.warn(id, "PolicyDocument", why);
                    Some(Value::String(s.clone()))
                }
            },
            v @ Value::Object(_) => Some(v.clone()),
            _ => {
                let why = "expected a string (the policy document as JSON text)";
                self.d.error(r.file, &r.at("PolicyDocument"), why);
                None
            }
        }
    }

    pub(super) fn nat_gateways(&mut self) {
        let input = self.input;
        for r in &input.nat_gateways {
            let n = r.rec;
            let mut primary = None;
            for (i, a) in n.nat_gateway_addresses.iter().enumerate() {
                if let Some(e) = &a.network_interface_id {
                    self.owned_enis.insert(e);
                }
                if a.is_primary == Some(true) || (i == 0 && primary.is_none()) {
                    primary = Some(a);
                }
            }
            let eni = primary.and_then(|a| a.network_interface_id.as_deref());
            let private_ip = primary.and_then(|a| a.private_ip.clone()).or_else(|| {
                let i = *self.eni_pos.get(eni?)?;
                self.enis[i].private_ip.map(String::from)
            });
            let Some(subnet) = &n.subnet_id else {
                if n.availability_mode.as_deref() == Some("regional") {
                    let why = "a regional NAT gateway (no subnet) is not modelled; it is left out";
                    self.d
                        .unsupported(&n.nat_gateway_id, "AvailabilityMode", why);
                } else {
                    r.missing("SubnetId", self.d);
                }
                continue;
            };
            self.doc.nat_gateways.push(NatDoc {
                id: n.nat_gateway_id.clone(),
                name: name_of(&n.tags),
                subnet: subnet.clone(),
                connectivity: n.connectivity_type.as_ref().map(|c| c.to_ascii_lowercase()),
                public_ip: primary.and_then(|a| a.public_ip.clone()),
                private_ip,
                eni: eni.map(String::from),
                // Deleted gateways stay: routes to them are blackhole (R4).
                state: n.state.clone(),
                // R27: say since when, and why, where AWS says.
                state_since: n.delete_time.clone(),
                state_reason: n.failure_message.clone(),
            });
        }
    }

    /// describe-prefix-lists (AWS service lists, with `Cidrs`) and describe-managed-prefix-lists
    /// (without entries, unless `Entries` from get-managed-prefix-list-entries are added) may
    /// both describe one list; they are merged by id.
    pub(super) fn prefix_lists(&mut self) {
        let input = self.input;
        let mut order: Vec<&str> = Vec::new();
        let mut lists: HashMap<&str, (String, Option<Vec<String>>)> = HashMap::new();
        let mut ipv6: HashSet<&str> = HashSet::new();
        let mut keep_ipv4 = |id: &'a str, cidrs: Vec<&str>| -> Vec<String> {
            let (v6, v4): (Vec<&str>, Vec<&str>) = cidrs.into_iter().partition(|c| c.contains(':'));
            if !v6.is_empty() {
                ipv6.insert(id);
            }
            v4.into_iter().map(String::from).collect()
        };
        for r in &input.prefix_lists {
            let p = r.rec;
            let cidrs = keep_ipv4(
                &p.prefix_list_id,
                p.cidrs.iter().map(String::as_str).collect(),
            );
            order.push(&p.prefix_list_id);
            lists.insert(
                &p.prefix_list_id,
                (p.prefix_list_name.clone().unwrap_or_default(), Some(cidrs)),
            );
        }
        for r in &input.managed_prefix_lists {
            let p = r.rec;
            let id = p.prefix_list_id.as_str();
            if p.address_family.as_deref() == Some("IPv6") {
                let why = "an IPv6 prefix list: IPv6 is not modelled, so the list is left out";
                self.d.unsupported(id, "AddressFamily", why);
                continue;
            }
            let name = p.prefix_list_name.clone().unwrap_or_default();
            let cidrs = match (&p.entries, &p.cidrs) {
                (Some(entries), _) => Some(keep_ipv4(
                    id,
                    entries.iter().map(|e| e.cidr.as_str()).collect(),
                )),
                (None, Some(cidrs)) => {
                    Some(keep_ipv4(id, cidrs.iter().map(String::as_str).collect()))
                }
                (None, None) => None,
            };
            match lists.get_mut(id) {
                Some((known_name, known_cidrs)) => {
                    if known_name.is_empty() {
                        *known_name = name;
                    }
                    if known_cidrs.is_none() {
                        *known_cidrs = cidrs;
                    }
                }
                None => {
                    order.push(id);
                    lists.insert(id, (name, cidrs));
                }
            }
        }
        for id in order {
            let Some((name, cidrs)) = lists.remove(id) else {
                continue;
            };
            self.prefix_list(id, name, cidrs, ipv6.contains(id));
        }
    }

    fn prefix_list(&mut self, id: &str, name: String, cidrs: Option<Vec<String>>, had_ipv6: bool) {
        if had_ipv6 {
            self.d
                .unsupported(id, "", "IPv6 entries skipped: the engine models IPv4 only");
        }
        let cidrs = cidrs.unwrap_or_else(|| {
            self.d.warn(
                id,
                "",
                format!(
                    "the CIDRs of this prefix list are unknown (describe-managed-prefix-lists does not print \
                     them), so it matches nothing; add \"Entries\" from aws ec2 get-managed-prefix-list-entries \
                     --prefix-list-id {id}"
                ),
            );
            Vec::new()
        });
        self.doc.prefix_lists.push(PrefixListDoc {
            id: id.to_string(),
            name,
            cidrs,
        });
    }

    pub(super) fn vpn_gateways(&mut self) {
        let input = self.input;
        for r in &input.vpn_gateways {
            let g = r.rec;
            let id = g.vpn_gateway_id.as_str();
            if g.state.as_deref() == Some("deleted") {
                self.d
                    .warn(id, "State", "the gateway is deleted, so it is left out");
                continue;
            }
            let vpc = g
                .vpc_attachments
                .iter()
                .filter(|a| a.state.as_deref() == Some("attached"))
                .find_map(|a| a.vpc_id.clone());
            // `Type` is always ipsec.1; whether Direct Connect is behind the gateway is not in
            // this output, so the scenario's default (a VPN) stands.
            self.doc.vpn_gateways.push(VgwDoc {
                id: id.to_string(),
                name: name_of(&g.tags),
                vpc,
                kind: None,
                onprem_cidrs: self.vgw_cidrs.get(id).cloned().unwrap_or_default(),
            });
        }
    }
}
