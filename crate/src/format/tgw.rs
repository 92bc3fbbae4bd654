//! Transit gateways in the scenario format (`transit_gateways`, see `docs/scenario-format.md`):
//! the gateway, its attachments and its route tables, as an author writes them.

use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// A transit gateway with its attachments and route tables.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwDoc {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The scenario's Region when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The owner account; the scenario's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// `available` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The default association route table (`AssociationDefaultRouteTableId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_association_route_table: Option<String>,
    /// The default propagation route table (`PropagationDefaultRouteTableId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_propagation_route_table: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<TgwAttachmentDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<TgwRouteTableDoc>,
}

/// One attachment: `type` `vpc` (default; `vpc` and one subnet per AZ in `subnets`), `vpn`
/// (the networks behind it in `cidrs`), `direct-connect-gateway` (`dx_gateway`, and `cidrs`
/// when known) or `peering` (the other gateway in `peer`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwAttachmentDoc {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cidrs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    /// `available` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// A `direct-connect-gateway` attachment's Direct Connect gateway (AWS gives its id as the
    /// attachment's `ResourceId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dx_gateway: Option<String>,
    /// A `vpn` attachment's Site-to-Site VPN connection (`vpn-...`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn: Option<String>,
    /// The state of that connection (`available` when absent; R27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_state: Option<String>,
    /// The status of each of its tunnels, `up` or `down` (unknown when absent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tunnels: Vec<String>,
    /// The route table associated with the attachment (at most one); none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<String>,
    /// Appliance mode (`ApplianceModeSupport`, off by default).
    #[serde(default, skip_serializing_if = "is_false")]
    pub appliance_mode: bool,
}

/// A transit-gateway route table: the attachments that propagate into it, and static routes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwRouteTableDoc {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TgwRouteDoc>,
}

/// A static route: a CIDR to an attachment, or `blackhole`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TgwRouteDoc {
    pub destination: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub blackhole: bool,
}
