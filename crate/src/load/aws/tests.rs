//! The converter's cases: each builds describe-* output as a serde_json value, writes it as
//! text and reads it back through `read_file`, as a user's file would be.

use super::network::region_of_az;
use super::*;
use crate::load::scenario::*;
use crate::validate::{Diagnostic, Severity};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../../tests/data/shop-estate.json");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).expect("the sample is valid JSON")
}

fn run(files: &[(&str, Value)]) -> (ScenarioDoc, Vec<Diagnostic>) {
    let mut d = Diagnostics::default();
    let mut read = Vec::new();
    for (name, v) in files {
        match read_file(name, &v.to_string()) {
            Ok(Some(f)) => read.push((*name, f)),
            Ok(None) => panic!("{name} is not read as AWS output"),
            Err(e) => d.0.push(e),
        }
    }
    let doc = convert(&read, &mut d);
    (doc, d.0)
}

/// The error of a file that must fail to read.
fn read_err(text: &str) -> Diagnostic {
    match read_file("in.json", text) {
        Err(e) => e,
        Ok(f) => panic!("expected an error, but it read: {f:?}"),
    }
}

/// The value at a path of keys and indexes.
fn slot<'v>(v: &'v mut Value, segments: &[&str]) -> &'v mut Value {
    segments.iter().fold(v, |slot, seg| match slot {
        Value::Object(o) => o.get_mut(*seg).expect("path exists"),
        Value::Array(a) => &mut a[seg.parse::<usize>().expect("index")],
        _ => panic!("no {seg} in a scalar"),
    })
}

/// A path as the reader writes it: `RouteTables[3].Routes[1]`.
fn render(segments: &[&str]) -> String {
    let mut out = String::new();
    for seg in segments {
        if seg.parse::<usize>().is_ok() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

fn one(v: Value) -> (ScenarioDoc, Vec<Diagnostic>) {
    run(&[("in.json", v)])
}

fn find<'x>(
    diags: &'x [Diagnostic],
    severity: Severity,
    resource: &str,
    field: &str,
) -> Option<&'x Diagnostic> {
    diags
        .iter()
        .find(|d| d.severity == severity && d.resource == resource && d.field == field)
}

fn count(diags: &[Diagnostic], severity: Severity) -> usize {
    diags.iter().filter(|d| d.severity == severity).count()
}

fn route(destination: &str, target: &str) -> RouteDoc {
    RouteDoc {
        destination: destination.into(),
        target: target.into(),
        ..RouteDoc::default()
    }
}

fn rtb<'x>(doc: &'x ScenarioDoc, id: &str) -> &'x RouteTableDoc {
    doc.route_tables
        .iter()
        .find(|t| t.id == id)
        .expect("route table present")
}

/// A VPC with one subnet, the base of the small cases below.
fn base() -> serde_json::Map<String, Value> {
    let v = json!({
        "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
        "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                     "AvailabilityZone": "eu-west-1b"}]
    });
    v.as_object().cloned().unwrap_or_default()
}

fn with(key: &str, records: Value) -> Value {
    let mut m = base();
    m.insert(key.into(), records);
    Value::Object(m)
}

// --- The sample estate (shared/samples/shop-estate.json) ----------------------------------

#[test]
fn sample_converts_without_diagnostics() {
    let (_, diags) = one(sample());
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn sample_vpcs_get_cidrs_names_accounts_and_region_from_subnets() {
    let (doc, _) = one(sample());
    let ids: Vec<_> = doc.vpcs.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["vpc-0acaaecba28354049", "vpc-02d154ff174bda84e"]);
    let web = &doc.vpcs[0];
    assert_eq!(web.name, "shop-web");
    assert_eq!(web.cidr.as_deref(), Some("10.20.0.0/16"));
    assert!(web.cidrs.is_empty());
    assert_eq!(web.account.as_deref(), Some("111122223333"));
    assert_eq!(web.region.as_deref(), Some("us-east-1"));
    assert!(web.dns_support && web.dns_hostnames);
    assert_eq!(doc.region.as_deref(), Some("us-east-1"));
    assert_eq!(doc.name, "in.json");
    let s = &doc.subnets[1];
    assert_eq!(
        (
            s.id.as_str(),
            s.name.as_str(),
            s.vpc.as_str(),
            s.cidr.as_str()
        ),
        (
            "subnet-08509e06b75bddad3",
            "web-app",
            "vpc-0acaaecba28354049",
            "10.20.1.0/24"
        )
    );
    assert_eq!(s.az.as_deref(), Some("us-east-1a"));
}

#[test]
fn sample_route_tables_keep_associations_and_drop_local_routes() {
    let (doc, _) = one(sample());
    assert_eq!(doc.route_tables.len(), 5);
    let main = rtb(&doc, "rtb-0d06ba56fbce0afb1");
    assert!(main.main && main.subnets.is_empty() && main.routes.is_empty());
    let public = rtb(&doc, "rtb-050632a15dd1723b9");
    assert!(!public.main);
    assert_eq!(public.subnets, ["subnet-0b2ce73e3f4cb1328"]);
    assert_eq!(public.routes, [route("0.0.0.0/0", "igw-0a15e4560d122bbc7")]);
    // The S3 route is the gateway endpoint's; the builder adds it from the endpoint.
    let app = rtb(&doc, "rtb-0f2c3b7d8f348ad7d");
    assert_eq!(
        app.routes,
        [
            route("0.0.0.0/0", "nat-053db60b6f542c8cd"),
            route("10.30.0.0/16", "pcx-09ca300ea7d4783e4"),
        ]
    );
    assert!(rtb(&doc, "rtb-0f11236929bd0b65a").routes.is_empty());
}

