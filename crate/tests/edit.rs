//! The edit engine (`edit::apply`): each edit changes the scenario, and the change shows in
//! what the packet does afterwards.

mod common;

use common::*;
use serde_json::{json, Value};
use vpc_playground::edit::{apply, Edit, EditError};
use vpc_playground::explain::Reason;
use vpc_playground::format::scenario::ScenarioDoc;
use vpc_playground::load::from_doc;
use vpc_playground::model::ids::ResourceKind;
use vpc_playground::model::Direction;
use vpc_playground::model::{NaclAction, PortRange, Protocol};

fn doc_of(v: &Value) -> ScenarioDoc {
    loaded(v).doc
}

/// Applies the edit, and returns the edited scenario as JSON (for `run`).
fn edited(v: &Value, edit: &Edit) -> (Value, Option<String>) {
    let mut doc = doc_of(v);
    let created = apply(&mut doc, edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    from_doc(doc.clone()).unwrap_or_else(|e| panic!("the edited scenario loads: {e}"));
    (serde_json::to_value(&doc).expect("JSON"), created)
}

fn refused(v: &Value, edit: &Edit) -> EditError {
    apply(&mut doc_of(v), edit).expect_err("the edit is refused")
}

fn set_route(table: &str, destination: &str, target: &str) -> Edit {
    Edit::SetRoute {
        route_table: table.into(),
        destination: destination.into(),
        target: target.into(),
        replaces: None,
    }
}

// ---- routes ------------------------------------------------------------------------------

#[test]
fn set_route_adds_the_missing_return_route() {
    let mut d = two_peered();
    d["route_tables"][1]["routes"] = json!([]);
    assert_blocked(
        &run(&d, "i-a", "i-b", 5432),
        "rtb-b",
        "NO_ROUTE_TO_DESTINATION",
    );
    let (d, created) = edited(&d, &set_route("rtb-b", "10.0.0.0/16", "pcx-ab"));
    assert_eq!(created, None);
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
}

#[test]
fn set_route_with_replaces_changes_the_route_and_refuses_a_second_one_for_a_destination() {
    let d = two_peered();
    let e = refused(&d, &set_route("rtb-b", "10.0.0.0/16", "pcx-ab"));
    assert_eq!(
        e,
        EditError::RouteExists {
            table: "rtb-b".into(),
            destination: "10.0.0.0/16".into()
        }
    );
    // Narrowing the route to one subnet of A: i-a (10.0.1.10) still gets its replies.
    let narrow = Edit::SetRoute {
        route_table: "rtb-b".into(),
        destination: "10.0.1.0/24".into(),
        target: "pcx-ab".into(),
        replaces: Some("10.0.0.0/16".into()),
    };
    let (d, _) = edited(&d, &narrow);
    assert_eq!(
        d["route_tables"][1]["routes"].as_array().map(Vec::len),
        Some(1)
    );
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
    // i-a2 (10.0.2.10) no longer does.
    assert_blocked(
        &run(&d, "i-a2", "i-b", 5432),
        "rtb-b",
        "NO_ROUTE_TO_DESTINATION",
    );
}

#[test]
fn delete_route_removes_it_once() {
    let d = two_peered();
    let del = Edit::DeleteRoute {
        route_table: "rtb-b".into(),
        destination: "10.0.0.0/16".into(),
    };
    let (d, _) = edited(&d, &del);
    assert_blocked(
        &run(&d, "i-a", "i-b", 5432),
        "rtb-b",
        "NO_ROUTE_TO_DESTINATION",
    );
    assert!(matches!(refused(&d, &del), EditError::NoRoute { .. }));
}

#[test]
fn a_route_in_a_generated_main_table_writes_the_table_in() {
    let d = json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],
        "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}]
    });
    let (d, _) = edited(&d, &set_route("rtb-a-main", "0.0.0.0/0", "igw-a"));
    assert_eq!(
        d["route_tables"],
        json!([{"id": "rtb-a-main", "name": "main", "vpc": "vpc-a", "main": true,
                "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]}])
    );
    let e = refused(&d, &set_route("rtb-nowhere", "0.0.0.0/0", "igw-a"));
    assert_eq!(
        e.to_string(),
        "route table rtb-nowhere is not in the scenario"
    );
}

// ---- peering -----------------------------------------------------------------------------

#[test]
fn a_new_peering_waits_for_acceptance_then_carries_traffic() {
    let mut d = two_peered();
    d["peering_connections"] = json!([]);
    // The routes name the connection the edit will create.
    d["route_tables"][0]["routes"][0]["target"] = json!("pcx-a-b");
    d["route_tables"][1]["routes"][0]["target"] = json!("pcx-a-b");
    let create = Edit::CreatePeering {
        requester: "vpc-a".into(),
        accepter: "vpc-b".into(),
    };
    let (d, created) = edited(&d, &create);
    assert_eq!(created.as_deref(), Some("pcx-a-b"));
    assert_eq!(d["peering_connections"][0]["status"], "pending-acceptance");
    assert!(
        !run(&d, "i-a", "i-b", 5432).reachable(),
        "not before acceptance"
    );
    let (d, _) = edited(
        &d,
        &Edit::AcceptPeering {
            peering: "pcx-a-b".into(),
        },
    );
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
    // A second request for the pair gets its own id (the loader then says why AWS refuses it).
    let mut doc = doc_of(&d);
    assert_eq!(apply(&mut doc, &create), Ok(Some("pcx-a-b-2".into())));
}

#[test]
fn peering_edits_refuse_one_vpc_and_unknown_ids() {
    let d = two_peered();
    let same = Edit::CreatePeering {
        requester: "vpc-a".into(),
        accepter: "vpc-a".into(),
    };
    assert_eq!(refused(&d, &same), EditError::SameVpc);
    let unknown = Edit::CreatePeering {
        requester: "vpc-a".into(),
        accepter: "vpc-zz".into(),
    };
    assert_eq!(
        refused(&d, &unknown),
        EditError::NotFound {
            kind: ResourceKind::Vpc,
            id: "vpc-zz".into()
        }
    );
}

#[test]
fn deleting_a_peering_leaves_its_routes_as_blackholes() {
    let (d, _) = edited(
        &two_peered(),
        &Edit::DeletePeering {
            peering: "pcx-ab".into(),
        },
    );
    assert_eq!(
        d["route_tables"][0]["routes"][0]["target"], "pcx-ab",
        "the route stays"
    );
    let t = run(&d, "i-a", "i-b", 5432);
    assert!(!t.reachable());
    assert_eq!(t.blocked_at(), Some("rtb-a"));
    assert!(
        matches!(t.reason(), Some(Reason::Blackhole { .. })),
        "{:?}",
        t.reason()
    );
}

// ---- gateway endpoints -------------------------------------------------------------------

#[test]
fn a_gateway_endpoint_is_created_with_its_tables_and_associated_later() {
    let d = public_private();
    let create = Edit::CreateGatewayEndpoint {
        vpc: "vpc-a".into(),
        service: "com.amazonaws.us-east-1.s3".into(),
        route_tables: vec!["rtb-priv".into()],
    };
    let (d, created) = edited(&d, &create);
    assert_eq!(created.as_deref(), Some("vpce-s3"));
    assert_eq!(d["endpoints"][0]["type"], "gateway");
    assert_eq!(d["endpoints"][0]["route_tables"], json!(["rtb-priv"]));
    let t = run(&d, "i-app", "com.amazonaws.us-east-1.s3", 443);
    assert_reachable(&t);
    assert!(t.path.contains(&"vpce-s3".to_string()), "{}", path(&t));
    let off = Edit::SetEndpointTable {
        endpoint: "vpce-s3".into(),
        route_table: "rtb-priv".into(),
        associated: false,
    };
    let (d, _) = edited(&d, &off);
    assert_eq!(d["endpoints"][0].get("route_tables"), None);
    let t = run(&d, "i-app", "com.amazonaws.us-east-1.s3", 443);
    assert!(!t.path.contains(&"vpce-s3".to_string()), "{}", path(&t));
}

#[test]
fn gateway_endpoints_are_for_s3_and_dynamodb_only() {
    let create = Edit::CreateGatewayEndpoint {
        vpc: "vpc-a".into(),
        service: "com.amazonaws.us-east-1.sqs".into(),
        route_tables: vec![],
    };
    let e = refused(&public_private(), &create);
    assert!(matches!(e, EditError::NotAGatewayService(_)), "{e:?}");
}

// ---- rules -------------------------------------------------------------------------------

#[test]
fn a_rule_in_a_generated_default_acl_writes_it_in_with_aws_rule_100() {
    let d = two_peered();
    let deny = Edit::AddNetworkAclRule {
        network_acl: "acl-b-default".into(),
        direction: Direction::Ingress,
        rule: 90,
        protocol: Protocol::All,
        ports: PortRange::ALL,
        cidr: "10.0.0.0/16".into(),
        action: NaclAction::Deny,
    };
    let (d, _) = edited(&d, &deny);
    let acl = &d["network_acls"][0];
    assert_eq!(acl["id"], "acl-b-default");
    assert_eq!(acl["default"], true);
    assert_eq!(acl["ingress"][0]["rule"], 90, "sorted by number");
    assert_eq!(acl["ingress"][1]["rule"], 100, "AWS's rule 100 kept");
    assert_blocked(
        &run(&d, "i-a", "i-b", 5432),
        "acl-b-default",
        "SUBNET_ACL_RESTRICTION",
    );
    // Rule numbers are used once per direction.
    assert!(matches!(refused(&d, &deny), EditError::RuleExists { .. }));
    // Deleting the first rule as the model lists it (rule 90) opens the path again.
    let del = Edit::DeleteRule {
        resource: "acl-b-default".into(),
        direction: Direction::Ingress,
        index: 0,
    };
    let (d, _) = edited(&d, &del);
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
}

#[test]
fn a_rule_in_a_generated_default_group_keeps_aws_default_rules() {
    let mut d = two_peered();
    // i-b in its VPC's default group: only its own members get in.
    d["instances"][3]["security_groups"] = json!(["sg-b-default"]);
    assert_blocked(
        &run(&d, "i-a", "i-b", 5432),
        "sg-b-default",
        "ENI_SG_RULES_MISMATCH",
    );
    let add = Edit::AddSecurityGroupRule {
        group: "sg-b-default".into(),
        direction: Direction::Ingress,
        protocol: Protocol::Tcp,
        ports: PortRange::single(5432),
        peer: "10.0.0.0/16".into(),
    };
    let (d, _) = edited(&d, &add);
    let g = &d["security_groups"][2];
    assert_eq!(g["id"], "sg-b-default");
    assert_eq!(
        g["ingress"][0],
        json!({"protocol": "all", "group": "sg-b-default"})
    );
    assert_eq!(g.get("egress"), None, "the default egress stays implied");
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
    assert!(matches!(refused(&d, &add), EditError::RuleExists { .. }));
    // Deleting the only egress rule writes `[]`: nothing goes out, and the reply is not
    // affected (security groups are stateful, R9), but a new request from i-b is.
    let del = Edit::DeleteRule {
        resource: "sg-b-default".into(),
        direction: Direction::Egress,
        index: 0,
    };
    let (d, _) = edited(&d, &del);
    assert_eq!(d["security_groups"][2]["egress"], json!([]));
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
    assert_blocked(
        &run(&d, "i-b", "i-a", 22),
        "sg-b-default",
        "SG_HAS_NO_RULES",
    );
    let e = refused(
        &d,
        &Edit::DeleteRule {
            resource: "sg-b-default".into(),
            direction: Direction::Egress,
            index: 0,
        },
    );
    assert_eq!(e.to_string(), "sg-b-default has no rule at position 1");
}

#[test]
fn a_rule_peer_goes_in_the_field_its_id_names() {
    let add = |peer: &str| Edit::AddSecurityGroupRule {
        group: "sg-b".into(),
        direction: Direction::Ingress,
        protocol: Protocol::All,
        ports: PortRange::ALL,
        peer: peer.into(),
    };
    let mut doc = doc_of(&two_peered());
    for peer in ["sg-a", "222222222222/sg-x", "pl-office", "10.9.0.0/16"] {
        apply(&mut doc, &add(peer)).expect("adds");
    }
    let rules = &doc.security_groups[1].ingress[1..];
    assert_eq!(rules[0].group.as_deref(), Some("sg-a"));
    assert_eq!(rules[1].group.as_deref(), Some("222222222222/sg-x"));
    assert_eq!(rules[2].prefix_list.as_deref(), Some("pl-office"));
    assert_eq!(rules[3].cidr.as_deref(), Some("10.9.0.0/16"));
}

// ---- the edit as data --------------------------------------------------------------------

#[test]
fn edits_are_json_objects_with_a_kind() {
    let e: Edit = serde_json::from_value(json!({
        "kind": "set-route", "route_table": "rtb-b", "destination": "10.0.0.0/16", "target": "pcx-ab"
    }))
    .expect("reads");
    assert_eq!(e, set_route("rtb-b", "10.0.0.0/16", "pcx-ab"));
    let e: Edit = serde_json::from_value(json!({
        "kind": "delete-rule", "resource": "sg-a", "direction": "egress", "index": 2
    }))
    .expect("reads");
    assert_eq!(
        serde_json::to_value(&e).expect("writes"),
        json!({"kind": "delete-rule", "resource": "sg-a", "direction": "egress", "index": 2})
    );
    let bad = serde_json::from_value::<Edit>(json!({"kind": "set-route", "route_table": "x",
        "destination": "y", "target": "z", "colour": "red"}));
    assert!(bad
        .unwrap_err()
        .to_string()
        .contains("unknown field `colour`"));
    let bad = serde_json::from_value::<Edit>(json!({"kind": "paint"}));
    assert!(bad
        .unwrap_err()
        .to_string()
        .contains("unknown variant `paint`"));
}

/// `model::defaults` in scenario form builds to what the builder generates: writing a VPC's
/// default group, ACL and main table into a scenario changes nothing the model shows.
#[test]
fn written_defaults_build_to_the_generated_resources() {
    use vpc_playground::model::defaults;
    let d = two_peered();
    let generated = loaded(&d);
    let mut doc = generated.doc.clone();
    doc.security_groups
        .push(defaults::security_group_doc("vpc-b"));
    doc.network_acls.push(defaults::network_acl_doc("vpc-b"));
    let written = from_doc(doc).expect("loads");
    let view = |l: &vpc_playground::load::Loaded| {
        let s = serde_json::to_value(vpc_playground::summary::summarize(l)).expect("JSON");
        let pick = |key: &str, id: &str| {
            s[key]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["id"] == id).cloned())
        };
        (
            pick("security_groups", "sg-b-default"),
            pick("network_acls", "acl-b-default"),
        )
    };
    let (g, a) = view(&generated);
    assert!(g.is_some() && a.is_some());
    assert_eq!(view(&written), (g, a));
}

#[test]
fn only_a_pending_peering_can_be_accepted() {
    let mut d = two_peered();
    d["peering_connections"][0]["status"] = json!("rejected");
    let e = refused(
        &d,
        &Edit::AcceptPeering {
            peering: "pcx-ab".into(),
        },
    );
    assert_eq!(
        e.to_string(),
        "pcx-ab is rejected: AWS accepts only a connection that is pending-acceptance; request a new one"
    );
}

#[test]
fn a_huge_rule_position_is_refused_without_overflow() {
    let e = refused(
        &two_peered(),
        &Edit::DeleteRule {
            resource: "sg-b".into(),
            direction: Direction::Ingress,
            index: usize::MAX,
        },
    );
    assert!(matches!(e, EditError::NoRule { .. }), "{e:?}");
    assert!(e.to_string().contains(&usize::MAX.to_string()), "{e}");
}
