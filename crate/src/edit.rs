//! The one edit engine: every change the page makes to a scenario, and every suggested fix,
//! is an `Edit` (`format::edit`) applied here.
//!
//! An edit changes the `ScenarioDoc` (the source the page keeps, undoes and saves), never the
//! built model, so an edited scenario is checked by loading it like any other. An edit that
//! names a resource the engine generated (a VPC's main route table, default ACL or default
//! group) first writes that resource into the scenario, as AWS has it (`model::defaults`).
//! New ids follow the scenario's conventions (`model::ids`), so no caller makes up ids.

pub use crate::format::edit::Edit;
use crate::format::scenario::{
    EndpointDoc, NaclRuleDoc, NetworkAclDoc, PeeringDoc, PortsDoc, RouteDoc, RouteTableDoc,
    ScenarioDoc, SecurityGroupDoc, SgRuleDoc,
};
use crate::model::defaults;
use crate::model::ids::{self, ResourceKind};
use crate::model::{Direction, InstanceState, PortRange, Protocol};
use std::fmt;

mod endpoint_policy;
mod tgw;
mod vpc;

pub use endpoint_policy::PolicyEditError;
pub use vpc::AddressError;

/// An edit that does not fit the scenario it is applied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The resource is neither in the scenario nor one the engine generates.
    NotFound { kind: ResourceKind, id: String },
    /// A route for this destination is already in the table.
    RouteExists { table: String, destination: String },
    /// The table has no route for this destination.
    NoRoute { table: String, destination: String },
    /// The same rule (SG) or rule number (ACL) is already there.
    RuleExists { resource: String, rule: String },
    /// No rule at that position.
    NoRule { resource: String, index: usize },
    /// A peering connection needs two different VPCs.
    SameVpc,
    /// Only a `pending-acceptance` connection can be accepted.
    NotPending { peering: String, state: String },
    /// Gateway endpoints exist for S3 and DynamoDB only (R20).
    NotAGatewayService(String),
    /// A VPC block or subnet edit AWS refuses.
    Address(AddressError),
    /// An endpoint policy edit that cannot be made.
    Policy(PolicyEditError),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotFound { kind, id } => {
                write!(f, "{} {id} is not in the scenario", kind.noun())
            }
            EditError::RouteExists { table, destination } => {
                write!(f, "{table} already has a route for {destination}")
            }
            EditError::NoRoute { table, destination } => {
                write!(f, "{table} has no route for {destination}")
            }
            EditError::RuleExists { resource, rule } => write!(f, "{resource} already has {rule}"),
            EditError::NoRule { resource, index } => {
                write!(
                    f,
                    "{resource} has no rule at position {}",
                    index.saturating_add(1)
                )
            }
            EditError::SameVpc => f.write_str("a peering connection joins two different VPCs"),
            EditError::NotPending { peering, state } => write!(
                f,
                "{peering} is {state}: AWS accepts only a connection that is pending-acceptance; \
                 request a new one"
            ),
            EditError::NotAGatewayService(s) => write!(
                f,
                "{s}: gateway endpoints exist for S3 and DynamoDB only (R20)"
            ),
            EditError::Address(e) => e.fmt(f),
            EditError::Policy(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for EditError {}

type Result<T> = std::result::Result<T, EditError>;

fn not_found(kind: ResourceKind, id: &str) -> EditError {
    EditError::NotFound {
        kind,
        id: id.to_string(),
    }
}

/// The VPC whose generated resource has this id (`make` is `ids::main_rtb_id` and the like).
fn vpc_of_generated(doc: &ScenarioDoc, id: &str, make: fn(&str) -> String) -> Option<String> {
    doc.vpcs
        .iter()
        .find(|v| make(&v.id) == id)
        .map(|v| v.id.clone())
}

/// A route table of the scenario, writing a generated main table in first.
pub fn route_table<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut RouteTableDoc> {
    if !doc.route_tables.iter().any(|t| t.id == id) {
        let vpc = vpc_of_generated(doc, id, ids::main_rtb_id)
            .ok_or_else(|| not_found(ResourceKind::RouteTable, id))?;
        doc.route_tables.push(defaults::main_route_table_doc(&vpc));
    }
    doc.route_tables
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found(ResourceKind::RouteTable, id))
}

