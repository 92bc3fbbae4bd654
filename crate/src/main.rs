//! The `vpc-playground` command: trace a flow or check files, offline.
//!
//! ```text
//! vpc-playground trace FILE... --from SRC --to DST [--protocol tcp|udp|icmp] [--port N] [--json]
//! vpc-playground trace FILE... --flows FLOWS.json|- [--brief]
//! vpc-playground matrix FILE... [--from KIND|IDS] [--to KIND|IDS] [--protocol P] [--ports LIST]
//! vpc-playground diff BEFORE AFTER [matrix options]
//! vpc-playground check FILE... [--json] [--intents FILE]
//! ```
//! Exit status: 0 reachable / no errors, 1 not reachable, 2 the input could not be used.

mod cli;

use std::io::Read;
use std::process::ExitCode;
use vpc_playground::forward::{Action, Leg};
use vpc_playground::load::{self, InputFile, MAX_INPUT_BYTES, MAX_INPUT_MIB};
use vpc_playground::model::Protocol;
use vpc_playground::validate::Severity;
use vpc_playground::{trace_request, FlowSpec};

const USAGE: &str = "usage:
  vpc-playground trace FILE... --from SRC --to DST [--protocol tcp|udp|icmp] [--port N] [--json]
                      [--action s3:GetObject --resource arn:aws:s3:::bucket/key]
  vpc-playground trace FILE... --flows FLOWS.json [--brief]
  vpc-playground matrix FILE... [--from KIND|IDS] [--to KIND|IDS] [--protocol tcp|udp|icmp|any]
                      [--port N | --ports LIST|any] [--json | --csv]
  vpc-playground diff BEFORE AFTER [matrix options]
  vpc-playground check FILE... [--json] [--intents INTENTS.json]

FILE   a playground scenario, or aws ec2 describe-* output (several files are merged); a
       folder stands for every .json file below it (other AWS output in it is skipped)
SRC    an instance id, a network interface id, or an interface's private IPv4 address;
       also an on-premises address (behind a VPN gateway) or an internet address
DST    an IPv4 address, an instance or interface id, or an AWS service name
       such as com.amazonaws.us-east-1.s3
FLOWS  a JSON array of flows {from, to, protocol, port}, or one per line; - is stdin;
       one JSON result per line (--brief: the verdict only)
KIND   subnets (default), instances, interfaces, vpcs, internet, on-premises, services;
IDS    or ids and Names, comma-separated (docs/matrix.md)
Exit status: 0 reachable (check: no errors; diff: nothing changed; intents: all held),
1 not reachable (diff: something changed; intents: one broken), 2 unusable input.";

struct Args {
    command: String,
    files: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    protocol: Protocol,
    port: u16,
    json: bool,
    action: Option<String>,
    resource: Option<String>,
    flows: Option<String>,
    brief: bool,
    intents: Option<String>,
    reach: cli::reach::MatrixArgs,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut it = argv.iter();
    let command = it.next().ok_or("no command given")?.clone();
    if !["trace", "check", "matrix", "diff"].contains(&command.as_str()) {
        return Err(format!("unknown command \"{command}\""));
    }
    let mut a = Args {
        command,
        files: Vec::new(),
        from: None,
        to: None,
        protocol: Protocol::Tcp,
        port: 443,
        json: false,
        action: None,
        resource: None,
        flows: None,
        brief: false,
        intents: None,
        reach: cli::reach::MatrixArgs::default(),
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--from" => a.from = Some(value("--from")?),
            "--to" => a.to = Some(value("--to")?),
            "--protocol" => {
                let v = value("--protocol")?;
                a.protocol = match v.as_str() {
                    "tcp" => Protocol::Tcp,
                    "udp" => Protocol::Udp,
                    "icmp" => Protocol::Icmp,
                    _ if a.command != "trace" => Protocol::Tcp,
                    _ => return Err(format!("--protocol {v}: use tcp, udp or icmp")),
                };
                a.reach.protocol = Some(v);
            }
            "--port" | "--ports" => {
                let v = value(arg)?;
                if a.command == "trace" || arg == "--port" {
                    a.port = v
                        .parse()
                        .map_err(|_| format!("{arg} {v}: expected a number from 0 to 65535"))?;
                }
                a.reach.ports = Some(v);
            }
            "--json" => a.json = true,
            "--csv" => a.reach.csv = true,
            "--brief" => a.brief = true,
            "--flows" => a.flows = Some(value("--flows")?),
            "--intents" => a.intents = Some(value("--intents")?),
            "--action" => a.action = Some(value("--action")?),
            "--resource" => a.resource = Some(value("--resource")?),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            f => a.files.push(f.to_string()),
        }
    }
    if a.files.is_empty() {
        return Err("no FILE given".into());
    }
    if a.command == "trace" && a.flows.is_none() && (a.from.is_none() || a.to.is_none()) {
        return Err("trace needs --from and --to, or --flows".into());
    }
    if a.command == "diff" && a.files.len() != 2 {
        return Err("diff needs two files (or folders): BEFORE and AFTER".into());
    }
    a.reach.from = a.from.clone();
    a.reach.to = a.to.clone();
    a.reach.json = a.json;
    Ok(a)
}

