//! The matrix: one trace per pair of member classes and port class, run on every core
//! natively (the page's wasm has no threads: its worker runs the same code on one), then
//! classes of a group that answer alike merged back, so a group is split only where its
//! members are really treated differently.

use super::classes::{classes, eni_of, port_points, Facts};
use super::compact::Compact;
use super::groups::{groups, Group, Kind, Member};
use super::{OptionError, Options, Ports};
use crate::forward::{verdict, FlowSpec, Verdict};
use crate::model::{Estate, Protocol};
use serde::Serialize;
use std::collections::HashMap;

/// A verdict in one estate, or why the flow could not be traced there (a member missing).
pub(crate) type Answer = Result<Verdict, String>;

/// A class's first member's name, and its second's if it has one.
pub(crate) type FirstNames = (String, Option<String>);

/// One side's groups and their classes (positions of members alike in every estate).
pub(crate) struct Side {
    pub groups: Vec<Group>,
    /// (group, member positions) per class.
    pub classes: Vec<(usize, Vec<usize>)>,
}

impl Side {
    fn new(estates: &[Estate], facts: &[Facts], groups: Vec<Group>, starts: bool) -> Side {
        let mut groups = groups;
        if starts {
            groups
                .iter_mut()
                .for_each(|g| g.members.retain(Member::can_start));
            groups.retain(|g| !g.members.is_empty());
        }
        let classes = groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| {
                classes(estates, facts, &g.members)
                    .into_iter()
                    .map(move |c| (i, c))
            })
            .collect();
        Side { groups, classes }
    }

    fn member(&self, class: usize, k: usize) -> Option<&Member> {
        let (g, ms) = &self.classes[class];
        ms.get(k).map(|&m| &self.groups[*g].members[m])
    }

    /// The names of each class's first two members, as flows name them.
    fn names(&self) -> Vec<(String, Option<String>)> {
        (0..self.classes.len())
            .map(|c| {
                let name = |k| self.member(c, k).map(Member::name);
                (name(0).unwrap_or_default(), name(1))
            })
            .collect()
    }
}

/// Every class pair's answers, per probe, in every estate.
pub(crate) struct Grid {
    pub from: Side,
    pub to: Side,
    pub probes: Vec<(Protocol, u16)>,
    /// `[from class][to class][probe]`, flattened: a position in `answers`, or `NONE` where
    /// no flow is defined (a member to itself). An estate has few distinct answers (a
    /// blocking resource and code, or reachable), so each is kept once: four bytes a cell
    /// instead of a list of verdicts, which is what lets 2,000 VPCs (36 M cells) fit.
    pub cells: Vec<u32>,
    /// The distinct answer lists (one answer per estate), and where each is.
    answers: Vec<Vec<Answer>>,
    known: HashMap<Vec<Answer>, u32>,
    /// Each class's first two members by name, per side.
    names_from: Vec<(String, Option<String>)>,
    names_to: Vec<(String, Option<String>)>,
}

impl Grid {
    pub(crate) fn at(&self, c: usize, d: usize, p: usize) -> Option<&Vec<Answer>> {
        self.answers.get(self.id(c, d, p) as usize)
    }

    /// The position of a class pair's answers in `answers`, or `NONE`.
    pub(crate) fn id(&self, c: usize, d: usize, p: usize) -> u32 {
        let (nd, np) = (self.to.classes.len(), self.probes.len());
        self.cells[(c * nd + d) * np + p]
    }

    /// The distinct answer lists, by position.
    pub(crate) fn answers(&self) -> &[Vec<Answer>] {
        &self.answers
    }

    /// The names of each source class's first member and each destination class's first two
    /// (flows name them so), per side.
    pub(crate) fn names(&self) -> (&[FirstNames], &[FirstNames]) {
        (&self.names_from, &self.names_to)
    }

    /// Appends a row of answers (as `row` computes them), keeping each distinct list once.
    fn push_row(&mut self, row: Row) {
        let Row { cells, answers } = row;
        // The row's own positions, moved to the grid's.
        let map: Vec<u32> = answers
            .into_iter()
            .map(|a| intern(&mut self.answers, &mut self.known, a))
            .collect();
        self.cells.extend(
            cells
                .into_iter()
                .map(|i| map.get(i as usize).copied().unwrap_or(NONE)),
        );
    }

    /// Traces run: the defined cells.
    fn traces(&self) -> usize {
        self.cells.iter().filter(|&&i| i != NONE).count()
    }

