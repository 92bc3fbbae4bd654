//! Shared helpers for scenario tests: load a JSON scenario, trace a flow, assert the outcome.
#![allow(dead_code)]

use serde_json::Value;
use vpc_playground::load::{load, InputFile, Loaded};
use vpc_playground::model::Protocol;
use vpc_playground::validate::{Diagnostic, Severity};
use vpc_playground::{trace, FlowSpec, Trace};

pub fn loaded(doc: &Value) -> Loaded {
    let text = doc.to_string();
    match load(&[InputFile {
        name: "test.json",
        text: &text,
    }]) {
        Ok(l) => l,
        Err(e) => panic!("scenario did not load: {e}"),
    }
}

pub fn load_errors(doc: &Value) -> Vec<Diagnostic> {
    let text = doc.to_string();
    match load(&[InputFile {
        name: "test.json",
        text: &text,
    }]) {
        Ok(_) => panic!("scenario loaded, but errors were expected"),
        Err(e) => e
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

pub fn warnings(doc: &Value) -> Vec<Diagnostic> {
    loaded(doc).diagnostics
}

pub fn run_proto(doc: &Value, from: &str, to: &str, protocol: Protocol, port: u16) -> Trace {
    let l = loaded(doc);
    trace(
        &l,
        &FlowSpec {
            from: from.into(),
            to: to.into(),
            protocol,
            port,
        },
    )
    .unwrap_or_else(|e| panic!("flow {from} -> {to} not traceable: {e}"))
}

pub fn run(doc: &Value, from: &str, to: &str, port: u16) -> Trace {
    run_proto(doc, from, to, Protocol::Tcp, port)
}

/// Asserts a drop at `at` with `code` (Reachability Analyzer spelling).
#[track_caller]
pub fn assert_blocked(t: &Trace, at: &str, code: &str) {
    assert!(
        !t.reachable(),
        "expected a drop at {at}, but it is reachable: {:?}",
        t.path
    );
    assert_eq!(t.blocked_at(), Some(at), "blocked_at; {}", t.explanation);
    assert_eq!(
        t.explanation_code().map(|c| c.as_str()),
        Some(code),
        "code; {}",
        t.explanation
    );
}

#[track_caller]
pub fn assert_reachable(t: &Trace) {
    assert!(
        t.reachable(),
        "expected reachable, blocked at {:?}: {}",
        t.blocked_at(),
        t.explanation
    );
    assert_eq!(t.blocked_at(), None);
}

/// The path as one string, for compact assertions.
pub fn path(t: &Trace) -> String {
    t.path.join(" > ")
}

/// The forward (request) part of the path.
pub fn forward_path(t: &Trace) -> String {
    let mut out: Vec<&str> = Vec::new();
    for h in t
        .hops
        .iter()
        .filter(|h| h.leg == vpc_playground::forward::Leg::Forward)
    {
        if h.kind.is_outside() {
            continue;
        }
        if out.last() != Some(&h.component.as_str()) {
            out.push(&h.component);
        }
    }
    out.join(" > ")
}

/// Two VPCs A (10.0.0.0/16) and B (172.31.0.0/16), peered by pcx-ab, routes both ways,
/// one instance each; the default ACLs and an open database group.
pub fn two_peered() -> Value {
    serde_json::json!({
        "vpcs": [
            {"id": "vpc-a", "cidr": "10.0.0.0/16"},
            {"id": "vpc-b", "cidr": "172.31.0.0/16"}
        ],
        "subnets": [
            {"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
            {"id": "subnet-a2", "vpc": "vpc-a", "cidr": "10.0.2.0/24"},
            {"id": "subnet-b", "vpc": "vpc-b", "cidr": "172.31.1.0/24"}
        ],
        "route_tables": [
            {"id": "rtb-a", "vpc": "vpc-a", "subnets": ["subnet-a", "subnet-a2"],
             "routes": [{"destination": "172.31.0.0/16", "target": "pcx-ab"}]},
            {"id": "rtb-b", "vpc": "vpc-b", "subnets": ["subnet-b"],
             "routes": [{"destination": "10.0.0.0/16", "target": "pcx-ab"}]}
        ],
        "peering_connections": [{"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"}],
        "security_groups": [
            {"id": "sg-a", "vpc": "vpc-a", "ingress": [{"protocol": "tcp", "ports": "0-65535", "cidr": "10.0.0.0/16"}]},
            {"id": "sg-b", "vpc": "vpc-b", "ingress": [{"protocol": "tcp", "ports": 5432, "cidr": "10.0.0.0/16"}]}
        ],
        "instances": [
            {"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10", "security_groups": ["sg-a"]},
            {"id": "i-a2", "subnet": "subnet-a2", "private_ip": "10.0.2.10", "security_groups": ["sg-a"]},
            {"id": "i-a3", "subnet": "subnet-a", "private_ip": "10.0.1.11", "security_groups": ["sg-a"]},
            {"id": "i-b", "subnet": "subnet-b", "private_ip": "172.31.1.20", "security_groups": ["sg-b"]}
        ]
    })
}

/// One VPC with a public subnet (IGW, public NAT gateway, web instance with a public IP) and
/// a private subnet routing 0.0.0.0/0 to the NAT gateway.
pub fn public_private() -> Value {
    serde_json::json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],
        "subnets": [
            {"id": "subnet-pub", "vpc": "vpc-a", "cidr": "10.0.0.0/24"},
            {"id": "subnet-priv", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}
        ],
        "route_tables": [
            {"id": "rtb-pub", "vpc": "vpc-a", "subnets": ["subnet-pub"],
             "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
            {"id": "rtb-priv", "vpc": "vpc-a", "subnets": ["subnet-priv"],
             "routes": [{"destination": "0.0.0.0/0", "target": "nat-a"}]}
        ],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
        "nat_gateways": [{"id": "nat-a", "subnet": "subnet-pub", "public_ip": "203.0.113.5", "private_ip": "10.0.0.5"}],
        "security_groups": [{"id": "sg-web", "vpc": "vpc-a", "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "0.0.0.0/0"}]}],
        "instances": [
            {"id": "i-web", "subnet": "subnet-pub", "private_ip": "10.0.0.10", "public_ip": "198.51.100.7", "security_groups": ["sg-web"]},
            {"id": "i-app", "subnet": "subnet-priv", "private_ip": "10.0.1.10"},
            {"id": "i-nopub", "subnet": "subnet-pub", "private_ip": "10.0.0.11"}
        ]
    })
}
