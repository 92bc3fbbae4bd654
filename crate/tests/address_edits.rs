//! VPC blocks, subnets and endpoint policies as edits (issue 11 item 7): each succeeds where
//! AWS lets it and is refused, with a message a student can act on, where AWS refuses it; and
//! the lessons that needed the JSON editor are solved by edits alone.

mod common;

use common::*;
use serde_json::{json, Value};
use vpc_playground::edit::{apply, Edit, EditError};
use vpc_playground::explain::Fix;
use vpc_playground::format::edit::Effect;
use vpc_playground::format::scenario::ScenarioDoc;
use vpc_playground::lesson::{check_goals, lesson_of};
use vpc_playground::load::from_doc;

const LESSONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/lessons");

fn lesson(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{LESSONS}/{name}.json")).expect("lesson file");
    serde_json::from_str(&text).expect("lesson JSON")
}

/// Applies the edits in turn (each must succeed) and returns the edited scenario.
fn edited(v: &Value, edits: &[Edit]) -> ScenarioDoc {
    let mut doc = loaded(v).doc;
    for e in edits {
        apply(&mut doc, e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
    }
    doc
}

fn refusal(v: &Value, edits: &[Edit], last: Edit) -> (EditError, String) {
    let mut doc = edited(v, edits);
    let before = doc.clone();
    let e = apply(&mut doc, &last).expect_err("the edit is refused");
    assert_eq!(doc, before, "a refused edit leaves the scenario as it was");
    let text = e.to_string();
    (e, text)
}

/// Every goal of the lesson in `doc`, met or not, with its detail.
fn goals(doc: ScenarioDoc) -> Vec<(bool, String)> {
    let l = from_doc(doc).unwrap_or_else(|e| panic!("the edited lesson loads: {e}"));
    let lesson = lesson_of(&l).expect("a lesson").clone();
    let results = check_goals(&l, &lesson).expect("goals evaluate");
    results
        .into_iter()
        .map(|g| (g.met, format!("{}: {}", g.text, g.detail)))
        .collect()
}

fn assert_all_met(doc: ScenarioDoc) {
    for (met, what) in goals(doc) {
        assert!(met, "unmet: {what}");
    }
}

fn add_cidr(vpc: &str, cidr: &str) -> Edit {
    Edit::AddVpcCidr {
        vpc: vpc.into(),
        cidr: cidr.into(),
    }
}

fn remove_cidr(vpc: &str, cidr: &str) -> Edit {
    Edit::RemoveVpcCidr {
        vpc: vpc.into(),
        cidr: cidr.into(),
    }
}

fn create_subnet(vpc: &str, cidr: &str, name: &str) -> Edit {
    Edit::CreateSubnet {
        vpc: vpc.into(),
        cidr: cidr.into(),
        az: None,
        name: name.into(),
    }
}

fn delete_subnet(s: &str) -> Edit {
    Edit::DeleteSubnet { subnet: s.into() }
}

fn statement(index: usize, actions: &[&str], resources: &[&str]) -> Edit {
    Edit::SetEndpointPolicyStatement {
        endpoint: "vpce-s3".into(),
        index,
        effect: Effect::Allow,
        actions: actions.iter().map(|s| s.to_string()).collect(),
        resources: resources.iter().map(|s| s.to_string()).collect(),
    }
}

// ---- VPC blocks ---------------------------------------------------------------------------

#[test]
fn a_secondary_block_is_added_then_removed() {
    let d = two_peered();
    let doc = edited(&d, &[add_cidr("vpc-a", "10.50.0.0/16")]);
    let l = from_doc(doc.clone()).expect("loads");
    let a = l.net.vpcs.iter().find(|v| v.id == "vpc-a").expect("vpc-a");
    let blocks: Vec<String> = a.cidrs.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        blocks,
        ["10.0.0.0/16", "10.50.0.0/16"],
        "the primary stays first"
    );
    let mut doc = doc;
    apply(&mut doc, &remove_cidr("vpc-a", "10.50.0.0/16")).expect("removed");
    let l = from_doc(doc).expect("loads");
    let a = l.net.vpcs.iter().find(|v| v.id == "vpc-a").expect("vpc-a");
    assert_eq!(a.cidrs.len(), 1);
}