#[test]
fn sample_gateways_peering_and_prefix_lists() {
    let (doc, _) = one(sample());
    assert_eq!(
        doc.internet_gateways,
        [IgwDoc {
            id: "igw-0a15e4560d122bbc7".into(),
            name: "shop-web-igw".into(),
            vpc: Some("vpc-0acaaecba28354049".into()),
        }]
    );
    assert_eq!(
        doc.nat_gateways,
        [NatDoc {
            id: "nat-053db60b6f542c8cd".into(),
            name: "nat-web".into(),
            subnet: "subnet-0b2ce73e3f4cb1328".into(),
            connectivity: Some("public".into()),
            public_ip: Some("203.0.113.50".into()),
            private_ip: Some("10.20.0.50".into()),
            eni: Some("eni-03b483b77e9341666".into()),
            state: Some("available".into()),
            state_since: None,
            state_reason: None,
        }]
    );
    assert_eq!(
        doc.peering_connections,
        [PeeringDoc {
            id: "pcx-09ca300ea7d4783e4".into(),
            name: "web-db".into(),
            requester: "vpc-0acaaecba28354049".into(),
            accepter: "vpc-02d154ff174bda84e".into(),
            status: Some("active".into()),
        }]
    );
    let pls: Vec<_> = doc
        .prefix_lists
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str(), p.cidrs.len()))
        .collect();
    assert_eq!(
        pls,
        [
            ("pl-02cd2c6b", "com.amazonaws.us-east-1.dynamodb", 4),
            ("pl-63a5400a", "com.amazonaws.us-east-1.s3", 8)
        ]
    );
}

#[test]
fn sample_gateway_endpoint_keeps_its_tables_and_parsed_policy() {
    let (doc, _) = one(sample());
    let e = &doc.endpoints[0];
    assert_eq!(e.id, "vpce-0fa92a9d6ae220f1a");
    assert_eq!(
        (e.kind.as_str(), e.service.as_str()),
        ("gateway", "com.amazonaws.us-east-1.s3")
    );
    assert_eq!(e.route_tables, ["rtb-0f2c3b7d8f348ad7d"]);
    assert!(e.subnets.is_empty() && e.network_interfaces.is_empty());
    assert_eq!(e.security_groups, None);
    let policy = e.policy.as_ref().expect("policy kept");
    let policy: Value = serde_json::from_str(&policy.to_string()).expect("JSON");
    assert_eq!(policy["Statement"][0]["Effect"], "Allow");
}

#[test]
fn sample_security_groups_expand_into_rules() {
    let (doc, _) = one(sample());
    let default = &doc.security_groups[0];
    assert_eq!(
        (default.id.as_str(), default.name.as_str()),
        ("sg-0b2527a1816793795", "default")
    );
    assert_eq!(
        default.ingress,
        [SgRuleDoc {
            protocol: "all".into(),
            group: Some("sg-0b2527a1816793795".into()),
            ..SgRuleDoc::default()
        }]
    );
    let all_out = SgRuleDoc {
        protocol: "all".into(),
        cidr: Some("0.0.0.0/0".into()),
        ..SgRuleDoc::default()
    };
    assert_eq!(default.egress, Some(vec![all_out]));
    let pg = &doc.security_groups[3];
    assert_eq!(pg.name, "postgres");
    assert_eq!(
        pg.ingress,
        [SgRuleDoc {
            protocol: "tcp".into(),
            ports: Some(PortsDoc::Number(5432)),
            cidr: Some("10.20.1.0/24".into()),
            ..SgRuleDoc::default()
        }]
    );
}

#[test]
fn sample_nacls_leave_out_the_star_rule() {
    let (doc, _) = one(sample());
    let acl = &doc.network_acls[0];
    assert!(acl.default);
    assert_eq!(
        acl.subnets,
        ["subnet-0b2ce73e3f4cb1328", "subnet-08509e06b75bddad3"]
    );
    let allow_all = NaclRuleDoc {
        rule: 100,
        protocol: "all".into(),
        ports: None,
        cidr: "0.0.0.0/0".into(),
        action: "allow".into(),
    };
    assert_eq!(acl.ingress, Some(vec![allow_all.clone()]));
    assert_eq!(acl.egress, Some(vec![allow_all]));
}

#[test]
fn sample_instances_come_from_primary_interfaces_and_the_nat_interface_is_the_nat_gateways() {
    let (doc, _) = one(sample());
    assert_eq!(
        doc.instances[0],
        InstanceDoc {
            id: "i-00b88aa6ed9d69bd6".into(),
            name: String::new(),
            subnet: "subnet-08509e06b75bddad3".into(),
            private_ip: Some("10.20.1.10".into()),
            public_ip: None,
            security_groups: Some(vec!["sg-0f329c418a7c21fe8".into()]),
            source_dest_check: true,
            eni: Some("eni-0564c083b5432937b".into()),
            role_policy: None,
            state: Default::default(),
        }
    );
    assert_eq!(doc.instances.len(), 2);
    assert!(
        doc.network_interfaces.is_empty(),
        "{:?}",
        doc.network_interfaces
    );
}

#[test]
fn sample_doc_round_trips_through_the_scenario_format() {
    let (doc, _) = one(sample());
    let text = serde_json::to_string(&doc).expect("written as JSON");
    let back: ScenarioDoc =
        crate::load::scenario_from_str(&text).expect("reads back as a scenario");
    assert_eq!(back, doc);
}

// --- Merging files ---------------------------------------------------------------------------

#[test]
fn files_split_by_key_merge_into_the_same_estate() {
    let whole = sample();
    let files: Vec<(&str, Value)> = whole
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), json!({ k.clone(): v.clone() })))
        .collect();
    assert!(files.len() > 5);
    let (mut split, diags) = run(&files);
    assert!(diags.is_empty(), "{diags:#?}");
    let (joined, _) = one(whole.clone());
    split.name = joined.name.clone();
    assert_eq!(split, joined);
}

#[test]
fn the_same_file_twice_is_one_estate_without_diagnostics() {
    let (twice, diags) = run(&[("a.json", sample()), ("a.json", sample())]);
    assert!(diags.is_empty(), "{diags:#?}");
    let (once, _) = one(sample());
    assert_eq!(twice.vpcs, once.vpcs);
    assert_eq!(twice.route_tables, once.route_tables);
    assert_eq!(twice.instances, once.instances);
    assert_eq!(twice.name, "a.json");
}

