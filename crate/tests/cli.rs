//! The `vpc-playground` command on bad input and bad arguments: exit status 2, nothing on
//! stdout, and a message on stderr that says where (file and line/column, or resource id and
//! field, or the argument). Never a panic, never a hang: every run has a deadline.
//!
//! Also the contract of a good run: `check` exits 0 on a scenario with warnings, and
//! `trace --json` prints one JSON object and exits 0 (reachable) or 1 (blocked).
//!
//! Small fixtures live in tests/data/bad/; big or deep files are generated in a temporary
//! directory at test time.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use vpc_playground::load::MAX_INPUT_MIB;

const BIN: &str = env!("CARGO_BIN_EXE_vpc-playground");
/// Generous: a debug build on a busy machine; a hang is minutes, not seconds.
const DEADLINE: Duration = Duration::from_secs(30);

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name);
    p.to_string_lossy().into_owned()
}

fn default_scenario() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/scenarios/default.json");
    p.to_string_lossy().into_owned()
}

/// A fresh temporary directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let p =
            std::env::temp_dir().join(format!("vpc-playground-cli-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create a temporary directory");
        TempDir(p)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).expect("write a temporary file");
        p.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Waits for `child`, killing it and failing the test if it outlives the deadline.
fn wait_with_deadline(mut child: Child, what: &str) -> Output {
    let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let read_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(o) = out.as_mut() {
            let _ = o.read_to_end(&mut v);
        }
        v
    });
    let read_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(e) = err.as_mut() {
            let _ = e.read_to_end(&mut v);
        }
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for the command") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("vpc-playground {what} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Output {
        status,
        stdout: read_out.join().unwrap_or_default(),
        stderr: read_err.join().unwrap_or_default(),
    }
}

fn run(args: &[&str]) -> Output {
    let child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vpc-playground");
    wait_with_deadline(child, &args.join(" "))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exit status 2, nothing on stdout, no panic, and stderr containing every needle; returns stderr.
fn assert_refused(out: &Output, needles: &[&str]) -> String {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit status; stdout: {stdout}\nstderr: {stderr}"
    );
    assert!(stdout.is_empty(), "stdout must be empty, got: {stdout}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks {n:?}: {stderr}");
    }
    stderr
}

// ---- unusable files -----------------------------------------------------------------------

#[test]
fn truncated_json_exits_2_with_line_and_column() {
    let f = fixture("truncated.json");
    let out = run(&["check", &f]);
    assert_refused(
        &out,
        &["truncated.json", "not valid JSON", "EOF", "line 4 column 0"],
    );
    let out = run(&["trace", &f, "--from", "i-a", "--to", "10.0.0.1"]);
    assert_refused(&out, &["truncated.json", "line 4 column 0"]);
}

#[test]
fn trailing_comma_exits_2_with_line_and_column() {
    let out = run(&["check", &fixture("trailing-comma.json")]);
    assert_refused(
        &out,
        &["trailing-comma.json", "trailing comma", "line 4 column"],
    );
}

#[test]
fn cidr_as_a_number_exits_2_naming_the_path() {
    let out = run(&["check", &fixture("cidr-number.json")]);
    assert_refused(
        &out,
        &[
            "cidr-number.json",
            "vpcs[0].cidr",
            "expected a string",
            "line 2",
        ],
    );
}

#[test]
fn cidr_with_host_bits_exits_2_naming_resource_and_field() {
    let out = run(&["check", &fixture("cidr-host-bits.json")]);
    assert_refused(
        &out,
        &["vpc-a cidr", "10.0.0.1/16", "did you mean 10.0.0.0/16"],
    );
}

#[test]
fn misspelled_field_exits_2_naming_it() {
    let out = run(&["check", &fixture("unknown-field.json")]);
    assert_refused(
        &out,
        &[
            "unknown-field.json",
            "vpcs[0].cidr_block",
            "unknown field `cidr_block`",
        ],
    );
}

#[test]
fn missing_security_group_exits_2_naming_instance_and_group() {
    let out = run(&["check", &fixture("missing-security-group.json")]);
    assert_refused(&out, &["i-a security_groups[0]", "sg-gone"]);
}

#[test]
fn empty_file_exits_2() {
    let out = run(&["check", &fixture("empty.json")]);
    assert_refused(&out, &["empty.json", "the file is empty"]);
}

#[test]
fn top_level_array_exits_2() {
    let out = run(&["check", &fixture("top-level-array.json")]);
    assert_refused(
        &out,
        &["top-level-array.json", "JSON object at the top level"],
    );
}

#[test]
fn non_utf8_file_exits_2_with_the_offset() {
    let out = run(&["check", &fixture("latin1.json")]);
    assert_refused(&out, &["latin1.json", "not UTF-8", "offset 13"]);
}

#[test]
fn byte_order_mark_loads_or_is_named() {
    let out = run(&["check", &fixture("bom.json")]);
    if out.status.code() != Some(0) {
        assert_refused(&out, &["bom.json", "line 1 column 1"]);
    }
}

