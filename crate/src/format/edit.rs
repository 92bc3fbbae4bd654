//! An edit: one change to a scenario, as data. The page makes them from its forms, and a
//! suggested fix is one; `crate::edit` applies them. Crosses the wasm boundary as
//! `{kind: "set-route", ...}`.

use crate::model::{Direction, NaclAction, PortRange, Protocol};
use serde::{Deserialize, Serialize};

fn all_ports() -> PortRange {
    PortRange::ALL
}

fn is_all_ports(p: &PortRange) -> bool {
    *p == PortRange::ALL
}

fn allow() -> NaclAction {
    NaclAction::Allow
}

/// One change to a scenario. Crosses the wasm boundary as `{kind: "set-route", ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Edit {
    /// Adds a route, or, with `replaces`, changes the route that had that destination.
    SetRoute {
        route_table: String,
        destination: String,
        target: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replaces: Option<String>,
    },
    DeleteRoute {
        route_table: String,
        destination: String,
    },
    /// Requests a peering connection; it waits for the accepter, as AWS creates it.
    CreatePeering {
        requester: String,
        accepter: String,
    },
    AcceptPeering {
        peering: String,
    },
    /// Deletes a peering connection; routes to it stay and become blackhole (R4).
    DeletePeering {
        peering: String,
    },
    /// Creates a gateway endpoint (S3 or DynamoDB) with the route tables it serves.
    CreateGatewayEndpoint {
        vpc: String,
        service: String,
        #[serde(default)]
        route_tables: Vec<String>,
    },
    /// Associates a gateway endpoint with a route table, or removes the association.
    SetEndpointTable {
        endpoint: String,
        route_table: String,
        associated: bool,
    },
    /// Adds a security-group rule. `peer` is a CIDR, a group id (`account/sg-id` for another
    /// account's, R10) or a prefix-list id: the engine tells which by the id's prefix.
    AddSecurityGroupRule {
        group: String,
        direction: Direction,
        protocol: Protocol,
        #[serde(default = "all_ports", skip_serializing_if = "is_all_ports")]
        ports: PortRange,
        peer: String,
    },
    /// Adds a network ACL rule; a rule number is used once per direction.
    AddNetworkAclRule {
        network_acl: String,
        direction: Direction,
        rule: u16,
        protocol: Protocol,
        #[serde(default = "all_ports", skip_serializing_if = "is_all_ports")]
        ports: PortRange,
        cidr: String,
        #[serde(default = "allow")]
        action: NaclAction,
    },
    /// Turns off source/destination check on an interface (an appliance's, R24).
    DisableSourceDestCheck {
        interface: String,
    },
    /// Deletes the rule at `index` of a group's or ACL's rules in one direction, counted as
    /// the model lists them (an ACL's by rule number).
    DeleteRule {
        resource: String,
        direction: Direction,
        index: usize,
    },
    /// Starts a stopped instance (R27).
    StartInstance {
        instance: String,
    },
    /// Adds a static route to a transit gateway route table: to an attachment, or blackhole.
    SetTgwRoute {
        route_table: String,
        destination: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attachment: Option<String>,
        #[serde(default)]
        blackhole: bool,
    },
    /// Deletes a static route from a transit gateway route table.
    DeleteTgwRoute {
        route_table: String,
        destination: String,
    },
    /// Associates an attachment with a transit gateway route table (an attachment has one).
    AssociateTgwRouteTable {
        attachment: String,
        route_table: String,
    },
    /// Turns the propagation of an attachment into a transit gateway route table on or off.
    SetTgwPropagation {
        route_table: String,
        attachment: String,
        enabled: bool,
    },
    /// Adds a subnet, in an Availability Zone the attachment lacks, to a VPC attachment.
    AddTgwAttachmentSubnet {
        attachment: String,
        subnet: String,
    },
    /// Adds a static route to a VPN connection that uses static routing (R28).
    AddVpnConnectionRoute {
        vpn_connection: String,
        destination: String,
    },
    /// Associates a secondary IPv4 CIDR block with a VPC.
    AddVpcCidr {
        vpc: String,
        cidr: String,
    },
    /// Disassociates a secondary IPv4 CIDR block; AWS keeps the primary block and any block
    /// a subnet still uses.
    RemoveVpcCidr {
        vpc: String,
        cidr: String,
    },
    /// Creates a subnet inside one of the VPC's blocks (the Region's first zone when `az` is
    /// absent).
    CreateSubnet {
        vpc: String,
        cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        az: Option<String>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        name: String,
    },
    /// Deletes a subnet that holds no network interface; its route table and network ACL
    /// associations go with it.
    DeleteSubnet {
        subnet: String,
    },
    /// Replaces an endpoint's whole policy with `policy`, JSON text; blank text restores the
    /// default policy, which allows everything (R22).
    SetEndpointPolicy {
        endpoint: String,
        policy: String,
    },
    /// Sets the Effect, Action list and Resource list of statement `index` of an endpoint's
    /// policy (its Sid, Principal and Condition stay); `index` one past the last adds one.
    SetEndpointPolicyStatement {
        endpoint: String,
        index: usize,
        effect: Effect,
        actions: Vec<String>,
        resources: Vec<String>,
    },
    /// Deletes statement `index` of an endpoint's policy.
    DeleteEndpointPolicyStatement {
        endpoint: String,
        index: usize,
    },
}

/// A policy statement's `Effect`, spelled as IAM spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}