    /// The representative flow of a class pair: the first member of each, another
    /// destination member when the first is the source itself.
    pub(crate) fn rep(&self, c: usize, d: usize) -> Option<(String, String)> {
        let (src, dst) = self.rep_names(c, d)?;
        Some((src.to_string(), dst.to_string()))
    }

    fn rep_names(&self, c: usize, d: usize) -> Option<(&str, &str)> {
        let (first, second) = &self.names_to[d];
        let dst = match self.rep_second(c, d)? {
            false => first,
            true => second.as_ref()?,
        };
        Some((&self.names_from[c].0, dst))
    }

    /// Whether the representative flow of a class pair goes to the destination class's second
    /// member (its first is the source itself); `None` when it has no other.
    pub(crate) fn rep_second(&self, c: usize, d: usize) -> Option<bool> {
        let (first, second) = &self.names_to[d];
        if *first != self.names_from[c].0 {
            Some(false)
        } else {
            second.as_ref().map(|_| true)
        }
    }
}

/// Computes the grid over `estates` (one for a matrix, before and after for a diff).
pub(crate) fn grid(estates: &[Estate], o: &Options) -> Result<Grid, OptionError> {
    let mut g = plan(estates, o)?;
    let all: Vec<usize> = (0..g.from.classes.len()).collect();
    let row = |c: &usize| row(estates, &g, *c);
    #[cfg(not(target_arch = "wasm32"))]
    let rows: Vec<Row> = {
        use rayon::prelude::*;
        all.par_iter().map(row).collect()
    };
    #[cfg(target_arch = "wasm32")]
    let rows: Vec<Row> = all.iter().map(row).collect();
    g.cells.reserve(rows.iter().map(|r| r.cells.len()).sum());
    rows.into_iter().for_each(|r| g.push_row(r));
    Ok(g)
}

/// The grid's sides and probes, no answer computed yet.
fn plan(estates: &[Estate], o: &Options) -> Result<Grid, OptionError> {
    let facts: Vec<Facts> = estates.iter().map(|e| Facts::of(*e)).collect();
    let from = Side::new(estates, &facts, groups(estates, &o.from)?, true);
    let to = Side::new(estates, &facts, groups(estates, &o.to)?, false);
    let mut probes = Vec::new();
    for &p in &o.protocols {
        let ports = match (&o.ports, p.has_ports()) {
            (_, false) => vec![0],
            (Ports::List(l), true) => l.clone(),
            (Ports::Any, true) => port_points(estates, p),
        };
        probes.extend(ports.into_iter().map(|x| (p, x)));
    }
    Ok(Grid {
        names_from: from.names(),
        names_to: to.names(),
        from,
        to,
        probes,
        cells: Vec::new(),
        answers: Vec::new(),
        known: HashMap::new(),
    })
}

/// A matrix computed a few source rows at a time, so that a caller with one thread (the
/// page's worker) can report progress between steps and stop when asked. Every step must be
/// given the estate the job was started on.
pub struct Job {
    g: Grid,
    done: usize,
}

impl Job {
    /// Plans the matrix of `estate` under `o`: its groups, classes and probes.
    pub fn new<'a>(estate: impl Into<Estate<'a>>, o: &Options) -> Result<Job, OptionError> {
        Ok(Job {
            g: plan(&[estate.into()], o)?,
            done: 0,
        })
    }

    /// The number of source rows (classes) to compute.
    pub fn rows(&self) -> usize {
        self.g.from.classes.len()
    }

    /// The rows computed so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Computes up to `n` more rows (at least one while any is left); returns the rows done.
    pub fn step<'a>(&mut self, estate: impl Into<Estate<'a>>, n: usize) -> usize {
        let e = [estate.into()];
        let end = (self.done + n.max(1)).min(self.rows());
        for c in self.done..end {
            let r = row(&e, &self.g, c);
            self.g.push_row(r);
        }
        self.done = end;
        end
    }

    /// The matrix, computing whatever rows are left.
    pub fn finish<'a>(mut self, estate: impl Into<Estate<'a>>) -> Matrix {
        let e = estate.into();
        let left = self.rows() - self.done;
        self.step(e, left);
        assemble(e, &self.g)
    }

    /// The matrix as `finish` gives it, in compact form (`Compact`: tables and indices).
    pub fn finish_compact<'a>(mut self, estate: impl Into<Estate<'a>>) -> Compact {
        let e = estate.into();
        let left = self.rows() - self.done;
        self.step(e, left);
        super::compact::build(e, &self.g)
    }
}

/// No flow in this cell (a member to itself).
pub(crate) const NONE: u32 = u32::MAX;

