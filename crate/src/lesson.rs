//! Lessons: a scenario plus a story, goals checked by tracing, hints and a solution.
//!
//! A goal is judged by what the packet does (reachable or not, where it stops, what it passes
//! through), never by comparing the learner's network with a model answer, so any correct
//! fix ticks it. The solution is a JSON Patch (RFC 6902: add, remove, replace) applied to the
//! lesson file as written; `check` proves a lesson is well-formed: its goals are not all met at
//! the start and are all met by the solution.

use crate::forward::{trace_request, FlowSpec, Trace};
use crate::json::{self, Fields, Obj, ReadError, ToJson, Value};
use crate::load::{self, InputFile, Loaded};
use std::fmt;

/// The `lesson` object of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The id used in URLs (`?lesson=<id>`) and file names (`lessons/<id>.json`).
    pub id: String,
    pub title: String,
    /// The story, in paragraphs separated by blank lines (plain text, never HTML).
    pub story: String,
    pub goals: Vec<Goal>,
    pub hints: Vec<String>,
    /// What to take away, shown once every goal is met.
    pub takeaway: String,
    /// JSON Patch operations that solve the lesson, applied to the lesson file as written.
    pub solution: Vec<PatchOp>,
    /// Optional extra material the page shows with the lesson (a cost comparison, ...).
    pub extra: Option<Value>,
}

/// What a goal expects of its flow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expect {
    #[default]
    Reachable,
    Blocked,
}

/// One goal: a flow and what must be true of its trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// The goal as the learner reads it: "app-a reaches db-b on PostgreSQL".
    pub text: String,
    pub from: String,
    pub to: String,
    pub protocol: Option<String>,
    pub port: Option<u16>,
    pub expect: Expect,
    /// Resource ids the path must include.
    pub through: Vec<String>,
    /// Resource ids the path must not include.
    pub avoid: Vec<String>,
    /// For `expect: blocked`: where it must stop.
    pub blocked_at: Option<String>,
    /// For `expect: blocked`: the explanation code it must stop with.
    pub code: Option<String>,
    /// A request to an AWS service that endpoint, bucket and role policies must allow (R22).
    pub request: Option<crate::policy::Request>,
}

/// One JSON Patch operation.
#[derive(Clone, Debug, PartialEq)]
pub struct PatchOp {
    /// `add`, `remove` or `replace`.
    pub op: String,
    /// A JSON Pointer (`/route_tables/1/routes/-`).
    pub path: String,
    pub value: Option<Value>,
}

/// Whether a goal is met, and why not.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalResult {
    pub text: String,
    pub met: bool,
    /// One sentence: what the packet did, and what is missing.
    pub detail: String,
    pub reachable: Option<bool>,
    pub blocked_at: Option<String>,
}

/// A lesson that cannot be used, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError(pub String);

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for LessonError {}

/// The lesson inside a loaded scenario, if it has one.
pub fn lesson_of(l: &Loaded) -> Result<Option<Lesson>, LessonError> {
    match &l.doc.lesson {
        None => Ok(None),
        Some(v) => Lesson::read(v, "lesson").map(Some).map_err(lesson_error),
    }
}

fn lesson_error(e: ReadError) -> LessonError {
    LessonError(e.to_string())
}

// ---- Reading a lesson (unknown fields are errors: a typo must not silently drop a goal) ----

impl Lesson {
    /// Reads the `lesson` object found at `path` (for error messages: `lesson`).
    pub fn read(v: &Value, path: &str) -> Result<Lesson, ReadError> {
        let o = Fields::new(
            v,
            path,
            &[
                "id", "title", "story", "goals", "hints", "takeaway", "solution", "extra",
            ],
        )?;
        Ok(Lesson {
            id: o.req_str("id")?,
            title: o.req_str("title")?,
            story: o.req_str("story")?,
            goals: o.req_list("goals", Goal::read)?,
            hints: o.strings("hints")?,
            takeaway: o.string("takeaway")?,
            solution: o.list("solution", PatchOp::read)?,
            extra: o.value("extra"),
        })
    }
}

impl Goal {
    fn read(v: &Value, path: &str) -> Result<Goal, ReadError> {
        let o = Fields::new(
            v,
            path,
            &[
                "text",
                "from",
                "to",
                "protocol",
                "port",
                "expect",
                "through",
                "avoid",
                "blocked_at",
                "code",
                "request",
            ],
        )?;
        Ok(Goal {
            text: o.req_str("text")?,
            from: o.req_str("from")?,
            to: o.req_str("to")?,
            protocol: o.opt_str("protocol")?,
            port: o.opt_u16("port")?,
            expect: match o.get("expect") {
                None => Expect::Reachable,
                Some(e) => match e.as_str() {
                    Some("reachable") => Expect::Reachable,
                    Some("blocked") => Expect::Blocked,
                    _ => return Err(json::wrong(&o.at("expect"), e, "`reachable` or `blocked`")),
                },
            },
            through: o.strings("through")?,
            avoid: o.strings("avoid")?,
            blocked_at: o.opt_str("blocked_at")?,
            code: o.opt_str("code")?,
            request: match o.get("request") {
                None => None,
                Some(r) => Some(crate::policy::Request::read(r, &o.at("request"))?),
            },
        })
    }
}

