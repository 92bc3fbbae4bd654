//! Intents as written: statements about who may reach whom (`check --intents`, and a
//! lesson's `intents` goals). `reach::intents` checks them against an estate's matrix.

use serde::{Deserialize, Serialize};

/// What an intent says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// Every member of `from` reaches every member of `to`, on every port given.
    Reachable,
    /// No member of `from` reaches any member of `to`, on any port given.
    NoPath,
}

/// One or several names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Names {
    One(String),
    Many(Vec<String>),
}

/// A port list as written: numbers, or a string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PortsDoc {
    List(Vec<u16>),
    Text(String),
}

/// One statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    #[serde(default)]
    pub name: String,
    pub expect: Expect,
    pub from: Names,
    pub to: Names,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub ports: Option<PortsDoc>,
}