/// A newcomer loaded only Subnets.json and RouteTables.json and got a wall of "refers to VPC
/// ..., which is not in the input": the first error now says which describe-* output to add.
#[test]
fn a_partial_set_names_the_describe_command_that_is_missing() {
    let whole = sample();
    let pick = |keys: &[&str]| -> Vec<(&'static str, Value)> {
        keys.iter()
            .map(|k| ("part.json", json!({ *k: whole[*k].clone() })))
            .collect()
    };
    let (_, diags) = run(&pick(&["Subnets", "RouteTables"]));
    let first = diags
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert_eq!(
        (first.resource.as_str(), first.field.as_str()),
        ("input", "Vpcs")
    );
    let n_subnets = whole["Subnets"].as_array().unwrap().len();
    let n_rtbs = whole["RouteTables"].as_array().unwrap().len();
    assert!(
        first.message.contains(&format!(
            "{n_subnets} subnets and {n_rtbs} route tables refer to them"
        )) && first.message.contains("`aws ec2 describe-vpcs`"),
        "{}",
        first.message
    );
    // Interfaces without their subnets name describe-subnets; with VPCs present, not describe-vpcs.
    let (_, diags) = run(&pick(&["Vpcs", "NetworkInterfaces"]));
    let hints: Vec<_> = diags.iter().filter(|d| d.resource == "input").collect();
    assert_eq!(hints.len(), 1, "{diags:#?}");
    assert_eq!(hints[0].field, "Subnets");
    assert!(
        hints[0].message.contains("`aws ec2 describe-subnets`"),
        "{}",
        hints[0].message
    );
    // The whole sample has every parent: no hint.
    let (_, diags) = one(whole.clone());
    assert!(diags.iter().all(|d| d.resource != "input"), "{diags:#?}");
}

#[test]
fn a_record_repeated_with_different_contents_keeps_the_first_and_warns() {
    let (doc, diags) = run(&[
        (
            "a.json",
            json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}),
        ),
        (
            "b.json",
            json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.9.0.0/16"}]}),
        ),
    ]);
    assert_eq!(doc.vpcs.len(), 1);
    assert_eq!(doc.vpcs[0].cidr.as_deref(), Some("10.0.0.0/16"));
    let w = find(&diags, Severity::Warning, "vpc-1", "").expect("warning naming the id");
    assert!(
        w.message.contains("a.json Vpcs[0]") && w.message.contains("b.json Vpcs[0]"),
        "{w}"
    );
}

// --- Unknown keys and malformed input --------------------------------------------------------

#[test]
fn an_unknown_top_level_key_warns_once_naming_it() {
    let mut v = sample();
    v["Volumes"] = json!([]);
    let (_, diags) = run(&[("a.json", v.clone()), ("b.json", v)]);
    let warnings: Vec<_> = diags.iter().filter(|d| d.field == "Volumes").collect();
    assert_eq!(warnings.len(), 1, "{diags:#?}");
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].resource, "a.json");
    assert!(warnings[0]
        .message
        .starts_with("`Volumes` is not describe-* output"));
}

#[test]
fn an_unknown_top_level_key_is_escaped_in_its_warning() {
    let mut v = sample();
    v["X\u{1b}[31m"] = json!([]);
    let (_, diags) = run(&[("a.json", v)]);
    let w = diags
        .iter()
        .find(|d| d.message.contains("is not describe-* output"))
        .expect("warned");
    assert!(
        !w.field.contains('\u{1b}') && !w.message.contains('\u{1b}'),
        "{w:?}"
    );
    assert!(w.field.contains("\\u{1b}"), "{w:?}");
}

#[test]
fn next_token_warns_that_the_output_was_cut_short() {
    let (_, diags) = one(with("NextToken", json!("eyJ2IjoxfQ==")));
    let w = find(&diags, Severity::Warning, "in.json", "NextToken").expect("warned");
    assert!(w.message.contains("--max-items"));
}

