//! The reachability matrix, diff and intents (issue 12).
//!
//! The central property: every cell agrees with `trace` run on the cell's representative
//! flow, and with `trace` run on every other member pair the cell stands for (the grouping is
//! exact). Checked on the shipped scenarios and lessons and on seeded random small estates.

mod common;

use common::loaded;
use serde_json::{json, Value};
use std::path::Path;
use vpc_playground::forward::Verdict;
use vpc_playground::load::{load, InputFile, Loaded};
use vpc_playground::model::Protocol;
use vpc_playground::reach::{self, Expect, Matrix, Options, Ports, Selector};
use vpc_playground::{trace, FlowSpec};

fn verdict(l: &Loaded, from: &str, to: &str, protocol: Protocol, port: u16) -> Verdict {
    let f = FlowSpec {
        from: from.into(),
        to: to.into(),
        protocol,
        port,
    };
    match trace(l, &f) {
        Ok(t) => Verdict::of(&t),
        Err(e) => panic!("{from} -> {to}: {e}"),
    }
}

fn opts(from: &str, to: &str, protocol: &str, ports: &str) -> Options {
    Options {
        from: Selector::parse(from),
        to: Selector::parse(to),
        protocols: reach::parse_protocols(protocol).unwrap(),
        ports: reach::parse_ports(ports).unwrap(),
    }
}

