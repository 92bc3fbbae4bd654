//! Intents: statements about who may reach whom, checked against an estate's matrix.
//!
//! ```json
//! {"intents": [
//!   {"name": "the database is not on the internet", "expect": "no-path",
//!    "from": "internet", "to": "subnet-db"},
//!   {"expect": "reachable", "from": "app", "to": "db", "protocol": "tcp", "ports": [5432]},
//!   {"expect": "no-path", "from": "vpc-dev", "to": "vpc-prod"}
//! ]}
//! ```
//! `from` and `to` take what `matrix --from/--to` take (a kind, ids, Names; a string or a
//! list). `protocol` is tcp, udp, icmp or any (the default); `ports` a list, a string such as
//! `"22,8000-8010"`, or `"any"` (the default: every port, one per range the rules treat
//! alike). `reachable` holds when every member pair reaches on every port; `no-path` when
//! none does. A broken intent comes with a counterexample flow for `trace`.

use super::groups::Selector;
use super::matrix::{matrix, Cell};
use super::{parse_ports, parse_protocols, Options, Ports};
use crate::model::Estate;
use serde::{Deserialize, Serialize};

pub use crate::format::intent::{Expect, Intent, Names, PortsDoc};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentsFile {
    intents: Vec<Intent>,
}

/// An intents file or statement that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntentError(pub String);

impl std::fmt::Display for IntentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for IntentError {}

/// Reads an intents file.
pub fn parse_intents(text: &str) -> Result<Vec<Intent>, IntentError> {
    let f: IntentsFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| IntentError(format!("line {}, column {}: {e}", e.line(), e.column())))?;
    Ok(f.intents)
}

/// Whether an intent held, and if not a flow that shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IntentResult {
    pub intent: Intent,
    pub held: bool,
    /// A cell that breaks it: its flow, and where it stops (or that it arrives).
    pub counterexample: Option<Cell>,
    /// Cells checked.
    pub cells: usize,
}

fn options(i: &Intent) -> Result<Options, IntentError> {
    let sel = |n: &Names| match n {
        Names::One(s) => Selector::parse(s),
        Names::Many(v) => Selector::Names(v.clone()),
    };
    let err = |e: super::OptionError| IntentError(e.0);
    let ports = match &i.ports {
        None => Ports::Any,
        Some(PortsDoc::List(l)) => Ports::List(l.clone()),
        Some(PortsDoc::Text(t)) => parse_ports(t).map_err(err)?,
    };
    Ok(Options {
        from: sel(&i.from),
        to: sel(&i.to),
        protocols: parse_protocols(i.protocol.as_deref().unwrap_or("any")).map_err(err)?,
        ports,
    })
}

/// Checks each intent against `estate`.
pub fn check_intents<'a>(
    estate: impl Into<Estate<'a>>,
    intents: &[Intent],
) -> Result<Vec<IntentResult>, IntentError> {
    let e = estate.into();
    let mut out = Vec::new();
    for (k, i) in intents.iter().enumerate() {
        let at = |m: String| {
            let name = if i.name.is_empty() {
                format!("intent {}", k + 1)
            } else {
                i.name.clone()
            };
            IntentError(format!("{name}: {m}"))
        };
        let o = options(i).map_err(|x| at(x.0))?;
        let m = matrix(e, &o).map_err(|x| at(x.0))?;
        if m.cells.is_empty() {
            return Err(at("no flow to check: the groups have no members".into()));
        }
        let broken = |c: &&Cell| match i.expect {
            Expect::Reachable => !c.verdict.reachable,
            Expect::NoPath => c.verdict.reachable,
        };
        let counterexample = m.cells.iter().find(broken).cloned();
        out.push(IntentResult {
            intent: i.clone(),
            held: counterexample.is_none(),
            counterexample,
            cells: m.cells.len(),
        });
    }
    Ok(out)
}