#[test]
fn a_key_of_the_wrong_type_is_an_error_naming_the_key() {
    let e = read_err(r#"{"Vpcs": 5, "Subnets": []}"#);
    assert_eq!(
        (e.severity, e.resource.as_str(), e.field.as_str()),
        (Severity::Error, "in.json", "Vpcs")
    );
    assert!(
        e.message.contains("integer `5`, expected a sequence"),
        "{e}"
    );
    assert!(e.message.ends_with("at line 1 column 10"), "{e}");
}

#[test]
fn an_id_of_the_wrong_type_is_an_error_naming_the_path() {
    let (doc, diags) = one(json!({"Vpcs": [{"VpcId": 7, "CidrBlock": "10.0.0.0/16"}]}));
    assert!(doc.vpcs.is_empty());
    assert!(
        find(&diags, Severity::Error, "in.json", "Vpcs[0].VpcId").is_some(),
        "{diags:#?}"
    );
}

#[test]
fn a_record_without_its_id_is_an_error() {
    let (_, diags) = one(with(
        "RouteTables",
        json!([{"VpcId": "vpc-1", "Routes": []}]),
    ));
    let e = find(
        &diags,
        Severity::Error,
        "in.json",
        "RouteTables[0].RouteTableId",
    )
    .expect("error");
    assert!(e.message.contains("missing"));
}

#[test]
fn a_field_of_the_wrong_type_names_the_file_path_line_and_column() {
    // The file is read straight into typed records, so the first field of the wrong type stops
    // the read: one case per field.
    let cases: [(&str, &[&str], Value, &str); 2] = [
        (
            "Subnets[1].CidrBlock",
            &["Subnets", "1", "CidrBlock"],
            json!(24),
            "\"CidrBlock\": 24",
        ),
        (
            "RouteTables[3].Routes[1].NatGatewayId",
            &["RouteTables", "3", "Routes", "1", "NatGatewayId"],
            json!(["nat-1"]),
            "\"NatGatewayId\": [",
        ),
    ];
    for (path, segments, bad, written) in cases {
        let mut v = sample();
        *slot(&mut v, segments) = bad;
        let text = serde_json::to_string_pretty(&v).expect("JSON");
        let line = 1 + text
            .lines()
            .position(|l| l.contains(written))
            .expect("the bad field is written");
        let e = read_err(&text);
        assert_eq!(
            (e.severity, e.resource.as_str(), e.field.as_str()),
            (Severity::Error, "in.json", path)
        );
        assert!(e.message.contains("expected a string"), "{e}");
        assert!(e.message.contains(&format!("at line {line} column")), "{e}");
    }
}

#[test]
fn text_without_an_aws_key_is_left_to_the_scenario_reader() {
    for text in [
        r#"{"vpcs": [{"id": "vpc-1", "cidr": "10.0.0.0/16"}], "Volumes": []}"#,
        r#"[{"Vpcs": []}]"#,
        r#"{"name": "broken", "#,
        "",
    ] {
        assert_eq!(read_file("in.json", text), Ok(None), "{text}");
    }
}

#[test]
fn a_syntax_error_in_aws_output_names_the_line_and_column() {
    let e = read_err("{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\",}\n  ]\n}");
    assert_eq!((e.resource.as_str(), e.field.as_str()), ("in.json", ""));
    assert!(
        e.message
            .starts_with("not valid JSON: trailing comma at line 3 column"),
        "{e}"
    );
}

#[test]
fn a_missing_required_field_names_the_field() {
    let e = read_err(r#"{"Subnets": [{"SubnetId": "subnet-1", "CidrBlock": "10.0.1.0/24"}]}"#);
    assert_eq!(e.field, "Subnets[0].VpcId");
    assert!(
        e.message
            .starts_with("missing field `VpcId` at line 1 column"),
        "{e}"
    );
}

#[test]
fn a_record_that_is_not_an_object_is_an_error() {
    let text = with(
        "InternetGateways",
        json!(["igw-1", {"InternetGatewayId": "igw-2"}]),
    )
    .to_string();
    let e = read_err(&text);
    assert_eq!(
        (e.resource.as_str(), e.field.as_str()),
        ("in.json", "InternetGateways[0]")
    );
    assert!(
        e.message.contains("expected an internet gateway record"),
        "{e}"
    );
    assert!(e.message.contains("at line 1 column"), "{e}");
}

/// Replaces each value in the sample, one at a time, with a value of another type: the
/// converter must report, never panic, whatever the field.
#[test]
fn any_field_of_the_wrong_type_is_reported_without_panicking() {
    fn paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    here.push(k.clone());
                    out.push(here.clone());
                    paths(c, here, out);
                    here.pop();
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    here.push(i.to_string());
                    out.push(here.clone());
                    paths(c, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let v = sample();
    let mut all = Vec::new();
    paths(&v, &mut Vec::new(), &mut all);
    assert!(all.len() > 500);
    for p in &all {
        for replacement in [json!(-1), json!({"x": 1}), Value::Null] {
            let mut m = v.clone();
            let segments: Vec<&str> = p.iter().map(String::as_str).collect();
            *slot(&mut m, &segments) = replacement;
            // Either the file reads (the field is optional or not read) and converts, or the
            // error names the file, the replaced field or one inside it, a line and a column.
            match read_file("in.json", &m.to_string()) {
                Ok(Some(f)) => {
                    convert(&[("in.json", f)], &mut Diagnostics::default());
                }
                Ok(None) => panic!("{p:?}: no longer read as AWS output"),
                Err(e) => {
                    let at = render(&segments);
                    let inside = e.field == at
                        || e.field.starts_with(&format!("{at}."))
                        || e.field.starts_with(&format!("{at}["));
                    assert!(e.resource == "in.json" && inside, "{at}: {e}");
                    assert!(e.message.contains("at line 1 column"), "{e}");
                }
            }
        }
    }
}

// --- Routes ----------------------------------------------------------------------------------

fn table(routes: Value) -> Value {
    with(
        "RouteTables",
        json!([{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": routes,
                "Associations": [{"Main": true, "AssociationState": {"State": "associated"}}]}]),
    )
}

#[test]
fn unsupported_targets_are_kept_as_ids_and_reported() {
    let (doc, diags) = one(table(json!([
        {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
        {"DestinationCidrBlock": "172.16.0.0/12", "TransitGatewayId": "tgw-1", "State": "active"},
        {"DestinationCidrBlock": "203.0.113.0/24", "CarrierGatewayId": "cagw-1", "State": "active"},
        {"DestinationCidrBlock": "198.51.100.0/24", "LocalGatewayId": "lgw-1", "State": "active"},
        {"DestinationCidrBlock": "192.0.2.0/24",
         "CoreNetworkArn": "arn:aws:networkmanager::111122223333:core-network/core-network-1"}
    ])));
    let t = rtb(&doc, "rtb-1");
    assert!(t.main);
    let targets: Vec<_> = t.routes.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "tgw-1",
            "cagw-1",
            "lgw-1",
            "arn:aws:networkmanager::111122223333:core-network/core-network-1"
        ]
    );
    // Transit gateways are modelled (issue 10): the route is kept, with no note.
    assert!(find(
        &diags,
        Severity::Unsupported,
        "rtb-1",
        "Routes[1].TransitGatewayId",
    )
    .is_none());
    assert!(find(
        &diags,
        Severity::Unsupported,
        "rtb-1",
        "Routes[4].CoreNetworkArn"
    )
    .is_some());
    assert_eq!(count(&diags, Severity::Error), 0);
}

#[test]
fn ipv6_routes_are_skipped_with_one_note_per_table() {
    let (doc, diags) = one(table(json!([
        {"DestinationIpv6CidrBlock": "2600:1f18::/56", "GatewayId": "local"},
        {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
        {"DestinationIpv6CidrBlock": "2001:db8::/32", "GatewayId": "igw-1"},
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}
    ])));
    assert_eq!(rtb(&doc, "rtb-1").routes, [route("0.0.0.0/0", "igw-1")]);
    let notes: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Unsupported)
        .collect();
    assert_eq!(notes.len(), 1, "{diags:#?}");
    assert_eq!(
        (notes[0].resource.as_str(), notes[0].field.as_str()),
        ("rtb-1", "Routes")
    );
    assert!(notes[0].message.starts_with("3 IPv6"));
}

#[test]
fn an_instance_route_targets_its_interface() {
    let (doc, _) = one(table(json!([
        {"DestinationCidrBlock": "0.0.0.0/0", "InstanceId": "i-1", "InstanceOwnerId": "111122223333",
         "NetworkInterfaceId": "eni-1", "Origin": "CreateRoute", "State": "active"},
        {"DestinationCidrBlock": "192.168.0.0/16", "InstanceId": "i-2", "State": "blackhole"}
    ])));
    let routes = &rtb(&doc, "rtb-1").routes;
    assert_eq!(routes[0], route("0.0.0.0/0", "eni-1"));
    assert_eq!(routes[1].target, "i-2");
    assert!(routes[1].blackhole);
}

#[test]
fn propagated_routes_are_marked_and_tell_what_is_behind_the_gateway() {
    let mut v = table(json!([
        {"DestinationCidrBlock": "192.168.0.0/16", "GatewayId": "vgw-1",
         "Origin": "EnableVgwRoutePropagation", "State": "active"},
        {"DestinationCidrBlock": "172.20.0.0/16", "GatewayId": "vgw-1", "Origin": "CreateRoute"},
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vgw-1", "Origin": "CreateRoute"}
    ]));
    v["VpnGateways"] = json!([{"VpnGatewayId": "vgw-1", "State": "available", "Type": "ipsec.1",
        "VpcAttachments": [{"State": "attached", "VpcId": "vpc-1"}],
        "Tags": [{"Key": "Name", "Value": "corp"}]}]);
    let (doc, diags) = one(v);
    assert!(diags.is_empty(), "{diags:#?}");
    let routes = &rtb(&doc, "rtb-1").routes;
    assert!(routes[0].propagated && !routes[1].propagated);
    assert_eq!(
        doc.vpn_gateways,
        [VgwDoc {
            id: "vgw-1".into(),
            name: "corp".into(),
            vpc: Some("vpc-1".into()),
            kind: None,
            onprem_cidrs: vec!["192.168.0.0/16".into(), "172.20.0.0/16".into()],
        }]
    );
}

#[test]
fn a_local_route_replaced_by_an_interface_is_unsupported() {
    let (doc, diags) = one(table(json!([
        {"DestinationCidrBlock": "10.0.0.0/16", "NetworkInterfaceId": "eni-fw", "Origin": "CreateRouteTable"}
    ])));
    assert!(rtb(&doc, "rtb-1").routes.is_empty());
    assert!(find(
        &diags,
        Severity::Unsupported,
        "rtb-1",
        "Routes[0].NetworkInterfaceId"
    )
    .is_some());
}

#[test]
fn edge_associations_and_subnet_associations_are_kept() {
    // R23: internet and virtual private gateways' edge associations are read.
    let (doc, diags) = one(with(
        "RouteTables",
        json!([{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [], "Associations": [
            {"Main": false, "GatewayId": "igw-1", "AssociationState": {"State": "associated"}},
            {"Main": false, "GatewayId": "vgw-1", "AssociationState": {"State": "associated"}},
            {"Main": false, "SubnetId": "subnet-1", "AssociationState": {"State": "associated"}},
            {"Main": false, "SubnetId": "subnet-2", "AssociationState": {"State": "disassociated"}}
        ]}]),
    ));
    let t = rtb(&doc, "rtb-1");
    assert_eq!(t.subnets, ["subnet-1"]);
    assert_eq!(t.gateways, ["igw-1", "vgw-1"]);
    assert!(!t.main);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn a_gateway_load_balancer_endpoint_is_left_out_and_routes_to_it_are_noted() {
    let mut v = table(json!([{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vpce-gwlb"}]));
    v["VpcEndpoints"] = json!([{"VpcEndpointId": "vpce-gwlb", "VpcEndpointType": "GatewayLoadBalancer",
        "VpcId": "vpc-1", "ServiceName": "com.amazonaws.vpce.eu-west-1.vpce-svc-1",
        "NetworkInterfaceIds": ["eni-gwlb"], "SubnetIds": ["subnet-1"]}]);
    let (doc, diags) = one(v);
    assert!(doc.endpoints.is_empty());
    assert_eq!(rtb(&doc, "rtb-1").routes, [route("0.0.0.0/0", "vpce-gwlb")]);
    assert!(find(
        &diags,
        Severity::Unsupported,
        "vpce-gwlb",
        "VpcEndpointType"
    )
    .is_some());
    let u = find(
        &diags,
        Severity::Unsupported,
        "rtb-1",
        "Routes[0].GatewayId",
    )
    .expect("noted");
    assert!(u.message.contains("Gateway Load Balancer"));
}

// --- Endpoints -------------------------------------------------------------------------------

fn interface_endpoint(enis: Value) -> Value {
    let mut v = with(
        "VpcEndpoints",
        json!([{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
            "ServiceName": "com.amazonaws.eu-west-1.sts", "State": "available",
            "SubnetIds": ["subnet-1"], "Groups": [{"GroupId": "sg-e", "GroupName": "ep"}],
            "PrivateDnsEnabled": false, "NetworkInterfaceIds": ["eni-e1"],
            "PolicyDocument": "{\"Statement\": [}"}]),
    );
    v["NetworkInterfaces"] = enis;
    v
}

#[test]
fn an_interface_endpoint_gets_its_addresses_from_its_interfaces() {
    let (doc, diags) = one(interface_endpoint(json!([{
        "NetworkInterfaceId": "eni-e1", "InterfaceType": "vpc_endpoint", "SubnetId": "subnet-1",
        "PrivateIpAddress": "10.0.1.44", "Groups": [{"GroupId": "sg-e"}], "RequesterManaged": true,
        "Description": "VPC Endpoint Interface vpce-1"}])));
    let e = &doc.endpoints[0];
    assert_eq!(e.kind, "interface");
    assert_eq!(e.subnets, ["subnet-1"]);
    assert_eq!(e.security_groups, Some(vec!["sg-e".to_string()]));
    assert!(!e.private_dns);
    assert_eq!(
        e.network_interfaces,
        [EndpointEniDoc {
            id: "eni-e1".into(),
            subnet: "subnet-1".into(),
            private_ip: Some("10.0.1.44".into()),
        }]
    );
    assert!(doc.network_interfaces.is_empty());
    // The policy here is broken JSON: kept as text, with a warning.
    assert_eq!(e.policy, Some(Value::String("{\"Statement\": [}".into())));
    assert!(find(&diags, Severity::Warning, "vpce-1", "PolicyDocument").is_some());
}

#[test]
fn an_interface_endpoint_whose_interfaces_are_not_given_warns() {
    let (doc, diags) = one(interface_endpoint(json!([])));
    assert!(doc.endpoints[0].network_interfaces.is_empty());
    let w = find(
        &diags,
        Severity::Warning,
        "vpce-1",
        "NetworkInterfaceIds[0]",
    )
    .expect("warned");
    assert!(w.message.contains("eni-e1"));
}

// --- Security groups and network ACLs --------------------------------------------------------

#[test]
fn security_group_rules_cover_ports_protocols_prefix_lists_and_other_accounts() {
    let (doc, diags) = one(with(
        "SecurityGroups",
        json!([{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1", "OwnerId": "111122223333",
            "IpPermissions": [
                {"IpProtocol": "tcp", "FromPort": 1024, "ToPort": 65535,
                 "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "corp"}],
                 "PrefixListIds": [{"PrefixListId": "pl-1"}],
                 "UserIdGroupPairs": [{"GroupId": "sg-9", "UserId": "444455556666",
                                       "VpcPeeringConnectionId": "pcx-1", "PeeringStatus": "active"},
                                      {"GroupId": "sg-2", "UserId": "111122223333"}],
                 "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                 "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                {"IpProtocol": "50", "IpRanges": [{"CidrIp": "192.0.2.0/24"}]}
            ],
            "IpPermissionsEgress": []}]),
    ));
    let sg = &doc.security_groups[0];
    let summary: Vec<_> = sg
        .ingress
        .iter()
        .map(|r| {
            (
                r.protocol.as_str(),
                r.ports.clone(),
                r.cidr
                    .clone()
                    .or(r.prefix_list.clone())
                    .or(r.group.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let high = Some(PortsDoc::Text("1024-65535".into()));
    assert_eq!(
        summary,
        [
            ("tcp", high.clone(), "10.0.0.0/8".to_string()),
            ("tcp", high.clone(), "pl-1".to_string()),
            ("tcp", high, "444455556666/sg-9".to_string()),
            (
                "tcp",
                Some(PortsDoc::Text("1024-65535".into())),
                "sg-2".to_string()
            ),
            ("icmp", None, "0.0.0.0/0".to_string()),
            ("50", None, "192.0.2.0/24".to_string()),
        ]
    );
    assert_eq!(sg.ingress[0].description, "corp");
    assert_eq!(sg.egress, Some(vec![]));
    let notes: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Unsupported)
        .collect();
    assert_eq!(notes.len(), 1, "one IPv6 note per group: {diags:#?}");
    assert_eq!(notes[0].resource, "sg-1");
}

#[test]
fn acl_entries_split_by_direction_with_protocol_names_and_ports() {
    let (doc, diags) = one(with(
        "NetworkAcls",
        json!([{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false,
        "Associations": [{"SubnetId": "subnet-1"}],
        "Entries": [
            {"RuleNumber": 100, "Egress": false, "Protocol": "6", "RuleAction": "allow",
             "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}},
            {"RuleNumber": 110, "Egress": false, "Protocol": "17", "RuleAction": "deny",
             "CidrBlock": "10.0.0.0/8", "PortRange": {"From": 1024, "To": 65535}},
            {"RuleNumber": 120, "Egress": false, "Protocol": "1", "RuleAction": "allow",
             "CidrBlock": "0.0.0.0/0", "IcmpTypeCode": {"Code": -1, "Type": 8}},
            {"RuleNumber": 101, "Egress": false, "Protocol": "6", "RuleAction": "allow",
             "Ipv6CidrBlock": "::/0", "PortRange": {"From": 443, "To": 443}},
            {"RuleNumber": 32767, "Egress": false, "Protocol": "-1", "RuleAction": "deny",
             "CidrBlock": "0.0.0.0/0"},
            {"RuleNumber": 32767, "Egress": true, "Protocol": "-1", "RuleAction": "deny",
             "CidrBlock": "0.0.0.0/0"}
        ]}]),
    ));
    let acl = &doc.network_acls[0];
    assert!(!acl.default);
    assert_eq!(acl.subnets, ["subnet-1"]);
    let ingress = acl.ingress.as_ref().expect("explicit");
    let summary: Vec<_> = ingress
        .iter()
        .map(|r| {
            (
                r.rule,
                r.protocol.as_str(),
                r.ports.clone(),
                r.action.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (100, "tcp", Some(PortsDoc::Number(443)), "allow"),
            (
                110,
                "udp",
                Some(PortsDoc::Text("1024-65535".into())),
                "deny"
            ),
            (120, "icmp", None, "allow"),
        ]
    );
    assert_eq!(acl.egress, Some(vec![]));
    assert!(find(&diags, Severity::Unsupported, "acl-1", "Entries").is_some());
}

// --- Instances and network interfaces --------------------------------------------------------

fn instance_estate(state: &str) -> Value {
    let primary = json!({"NetworkInterfaceId": "eni-p", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.10",
        "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10"}],
        "Groups": [{"GroupId": "sg-1", "GroupName": "web"}], "SourceDestCheck": false,
        "Association": {"PublicIp": "198.51.100.7"}, "InterfaceType": "interface",
        "Attachment": {"DeviceIndex": 0, "Status": "attached", "InstanceId": "i-1"}});
    let second = json!({"NetworkInterfaceId": "eni-s", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.11",
        "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.11"},
                               {"Primary": false, "PrivateIpAddress": "10.0.1.12"}],
        "Groups": [{"GroupId": "sg-2"}], "SourceDestCheck": true, "InterfaceType": "interface",
        "TagSet": [{"Key": "Name", "Value": "data"}],
        "Attachment": {"DeviceIndex": 1, "Status": "attached", "InstanceId": "i-1"}});
    let mut in_instance = [primary.clone(), second.clone()];
    for e in &mut in_instance {
        // describe-instances prints the attachment without the instance id.
        if let Some(a) = e.get_mut("Attachment").and_then(Value::as_object_mut) {
            a.remove("InstanceId");
        }
        if let Some(o) = e.as_object_mut() {
            o.remove("TagSet");
        }
    }
    with(
        "Reservations",
        json!([{"ReservationId": "r-1", "Instances": [{
            "InstanceId": "i-1", "State": {"Code": 16, "Name": state}, "SubnetId": "subnet-1",
            "PrivateIpAddress": "10.0.1.10", "PublicIpAddress": "198.51.100.7",
            "SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web"}], "SourceDestCheck": false,
            "Tags": [{"Key": "Name", "Value": "web-1"}], "NetworkInterfaces": in_instance}]}]),
    )
    .as_object()
    .cloned()
    .map(|mut m| {
        m.insert("NetworkInterfaces".into(), json!([primary, second]));
        Value::Object(m)
    })
    .unwrap_or_default()
}

#[test]
fn an_instance_listed_twice_has_one_primary_interface_and_one_secondary() {
    let (doc, diags) = one(instance_estate("running"));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        doc.instances,
        [InstanceDoc {
            id: "i-1".into(),
            name: "web-1".into(),
            subnet: "subnet-1".into(),
            private_ip: Some("10.0.1.10".into()),
            public_ip: Some("198.51.100.7".into()),
            security_groups: Some(vec!["sg-1".into()]),
            source_dest_check: false,
            eni: Some("eni-p".into()),
            role_policy: None,
            state: Default::default(),
        }]
    );
    assert_eq!(
        doc.network_interfaces,
        [EniDoc {
            id: "eni-s".into(),
            name: "data".into(),
            subnet: "subnet-1".into(),
            private_ip: "10.0.1.11".into(),
            secondary_ips: vec!["10.0.1.12".into()],
            public_ip: None,
            security_groups: Some(vec!["sg-2".into()]),
            source_dest_check: true,
            instance: Some("i-1".into()),
            description: String::new(),
            detached: false,
            interface_type: None,
            requester_managed: false,
        }]
    );
}

#[test]
fn describe_instances_alone_gives_the_instance_and_its_secondary_interface() {
    let mut v = instance_estate("running");
    if let Some(o) = v.as_object_mut() {
        o.remove("NetworkInterfaces");
    }
    let (doc, diags) = one(v);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(doc.instances.len(), 1);
    assert_eq!(doc.instances[0].eni.as_deref(), Some("eni-p"));
    assert_eq!(doc.network_interfaces.len(), 1);
    assert_eq!(doc.network_interfaces[0].instance.as_deref(), Some("i-1"));
}

#[test]
fn a_terminated_instance_is_left_out_with_a_warning() {
    let (doc, diags) = one(instance_estate("terminated"));
    assert!(doc.instances.is_empty());
    assert!(doc.network_interfaces.is_empty());
    assert!(find(&diags, Severity::Warning, "i-1", "State.Name").is_some());
}

#[test]
fn a_secondary_interface_of_an_unknown_instance_stands_alone() {
    let v = with(
        "NetworkInterfaces",
        json!([{"NetworkInterfaceId": "eni-s", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.11",
            "InterfaceType": "interface", "Attachment": {"DeviceIndex": 1, "InstanceId": "i-9", "Status": "attached"}},
          {"NetworkInterfaceId": "eni-l", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.20",
            "InterfaceType": "lambda", "Description": "AWS Lambda VPC ENI-fn", "RequesterManaged": true}]),
    );
    let (doc, diags) = one(v);
    assert!(doc.instances.is_empty());
    assert_eq!(doc.network_interfaces.len(), 2);
    assert_eq!(doc.network_interfaces[0].instance, None);
    assert!(find(&diags, Severity::Warning, "eni-s", "Attachment.InstanceId").is_some());
    assert_eq!(
        doc.network_interfaces[1].description,
        "AWS Lambda VPC ENI-fn"
    );
}

#[test]
fn service_and_detached_interfaces_are_marked_for_what_they_are() {
    // R27: `RequesterManaged` and a non-plain `InterfaceType` mark a service's interface;
    // `Status: available` one attached to nothing. An EFA interface belongs to its instance.
    let v = with(
        "NetworkInterfaces",
        json!([{"NetworkInterfaceId": "eni-l", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.20",
            "InterfaceType": "lambda", "RequesterManaged": true, "Status": "in-use"},
          {"NetworkInterfaceId": "eni-rds", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.21",
            "InterfaceType": "interface", "RequesterManaged": true, "Description": "RDSNetworkInterface"},
          {"NetworkInterfaceId": "eni-x", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.22",
            "InterfaceType": "efa", "Status": "available"}]),
    );
    let (doc, _) = one(v);
    let e = &doc.network_interfaces;
    assert_eq!(
        (
            e[0].interface_type.as_deref(),
            e[0].requester_managed,
            e[0].detached
        ),
        (Some("lambda"), true, false)
    );
    assert_eq!(
        (
            e[1].interface_type.as_deref(),
            e[1].requester_managed,
            e[1].detached
        ),
        (None, true, false)
    );
    assert_eq!(
        (
            e[2].interface_type.as_deref(),
            e[2].requester_managed,
            e[2].detached
        ),
        (None, false, true)
    );
}

#[test]
fn a_stopped_instance_loads_with_its_state() {
    // R27: stopped instances keep their interfaces and addresses; they load and pass nothing.
    let (doc, diags) = one(instance_estate("stopped"));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(doc.instances[0].state, crate::model::InstanceState::Stopped);
    let (doc, _) = one(instance_estate("running"));
    assert_eq!(doc.instances[0].state, crate::model::InstanceState::Running);
}

#[test]
fn an_interface_without_its_address_is_an_error() {
    let (_, diags) = one(with(
        "NetworkInterfaces",
        json!([{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1"}]),
    ));
    assert!(find(
        &diags,
        Severity::Error,
        "in.json",
        "NetworkInterfaces[0].PrivateIpAddress"
    )
    .is_some());
}

// --- Peering and Regions ---------------------------------------------------------------------

#[test]
fn a_peer_vpc_in_another_account_is_made_from_the_connection() {
    let (doc, diags) = one(with(
        "VpcPeeringConnections",
        json!([{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "pending-acceptance"},
            "RequesterVpcInfo": {"VpcId": "vpc-1", "OwnerId": "111122223333", "Region": "eu-west-1",
                                 "CidrBlock": "10.0.0.0/16"},
            "AccepterVpcInfo": {"VpcId": "vpc-far", "OwnerId": "444455556666", "Region": "ap-southeast-2",
                                "CidrBlock": "10.8.0.0/16",
                                "CidrBlockSet": [{"CidrBlock": "10.8.0.0/16"}, {"CidrBlock": "10.9.0.0/16"}]}}]),
    ));
    assert_eq!(
        doc.peering_connections[0].status.as_deref(),
        Some("pending-acceptance")
    );
    assert_eq!(
        doc.vpcs[1],
        VpcDoc {
            id: "vpc-far".into(),
            name: String::new(),
            cidr: None,
            cidrs: vec!["10.8.0.0/16".into(), "10.9.0.0/16".into()],
            region: Some("ap-southeast-2".into()),
            account: Some("444455556666".into()),
            dns_support: true,
            dns_hostnames: true,
            known_only_from: Some("pcx-1".into()),
        }
    );
    let w = find(&diags, Severity::Warning, "vpc-far", "").expect("warned");
    assert!(w
        .message
        .contains("peer VPC described only by the peering connection"));
    assert_eq!(doc.vpcs[0].region.as_deref(), Some("eu-west-1"));
    assert_eq!(doc.region.as_deref(), Some("eu-west-1"));
    assert_eq!(diags.len(), 1, "{diags:#?}");
}

#[test]
fn zone_names_give_their_region() {
    let cases = [
        ("us-east-1a", Some("us-east-1")),
        ("eu-central-2c", Some("eu-central-2")),
        ("us-west-2-lax-1a", Some("us-west-2")),
        ("us-east-1-wl1-bos-wlz-1", Some("us-east-1")),
        ("us-gov-west-1a", Some("us-gov-west-1")),
        ("use1-az6", None),
        ("", None),
        ("1a", None),
    ];
    for (az, region) in cases {
        assert_eq!(region_of_az(az).as_deref(), region, "{az}");
    }
}

#[test]
fn conflicting_regions_for_one_vpc_warn() {
    let mut v = Value::Object(base());
    let second = json!({"SubnetId": "subnet-2", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24",
                             "AvailabilityZone": "us-east-1a"});
    if let Some(a) = v["Subnets"].as_array_mut() {
        a.push(second);
    }
    let (doc, diags) = one(v);
    assert_eq!(doc.vpcs[0].region.as_deref(), Some("eu-west-1"));
    assert!(find(&diags, Severity::Warning, "vpc-1", "").is_some());
}

// --- Prefix lists, NAT and VPN gateways ------------------------------------------------------

#[test]
fn a_managed_prefix_list_without_entries_warns_that_its_cidrs_are_unknown() {
    let mut v = with(
        "ManagedPrefixLists",
        json!([{"PrefixListId": "pl-a", "PrefixListName": "offices", "AddressFamily": "IPv4"},
               {"PrefixListId": "pl-b", "PrefixListName": "partners", "AddressFamily": "IPv4",
                "Entries": [{"Cidr": "192.0.2.0/24", "Description": "p1"}, {"Cidr": "2001:db8::/32"}]},
               {"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3",
                "AddressFamily": "IPv4", "OwnerId": "AWS"},
               {"PrefixListId": "pl-6", "PrefixListName": "v6", "AddressFamily": "IPv6"}]),
    );
    v["PrefixLists"] = json!([{"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3",
                               "Cidrs": ["52.216.0.0/15"]}]);
    let (doc, diags) = one(v);
    let pls: Vec<_> = doc
        .prefix_lists
        .iter()
        .map(|p| (p.id.as_str(), p.cidrs.clone()))
        .collect();
    assert_eq!(
        pls,
        [
            ("pl-63a5400a", vec!["52.216.0.0/15".to_string()]),
            ("pl-a", vec![]),
            ("pl-b", vec!["192.0.2.0/24".to_string()]),
        ]
    );
    let w = find(&diags, Severity::Warning, "pl-a", "").expect("unknown CIDRs warned");
    assert!(w.message.contains("get-managed-prefix-list-entries"));
    assert!(find(&diags, Severity::Warning, "pl-63a5400a", "").is_none());
    assert!(find(&diags, Severity::Unsupported, "pl-b", "").is_some());
    assert!(find(&diags, Severity::Unsupported, "pl-6", "AddressFamily").is_some());
}

#[test]
fn a_deleted_nat_gateway_is_kept_so_routes_to_it_are_blackhole() {
    let (doc, _) = one(with(
        "NatGateways",
        json!([{"NatGatewayId": "nat-1", "SubnetId": "subnet-1", "State": "deleted",
            "ConnectivityType": "private",
            "NatGatewayAddresses": [{"PrivateIp": "10.0.1.5", "IsPrimary": false},
                                    {"PrivateIp": "10.0.1.6", "IsPrimary": true,
                                     "NetworkInterfaceId": "eni-n"}]}]),
    ));
    let n = &doc.nat_gateways[0];
    assert_eq!(n.state.as_deref(), Some("deleted"));
    assert_eq!(n.connectivity.as_deref(), Some("private"));
    assert_eq!(n.private_ip.as_deref(), Some("10.0.1.6"));
    assert_eq!(n.eni.as_deref(), Some("eni-n"));
    assert_eq!(n.public_ip, None);
}
