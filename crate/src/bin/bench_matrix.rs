//! Benchmark: the reachability matrix and `trace --flows` (issue 12).
//!
//! ```text
//! scripts/bench matrix [--sizes 2,20,200,2000] [--runs 3] [--flows-size 200] [--threads N]
//! ```
//!
//! `--threads 1` runs the matrix on one thread: the figure beside the page's (its wasm has
//! none), and the one that compares across machines.
//!
//! The estates are the trace benchmark's (`bench --write N FILE`): per VPC three subnets with
//! instances (`pub`, `app` with two, `db`) and an empty `spare`, peering on a ring, routes,
//! NAT and internet gateways. For each size: the load, the native subnet matrix on one port
//! (tcp 443; median of the runs), the class pairs it traced against the member pairs, and
//! what one full trace per member pair would cost (a sample of pairs timed on one thread,
//! times the number of pairs), hence the speedup over the matrix's wall time. `cpu s` is the
//! CPU time of the matrix on all threads: on a machine shared with other work it says what
//! the matrix costs when wall time cannot (so `cpu ns/pr`, CPU ns per member pair, and `vs
//! cpu`, the naive time over the matrix's CPU time, are the figures a loaded machine keeps).
//! From 1,000 VPCs the matrix is counted (`reach::tally`), not written out. Then `trace
//! --flows` on 1,000 flows through the command (a process, wall time, median of the runs),
//! full and `--brief`, against the load plus 1,000 library traces in this process.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use vpc_playground::load::{self, InputFile, Loaded};
use vpc_playground::model::Protocol;
use vpc_playground::reach::{matrix, tally, Options, Stats};
use vpc_playground::{trace, FlowSpec};

struct Args {
    sizes: Vec<usize>,
    runs: usize,
    flows_size: usize,
    /// 0: every core.
    threads: usize,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        sizes: vec![2, 20, 200],
        runs: 3,
        flows_size: 200,
        threads: 0,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut it = argv.iter();
    while let Some(x) = it.next() {
        let v = it.next().ok_or(format!("{x} needs a value"))?;
        let num = |s: &str| s.trim().parse::<usize>().map_err(|_| format!("{x}: {s}?"));
        match x.as_str() {
            "--sizes" => a.sizes = v.split(',').map(num).collect::<Result<_, _>>()?,
            "--runs" => a.runs = num(v)?.max(1),
            "--flows-size" => a.flows_size = num(v)?,
            "--threads" => a.threads = num(v)?,
            _ => return Err(format!("unknown option {x}")),
        }
    }
    Ok(a)
}

/// CPU seconds this process has used, user and system (Linux; 0 elsewhere): on a machine
/// shared with other work, wall time says little, CPU time what the matrix costs.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // After ")": state is field 3, so utime (14) and stime (15) are at 11 and 12.
    (field(11) + field(12)) / 100.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The sibling binaries (`bench`, `vpc-playground`) of this one.
fn sibling(name: &str) -> Result<PathBuf, String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    Ok(me.with_file_name(name))
}

fn write_estate(n: usize, dir: &Path) -> Result<PathBuf, String> {
    let file = dir.join(format!("estate-{n}.json"));
    let ok = Command::new(sibling("bench")?)
        .args(["--write", &n.to_string()])
        .arg(&file)
        .status()
        .map_err(|e| format!("bench --write: {e} (build it: cargo build --release --bin bench)"))?;
    if !ok.success() {
        return Err("bench --write failed".into());
    }
    Ok(file)
}

fn load_file(file: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let name = file.to_string_lossy();
    load::load(&[InputFile {
        name: &name,
        text: &text,
    }])
    .map_err(|e| e.to_string())
}

/// Seconds per full trace over a spread sample of member pairs of the matrix.
fn per_pair_trace(l: &Loaded, flows: &[FlowSpec]) -> f64 {
    let start = Instant::now();
    for f in flows {
        black_box(trace(l, f).ok());
    }
    start.elapsed().as_secs_f64() / flows.len() as f64
}

/// Flows between the estate's instances, spread over it.
fn sample_flows(l: &Loaded, count: usize, port: Option<u16>) -> Vec<FlowSpec> {
    let ids: Vec<&str> = l.net.instances.iter().map(|i| i.id.as_str()).collect();
    let n = ids.len().max(1);
    (0..count)
        .map(|k| FlowSpec {
            from: ids[(k * 7919) % n].to_string(),
            to: ids[(k * 104_729 + 5) % n].to_string(),
            protocol: Protocol::Tcp,
            port: port.unwrap_or([443, 5432, 8080, 22][k % 4]),
        })
        .collect()
}

