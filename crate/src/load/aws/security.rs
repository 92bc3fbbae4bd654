//! Security groups and network ACLs.

use super::records::{name_of, AclEntryRec, AclRec, PermissionRec};
use super::{push_unique, Conv, Located};
use crate::load::scenario::{NaclRuleDoc, NetworkAclDoc, PortsDoc, SecurityGroupDoc, SgRuleDoc};
use crate::validate::Diagnostics;

/// Protocol as the scenario writes it; AWS uses `-1` and numbers in ACLs, names in groups.
fn protocol_name(p: &str) -> String {
    match p.trim().to_ascii_lowercase().as_str() {
        "-1" | "all" => "all".into(),
        "6" | "tcp" => "tcp".into(),
        "17" | "udp" => "udp".into(),
        "1" | "icmp" => "icmp".into(),
        "icmpv6" => "58".into(),
        other => other.into(),
    }
}

/// Ports mean something only for TCP and UDP; for ICMP AWS puts the type and code there.
fn has_ports(protocol: &str) -> bool {
    protocol == "tcp" || protocol == "udp"
}

/// A port range from two fields; absent or `-1` means all ports. `at` is the path of the
/// first field, for the error.
fn port_range(
    from: Option<i64>,
    to: Option<i64>,
    file: &str,
    at: &str,
    d: &mut Diagnostics,
) -> Option<PortsDoc> {
    let (from, to) = match (from, to) {
        (None, None) | (Some(-1), _) | (_, Some(-1)) => return None,
        (Some(f), Some(t)) => (f, t),
        (Some(p), None) | (None, Some(p)) => (p, p),
    };
    match (u16::try_from(from), u16::try_from(to)) {
        (Ok(f), Ok(t)) if f <= t => Some(if f == t {
            PortsDoc::Number(f)
        } else {
            PortsDoc::Text(format!("{f}-{t}"))
        }),
        _ => {
            d.error(
                file,
                at,
                format!("port range {from}-{to} is not within 0-65535"),
            );
            None
        }
    }
}

impl<'a> Conv<'a, '_, '_> {
    pub(super) fn security_groups(&mut self) {
        let input = self.input;
        for r in &input.security_groups {
            let sg = r.rec;
            let owner = sg.owner_id.as_deref();
            let mut ipv6 = false;
            let ingress = self.sg_rules(
                r.file,
                &r.at("IpPermissions"),
                &sg.ip_permissions,
                owner,
                &mut ipv6,
            );
            let egress = sg.ip_permissions_egress.as_slice();
            let egress = self.sg_rules(
                r.file,
                &r.at("IpPermissionsEgress"),
                egress,
                owner,
                &mut ipv6,
            );
            if ipv6 {
                let why = "IPv6 rules (Ipv6Ranges) are not modelled and were skipped";
                self.d.unsupported(&sg.group_id, "", why);
            }
            let mut name = name_of(&sg.tags);
            if name.is_empty() {
                name = sg.group_name.clone().unwrap_or_default();
            }
            self.doc.security_groups.push(SecurityGroupDoc {
                id: sg.group_id.clone(),
                name,
                vpc: sg.vpc_id.clone(),
                ingress,
                // AWS lists outbound rules explicitly; none listed means none.
                egress: Some(egress),
            });
        }
    }

