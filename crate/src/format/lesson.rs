//! The lesson file format: the `lesson` object of a scenario (story, goals, hints, solution).
//!
//! Only the format lives here; `crate::lesson` judges goals by tracing and applies solutions.
//! Unknown fields are errors: a typo must not silently drop a goal.

use super::scenario::Request;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `lesson` object of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The id used in URLs (`?lesson=<id>`) and file names (`lessons/<id>.json`).
    pub id: String,
    pub title: String,
    /// The story, in paragraphs separated by blank lines (plain text, never HTML).
    pub story: String,
    pub goals: Vec<Goal>,
    /// Goals stated as intents (`check --intents` statements: "nothing in vpc-dev reaches
    /// vpc-prod"), each met when it holds over every member pair and port it names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<super::intent::Intent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// What to take away, shown once every goal is met.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub takeaway: String,
    /// JSON Patch operations (RFC 6902) that solve the lesson, applied to the lesson file as
    /// written.
    #[serde(default, skip_serializing_if = "is_empty_patch")]
    pub solution: json_patch::Patch,
    /// Optional extra material the page shows with the lesson (a cost comparison, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Value>,
}

fn is_empty_patch(p: &json_patch::Patch) -> bool {
    p.0.is_empty()
}

/// What a goal expects of its flow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    #[default]
    Reachable,
    Blocked,
}

impl Expect {
    fn is_reachable(&self) -> bool {
        *self == Expect::Reachable
    }
}

/// One goal: a flow and what must be true of its trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "Expect::is_reachable")]
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
    pub request: Option<Request>,
}