fn bench_matrix(n: usize, dir: &Path, runs: usize) -> Result<(), String> {
    let file = write_estate(n, dir)?;
    let t = Instant::now();
    let l = load_file(&file)?;
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let o = Options::default();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut last: Option<(usize, usize, Stats)> = None;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_secs());
        // From 1,000 VPCs the cells are counted, not written out: their list (names and a
        // flow per cell) would not fit in memory at 2,000 (36 M cells).
        let m = if n >= 1000 {
            let t = tally(&l, &o).map_err(|e| e.to_string())?;
            (t.sources, t.destinations, t.stats)
        } else {
            let m = matrix(&l, &o).map_err(|e| e.to_string())?;
            (m.sources.len(), m.destinations.len(), m.stats)
        };
        times.push(t.elapsed().as_secs_f64());
        cpu.push(cpu_secs() - c);
        last = Some(m);
    }
    let (rows, cols, stats) = last.ok_or("no run")?;
    let secs = median(times);
    let cpu = median(cpu);
    let pairs = stats.member_pairs;
    let sample = sample_flows(&l, 2000, Some(443));
    let per = per_pair_trace(&l, &sample);
    let naive = per * pairs as f64;
    println!(
        "{n:>6} {:>5}x{:<5} {:>11} {:>9} {load_ms:>9.0} {:>10.3} {cpu:>8.2} {:>9.0} {:>10.2} {:>9.1}x {:>10}",
        rows,
        cols,
        pairs,
        stats.traces,
        secs,
        cpu * 1e9 / pairs as f64,
        naive,
        naive / secs,
        // CPU time is counted in 10 ms ticks: below a few, no ratio.
        if cpu >= 0.05 {
            format!("{:.1}x", naive / cpu)
        } else {
            "-".to_string()
        },
    );
    Ok(())
}

/// Wall seconds of one command run.
fn run_command(file: &Path, flows: &Path, brief: bool) -> Result<f64, String> {
    let mut c = Command::new(sibling("vpc-playground")?);
    c.arg("trace").arg(file).arg("--flows").arg(flows);
    if brief {
        c.arg("--brief");
    }
    let t = Instant::now();
    let out = c.output().map_err(|e| format!("vpc-playground: {e}"))?;
    let secs = t.elapsed().as_secs_f64();
    let lines = out.stdout.iter().filter(|b| **b == b'\n').count();
    if lines != 1000 {
        return Err(format!("trace --flows printed {lines} lines, not 1,000"));
    }
    Ok(secs)
}

fn bench_flows(n: usize, dir: &Path, runs: usize) -> Result<(), String> {
    let file = write_estate(n, dir)?;
    let l = load_file(&file)?;
    let flows = sample_flows(&l, 1000, None);
    let lines: Vec<String> = flows
        .iter()
        .map(|f| {
            serde_json::json!({"from": f.from, "to": f.to, "protocol": "tcp", "port": f.port})
                .to_string()
        })
        .collect();
    let flows_file = dir.join("flows.jsonl");
    std::fs::write(&flows_file, lines.join("\n")).map_err(|e| e.to_string())?;
    let mut base = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let l = load_file(&file)?;
        for f in &flows {
            black_box(trace(&l, f).ok());
        }
        base.push(t.elapsed().as_secs_f64());
    }
    let base = median(base);
    let full = median(
        (0..runs)
            .map(|_| run_command(&file, &flows_file, false))
            .collect::<Result<_, _>>()?,
    );
    let brief = median(
        (0..runs)
            .map(|_| run_command(&file, &flows_file, true))
            .collect::<Result<_, _>>()?,
    );
    println!("\ntrace --flows, 1,000 flows on the {n}-VPC estate (median of {runs}):");
    println!(
        "  load + 1,000 library traces (in process): {:>8.1} ms",
        base * 1e3
    );
    println!(
        "  vpc-playground trace --flows (a process):  {:>8.1} ms  ({:.2}x)",
        full * 1e3,
        full / base
    );
    println!(
        "  vpc-playground trace --flows --brief:      {:>8.1} ms  ({:.2}x)",
        brief * 1e3,
        brief / base
    );
    Ok(())
}

/// Sets the matrix's thread pool (`--threads`, 0: one per core); returns its size. Rayon is
/// native only, and the crate's tests for the page build this binary for wasm32 too.
#[cfg(not(target_arch = "wasm32"))]
fn threads(n: usize) -> Result<usize, String> {
    if n > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    Ok(rayon::current_num_threads())
}

#[cfg(target_arch = "wasm32")]
fn threads(_: usize) -> Result<usize, String> {
    Ok(1)
}

fn main() -> std::process::ExitCode {
    let run = || -> Result<(), String> {
        let a = parse()?;
        let threads = threads(a.threads)?;
        let dir = std::env::temp_dir().join(format!("vpc-bench-matrix-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        println!(
            "subnet matrix, tcp 443, {} threads; median of {} runs; naive = one full trace per member pair",
            threads,
            a.runs
        );
        println!(
            "{:>6} {:>11} {:>11} {:>9} {:>9} {:>10} {:>8} {:>9} {:>10} {:>10} {:>10}",
            "VPCs",
            "groups",
            "pairs",
            "traces",
            "load ms",
            "matrix s",
            "cpu s",
            "cpu ns/pr",
            "naive s",
            "vs wall",
            "vs cpu"
        );
        for &n in &a.sizes {
            let runs = if n >= 2000 { 1 } else { a.runs };
            bench_matrix(n, &dir, runs)?;
        }
        if a.flows_size > 0 {
            bench_flows(a.flows_size, &dir, a.runs.max(3))?;
        }
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    };
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-matrix: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