impl PatchOp {
    fn read(v: &Value, path: &str) -> Result<PatchOp, ReadError> {
        let o = Fields::new(v, path, &["op", "path", "value"])?;
        Ok(PatchOp {
            op: o.req_str("op")?,
            path: o.req_str("path")?,
            // `null` is a value a patch may set, unlike an absent field.
            value: o.map.get("value").cloned(),
        })
    }
}

impl ToJson for GoalResult {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("text", &self.text)
            .put("met", &self.met)
            .put("detail", &self.detail)
            .put("reachable", &self.reachable)
            .put("blocked_at", &self.blocked_at)
            .build()
    }
}

impl ToJson for LessonReport {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .put("title", &self.title)
            .put("start", &self.start)
            .put("solved", &self.solved)
            .put("problems", &self.problems)
            .build()
    }
}

/// Judges one goal against a trace.
fn judge(goal: &Goal, t: &Trace) -> (bool, String) {
    let outcome = if t.reachable() {
        "The flow is reachable".to_string()
    } else {
        format!("The flow is blocked at {}", t.blocked_at().unwrap_or("?"))
    };
    match goal.expect {
        Expect::Reachable if !t.reachable() => {
            return (false, format!("{outcome}: {}", t.explanation))
        }
        Expect::Blocked if t.reachable() => {
            return (false, format!("{outcome}, but it should be blocked."))
        }
        _ => {}
    }
    if goal.expect == Expect::Blocked {
        if let Some(at) = &goal.blocked_at {
            if t.blocked_at() != Some(at.as_str()) {
                return (false, format!("{outcome}, not at {at}."));
            }
        }
        if let Some(code) = &goal.code {
            let got = t.explanation_code().map_or("none", |c| c.as_str());
            if got != code {
                return (false, format!("{outcome} with {got}, not {code}."));
            }
        }
    }
    if let Some(missing) = goal.through.iter().find(|id| !t.path.contains(id)) {
        return (
            false,
            format!("{outcome}, but the path does not pass {missing}."),
        );
    }
    if let Some(bad) = goal.avoid.iter().find(|id| t.path.contains(id)) {
        return (
            false,
            format!("{outcome}, but the path passes {bad}, which it should avoid."),
        );
    }
    (true, format!("{outcome}, as the goal asks."))
}

/// Evaluates every goal of `lesson` on `l`.
pub fn check_goals(l: &Loaded, lesson: &Lesson) -> Result<Vec<GoalResult>, LessonError> {
    lesson
        .goals
        .iter()
        .map(|g| {
            let spec = FlowSpec::from_parts(&g.from, &g.to, g.protocol.as_deref(), g.port)
                .map_err(|e| LessonError(format!("goal \"{}\": {e}", g.text)))?;
            Ok(match trace_request(l, &spec, g.request.as_ref()) {
                Ok(t) => {
                    let (met, detail) = judge(g, &t);
                    GoalResult {
                        text: g.text.clone(),
                        met,
                        detail,
                        reachable: Some(t.reachable()),
                        blocked_at: t.blocked_at().map(str::to_string),
                    }
                }
                // A flow that names a resource the learner deleted is simply not met.
                Err(e) => GoalResult {
                    text: g.text.clone(),
                    met: false,
                    detail: format!("The flow cannot be traced: {e}"),
                    reachable: None,
                    blocked_at: None,
                },
            })
        })
        .collect()
}

