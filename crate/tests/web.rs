//! The wasm binding as the page sees it, run in headless Chromium by wasm-bindgen-test:
//! what crosses the boundary is plain JS objects, a dropped packet is a result, and bad
//! input is a JS `Error` (with `diagnostics` when loading found problems).
//!
//! Run: `scripts/test`, or from `crate/`:
//! `cargo test --target wasm32-unknown-unknown --test web` with wasm-bindgen-test-runner as
//! the runner and CHROMEDRIVER set (webdriver.json beside this crate passes Chrome's flags).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Reflect, JSON};
use vpc_playground::bindings::{apply_edit, goals, load, scenario_text, trace, version};
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
fn load_returns_format_scenario_and_model_json() {
    let r = load(JsValue::from_str(PEERING_ONE_WAY)).expect("the shipped scenario loads");
    assert_eq!(get(&r, "format").as_string().as_deref(), Some("scenario"));
    // The model crosses as one JSON text the page parses (a big estate's object graph was
    // slow to build field by field and to clone out of the worker).
    let text = get(&r, "modelJson")
        .as_string()
        .expect("modelJson is a string");
    let model = json(&text);
    assert!(model.is_object(), "modelJson parses to an object");
    let vpcs = get(&model, "vpcs");
    assert!(Array::is_array(&vpcs), "model.vpcs is an array");
    assert_eq!(Array::from(&vpcs).length(), 2);
    assert!(get(&r, "scenarioText").is_string());
    assert!(get(&r, "handle").as_f64().is_some(), "a numeric handle");
    assert!(Array::is_array(&get(&r, "diagnostics")));
}

fn handle(r: &JsValue) -> u32 {
    get(r, "handle").as_f64().expect("a handle") as u32
}

fn loaded(text: &str) -> u32 {
    handle(&load(JsValue::from_str(text)).expect("loads"))
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

// ---- tracing and fixing, by handle ----

#[wasm_bindgen_test]
fn missing_return_route_blocks_at_peer_route_table_then_fix_makes_it_reachable() {
    let h = loaded(PEERING_ONE_WAY);
    let t = trace(h, app_to_db()).expect("trace runs");
    assert_eq!(get(&t, "reachable").as_bool(), Some(false));
    assert_eq!(get(&t, "blocked_at").as_string().as_deref(), Some("rtb-b"));
    assert_eq!(
        get(&t, "explanation_code").as_string().as_deref(),
        Some("NO_ROUTE_TO_DESTINATION")
    );
    let fix = get(&t, "fix");
    assert!(fix.is_object(), "a blocked trace suggests a fix");

    // A fix is an edit with its sentence and command beside it: the page sends the edit.
    assert!(get(&fix, "summary").is_string() && get(&fix, "cli").is_string());
    Reflect::delete_property(
        fix.unchecked_ref::<js_sys::Object>(),
        &JsValue::from_str("summary"),
    )
    .unwrap();
    Reflect::delete_property(
        fix.unchecked_ref::<js_sys::Object>(),
        &JsValue::from_str("cli"),
    )
    .unwrap();
    let fixed = apply_edit(h, fix).expect("the suggested fix applies");
    assert_ne!(handle(&fixed), h, "the fixed estate has its own handle");
    let text = get(&fixed, "scenarioText").as_string().expect("text");
    assert!(text.contains("pcx-ab"), "the scenario comes back as text");
    let t2 = trace(handle(&fixed), app_to_db()).expect("trace runs on the fixed scenario");
    assert_eq!(get(&t2, "reachable").as_bool(), Some(true));
    assert!(get(&t2, "blocked_at").is_null(), "None crosses as null");
    assert!(get(&t2, "fix").is_null());
    // The estate before the fix is unchanged: a handle is never answered from another.
    let t3 = trace(h, app_to_db()).expect("traces");
    assert_eq!(get(&t3, "reachable").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn trace_with_unknown_protocol_is_an_error() {
    let flow = json(r#"{"from": "i-app", "to": "i-db", "protocol": "sctp", "port": 1}"#);
    let e = trace(loaded(PEERING_ONE_WAY), flow).expect_err("sctp is not supported");
    assert!(error_message(&e).contains("sctp"));
}

#[wasm_bindgen_test]
fn trace_with_a_flow_of_the_wrong_shape_names_the_field() {
    let flow = json(r#"{"from": "i-app", "to": "i-db", "port": "many"}"#);
    let e = trace(loaded(PEERING_ONE_WAY), flow).expect_err("port is a number");
    let msg = error_message(&e);
    assert!(msg.contains("flow"), "{msg}");
    assert!(msg.contains("many"), "{msg}");
}

#[wasm_bindgen_test]
fn apply_edit_of_garbage_is_an_error() {
    let e = apply_edit(loaded(PEERING_ONE_WAY), json(r#"{"nonsense": true}"#))
        .expect_err("not an edit");
    error_message(&e);
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

// ---- handles: the engine keeps the last few estates ----

/// AWS input: the describe-* sample, converted.
const SHOP_AWS: &str = include_str!("data/shop-estate.json");

#[wasm_bindgen_test]
fn aws_input_is_traced_by_its_handle() {
    let r = load(JsValue::from_str(SHOP_AWS)).expect("the sample loads");
    assert_eq!(get(&r, "format").as_string().as_deref(), Some("aws"));
    let flow = json(r#"{"from": "i-00b88aa6ed9d69bd6", "to": "8.8.8.8", "port": 443}"#);
    let t = trace(handle(&r), flow).expect("traces");
    assert!(get(&t, "reachable").as_bool().is_some(), "a trace");
}

#[wasm_bindgen_test]
fn an_old_handle_is_an_error_that_says_to_load_again() {
    let first = loaded(PEERING_ONE_WAY);
    for _ in 0..4 {
        loaded(PEERING_ONE_WAY);
    }
    let e = trace(first, app_to_db()).expect_err("the first of five is gone");
    let msg = error_message(&e);
    assert!(msg.contains(&format!("handle {first}")), "{msg}");
    assert!(msg.contains("load it again"), "{msg}");
}

#[wasm_bindgen_test]
fn scenario_text_matches_load_and_keeps_nothing() {
    let r = load(JsValue::from_str(PEERING_ONE_WAY)).expect("loads");
    let h = handle(&r);
    for _ in 0..5 {
        let text = scenario_text(PEERING_ONE_WAY).expect("reads");
        assert_eq!(Some(text), get(&r, "scenarioText").as_string());
    }
    // Five reads later, the loaded estate is still there.
    trace(h, app_to_db()).expect("still kept");
}

#[wasm_bindgen_test]
fn goals_are_null_without_a_lesson_and_judged_with_one() {
    assert!(goals(loaded(PEERING_ONE_WAY)).expect("checks").is_null());
    let lesson = include_str!("../../www/lessons/peering-return-route.json");
    let g = goals(loaded(lesson)).expect("checks");
    assert!(Array::is_array(&g));
    let first = Array::from(&g).get(0);
    assert_eq!(
        get(&first, "met").as_bool(),
        Some(false),
        "unmet at the start"
    );
    assert!(get(&first, "detail").is_string());
}
