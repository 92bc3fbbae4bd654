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

/// A matrix as a JS object, by way of one JSON text and `JSON.parse`: the 200-VPC matrix is
/// 359,600 cells, and serde-wasm-bindgen builds each field of each with a call across the
/// wasm boundary, while `JSON.parse` builds them all on the JS side in one call (issue 12:
/// with serde-wasm-bindgen the result alone took 28-44 s of a 38-53 s matrix in the page,
/// with JSON 10-12 s of 14-17 s; the table is in scripts/build-wasm).
/// The object is the same as `to_js` gives (tests/js/matrix-door.test.mjs): the result has
/// no map with non-string keys and no number JSON cannot hold.
fn matrix_to_js(m: &crate::reach::Matrix) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(m)
        .map_err(|e| error(format!("could not convert the matrix: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// Who can reach whom in the estate `handle`: `{sources, destinations, cells, stats}` (see
/// `reach::matrix`), in one call. It runs on one thread here; the page calls it from its
/// worker, in steps (`matrixStart`), so that it can show progress and stop.
#[wasm_bindgen]
pub fn matrix(handle: u32, options: JsValue) -> Result<JsValue, JsValue> {
    let o = matrix_options(options)?;
    let loaded = estate(handle)?;
    matrix_to_js(&crate::reach::matrix(loaded.estate(), &o).map_err(error)?)
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
    matrix_to_js(&j.finish(loaded.estate()))
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