/// Every cell agrees with `trace` on its flow, and on every member pair of its two parts.
/// With `sample_ports`, each sampled port is checked against the cell of its port class.
fn check_exact(l: &Loaded, m: &Matrix, what: &str, sample_ports: &[u16]) -> usize {
    let mut checked = 0;
    for c in &m.cells {
        assert_eq!(c.error, None, "{what}: {c:?}");
        let v = verdict(l, &c.flow.from, &c.flow.to, c.flow.protocol, c.flow.port);
        assert_eq!(
            v, c.verdict,
            "{what}: cell {} -> {} disagrees with trace",
            c.from, c.to
        );
    }
    for s in &m.sources {
        assert_eq!(
            s.members.len(),
            s.member_count,
            "{what}: small estates list every member"
        );
        for d in &m.destinations {
            for c in m
                .cells
                .iter()
                .filter(|c| c.from == s.label && c.to == d.label)
            {
                let mut ports = vec![c.port];
                ports.extend(
                    sample_ports
                        .iter()
                        .filter(|&&p| port_class(m, c.protocol, p) == c.port),
                );
                for x in &s.members {
                    for y in d.members.iter().filter(|y| *y != x) {
                        for &p in &ports {
                            let v = verdict(l, x, y, c.protocol, p);
                            assert_eq!(
                                v, c.verdict,
                                "{what}: {x} -> {y} port {p} differs from its cell {} -> {}",
                                c.from, c.to
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    checked
}

/// The representative port of the class `p` falls in: the greatest probe port not above it.
fn port_class(m: &Matrix, protocol: Protocol, p: u16) -> u16 {
    m.cells
        .iter()
        .filter(|c| c.protocol == protocol && c.port <= p)
        .map(|c| c.port)
        .max()
        .unwrap_or(0)
}

fn load_file(path: &Path) -> Option<Loaded> {
    let text = std::fs::read_to_string(path).ok()?;
    let name = path.to_string_lossy().to_string();
    load(&[InputFile {
        name: &name,
        text: &text,
    }])
    .ok()
}

fn shipped() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for dir in ["../www/scenarios", "../www/lessons", "tests/data"] {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

// ---- the property on shipped files ----------------------------------------------------------

#[test]
fn every_cell_of_every_shipped_scenario_and_lesson_agrees_with_trace() {
    let mut files = 0;
    let mut pairs = 0;
    for p in shipped() {
        let Some(l) = load_file(&p) else { continue };
        files += 1;
        let what = p.display().to_string();
        for (from, to) in [
            ("subnets", "subnets"),
            ("instances", "internet"),
            ("internet", "subnets"),
            ("subnets", "services"),
            ("on-premises", "subnets"),
            ("subnets", "on-premises"),
        ] {
            let m = reach::matrix(&l, &opts(from, to, "tcp", "22,443,5432")).unwrap();
            pairs += check_exact(&l, &m, &format!("{what} {from}->{to}"), &[]);
        }
    }
    assert!(files >= 14, "only {files} shipped files loaded");
    assert!(pairs > 500, "only {pairs} member pairs checked");
}

// ---- the property on random estates ---------------------------------------------------------

/// A small seeded generator (xorshift), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn ip(v: usize, s: usize, h: usize) -> String {
    format!("10.{v}.{s}.{h}")
}

/// Two or three VPCs of two subnets, peered in a line, with random groups, ACLs, /32 routes
/// and rules that name single addresses.
fn random_estate(seed: u64) -> Value {
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let nv = 2 + r.below(2);
    let hosts: Vec<Vec<Vec<String>>> = (0..nv)
        .map(|v| {
            (0..2)
                .map(|s| (0..1 + r.below(3)).map(|h| ip(v, s, 10 + h)).collect())
                .collect()
        })
        .collect();
    let all: Vec<String> = hosts.iter().flatten().flatten().cloned().collect();
    let (mut vpcs, mut subnets, mut tables, mut sgs, mut acls, mut insts, mut igws) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let peers: Vec<Value> = (1..nv)
        .map(|v| json!({"id": format!("pcx-{v}"), "requester": format!("vpc-{}", v - 1), "accepter": format!("vpc-{v}")}))
        .collect();
    for v in 0..nv {
        vpcs.push(json!({"id": format!("vpc-{v}"), "cidr": format!("10.{v}.0.0/16")}));
        let igw = r.chance(60);
        if igw {
            igws.push(json!({"id": format!("igw-{v}"), "vpc": format!("vpc-{v}")}));
        }
        for k in 0..2 {
            let peer_cidr = |r: &mut Rng| {
                let choices = [
                    "0.0.0.0/0".to_string(),
                    "10.0.0.0/8".to_string(),
                    format!("10.{v}.0.0/16"),
                    format!("10.{}.{}.0/24", r.below(nv), r.below(2)),
                    format!("{}/32", r.pick(&all)),
                ];
                r.pick(&choices).clone()
            };
            let mut ingress = vec![];
            for _ in 0..1 + r.below(3) {
                let ports = r
                    .pick(&[
                        json!(22),
                        json!(443),
                        json!("1000-2000"),
                        json!(5432),
                        json!("0-65535"),
                    ])
                    .clone();
                let mut rule = json!({"protocol": "tcp", "ports": ports});
                if r.chance(25) {
                    rule["group"] = json!(format!("sg-{v}-{}", r.below(2)));
                } else {
                    rule["cidr"] = json!(peer_cidr(&mut r));
                }
                ingress.push(rule);
            }
            sgs.push(
                json!({"id": format!("sg-{v}-{k}"), "vpc": format!("vpc-{v}"), "ingress": ingress}),
            );
        }
        if r.chance(50) {
            let deny = format!("{}/32", r.pick(&all));
            let port = r.pick(&[22, 443, 5432]);
            acls.push(json!({"id": format!("acl-{v}"), "vpc": format!("vpc-{v}"), "subnets": [format!("subnet-{v}-0")],
                "ingress": [{"rule": 100, "protocol": "tcp", "ports": port, "cidr": deny, "action": "deny"},
                            {"rule": 200, "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"}],
                "egress": [{"rule": 100, "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"}]}));
        }
        for s in 0..2 {
            subnets.push(json!({"id": format!("subnet-{v}-{s}"), "vpc": format!("vpc-{v}"), "cidr": format!("10.{v}.{s}.0/24")}));
            let mut routes = vec![];
            if igw && r.chance(70) {
                routes.push(json!({"destination": "0.0.0.0/0", "target": format!("igw-{v}")}));
            }
            for w in [v.wrapping_sub(1), v + 1].into_iter().filter(|w| *w < nv) {
                let pcx = format!("pcx-{}", v.max(w));
                if r.chance(80) {
                    routes.push(json!({"destination": format!("10.{w}.0.0/16"), "target": pcx}));
                }
                if r.chance(40) {
                    let sub = r.below(2);
                    let host = r.pick(&hosts[w][sub]).clone();
                    let target = if igw && r.chance(50) {
                        format!("igw-{v}")
                    } else {
                        pcx
                    };
                    routes.push(json!({"destination": format!("{host}/32"), "target": target}));
                }
            }
            tables.push(json!({"id": format!("rtb-{v}-{s}"), "vpc": format!("vpc-{v}"), "subnets": [format!("subnet-{v}-{s}")], "routes": routes}));
            for (h, addr) in hosts[v][s].iter().enumerate() {
                let mut i = json!({"id": format!("i-{v}-{s}-{h}"), "subnet": format!("subnet-{v}-{s}"), "private_ip": addr,
                    "security_groups": [format!("sg-{v}-{}", r.below(2))]});
                if igw && r.chance(50) {
                    i["public_ip"] = json!(format!("198.51.100.{}", insts.len() + 1));
                }
                insts.push(i);
            }
        }
    }
    json!({"name": format!("random {seed}"), "vpcs": vpcs, "subnets": subnets, "route_tables": tables,
        "internet_gateways": igws, "peering_connections": peers, "security_groups": sgs,
        "network_acls": acls, "instances": insts})
}

#[test]
fn every_cell_of_random_small_estates_stands_for_every_member_pair_and_port() {
    let mut checked = 0;
    let mut split = 0;
    for seed in 1..=24 {
        let doc = random_estate(seed);
        let l = loaded(&doc);
        for (from, to) in [
            ("subnets", "subnets"),
            ("vpcs", "vpcs"),
            ("internet", "subnets"),
        ] {
            let m = reach::matrix(&l, &opts(from, to, "tcp", "any")).unwrap();
            split += m.sources.iter().filter(|p| p.parts > 1).count();
            let what = format!("seed {seed} {from}->{to}");
            checked += check_exact(
                &l,
                &m,
                &what,
                &[21, 22, 23, 80, 443, 999, 1500, 2001, 5432, 65535],
            );
        }
    }
    assert!(checked > 5_000, "only {checked} member pairs checked");
    assert!(
        split > 0,
        "no random estate split a group: the generator is too tame"
    );
}

// ---- splitting -------------------------------------------------------------------------------

/// VPC a (10.0.0.0/16): subnet-app with app-1 and app-2 (group app) and app-3 (group other).
/// VPC b (10.1.0.0/16), peered: subnet-db with db-1 and db-2; a's table sends db-2's /32 to the
/// internet gateway, and db's group admits 5432 only from app-1's address.
fn split_doc() -> Value {
    json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}, {"id": "vpc-b", "cidr": "10.1.0.0/16"}],
        "subnets": [{"id": "subnet-app", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
                    {"id": "subnet-db", "vpc": "vpc-b", "cidr": "10.1.1.0/24"}],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
        "peering_connections": [{"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"}],
        "route_tables": [
            {"id": "rtb-a", "vpc": "vpc-a", "subnets": ["subnet-app"], "routes": [
                {"destination": "10.1.0.0/16", "target": "pcx-ab"},
                {"destination": "10.1.1.11/32", "target": "igw-a"}]},
            {"id": "rtb-b", "vpc": "vpc-b", "subnets": ["subnet-db"], "routes": [
                {"destination": "10.0.0.0/16", "target": "pcx-ab"}]}],
        "security_groups": [
            {"id": "sg-app", "vpc": "vpc-a", "ingress": []},
            {"id": "sg-other", "vpc": "vpc-a", "ingress": []},
            {"id": "sg-db", "vpc": "vpc-b", "ingress": [{"protocol": "tcp", "ports": 5432, "cidr": "10.0.1.10/32"}]}],
        "instances": [
            {"id": "i-app1", "subnet": "subnet-app", "private_ip": "10.0.1.10", "security_groups": ["sg-app"]},
            {"id": "i-app2", "subnet": "subnet-app", "private_ip": "10.0.1.12", "security_groups": ["sg-app"]},
            {"id": "i-app3", "subnet": "subnet-app", "private_ip": "10.0.1.13", "security_groups": ["sg-other"]},
            {"id": "i-db1", "subnet": "subnet-db", "private_ip": "10.1.1.10", "security_groups": ["sg-db"]},
            {"id": "i-db2", "subnet": "subnet-db", "private_ip": "10.1.1.11", "security_groups": ["sg-db"]}]
    })
}

#[test]
fn a_per_address_group_rule_and_a_host_route_split_their_groups() {
    let l = loaded(&split_doc());
    let m = reach::matrix(&l, &opts("subnet-app", "subnet-db", "tcp", "5432")).unwrap();
    // Sources: app-1 alone is named by sg-db's /32 rule; app-2 and app-3 differ in groups,
    // but both are refused by sg-db alike, so they stay together.
    let src: Vec<(&str, Vec<&str>)> = m
        .sources
        .iter()
        .map(|p| {
            (
                p.label.as_str(),
                p.members.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        src,
        vec![
            ("subnet-app#1", vec!["i-app1"]),
            ("subnet-app#2", vec!["i-app2", "i-app3"])
        ]
    );
    assert_eq!(m.sources[0].narrower_cidrs, vec!["10.0.1.10/32"]);
    // Destinations: db-2 is routed to the internet gateway by the /32 route.
    let dst: Vec<Vec<&str>> = m
        .destinations
        .iter()
        .map(|p| p.members.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(dst, vec![vec!["i-db1"], vec!["i-db2"]]);
    assert_eq!(m.destinations[1].narrower_cidrs, vec!["10.1.1.11/32"]);
    let cell = |f: &str, t: &str| m.cells.iter().find(|c| c.from == f && c.to == t).unwrap();
    assert!(cell("subnet-app#1", "subnet-db#1").verdict.reachable);
    let v = &cell("subnet-app#1", "subnet-db#2").verdict;
    assert_eq!(v.blocked_at.as_deref(), Some("igw-a"));
    let v = &cell("subnet-app#2", "subnet-db#1").verdict;
    assert_eq!(v.blocked_at.as_deref(), Some("sg-db"));
    assert_eq!(
        v.explanation_code.map(|c| c.as_str()),
        Some("ENI_SG_RULES_MISMATCH")
    );
    check_exact(&l, &m, "split", &[]);
}

#[test]
fn a_group_whose_members_are_treated_alike_is_not_split() {
    let mut doc = split_doc();
    // Admit the whole subnet, one group for all of app, and drop the host route: nothing
    // sets the members apart.
    doc["security_groups"][2]["ingress"][0]["cidr"] = json!("10.0.1.0/24");
    doc["instances"][2]["security_groups"] = json!(["sg-app"]);
    doc["route_tables"][0]["routes"]
        .as_array_mut()
        .unwrap()
        .pop();
    let l = loaded(&doc);
    let m = reach::matrix(&l, &opts("subnets", "subnets", "tcp", "5432")).unwrap();
    assert!(
        m.sources
            .iter()
            .chain(&m.destinations)
            .all(|p| p.parts == 1),
        "{:?}",
        m.sources
    );
    assert_eq!(m.stats.member_pairs, 5 * 5);
    assert!(m.stats.traces < m.stats.member_pairs, "{:?}", m.stats);
    let c = m
        .cells
        .iter()
        .find(|c| c.from == "subnet-app" && c.to == "subnet-db")
        .unwrap();
    assert!(c.verdict.reachable);
}

// ---- diff ------------------------------------------------------------------------------------

fn lesson_pair(file: &str) -> (Loaded, Loaded) {
    let text = std::fs::read_to_string(format!("../www/lessons/{file}")).unwrap();
    let solved = vpc_playground::lesson::solve(&text).unwrap().to_string();
    let l = |t: &str| {
        load(&[InputFile {
            name: file,
            text: t,
        }])
        .unwrap()
    };
    (l(&text), l(&solved))
}

#[test]
fn diff_of_a_lesson_and_its_solution_names_the_cells_that_opened_and_the_resource() {
    let (before, after) = lesson_pair("peering-return-route.json");
    let d = reach::diff(&before, &after, &opts("subnets", "subnets", "tcp", "any")).unwrap();
    assert!(!d.changes.is_empty());
    for c in &d.changes {
        // Each change agrees with trace in both estates.
        let f = &c.flow;
        assert_eq!(
            verdict(&before, &f.from, &f.to, f.protocol, f.port),
            c.before
        );
        assert_eq!(verdict(&after, &f.from, &f.to, f.protocol, f.port), c.after);
        let r = c.changed_resource.as_deref().expect("a changed resource");
        assert!(
            d.changed_resources.iter().any(|x| x == r),
            "{r} not among {:?}",
            d.changed_resources
        );
    }
    let opened = d
        .changes
        .iter()
        .find(|c| !c.before.reachable && c.after.reachable)
        .expect("a cell opened");
    assert_eq!(
        opened.before.explanation_code.map(|c| c.as_str()),
        Some("NO_ROUTE_TO_DESTINATION")
    );
    assert_eq!(
        opened.changed_resource, opened.before.blocked_at,
        "the table that lacked the route"
    );
    let same = reach::diff(&before, &before, &Options::default()).unwrap();
    assert!(same.changes.is_empty() && same.cells > 0);
}

// ---- intents ---------------------------------------------------------------------------------

#[test]
fn intents_hold_or_break_with_a_counterexample_trace_confirms() {
    let l = load_file(Path::new("../www/scenarios/default.json")).unwrap();
    let intents = reach::parse_intents(
        r#"{"intents": [
          {"name": "no path from the internet to the database", "expect": "no-path",
           "from": "internet", "to": "subnet-db"},
          {"name": "app reaches web on 443", "expect": "reachable",
           "from": "subnet-app", "to": "subnet-web", "protocol": "tcp", "ports": [443]},
          {"name": "app reaches db on tcp 5432", "expect": "reachable",
           "from": "app-1", "to": "db-1", "protocol": "tcp", "ports": "5432"},
          {"name": "nothing in shop reaches data", "expect": "no-path", "from": "vpc-shop", "to": "vpc-data"},
          {"name": "the internet reaches the web tier on some port", "expect": "no-path",
           "from": "internet", "to": "subnet-web"}
        ]}"#,
    )
    .unwrap();
    let r = reach::check_intents(&l, &intents).unwrap();
    let held: Vec<bool> = r.iter().map(|x| x.held).collect();
    assert_eq!(held, vec![true, true, false, true, false]);
    // app-1 to db-1: the return route is missing (the scenario's story).
    let c = r[2].counterexample.as_ref().unwrap();
    assert_eq!(
        (c.flow.from.as_str(), c.flow.to.as_str(), c.port),
        ("i-app1", "i-db1", 5432)
    );
    let t = trace(
        &l,
        &FlowSpec {
            from: c.flow.from.clone(),
            to: c.flow.to.clone(),
            protocol: c.protocol,
            port: c.port,
        },
    )
    .unwrap();
    assert_eq!(Verdict::of(&t), c.verdict);
    assert_eq!(t.blocked_at(), Some("rtb-db"));
    // The web tier is open to the internet on 443: the counterexample arrives.
    let c = r[4].counterexample.as_ref().unwrap();
    assert!(c.verdict.reachable && c.port == 443, "{c:?}");
    assert_eq!(r[1].intent.expect, Expect::Reachable);
}

#[test]
fn an_intents_file_with_a_slip_is_a_clear_error() {
    let e = reach::parse_intents(r#"{"intents": [{"expect": "maybe", "from": "a", "to": "b"}]}"#)
        .unwrap_err();
    assert!(e.0.contains("line 1") && e.0.contains("maybe"), "{e}");
    let l = load_file(Path::new("../www/scenarios/default.json")).unwrap();
    let i = reach::parse_intents(
        r#"{"intents": [{"expect": "no-path", "from": "nowhere", "to": "subnet-db"}]}"#,
    )
    .unwrap();
    let e = reach::check_intents(&l, &i).unwrap_err();
    assert!(e.0.contains("nowhere"), "{e}");
    assert!(reach::parse_ports("9-1").is_err());
    assert_eq!(
        reach::parse_ports("22,80-81").unwrap(),
        Ports::List(vec![22, 80, 81])
    );
}

// ---- the command -----------------------------------------------------------------------------

fn command(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut c = Command::new(env!("CARGO_BIN_EXE_vpc-playground"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        c.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(c.stdin.take());
    let o = c.wait_with_output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

#[test]
fn trace_flows_prints_one_result_per_flow_as_a_single_trace_would() {
    let file = "../www/scenarios/default.json";
    let flows = r#"{"from": "i-app1", "to": "i-db1", "port": 5432}
{"from": "i-app1", "to": "i-web1", "protocol": "tcp", "port": 443}

{"from": "i-nothing", "to": "i-web1"}"#;
    let (code, out, _) = command(&["trace", file, "--flows", "-"], Some(flows));
    assert_eq!(code, 1, "one flow is blocked, one names nothing");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let (_, single, _) = command(
        &[
            "trace", file, "--from", "i-app1", "--to", "i-db1", "--port", "5432", "--json",
        ],
        None,
    );
    let single: Value = serde_json::from_str(&single).unwrap();
    assert_eq!(lines[0], single, "the same JSON as trace --json");
    assert_eq!(lines[1]["reachable"], true);
    assert!(lines[2]["error"].as_str().unwrap().contains("i-nothing"));
    let (code, out, _) = command(
        &["trace", file, "--flows", "-", "--brief"],
        Some(&format!(
            "[{}]",
            flows.lines().take(2).collect::<Vec<_>>().join(",")
        )),
    );
    assert_eq!(code, 1);
    let brief: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(brief[0]["blocked_at"], single["blocked_at"]);
    assert_eq!(brief[0]["explanation_code"], single["explanation_code"]);
    assert!(brief[0].get("hops").is_none() && brief[0].get("explanation").is_none());
    let (code, _, err) = command(&["trace", file, "--flows", "-"], Some("{\"from\": 1}"));
    assert_eq!(code, 2);
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn matrix_diff_and_check_intents_exit_as_documented() {
    let file = "../www/scenarios/default.json";
    let (code, out, _) = command(&["matrix", file, "--json"], None);
    assert_eq!(code, 0);
    let m: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(m["sources"].as_array().unwrap().len(), 3);
    let (code, out, _) = command(&["matrix", file, "--csv", "--ports", "443"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("from,to,protocol,port,reachable"));
    assert!(out.contains("subnet-app,subnet-web,tcp,443,true"), "{out}");
    let (code, _, err) = command(&["matrix", file, "--from", "subnet-nowhere"], None);
    assert_eq!(code, 2);
    assert!(err.contains("subnet-nowhere"));
    let (code, out, _) = command(&["diff", file, file], None);
    assert_eq!(
        (code, out.lines().next()),
        (0, Some("0 of 6 cells changed"))
    );
    let dir = std::env::temp_dir().join(format!("vpc-matrix-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lesson = "../www/lessons/peering-return-route.json";
    let solved = vpc_playground::lesson::solve(&std::fs::read_to_string(lesson).unwrap()).unwrap();
    let after = dir.join("after.json");
    std::fs::write(&after, solved.to_string()).unwrap();
    let (code, out, _) = command(&["diff", lesson, after.to_str().unwrap(), "--json"], None);
    assert_eq!(code, 1);
    let d: Value = serde_json::from_str(&out).unwrap();
    assert!(!d["changes"].as_array().unwrap().is_empty());
    let intents = dir.join("intents.json");
    std::fs::write(
        &intents,
        r#"{"intents": [{"expect": "no-path", "from": "internet", "to": "subnet-db"}]}"#,
    )
    .unwrap();
    let (code, out, _) = command(
        &["check", file, "--intents", intents.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("held: "), "{out}");
    std::fs::write(&intents, r#"{"intents": [{"expect": "reachable", "from": "i-app1", "to": "i-db1", "protocol": "tcp", "ports": [5432]}]}"#).unwrap();
    let (code, out, _) = command(
        &["check", file, "--intents", intents.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("BROKEN") && out.contains("counterexample: i-app1 -> i-db1"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- in steps (the page's worker) ------------------------------------------------------------

/// A matrix computed a few rows at a time, as the page's worker does between cancel checks,
/// is the matrix computed in one call: same parts, same cells.
#[test]
fn a_matrix_computed_in_steps_is_the_matrix_computed_at_once() {
    let mut rows_seen = 0;
    for seed in [3, 7, 11] {
        let l = loaded(&random_estate(seed));
        let o = opts("subnets", "subnets", "tcp", "22,443,5432");
        let whole = reach::matrix(&l, &o).unwrap();
        for step in [1, 2, 5] {
            let mut job = reach::Job::new(&l, &o).unwrap();
            let rows = job.rows();
            assert_eq!(job.done(), 0);
            let mut progress = vec![];
            while job.done() < rows {
                progress.push(job.step(&l, step));
            }
            // Each step moves on by `step` rows, the last by what was left.
            let expected: Vec<usize> = (1..=rows.div_ceil(step))
                .map(|k| (k * step).min(rows))
                .collect();
            assert_eq!(progress, expected, "seed {seed} step {step}");
            rows_seen += rows;
            let m = job.finish(&l);
            assert_eq!(m.cells, whole.cells, "seed {seed} step {step}");
            assert_eq!(m.sources, whole.sources, "seed {seed} step {step}");
            assert_eq!(m.destinations, whole.destinations);
        }
        // Counted, not written out: the same rows, columns and cells.
        let t = reach::tally(&l, &o).unwrap();
        assert_eq!(
            (t.sources, t.destinations, t.cells),
            (
                whole.sources.len(),
                whole.destinations.len(),
                whole.cells.len()
            )
        );
        let ok = whole.cells.iter().filter(|c| c.verdict.reachable).count();
        assert_eq!(t.reachable, ok, "seed {seed}");
        assert_eq!(t.stats.traces, whole.stats.traces);
        // Finishing a job never stepped computes it all.
        let m = reach::Job::new(&l, &o).unwrap().finish(&l);
        assert_eq!(m.cells, whole.cells, "seed {seed} unstepped");
    }
    assert!(rows_seen > 9, "the estates had rows to step through");
}

// ---- intents as lesson goals -----------------------------------------------------------------

/// The segmentation lesson states "nothing in vpc-dev reaches vpc-prod" as an intent goal:
/// broken at the start (a counterexample flow that arrives, which trace confirms), held once
/// the solution gives each attachment its own table.
#[test]
fn a_lesson_intent_goal_is_broken_before_the_solution_and_held_after() {
    let file = "tgw-segmentation.json";
    let (before, after) = lesson_pair(file);
    let lesson = vpc_playground::lesson::lesson_of(&before).expect("a lesson");
    assert_eq!(lesson.intents.len(), 1, "the lesson states one intent");
    let goal_of = |l: &Loaded| {
        let lesson = vpc_playground::lesson::lesson_of(l).unwrap();
        let r = vpc_playground::lesson::check_goals(l, lesson).unwrap();
        assert_eq!(
            r.len(),
            lesson.goals.len() + 1,
            "flow goals, then the intent"
        );
        r.last().unwrap().clone()
    };
    let start = goal_of(&before);
    assert!(start.text.contains("vpc-dev") && start.text.contains("vpc-prod"));
    assert!(!start.met, "dev reaches prod at the start: {start:?}");
    assert_eq!(start.reachable, Some(true));
    let flow = start.flow.clone().expect("a counterexample flow");
    let v = verdict(&before, &flow.from, &flow.to, flow.protocol, flow.port);
    assert!(v.reachable, "trace confirms the counterexample: {flow:?}");
    assert!(start.detail.contains(&flow.from), "{}", start.detail);
    let solved = goal_of(&after);
    assert!(solved.met, "held after the solution: {solved:?}");
    assert_eq!(solved.flow, None);
    // The lesson stays well-formed: not all met at the start, all met when solved.
    let text = std::fs::read_to_string(format!("../www/lessons/{file}")).unwrap();
    let report = vpc_playground::lesson::check(file, &text).unwrap();
    assert_eq!(report.problems, Vec::<String>::new());
}

/// An intent goal naming something the estate does not have is not met, with the reason;
/// the goals still answer (a learner may delete what a goal names).
#[test]
fn a_lesson_intent_goal_naming_nothing_is_not_met_with_the_reason() {
    let text = std::fs::read_to_string("../www/lessons/tgw-segmentation.json").unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["lesson"]["intents"][0]["to"] = json!("vpc-gone");
    let l = loaded(&doc);
    let lesson = vpc_playground::lesson::lesson_of(&l).unwrap();
    let r = vpc_playground::lesson::check_goals(&l, lesson).unwrap();
    let g = r.last().unwrap();
    assert!(!g.met);
    assert!(g.detail.contains("vpc-gone"), "{}", g.detail);
}

// ---- the compact form (the page's) -----------------------------------------------------------

/// The page's matrix (`reach::Compact`: tables and three indices per cell) written out is the
/// command's matrix, cell for cell and part for part, on every shipped file, split groups and
/// random estates, several ports; and a cell read alone is the same cell.
#[test]
fn the_compact_matrix_expands_to_the_matrix() {
    let mut checked = 0;
    let mut estates: Vec<(String, Loaded)> = shipped()
        .iter()
        .filter_map(|p| Some((p.display().to_string(), load_file(p)?)))
        .collect();
    estates.push(("split".into(), loaded(&split_doc())));
    for seed in [3, 7, 11] {
        estates.push((format!("random {seed}"), loaded(&random_estate(seed))));
    }
    for (what, l) in &estates {
        for o in [
            opts("subnets", "subnets", "tcp", "22,443,5432"),
            opts("instances", "internet", "any", "443"),
            opts("internet", "subnets", "icmp", "0"),
        ] {
            let m = reach::matrix(l, &o).unwrap();
            let c = reach::compact(l, &o).unwrap();
            let x = c.expand();
            assert_eq!(x.cells, m.cells, "{what} {o:?}");
            assert_eq!(x.sources, m.sources, "{what}");
            assert_eq!(x.destinations, m.destinations, "{what}");
            assert_eq!(
                serde_json::to_value(&x).unwrap(),
                serde_json::to_value(&m).unwrap()
            );
            // Three numbers per slot, a slot per source, destination and probe.
            let slots = c.sources.len() * c.destinations.len() * c.probes.len();
            assert_eq!(c.cells.len(), 3 * slots, "{what}");
            let empty = c.cells.chunks(3).filter(|k| k[0] == reach::Compact::NONE);
            assert_eq!(slots - empty.count(), m.cells.len(), "{what}");
            checked += m.cells.len();
        }
    }
    assert!(checked > 500, "only {checked} cells compared");
    // A split group's cell read alone (the page reads cells on demand).
    let l = loaded(&split_doc());
    let c = reach::compact(&l, &opts("subnet-app", "subnet-db", "tcp", "5432")).unwrap();
    let cell = c.cell(1, 0, 0).unwrap();
    assert_eq!(
        (cell.from.as_str(), cell.to.as_str()),
        ("subnet-app#2", "subnet-db#1")
    );
    assert_eq!(cell.verdict.blocked_at.as_deref(), Some("sg-db"));
    assert_eq!(cell.flow.to, "i-db1");
    assert!(c.cell(2, 0, 0).is_none(), "no third source part");
}
