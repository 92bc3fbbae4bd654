//! The only `#[wasm_bindgen]` file: the page's door into the engine.
//!
//! Stateless on purpose: the page keeps the scenario (it lives in the URL and in
//! localStorage), and each call takes it as text. Results are plain JSON-compatible objects
//! (made by `JSON.parse`: maps become objects, `None` becomes `null`). Every failure
//! is a JS `Error` whose message says where and what; a load error also carries
//! `error.diagnostics`, the full list of problems. Nothing here can panic on input.

use crate::explain::Fix;
use crate::forward::FlowSpec;
use crate::load::{self, scenario::ScenarioDoc, InputFile, LoadError, Loaded};
use crate::validate::Diagnostic;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // A backstop only: every export returns Result, so a panic would be a bug.
    console_error_panic_hook::set_once();
}

/// Results cross as JSON text turned into objects by the browser's `JSON.parse`. That gives
/// the same plain objects as serde-wasm-bindgen's json_compatible serializer, but every type's
/// `Serialize` code is compiled once (for serde_json) instead of once per serializer, which
/// keeps the module small (issue 3's size budget).
fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v)
        .map_err(|e| js_error(&format!("could not convert the result: {e}"), None))?;
    js_sys::JSON::parse(&text).map_err(|_| js_error("could not convert the result", None))
}

/// Arguments cross the same way: `JSON.stringify`, then serde_json.
fn from_js<T: serde::de::DeserializeOwned>(v: &JsValue, what: &str) -> Result<T, JsValue> {
    let text: String = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| js_error(&format!("{what}: not JSON-compatible"), None))?;
    serde_json::from_str(&text).map_err(|e| js_error(&format!("{what}: {e}"), None))
}

fn js_error(message: &str, diagnostics: Option<&[Diagnostic]>) -> JsValue {
    let err = js_sys::Error::new(message);
    if let Some(d) = diagnostics {
        if let Ok(v) = to_js(d) {
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &v);
        }
    }
    err.into()
}

fn load_error(e: LoadError) -> JsValue {
    js_error(&e.to_string(), Some(&e.diagnostics))
}

#[derive(Deserialize)]
struct FileArg {
    #[serde(default)]
    name: String,
    text: String,
}

/// What `load` returns.
#[derive(Serialize)]
struct LoadResult<'a> {
    format: load::Format,
    /// The scenario (AWS input converted): what the page keeps, edits and traces.
    scenario: &'a ScenarioDoc,
    /// The model with generated resources filled in, for drawing.
    model: crate::summary::Summary,
    diagnostics: &'a [Diagnostic],
}

fn load_scenario_text(text: &str) -> Result<Loaded, JsValue> {
    load::load(&[InputFile {
        name: "scenario",
        text,
    }])
    .map_err(load_error)
}

/// Loads a scenario or AWS describe-* output. `input` is a string (one file) or an array of
/// `{name, text}` (several describe-* files, merged).
#[wasm_bindgen]
pub fn load(input: JsValue) -> Result<JsValue, JsValue> {
    let files: Vec<FileArg> = if let Some(s) = input.as_string() {
        vec![FileArg {
            name: "input".into(),
            text: s,
        }]
    } else {
        from_js(&input, "load() takes a string or an array of {name, text}")?
    };
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|f| InputFile {
            name: if f.name.is_empty() { "file" } else { &f.name },
            text: &f.text,
        })
        .collect();
    let loaded = load::load(&inputs).map_err(load_error)?;
    to_js(&LoadResult {
        format: loaded.format,
        scenario: &loaded.doc,
        model: crate::summary::summarize(&loaded),
        diagnostics: &loaded.diagnostics,
    })
}

#[derive(Deserialize)]
struct FlowArg {
    from: String,
    to: String,
    #[serde(default)]
    protocol: Option<String>,
    #[serde(default)]
    port: Option<u16>,
    /// A request to an AWS service `{action, resource}`, checked against policies (R22).
    #[serde(default)]
    request: Option<crate::policy::Request>,
}

/// Traces a flow `{from, to, protocol?, port?}` through a scenario (its JSON text).
#[wasm_bindgen]
pub fn trace(scenario: &str, flow: JsValue) -> Result<JsValue, JsValue> {
    let f: FlowArg = from_js(&flow, "trace() needs a flow {from, to, protocol, port}")?;
    let spec = FlowSpec::from_parts(&f.from, &f.to, f.protocol.as_deref(), f.port)
        .map_err(|e| js_error(&e.0, None))?;
    let loaded = load_scenario_text(scenario)?;
    let t = crate::forward::trace_request(&loaded, &spec, f.request.as_ref())
        .map_err(|e| js_error(&e.0, None))?;
    to_js(&t)
}

/// Applies a suggested fix (as `trace` returned it) to a scenario; returns the new scenario
/// as pretty JSON text, already checked to load.
#[wasm_bindgen(js_name = applyFix)]
pub fn apply_fix(scenario: &str, fix: JsValue) -> Result<String, JsValue> {
    let fix: Fix = from_js(&fix, "not a fix")?;
    let loaded = load_scenario_text(scenario)?;
    let mut doc = loaded.doc;
    crate::fix::apply(&mut doc, &fix.action).map_err(|e| js_error(&e.0, None))?;
    // Built once to check the result loads; the built estate keeps the document it came from.
    let fixed = load::from_doc(doc).map_err(load_error)?;
    serde_json::to_string_pretty(&fixed.doc).map_err(|e| js_error(&e.to_string(), None))
}

/// Checks the goals of the lesson carried by a scenario: `[{text, met, detail, ...}]`, or
/// `null` when the scenario has no lesson.
#[wasm_bindgen]
pub fn goals(scenario: &str) -> Result<JsValue, JsValue> {
    let loaded = load_scenario_text(scenario)?;
    match crate::lesson::lesson_of(&loaded).map_err(|e| js_error(&e.0, None))? {
        None => Ok(JsValue::NULL),
        Some(lesson) => {
            let r =
                crate::lesson::check_goals(&loaded, &lesson).map_err(|e| js_error(&e.0, None))?;
            to_js(&r)
        }
    }
}

/// Applies a lesson file's solution; returns the solved scenario as pretty JSON text.
#[wasm_bindgen]
pub fn solve(lesson: &str) -> Result<String, JsValue> {
    let v = crate::lesson::solve(lesson).map_err(|e| js_error(&e.0, None))?;
    serde_json::to_string_pretty(&v).map_err(|e| js_error(&e.to_string(), None))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
