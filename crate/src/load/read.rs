//! The scenario format read from parsed JSON by hand, field by field.
//!
//! Each reader lists the fields its type may have (`json::Fields`): unknown fields are errors
//! that list the known ones, wrong types say what was expected, and every error carries the
//! field path (`subnets[2].cidr`); `mod.rs` adds the line and column.

use super::scenario::*;
use crate::json::{Fields as Obj, ReadError, Value};
use crate::policy::Request;

type R<T> = Result<T, ReadError>;

fn ports(o: &Obj, key: &str) -> Option<PortsDoc> {
    o.get(key).map(|v| match v {
        Value::Number(n) => match n.as_u64().and_then(|n| u16::try_from(n).ok()) {
            Some(p) => PortsDoc::Number(p),
            None => PortsDoc::Invalid(v.clone()),
        },
        Value::String(s) => PortsDoc::Text(s.clone()),
        other => PortsDoc::Invalid(other.clone()),
    })
}

/// Reads a whole scenario.
pub fn doc(v: &Value) -> R<ScenarioDoc> {
    let o = Obj::new(
        v,
        "",
        &[
            "name",
            "description",
            "region",
            "account",
            "vpcs",
            "subnets",
            "route_tables",
            "internet_gateways",
            "nat_gateways",
            "peering_connections",
            "endpoints",
            "security_groups",
            "network_acls",
            "instances",
            "network_interfaces",
            "vpn_gateways",
            "prefix_lists",
            "buckets",
            "flow",
            "lesson",
        ],
    )?;
    Ok(ScenarioDoc {
        name: o.string("name")?,
        description: o.string("description")?,
        region: o.opt_str("region")?,
        account: o.opt_str("account")?,
        vpcs: o.list("vpcs", vpc)?,
        subnets: o.list("subnets", subnet)?,
        route_tables: o.list("route_tables", route_table)?,
        internet_gateways: o.list("internet_gateways", igw)?,
        nat_gateways: o.list("nat_gateways", nat)?,
        peering_connections: o.list("peering_connections", peering)?,
        endpoints: o.list("endpoints", endpoint)?,
        security_groups: o.list("security_groups", security_group)?,
        network_acls: o.list("network_acls", network_acl)?,
        instances: o.list("instances", instance)?,
        network_interfaces: o.list("network_interfaces", eni)?,
        vpn_gateways: o.list("vpn_gateways", vgw)?,
        prefix_lists: o.list("prefix_lists", prefix_list)?,
        buckets: o.list("buckets", bucket)?,
        flow: match o.get("flow") {
            None => None,
            Some(f) => Some(flow(f, "flow")?),
        },
        // Kept as written (the page and `solve` work on the text), but read here so a slip in
        // a lesson is a load error with its line and column, like any other field's.
        lesson: match o.get("lesson") {
            None => None,
            Some(l) => {
                crate::lesson::Lesson::read(l, &o.at("lesson"))?;
                Some(l.clone())
            }
        },
    })
}

fn vpc(v: &Value, p: &str) -> R<VpcDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "id",
            "name",
            "cidr",
            "cidrs",
            "region",
            "account",
            "dns_support",
            "dns_hostnames",
        ],
    )?;
    Ok(VpcDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        cidr: o.opt_str("cidr")?,
        cidrs: o.strings("cidrs")?,
        region: o.opt_str("region")?,
        account: o.opt_str("account")?,
        dns_support: o.bool_or("dns_support", true)?,
        dns_hostnames: o.bool_or("dns_hostnames", true)?,
    })
}

fn subnet(v: &Value, p: &str) -> R<SubnetDoc> {
    let o = Obj::new(v, p, &["id", "name", "vpc", "cidr", "az"])?;
    Ok(SubnetDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.req_str("vpc")?,
        cidr: o.req_str("cidr")?,
        az: o.opt_str("az")?,
    })
}

fn route_table(v: &Value, p: &str) -> R<RouteTableDoc> {
    let o = Obj::new(v, p, &["id", "name", "vpc", "main", "subnets", "routes"])?;
    Ok(RouteTableDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.req_str("vpc")?,
        main: o.bool_or("main", false)?,
        subnets: o.strings("subnets")?,
        routes: o.list("routes", route)?,
    })
}

fn route(v: &Value, p: &str) -> R<RouteDoc> {
    let o = Obj::new(v, p, &["destination", "target", "propagated", "blackhole"])?;
    Ok(RouteDoc {
        destination: o.req_str("destination")?,
        target: o.req_str("target")?,
        propagated: o.bool_or("propagated", false)?,
        blackhole: o.bool_or("blackhole", false)?,
    })
}

fn igw(v: &Value, p: &str) -> R<IgwDoc> {
    let o = Obj::new(v, p, &["id", "name", "vpc"])?;
    Ok(IgwDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.opt_str("vpc")?,
    })
}

fn nat(v: &Value, p: &str) -> R<NatDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "id",
            "name",
            "subnet",
            "connectivity",
            "public_ip",
            "private_ip",
            "eni",
            "state",
        ],
    )?;
    Ok(NatDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        subnet: o.req_str("subnet")?,
        connectivity: o.opt_str("connectivity")?,
        public_ip: o.opt_str("public_ip")?,
        private_ip: o.opt_str("private_ip")?,
        eni: o.opt_str("eni")?,
        state: o.opt_str("state")?,
    })
}

fn peering(v: &Value, p: &str) -> R<PeeringDoc> {
    let o = Obj::new(v, p, &["id", "name", "requester", "accepter", "status"])?;
    Ok(PeeringDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        requester: o.req_str("requester")?,
        accepter: o.req_str("accepter")?,
        status: o.opt_str("status")?,
    })
}