/// One source class's answers: per destination class and probe a position in `answers`
/// (the row's distinct answer lists), or `NONE`.
pub(crate) struct Row {
    cells: Vec<u32>,
    answers: Vec<Vec<Answer>>,
}

/// The position of `a` in `answers`, added if new.
fn intern(
    answers: &mut Vec<Vec<Answer>>,
    known: &mut HashMap<Vec<Answer>, u32>,
    a: Vec<Answer>,
) -> u32 {
    if let Some(&i) = known.get(&a) {
        return i;
    }
    let i = answers.len() as u32;
    known.insert(a.clone(), i);
    answers.push(a);
    i
}

/// One source class's answers to every destination class, per probe.
fn row(estates: &[Estate], g: &Grid, c: usize) -> Row {
    let mut out = Row {
        cells: Vec::with_capacity(g.to.classes.len() * g.probes.len()),
        answers: Vec::new(),
    };
    // One flow, its destination rewritten in place: no allocation per pair.
    let mut flow = FlowSpec {
        from: g.names_from[c].0.clone(),
        to: String::new(),
        protocol: Protocol::Tcp,
        port: 0,
    };
    let mut known = HashMap::new();
    let mut answer = Vec::with_capacity(estates.len());
    for d in 0..g.to.classes.len() {
        let rep = g.rep_names(c, d);
        if let Some((_, to)) = rep {
            flow.to.clear();
            flow.to.push_str(to);
        }
        for &(protocol, port) in &g.probes {
            (flow.protocol, flow.port) = (protocol, port);
            if rep.is_none() {
                out.cells.push(NONE);
                continue;
            }
            answer.clear();
            answer.extend(
                estates
                    .iter()
                    .map(|e| verdict(*e, &flow, None).map_err(|x| x.to_string())),
            );
            let at = match known.get(&answer) {
                Some(&i) => i,
                None => intern(&mut out.answers, &mut known, answer.clone()),
            };
            out.cells.push(at);
        }
    }
    out
}

/// Classes of one group merged where they answer alike.
#[derive(Clone, Debug)]
pub(crate) struct Merged {
    pub group: usize,
    pub classes: Vec<usize>,
}

/// Whether two answer lists agree: wherever both are defined (`loose`, where an undefined
/// answer is a member to itself), or exactly. Answers are kept once each in a grid, so the
/// same answer is the same place: comparing places compares answers.
fn agree<'a>(
    a: impl Iterator<Item = Option<&'a Vec<Answer>>>,
    b: impl Iterator<Item = Option<&'a Vec<Answer>>>,
    loose: bool,
) -> bool {
    a.zip(b).all(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => std::ptr::eq(x, y),
        (None, None) => true,
        _ => loose,
    })
}

/// Merges each group's classes on both sides, sources by their rows and destinations by
/// their columns. Loosely first (a member to itself agrees with anything); if that leaves a
/// pair of parts whose class pairs answer differently (a to b, b to a in one group),
/// exactly, which always gives uniform cells.
pub(crate) fn merge_both(g: &Grid) -> (Vec<Merged>, Vec<Merged>) {
    let (from, to) = (merge(g, true, true), merge(g, false, true));
    if uniform(g, &from, &to) {
        return (from, to);
    }
    (merge(g, true, false), merge(g, false, false))
}

/// Whether every defined class pair of every pair of parts gives one answer.
fn uniform(g: &Grid, from: &[Merged], to: &[Merged]) -> bool {
    from.iter().all(|a| {
        to.iter().all(|b| {
            (0..g.probes.len()).all(|p| {
                let mut first = None;
                a.classes.iter().all(|&c| {
                    b.classes.iter().all(|&d| match (g.at(c, d, p), first) {
                        (None, _) => true,
                        (Some(v), None) => {
                            first = Some(v);
                            true
                        }
                        (Some(v), Some(f)) => std::ptr::eq(v, f),
                    })
                })
            })
        })
    })
}

/// Merges each group's classes on one side: sources by their rows, destinations by their
/// columns.
fn merge(g: &Grid, sources: bool, loose: bool) -> Vec<Merged> {
    let side = if sources { &g.from } else { &g.to };
    let other = if sources {
        g.to.classes.len()
    } else {
        g.from.classes.len()
    };
    let np = g.probes.len();
    let line = |c: usize| {
        (0..other).flat_map(move |o| {
            (0..np).map(move |p| {
                if sources {
                    g.at(c, o, p)
                } else {
                    g.at(o, c, p)
                }
            })
        })
    };
    let mut out: Vec<Merged> = Vec::new();
    for (c, (group, _)) in side.classes.iter().enumerate() {
        let fits = |m: &Merged| {
            m.group == *group && m.classes.iter().all(|&k| agree(line(k), line(c), loose))
        };
        match out.iter_mut().find(|m| fits(m)) {
            Some(m) => m.classes.push(c),
            None => out.push(Merged {
                group: *group,
                classes: vec![c],
            }),
        }
    }
    out
}

