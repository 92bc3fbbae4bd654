//! Bad input, at the library level: every problem comes back as a `LoadError` whose message
//! names where it is (the file with a JSON line and column, or the resource id and field), and
//! nothing panics, overflows the stack or hangs. A dangling route target is the one reference
//! that loads: it is a warning, and the route is a blackhole.
//!
//! Most cases start from `base()`: VPC vpc-a 10.0.0.0/16 with subnet-a 10.0.1.0/24, group sg-a
//! and instance i-a (10.0.1.10), and break one thing.

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use vpc_playground::explain::{BlackholeWhy, Reason};
use vpc_playground::load::{load, InputFile, LoadError, Loaded, MAX_INPUT_BYTES, MAX_INPUT_MIB};
use vpc_playground::model::Protocol;
use vpc_playground::validate::{Diagnostic, Severity};
use vpc_playground::{trace, FlowSpec};

const FILE: &str = "bad.json";

fn load_text(text: &str) -> Result<Loaded, LoadError> {
    load(&[InputFile { name: FILE, text }])
}

/// The error of input that must not load; fails the test if it loads.
fn load_err(text: &str) -> LoadError {
    match load_text(text) {
        Ok(l) => panic!(
            "expected an error, but it loaded (diagnostics: {:?})",
            l.diagnostics
        ),
        Err(e) => e,
    }
}

/// The error diagnostic on `resource` and `field`; fails the test, listing all, if none.
fn error_on(e: &LoadError, resource: &str, field: &str) -> Diagnostic {
    e.diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error && d.resource == resource && d.field == field)
        .cloned()
        .unwrap_or_else(|| panic!("no error on {resource} {field}; got:\n{e}"))
}

/// A JSON syntax error: on the file, at a line and column the message gives.
fn assert_json_error_at(text: &str, line: usize) -> String {
    let e = load_err(text);
    let d = error_on(&e, FILE, "");
    let msg = e.to_string();
    assert!(
        d.message.contains(&format!("line {line} column")),
        "expected line {line} in: {msg}"
    );
    assert!(msg.contains(FILE), "the message names the file: {msg}");
    msg
}

fn base() -> Value {
    json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],
        "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}],
        "security_groups": [{"id": "sg-a", "vpc": "vpc-a",
            "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/16"}]}],
        "instances": [{"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10",
            "security_groups": ["sg-a"]}]
    })
}

/// `base()` with `f` applied, as text.
fn with(f: impl FnOnce(&mut Value)) -> String {
    let mut v = base();
    f(&mut v);
    v.to_string()
}

#[test]
fn base_scenario_loads_cleanly() {
    let l = load_text(&base().to_string()).expect("the base scenario is valid");
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
}

// ---- JSON syntax --------------------------------------------------------------------------

#[test]
fn truncated_json_names_file_line_and_column() {
    let text = "{\n  \"vpcs\": [\n    {\"id\": \"vpc-a\", \"cidr\": \"10.0.0.0/16\"}\n";
    let msg = assert_json_error_at(text, 4);
    assert!(msg.contains("EOF"), "{msg}");
}

#[test]
fn trailing_comma_names_line_and_column() {
    let text = "{\n  \"vpcs\": [\n    {\"id\": \"vpc-a\", \"cidr\": \"10.0.0.0/16\"},\n  ]\n}";
    let msg = assert_json_error_at(text, 4);
    assert!(msg.contains("trailing comma"), "{msg}");
}

#[test]
fn empty_file_is_an_error_not_an_empty_estate() {
    for text in ["", "  \n"] {
        let e = load_err(text);
        let d = error_on(&e, FILE, "");
        assert!(d.message.contains("the file is empty"), "{e}");
    }
}

