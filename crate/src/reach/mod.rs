//! Who can reach whom: a reachability matrix between groups of sources and destinations, the
//! difference between two estates' matrices, and intents (statements about reachability)
//! checked against one.
//!
//! Exact, not sampled. Every member of a group (an interface, an internet address range, a
//! service) gets a signature of everything the walk decides on besides the flow's other end:
//! its subnet, its security groups, and which of the estate's named CIDRs (routes, ACL and
//! group rules, VPC, on-premises and service ranges) contain its addresses. Members with the
//! same signature are treated the same by every rule and route, so one trace of a
//! representative flow answers for all of them; work is shared per pair of such classes, and
//! ports are grouped the same way by the rules' port ranges. Classes of a group that answer
//! differently stay apart: the group is split, and the output says by what. Reads the model
//! and `forward` only.

mod classes;
mod compact;
mod diff;
mod groups;
mod intents;
mod matrix;

pub use compact::{compact, Compact, Outcome, Probe};
pub use diff::{diff, Change, Diff};
pub use groups::{Kind, Selector};
pub use intents::{
    check_intents, parse_intents, Expect, Intent, IntentError, IntentResult, Names, PortsDoc,
};
pub use matrix::{matrix, tally, Cell, Job, Matrix, Part, RepFlow, Stats, Tally};

use crate::model::Protocol;

/// What a matrix covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub from: Selector,
    pub to: Selector,
    /// The protocols to try (tcp, udp, icmp).
    pub protocols: Vec<Protocol>,
    pub ports: Ports,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            from: Selector::Kind(Kind::Subnet),
            to: Selector::Kind(Kind::Subnet),
            protocols: vec![Protocol::Tcp],
            ports: Ports::List(vec![443]),
        }
    }
}

impl Options {
    /// Options from their text as the command and the page give them, each optional:
    /// `from`/`to` a kind or names (comma-separated), `protocol` tcp, udp, icmp or any,
    /// `ports` a list (`22,8000-8010`) or any.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        protocol: Option<&str>,
        ports: Option<&str>,
    ) -> Result<Options, OptionError> {
        let mut o = Options::default();
        if let Some(f) = from {
            o.from = Selector::parse(f);
        }
        if let Some(t) = to {
            o.to = Selector::parse(t);
        }
        if let Some(p) = protocol {
            o.protocols = parse_protocols(p)?;
        }
        if let Some(p) = ports {
            o.ports = parse_ports(p)?;
        }
        Ok(o)
    }
}

/// Which destination ports to try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ports {
    List(Vec<u16>),
    /// Every port: one representative per range the rules treat alike.
    Any,
}

/// A matrix option that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError(pub String);

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for OptionError {}

/// Parses a protocol option: `tcp`, `udp`, `icmp`, or `any` for all three.
pub fn parse_protocols(s: &str) -> Result<Vec<Protocol>, OptionError> {
    match s.trim() {
        "tcp" => Ok(vec![Protocol::Tcp]),
        "udp" => Ok(vec![Protocol::Udp]),
        "icmp" => Ok(vec![Protocol::Icmp]),
        "any" | "all" => Ok(vec![Protocol::Tcp, Protocol::Udp, Protocol::Icmp]),
        o => Err(OptionError(format!(
            "protocol \"{o}\": use tcp, udp, icmp or any"
        ))),
    }
}

/// Parses a port list `22,443,8000-8002`, or `any`.
pub fn parse_ports(s: &str) -> Result<Ports, OptionError> {
    if s.trim() == "any" {
        return Ok(Ports::Any);
    }
    let bad = |p: &str| OptionError(format!("port \"{p}\": expected a number from 0 to 65535"));
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let a: u16 = a.trim().parse().map_err(|_| bad(part))?;
        let b: u16 = b.trim().parse().map_err(|_| bad(part))?;
        if b < a || usize::from(b - a) >= 1024 {
            return Err(OptionError(format!(
                "ports \"{part}\": a range goes upwards and spans at most 1,024 ports (or use any)"
            )));
        }
        out.extend(a..=b);
    }
    out.sort_unstable();
    out.dedup();
    Ok(Ports::List(out))
}
