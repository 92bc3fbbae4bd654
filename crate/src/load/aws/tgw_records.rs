//! Transit-gateway records with AWS's field names (issue 10): describe-transit-gateways,
//! -attachments, -vpc-attachments, -route-tables, and what collectors save per route table
//! from get-transit-gateway-route-table-propagations and search-transit-gateway-routes (the
//! CLI's own output of those names no table, so collectors wrap it with the table's id, as
//! the snapshots in `shared/aws-snapshots` show).

use super::records::Tag;
use serde::{Deserialize, Deserializer};

fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// The transit-gateway lists of one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TgwFile {
    pub gateways: Vec<TgwRec>,
    pub attachments: Vec<TgwAttachmentRec>,
    pub vpc_attachments: Vec<TgwVpcAttachmentRec>,
    pub route_tables: Vec<TgwRouteTableRec>,
    pub propagations: Vec<TgwPropagationsRec>,
    pub routes: Vec<TgwRoutesRec>,
    /// get-transit-gateway-prefix-list-references [TPL].
    pub prefix_list_refs: Vec<TgwPrefixListRefRec>,
}

/// One prefix-list reference of a transit gateway route table [TPL]. The table and the list
/// are optional here so that a record without them is a note that names it, not a load error.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwPrefixListRefRec {
    pub transit_gateway_route_table_id: Option<String>,
    pub prefix_list_id: Option<String>,
    pub state: Option<String>,
    pub blackhole: Option<bool>,
    pub transit_gateway_attachment: Option<TgwPrefixListRefTarget>,
}

/// The attachment a prefix-list reference routes to (absent for a blackhole).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwPrefixListRefTarget {
    pub transit_gateway_attachment_id: Option<String>,
}

/// describe-transit-gateways `Options`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwOptionsRec {
    pub association_default_route_table_id: Option<String>,
    pub propagation_default_route_table_id: Option<String>,
}

/// describe-transit-gateways.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a transit gateway record (an object)"
)]
pub struct TgwRec {
    pub transit_gateway_id: String,
    pub transit_gateway_arn: Option<String>,
    pub owner_id: Option<String>,
    pub state: Option<String>,
    pub options: Option<TgwOptionsRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// An attachment's `Association`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwAssociationRec {
    pub transit_gateway_route_table_id: Option<String>,
    pub state: Option<String>,
}

/// describe-transit-gateway-attachments.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a transit gateway attachment (an object)"
)]
pub struct TgwAttachmentRec {
    pub transit_gateway_attachment_id: String,
    pub transit_gateway_id: String,
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub state: Option<String>,
    pub association: Option<TgwAssociationRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// describe-transit-gateway-vpc-attachments `Options`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwVpcOptionsRec {
    pub appliance_mode_support: Option<String>,
}

/// describe-transit-gateway-vpc-attachments.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a transit gateway VPC attachment (an object)"
)]
pub struct TgwVpcAttachmentRec {
    pub transit_gateway_attachment_id: String,
    pub transit_gateway_id: String,
    pub vpc_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub subnet_ids: Vec<String>,
    pub state: Option<String>,
    pub options: Option<TgwVpcOptionsRec>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// describe-transit-gateway-route-tables.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a transit gateway route table (an object)"
)]
pub struct TgwRouteTableRec {
    pub transit_gateway_route_table_id: String,
    pub transit_gateway_id: String,
    pub state: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub tags: Vec<Tag>,
}

/// One propagation of get-transit-gateway-route-table-propagations.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "a propagation (an object)")]
pub struct TgwPropagationRec {
    pub transit_gateway_attachment_id: String,
    pub state: Option<String>,
}

/// The propagations of one route table, as collectors save them.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwPropagationsRec {
    pub transit_gateway_route_table_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub transit_gateway_route_table_propagations: Vec<TgwPropagationRec>,
}

/// One attachment a route leads to.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwRouteAttachmentRec {
    pub transit_gateway_attachment_id: Option<String>,
}

/// One route of search-transit-gateway-routes.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "a transit gateway route (an object)"
)]
pub struct TgwRouteRec {
    pub destination_cidr_block: Option<String>,
    pub prefix_list_id: Option<String>,
    pub state: Option<String>,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub transit_gateway_attachments: Vec<TgwRouteAttachmentRec>,
}

/// The routes of one route table, as collectors save them.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", expecting = "an object")]
pub struct TgwRoutesRec {
    pub transit_gateway_route_table_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub routes: Vec<TgwRouteRec>,
    pub additional_routes_available: Option<bool>,
}
