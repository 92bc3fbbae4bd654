//! Lessons: a scenario plus a story, goals checked by tracing, hints and a solution.
//!
//! A goal is judged by what the packet does (reachable or not, where it stops, what it passes
//! through), never by comparing the learner's network with a model answer, so any correct
//! fix ticks it. The solution is a JSON Patch (RFC 6902: add, remove, replace) applied to the
//! lesson file as written; `check` proves a lesson is well-formed: its goals are not all met at
//! the start and are all met by the solution.

use crate::forward::{trace_request, FlowSpec, Trace};
use crate::load::{self, InputFile, Loaded};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The `lesson` object of a scenario.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The id used in URLs (`?lesson=<id>`) and file names (`lessons/<id>.json`).
    pub id: String,
    pub title: String,
    /// The story, in paragraphs separated by blank lines (plain text, never HTML).
    pub story: String,
    pub goals: Vec<Goal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// What to take away, shown once every goal is met.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub takeaway: String,
    /// JSON Patch operations that solve the lesson, applied to the lesson file as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub solution: Vec<PatchOp>,
    /// Optional extra material the page shows with the lesson (a cost comparison, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Value>,
}

/// What a goal expects of its flow.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    #[default]
    Reachable,
    Blocked,
}

/// One goal: a flow and what must be true of its trace.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal as the learner reads it: "app-a reaches db-b on PostgreSQL".
    pub text: String,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default)]
    pub expect: Expect,
    /// Resource ids the path must include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<String>,
    /// Resource ids the path must not include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    /// For `expect: blocked`: where it must stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_at: Option<String>,
    /// For `expect: blocked`: the explanation code it must stop with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A request to an AWS service that endpoint, bucket and role policies must allow (R22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<crate::policy::Request>,
}

/// One JSON Patch operation.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PatchOp {
    /// `add`, `remove` or `replace`.
    pub op: String,
    /// A JSON Pointer (`/route_tables/1/routes/-`).
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// Whether a goal is met, and why not.
#[derive(Clone, Debug, Serialize, PartialEq)]
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
        Some(v) => serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|e| LessonError(format!("lesson: {e}"))),
    }
}

/// Judges one goal against a trace.
fn judge(goal: &Goal, t: &Trace) -> (bool, String) {
    let outcome = if t.reachable {
        "The flow is reachable".to_string()
    } else {
        format!(
            "The flow is blocked at {}",
            t.blocked_at.as_deref().unwrap_or("?")
        )
    };
    match goal.expect {
        Expect::Reachable if !t.reachable => {
            return (false, format!("{outcome}: {}", t.explanation))
        }
        Expect::Blocked if t.reachable => {
            return (false, format!("{outcome}, but it should be blocked."))
        }
        _ => {}
    }
    if goal.expect == Expect::Blocked {
        if let Some(at) = &goal.blocked_at {
            if t.blocked_at.as_deref() != Some(at.as_str()) {
                return (false, format!("{outcome}, not at {at}."));
            }
        }
        if let Some(code) = &goal.code {
            let got = t.explanation_code.map(|c| c.as_str()).unwrap_or_default();
            if &got != code {
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
                        reachable: Some(t.reachable),
                        blocked_at: t.blocked_at.clone(),
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
    let mut v: Value = serde_json::from_str(lesson_text)
        .map_err(|e| LessonError(format!("not valid JSON: {e}")))?;
    let lesson: Lesson = match v.get("lesson") {
        Some(l) => {
            serde_json::from_value(l.clone()).map_err(|e| LessonError(format!("lesson: {e}")))?
        }
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
#[derive(Clone, Debug, Serialize)]
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
    use serde_json::json;

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
