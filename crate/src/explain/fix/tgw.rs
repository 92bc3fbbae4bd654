//! The sentence and `aws ec2` command of a transit-gateway edit (issue 10).

use crate::format::edit::Edit;
use crate::model::ids::ResourceKind as K;

/// `--transit-gateway-route-table-id T` and the like, from `model::ids`.
fn flag(kind: K, id: &str) -> String {
    format!("{} {id}", kind.cli_flag())
}

/// The sentence and the command for a transit-gateway edit.
pub(super) fn texts(edit: &Edit) -> (String, String) {
    let (rtb, att) = (K::TransitGatewayRouteTable, K::TransitGatewayAttachment);
    match edit {
        Edit::SetTgwRoute {
            route_table: t,
            destination: d,
            attachment,
            ..
        } => {
            let (to, arg) = match attachment {
                Some(a) => (a.as_str(), flag(att, a)),
                None => ("blackhole", "--blackhole".to_string()),
            };
            (
                format!("Add the static route {d} -> {to} to {t}"),
                format!(
                    "aws ec2 create-transit-gateway-route {} --destination-cidr-block {d} {arg}",
                    flag(rtb, t)
                ),
            )
        }
        Edit::DeleteTgwRoute {
            route_table: t,
            destination: d,
        } => (
            format!("Delete the route {d} from {t}"),
            format!(
                "aws ec2 delete-transit-gateway-route {} --destination-cidr-block {d}",
                flag(rtb, t)
            ),
        ),
        Edit::AssociateTgwRouteTable {
            attachment: a,
            route_table: t,
        } => (
            format!("Associate {a} with {t}"),
            format!(
                "aws ec2 associate-transit-gateway-route-table {} {}",
                flag(rtb, t),
                flag(att, a)
            ),
        ),
        Edit::SetTgwPropagation {
            route_table: t,
            attachment: a,
            enabled,
        } => {
            let (verb, word) = if *enabled {
                ("enable", "Propagate")
            } else {
                ("disable", "Stop propagating")
            };
            (
                format!("{word} the routes of {a} into {t}"),
                format!(
                    "aws ec2 {verb}-transit-gateway-route-table-propagation {} {}",
                    flag(rtb, t),
                    flag(att, a)
                ),
            )
        }
        Edit::AddTgwAttachmentSubnet {
            attachment: a,
            subnet: s,
        } => (
            format!("Add {s} to {a}, enabling its Availability Zone"),
            format!(
                "aws ec2 modify-transit-gateway-vpc-attachment {} --add-subnet-ids {s}",
                flag(att, a)
            ),
        ),
        _ => (String::new(), String::new()),
    }
}