fn endpoint(v: &Value, p: &str) -> R<EndpointDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "id",
            "name",
            "vpc",
            "service",
            "type",
            "route_tables",
            "subnets",
            "security_groups",
            "private_dns",
            "network_interfaces",
            "policy",
        ],
    )?;
    Ok(EndpointDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.req_str("vpc")?,
        service: o.req_str("service")?,
        kind: o.req_str("type")?,
        route_tables: o.strings("route_tables")?,
        subnets: o.strings("subnets")?,
        security_groups: o.opt_strings("security_groups")?,
        private_dns: o.bool_or("private_dns", true)?,
        network_interfaces: o.list("network_interfaces", |v, p| {
            let o = Obj::new(v, p, &["id", "subnet", "private_ip"])?;
            Ok(EndpointEniDoc {
                id: o.req_str("id")?,
                subnet: o.req_str("subnet")?,
                private_ip: o.opt_str("private_ip")?,
            })
        })?,
        policy: o.value("policy"),
    })
}

fn security_group(v: &Value, p: &str) -> R<SecurityGroupDoc> {
    let o = Obj::new(v, p, &["id", "name", "vpc", "ingress", "egress"])?;
    Ok(SecurityGroupDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.req_str("vpc")?,
        ingress: o.list("ingress", sg_rule)?,
        egress: o.opt_list("egress", sg_rule)?,
    })
}

fn sg_rule(v: &Value, p: &str) -> R<SgRuleDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "protocol",
            "ports",
            "cidr",
            "prefix_list",
            "group",
            "description",
        ],
    )?;
    Ok(SgRuleDoc {
        protocol: o.req_str("protocol")?,
        ports: ports(&o, "ports"),
        cidr: o.opt_str("cidr")?,
        prefix_list: o.opt_str("prefix_list")?,
        group: o.opt_str("group")?,
        description: o.string("description")?,
    })
}

fn network_acl(v: &Value, p: &str) -> R<NetworkAclDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "id", "name", "vpc", "default", "subnets", "ingress", "egress",
        ],
    )?;
    Ok(NetworkAclDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.req_str("vpc")?,
        default: o.bool_or("default", false)?,
        subnets: o.strings("subnets")?,
        ingress: o.opt_list("ingress", nacl_rule)?,
        egress: o.opt_list("egress", nacl_rule)?,
    })
}

fn nacl_rule(v: &Value, p: &str) -> R<NaclRuleDoc> {
    let o = Obj::new(v, p, &["rule", "protocol", "ports", "cidr", "action"])?;
    Ok(NaclRuleDoc {
        rule: o.req_u32("rule")?,
        protocol: o.req_str("protocol")?,
        ports: ports(&o, "ports"),
        cidr: o.req_str("cidr")?,
        action: o.req_str("action")?,
    })
}

fn instance(v: &Value, p: &str) -> R<InstanceDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "id",
            "name",
            "subnet",
            "private_ip",
            "public_ip",
            "security_groups",
            "source_dest_check",
            "eni",
            "role_policy",
        ],
    )?;
    Ok(InstanceDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        subnet: o.req_str("subnet")?,
        private_ip: o.opt_str("private_ip")?,
        public_ip: o.opt_str("public_ip")?,
        security_groups: o.opt_strings("security_groups")?,
        source_dest_check: o.bool_or("source_dest_check", true)?,
        eni: o.opt_str("eni")?,
        role_policy: o.value("role_policy"),
    })
}

fn eni(v: &Value, p: &str) -> R<EniDoc> {
    let o = Obj::new(
        v,
        p,
        &[
            "id",
            "name",
            "subnet",
            "private_ip",
            "secondary_ips",
            "public_ip",
            "security_groups",
            "source_dest_check",
            "instance",
            "description",
        ],
    )?;
    Ok(EniDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        subnet: o.req_str("subnet")?,
        private_ip: o.req_str("private_ip")?,
        secondary_ips: o.strings("secondary_ips")?,
        public_ip: o.opt_str("public_ip")?,
        security_groups: o.opt_strings("security_groups")?,
        source_dest_check: o.bool_or("source_dest_check", true)?,
        instance: o.opt_str("instance")?,
        description: o.string("description")?,
    })
}

fn vgw(v: &Value, p: &str) -> R<VgwDoc> {
    let o = Obj::new(v, p, &["id", "name", "vpc", "type", "onprem_cidrs"])?;
    Ok(VgwDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        vpc: o.opt_str("vpc")?,
        kind: o.opt_str("type")?,
        onprem_cidrs: o.strings("onprem_cidrs")?,
    })
}

fn prefix_list(v: &Value, p: &str) -> R<PrefixListDoc> {
    let o = Obj::new(v, p, &["id", "name", "cidrs"])?;
    Ok(PrefixListDoc {
        id: o.req_str("id")?,
        name: o.string("name")?,
        cidrs: o.req_list("cidrs", crate::json::string_item)?,
    })
}

fn bucket(v: &Value, p: &str) -> R<BucketDoc> {
    let o = Obj::new(v, p, &["name", "policy"])?;
    Ok(BucketDoc {
        name: o.req_str("name")?,
        policy: o.value("policy"),
    })
}

pub fn flow(v: &Value, p: &str) -> R<FlowDoc> {
    let o = Obj::new(v, p, &["from", "to", "protocol", "port", "request"])?;
    Ok(FlowDoc {
        from: o.req_str("from")?,
        to: o.req_str("to")?,
        protocol: o.opt_str("protocol")?,
        port: o.opt_u16("port")?,
        request: match o.get("request") {
            None => None,
            Some(r) => Some(Request::read(r, &o.at("request"))?),
        },
    })
}
