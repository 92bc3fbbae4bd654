//! The hub-and-spoke estate (issue 10): one transit gateway with `n` VPC attachments, all
//! associated with one route table into which all propagate, so the table holds `n` routes.
//! VPC `i` is a /21 of 10.0.0.0/8 with an app subnet (one instance) and an attachment subnet,
//! both in us-east-1a, and one route table sending 10.0.0.0/8 to the gateway.

use std::net::Ipv4Addr;
use vpc_playground::load::scenario::{
    InstanceDoc, RouteDoc, RouteTableDoc, ScenarioDoc, SecurityGroupDoc, SgRuleDoc, SubnetDoc,
    TgwAttachmentDoc, TgwDoc, TgwRouteTableDoc, VpcDoc,
};
use vpc_playground::model::Protocol;
use vpc_playground::FlowSpec;

const TGW: &str = "tgw-hub";
const TABLE: &str = "tgw-rtb-hub";

fn base(i: usize) -> Ipv4Addr {
    Ipv4Addr::from((10u32 << 24) | ((i as u32) << 11))
}

fn host(i: usize, offset: u32) -> String {
    Ipv4Addr::from(u32::from(base(i)) + offset).to_string()
}

/// Spoke `i`: its VPC, subnets, table, group and instance, and its attachment.
fn spoke(doc: &mut ScenarioDoc, i: usize) -> TgwAttachmentDoc {
    let vpc = format!("vpc-spoke{i}");
    doc.vpcs.push(VpcDoc {
        id: vpc.clone(),
        cidr: Some(format!("{}/21", base(i))),
        dns_support: true,
        dns_hostnames: true,
        ..VpcDoc::default()
    });
    for (s, cidr) in [
        ("app", format!("{}/24", host(i, 256))),
        ("tgw", format!("{}/28", base(i))),
    ] {
        doc.subnets.push(SubnetDoc {
            id: format!("subnet-{s}{i}"),
            vpc: vpc.clone(),
            cidr,
            az: Some("us-east-1a".into()),
            ..SubnetDoc::default()
        });
    }
    doc.route_tables.push(RouteTableDoc {
        id: format!("rtb-spoke{i}"),
        vpc: vpc.clone(),
        main: true,
        routes: vec![RouteDoc {
            destination: "10.0.0.0/8".into(),
            target: TGW.into(),
            ..RouteDoc::default()
        }],
        ..RouteTableDoc::default()
    });
    doc.security_groups.push(SecurityGroupDoc {
        id: format!("sg-spoke{i}"),
        vpc,
        ingress: vec![SgRuleDoc {
            protocol: "tcp".into(),
            ports: Some(vpc_playground::load::scenario::PortsDoc::Number(443)),
            cidr: Some("10.0.0.0/8".into()),
            ..SgRuleDoc::default()
        }],
        ..SecurityGroupDoc::default()
    });
    doc.instances.push(InstanceDoc {
        id: format!("i-spoke{i}"),
        subnet: format!("subnet-app{i}"),
        private_ip: Some(host(i, 266)),
        security_groups: Some(vec![format!("sg-spoke{i}")]),
        ..InstanceDoc::default()
    });
    TgwAttachmentDoc {
        id: format!("tgw-attach-spoke{i}"),
        vpc: Some(format!("vpc-spoke{i}")),
        subnets: vec![format!("subnet-tgw{i}")],
        route_table: Some(TABLE.into()),
        ..TgwAttachmentDoc::default()
    }
}

/// The estate of `n` spokes.
pub fn estate(n: usize) -> ScenarioDoc {
    let mut doc = ScenarioDoc {
        name: format!("bench: hub and spoke, {n} VPC attachments"),
        region: Some("us-east-1".into()),
        ..ScenarioDoc::default()
    };
    let attachments: Vec<TgwAttachmentDoc> = (0..n).map(|i| spoke(&mut doc, i)).collect();
    let propagations = attachments.iter().map(|a| a.id.clone()).collect();
    doc.transit_gateways.push(TgwDoc {
        id: TGW.into(),
        default_association_route_table: Some(TABLE.into()),
        default_propagation_route_table: Some(TABLE.into()),
        attachments,
        route_tables: vec![TgwRouteTableDoc {
            id: TABLE.into(),
            propagations,
            ..TgwRouteTableDoc::default()
        }],
        ..TgwDoc::default()
    });
    doc
}

/// Spoke to spoke across the hub, from spokes spread over the estate to the one half-way
/// round (reachable), and to a port the group does not open (blocked at the far end).
pub fn flows(n: usize) -> Vec<(FlowSpec, bool)> {
    let mut out = Vec::new();
    for k in [0, n / 3, n / 2, (2 * n) / 3, n - 1] {
        let to = format!("i-spoke{}", (k + n / 2) % n);
        for (port, ok) in [(443, true), (22, false)] {
            let f = FlowSpec {
                from: format!("i-spoke{k}"),
                to: to.clone(),
                protocol: Protocol::Tcp,
                port,
            };
            out.push((f, ok));
        }
    }
    out
}