/// The first defined answer between two merged parts, with its class pair.
pub(crate) fn part_cell<'g>(
    g: &'g Grid,
    a: &Merged,
    b: &Merged,
    p: usize,
) -> Option<(usize, usize, &'g Vec<Answer>)> {
    a.classes
        .iter()
        .flat_map(|&c| b.classes.iter().map(move |&d| (c, d)))
        .find_map(|(c, d)| g.at(c, d, p).map(|v| (c, d, v)))
}

/// Members listed per part at most (`member_count` has them all): a VPC of a large estate
/// has thousands.
pub const MAX_LISTED: usize = 256;

/// A row or column: a group, or one part of a split group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The group id, with `#k` for the k-th part of a split group.
    pub label: String,
    pub group: String,
    pub name: String,
    pub kind: Kind,
    /// 1-based; `parts` is 1 for a group that is not split.
    pub part: usize,
    pub parts: usize,
    /// The members (as `trace` names them), the first `MAX_LISTED`.
    pub members: Vec<String>,
    pub member_count: usize,
    /// Why a split group's parts differ: this part's security groups, and the CIDRs narrower
    /// than its subnet that a rule or route names and that contain its address.
    pub security_groups: Vec<String>,
    pub narrower_cidrs: Vec<String>,
    pub public_ip: Option<bool>,
}

/// A flow `trace` takes: `--from`, `--to`, `--protocol`, `--port`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RepFlow {
    pub from: String,
    pub to: String,
    pub protocol: Protocol,
    pub port: u16,
}

/// One cell: the answer for every member pair of a source part and a destination part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub from: String,
    pub to: String,
    pub protocol: Protocol,
    pub port: u16,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// Why no trace was possible, if none was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A flow to pass to `trace` that takes exactly this path.
    pub flow: RepFlow,
}

/// Who can reach whom.
#[derive(Clone, Debug, Serialize)]
pub struct Matrix {
    pub sources: Vec<Part>,
    pub destinations: Vec<Part>,
    pub cells: Vec<Cell>,
    pub stats: Stats,
}

/// How much work the matrix shared.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub source_classes: usize,
    pub destination_classes: usize,
    pub probes: usize,
    /// Traces run: class pairs times probes.
    pub traces: usize,
    /// Member pairs times probes: what one trace per pair would have cost.
    pub member_pairs: usize,
}

/// The matrix of `estate` under `o`.
pub fn matrix<'a>(estate: impl Into<Estate<'a>>, o: &Options) -> Result<Matrix, OptionError> {
    let e = estate.into();
    Ok(assemble(e, &grid(&[e], o)?))
}

/// A matrix counted, not written out: its rows, columns, cells and reachable cells. For an
/// estate whose cell list would not fit in memory (2,000 VPCs: 36 M cells, each with its
/// names and flow), the same work as `matrix` but the cells.
#[derive(Clone, Debug, Serialize)]
pub struct Tally {
    pub sources: usize,
    pub destinations: usize,
    pub cells: usize,
    pub reachable: usize,
    pub stats: Stats,
}

/// The matrix of `estate` under `o`, counted.
pub fn tally<'a>(estate: impl Into<Estate<'a>>, o: &Options) -> Result<Tally, OptionError> {
    let g = grid(&[estate.into()], o)?;
    let (from, to) = merge_both(&g);
    let (mut cells, mut reachable) = (0, 0);
    for a in &from {
        for b in &to {
            for p in 0..g.probes.len() {
                if let Some((_, _, v)) = part_cell(&g, a, b, p) {
                    cells += 1;
                    reachable += usize::from(matches!(v.first(), Some(Ok(v)) if v.reachable));
                }
            }
        }
    }
    Ok(Tally {
        sources: from.len(),
        destinations: to.len(),
        cells,
        reachable,
        stats: stats(&g),
    })
}

/// How much work a grid shared.
pub(crate) fn stats(g: &Grid) -> Stats {
    let count = |s: &Side| s.groups.iter().map(|g| g.members.len()).sum::<usize>();
    Stats {
        source_classes: g.from.classes.len(),
        destination_classes: g.to.classes.len(),
        probes: g.probes.len(),
        traces: g.traces(),
        member_pairs: count(&g.from) * count(&g.to) * g.probes.len(),
    }
}