/// Reads the files, stopping once their total passes the engine's input limit (pipes and
/// devices report no size, so the limit is counted while reading).
/// The files a path names: itself, or for a folder every `.json` file below it (sub-folders
/// per Region included), in name order so that a run is repeatable.
fn expand(path: &str, out: &mut Vec<String>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
    if !meta.is_dir() {
        out.push(path.to_string());
        return Ok(());
    }
    let before = out.len();
    let mut stack = vec![std::path::PathBuf::from(path)];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let p = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                out.push(p.to_string_lossy().into_owned());
            }
        }
    }
    if out.len() == before {
        return Err(format!("{path}: the folder holds no .json file"));
    }
    out[before..].sort();
    Ok(())
}

pub(crate) fn read_files(args: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut paths = Vec::new();
    for a in args {
        expand(a, &mut paths)?;
    }
    let mut out = Vec::new();
    let mut left = MAX_INPUT_BYTES as u64;
    for p in &paths {
        let mut bytes = Vec::new();
        std::fs::File::open(p)
            .and_then(|f| f.take(left + 1).read_to_end(&mut bytes))
            .map_err(|e| format!("{p}: {e}"))?;
        if bytes.len() as u64 > left {
            return Err(format!(
                "{p}: the input passes {MAX_INPUT_MIB} MiB, the limit for all files together; \
                 narrow the describe-* output (for example --filters Name=vpc-id,Values=...)"
            ));
        }
        left -= bytes.len() as u64;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "{p}: not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        out.push((p.clone(), text));
    }
    Ok(out)
}

/// Pretty JSON for stdout (serialising the engine's own types cannot fail).
fn pretty(v: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("vpc-playground: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.command == "diff" {
        return cli::reach::diff_command(&args.files, &args.reach);
    }
    let files = match read_files(&args.files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("vpc-playground: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(loaded) = load_files(&files) else {
        return ExitCode::from(2);
    };
    if args.command == "matrix" {
        return cli::reach::matrix(&loaded, &args.reach);
    }
    if let Some(i) = &args.intents {
        return cli::reach::check_intents(&loaded, i, args.json);
    }
    if let Some(f) = &args.flows {
        return match cli::flows::read_flows(f) {
            Ok(flows) => cli::flows::run(&loaded, &flows, args.brief),
            Err(e) => {
                eprintln!("vpc-playground: {e}");
                ExitCode::from(2)
            }
        };
    }
    if args.command == "check" {
        if loaded.doc.lesson.is_some() {
            return check_lessons(&files, args.json);
        }
        return check(&loaded, args.json);
    }
    trace_command(&loaded, args)
}

/// Loads the files read, or prints why not (the errors, then the other problems).
pub(crate) fn load_files(files: &[(String, String)]) -> Option<load::Loaded> {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(n, t)| InputFile { name: n, text: t })
        .collect();
    match load::load(&inputs) {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("vpc-playground: {e}");
            for d in e
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Error)
            {
                eprintln!("  {d}");
            }
            None
        }
    }
}

