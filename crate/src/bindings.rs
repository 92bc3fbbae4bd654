//! The only `#[wasm_bindgen]` file: the page's door into the engine.
//!
//! The engine keeps what it loaded: `load` returns a `handle`, and `trace`, `goals` and
//! `applyEdit` take that handle instead of the scenario's text, so a call costs what the
//! engine's work costs, not a copy and comparison of megabytes of text (issue 8). Scenario and
//! file text still go in as text, so load errors keep their line and column.
//!
//! Everything else crosses as plain JS objects through serde-wasm-bindgen's JSON-compatible
//! serializer: maps become objects, `None` becomes `null`, CIDRs and addresses are strings.
//! But the model `load` and `applyEdit` return, big for a big estate, crosses as JSON text
//! (`LoadResult::model_json`), which the page parses.
//! Every failure is a JS `Error` whose message says where and what; a load error also carries
//! `error.diagnostics`, the full list of problems. Nothing here can panic on input.

use crate::format::scenario::FlowDoc;
use crate::forward::FlowSpec;
use crate::load::{self, Format, InputFile, LoadError, Loaded};
use crate::validate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // A backstop only: every export returns Result, so a panic would be a bug.
    console_error_panic_hook::set_once();
}

fn to_js(v: &impl Serialize) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(&format!("could not convert the result: {e}"), None))
}

/// Reads an argument, naming what was expected when it does not fit.
fn from_js<T: for<'de> Deserialize<'de>>(v: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(v).map_err(|e| {
        // The error is a JS Error underneath, whose text starts with its name.
        let e = e.to_string();
        let e = e.strip_prefix("Error: ").unwrap_or(&e);
        js_error(&format!("{what}: {e}"), None)
    })
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

/// What the core module (built without the `full` feature) answers for work only the full
/// module does: an Error with `needsFull: true`, on which the page's engine-core.js loads the
/// full module and asks it again (docs/architecture.md, "Two modules").
#[cfg(not(feature = "full"))]
fn needs_full(what: &str) -> JsValue {
    let err = js_error(&format!("the core engine module does not do {what}"), None);
    let _ = js_sys::Reflect::set(&err, &"needsFull".into(), &JsValue::TRUE);
    err
}

fn load_error(e: LoadError) -> JsValue {
    js_error(&e.to_string(), Some(&e.diagnostics))
}

fn error(e: impl std::fmt::Display) -> JsValue {
    js_error(&e.to_string(), None)
}

/// How many loaded estates the engine keeps. The page works on the newest; a few older ones
/// stay so a call that races a reload (a goal check, a lesson preview) still finds its own.
const KEPT: usize = 4;

/// The last handle given, and the estates kept with their handles.
type Kept = (u32, Vec<(u32, Rc<Loaded>)>);

thread_local! {
    static ESTATES: RefCell<Kept> = const { RefCell::new((0, Vec::new())) };
}

/// Keeps an estate; returns its handle.
fn keep(loaded: Rc<Loaded>) -> u32 {
    ESTATES.with(|c| {
        let (next, kept) = &mut *c.borrow_mut();
        *next = next.wrapping_add(1);
        kept.push((*next, loaded));
        if kept.len() > KEPT {
            kept.remove(0);
        }
        *next
    })
}

fn estate(handle: u32) -> Result<Rc<Loaded>, JsValue> {
    ESTATES
        .with(|c| {
            c.borrow()
                .1
                .iter()
                .find(|(h, _)| *h == handle)
                .map(|(_, l)| l.clone())
        })
        .ok_or_else(|| {
            error(format!(
                "no loaded scenario has handle {handle}: load it again (the engine keeps the last {KEPT})"
            ))
        })
}

/// What `load` and `applyEdit` return.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadResult<'a> {
    /// The engine's handle for this estate: `trace`, `goals` and `applyEdit` take it.
    handle: u32,
    format: Format,
    /// The scenario (AWS input converted) as pretty JSON: what the page keeps, edits and
    /// saves. Sent once, as text; the page parses it when it needs the object.
    scenario_text: String,
    /// The model, with generated resources filled in (what the page draws), as compact JSON
    /// text: the page parses it (engine.js). Converted field by field into JS objects it cost
    /// the worker most of a big estate's load (a 100-VPC estate's model is 2.2 MB as JSON, and
    /// each value became a call out of wasm), and the object then crossed to the page as a
    /// structured clone; one string crosses both for little, and JSON.parse is fast.
    model_json: String,
    diagnostics: &'a [Diagnostic],
    /// `applyEdit`: the id of the resource the edit created, if it made one.
    created: Option<String>,
}

fn loaded_result(loaded: Loaded) -> Result<JsValue, JsValue> {
    created_result(loaded, None)
}