#[test]
fn adding_a_block_is_refused_when_malformed_mis_sized_or_overlapping() {
    let d = two_peered();
    let (_, m) = refusal(&d, &[], add_cidr("vpc-a", "10.50.0.0"));
    assert_eq!(
        m,
        "\"10.50.0.0\" is not a CIDR block: write it as 10.1.0.0/16"
    );
    let (_, m) = refusal(&d, &[], add_cidr("vpc-a", "10.50.3.0/16"));
    assert_eq!(
        m,
        "10.50.3.0/16 is not where its block starts: write 10.50.0.0/16 (the same /16 block)"
    );
    let (_, m) = refusal(&d, &[], add_cidr("vpc-a", "10.64.0.0/12"));
    assert_eq!(
        m,
        "10.64.0.0/12: AWS allows VPC blocks from /16 (largest) to /28 (smallest)"
    );
    let (_, m) = refusal(&d, &[], add_cidr("vpc-a", "10.0.128.0/17"));
    assert_eq!(
        m,
        "10.0.128.0/17 overlaps vpc-a's block 10.0.0.0/16: choose a block that does not"
    );
    let (_, m) = refusal(&d, &[], add_cidr("vpc-zz", "10.9.0.0/16"));
    assert_eq!(m, "VPC vpc-zz is not in the scenario");
}

#[test]
fn the_primary_block_is_never_removed() {
    let d = two_peered();
    let (_, m) = refusal(
        &d,
        &[add_cidr("vpc-a", "10.50.0.0/16")],
        remove_cidr("vpc-a", "10.0.0.0/16"),
    );
    assert_eq!(
        m,
        "10.0.0.0/16 is the primary block of vpc-a, the one it was created with: AWS never removes it; \
         only secondary blocks can be removed"
    );
    let (_, m) = refusal(&d, &[], remove_cidr("vpc-a", "10.60.0.0/16"));
    assert_eq!(m, "vpc-a has no block 10.60.0.0/16");
}

#[test]
fn a_block_a_subnet_uses_is_refused_naming_the_subnet() {
    let d = lesson("overlapping-cidrs");
    let (_, m) = refusal(&d, &[], remove_cidr("vpc-data", "10.0.128.0/17"));
    assert_eq!(
        m,
        "subnet-analytics is inside 10.0.128.0/17: delete that subnet first, because AWS removes a block \
         only when no subnet uses it"
    );
    // With cidrs written as a list, the first is the primary.
    let (_, m) = refusal(&d, &[], remove_cidr("vpc-data", "172.31.0.0/16"));
    assert!(
        m.starts_with("172.31.0.0/16 is the primary block of vpc-data"),
        "{m}"
    );
}

// ---- subnets ------------------------------------------------------------------------------

#[test]
fn a_subnet_is_created_inside_a_block_with_a_fresh_id_and_a_default_zone() {
    let d = two_peered();
    let mut doc = edited(&d, &[]);
    let id = apply(
        &mut doc,
        &create_subnet("vpc-a", "10.0.9.0/24", "Batch jobs"),
    )
    .expect("created")
    .expect("an id");
    assert_eq!(id, "subnet-batch-jobs");
    let again = apply(
        &mut doc,
        &create_subnet("vpc-a", "10.0.10.0/24", "Batch jobs"),
    )
    .expect("created");
    assert_eq!(
        again.as_deref(),
        Some("subnet-batch-jobs-2"),
        "ids are not reused"
    );
    let l = from_doc(doc).expect("loads");
    let s = l
        .net
        .subnets
        .iter()
        .find(|s| s.id == id)
        .expect("the subnet");
    assert_eq!(s.cidr.to_string(), "10.0.9.0/24");
    assert_eq!(
        s.az, "us-east-1a",
        "the Region's first zone when none is given"
    );
}

