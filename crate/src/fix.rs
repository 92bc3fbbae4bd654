//! Applying a suggested fix to a scenario.
//!
//! Fixes edit the `ScenarioDoc` (the source the page and the URL keep), never the built model,
//! so the result can be shown, saved and rebuilt like any edit. A fix that names a generated
//! resource (a VPC's default main table, ACL or group) adds that resource to the document.

use crate::explain::{Direction, FixAction};
use crate::load::scenario::*;
use crate::load::{default_acl_id, default_sg_id, main_rtb_id};
use std::fmt;

/// A fix that does not fit the scenario it is applied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixError(pub String);

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for FixError {}

fn vpc_of_generated(doc: &ScenarioDoc, id: &str, make: fn(&str) -> String) -> Option<String> {
    doc.vpcs
        .iter()
        .find(|v| make(&v.id) == id)
        .map(|v| v.id.clone())
}

fn route_table<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut RouteTableDoc, FixError> {
    if !doc.route_tables.iter().any(|t| t.id == id) {
        let vpc = vpc_of_generated(doc, id, main_rtb_id)
            .ok_or_else(|| FixError(format!("route table {id} is not in the scenario")))?;
        doc.route_tables.push(RouteTableDoc {
            id: id.to_string(),
            name: "main".into(),
            vpc,
            main: true,
            ..RouteTableDoc::default()
        });
    }
    doc.route_tables
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| FixError(format!("route table {id} is not in the scenario")))
}

fn ports_doc(ports: &str) -> Option<PortsDoc> {
    if ports == "all" {
        None
    } else if let Ok(n) = ports.parse::<u16>() {
        Some(PortsDoc::Number(n))
    } else {
        Some(PortsDoc::Text(ports.to_string()))
    }
}

/// Applies `fix` to `doc`.
pub fn apply(doc: &mut ScenarioDoc, fix: &FixAction) -> Result<(), FixError> {
    match fix {
        FixAction::AddRoute {
            route_table: t,
            destination,
            target,
            ..
        } => {
            let table = route_table(doc, t)?;
            if table.routes.iter().any(|r| &r.destination == destination) {
                return Err(FixError(format!(
                    "{t} already has a route for {destination}"
                )));
            }
            table.routes.push(RouteDoc {
                destination: destination.clone(),
                target: target.clone(),
                ..RouteDoc::default()
            });
        }
        FixAction::ReplaceRoute {
            route_table: t,
            destination,
            target,
            ..
        } => {
            let table = route_table(doc, t)?;
            let r = table
                .routes
                .iter_mut()
                .find(|r| &r.destination == destination)
                .ok_or_else(|| {
                    FixError(format!("{t} has no route for {destination} to replace"))
                })?;
            r.target = target.clone();
            r.blackhole = false;
            r.propagated = false;
        }
        FixAction::AddSecurityGroupRule {
            group,
            direction,
            protocol,
            ports,
            cidr,
        } => {
            if !doc.security_groups.iter().any(|g| &g.id == group) {
                let vpc = vpc_of_generated(doc, group, default_sg_id).ok_or_else(|| {
                    FixError(format!("security group {group} is not in the scenario"))
                })?;
                // Written out as AWS's default group is: from itself, all outbound.
                doc.security_groups.push(SecurityGroupDoc {
                    id: group.clone(),
                    name: "default".into(),
                    vpc,
                    ingress: vec![SgRuleDoc {
                        protocol: "all".into(),
                        group: Some(group.clone()),
                        ..SgRuleDoc::default()
                    }],
                    egress: None,
                });
            }
            let g = doc
                .security_groups
                .iter_mut()
                .find(|g| &g.id == group)
                .ok_or_else(|| {
                    FixError(format!("security group {group} is not in the scenario"))
                })?;
            let rule = SgRuleDoc {
                protocol: protocol.to_string(),
                ports: ports_doc(&ports.to_string()),
                cidr: Some(cidr.clone()),
                description: "added by a suggested fix".into(),
                ..SgRuleDoc::default()
            };
            match direction {
                Direction::Ingress => g.ingress.push(rule),
                Direction::Egress => g.egress.get_or_insert_with(Vec::new).push(rule),
            }
        }
        FixAction::AddNetworkAclRule {
            network_acl,
            direction,
            rule,
            protocol,
            ports,
            cidr,
        } => {
            if !doc.network_acls.iter().any(|a| &a.id == network_acl) {
                let vpc = vpc_of_generated(doc, network_acl, default_acl_id).ok_or_else(|| {
                    FixError(format!("network ACL {network_acl} is not in the scenario"))
                })?;
                doc.network_acls.push(NetworkAclDoc {
                    id: network_acl.clone(),
                    name: "default".into(),
                    vpc,
                    default: true,
                    ..NetworkAclDoc::default()
                });
            }
            let a = doc
                .network_acls
                .iter_mut()
                .find(|a| &a.id == network_acl)
                .ok_or_else(|| {
                    FixError(format!("network ACL {network_acl} is not in the scenario"))
                })?;
            let default = a.default;
            let list = match direction {
                Direction::Ingress => &mut a.ingress,
                Direction::Egress => &mut a.egress,
            };
            // A default ACL written without rules allows everything; keep that explicit.
            let rules = list.get_or_insert_with(|| {
                if default {
                    vec![NaclRuleDoc {
                        rule: 100,
                        protocol: "all".into(),
                        cidr: "0.0.0.0/0".into(),
                        action: "allow".into(),
                        ports: None,
                    }]
                } else {
                    Vec::new()
                }
            });
            if rules.iter().any(|r| r.rule == u32::from(*rule)) {
                return Err(FixError(format!("{network_acl} already has rule {rule}")));
            }
            rules.push(NaclRuleDoc {
                rule: u32::from(*rule),
                protocol: protocol.to_string(),
                ports: ports_doc(&ports.to_string()),
                cidr: cidr.clone(),
                action: "allow".into(),
            });
            rules.sort_by_key(|r| r.rule);
        }
        FixAction::AcceptPeering { peering } => {
            let p = doc
                .peering_connections
                .iter_mut()
                .find(|p| &p.id == peering)
                .ok_or_else(|| {
                    FixError(format!(
                        "peering connection {peering} is not in the scenario"
                    ))
                })?;
            p.status = None;
        }
        FixAction::AssociateEndpointRouteTable {
            endpoint,
            route_table: t,
        } => {
            let e = doc
                .endpoints
                .iter_mut()
                .find(|e| &e.id == endpoint)
                .ok_or_else(|| FixError(format!("endpoint {endpoint} is not in the scenario")))?;
            if !e.route_tables.contains(t) {
                e.route_tables.push(t.clone());
            }
            // The generated main table must exist in the document to be named.
            route_table(doc, t)?;
        }
        FixAction::DisableSourceDestCheck { interface } => {
            if let Some(i) = doc.instances.iter_mut().find(|i| {
                i.eni.as_deref() == Some(interface.as_str())
                    || (i.eni.is_none() && crate::load::instance_eni_id(&i.id) == *interface)
            }) {
                i.source_dest_check = false;
            } else if let Some(e) = doc
                .network_interfaces
                .iter_mut()
                .find(|e| &e.id == interface)
            {
                e.source_dest_check = false;
            } else {
                return Err(FixError(format!(
                    "interface {interface} is not in the scenario"
                )));
            }
        }
    }
    Ok(())
}