/// A security group of the scenario, writing a generated default group in first.
pub fn security_group<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut SecurityGroupDoc> {
    if !doc.security_groups.iter().any(|g| g.id == id) {
        let vpc = vpc_of_generated(doc, id, ids::default_sg_id)
            .ok_or_else(|| not_found(ResourceKind::SecurityGroup, id))?;
        doc.security_groups.push(defaults::security_group_doc(&vpc));
    }
    doc.security_groups
        .iter_mut()
        .find(|g| g.id == id)
        .ok_or_else(|| not_found(ResourceKind::SecurityGroup, id))
}

/// A network ACL of the scenario, writing a generated default ACL in first.
pub fn network_acl<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut NetworkAclDoc> {
    if !doc.network_acls.iter().any(|a| a.id == id) {
        let vpc = vpc_of_generated(doc, id, ids::default_acl_id)
            .ok_or_else(|| not_found(ResourceKind::NetworkAcl, id))?;
        doc.network_acls.push(defaults::network_acl_doc(&vpc));
    }
    doc.network_acls
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or_else(|| not_found(ResourceKind::NetworkAcl, id))
}

/// A group's rules in one direction as they apply: an absent egress list is AWS's default.
pub fn sg_rules(g: &mut SecurityGroupDoc, direction: Direction) -> &mut Vec<SgRuleDoc> {
    match direction {
        Direction::Ingress => &mut g.ingress,
        Direction::Egress => g
            .egress
            .get_or_insert_with(|| vec![defaults::sg_egress_doc()]),
    }
}

/// An ACL's rules in one direction as they apply, sorted by number: a default ACL written
/// without rules has AWS's rule 100; a custom one has none.
pub fn acl_rules(a: &mut NetworkAclDoc, direction: Direction) -> &mut Vec<NaclRuleDoc> {
    let default = a.default;
    let list = match direction {
        Direction::Ingress => &mut a.ingress,
        Direction::Egress => &mut a.egress,
    };
    let rules = list.get_or_insert_with(|| {
        if default {
            defaults::acl_rules_doc()
        } else {
            Vec::new()
        }
    });
    rules.sort_by_key(|r| r.rule);
    rules
}

