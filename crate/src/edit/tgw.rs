//! Transit-gateway edits on the scenario (issue 10): static routes, associations,
//! propagations and attachment subnets.

use super::{not_found, EditError, Result};
use crate::format::edit::Edit;
use crate::format::scenario::{ScenarioDoc, TgwAttachmentDoc, TgwRouteDoc, TgwRouteTableDoc};
use crate::model::ids::ResourceKind;

fn table<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut TgwRouteTableDoc> {
    doc.transit_gateways
        .iter_mut()
        .flat_map(|g| g.route_tables.iter_mut())
        .find(|t| t.id == id)
        .ok_or_else(|| not_found(ResourceKind::TransitGatewayRouteTable, id))
}

/// The attachment on the same gateway as table `t` (a peering attachment has a record on
/// each side), or the first with that id when `t` is `None`.
fn attachment<'a>(
    doc: &'a mut ScenarioDoc,
    id: &str,
    t: Option<&str>,
) -> Result<&'a mut TgwAttachmentDoc> {
    doc.transit_gateways
        .iter_mut()
        .filter(|g| t.map_or(true, |t| g.route_tables.iter().any(|r| r.id == t)))
        .flat_map(|g| g.attachments.iter_mut())
        .find(|a| a.id == id)
        .ok_or_else(|| not_found(ResourceKind::TransitGatewayAttachment, id))
}

/// Applies a transit-gateway edit.
pub(super) fn apply(doc: &mut ScenarioDoc, edit: &Edit) -> Result<()> {
    match edit {
        Edit::SetTgwRoute {
            route_table: t,
            destination,
            attachment: a,
            blackhole,
        } => {
            if let Some(a) = a {
                attachment(doc, a, Some(t))?;
            }
            let table = table(doc, t)?;
            if table.routes.iter().any(|r| &r.destination == destination) {
                return Err(EditError::RouteExists {
                    table: t.clone(),
                    destination: destination.clone(),
                });
            }
            table.routes.push(TgwRouteDoc {
                destination: destination.clone(),
                attachment: a.clone(),
                blackhole: *blackhole,
            });
        }
        Edit::DeleteTgwRoute {
            route_table: t,
            destination,
        } => {
            let table = table(doc, t)?;
            let before = table.routes.len();
            table.routes.retain(|r| &r.destination != destination);
            if table.routes.len() == before {
                return Err(EditError::NoRoute {
                    table: t.clone(),
                    destination: destination.clone(),
                });
            }
        }
        Edit::AssociateTgwRouteTable {
            attachment: a,
            route_table: t,
        } => {
            table(doc, t)?;
            attachment(doc, a, Some(t))?.route_table = Some(t.clone());
        }
        Edit::SetTgwPropagation {
            route_table: t,
            attachment: a,
            enabled,
        } => {
            attachment(doc, a, Some(t))?;
            let table = table(doc, t)?;
            table.propagations.retain(|p| p != a);
            if *enabled {
                table.propagations.push(a.clone());
            }
        }
        Edit::AddTgwAttachmentSubnet {
            attachment: a,
            subnet,
        } => {
            if !doc.subnets.iter().any(|s| &s.id == subnet) {
                return Err(not_found(ResourceKind::Subnet, subnet));
            }
            let att = attachment(doc, a, None)?;
            if !att.subnets.contains(subnet) {
                att.subnets.push(subnet.clone());
            }
        }
        _ => {}
    }
    Ok(())
}