#[test]
fn missing_file_exits_2_naming_it() {
    let out = run(&["check", "no/such/file.json"]);
    assert_refused(&out, &["no/such/file.json"]);
}

#[test]
fn directory_instead_of_a_file_exits_2() {
    let dir = TempDir::new("directory");
    let d = dir.0.to_string_lossy().into_owned();
    let out = run(&["check", &d]);
    assert_refused(&out, &[&d]);
}

#[test]
fn deeply_nested_json_exits_2_without_stack_overflow() {
    let dir = TempDir::new("deep");
    let f = dir.file("deep.json", "[".repeat(100_000).as_bytes());
    let out = run(&["check", &f]);
    assert_refused(&out, &["deep.json", "recursion limit", "line 1 column"]);
    let lesson = format!("{{\"lesson\": {}", "{\"a\": ".repeat(100_000));
    let f = dir.file("deep-lesson.json", lesson.as_bytes());
    let out = run(&["check", &f]);
    assert_refused(&out, &["deep-lesson.json", "recursion limit"]);
}

#[test]
fn file_over_the_input_limit_is_refused_quickly() {
    let dir = TempDir::new("big");
    let size = (MAX_INPUT_MIB + 1) * 1024 * 1024;
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(b"{\"name\": \"");
    body.resize(size - 2, b'x');
    body.extend_from_slice(b"\"}");
    let f = dir.file("big.json", &body);
    drop(body);
    let start = Instant::now();
    let out = run(&["check", &f]);
    let took = start.elapsed();
    let limit = format!("passes {MAX_INPUT_MIB} MiB, the limit for all files together");
    assert_refused(&out, &["big.json", &limit]);
    assert!(took < Duration::from_secs(5), "refusing took {took:?}");
}

/// A pipe or device has no size to check up front, so the limit must apply while reading.
#[cfg(target_os = "linux")]
#[test]
fn endless_stream_is_cut_off_at_the_size_limit() {
    let mut child = Command::new(BIN)
        .args(["check", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vpc-playground");
    let mut stdin = child.stdin.take().expect("stdin");
    // Offer twice the limit; a reader that stops at the limit closes the pipe long before
    // the end.
    let writer = std::thread::spawn(move || {
        let chunk = vec![b' '; 1024 * 1024];
        let mut sent = 0usize;
        for _ in 0..2 * MAX_INPUT_MIB {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
        sent
    });
    let out = wait_with_deadline(child, "check /dev/stdin");
    let sent = writer.join().expect("writer");
    assert_refused(&out, &["/dev/stdin", "limit"]);
    assert!(
        sent < (MAX_INPUT_MIB + 16) * 1024 * 1024,
        "the command read {} MB before refusing",
        sent / (1024 * 1024)
    );
}

// ---- bad arguments ------------------------------------------------------------------------

#[test]
fn unknown_source_exits_2_naming_it() {
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "i-nope",
        "--to",
        "i-db1",
    ]);
    assert_refused(&out, &["--from i-nope"]);
}

#[test]
fn unknown_destination_exits_2_naming_it() {
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "i-app1",
        "--to",
        "i-nope",
    ]);
    assert_refused(&out, &["--to i-nope"]);
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "i-app1",
        "--to",
        "com.amazonaws.us-east-1.nope",
    ]);
    assert_refused(
        &out,
        &["com.amazonaws.us-east-1.nope", "unknown AWS service"],
    );
}

#[test]
fn source_that_is_not_an_interface_exits_2() {
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "igw-shop",
        "--to",
        "i-db1",
    ]);
    assert_refused(&out, &["--from igw-shop"]);
}

#[test]
fn bad_port_exits_2_naming_it() {
    for port in ["abc", "70000", "-1", ""] {
        let out = run(&[
            "trace",
            &default_scenario(),
            "--from",
            "i-app1",
            "--to",
            "i-db1",
            "--port",
            port,
        ]);
        assert_refused(&out, &[&format!("--port {port}"), "0 to 65535"]);
    }
}

#[test]
fn bad_protocol_exits_2_naming_it() {
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "i-app1",
        "--to",
        "i-db1",
        "--protocol",
        "sctp",
    ]);
    assert_refused(&out, &["--protocol sctp"]);
}

#[test]
fn missing_destination_exits_2() {
    let out = run(&["trace", &default_scenario(), "--from", "i-app1"]);
    assert_refused(&out, &["--to"]);
    let out = run(&["trace", &default_scenario(), "--from", "i-app1", "--to"]);
    assert_refused(&out, &["--to needs a value"]);
}

#[test]
fn missing_file_argument_exits_2() {
    let out = run(&["check"]);
    assert_refused(&out, &["no FILE"]);
}

