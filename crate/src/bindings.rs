//! The only `#[wasm_bindgen]` file: the page's door into the engine.
//!
//! Stateless on purpose: the page keeps the scenario (it lives in the URL and in
//! localStorage), and each call takes it as text. Results are plain JSON-compatible objects
//! (made by `JSON.parse`: maps become objects, `None` becomes `null`). Every failure
//! is a JS `Error` whose message says where and what; a load error also carries
//! `error.diagnostics`, the full list of problems. Nothing here can panic on input.

use crate::explain::Fix;
use crate::forward::FlowSpec;
use crate::json::{self, Fields, Obj, ReadError, ToJson, Value};
use crate::load::{self, InputFile, LoadError, Loaded};
use crate::validate::Diagnostic;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // A backstop only: every export returns Result, so a panic would be a bug.
    console_error_panic_hook::set_once();
}

/// Results cross as JSON text turned into objects by the browser's `JSON.parse`: plain
/// objects, `None` as `null`, CIDRs and addresses as strings. One text format both ways keeps
/// the boundary to two small functions (and the module small: issue 3's size budget).
fn to_js(v: &impl ToJson) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&v.to_json().to_string())
        .map_err(|_| js_error("could not convert the result", None))
}

/// Arguments cross the same way: `JSON.stringify`, then `json::parse`.
fn from_js<T>(
    v: &JsValue,
    what: &str,
    read: impl FnOnce(&Value) -> Result<T, ReadError>,
) -> Result<T, JsValue> {
    let text: String = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| js_error(&format!("{what}: not JSON-compatible"), None))?;
    let value = json::parse(&text).map_err(|e| js_error(&format!("{what}: {e}"), None))?;
    read(&value).map_err(|e| js_error(&format!("{what}: {e}"), None))
}

fn js_error(message: &str, diagnostics: Option<&[Diagnostic]>) -> JsValue {
    let err = js_sys::Error::new(message);
    if let Some(d) = diagnostics {
        if let Ok(v) = to_js(&d) {
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &v);
        }
    }
    err.into()
}

fn load_error(e: LoadError) -> JsValue {
    js_error(&e.to_string(), Some(&e.diagnostics))
}

struct FileArg {
    name: String,
    text: String,
}

impl FileArg {
    fn read(v: &Value, path: &str) -> Result<FileArg, ReadError> {
        let o = Fields::new(v, path, &["name", "text"])?;
        Ok(FileArg {
            name: o.string("name")?,
            text: o.req_str("text")?,
        })
    }
}

thread_local! {
    /// The last scenario loaded, by its text. The page loads a scenario, then traces it,
    /// checks its goals or applies a fix to it, each call taking the same text: re-reading a
    /// few MB of converted describe-* output for each froze the page. Keyed by the whole text
    /// (compared in full), so a changed scenario is never served stale; the calls stay pure.
    static LAST: RefCell<Option<(String, Rc<Loaded>)>> = const { RefCell::new(None) };
}

fn remember(text: String, loaded: Rc<Loaded>) {
    LAST.with(|c| *c.borrow_mut() = Some((text, loaded)));
}

/// The scenario with this text, built (or as built last time).
fn load_scenario_text(text: &str) -> Result<Rc<Loaded>, JsValue> {
    let hit = LAST.with(|c| match &*c.borrow() {
        Some((t, l)) if t == text => Some(l.clone()),
        _ => None,
    });
    if let Some(l) = hit {
        return Ok(l);
    }
    let loaded = Rc::new(
        load::load(&[InputFile {
            name: "scenario",
            text,
        }])
        .map_err(load_error)?,
    );
    remember(text.to_string(), loaded.clone());
    Ok(loaded)
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
        from_js(
            &input,
            "load() takes a string or an array of {name, text}",
            |v| match v {
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, f)| FileArg::read(f, &format!("[{i}]")))
                    .collect(),
                _ => Err(json::wrong("", v, "an array of {name, text}")),
            },
        )?
    };
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|f| InputFile {
            name: if f.name.is_empty() { "file" } else { &f.name },
            text: &f.text,
        })
        .collect();
    let loaded = load::load(&inputs).map_err(load_error)?;
    // The scenario (AWS input converted) is what the page keeps, edits and traces, as this
    // text; the model, with generated resources filled in, is what it draws.
    let scenario = loaded.doc.to_json();
    let text = scenario.to_pretty();
    let result = Obj::new()
        .put("format", loaded.format.as_str())
        .put("scenario", &scenario)
        .put("scenarioText", &text)
        .put("model", &crate::summary::summarize(&loaded))
        .put("diagnostics", &loaded.diagnostics)
        .build();
    remember(text, Rc::new(loaded));
    to_js(&result)
}

/// Traces a flow `{from, to, protocol?, port?}` through a scenario (its JSON text).
#[wasm_bindgen]
pub fn trace(scenario: &str, flow: JsValue) -> Result<JsValue, JsValue> {
    // The same shape as a scenario's `flow`.
    let f = from_js(
        &flow,
        "trace() needs a flow {from, to, protocol, port}",
        load::read_flow,
    )?;
    let spec = FlowSpec::from_parts(&f.from, &f.to, f.protocol.as_deref(), f.port)
        .map_err(|e| js_error(&e.0, None))?;
    let loaded = load_scenario_text(scenario)?;
    let t = crate::forward::trace_request(loaded.estate(), &spec, f.request.as_ref())
        .map_err(|e| js_error(&e.0, None))?;
    to_js(&t)
}

/// Applies a suggested fix (as `trace` returned it) to a scenario; returns the new scenario
/// as pretty JSON text, already checked to load.
#[wasm_bindgen(js_name = applyFix)]
pub fn apply_fix(scenario: &str, fix: JsValue) -> Result<String, JsValue> {
    let fix = from_js(&fix, "not a fix", Fix::read)?;
    // Read afresh rather than from the kept scenario: the fix edits the document it owns
    // (and copying the kept one would cost more module size than this one read saves).
    let mut doc = load::load(&[InputFile {
        name: "scenario",
        text: scenario,
    }])
    .map_err(load_error)?
    .doc;
    crate::fix::apply(&mut doc, &fix.action).map_err(|e| js_error(&e.0, None))?;
    // Built once to check the result loads; the built estate keeps the document it came from.
    let fixed = load::from_doc(doc).map_err(load_error)?;
    Ok(fixed.doc.to_json().to_pretty())
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
    Ok(v.to_pretty())
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