#[test]
fn top_level_array_is_refused() {
    let e = load_err(r#"[{"id": "vpc-a", "cidr": "10.0.0.0/16"}]"#);
    let d = error_on(&e, FILE, "");
    assert!(d.message.contains("JSON object at the top level"), "{e}");
}

#[test]
fn top_level_scalar_is_refused() {
    let e = load_err("42");
    assert!(
        error_on(&e, FILE, "").message.contains("JSON object"),
        "{e}"
    );
}

#[test]
fn deeply_nested_arrays_are_refused_without_stack_overflow() {
    let text = "[".repeat(100_000);
    let msg = assert_json_error_at(&text, 1);
    assert!(msg.contains("recursion limit"), "{msg}");
}

#[test]
fn deeply_nested_lesson_is_refused_without_stack_overflow() {
    // The lesson is an opaque JSON value, so nesting there is only bounded by the parser.
    let text = format!("{{\"lesson\": {}", "{\"a\": ".repeat(100_000));
    let msg = assert_json_error_at(&text, 1);
    assert!(msg.contains("recursion limit"), "{msg}");
}

#[test]
fn byte_order_mark_loads_or_is_named() {
    // Some Windows editors start a UTF-8 file with U+FEFF.
    let text = format!("\u{feff}{}", base());
    if let Err(e) = load_text(&text) {
        let msg = e.to_string();
        assert!(
            msg.contains(FILE) && msg.contains("line 1 column 1"),
            "{msg}"
        );
    }
}

#[test]
fn text_over_the_size_limit_is_refused_before_parsing() {
    // Valid JSON, so only the size check can refuse it.
    let filler = " ".repeat(MAX_INPUT_BYTES);
    let text = format!("{{{filler}}}");
    let start = Instant::now();
    let e = load_err(&text);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    let d = error_on(&e, FILE, "");
    assert!(d.message.contains("256.0 MiB"), "{e}");
    assert!(
        d.message
            .contains(&format!("the limit is {MAX_INPUT_MIB} MiB")),
        "{e}"
    );
}

#[test]
fn the_limit_is_on_all_files_together() {
    // Two describe-* files, each under the limit, together over it.
    let half = format!(
        "{{\"Vpcs\": [], \"x\": \"{}\"}}",
        "x".repeat(MAX_INPUT_BYTES / 2)
    );
    let e = load(&[
        InputFile {
            name: "one.json",
            text: &half,
        },
        InputFile {
            name: "two.json",
            text: &half,
        },
    ])
    .expect_err("over the limit together");
    let d = error_on(&e, "input", "");
    assert!(d.message.contains("MiB"), "{e}");
}

#[test]
fn text_at_the_size_limit_is_accepted() {
    let text = format!("{{\"name\": \"{}\"}}", "x".repeat(MAX_INPUT_BYTES - 12));
    assert_eq!(text.len(), MAX_INPUT_BYTES);
    load_text(&text).expect("exactly MAX_INPUT_BYTES is allowed");
}

// ---- wrong types and unknown fields -------------------------------------------------------

#[test]
fn vpcs_as_a_number_names_the_field_and_position() {
    let e = load_err(r#"{"vpcs": 5}"#);
    let d = error_on(&e, FILE, "vpcs");
    assert!(d.message.contains("expected a sequence"), "{e}");
    assert!(d.message.contains("line 1 column 10"), "{e}");
}

#[test]
fn a_slip_in_a_lesson_is_a_load_error_at_its_line() {
    // A course author's typo in a goal must not wait until the goals are checked.
    let text = "{\n  \"lesson\": {\"id\": \"l\", \"title\": \"t\", \"story\": \"s\",\n    \"goals\": [{\"text\": \"g\", \"from\": \"i-a\", \"to\": \"i-b\",\n      \"expect\": \"reach\"}]}\n}";
    let e = load_err(text);
    let d = error_on(&e, FILE, "lesson.goals[0].expect");
    assert!(
        d.message.contains("expected `reachable` or `blocked`"),
        "{e}"
    );
    assert!(d.message.contains("line 4 column"), "{e}");
    let e =
        load_err(r#"{"lesson": {"id": "l", "title": "t", "story": "s", "goals": [], "hint": []}}"#);
    let d = error_on(&e, FILE, "lesson.hint");
    assert!(d.message.contains("unknown field `hint`"), "{e}");
}

#[test]
fn cidr_as_a_number_names_the_path() {
    let text = "{\n  \"vpcs\": [{\"id\": \"vpc-a\", \"cidr\": 16}]\n}";
    let e = load_err(text);
    let d = error_on(&e, FILE, "vpcs[0].cidr");
    assert!(d.message.contains("expected a string"), "{e}");
    assert!(d.message.contains("line 2"), "{e}");
}

#[test]
fn port_text_that_is_not_a_port_names_group_and_rule() {
    let text = with(|v| v["security_groups"][0]["ingress"][0]["ports"] = json!("abc"));
    let e = load_err(&text);
    let d = error_on(&e, "sg-a", "ingress[0].ports");
    assert!(d.message.contains("1024-65535"), "{e}");
}

#[test]
fn port_range_backwards_is_an_error() {
    let text = with(|v| v["security_groups"][0]["ingress"][0]["ports"] = json!("443-80"));
    let e = load_err(&text);
    error_on(&e, "sg-a", "ingress[0].ports");
}

#[test]
fn port_number_too_large_names_the_path() {
    let text = with(|v| v["security_groups"][0]["ingress"][0]["ports"] = json!(99999));
    let e = load_err(&text);
    let d = error_on(&e, "sg-a", "ingress[0].ports");
    assert!(d.message.contains("99999 is outside 0-65535"), "{e}");
}

#[test]
fn nacl_rule_number_out_of_range_is_named() {
    let text = with(|v| {
        v["network_acls"] = json!([{"id": "acl-a", "vpc": "vpc-a", "subnets": ["subnet-a"],
            "ingress": [{"rule": 40000, "protocol": "tcp", "ports": 443,
                         "cidr": "0.0.0.0/0", "action": "allow"}]}]);
    });
    let e = load_err(&text);
    let d = error_on(&e, "acl-a", "ingress[0].rule");
    assert!(d.message.contains("40000"), "{e}");
}

#[test]
fn unknown_protocol_is_named() {
    let text = with(|v| v["security_groups"][0]["ingress"][0]["protocol"] = json!("banana"));
    let e = load_err(&text);
    let d = error_on(&e, "sg-a", "ingress[0].protocol");
    assert!(d.message.contains("banana"), "{e}");
}

#[test]
fn misspelled_field_is_named() {
    let text = r#"{"vpcs": [{"id": "vpc-a", "cidr_block": "10.0.0.0/16"}]}"#;
    let e = load_err(text);
    let d = error_on(&e, FILE, "vpcs[0].cidr_block");
    assert!(d.message.contains("unknown field `cidr_block`"), "{e}");
    assert!(
        d.message.contains("`cidr`"),
        "the message lists the right name: {e}"
    );
}

#[test]
fn unknown_top_level_field_is_named() {
    let text = with(|v| v["vcps"] = json!([]));
    let e = load_err(&text);
    let d = error_on(&e, FILE, "vcps");
    assert!(d.message.contains("unknown field `vcps`"), "{e}");
}

#[test]
fn missing_required_field_is_named() {
    let text = with(|v| {
        v["subnets"][0].as_object_mut().map(|o| o.remove("vpc"));
    });
    let e = load_err(&text);
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert!(d.message.contains("missing field `vpc`"), "{e}");
    assert!(d.field.starts_with("subnets[0]"), "{e}");
}

#[test]
fn vpc_without_cidr_is_named() {
    let e = load_err(r#"{"vpcs": [{"id": "vpc-a"}]}"#);
    error_on(&e, "vpc-a", "cidr");
}

// ---- references ---------------------------------------------------------------------------

#[test]
fn subnet_in_a_missing_vpc_is_an_error() {
    let text = with(|v| v["subnets"][0]["vpc"] = json!("vpc-gone"));
    let e = load_err(&text);
    let d = error_on(&e, "subnet-a", "vpc");
    assert!(d.message.contains("vpc-gone"), "{e}");
}

#[test]
fn instance_with_a_missing_security_group_is_an_error() {
    let text = with(|v| v["instances"][0]["security_groups"] = json!(["sg-a", "sg-gone"]));
    let e = load_err(&text);
    let d = error_on(&e, "i-a", "security_groups[1]");
    assert!(d.message.contains("sg-gone"), "{e}");
}

#[test]
fn instance_in_a_missing_subnet_is_an_error() {
    let text = with(|v| v["instances"][0]["subnet"] = json!("subnet-gone"));
    let e = load_err(&text);
    let d = error_on(&e, "i-a", "subnet");
    assert!(d.message.contains("subnet-gone"), "{e}");
}

#[test]
fn route_to_a_missing_peering_is_a_warning_and_a_blackhole() {
    let text = with(|v| {
        v["route_tables"] = json!([{"id": "rtb-a", "vpc": "vpc-a", "main": true,
            "routes": [{"destination": "172.16.0.0/16", "target": "pcx-gone"}]}]);
    });
    let l = load_text(&text).expect("a dangling route target is not an error");
    let w = l
        .diagnostics
        .iter()
        .find(|d| d.resource == "rtb-a" && d.field == "routes[0].target")
        .unwrap_or_else(|| panic!("no warning on the route: {:?}", l.diagnostics));
    assert_eq!(w.severity, Severity::Warning);
    assert!(
        w.message.contains("pcx-gone") && w.message.contains("blackhole"),
        "{w}"
    );

    let flow = FlowSpec {
        from: "i-a".into(),
        to: "172.16.0.10".into(),
        protocol: Protocol::Tcp,
        port: 443,
    };
    let t = trace(&l, &flow).expect("the flow names known things");
    assert!(!t.reachable());
    assert_eq!(t.blocked_at(), Some("rtb-a"));
    assert_eq!(
        t.explanation_code().map(|c| c.as_str().to_string()),
        Some("BAD_STATE_ROUTE".to_string())
    );
    assert!(
        matches!(
            t.reason(),
            Some(Reason::Blackhole { target, why: BlackholeWhy::Missing, .. }) if target == "pcx-gone"
        ),
        "{:?}",
        t.reason()
    );
}

// ---- addresses and CIDR blocks ------------------------------------------------------------

#[test]
fn invalid_cidrs_are_named_with_resource_and_field() {
    for (cidr, says) in [
        ("10.0.0.0/33", "not an IPv4 CIDR block"),
        ("banana", "not an IPv4 CIDR block"),
        ("10.0.0.1/16", "did you mean 10.0.0.0/16"),
        ("", "CIDR"),
    ] {
        let text = with(|v| v["vpcs"][0]["cidr"] = json!(cidr));
        let e = load_err(&text);
        let d = error_on(&e, "vpc-a", "cidr");
        assert!(d.message.contains(says), "{cidr:?}: {e}");
        if !cidr.is_empty() {
            assert!(d.message.contains(cidr), "{cidr:?}: {e}");
        }
    }
}

#[test]
fn invalid_subnet_and_route_cidrs_are_named() {
    let text = with(|v| v["subnets"][0]["cidr"] = json!("10.0.1.0/24x"));
    error_on(&load_err(&text), "subnet-a", "cidr");
    let text = with(|v| {
        v["route_tables"] = json!([{"id": "rtb-a", "vpc": "vpc-a",
            "routes": [{"destination": "300.0.0.0/8", "target": "local"}]}]);
    });
    let e = load_err(&text);
    let d = error_on(&e, "rtb-a", "routes[0].destination");
    assert!(d.message.contains("300.0.0.0/8"), "{e}");
}

#[test]
fn invalid_instance_address_is_named() {
    let text = with(|v| v["instances"][0]["private_ip"] = json!("10.0.1.256"));
    let e = load_err(&text);
    let d = error_on(&e, "i-a", "private_ip");
    assert!(d.message.contains("10.0.1.256"), "{e}");
}

#[test]
fn instance_address_outside_its_subnet_is_named() {
    let text = with(|v| v["instances"][0]["private_ip"] = json!("10.0.9.9"));
    let e = load_err(&text);
    let d = error_on(&e, "i-a", "private_ip");
    assert!(d.message.contains("subnet-a"), "{e}");
}

#[test]
fn overlapping_subnets_in_a_vpc_are_an_error() {
    let text = with(|v| {
        v["subnets"]
            .as_array_mut()
            .expect("subnets")
            .push(json!({"id": "subnet-b", "vpc": "vpc-a", "cidr": "10.0.1.128/25"}));
    });
    let e = load_err(&text);
    let d = error_on(&e, "subnet-b", "cidr");
    assert!(
        d.message.contains("overlaps subnet subnet-a") && d.message.contains("10.0.1.0/24"),
        "{e}"
    );
}

#[test]
fn subnet_outside_its_vpc_is_an_error() {
    let text = with(|v| v["subnets"][0]["cidr"] = json!("10.1.1.0/24"));
    let e = load_err(&text);
    let d = error_on(&e, "subnet-a", "cidr");
    assert!(
        d.message.contains("not inside VPC vpc-a") && d.message.contains("10.0.0.0/16"),
        "{e}"
    );
}

#[test]
fn duplicate_ids_are_an_error() {
    let text = with(|v| {
        v["subnets"]
            .as_array_mut()
            .expect("subnets")
            .push(json!({"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.2.0/24"}));
    });
    let e = load_err(&text);
    let d = error_on(&e, "subnet-a", "id");
    assert!(d.message.contains("already used by a subnet"), "{e}");
}

#[test]
fn id_shared_by_two_kinds_of_resource_is_an_error() {
    let text = with(|v| v["security_groups"][0]["id"] = json!("vpc-a"));
    let e = load_err(&text);
    error_on(&e, "vpc-a", "id");
}

#[test]
fn empty_id_is_an_error() {
    let text = with(|v| v["vpcs"][0]["id"] = json!(""));
    let e = load_err(&text);
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error && d.field == "id")
        .unwrap_or_else(|| panic!("{e}"));
    assert!(d.message.contains("non-empty id"), "{e}");
}

#[test]
fn every_error_is_reported_at_once() {
    let text = with(|v| {
        v["subnets"][0]["cidr"] = json!("banana");
        v["instances"][0]["security_groups"] = json!(["sg-gone"]);
        v["security_groups"][0]["ingress"][0]["ports"] = json!("abc");
    });
    let e = load_err(&text);
    error_on(&e, "subnet-a", "cidr");
    error_on(&e, "sg-a", "ingress[0].ports");
    let msg = e.to_string();
    assert!(
        msg.contains(" errors:"),
        "the message lists them all: {msg}"
    );
}

// ---- several files ------------------------------------------------------------------------

#[test]
fn no_file_is_an_error() {
    let e = load(&[]).expect_err("nothing to load");
    assert!(e.to_string().contains("no file"), "{e}");
}

#[test]
fn two_scenario_files_are_refused_by_name() {
    let a = base().to_string();
    let e = load(&[
        InputFile {
            name: "one.json",
            text: &a,
        },
        InputFile {
            name: "two.json",
            text: &a,
        },
    ])
    .expect_err("scenarios cannot be merged");
    let msg = e.to_string();
    assert!(
        msg.contains("one.json") && msg.contains("two.json"),
        "{msg}"
    );
}

#[test]
fn bad_json_in_the_second_file_names_that_file() {
    let a = r#"{"Vpcs": []}"#;
    let e = load(&[
        InputFile {
            name: "vpcs.json",
            text: a,
        },
        InputFile {
            name: "subnets.json",
            text: "{\"Subnets\": [,]}",
        },
    ])
    .expect_err("the second file is not JSON");
    let d = error_on(&e, "subnets.json", "");
    assert!(d.message.contains("line 1 column"), "{e}");
}

#[test]
fn a_resource_taking_a_generated_default_group_id_is_named() {
    // sg-b-default is the id the playground gives vpc-b's default group; here a group of
    // vpc-a takes it.
    let text = with(|v| {
        v["vpcs"]
            .as_array_mut()
            .expect("vpcs")
            .push(json!({"id": "vpc-b", "cidr": "172.16.0.0/16"}));
        v["security_groups"]
            .as_array_mut()
            .expect("groups")
            .push(json!({"id": "sg-b-default", "vpc": "vpc-a"}));
    });
    let e = load_err(&text);
    let d = error_on(&e, "sg-b-default", "id");
    assert!(d.message.contains("vpc-b's default security group"), "{e}");
}

#[test]
fn a_hostile_unknown_key_is_cut_and_escaped_in_the_message() {
    // A bell character (escaped in the JSON text) and 20,000 more.
    let text = format!("{{\"\\u0007{}\": 1}}", "k".repeat(20_000));
    let e = load_err(&text);
    let msg = e.to_string();
    assert!(msg.len() < 1_000, "{} bytes", msg.len());
    assert!(msg.contains("unknown field `\\u{7}kkk"), "{msg}");
    assert!(msg.contains("…`"), "{msg}");
    assert!(msg.contains("line 1 column 2"), "{msg}");
}

// ---- AWS output the engine does not read (R29) -------------------------------------------

#[test]
fn other_aws_output_beside_describe_files_is_skipped_with_a_note() {
    let vpcs = r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "1"}]}"#;
    let eips = r#"{"Addresses": [{"PublicIp": "203.0.113.1"}]}"#;
    let l = load(&[
        InputFile {
            name: "Vpcs.json",
            text: vpcs,
        },
        InputFile {
            name: "Addresses.json",
            text: eips,
        },
    ])
    .expect("loads, Addresses.json skipped");
    assert_eq!(l.net.vpcs.len(), 1);
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.resource == "Addresses.json")
        .expect("a note on the skipped file");
    assert_eq!(d.severity, Severity::Unsupported);
    assert!(
        d.message.starts_with("skipped: it holds `Addresses`"),
        "{}",
        d.message
    );
}