/// The matrix from a complete grid of one estate: classes merged into parts, one cell per
/// pair of parts and probe.
fn assemble(e: Estate, g: &Grid) -> Matrix {
    let (from, to) = merge_both(g);
    let sources = parts(e, g, &g.from, &from);
    let destinations = parts(e, g, &g.to, &to);
    let mut cells = Vec::new();
    for (a, pa) in from.iter().zip(&sources) {
        for (b, pb) in to.iter().zip(&destinations) {
            for (p, &(protocol, port)) in g.probes.iter().enumerate() {
                if let Some(c) = make_cell(g, a, b, p, 0) {
                    cells.push(Cell {
                        from: pa.label.clone(),
                        to: pb.label.clone(),
                        protocol,
                        port,
                        ..c
                    });
                }
            }
        }
    }
    Matrix {
        sources,
        destinations,
        cells,
        stats: stats(g),
    }
}

/// The cell between two parts for probe `p`, from estate `k`'s answer.
pub(crate) fn make_cell(g: &Grid, a: &Merged, b: &Merged, p: usize, k: usize) -> Option<Cell> {
    let (c, d, answers) = part_cell(g, a, b, p)?;
    let (from, to) = g.rep(c, d)?;
    let (protocol, port) = g.probes[p];
    let (verdict, error) = match answers.get(k)? {
        Ok(v) => (v.clone(), None),
        Err(e) => (
            Verdict {
                reachable: false,
                blocked_at: None,
                component: None,
                explanation_code: None,
                leg: None,
            },
            Some(e.clone()),
        ),
    };
    Some(Cell {
        from: String::new(),
        to: String::new(),
        protocol,
        port,
        verdict,
        error,
        flow: RepFlow {
            from,
            to,
            protocol,
            port,
        },
    })
}

/// The rows (or columns) as parts, labelled, with what sets a split group's parts apart.
pub(crate) fn parts(e: Estate, g: &Grid, side: &Side, merged: &[Merged]) -> Vec<Part> {
    let _ = g;
    let facts = Facts::of(e);
    let mut out = Vec::new();
    for (k, m) in merged.iter().enumerate() {
        let group = &side.groups[m.group];
        let n = merged.iter().filter(|x| x.group == m.group).count();
        let i = merged[..k].iter().filter(|x| x.group == m.group).count() + 1;
        let members: Vec<String> = m
            .classes
            .iter()
            .flat_map(|&c| side.classes[c].1.iter().map(|&x| group.members[x].name()))
            .collect();
        let mut part = Part {
            label: if n > 1 {
                format!("{}#{i}", group.id)
            } else {
                group.id.clone()
            },
            group: group.id.clone(),
            name: group.name.clone(),
            kind: group.kind,
            part: i,
            parts: n,
            member_count: members.len(),
            members,
            security_groups: Vec::new(),
            narrower_cidrs: Vec::new(),
            public_ip: None,
        };
        if n > 1 {
            describe(e, &facts, side, m, &mut part);
        } else if part.members.len() > MAX_LISTED {
            part.members.truncate(MAX_LISTED);
        }
        out.push(part);
    }
    out
}

/// What a split part's members have that the walk decides on (over its classes): their
/// security groups, the narrower CIDRs naming their addresses, whether they have a public
/// address (when all agree).
fn describe(e: Estate, facts: &Facts, side: &Side, m: &Merged, part: &mut Part) {
    let net = e.net;
    let mut public = Vec::new();
    for &c in &m.classes {
        let Some(Member::Eni(name)) = side.member(c, 0) else {
            continue;
        };
        let Some(x) = eni_of(net, name) else { continue };
        let eni = &net.enis[x.i()];
        for s in &eni.security_groups {
            let id = &net.security_groups[s.i()].id;
            if !part.security_groups.contains(id) {
                part.security_groups.push(id.clone());
            }
        }
        let within = net.subnets[eni.subnet.i()].cidr.prefix_len();
        for c in facts.narrower(eni.private_ip, within) {
            let c = c.to_string();
            if !part.narrower_cidrs.contains(&c) {
                part.narrower_cidrs.push(c);
            }
        }
        public.push(eni.public_ip.is_some());
    }
    if !public.is_empty() && public.iter().all(|p| *p == public[0]) {
        part.public_ip = Some(public[0]);
    }
}
