//! Lessons: a scenario plus a story, goals checked by tracing, hints and a solution.
//!
//! A goal is judged by what the packet does (reachable or not, where it stops, what it passes
//! through), never by comparing the learner's network with a model answer, so any correct
//! fix ticks it. The solution is a JSON Patch (RFC 6902: add, remove, replace) applied to the
//! lesson file as written; `check` proves a lesson is well-formed: its goals are not all met at
//! the start and are all met by the solution.

pub use crate::format::intent::Intent;
pub use crate::format::lesson::{Expect, Goal, Lesson};
use crate::forward::{trace_request, FlowSpec, Trace};
use crate::load::{self, InputFile, LoadError, Loaded};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// Whether a goal is met, and why not.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalResult {
    pub text: String,
    pub met: bool,
    /// One sentence: what the packet did, and what is missing.
    pub detail: String,
    pub reachable: Option<bool>,
    pub blocked_at: Option<String>,
    /// For an intent that does not hold: a flow that breaks it (`{from, to, protocol,
    /// port}`), which the page's "Send this packet" plays; null otherwise.
    pub flow: Option<crate::reach::RepFlow>,
}

/// A lesson that cannot be used, with the reason.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonError {
    /// The file has no `lesson` object.
    NoLesson,
    /// The lesson file does not load (or is not JSON).
    Load(LoadError),
    /// The solution's patch cannot be applied.
    Patch(String),
    /// The solved scenario does not load.
    SolutionLoad(LoadError),
    /// A goal's flow is not a flow (its `from`, `to` or `protocol`).
    Goal { goal: String, error: String },
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LessonError::NoLesson => f.write_str("the file has no \"lesson\" object"),
            LessonError::Load(e) => write!(f, "{e}"),
            LessonError::Patch(e) => write!(f, "lesson.solution: {e}"),
            LessonError::SolutionLoad(e) => write!(f, "the solution does not load: {e}"),
            LessonError::Goal { goal, error } => write!(f, "goal \"{goal}\": {error}"),
        }
    }
}
impl std::error::Error for LessonError {}

