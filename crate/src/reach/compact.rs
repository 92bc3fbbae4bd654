//! The matrix in compact form, for the page (issue 12): the 200-VPC matrix is 359,600 cells,
//! and as a list of cell objects (each with its labels, verdict and flow) it is a 105 MB JSON
//! text, which the page's worker parsed into JS objects and cloned to the page: most of the
//! matrix's time in the page. Yet a matrix has few distinct verdicts (reachable, or a blocking
//! resource and code) and few flow ends (the classes' first members). So the compact form is
//! tables of those, and three numbers per cell: the verdict's position and the flow's two
//! ends' positions. `Compact::expand` gives back the `Matrix`, cell for cell.

use super::matrix::{merge_both, parts, stats, Answer, Cell, Grid, Matrix, Part, RepFlow, Stats};
use super::matrix::{Job, NONE};
use super::{OptionError, Options};
use crate::forward::Verdict;
use crate::model::{Estate, Protocol};
use serde::Serialize;

/// A port (class) the matrix tried, with its protocol: the third index of a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Probe {
    pub protocol: Protocol,
    pub port: u16,
}

/// A cell's answer: its verdict, and why no trace was possible if none was (as in a `Cell`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    #[serde(flatten)]
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Outcome {
    fn of(a: &Answer) -> Outcome {
        match a {
            Ok(v) => Outcome {
                verdict: v.clone(),
                error: None,
            },
            Err(e) => Outcome {
                verdict: Verdict {
                    reachable: false,
                    blocked_at: None,
                    component: None,
                    explanation_code: None,
                    leg: None,
                },
                error: Some(e.clone()),
            },
        }
    }
}

/// Who can reach whom, as tables and indices. The cell of source `i`, destination `j` and
/// probe `p` is at `k = ((i * destinations + j) * probes + p) * 3` in `cells`: `cells[k]` its
/// outcome's position in `outcomes` (`Compact::NONE` where there is no cell: a group to
/// itself), `cells[k + 1]` and `cells[k + 2]` its representative flow's source and
/// destination, positions in `names`. Cells are in the `Matrix`'s order.
#[derive(Clone, Debug, Serialize)]
pub struct Compact {
    pub sources: Vec<Part>,
    pub destinations: Vec<Part>,
    pub probes: Vec<Probe>,
    pub outcomes: Vec<Outcome>,
    /// The flows' ends, as `trace` names them.
    pub names: Vec<String>,
    /// Not in the JSON: the page's binding hands it over as a typed array.
    #[serde(skip)]
    pub cells: Vec<u32>,
    pub stats: Stats,
}

impl Compact {
    /// No cell here (a group to itself).
    pub const NONE: u32 = NONE;

    /// The cell of source `i`, destination `j` and probe `p`, as `Matrix` has it.
    pub fn cell(&self, i: usize, j: usize, p: usize) -> Option<Cell> {
        let np = self.probes.len();
        let k = ((i * self.destinations.len() + j) * np + p) * 3;
        let at = |x: usize| self.cells.get(k + x).map(|&v| v as usize);
        let outcome = self.outcomes.get(at(0)?)?.clone();
        let name = |x: usize| self.names.get(at(x)?).cloned();
        let Probe { protocol, port } = *self.probes.get(p)?;
        Some(Cell {
            from: self.sources.get(i)?.label.clone(),
            to: self.destinations.get(j)?.label.clone(),
            protocol,
            port,
            verdict: outcome.verdict,
            error: outcome.error,
            flow: RepFlow {
                from: name(1)?,
                to: name(2)?,
                protocol,
                port,
            },
        })
    }

    /// The matrix with every cell written out: what `matrix` gives.
    pub fn expand(&self) -> Matrix {
        let (ni, nj, np) = (
            self.sources.len(),
            self.destinations.len(),
            self.probes.len(),
        );
        let cells = (0..ni)
            .flat_map(|i| (0..nj).flat_map(move |j| (0..np).map(move |p| (i, j, p))))
            .filter_map(|(i, j, p)| self.cell(i, j, p))
            .collect();
        Matrix {
            sources: self.sources.clone(),
            destinations: self.destinations.clone(),
            cells,
            stats: self.stats.clone(),
        }
    }
}

/// The matrix of `estate` under `o`, in compact form.
pub fn compact<'a>(estate: impl Into<Estate<'a>>, o: &Options) -> Result<Compact, OptionError> {
    let e = estate.into();
    Ok(Job::new(e, o)?.finish_compact(e))
}

/// The compact matrix from a complete grid of one estate: the parts as `matrix` merges them,
/// each cell from the first defined class pair of its parts (as `matrix::make_cell`).
pub(crate) fn build(e: Estate, g: &Grid) -> Compact {
    let (from, to) = merge_both(g);
    // The flows' ends: each source class's first member, then each destination class's
    // first two (the second where the first is the source itself).
    let (names_from, names_to) = g.names();
    let mut names: Vec<String> = names_from.iter().map(|(n, _)| n.clone()).collect();
    let base = names.len();
    for (first, second) in names_to {
        names.push(first.clone());
        names.push(second.clone().unwrap_or_default());
    }
    let np = g.probes.len();
    let mut cells = Vec::with_capacity(from.len() * to.len() * np * 3);
    for a in &from {
        for b in &to {
            for p in 0..np {
                let found = a
                    .classes
                    .iter()
                    .flat_map(|&c| b.classes.iter().map(move |&d| (c, d)))
                    .find(|&(c, d)| g.id(c, d, p) != NONE);
                let rep = found.and_then(|(c, d)| Some((c, d, g.rep_second(c, d)?)));
                match rep {
                    Some((c, d, second)) => cells.extend([
                        g.id(c, d, p),
                        c as u32,
                        (base + 2 * d + usize::from(second)) as u32,
                    ]),
                    None => cells.extend([NONE; 3]),
                }
            }
        }
    }
    Compact {
        sources: parts(e, g, &g.from, &from),
        destinations: parts(e, g, &g.to, &to),
        probes: g
            .probes
            .iter()
            .map(|&(protocol, port)| Probe { protocol, port })
            .collect(),
        // One estate: each answer list has its one answer (an empty list cannot be made; it
        // would read as "not traced", never as reachable).
        outcomes: g
            .answers()
            .iter()
            .map(|a| Outcome::of(a.first().unwrap_or(&Err(String::new()))))
            .collect(),
        names,
        cells,
        stats: stats(g),
    }
}
