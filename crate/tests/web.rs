//! The wasm binding as the page sees it, run in headless Chromium by wasm-bindgen-test:
//! what crosses the boundary is plain JS objects, a dropped packet is a result, and bad
//! input is a JS `Error` (with `diagnostics` when loading found problems).
//!
//! Run: `scripts/test`, or from `crate/`:
//! `cargo test --target wasm32-unknown-unknown --test web` with wasm-bindgen-test-runner as
//! the runner and CHROMEDRIVER set (webdriver.json beside this crate passes Chrome's flags).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Reflect, JSON};
use vpc_playground::bindings::{apply_fix, load, trace, version};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A → B over a peering connection; B's route table has no route back to A.
const PEERING_ONE_WAY: &str = include_str!("../../www/scenarios/peering-one-way.json");

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("Reflect::get on an object")
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn app_to_db() -> JsValue {
    json(r#"{"from": "i-app", "to": "i-db", "protocol": "tcp", "port": 5432}"#)
}

fn error_message(e: &JsValue) -> String {
    assert!(
        e.is_instance_of::<Error>(),
        "expected a JS Error, got {e:?}"
    );
    String::from(e.unchecked_ref::<Error>().message())
}

// ---- loading ----

#[wasm_bindgen_test]
fn load_returns_format_scenario_and_model() {
    let r = load(JsValue::from_str(PEERING_ONE_WAY)).expect("the shipped scenario loads");
    assert_eq!(get(&r, "format").as_string().as_deref(), Some("scenario"));
    let model = get(&r, "model");
    assert!(model.is_object(), "model is a plain object");
    let vpcs = get(&model, "vpcs");
    assert!(Array::is_array(&vpcs), "model.vpcs is an array");
    assert_eq!(Array::from(&vpcs).length(), 2);
    assert!(get(&r, "scenario").is_object());
    assert!(Array::is_array(&get(&r, "diagnostics")));
}

#[wasm_bindgen_test]
fn load_of_broken_json_is_an_error_naming_json() {
    let e = load(JsValue::from_str("{not json")).expect_err("broken JSON must not load");
    let msg = error_message(&e);
    assert!(
        msg.to_lowercase().contains("json"),
        "the message should mention JSON: {msg}"
    );
}

#[wasm_bindgen_test]
fn load_of_unknown_reference_is_an_error_with_diagnostics() {
    let text = r#"{
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],
        "subnets": [{"id": "subnet-a1", "vpc": "vpc-missing", "cidr": "10.0.1.0/24"}]
    }"#;
    let e = load(JsValue::from_str(text)).expect_err("a dangling reference must not load");
    error_message(&e);
    let diagnostics = get(&e, "diagnostics");
    assert!(
        Array::is_array(&diagnostics),
        "error.diagnostics is an array"
    );
    assert!(Array::from(&diagnostics).length() > 0, "and not empty");
}

#[wasm_bindgen_test]
fn load_of_a_number_is_an_error_not_a_panic() {
    let e = load(JsValue::from_f64(42.0)).expect_err("a number is not a scenario");
    error_message(&e);
}

// ---- tracing and fixing ----

#[wasm_bindgen_test]
fn missing_return_route_blocks_at_peer_route_table_then_fix_makes_it_reachable() {
    let t = trace(PEERING_ONE_WAY, app_to_db()).expect("trace runs");
    assert_eq!(get(&t, "reachable").as_bool(), Some(false));
    assert_eq!(get(&t, "blocked_at").as_string().as_deref(), Some("rtb-b"));
    assert_eq!(
        get(&t, "explanation_code").as_string().as_deref(),
        Some("NO_ROUTE_TO_DESTINATION")
    );
    let fix = get(&t, "fix");
    assert!(fix.is_object(), "a blocked trace suggests a fix");

    let fixed = apply_fix(PEERING_ONE_WAY, fix).expect("the suggested fix applies");
    let t2 = trace(&fixed, app_to_db()).expect("trace runs on the fixed scenario");
    assert_eq!(get(&t2, "reachable").as_bool(), Some(true));
    assert!(get(&t2, "blocked_at").is_null(), "None crosses as null");
    assert!(get(&t2, "fix").is_null());
}

#[wasm_bindgen_test]
fn trace_with_unknown_protocol_is_an_error() {
    let flow = json(r#"{"from": "i-app", "to": "i-db", "protocol": "sctp", "port": 1}"#);
    let e = trace(PEERING_ONE_WAY, flow).expect_err("sctp is not supported");
    assert!(error_message(&e).contains("sctp"));
}

#[wasm_bindgen_test]
fn apply_fix_of_garbage_is_an_error() {
    let e = apply_fix(PEERING_ONE_WAY, json(r#"{"nonsense": true}"#)).expect_err("not a fix");
    error_message(&e);
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

// ---- the last scenario is kept: same answers, never stale ----

/// AWS input: the describe-* sample, converted.
const SHOP_AWS: &str = include_str!("data/shop-estate.json");

#[wasm_bindgen_test]
fn load_gives_the_scenario_text_later_calls_take() {
    let r = load(JsValue::from_str(SHOP_AWS)).expect("the sample loads");
    assert_eq!(get(&r, "format").as_string().as_deref(), Some("aws"));
    let text = get(&r, "scenarioText")
        .as_string()
        .expect("scenarioText is a string");
    // The text is the scenario object, written out.
    assert_eq!(
        JSON::stringify(&json(&text)).unwrap(),
        JSON::stringify(&get(&r, "scenario")).unwrap()
    );
    let flow = json(r#"{"from": "i-00b88aa6ed9d69bd6", "to": "8.8.8.8", "port": 443}"#);
    // Straight after load: the converted estate is reused.
    let kept = trace(&text, flow.clone());
    // After another scenario was loaded: the text is read again from scratch.
    load(JsValue::from_str(PEERING_ONE_WAY)).expect("loads");
    let fresh = trace(&text, flow);
    let show = |t: Result<JsValue, JsValue>| match t {
        Ok(v) => JSON::stringify(&v).unwrap().as_string().unwrap(),
        Err(e) => format!("error: {}", error_message(&e)),
    };
    let kept = show(kept);
    assert!(
        kept.contains("\"reachable\""),
        "a trace, not an error: {kept}"
    );
    assert_eq!(kept, show(fresh));
}

#[wasm_bindgen_test]
fn a_changed_scenario_is_never_answered_from_the_last_one() {
    let r = load(JsValue::from_str(PEERING_ONE_WAY)).expect("loads");
    let text = get(&r, "scenarioText").as_string().unwrap();
    let t = trace(&text, app_to_db()).expect("traces");
    assert_eq!(get(&t, "reachable").as_bool(), Some(false));
    let fixed = apply_fix(&text, get(&t, "fix")).expect("the fix applies");
    assert_ne!(fixed, text);
    let t = trace(&fixed, app_to_db()).expect("traces");
    assert_eq!(get(&t, "reachable").as_bool(), Some(true));
    let t = trace(&text, app_to_db()).expect("traces");
    assert_eq!(
        get(&t, "reachable").as_bool(),
        Some(false),
        "the old text still blocks"
    );
}
