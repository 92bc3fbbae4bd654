//! Robustness: every flow between every pair of interfaces in the shipped scenarios and lessons
//! traces to a well-formed answer, and randomly damaged scenarios load or fail with errors,
//! never a panic (a panic would kill the page's wasm module).

use serde_json::Value;
use std::path::Path;
use vpc_playground::forward::{Action, HOP_LIMIT};
use vpc_playground::load::{load, InputFile};
use vpc_playground::model::Protocol;
use vpc_playground::{trace, FlowSpec};

fn shipped() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www");
    let mut out = Vec::new();
    for dir in ["scenarios", "lessons"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json"))
            .collect();
        files.sort();
        for f in files {
            out.push((
                f.display().to_string(),
                std::fs::read_to_string(&f).unwrap(),
            ));
        }
    }
    assert!(
        out.len() >= 14,
        "expected the shipped scenarios and lessons"
    );
    out
}

fn flows_are_well_formed(name: &str, text: &str, limit: usize) -> usize {
    let l = load(&[InputFile { name, text }]).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut to: Vec<String> = l.net.enis.iter().map(|e| e.id.clone()).collect();
    to.extend(
        [
            "8.8.8.8",
            "192.168.1.10",
            "com.amazonaws.us-east-1.s3",
            "com.amazonaws.us-east-1.sqs",
        ]
        .map(String::from),
    );
    let from: Vec<String> = l
        .net
        .enis
        .iter()
        .map(|e| e.id.clone())
        .chain(["192.168.1.10".to_string(), "203.0.113.200".to_string()])
        .collect();
    let mut n = 0;
    for f in from.iter().take(limit) {
        for t in to.iter().take(limit) {
            for (protocol, port) in [
                (Protocol::Tcp, 443),
                (Protocol::Udp, 53),
                (Protocol::Icmp, 0),
            ] {
                let spec = FlowSpec {
                    from: f.clone(),
                    to: t.clone(),
                    protocol,
                    port,
                };
                let Ok(tr) = trace(&l, &spec) else { continue };
                n += 1;
                assert!(
                    tr.hops.len() <= HOP_LIMIT + 8,
                    "{name} {f}->{t}: {} hops",
                    tr.hops.len()
                );
                assert!(!tr.explanation.is_empty());
                if tr.reachable() {
                    assert!(tr.blocked_at().is_none() && tr.explanation_code().is_none());
                    assert_eq!(
                        tr.hops.last().map(|h| h.action),
                        Some(Action::Deliver),
                        "{name} {f}->{t}"
                    );
                } else {
                    let at = tr
                        .blocked_at()
                        .unwrap_or_else(|| panic!("{name} {f}->{t}: no blocked_at"));
                    assert!(tr.explanation_code().is_some(), "{name} {f}->{t}");
                    assert!(
                        tr.hops.iter().any(|h| h.component == at) || at == "internet",
                        "{name} {f}->{t}: {at} not among the hops"
                    );
                }
            }
        }
    }
    n
}

#[test]
fn every_flow_in_shipped_files_traces_to_a_well_formed_answer() {
    let mut total = 0;
    for (name, text) in shipped() {
        total += flows_are_well_formed(&name, &text, 40);
    }
    assert!(total > 1000, "only {total} flows traced");
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
}

/// Every path to a value in `v`.
fn paths(v: &Value, here: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let mut p = here.clone();
                p.push(Value::String(k.clone()));
                paths(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut p = here.clone();
                p.push(Value::from(i));
                paths(x, p, out);
            }
        }
        _ => {}
    }
}

fn slot<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    let mut cur = v;
    for k in path {
        cur = match (cur, k) {
            (Value::Object(m), Value::String(s)) => m.get_mut(s)?,
            (Value::Array(a), Value::Number(i)) => a.get_mut(i.as_u64()? as usize)?,
            _ => return None,
        };
    }
    Some(cur)
}

#[test]
fn damaged_scenarios_load_or_fail_without_panicking() {
    let mut rng = Lcg(0x5eed);
    let replacements = [
        Value::Null,
        Value::from(5),
        Value::from(-1),
        Value::from(99999),
        Value::from(""),
        Value::from("10.0.0.0/8"),
        Value::from("0.0.0.0/0"),
        Value::from("169.254.169.254"),
        Value::from("igw-nope"),
        Value::from("local"),
        Value::from("pcx-nope"),
        Value::Array(vec![]),
        serde_json::json!({}),
        Value::from(true),
    ];
    let files = shipped();
    let mut loaded = 0;
    for round in 0..600 {
        let (name, text) = &files[round % files.len()];
        let mut v: Value = serde_json::from_str(text).unwrap();
        let mut all = Vec::new();
        paths(&v, Vec::new(), &mut all);
        // Damage one or two places, sometimes with values that exist elsewhere as plausible replacements.
        for _ in 0..1 + rng.pick(2) {
            let p = all[rng.pick(all.len())].clone();
            if p.is_empty() {
                continue;
            }
            let new = if rng.pick(4) == 0 {
                let other = &all[rng.pick(all.len())];
                slot(&mut v.clone(), other).cloned().unwrap_or(Value::Null)
            } else {
                replacements[rng.pick(replacements.len())].clone()
            };
            if let Some(s) = slot(&mut v, &p) {
                *s = new;
            }
        }
        let damaged = v.to_string();
        if let Ok(l) = load(&[InputFile {
            name,
            text: &damaged,
        }]) {
            loaded += 1;
            let enis: Vec<String> = l.net.enis.iter().map(|e| e.id.clone()).collect();
            for f in enis.iter().take(4) {
                for t in enis
                    .iter()
                    .chain(
                        [
                            "8.8.8.8".to_string(),
                            "com.amazonaws.us-east-1.s3".to_string(),
                        ]
                        .iter(),
                    )
                    .take(6)
                {
                    let _ = trace(
                        &l,
                        &FlowSpec {
                            from: f.clone(),
                            to: t.clone(),
                            protocol: Protocol::Tcp,
                            port: 443,
                        },
                    );
                }
            }
            // A loaded lesson's goals and solution must not panic either.
            let _ = vpc_playground::lesson::check(name, &damaged);
        }
    }
    assert!(
        loaded > 20,
        "too few damaged files still loaded ({loaded}) to exercise the walker"
    );
}
