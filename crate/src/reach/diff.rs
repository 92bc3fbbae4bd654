//! The difference between two estates' matrices: the cells whose answer changed, and the
//! resource whose change made the difference.
//!
//! Both estates are cut into classes together (a member's signature is its signature in
//! each), so a cell of the diff is exact in both at once.

use super::matrix::{grid, make_cell, merge_both, parts, Cell, RepFlow};
use super::{OptionError, Options};
use crate::forward::{trace, FlowSpec, Verdict};
use crate::load::Loaded;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// A cell whose answer changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub from: String,
    pub to: String,
    pub protocol: crate::model::Protocol,
    pub port: u16,
    pub before: Verdict,
    pub after: Verdict,
    /// The resource, changed between the two, that the flow meets where the answers differ
    /// (the drop that went away or appeared first, then the paths).
    pub changed_resource: Option<String>,
    /// A flow to pass to `trace` on either estate.
    pub flow: RepFlow,
}

/// What changed between two estates.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    /// Every resource (by id) added, removed or edited between the two scenarios.
    pub changed_resources: Vec<String>,
    /// Cells compared.
    pub cells: usize,
}

/// The resources of a scenario by id, as written (a change to any field shows).
fn resources(l: &Loaded) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    if let Ok(Value::Object(doc)) = serde_json::to_value(&l.doc) {
        for (_, v) in doc {
            let Value::Array(items) = v else { continue };
            for item in items {
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    out.insert(id.to_string(), item.clone());
                }
            }
        }
    }
    out
}

fn changed(before: &Loaded, after: &Loaded) -> BTreeSet<String> {
    let (b, a) = (resources(before), resources(after));
    let mut out: BTreeSet<String> = BTreeSet::new();
    for (id, v) in &b {
        if a.get(id) != Some(v) {
            out.insert(id.clone());
        }
    }
    out.extend(a.keys().filter(|id| !b.contains_key(*id)).cloned());
    out
}

/// The cells of `o`'s matrix whose answer differs between `before` and `after`.
pub fn diff(before: &Loaded, after: &Loaded, o: &Options) -> Result<Diff, OptionError> {
    let g = grid(&[before.estate(), after.estate()], o)?;
    let (from, to) = merge_both(&g);
    let sources = parts(before.estate(), &g, &g.from, &from);
    let destinations = parts(before.estate(), &g, &g.to, &to);
    let touched = changed(before, after);
    let mut changes = Vec::new();
    let mut cells = 0;
    for (a, pa) in from.iter().zip(&sources) {
        for (b, pb) in to.iter().zip(&destinations) {
            for p in 0..g.probes.len() {
                let (Some(x), Some(y)) = (make_cell(&g, a, b, p, 0), make_cell(&g, a, b, p, 1))
                else {
                    continue;
                };
                cells += 1;
                if x.verdict == y.verdict && x.error == y.error {
                    continue;
                }
                let culprit = culprit(before, after, &x, &y, &touched);
                changes.push(Change {
                    from: pa.label.clone(),
                    to: pb.label.clone(),
                    protocol: x.protocol,
                    port: x.port,
                    before: x.verdict,
                    after: y.verdict,
                    changed_resource: culprit,
                    flow: x.flow,
                });
            }
        }
    }
    Ok(Diff {
        changes,
        changed_resources: touched.into_iter().collect(),
        cells,
    })
}

/// The first changed resource among the drops, then the paths, of the flow in each estate.
fn culprit(
    before: &Loaded,
    after: &Loaded,
    x: &Cell,
    y: &Cell,
    touched: &BTreeSet<String>,
) -> Option<String> {
    let spec = FlowSpec {
        from: x.flow.from.clone(),
        to: x.flow.to.clone(),
        protocol: x.flow.protocol,
        port: x.flow.port,
    };
    let paths = [trace(before, &spec).ok(), trace(after, &spec).ok()];
    let drops = [&x.verdict, &y.verdict]
        .into_iter()
        .filter_map(|v| v.blocked_at.clone());
    let on_path = paths.iter().flatten().flat_map(|t| t.path.iter().cloned());
    drops.chain(on_path).find(|id| touched.contains(id))
}
