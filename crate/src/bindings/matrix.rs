//! The reachability matrix's door (issue 12): `matrix` in one call, or `matrixStart`,
//! `matrixStep`, `matrixFinish` and `matrixDrop` in steps, so the page's worker can show
//! progress and stop on Cancel. Only in the full module (the `full` feature).

use super::{error, estate, from_js, to_js};
use crate::load::Loaded;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The matrix options as the page gives them, each optional and written as the command's
/// `--from`, `--to`, `--protocol` and `--ports` are.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatrixArgs {
    from: Option<String>,
    to: Option<String>,
    protocol: Option<String>,
    ports: Option<String>,
}

/// The matrix options from the page's object (each optional).
fn matrix_options(options: JsValue) -> Result<crate::reach::Options, JsValue> {
    let a: MatrixArgs = if options.is_undefined() || options.is_null() {
        MatrixArgs::default()
    } else {
        from_js(options, "matrix() takes {from, to, protocol, ports}")?
    };
    crate::reach::Options::parse(
        a.from.as_deref(),
        a.to.as_deref(),
        a.protocol.as_deref(),
        a.ports.as_deref(),
    )
    .map_err(error)
}

/// A matrix as the page takes it: `reach::Compact`'s tables (the parts, probes, distinct
/// outcomes and flow ends: small) as one JSON text and `JSON.parse`, and its `cells` as a
/// `Uint32Array`, three numbers per cell, copied out of wasm memory in one go. The 200-VPC
/// matrix (359,600 cells) as cell objects was a 105 MB JSON text, parsed in the worker and
/// structured-cloned to the page: most of its time there (issue 12; the figures are in
/// scripts/build-wasm). The typed array's buffer is transferred, not cloned, to the page
/// (www/js/worker.js), and www/js/engine.js reads cells from it on demand (`MatrixResult`),
/// equal field for field to the command's `matrix --json` (tests/js/matrix-door.test.mjs).
fn matrix_to_js(m: &crate::reach::Compact) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(m)
        .map_err(|e| error(format!("could not convert the matrix: {e}")))?;
    let out = js_sys::JSON::parse(&text)?;
    let cells = js_sys::Uint32Array::from(m.cells.as_slice());
    js_sys::Reflect::set(&out, &JsValue::from_str("cells"), &cells)?;
    Ok(out)
}

/// Who can reach whom in the estate `handle`, in one call: `{sources, destinations, probes,
/// outcomes, names, cells, stats}` (see `reach::Compact`; www/js/engine.js's `MatrixResult`
/// reads it). It runs on one thread here; the page calls it from its worker, in steps
/// (`matrixStart`), so that it can show progress and stop.
#[wasm_bindgen]
pub fn matrix(handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    let o = matrix_options(options)?;
    let loaded = estate(handle)?;
    matrix_to_js(&crate::reach::compact(loaded.estate(), &o).map_err(error)?)
}

/// Matrices being computed in steps, by job number, with the estate each was started on.
/// One at a time is enough for the page; an older job is dropped when a new one starts.
type Jobs = (u32, Vec<(u32, Rc<Loaded>, crate::reach::Job)>);

/// How many unfinished jobs are kept (a newer one replaces the oldest).
const JOBS_KEPT: usize = 2;

thread_local! {
    static JOBS: RefCell<Jobs> = const { RefCell::new((0, Vec::new())) };
}

/// What `matrixStart` and `matrixStep` return: the job, its source rows and those done.
#[derive(Serialize)]
struct JobState {
    job: u32,
    rows: usize,
    done: usize,
}

/// Starts a matrix of the estate `handle` to be computed in steps: returns `{job, rows,
/// done}`. Then `matrixStep(job, n)` computes `n` more source rows, and `matrixFinish(job)`
/// returns the matrix as `matrix` does; `matrixDrop(job)` forgets it (a cancel). Between
/// steps the worker answers other requests: a cancel takes effect within one step.
#[wasm_bindgen(js_name = matrixStart)]
pub fn matrix_start(handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    let o = matrix_options(options)?;
    let loaded = estate(handle)?;
    let job = crate::reach::Job::new(loaded.estate(), &o).map_err(error)?;
    let rows = job.rows();
    let id = JOBS.with(|c| {
        let (next, jobs) = &mut *c.borrow_mut();
        *next = next.wrapping_add(1);
        jobs.push((*next, loaded, job));
        if jobs.len() > JOBS_KEPT {
            jobs.remove(0);
        }
        *next
    });
    to_js(&JobState {
        job: id,
        rows,
        done: 0,
    })
}

fn no_job(job: u32) -> JsValue {
    error(format!(
        "no matrix job {job}: it finished, was dropped, or a newer one replaced it; start it again"
    ))
}

/// Computes up to `rows` more source rows of the job; returns `{job, rows, done}`.
#[wasm_bindgen(js_name = matrixStep)]
pub fn matrix_step(job: u32, rows: u32) -> Result<JsValue, JsValue> {
    JOBS.with(|c| {
        let mut jobs = c.borrow_mut();
        let (_, loaded, j) = jobs
            .1
            .iter_mut()
            .find(|(id, _, _)| *id == job)
            .ok_or_else(|| no_job(job))?;
        let done = j.step(loaded.estate(), rows as usize);
        to_js(&JobState {
            job,
            rows: j.rows(),
            done,
        })
    })
}

/// The job's matrix (computing any rows left), as `matrix` returns it; the job is forgotten.
#[wasm_bindgen(js_name = matrixFinish)]
pub fn matrix_finish(job: u32) -> Result<JsValue, JsValue> {
    let found = JOBS.with(|c| {
        let jobs = &mut c.borrow_mut().1;
        let at = jobs.iter().position(|(id, _, _)| *id == job)?;
        Some(jobs.remove(at))
    });
    let (_, loaded, j) = found.ok_or_else(|| no_job(job))?;
    matrix_to_js(&j.finish_compact(loaded.estate()))
}

/// Forgets a job (the page's Cancel); true if it was there.
#[wasm_bindgen(js_name = matrixDrop)]
pub fn matrix_drop(job: u32) -> bool {
    JOBS.with(|c| {
        let jobs = &mut c.borrow_mut().1;
        let before = jobs.len();
        jobs.retain(|(id, _, _)| *id != job);
        jobs.len() != before
    })
}