/// The lesson inside a loaded scenario, if it has one (it was checked when it loaded).
pub fn lesson_of(l: &Loaded) -> Option<&Lesson> {
    l.doc.lesson.as_ref()
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

/// Evaluates every goal of `lesson` on `l`: its flows, then its intents.
pub fn check_goals(l: &Loaded, lesson: &Lesson) -> Result<Vec<GoalResult>, LessonError> {
    #[allow(unused_mut)]
    let mut out = check_flow_goals(l, lesson)?;
    // Intents are matrices: the page's core module leaves them to the full one (bindings.rs
    // asks for it when a lesson has intents), so it does not carry `reach`.
    #[cfg(feature = "full")]
    out.extend(
        lesson
            .intents
            .iter()
            .enumerate()
            .map(|(k, i)| intent_goal(l, k, i)),
    );
    Ok(out)
}

/// An intent judged as a goal: met when it holds; otherwise the detail names a flow that
/// breaks it (which the learner can trace) and where it stops, or that it arrives.
#[cfg(feature = "full")]
fn intent_goal(l: &Loaded, k: usize, i: &Intent) -> GoalResult {
    let text = if i.name.is_empty() {
        format!("intent {}", k + 1)
    } else {
        i.name.clone()
    };
    let checked = crate::reach::check_intents(l, std::slice::from_ref(i))
        .map_err(|e| e.to_string())
        .and_then(|r| r.into_iter().next().ok_or_else(|| "no result".to_string()));
    let r = match checked {
        Ok(r) => r,
        // A group the learner deleted is simply not met, as a goal's missing flow is.
        Err(e) => {
            return GoalResult {
                text,
                met: false,
                detail: format!("The statement cannot be checked: {e}"),
                reachable: None,
                blocked_at: None,
                flow: None,
            }
        }
    };
    let (detail, reachable, blocked_at) = match &r.counterexample {
        None => (
            format!(
                "It holds on all {} cells it covers, as the goal asks.",
                r.cells
            ),
            None,
            None,
        ),
        Some(c) => {
            let f = &c.flow;
            let flow = format!("{} to {} ({} {})", f.from, f.to, f.protocol, f.port);
            let what = match &c.verdict.blocked_at {
                None => "is reachable".to_string(),
                Some(at) => format!("is blocked at {at}"),
            };
            (
                // The page says "Not yet:" before an unmet goal's detail.
                format!("The flow {flow} {what}."),
                Some(c.verdict.reachable),
                c.verdict.blocked_at.clone(),
            )
        }
    };
    GoalResult {
        text,
        met: r.held,
        detail,
        reachable,
        blocked_at,
        flow: r.counterexample.map(|c| c.flow),
    }
}

/// Evaluates the flow goals of `lesson` on `l`.
fn check_flow_goals(l: &Loaded, lesson: &Lesson) -> Result<Vec<GoalResult>, LessonError> {
    lesson
        .goals
        .iter()
        .map(|g| {
            let spec = FlowSpec::from_parts(&g.from, &g.to, g.protocol.as_deref(), g.port)
                .map_err(|e| LessonError::Goal {
                    goal: g.text.clone(),
                    error: e.to_string(),
                })?;
            Ok(match trace_request(l, &spec, g.request.as_ref()) {
                Ok(t) => {
                    let (met, detail) = judge(g, &t);
                    GoalResult {
                        text: g.text.clone(),
                        met,
                        detail,
                        reachable: Some(t.reachable()),
                        blocked_at: t.blocked_at().map(str::to_string),
                        flow: None,
                    }
                }
                // A flow that names a resource the learner deleted is simply not met.
                Err(e) => GoalResult {
                    text: g.text.clone(),
                    met: false,
                    detail: format!("The flow cannot be traced: {e}"),
                    reachable: None,
                    blocked_at: None,
                    flow: None,
                },
            })
        })
        .collect()
}

/// Applies the lesson's solution (RFC 6902) to the lesson file as written, and returns the
/// solved file. The file is checked to load first, so a slip in it is reported with its line
/// and column rather than as a failed patch.
pub fn solve(lesson_text: &str) -> Result<Value, LessonError> {
    let start = load::scenario_from_str(lesson_text).map_err(LessonError::Load)?;
    let lesson = start.lesson.ok_or(LessonError::NoLesson)?;
    let mut v: Value = serde_json::from_str(lesson_text.trim_start_matches('\u{feff}'))
        .map_err(|e| LessonError::Patch(e.to_string()))?;
    json_patch::patch(&mut v, &lesson.solution).map_err(|e| LessonError::Patch(e.to_string()))?;
    Ok(v)
}

/// Checks a lesson file: it loads, its goals are not all met at the start, and the solution
/// loads and meets every goal.
pub fn check(name: &str, text: &str) -> Result<LessonReport, LessonError> {
    let start = load::load(&[InputFile { name, text }]).map_err(LessonError::Load)?;
    let lesson = lesson_of(&start).ok_or(LessonError::NoLesson)?.clone();
    let mut problems = Vec::new();
    if lesson.goals.is_empty() && lesson.intents.is_empty() {
        problems.push("the lesson has no goals".to_string());
    }
    let start_results = check_goals(&start, &lesson)?;
    if !start_results.is_empty() && start_results.iter().all(|g| g.met) {
        problems.push(
            "every goal is already met on the starting network: there is nothing to solve".into(),
        );
    }
    let solved_results = if lesson.solution.0.is_empty() {
        problems.push("the lesson has no solution".into());
        Vec::new()
    } else {
        let v = solve(text)?;
        let solved_text = v.to_string();
        let solved = load::load(&[InputFile {
            name: "solution",
            text: &solved_text,
        }])
        .map_err(LessonError::SolutionLoad)?;
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

    const LESSON: &str = r#"{
      "vpcs": [{"id": "vpc-a", "name": "a", "cidr": "10.0.0.0/16"}],
      "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}],
      "lesson": {"id": "x", "title": "X", "story": "s",
        "goals": [{"text": "t", "from": "10.0.1.5", "to": "8.8.8.8"}],
        "solution": [
          {"op": "add", "path": "/subnets/-", "value": {"id": "subnet-b", "vpc": "vpc-a", "cidr": "10.0.2.0/24"}},
          {"op": "replace", "path": "/vpcs/0/name", "value": "A"}
        ]}
    }"#;

    #[test]
    fn solve_applies_the_patch_to_the_file_as_written() {
        let v = solve(LESSON).unwrap();
        assert_eq!(v["subnets"][1]["id"], "subnet-b");
        // `replace` of a missing key fails (RFC 6902 4.3): the name was not there.
        let e = solve(&LESSON.replace("/vpcs/0/name", "/vpcs/0/nothing")).unwrap_err();
        assert!(matches!(e, LessonError::Patch(_)), "{e:?}");
    }

    #[test]
    fn solve_names_a_file_without_a_lesson() {
        let e = solve(r#"{"vpcs": []}"#).unwrap_err();
        assert_eq!(e, LessonError::NoLesson);
    }
}
