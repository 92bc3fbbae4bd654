//! `trace FILE... --flows FLOWS.json [--brief]`: load once, trace every flow, one JSON result
//! per line. `--brief` gives the verdict only and never builds the hop sentences.

use serde::Serialize;
use std::io::{BufWriter, Read, Write};
use std::process::ExitCode;
use vpc_playground::format::scenario::FlowDoc;
use vpc_playground::forward::{trace_request, verdict, FlowSpec, Verdict};
use vpc_playground::load::Loaded;

/// Reads the flows: a JSON array, or one JSON flow per line; `-` is stdin.
pub fn read_flows(path: &str) -> Result<Vec<FlowDoc>, String> {
    let mut text = String::new();
    if path == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("--flows -: {e}"))?;
    } else {
        text = std::fs::read_to_string(path).map_err(|e| format!("--flows {path}: {e}"))?;
    }
    parse_flows(&text).map_err(|e| format!("--flows {path}: {e}"))
}

/// Parses flows from text: a JSON array of flows, or JSON lines.
pub fn parse_flows(text: &str) -> Result<Vec<FlowDoc>, String> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') {
        return serde_json::from_str(t)
            .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()));
    }
    let mut out = Vec::new();
    for (i, line) in t.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: FlowDoc = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        out.push(f);
    }
    Ok(out)
}

#[derive(Serialize)]
struct Brief<'a> {
    flow: &'a FlowDoc,
    #[serde(flatten)]
    verdict: Verdict,
}

#[derive(Serialize)]
struct Failed<'a> {
    flow: &'a FlowDoc,
    error: String,
}

/// Traces each flow and prints one line of JSON for it. Exit 0 when every flow is
/// reachable, 1 when one is not or names something unknown (its line says why).
pub fn run(loaded: &Loaded, flows: &[FlowDoc], brief: bool) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all = true;
    for f in flows {
        let line = match one(loaded, f, brief) {
            Ok((reachable, line)) => {
                all &= reachable;
                line
            }
            Err(error) => {
                all = false;
                serde_json::to_string(&Failed { flow: f, error }).unwrap_or_default()
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if all {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One flow's line: whether it is reachable, and the JSON.
fn one(loaded: &Loaded, f: &FlowDoc, brief: bool) -> Result<(bool, String), String> {
    let spec = FlowSpec::from_parts(&f.from, &f.to, f.protocol.as_deref(), f.port)
        .map_err(|e| e.to_string())?;
    let request = f.request.as_ref();
    if brief {
        let v = verdict(loaded, &spec, request).map_err(|e| e.to_string())?;
        let reachable = v.reachable;
        let line = serde_json::to_string(&Brief {
            flow: f,
            verdict: v,
        })
        .unwrap_or_default();
        Ok((reachable, line))
    } else {
        let t = trace_request(loaded, &spec, request).map_err(|e| e.to_string())?;
        Ok((t.reachable(), serde_json::to_string(&t).unwrap_or_default()))
    }
}