#[test]
fn a_subnet_outside_the_vpc_or_over_another_is_refused() {
    let d = two_peered();
    let existing = loaded(&d)
        .doc
        .subnets
        .iter()
        .find(|s| s.vpc == "vpc-a")
        .cloned()
        .expect("a subnet");
    let (_, m) = refusal(&d, &[], create_subnet("vpc-a", "10.1.0.0/24", ""));
    assert_eq!(
        m,
        "10.1.0.0/24 is not inside vpc-a (10.0.0.0/16): a subnet takes its addresses from a block of its VPC"
    );
    let (_, m) = refusal(&d, &[], create_subnet("vpc-a", &existing.cidr, ""));
    assert_eq!(
        m,
        format!(
            "{0} overlaps subnet {1} ({0}): choose a block that does not",
            existing.cidr, existing.id
        )
    );
    let (_, m) = refusal(&d, &[], create_subnet("vpc-a", "10.0.9.0/29", ""));
    assert_eq!(
        m,
        "10.0.9.0/29: AWS allows subnet blocks from /16 (largest) to /28 (smallest)"
    );
}

#[test]
fn deleting_a_subnet_is_refused_while_something_is_in_it_and_drops_its_associations() {
    let d = lesson("overlapping-cidrs");
    let (_, m) = refusal(&d, &[], delete_subnet("subnet-data"));
    assert_eq!(
        m,
        "subnet-data still holds i-db: AWS deletes a subnet only when nothing is in it; delete or move it first"
    );
    let (_, m) = refusal(&d, &[], delete_subnet("subnet-nope"));
    assert_eq!(m, "subnet subnet-nope is not in the scenario");
    let doc = edited(&d, &[delete_subnet("subnet-analytics")]);
    assert!(!doc.subnets.iter().any(|s| s.id == "subnet-analytics"));
    let rtb = doc
        .route_tables
        .iter()
        .find(|t| t.id == "rtb-data")
        .expect("rtb-data");
    assert_eq!(
        rtb.subnets,
        ["subnet-data"],
        "the route table association goes with it"
    );
    from_doc(doc).expect("the scenario still loads");
}

#[test]
fn a_nat_gateway_keeps_its_subnet() {
    let d = public_private();
    let nat = loaded(&d)
        .doc
        .nat_gateways
        .first()
        .cloned()
        .expect("a NAT gateway");
    let (_, m) = refusal(&d, &[], delete_subnet(&nat.subnet));
    assert!(m.starts_with(&format!("{} still holds", nat.subnet)), "{m}");
    assert!(m.contains(&nat.id), "the NAT gateway is named: {m}");
}

// ---- endpoint policies --------------------------------------------------------------------

#[test]
fn a_statement_keeps_its_sid_and_principal_and_a_new_one_is_added() {
    let d = lesson("endpoint-policy");
    let doc = edited(
        &d,
        &[statement(
            0,
            &["s3:PutObject", " s3:GetObject "],
            &["arn:aws:s3:::acme-reports/*"],
        )],
    );
    let p = doc.endpoints[0].policy.clone().expect("a policy");
    assert_eq!(p["Statement"][0]["Sid"], "CompanyBucketUploadsOnly");
    assert_eq!(p["Statement"][0]["Principal"], "*");
    assert_eq!(
        p["Statement"][0]["Action"],
        json!(["s3:PutObject", "s3:GetObject"])
    );
    let doc2 = {
        let mut d2 = doc.clone();
        apply(
            &mut d2,
            &statement(1, &["s3:ListBucket"], &["arn:aws:s3:::acme-reports"]),
        )
        .expect("added");
        d2
    };
    let p = doc2.endpoints[0].policy.clone().expect("a policy");
    assert_eq!(
        p["Statement"][1],
        json!({"Principal": "*", "Effect": "Allow", "Action": ["s3:ListBucket"],
        "Resource": ["arn:aws:s3:::acme-reports"]})
    );
    let (_, m) = refusal(&d, &[], statement(3, &["s3:*"], &["*"]));
    assert_eq!(m, "the policy of vpce-s3 has no statement 4");
    let (_, m) = refusal(&d, &[], statement(0, &[" "], &["*"]));
    assert_eq!(m, "a statement needs at least one action (write * for all)");
    let (_, m) = refusal(&d, &[], statement(0, &["s3:*"], &[]));
    assert_eq!(
        m,
        "a statement needs at least one resource (write * for all)"
    );
}

