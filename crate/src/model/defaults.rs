//! AWS's defaults: the rules a resource has when nobody wrote any, and the resources AWS creates
//! with every VPC, written once. Two forms of the same facts: as the scenario format writes them
//! (for edits and fixes that write a generated resource into a scenario) and as the model holds
//! them (for the builder); a test checks that the first, built, gives the second.

use super::ids::default_sg_id;
use super::{NaclAction, NaclRule, PortRange, Protocol, SgPeer, SgRule};
use crate::format::scenario::{
    NaclRuleDoc, NetworkAclDoc, RouteTableDoc, SecurityGroupDoc, SgRuleDoc,
};
use ipnet::Ipv4Net;

/// The name AWS's generated resources carry.
pub const DEFAULT_NAME: &str = "default";

/// A security group's outbound rule when none is written: all traffic to anywhere [SGR].
pub fn sg_egress() -> SgRule {
    SgRule {
        protocol: Protocol::All,
        ports: PortRange::ALL,
        peer: SgPeer::Cidr(Ipv4Net::default()),
        description: "default: all outbound".into(),
    }
}

/// A default network ACL's rule in each direction: rule 100 allows everything [DNACL].
pub fn acl_rules() -> Vec<NaclRule> {
    vec![NaclRule {
        number: 100,
        protocol: Protocol::All,
        ports: PortRange::ALL,
        cidr: Ipv4Net::default(),
        action: NaclAction::Allow,
    }]
}

/// `sg_egress`, as a scenario writes it.
pub fn sg_egress_doc() -> SgRuleDoc {
    SgRuleDoc {
        protocol: "all".into(),
        cidr: Some(Ipv4Net::default().to_string()),
        ..SgRuleDoc::default()
    }
}

/// `acl_rules`, as a scenario writes them.
pub fn acl_rules_doc() -> Vec<NaclRuleDoc> {
    vec![NaclRuleDoc {
        rule: 100,
        protocol: "all".into(),
        ports: None,
        cidr: Ipv4Net::default().to_string(),
        action: "allow".into(),
    }]
}

/// A VPC's default security group as a scenario writes it: inbound from its own members,
/// all outbound (the absent `egress`) [SGR].
pub fn security_group_doc(vpc: &str) -> SecurityGroupDoc {
    let id = default_sg_id(vpc);
    SecurityGroupDoc {
        ingress: vec![SgRuleDoc {
            protocol: "all".into(),
            group: Some(id.clone()),
            ..SgRuleDoc::default()
        }],
        id,
        name: DEFAULT_NAME.into(),
        vpc: vpc.into(),
        egress: None,
    }
}

/// A VPC's default network ACL as a scenario writes it (its rules are `acl_rules`, implied).
pub fn network_acl_doc(vpc: &str) -> NetworkAclDoc {
    NetworkAclDoc {
        id: super::ids::default_acl_id(vpc),
        name: DEFAULT_NAME.into(),
        vpc: vpc.into(),
        default: true,
        ..NetworkAclDoc::default()
    }
}

/// A VPC's main route table as a scenario writes it (its `local` routes are implied).
pub fn main_route_table_doc(vpc: &str) -> RouteTableDoc {
    RouteTableDoc {
        id: super::ids::main_rtb_id(vpc),
        name: "main".into(),
        vpc: vpc.into(),
        main: true,
        ..RouteTableDoc::default()
    }
}