/// An id like `base` that the scenario does not use yet (`base`, `base-2`, ...).
fn unused_id(
    doc: &ScenarioDoc,
    base: String,
    taken: impl Fn(&ScenarioDoc, &str) -> bool,
) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken(doc, &id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Applies `edit` to `doc`. Returns the id of a resource the edit created, if it made one.
pub fn apply(doc: &mut ScenarioDoc, edit: &Edit) -> Result<Option<String>> {
    match edit {
        Edit::SetRoute {
            route_table: t,
            destination,
            target,
            replaces,
        } => set_route(doc, t, destination, target, replaces.as_deref())?,
        Edit::DeleteRoute {
            route_table: t,
            destination,
        } => delete_route(doc, t, destination)?,
        Edit::CreatePeering {
            requester,
            accepter,
        } => return create_peering(doc, requester, accepter).map(Some),
        Edit::AcceptPeering { peering } => accept_peering(doc, peering)?,
        Edit::DeletePeering { peering } => {
            let before = doc.peering_connections.len();
            doc.peering_connections.retain(|p| &p.id != peering);
            if doc.peering_connections.len() == before {
                return Err(not_found(ResourceKind::Peering, peering));
            }
        }
        Edit::CreateGatewayEndpoint {
            vpc,
            service,
            route_tables,
        } => return create_gateway_endpoint(doc, vpc, service, route_tables).map(Some),
        Edit::SetEndpointTable {
            endpoint,
            route_table: t,
            associated,
        } => set_endpoint_table(doc, endpoint, t, *associated)?,
        Edit::AddSecurityGroupRule {
            group,
            direction,
            protocol,
            ports,
            peer,
        } => add_sg_rule(doc, group, *direction, sg_rule(*protocol, *ports, peer))?,
        Edit::AddNetworkAclRule {
            network_acl,
            direction,
            rule,
            protocol,
            ports,
            cidr,
            action,
        } => {
            let rule = NaclRuleDoc {
                rule: u32::from(*rule),
                protocol: protocol.to_string(),
                ports: ports_doc(*protocol, *ports),
                cidr: cidr.clone(),
                action: action.as_str().into(),
            };
            add_acl_rule(doc, network_acl, *direction, rule)?
        }
        Edit::DisableSourceDestCheck { interface } => disable_source_dest_check(doc, interface)?,
        Edit::DeleteRule {
            resource,
            direction,
            index,
        } => delete_rule(doc, resource, *direction, *index)?,
        Edit::StartInstance { instance } => {
            let i = doc
                .instances
                .iter_mut()
                .find(|i| i.id == *instance)
                .ok_or_else(|| not_found(ResourceKind::Instance, instance))?;
            i.state = InstanceState::Running;
        }
        Edit::SetTgwRoute { .. }
        | Edit::DeleteTgwRoute { .. }
        | Edit::AssociateTgwRouteTable { .. }
        | Edit::SetTgwPropagation { .. }
        | Edit::AddTgwAttachmentSubnet { .. } => tgw::apply(doc, edit)?,
        Edit::AddVpnConnectionRoute {
            vpn_connection,
            destination,
        } => add_vpn_route(doc, vpn_connection, destination)?,
        Edit::CreateSubnet {
            vpc,
            cidr,
            az,
            name,
        } => return vpc::create_subnet(doc, vpc, cidr, az.as_deref(), name).map(Some),
        Edit::AddVpcCidr { .. }
        | Edit::RemoveVpcCidr { .. }
        | Edit::DeleteSubnet { .. }
        | Edit::SetEndpointPolicy { .. }
        | Edit::SetEndpointPolicyStatement { .. }
        | Edit::DeleteEndpointPolicyStatement { .. } => apply_more(doc, edit)?,
    }
    Ok(None)
}

/// The address and endpoint-policy edits that create nothing.
fn apply_more(doc: &mut ScenarioDoc, edit: &Edit) -> Result<()> {
    match edit {
        Edit::AddVpcCidr { vpc, cidr } => vpc::add_cidr(doc, vpc, cidr),
        Edit::RemoveVpcCidr { vpc, cidr } => vpc::remove_cidr(doc, vpc, cidr),
        Edit::DeleteSubnet { subnet } => vpc::delete_subnet(doc, subnet),
        Edit::SetEndpointPolicy { endpoint, policy } => {
            endpoint_policy::set_policy(doc, endpoint, policy)
        }
        Edit::SetEndpointPolicyStatement {
            endpoint,
            index,
            effect,
            actions,
            resources,
        } => endpoint_policy::set_statement(doc, endpoint, *index, *effect, actions, resources),
        Edit::DeleteEndpointPolicyStatement { endpoint, index } => {
            endpoint_policy::delete_statement(doc, endpoint, *index)
        }
        // `apply` sends only the kinds above here.
        _ => Ok(()),
    }
}

/// R28: a static route on a VPN connection; the builder checks the CIDR on reload.
fn add_vpn_route(doc: &mut ScenarioDoc, vpn: &str, destination: &str) -> Result<()> {
    let v = doc
        .vpn_connections
        .iter_mut()
        .find(|v| v.id == vpn)
        .ok_or_else(|| not_found(ResourceKind::VpnConnection, vpn))?;
    if v.routes.iter().any(|r| r == destination) {
        return Err(EditError::RouteExists {
            table: vpn.to_string(),
            destination: destination.to_string(),
        });
    }
    v.routes.push(destination.to_string());
    Ok(())
}

fn delete_route(doc: &mut ScenarioDoc, t: &str, destination: &str) -> Result<()> {
    let table = route_table(doc, t)?;
    let before = table.routes.len();
    table.routes.retain(|r| r.destination != destination);
    if table.routes.len() == before {
        return Err(EditError::NoRoute {
            table: t.to_string(),
            destination: destination.to_string(),
        });
    }
    Ok(())
}

fn accept_peering(doc: &mut ScenarioDoc, peering: &str) -> Result<()> {
    let p = doc
        .peering_connections
        .iter_mut()
        .find(|p| p.id == peering)
        .ok_or_else(|| not_found(ResourceKind::Peering, peering))?;
    // AWS accepts only a connection that waits for it; absent is `active`.
    match p.status.as_deref() {
        None | Some("active") | Some("pending-acceptance") => {
            p.status = None;
            Ok(())
        }
        Some(state) => Err(EditError::NotPending {
            peering: peering.to_string(),
            state: state.to_string(),
        }),
    }
}

fn add_sg_rule(doc: &mut ScenarioDoc, group: &str, dir: Direction, rule: SgRuleDoc) -> Result<()> {
    let rules = sg_rules(security_group(doc, group)?, dir);
    if rules.iter().any(|r| same_sg_rule(r, &rule)) {
        return Err(EditError::RuleExists {
            resource: group.to_string(),
            rule: "this rule".into(),
        });
    }
    rules.push(rule);
    Ok(())
}

fn add_acl_rule(doc: &mut ScenarioDoc, id: &str, dir: Direction, rule: NaclRuleDoc) -> Result<()> {
    let rules = acl_rules(network_acl(doc, id)?, dir);
    if rules.iter().any(|r| r.rule == rule.rule) {
        return Err(EditError::RuleExists {
            resource: id.to_string(),
            rule: format!("{} rule {}", dir.as_str(), rule.rule),
        });
    }
    rules.push(rule);
    rules.sort_by_key(|r| r.rule);
    Ok(())
}

fn set_route(
    doc: &mut ScenarioDoc,
    t: &str,
    destination: &str,
    target: &str,
    replaces: Option<&str>,
) -> Result<()> {
    let table = route_table(doc, t)?;
    let at = match replaces {
        None => None,
        Some(old) => Some(
            table
                .routes
                .iter()
                .position(|r| r.destination == old)
                .ok_or_else(|| EditError::NoRoute {
                    table: t.to_string(),
                    destination: old.to_string(),
                })?,
        ),
    };
    let clash = table
        .routes
        .iter()
        .enumerate()
        .any(|(i, r)| r.destination == destination && Some(i) != at);
    if clash {
        return Err(EditError::RouteExists {
            table: t.to_string(),
            destination: destination.to_string(),
        });
    }
    let route = RouteDoc {
        destination: destination.to_string(),
        target: target.to_string(),
        ..RouteDoc::default()
    };
    match at {
        Some(i) => table.routes[i] = route,
        None => table.routes.push(route),
    }
    Ok(())
}

fn create_peering(doc: &mut ScenarioDoc, requester: &str, accepter: &str) -> Result<String> {
    if requester == accepter {
        return Err(EditError::SameVpc);
    }
    for v in [requester, accepter] {
        if !doc.vpcs.iter().any(|x| x.id == v) {
            return Err(not_found(ResourceKind::Vpc, v));
        }
    }
    // A second connection for the same pair is the loader's to refuse (R19), with the reason.
    let id = unused_id(doc, ids::new_peering_id(requester, accepter), |d, id| {
        d.peering_connections.iter().any(|p| p.id == id)
    });
    doc.peering_connections.push(PeeringDoc {
        id: id.clone(),
        requester: requester.into(),
        accepter: accepter.into(),
        status: Some("pending-acceptance".into()),
        ..PeeringDoc::default()
    });
    Ok(id)
}

fn create_gateway_endpoint(
    doc: &mut ScenarioDoc,
    vpc: &str,
    service: &str,
    tables: &[String],
) -> Result<String> {
    if !(service.ends_with(".s3") || service.ends_with(".dynamodb")) {
        return Err(EditError::NotAGatewayService(service.to_string()));
    }
    if !doc.vpcs.iter().any(|x| x.id == vpc) {
        return Err(not_found(ResourceKind::Vpc, vpc));
    }
    for t in tables {
        // A generated main table must be in the document to be named.
        route_table(doc, t)?;
    }
    let id = unused_id(doc, ids::new_endpoint_id(service), |d, id| {
        d.endpoints.iter().any(|e| e.id == id)
    });
    doc.endpoints.push(EndpointDoc {
        id: id.clone(),
        vpc: vpc.into(),
        service: service.into(),
        kind: "gateway".into(),
        route_tables: tables.to_vec(),
        private_dns: true,
        ..EndpointDoc::default()
    });
    Ok(id)
}

fn set_endpoint_table(doc: &mut ScenarioDoc, endpoint: &str, t: &str, on: bool) -> Result<()> {
    if on {
        route_table(doc, t)?;
    }
    let e = doc
        .endpoints
        .iter_mut()
        .find(|e| e.id == endpoint)
        .ok_or_else(|| not_found(ResourceKind::Endpoint, endpoint))?;
    e.route_tables.retain(|x| x != t);
    if on {
        e.route_tables.push(t.to_string());
    }
    Ok(())
}

/// Ports as a scenario writes them: none for all ports (or a protocol without ports).
fn ports_doc(protocol: Protocol, ports: PortRange) -> Option<PortsDoc> {
    if !protocol.has_ports() || ports == PortRange::ALL {
        None
    } else if ports.from == ports.to {
        Some(PortsDoc::Number(ports.from))
    } else {
        Some(PortsDoc::Text(ports.to_string()))
    }
}

/// A rule as the scenario writes it, its peer in the field its kind of id names.
fn sg_rule(protocol: Protocol, ports: PortRange, peer: &str) -> SgRuleDoc {
    let mut rule = SgRuleDoc {
        protocol: protocol.to_string(),
        ports: ports_doc(protocol, ports),
        ..SgRuleDoc::default()
    };
    // `account/sg-id` names another account's group (R10).
    let id = peer.rsplit('/').next().unwrap_or(peer);
    let field = match ResourceKind::of_id(id) {
        Some(ResourceKind::SecurityGroup) => &mut rule.group,
        Some(ResourceKind::PrefixList) => &mut rule.prefix_list,
        _ => &mut rule.cidr,
    };
    *field = Some(peer.to_string());
    rule
}

/// Turns off the check on an instance's primary interface (generated or named) or on a
/// stand-alone interface.
fn disable_source_dest_check(doc: &mut ScenarioDoc, interface: &str) -> Result<()> {
    let instance = doc.instances.iter_mut().find(|i| match &i.eni {
        Some(e) => e == interface,
        None => ids::instance_eni_id(&i.id) == interface,
    });
    if let Some(i) = instance {
        i.source_dest_check = false;
        return Ok(());
    }
    let eni = doc
        .network_interfaces
        .iter_mut()
        .find(|e| e.id == interface)
        .ok_or_else(|| not_found(ResourceKind::NetworkInterface, interface))?;
    eni.source_dest_check = false;
    Ok(())
}

fn same_sg_rule(a: &SgRuleDoc, b: &SgRuleDoc) -> bool {
    (&a.protocol, &a.ports, &a.cidr, &a.prefix_list, &a.group)
        == (&b.protocol, &b.ports, &b.cidr, &b.prefix_list, &b.group)
}

fn delete_rule(doc: &mut ScenarioDoc, resource: &str, dir: Direction, index: usize) -> Result<()> {
    let is_acl = doc.network_acls.iter().any(|a| a.id == resource)
        || vpc_of_generated(doc, resource, ids::default_acl_id).is_some();
    let removed = if is_acl {
        let rules = acl_rules(network_acl(doc, resource)?, dir);
        (index < rules.len()).then(|| rules.remove(index)).is_some()
    } else {
        // An emptied egress list stays, written as `[]`: absent would mean allow-all again.
        let rules = sg_rules(security_group(doc, resource)?, dir);
        (index < rules.len()).then(|| rules.remove(index)).is_some()
    };
    if !removed {
        return Err(EditError::NoRule {
            resource: resource.to_string(),
            index,
        });
    }
    Ok(())
}