#[test]
fn the_whole_policy_is_set_as_text_refused_when_not_a_policy_and_reset_when_blank() {
    let d = lesson("endpoint-policy");
    let set = |text: &str| Edit::SetEndpointPolicy {
        endpoint: "vpce-s3".into(),
        policy: text.into(),
    };
    let (_, m) = refusal(
        &d,
        &[],
        set("{\"Statement\": [ {\"Effect\": \"Allow\", }]}"),
    );
    assert!(
        m.starts_with("the policy for vpce-s3 was not changed: the policy is not valid JSON: "),
        "{m}"
    );
    assert!(m.contains("line 1 column"), "the message says where: {m}");
    let (_, m) = refusal(&d, &[], set("{\"Version\": \"2012-10-17\"}"));
    assert_eq!(
        m,
        "the policy for vpce-s3 was not changed: a policy needs a \"Statement\" list"
    );
    let (_, m) = refusal(&d, &[], set("[1, 2]"));
    assert_eq!(
        m,
        "the policy for vpce-s3 was not changed: a policy must be a JSON object { ... }"
    );
    let doc = edited(&d, &[set("  ")]);
    assert_eq!(
        doc.endpoints[0].policy, None,
        "blank text restores the default policy"
    );
    let doc = edited(
        &d,
        &[set(
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*",
        "Resource": "*"}]}"#,
        )],
    );
    assert_eq!(
        doc.endpoints[0].policy.as_ref().expect("set")["Statement"][0]["Action"],
        "s3:*"
    );
}

#[test]
fn the_last_statement_stays_and_others_are_deleted() {
    let d = lesson("endpoint-policy");
    let del = |i: usize| Edit::DeleteEndpointPolicyStatement {
        endpoint: "vpce-s3".into(),
        index: i,
    };
    let (_, m) = refusal(&d, &[], del(0));
    assert_eq!(
        m,
        "this is the only statement of vpce-s3's policy: change it instead, or restore the default policy \
         (which allows everything)"
    );
    let doc = edited(&d, &[statement(1, &["s3:ListBucket"], &["*"]), del(0)]);
    let p = doc.endpoints[0].policy.clone().expect("a policy");
    assert_eq!(p["Statement"].as_array().map(Vec::len), Some(1));
    assert_eq!(p["Statement"][0]["Action"], json!(["s3:ListBucket"]));
}

// ---- texts --------------------------------------------------------------------------------