#[test]
fn unknown_command_and_option_exit_2() {
    assert_refused(&run(&["frobnicate"]), &["unknown command \"frobnicate\""]);
    assert_refused(&run(&[]), &["no command"]);
    assert_refused(
        &run(&["check", &default_scenario(), "--bogus"]),
        &["unknown option --bogus"],
    );
}

// ---- check --------------------------------------------------------------------------------

#[test]
fn check_exits_0_on_a_scenario_with_warnings() {
    let out = run(&["check", &fixture("missing-peering.json")]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("warning: rtb-a routes[0].target") && stdout.contains("pcx-gone"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 warnings") || stdout.contains("1 warning"),
        "{stdout}"
    );
}

#[test]
fn check_json_exits_0_and_lists_the_warning() {
    let out = run(&["check", "--json", &fixture("missing-peering.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(
        diags
            .iter()
            .any(|d| d["severity"] == "warning" && d["resource"] == "rtb-a"),
        "{v}"
    );
}

#[test]
fn check_exits_2_on_errors() {
    let out = run(&["check", &fixture("missing-security-group.json")]);
    assert_refused(&out, &["error:"]);
}

#[test]
fn check_exits_0_on_the_default_scenario() {
    let out = run(&["check", &default_scenario()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("ok: 2 VPCs"),
        "{}",
        text(&out.stdout)
    );
}

// ---- trace --json -------------------------------------------------------------------------

const CONTRACT_KEYS: &[&str] = &[
    "reachable",
    "path",
    "blocked_at",
    "explanation_code",
    "explanation",
    "fix",
    "hops",
];

/// Runs `trace --json` on the default scenario; stdout must be exactly one JSON object.
fn trace_json(to: &str, port: &str) -> (Option<i32>, Value) {
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "i-app1",
        "--to",
        to,
        "--port",
        port,
        "--json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {}\nstderr: {}",
            text(&out.stdout),
            text(&out.stderr)
        )
    });
    assert!(v.is_object(), "{v}");
    for k in CONTRACT_KEYS {
        assert!(v.get(k).is_some(), "key {k} missing: {v}");
    }
    (out.status.code(), v)
}

#[test]
fn trace_json_blocked_flow_exits_1_with_where_and_why() {
    let (code, v) = trace_json("i-db1", "5432");
    assert_eq!(code, Some(1));
    assert_eq!(v["reachable"], false);
    assert_eq!(v["blocked_at"], "rtb-db");
    assert_eq!(v["explanation_code"], "NO_ROUTE_TO_DESTINATION");
    assert!(
        v["explanation"]
            .as_str()
            .is_some_and(|s| s.contains("rtb-db")),
        "{v}"
    );
    assert!(v["fix"].is_object(), "a missing route has a fix: {v}");
    assert_eq!(v["reason"]["kind"], "no-route", "{v}");
    assert_eq!(v["reason"]["table"], "rtb-db", "{v}");
    assert!(v["hops"].as_array().is_some_and(|h| !h.is_empty()), "{v}");
}

#[test]
fn trace_json_reachable_flow_to_s3_exits_0_through_the_endpoint() {
    let (code, v) = trace_json("com.amazonaws.us-east-1.s3", "443");
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["reachable"], true);
    assert!(v["blocked_at"].is_null() && v["explanation_code"].is_null() && v["fix"].is_null());
    assert!(v["reason"].is_null(), "{v}");
    let path: Vec<&str> = v["path"]
        .as_array()
        .expect("path")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(path.contains(&"vpce-s3"), "{path:?}");
    assert!(!path.contains(&"nat-shop"), "{path:?}");
}

#[test]
fn trace_text_blocked_flow_exits_1_and_names_the_block() {
    let out = run(&[
        "trace",
        &default_scenario(),
        "--from",
        "i-app1",
        "--to",
        "i-db1",
        "--port",
        "5432",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("NOT REACHABLE: blocked at rtb-db [NO_ROUTE_TO_DESTINATION]"),
        "{stdout}"
    );
}

// ---- folders ---------------------------------------------------------------------------

#[test]
fn a_folder_stands_for_every_json_file_below_it() {
    let dir = TempDir::new("folder");
    std::fs::create_dir_all(dir.0.join("us-east-1")).expect("a sub-folder");
    dir.file(
        "us-east-1/Vpcs.json",
        br#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "1"}]}"#,
    );
    dir.file("us-east-1/Addresses.json", br#"{"Addresses": []}"#);
    dir.file("notes.txt", b"not json, not read");
    let out = run(&["check", &dir.0.to_string_lossy()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("ok: 1 VPCs"), "{stdout}");
    assert!(stdout.contains("Addresses.json: skipped"), "{stdout}");
    assert!(!stdout.contains("notes.txt"), "{stdout}");
}

#[test]
fn a_folder_without_json_files_exits_2_naming_it() {
    let dir = TempDir::new("empty-folder");
    dir.file("readme.txt", b"nothing here");
    let out = run(&["check", &dir.0.to_string_lossy()]);
    assert_refused(&out, &["the folder holds no .json file"]);
}