#[test]
fn files_with_nothing_to_read_are_an_error_that_names_each() {
    let e = load(&[
        InputFile {
            name: "Addresses.json",
            text: r#"{"Addresses": []}"#,
        },
        InputFile {
            name: "LoadBalancers.json",
            text: r#"{"LoadBalancers": [], "NextMarker": "x"}"#,
        },
    ])
    .expect_err("nothing to read");
    let err = error_on(&e, "input", "");
    assert!(err.message.contains("none of these files"), "{e}");
    let notes: Vec<&str> = e
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Unsupported)
        .map(|d| d.resource.as_str())
        .collect();
    assert_eq!(notes, ["Addresses.json", "LoadBalancers.json"]);
}

#[test]
fn a_lower_case_unknown_key_is_still_a_scenario_error() {
    // Scenario keys are lower case: a typo there is the scenario's error, not skipped output.
    let e = load_err(r#"{"vcps": []}"#);
    assert!(e.to_string().contains("unknown field `vcps`"), "{e}");
}

#[test]
fn an_aws_key_given_twice_is_an_error_not_a_lost_list() {
    let text = "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}],\n \
                \"Vpcs\": [{\"VpcId\": \"vpc-2\", \"CidrBlock\": \"10.1.0.0/16\"}]}";
    let e = load_err(text);
    let d = error_on(&e, FILE, "");
    assert!(d.message.contains("duplicate field `Vpcs`"), "{e}");
    assert!(d.message.contains("line 2"), "{e}");
}

#[test]
fn a_long_quoted_value_and_control_characters_are_cut_and_escaped() {
    // A 30,000-character port: serde quotes the value; the message keeps 40 characters of it.
    let text = format!(
        "{{\"flow\": {{\"from\": \"a\", \"to\": \"b\", \"port\": \"{}\"}}}}",
        "z".repeat(30_000)
    );
    let msg = load_err(&text).to_string();
    assert!(msg.len() < 1_000, "{} bytes: {msg}", msg.len());
    assert!(msg.contains("zzz…"), "{msg}");
    // An escape sequence in an unknown key never reaches a terminal raw, in the message or
    // the field path.
    let text = "{\"vpcs\": [{\"id\": \"vpc-a\", \"k\\u001b[31m\": 1}]}";
    let e = load_err(text);
    assert!(!e.to_string().contains('\u{1b}'), "{e}");
    assert!(e.to_string().contains("\\u{1b}"), "{e}");
}

#[test]
fn a_top_level_array_is_placed_at_column_1() {
    let e = load_err("[1, 2]");
    assert!(e.to_string().contains("at line 1 column 1"), "{e}");
}

#[test]
fn alone_a_file_with_capitalised_keys_is_read_as_a_scenario_with_a_slip() {
    let e = load_err("{\n  \"Name\": \"shop\"\n}");
    assert!(e.to_string().contains("unknown field `Name`"), "{e}");
    assert!(e.to_string().contains("line 2 column 3"), "{e}");
}