fn created_result(loaded: Loaded, created: Option<String>) -> Result<JsValue, JsValue> {
    let scenario_text = serde_json::to_string_pretty(&loaded.doc).map_err(error)?;
    let model_json = serde_json::to_string(&crate::summary::summarize(&loaded)).map_err(error)?;
    let loaded = Rc::new(loaded);
    let handle = keep(loaded.clone());
    to_js(&LoadResult {
        handle,
        format: loaded.format,
        scenario_text,
        model_json,
        diagnostics: &loaded.diagnostics,
        created,
    })
}

/// One file of several.
#[derive(Deserialize)]
struct FileArg {
    #[serde(default)]
    name: String,
    text: String,
}

/// Loads a scenario or AWS describe-* output. `input` is a string (one file) or an array of
/// `{name, text}` (several describe-* files, merged).
#[wasm_bindgen]
pub fn load(input: JsValue) -> Result<JsValue, JsValue> {
    let files: Vec<FileArg> = match input.as_string() {
        Some(text) => vec![FileArg {
            name: "input".into(),
            text,
        }],
        None => from_js(input, "load() takes a string or an array of {name, text}")?,
    };
    #[cfg(not(feature = "full"))]
    if files.len() > 1 || files.iter().any(|f| load::is_aws_output(&f.text)) {
        return Err(needs_full("AWS describe-* output"));
    }
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|f| InputFile {
            name: if f.name.is_empty() { "file" } else { &f.name },
            text: &f.text,
        })
        .collect();
    loaded_result(load::load(&inputs).map_err(load_error)?)
}

/// The scenario as `load` would return it (`scenarioText`), without keeping the estate: the
/// page compares texts and checks an edit with it before applying it.
#[wasm_bindgen(js_name = scenarioText)]
pub fn scenario_text(text: &str) -> Result<String, JsValue> {
    #[cfg(not(feature = "full"))]
    if load::is_aws_output(text) {
        return Err(needs_full("AWS describe-* output"));
    }
    let loaded = load::load(&[InputFile {
        name: "scenario",
        text,
    }])
    .map_err(load_error)?;
    serde_json::to_string_pretty(&loaded.doc).map_err(error)
}

/// Traces a flow `{from, to, protocol?, port?, request?}` through the estate `handle`.
#[wasm_bindgen]
pub fn trace(handle: u32, flow: JsValue) -> Result<JsValue, JsValue> {
    let f: FlowDoc = from_js(flow, "trace() needs a flow {from, to, protocol, port}")?;
    let spec =
        FlowSpec::from_parts(&f.from, &f.to, f.protocol.as_deref(), f.port).map_err(error)?;
    let loaded = estate(handle)?;
    let t =
        crate::forward::trace_request(loaded.estate(), &spec, f.request.as_ref()).map_err(error)?;
    to_js(&t)
}

// The reachability matrix, in one call or in steps: the full module's (issue 12).
#[cfg(feature = "full")]
mod matrix;

/// Applies an edit (`{kind: "set-route", ...}`, see `edit::Edit`; a suggested fix is one) to
/// the estate `handle`;
/// returns the edited estate as `load` does (a new handle, and `created`: the id of a
/// resource the edit made). An edit whose result does not load is an error with the
/// diagnostics, and the estate `handle` stays as it was.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = applyEdit)]
pub fn apply_edit(handle: u32, edit: JsValue) -> Result<JsValue, JsValue> {
    let edit: crate::edit::Edit = from_js(edit, "not an edit")?;
    let mut doc = estate(handle)?.doc.clone();
    let created = crate::edit::apply(&mut doc, &edit).map_err(error)?;
    created_result(load::from_doc(doc).map_err(load_error)?, created)
}

/// Checks the goals of the lesson carried by the estate `handle`: `[{text, met, detail, ...}]`,
/// or `null` when it has no lesson.
#[wasm_bindgen]
pub fn goals(handle: u32) -> Result<JsValue, JsValue> {
    let loaded = estate(handle)?;
    match crate::lesson::lesson_of(&loaded) {
        None => Ok(JsValue::NULL),
        #[cfg(not(feature = "full"))]
        Some(lesson) if !lesson.intents.is_empty() => Err(needs_full("a lesson's intent goals")),
        Some(lesson) => to_js(&crate::lesson::check_goals(&loaded, lesson).map_err(error)?),
    }
}

/// Applies a lesson file's solution; returns the solved scenario as pretty JSON text.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn solve(lesson: &str) -> Result<String, JsValue> {
    let v = crate::lesson::solve(lesson).map_err(error)?;
    serde_json::to_string_pretty(&v).map_err(error)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