    /// Each permission applies its protocol and ports to every source it lists, so it expands
    /// into one rule per CIDR, prefix list and group.
    fn sg_rules(
        &mut self,
        file: &str,
        path: &str,
        perms: &[PermissionRec],
        owner: Option<&str>,
        ipv6: &mut bool,
    ) -> Vec<SgRuleDoc> {
        let mut rules = Vec::new();
        for (i, p) in perms.iter().enumerate() {
            let protocol = protocol_name(&p.ip_protocol);
            let ports = if has_ports(&protocol) {
                let at = format!("{path}[{i}].FromPort");
                port_range(p.from_port, p.to_port, file, &at, self.d)
            } else {
                None
            };
            let base = |description: &Option<String>| SgRuleDoc {
                protocol: protocol.clone(),
                ports: ports.clone(),
                description: description.clone().unwrap_or_default(),
                ..SgRuleDoc::default()
            };
            for ip in &p.ip_ranges {
                rules.push(SgRuleDoc {
                    cidr: Some(ip.cidr_ip.clone()),
                    ..base(&ip.description)
                });
            }
            for pl in &p.prefix_list_ids {
                rules.push(SgRuleDoc {
                    prefix_list: Some(pl.prefix_list_id.clone()),
                    ..base(&pl.description)
                });
            }
            for g in &p.user_id_group_pairs {
                // R10: a group in another account is written account/sg-id.
                let group = match &g.user_id {
                    Some(u) if owner.is_some_and(|o| o != u) => format!("{u}/{}", g.group_id),
                    _ => g.group_id.clone(),
                };
                rules.push(SgRuleDoc {
                    group: Some(group),
                    ..base(&g.description)
                });
            }
            if !p.ipv6_ranges.is_empty() {
                *ipv6 = true;
            }
        }
        rules
    }

    pub(super) fn network_acls(&mut self) {
        let input = self.input;
        for r in &input.network_acls {
            let acl = r.rec;
            let mut subnets = Vec::new();
            for s in acl
                .associations
                .iter()
                .filter_map(|a| a.subnet_id.as_deref())
            {
                push_unique(&mut subnets, s);
            }
            let (mut ingress, mut egress) = (Vec::new(), Vec::new());
            let mut ipv6 = 0;
            for (i, e) in acl.entries.iter().enumerate() {
                // The `*` rule that denies the rest; the builder adds it to every ACL.
                if e.rule_number == 32767 {
                    continue;
                }
                if e.cidr_block.is_none() && e.ipv6_cidr_block.is_some() {
                    ipv6 += 1;
                    continue;
                }
                let Some(rule) = self.acl_entry(r, i, e) else {
                    continue;
                };
                if e.egress {
                    egress.push(rule);
                } else {
                    ingress.push(rule);
                }
            }
            if ipv6 > 0 {
                let why = format!("{ipv6} IPv6 rule(s) skipped: the engine models IPv4 only");
                self.d.unsupported(&acl.network_acl_id, "Entries", why);
            }
            self.doc.network_acls.push(NetworkAclDoc {
                id: acl.network_acl_id.clone(),
                name: name_of(&acl.tags),
                vpc: acl.vpc_id.clone(),
                default: acl.is_default.unwrap_or(false),
                subnets,
                // Explicit even when empty: an ACL whose rules were all removed denies everything.
                ingress: Some(ingress),
                egress: Some(egress),
            });
        }
    }

    /// One IPv4 entry of `Entries[i]`.
    fn acl_entry(
        &mut self,
        acl: &Located<'a, AclRec>,
        i: usize,
        e: &AclEntryRec,
    ) -> Option<NaclRuleDoc> {
        let at = |key: &str| format!("{}.Entries[{i}].{key}", acl.path);
        let protocol = protocol_name(&e.protocol);
        let ports = match &e.port_range {
            Some(pr) if has_ports(&protocol) => {
                port_range(pr.from, pr.to, acl.file, &at("PortRange.From"), self.d)
            }
            _ => None,
        };
        let Ok(rule) = u32::try_from(e.rule_number) else {
            let why = format!("rule number {} is outside 1-32766", e.rule_number);
            self.d.error(acl.file, &at("RuleNumber"), why);
            return None;
        };
        let Some(cidr) = &e.cidr_block else {
            self.d.error(
                acl.file,
                &at("CidrBlock"),
                "missing (the AWS CLI always prints this field)",
            );
            return None;
        };
        Some(NaclRuleDoc {
            rule,
            protocol,
            ports,
            cidr: cidr.clone(),
            action: e.rule_action.to_ascii_lowercase(),
        })
    }
}
