//! `matrix`, `diff` and `check --intents`: the command's side of `vpc_playground::reach`.

use std::process::ExitCode;
use vpc_playground::forward::Verdict;
use vpc_playground::load::Loaded;
use vpc_playground::reach::{self, Cell, Matrix, Options, Part};

/// The matrix options as given on the command line.
#[derive(Default)]
pub struct MatrixArgs {
    pub from: Option<String>,
    pub to: Option<String>,
    pub protocol: Option<String>,
    pub ports: Option<String>,
    pub json: bool,
    pub csv: bool,
}

impl MatrixArgs {
    pub fn options(&self) -> Result<Options, String> {
        Options::parse(
            self.from.as_deref(),
            self.to.as_deref(),
            self.protocol.as_deref(),
            self.ports.as_deref(),
        )
        .map_err(|e| e.to_string())
    }
}

/// `matrix`: prints the matrix; exit 0, or 2 when an option names nothing in the input.
pub fn matrix(loaded: &Loaded, args: &MatrixArgs) -> ExitCode {
    let m = match args
        .options()
        .and_then(|o| reach::matrix(loaded, &o).map_err(|e| format!("--from/--to: {e}")))
    {
        Ok(m) => m,
        Err(e) => {
            eprintln!("vpc-playground: {e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&m).unwrap_or_default());
    } else if args.csv {
        print_csv(&m.cells);
    } else {
        print_matrix(&m);
    }
    ExitCode::SUCCESS
}

/// A verdict in a few words: `reachable`, or where and why it stops.
pub fn verdict_text(v: &Verdict) -> String {
    if v.reachable {
        return "reachable".into();
    }
    let kind = v
        .component
        .and_then(|c| serde_json::to_value(c).ok())
        .and_then(|c| c.as_str().map(str::to_string))
        .unwrap_or_default();
    format!(
        "blocked at {} ({kind}) [{}]",
        v.blocked_at.as_deref().unwrap_or("?"),
        v.explanation_code.map(|c| c.as_str()).unwrap_or_default()
    )
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn print_csv(cells: &[Cell]) {
    println!(
        "from,to,protocol,port,reachable,blocked_at,component,explanation_code,flow_from,flow_to"
    );
    for c in cells {
        let v = &c.verdict;
        let comp = v
            .component
            .and_then(|c| serde_json::to_value(c).ok())
            .and_then(|c| c.as_str().map(str::to_string))
            .unwrap_or_default();
        let fields = [
            c.from.clone(),
            c.to.clone(),
            c.protocol.to_string(),
            c.port.to_string(),
            v.reachable.to_string(),
            v.blocked_at.clone().unwrap_or_default(),
            comp,
            v.explanation_code
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            c.flow.from.clone(),
            c.flow.to.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        println!("{}", line.join(","));
    }
}

/// A part's name for the legend: its label, its Name, and for a split group what sets it
/// apart.
pub fn part_text(p: &Part) -> String {
    let mut s = p.label.clone();
    if !p.name.is_empty() {
        s.push_str(&format!(" ({})", p.name));
    }
    if p.parts > 1 {
        s.push_str(&format!(
            ": part {} of {} [{}]",
            p.part,
            p.parts,
            p.members.join(", ")
        ));
        if !p.security_groups.is_empty() {
            s.push_str(&format!(" groups {}", p.security_groups.join(" ")));
        }
        if !p.narrower_cidrs.is_empty() {
            s.push_str(&format!("; named by {}", p.narrower_cidrs.join(" ")));
        }
    }
    s
}

fn print_matrix(m: &Matrix) {
    let st = &m.stats;
    println!(
        "{} sources x {} destinations; {} traces for {} member pairs and ports",
        m.sources.len(),
        m.destinations.len(),
        st.traces,
        st.member_pairs
    );
    let split: Vec<&Part> = m
        .sources
        .iter()
        .chain(&m.destinations)
        .filter(|p| p.parts > 1)
        .collect();
    for p in &split {
        println!("split: {}", part_text(p));
    }
    if m.destinations.len() > 12 || m.sources.len() > 200 {
        for c in &m.cells {
            println!(
                "{} -> {} {} {}: {}",
                c.from,
                c.to,
                c.protocol,
                c.port,
                cell_text(c)
            );
        }
        return;
    }
    let mut probes: Vec<(String, u16)> = Vec::new();
    for c in &m.cells {
        let k = (c.protocol.to_string(), c.port);
        if !probes.contains(&k) {
            probes.push(k);
        }
    }
    let mut legend: Vec<String> = Vec::new();
    for (proto, port) in &probes {
        println!("\n{proto} port {port}: row = source, column = destination");
        print_grid(m, proto, *port, &mut legend);
    }
    println!();
    for (i, p) in m.destinations.iter().enumerate() {
        println!("D{:<3} {}", i + 1, part_text(p));
    }
    for (i, l) in legend.iter().enumerate() {
        println!("x{:<3} {l}", i + 1);
    }
}

fn cell_text(c: &Cell) -> String {
    match &c.error {
        Some(e) => format!("not traced: {e}"),
        None => verdict_text(&c.verdict),
    }
}

fn print_grid(m: &Matrix, proto: &str, port: u16, legend: &mut Vec<String>) {
    let w = m
        .sources
        .iter()
        .map(|p| p.label.len())
        .max()
        .unwrap_or(4)
        .min(40);
    let mut head = format!("{:w$}", "");
    for i in 0..m.destinations.len() {
        head.push_str(&format!(" {:>5}", format!("D{}", i + 1)));
    }
    println!("{head}");
    for s in &m.sources {
        let mut line = format!("{:w$}", s.label);
        for d in &m.destinations {
            let c = m.cells.iter().find(|c| {
                c.from == s.label
                    && c.to == d.label
                    && c.port == port
                    && c.protocol.to_string() == proto
            });
            let t = match c {
                None => "-".to_string(),
                Some(c) if c.verdict.reachable => "ok".to_string(),
                Some(c) => {
                    let text = cell_text(c);
                    let i = legend.iter().position(|l| *l == text).unwrap_or_else(|| {
                        legend.push(text);
                        legend.len() - 1
                    });
                    format!("x{}", i + 1)
                }
            };
            line.push_str(&format!(" {t:>5}"));
        }
        println!("{line}");
    }
}

/// `diff BEFORE AFTER`: the cells that changed; exit 0 when none did, 1 when some did.
pub fn diff_command(paths: &[String], args: &MatrixArgs) -> ExitCode {
    let load = |p: &String| {
        let files = crate::read_files(std::slice::from_ref(p))
            .map_err(|e| eprintln!("vpc-playground: {e}"))
            .ok()?;
        crate::load_files(&files)
    };
    let (Some(before), Some(after)) = (load(&paths[0]), load(&paths[1])) else {
        return ExitCode::from(2);
    };
    let d = match args
        .options()
        .and_then(|o| reach::diff(&before, &after, &o).map_err(|e| format!("--from/--to: {e}")))
    {
        Ok(d) => d,
        Err(e) => {
            eprintln!("vpc-playground: {e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default());
    } else {
        println!("{} of {} cells changed", d.changes.len(), d.cells);
        for c in &d.changes {
            println!("{} -> {} {} {}:", c.from, c.to, c.protocol, c.port);
            println!("  before: {}", verdict_text(&c.before));
            println!("  after:  {}", verdict_text(&c.after));
            if let Some(r) = &c.changed_resource {
                println!("  changed: {r}");
            }
            println!(
                "  trace: --from {} --to {} --protocol {} --port {}",
                c.flow.from, c.flow.to, c.flow.protocol, c.flow.port
            );
        }
    }
    if d.changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `check --intents FILE`: each intent held or broken; exit 0 when all held, 1 when not.
pub fn check_intents(loaded: &Loaded, path: &str, json: bool) -> ExitCode {
    let results = std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: {e}"))
        .and_then(|t| reach::parse_intents(&t).map_err(|e| format!("{path}: {e}")))
        .and_then(|i| reach::check_intents(loaded, &i).map_err(|e| format!("{path}: {e}")));
    let results = match results {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vpc-playground: {e}");
            return ExitCode::from(2);
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).unwrap_or_default()
        );
    } else {
        for (k, r) in results.iter().enumerate() {
            let name = if r.intent.name.is_empty() {
                format!("intent {}", k + 1)
            } else {
                r.intent.name.clone()
            };
            println!(
                "{}: {name} ({} cells)",
                if r.held { "held" } else { "BROKEN" },
                r.cells
            );
            if let Some(c) = &r.counterexample {
                println!(
                    "  counterexample: {} -> {} {} {}: {}",
                    c.flow.from,
                    c.flow.to,
                    c.protocol,
                    c.port,
                    cell_text(c)
                );
            }
        }
    }
    if results.iter().all(|r| r.held) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