/// `trace`: one flow through the estate; exit 0 when it arrives, 1 when it is dropped.
fn trace_command(loaded: &load::Loaded, args: Args) -> ExitCode {
    let flow = FlowSpec {
        from: args.from.unwrap_or_default(),
        to: args.to.unwrap_or_default(),
        protocol: args.protocol,
        port: args.port,
    };
    let request = match (args.action, args.resource) {
        (Some(action), Some(resource)) => {
            Some(vpc_playground::policy::Request { action, resource })
        }
        (None, None) => None,
        _ => {
            eprintln!("vpc-playground: --action and --resource go together");
            return ExitCode::from(2);
        }
    };
    let t = match trace_request(loaded, &flow, request.as_ref()) {
        Ok(t) => t,
        Err(e) => {
            // The library says "from X: ..."; on the command line that is the --from option.
            let m = e.to_string();
            let m = if m.starts_with("from ") || m.starts_with("to ") {
                format!("--{m}")
            } else {
                m
            };
            eprintln!("vpc-playground: {m}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        println!("{}", pretty(&t));
    } else {
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        print_trace(&t);
    }
    if t.reachable() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn check(loaded: &load::Loaded, json: bool) -> ExitCode {
    if json {
        let n = &loaded.net;
        let out = serde_json::json!({
            "ok": true,
            "format": loaded.format,
            "diagnostics": loaded.diagnostics,
            "counts": {
                "vpcs": n.vpcs.len(),
                "subnets": n.subnets.len(),
                "route_tables": n.route_tables.len(),
                "interfaces": n.enis.len(),
                "peering_connections": n.peerings.len(),
                "endpoints": n.endpoints.len(),
                "transit_gateways": n.transit_gateways.len(),
                "vpn_connections": n.vpn_connections.len(),
            },
        });
        println!("{}", pretty(&out));
    } else {
        for d in &loaded.diagnostics {
            println!("{d}");
        }
        let n = &loaded.net;
        // Transit gateways and VPN connections are named only where there are some, so a
        // classroom scenario's line reads as before.
        let mut more = String::new();
        for (count, what) in [
            (n.transit_gateways.len(), "transit gateways"),
            (n.vpn_connections.len(), "VPN connections"),
        ] {
            if count > 0 {
                more.push_str(&format!(", {count} {what}"));
            }
        }
        println!(
            "ok: {} VPCs, {} subnets, {} route tables, {} interfaces, {} peering connections, \
             {} endpoints{more}; {} warnings",
            n.vpcs.len(),
            n.subnets.len(),
            n.route_tables.len(),
            n.enis.len(),
            n.peerings.len(),
            n.endpoints.len(),
            loaded.diagnostics.len()
        );
    }
    ExitCode::SUCCESS
}

/// `check` on a lesson file: goals unmet at the start, met by the solution.
fn check_lessons(files: &[(String, String)], json: bool) -> ExitCode {
    let mut ok = true;
    let mut reports = Vec::new();
    for (name, text) in files {
        match vpc_playground::lesson::check(name, text) {
            Ok(r) => {
                ok &= r.problems.is_empty();
                reports.push(r);
            }
            Err(e) => {
                eprintln!("vpc-playground: {name}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if json {
        println!("{}", pretty(&reports));
    } else {
        for r in &reports {
            println!("lesson {} ({})", r.id, r.title);
            for (s, e) in r
                .start
                .iter()
                .zip(r.solved.iter().map(Some).chain(std::iter::repeat(None)))
            {
                let after = e
                    .map(|e| if e.met { "met" } else { "NOT met" })
                    .unwrap_or("-");
                let before = if s.met { "met" } else { "unmet" };
                println!(
                    "  goal: {}
    start: {before}; solution: {after}",
                    s.text
                );
            }
            for p in &r.problems {
                println!("  problem: {p}");
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        if !json {
            eprintln!("vpc-playground: the lesson is not well-formed (see the problems above)");
        }
        ExitCode::from(2)
    }
}

fn print_trace(t: &vpc_playground::Trace) {
    let from = if t.flow.from == t.flow.source_ip.to_string() {
        t.flow.from.clone()
    } else {
        format!("{} ({})", t.flow.from, t.flow.source_ip)
    };
    println!(
        "{from} -> {} ({}), {} port {}",
        t.flow.to, t.flow.destination, t.flow.protocol, t.flow.port
    );
    let mut leg = None;
    for h in &t.hops {
        if leg != Some(h.leg) {
            println!(
                "{}",
                if h.leg == Leg::Forward {
                    "\nrequest:"
                } else {
                    "\nreply:"
                }
            );
            leg = Some(h.leg);
        }
        let mark = match h.action {
            Action::Drop => "X",
            Action::Deliver => "*",
            Action::Translate => "~",
            _ => ">",
        };
        println!("  {mark} {:<24} {}", h.component, h.detail);
        if h.header_in != h.header_out {
            println!("    {:<24} {}  =>  {}", "", h.header_in, h.header_out);
        }
    }
    println!();
    if t.reachable() {
        println!("{}", t.explanation);
    } else {
        println!(
            "NOT REACHABLE: blocked at {} [{}]",
            t.blocked_at().unwrap_or("?"),
            t.explanation_code().map(|c| c.as_str()).unwrap_or_default()
        );
        println!("{}", t.explanation);
        if let Some(f) = t.fix() {
            println!("fix: {}\n     {}", f.summary, f.cli);
        }
    }
}