#[test]
fn each_edit_has_its_aws_command() {
    let cli = |e: &Edit| Fix::new(e.clone(), None).cli;
    assert_eq!(
        cli(&add_cidr("vpc-a", "10.50.0.0/16")),
        "aws ec2 associate-vpc-cidr-block --vpc-id vpc-a --cidr-block 10.50.0.0/16"
    );
    assert!(cli(&remove_cidr("vpc-a", "10.50.0.0/16")).starts_with(
        "aws ec2 disassociate-vpc-cidr-block --association-id $(aws ec2 describe-vpcs --vpc-ids vpc-a"
    ));
    assert_eq!(
        cli(&create_subnet("vpc-a", "10.0.9.0/24", "x")),
        "aws ec2 create-subnet --vpc-id vpc-a --cidr-block 10.0.9.0/24"
    );
    assert_eq!(
        cli(&delete_subnet("subnet-x")),
        "aws ec2 delete-subnet --subnet-id subnet-x"
    );
    let set = Edit::SetEndpointPolicy {
        endpoint: "vpce-s3".into(),
        policy: "{\"Sid\": \"it's\"}".into(),
    };
    assert_eq!(
        cli(&set),
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-s3 --policy-document '{\"Sid\": \"it'\\''s\"}'"
    );
    let reset = Edit::SetEndpointPolicy {
        endpoint: "vpce-s3".into(),
        policy: String::new(),
    };
    assert_eq!(
        cli(&reset),
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-s3 --reset-policy"
    );
    let summary = Fix::new(statement(0, &["s3:GetObject"], &["*"]), None).summary;
    assert_eq!(
        summary,
        "In the policy of vpce-s3, make statement 1: Allow s3:GetObject on *"
    );
}

#[test]
fn new_edits_cross_as_json_objects_with_a_kind() {
    let e: Edit = serde_json::from_value(
        json!({"kind": "set-endpoint-policy-statement", "endpoint": "vpce-s3",
        "index": 0, "effect": "Allow", "actions": ["s3:GetObject"], "resources": ["*"]}),
    )
    .expect("parses");
    assert_eq!(e, statement(0, &["s3:GetObject"], &["*"]));
    let e: Edit = serde_json::from_value(
        json!({"kind": "create-subnet", "vpc": "vpc-a", "cidr": "10.0.9.0/24"}),
    )
    .expect("parses");
    assert_eq!(e, create_subnet("vpc-a", "10.0.9.0/24", ""));
    let bad = serde_json::from_value::<Edit>(
        json!({"kind": "set-endpoint-policy-statement", "endpoint": "x",
        "index": 0, "effect": "allow", "actions": [], "resources": []}),
    );
    assert!(bad.is_err(), "Effect is spelled as IAM spells it");
}

// ---- lessons solved by edits alone --------------------------------------------------------

#[test]
fn lesson_overlapping_cidrs_is_solved_by_deleting_the_subnet_then_the_block() {
    let d = lesson("overlapping-cidrs");
    assert!(
        goals(edited(&d, &[])).iter().any(|(met, _)| !met),
        "unsolved at the start"
    );
    assert_all_met(edited(
        &d,
        &[
            delete_subnet("subnet-analytics"),
            remove_cidr("vpc-data", "10.0.128.0/17"),
        ],
    ));
}

#[test]
fn lesson_endpoint_policy_is_solved_by_one_statement_edit_and_an_allow_all_fails_it() {
    let d = lesson("endpoint-policy");
    let fixed = statement(
        0,
        &["s3:PutObject", "s3:GetObject"],
        &["arn:aws:s3:::acme-reports/*"],
    );
    assert_all_met(edited(&d, &[fixed]));
    let too_wide = statement(0, &["s3:*"], &["*"]);
    let results = goals(edited(&d, &[too_wide]));
    assert!(
        !results[2].0,
        "allow-all lets data out to another bucket: {}",
        results[2].1
    );
}

#[test]
fn lesson_endpoint_costs_is_solved_by_creating_the_gateway_endpoint() {
    let d = lesson("endpoint-costs");
    let create = Edit::CreateGatewayEndpoint {
        vpc: "vpc-app".into(),
        service: "com.amazonaws.us-east-1.s3".into(),
        route_tables: vec!["rtb-private".into()],
    };
    let mut doc = edited(&d, &[]);
    let id = apply(&mut doc, &create).expect("created");
    assert_eq!(id.as_deref(), Some("vpce-s3"), "the id the goal names");
    assert_all_met(doc);
}
