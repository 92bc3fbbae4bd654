//! Security groups and network ACLs, with their rules.

use super::default_acl_id;
use super::default_sg_id;
use super::Builder;
use crate::load::scenario::*;
use crate::model::defaults;
use crate::model::*;

impl Builder<'_> {
    pub(super) fn security_groups(&mut self, doc: &ScenarioDoc) {
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
                        format!("this id is the one the playground gives {vid}'s default security group; give \
                            this resource another id"),
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

    pub(super) fn sg_rules(&mut self, doc: &ScenarioDoc) {
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

    pub(super) fn sg_rule(&mut self, owner: &str, field: &str, r: &SgRuleDoc) -> Option<SgRule> {
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
                        format!("security group \"{g}\" is not in the input, so this rule matches nothing \
                            (UNKNOWN_PEERED_SGS)"),
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

    pub(super) fn protocol(&mut self, owner: &str, field: &str, s: &str) -> Option<Protocol> {
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

    pub(super) fn ports(
        &mut self,
        owner: &str,
        field: &str,
        p: Option<&PortsDoc>,
    ) -> Option<PortRange> {
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

    pub(super) fn nacls(&mut self, doc: &ScenarioDoc) {
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

    pub(super) fn nacl_rules(
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
}