/// Applies the lesson's solution to the lesson file's JSON and returns the solved scenario.
pub fn solve(lesson_text: &str) -> Result<Value, LessonError> {
    let mut v =
        json::parse(lesson_text).map_err(|e| LessonError(format!("not valid JSON: {e}")))?;
    let lesson = match v.get("lesson") {
        Some(l) => Lesson::read(l, "lesson").map_err(lesson_error)?,
        None => return Err(LessonError("the file has no \"lesson\" object".into())),
    };
    for (i, op) in lesson.solution.iter().enumerate() {
        apply_op(&mut v, op).map_err(|e| LessonError(format!("lesson.solution[{i}]: {e}")))?;
    }
    Ok(v)
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// One RFC 6902 operation (add, remove, replace) on `doc`.
pub fn apply_op(doc: &mut Value, op: &PatchOp) -> Result<(), String> {
    let path = &op.path;
    if !path.starts_with('/') {
        return Err(format!("path \"{path}\" must start with /"));
    }
    let tokens: Vec<String> = path[1..].split('/').map(unescape).collect();
    let (last, parents) = tokens.split_last().ok_or("empty path")?;
    let mut cur = &mut *doc;
    for t in parents {
        cur = match cur {
            Value::Object(m) => m.get_mut(t.as_str()),
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| format!("path \"{path}\": \"{t}\" does not exist"))?;
    }
    let value = || {
        op.value
            .clone()
            .ok_or_else(|| format!("\"{}\" needs a value", op.op))
    };
    match (op.op.as_str(), cur) {
        ("add", Value::Object(m)) => {
            m.insert(last.clone(), value()?);
        }
        ("add", Value::Array(a)) => {
            let v = value()?;
            if last == "-" {
                a.push(v);
            } else {
                let i: usize = last
                    .parse()
                    .map_err(|_| format!("\"{last}\" is not an index"))?;
                if i > a.len() {
                    return Err(format!("index {i} is past the end"));
                }
                a.insert(i, v);
            }
        }
        ("replace", Value::Object(m)) => {
            let slot = m
                .get_mut(last.as_str())
                .ok_or_else(|| format!("path \"{path}\" does not exist"))?;
            *slot = value()?;
        }
        ("replace", Value::Array(a)) => {
            let i: usize = last
                .parse()
                .map_err(|_| format!("\"{last}\" is not an index"))?;
            let slot = a
                .get_mut(i)
                .ok_or_else(|| format!("index {i} does not exist"))?;
            *slot = value()?;
        }
        ("remove", Value::Object(m)) => {
            m.remove(last.as_str())
                .ok_or_else(|| format!("path \"{path}\" does not exist"))?;
        }
        ("remove", Value::Array(a)) => {
            let i: usize = last
                .parse()
                .map_err(|_| format!("\"{last}\" is not an index"))?;
            if i >= a.len() {
                return Err(format!("index {i} does not exist"));
            }
            a.remove(i);
        }
        (other, _) if !matches!(other, "add" | "remove" | "replace") => {
            return Err(format!("op \"{other}\": use add, remove or replace"))
        }
        _ => {
            return Err(format!(
                "path \"{path}\": the parent is not an object or array"
            ))
        }
    }
    Ok(())
}

/// The outcome of checking a lesson file.
#[derive(Clone, Debug)]
pub struct LessonReport {
    pub id: String,
    pub title: String,
    pub start: Vec<GoalResult>,
    pub solved: Vec<GoalResult>,
    /// Empty when the lesson is well-formed.
    pub problems: Vec<String>,
}

/// Checks a lesson file: it loads, its goals are not all met at the start, and the solution
/// loads and meets every goal.
pub fn check(name: &str, text: &str) -> Result<LessonReport, LessonError> {
    let start = load::load(&[InputFile { name, text }]).map_err(|e| LessonError(e.to_string()))?;
    let lesson = lesson_of(&start)?
        .ok_or_else(|| LessonError("the file has no \"lesson\" object".into()))?;
    let mut problems = Vec::new();
    if lesson.goals.is_empty() {
        problems.push("the lesson has no goals".to_string());
    }
    let start_results = check_goals(&start, &lesson)?;
    if !start_results.is_empty() && start_results.iter().all(|g| g.met) {
        problems.push(
            "every goal is already met on the starting network: there is nothing to solve".into(),
        );
    }
    let solved_results = if lesson.solution.is_empty() {
        problems.push("the lesson has no solution".into());
        Vec::new()
    } else {
        let v = solve(text)?;
        let solved_text = v.to_string();
        let solved = load::load(&[InputFile {
            name: "solution",
            text: &solved_text,
        }])
        .map_err(|e| LessonError(format!("the solution does not load: {e}")))?;
        let r = check_goals(&solved, &lesson)?;
        for g in r.iter().filter(|g| !g.met) {
            problems.push(format!(
                "the solution does not meet \"{}\": {}",
                g.text, g.detail
            ));
        }
        r
    };
    Ok(LessonReport {
        id: lesson.id,
        title: lesson.title,
        start: start_results,
        solved: solved_results,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::json;

    fn op(op: &str, path: &str, value: Option<Value>) -> PatchOp {
        PatchOp {
            op: op.into(),
            path: path.into(),
            value,
        }
    }

    #[test]
    fn patch_adds_replaces_and_removes() {
        let mut v = json!({"a": [1, 2], "b": {"c": 1}});
        apply_op(&mut v, &op("add", "/a/-", Some(json!(3)))).unwrap();
        apply_op(&mut v, &op("add", "/a/0", Some(json!(0)))).unwrap();
        apply_op(&mut v, &op("replace", "/b/c", Some(json!(2)))).unwrap();
        apply_op(&mut v, &op("add", "/b/d~1e", Some(json!(true)))).unwrap();
        apply_op(&mut v, &op("remove", "/a/1", None)).unwrap();
        assert_eq!(v, json!({"a": [0, 2, 3], "b": {"c": 2, "d/e": true}}));
    }

    #[test]
    fn patch_errors_name_the_path() {
        let mut v = json!({"a": []});
        let e = apply_op(&mut v, &op("replace", "/a/3", Some(json!(1)))).unwrap_err();
        assert!(e.contains("index 3"), "{e}");
        let e = apply_op(&mut v, &op("add", "/x/y", Some(json!(1)))).unwrap_err();
        assert!(e.contains("\"x\" does not exist"), "{e}");
        let e = apply_op(&mut v, &op("move", "/a", None)).unwrap_err();
        assert!(e.contains("use add, remove or replace"), "{e}");
    }
}
