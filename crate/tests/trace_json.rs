//! The trace as the page reads it: every key www/js reads from a trace result is present, with
//! the values the page compares against (kind names, actions, outcomes). Keys only grow.

mod common;
use common::*;
use serde_json::{json, Value};

/// Keys of the trace object read by www/js (status.js, main.js, animate.js, diagram.js).
const TRACE_KEYS: &[&str] = &[
    "flow",
    "reachable",
    "path",
    "blocked_at",
    "explanation_code",
    "explanation",
    "fix",
    "reason",
    "hops",
];
/// Keys of a hop read by events.js, animate.js, layout.js and main.js.
const HOP_KEYS: &[&str] = &[
    "seq",
    "leg",
    "component",
    "kind",
    "vpc",
    "subnet",
    "action",
    "detail",
    "header_in",
    "header_out",
    "route",
    "rule",
    "code",
];
/// Keys of a header read by events.js (`headerText`) and animate.js.
const HEADER_KEYS: &[&str] = &["src", "dst", "protocol", "src_port", "dst_port"];
/// Keys of a route decision and its candidates read by events.js (`routeBlock`).
const ROUTE_KEYS: &[&str] = &["table", "matched", "candidates"];
const CANDIDATE_KEYS: &[&str] = &["destination", "target", "matched_cidr", "outcome"];
/// Keys of a rule match read by events.js and animate.js.
const RULE_KEYS: &[&str] = &["kind", "id", "direction", "text", "action"];
/// Keys of a fix read by status.js; the whole object goes back to `applyFix`.
const FIX_KEYS: &[&str] = &["kind", "summary", "cli"];

fn as_json(t: &vpc_playground::Trace) -> Value {
    serde_json::to_value(t).expect("a trace serialises")
}

#[track_caller]
fn has_keys(v: &Value, keys: &[&str]) {
    for k in keys {
        assert!(v.get(k).is_some(), "key {k} missing in {v}");
    }
}

#[test]
fn blocked_trace_has_every_key_the_page_reads() {
    // B's ACL denies the request: a rule hop, a route hop and a fix.
    let mut d = two_peered();
    d["network_acls"] = json!([{"id": "acl-b", "vpc": "vpc-b", "subnets": ["subnet-b"],
        "ingress": [{"rule": 90, "protocol": "tcp", "ports": 5432, "cidr": "10.0.1.0/24", "action": "deny"}],
        "egress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}]);
    let v = as_json(&run(&d, "i-a", "i-b", 5432));
    has_keys(&v, TRACE_KEYS);
    assert_eq!(v["reachable"], false);
    assert_eq!(v["blocked_at"], "acl-b");
    assert_eq!(v["explanation_code"], "SUBNET_ACL_RESTRICTION");
    assert_eq!(v["reason"]["kind"], "acl-denied");
    assert_eq!(v["reason"]["rule"], 90);
    has_keys(&v["fix"], FIX_KEYS);
    assert_eq!(v["fix"]["kind"], "add-network-acl-rule");
    assert_eq!(
        (&v["fix"]["protocol"], &v["fix"]["ports"]),
        (&json!("tcp"), &json!("5432"))
    );
    let hops = v["hops"].as_array().expect("hops");
    for h in hops {
        has_keys(h, HOP_KEYS);
        has_keys(&h["header_in"], HEADER_KEYS);
        has_keys(&h["header_out"], HEADER_KEYS);
    }
    let drop = hops.last().expect("a drop hop");
    assert_eq!(
        (&drop["action"], &drop["kind"]),
        (&json!("drop"), &json!("network-acl"))
    );
    assert_eq!(drop["code"], "SUBNET_ACL_RESTRICTION");
    assert_eq!(drop["detail"], v["explanation"]);
    has_keys(&drop["rule"], RULE_KEYS);
    assert_eq!(
        (&drop["rule"]["direction"], &drop["rule"]["action"]),
        (&json!("ingress"), &json!("deny"))
    );
    assert_eq!(drop["rule"]["kind"], "network-acl");
    let route = hops
        .iter()
        .find(|h| h["kind"] == "route-table")
        .expect("a route hop");
    has_keys(&route["route"], ROUTE_KEYS);
    for c in route["route"]["candidates"].as_array().expect("candidates") {
        has_keys(c, CANDIDATE_KEYS);
    }
    assert_eq!(route["route"]["candidates"][0]["outcome"], "chosen");
    let sg = hops
        .iter()
        .find(|h| h["kind"] == "security-group")
        .expect("a group hop");
    assert_eq!(
        (&sg["rule"]["kind"], &sg["rule"]["action"]),
        (&json!("security-group"), &json!("allow"))
    );
}

#[test]
fn reachable_trace_has_every_key_with_nulls_for_the_drop() {
    let v = as_json(&run(&two_peered(), "i-a", "i-b", 5432));
    has_keys(&v, TRACE_KEYS);
    assert_eq!(v["reachable"], true);
    for k in ["blocked_at", "explanation_code", "fix", "reason"] {
        assert!(v[k].is_null(), "{k}: {v}");
    }
    assert!(v["path"].as_array().is_some_and(|p| p.len() > 3), "{v}");
    let legs: Vec<&Value> = v["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .map(|h| &h["leg"])
        .collect();
    assert!(legs.contains(&&json!("forward")) && legs.contains(&&json!("return")));
    assert!(v["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .any(|h| h["action"] == "deliver"));
}

#[test]
fn a_fix_from_a_trace_reads_back_as_the_page_sends_it() {
    let mut d = two_peered();
    d["route_tables"][1]["routes"] = json!([]);
    let t = run(&d, "i-a", "i-b", 5432);
    let mut sent = serde_json::to_value(t.fix().expect("a fix")).expect("serialises");
    assert!(sent["summary"].is_string() && sent["cli"].is_string());
    // The page sends the edit without its sentence and command (engine.js applyFix).
    let m = sent.as_object_mut().expect("an object");
    m.remove("summary");
    m.remove("cli");
    let back: vpc_playground::edit::Edit = serde_json::from_value(sent).expect("reads back");
    assert_eq!(Some(&back), t.fix().map(|f| &f.edit));
}
