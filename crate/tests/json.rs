//! The crate's JSON layer (`src/json/`) checked against serde_json, the reference parser it
//! replaced: the same values from every JSON file the project ships, the same verdict on
//! thousands of damaged copies, and the same place for the errors (serde_json counts bytes
//! from 0 past the fault, the crate characters from 1 on it; `expected_position` converts).

use std::path::{Path, PathBuf};
use vpc_playground::json;

/// Every JSON file the project ships or tests with (its text; a deliberately non-UTF-8
/// fixture is left out: the loader refuses it before parsing).
fn json_files() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    let mut dirs = vec![
        root.join("www"),
        root.join("crate/tests/data"),
        root.join("crate/data"),
    ];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with("pkg") {
                    dirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "json") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push((p, text));
                }
            }
        }
    }
    out.sort();
    assert!(out.len() > 20, "found only {} JSON files", out.len());
    out
}

/// serde_json's error position in the crate's convention. serde_json gives the byte just past
/// the character at fault (for an error at the end, the end itself) as a line and a byte
/// column from 0; the crate names the character at fault by line and character column from 1.
fn expected_position(text: &str, e: &serde_json::Error) -> (usize, usize) {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line() - 1)
        .map(str::len)
        .sum();
    let past = line_start + e.column();
    let at = if e.to_string().starts_with("EOF") || past == 0 {
        past
    } else {
        // Back to the start of the character that ends just before `past`.
        let mut at = past - 1;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before[before.rfind('\n').map_or(0, |p| p + 1)..]
        .chars()
        .count();
    (line, column)
}

/// The crate's value as serde_json sees it, through the crate's own writer.
fn via_crate(v: &json::Value, pretty: bool) -> serde_json::Value {
    let text = if pretty { v.to_pretty() } else { v.to_string() };
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the writer gave invalid JSON ({e}): {text}"))
}

#[test]
fn every_shipped_json_file_reads_and_writes_as_serde_json_reads_it() {
    let mut parsed = 0;
    for (p, text) in json_files() {
        let reference: Result<serde_json::Value, _> = serde_json::from_str(&text);
        let ours = json::parse(&text);
        match (reference, ours) {
            (Ok(r), Ok(o)) => {
                assert_eq!(via_crate(&o, false), r, "{}", p.display());
                assert_eq!(via_crate(&o, true), r, "{}", p.display());
                parsed += 1;
            }
            (Err(r), Err(o)) => {
                // The deliberately broken fixtures under tests/data/bad.
                assert_eq!(
                    expected_position(&text, &r),
                    (o.line, o.column),
                    "{}: {o}",
                    p.display()
                );
            }
            (r, o) => panic!("{}: serde_json {r:?}, ours {o:?}", p.display()),
        }
    }
    assert!(parsed > 20);
}

/// A small deterministic generator (xorshift), so a failure reproduces.
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
}

/// Inputs where the two are allowed to differ, each on purpose (see `src/json/mod.rs`).
fn known_difference(
    text: &str,
    reference: &Result<serde_json::Value, serde_json::Error>,
    ours: &Result<json::Value, json::SyntaxError>,
) -> bool {
    // A key given twice: serde_json keeps the last, the crate says which key.
    ours.as_ref().is_err_and(|e| e.message.starts_with("duplicate key"))
        // A number too large for f64 (`1e999`): serde_json refuses it, the crate keeps it as
        // written.
        || reference.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range"))
        || (ours.is_ok() && reference.is_err() && text.contains("1e999"))
}

#[test]
fn damaged_copies_get_the_same_verdict_line_and_column() {
    const EDITS: &[&str] = &[
        "", "{", "}", "[", "]", ",", ":", "\"", "\\", "0", "-", ".", "e", "t", "n", " ", "\n",
        "\u{1}", "é", "\\u12", "\\ud800", "1e999",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut compared = 0;
    let mut rejected = 0;
    for (_, text) in json_files() {
        for _ in 0..150 {
            // Replace a few bytes' worth of text at a random character boundary.
            let mut t = text.clone();
            for _ in 0..1 + rng.below(2) {
                let mut at = rng.below(t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + rng.below(3)).min(t.len());
                while !t.is_char_boundary(end) {
                    end += 1;
                }
                t.replace_range(at..end, EDITS[rng.below(EDITS.len())]);
            }
            if rng.below(10) == 0 {
                let mut cut = rng.below(t.len() + 1);
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                t.truncate(cut);
            }
            let reference: Result<serde_json::Value, _> = serde_json::from_str(&t);
            let ours = json::parse(&t);
            if known_difference(&t, &reference, &ours) {
                continue;
            }
            compared += 1;
            match (reference, ours) {
                (Ok(r), Ok(o)) => assert_eq!(via_crate(&o, false), r, "{t}"),
                (Err(r), Err(o)) => {
                    rejected += 1;
                    assert_eq!(
                        expected_position(&t, &r),
                        (o.line, o.column),
                        "serde_json: {r}\nours: {o}\ninput:\n{t}"
                    );
                }
                (r, o) => panic!("serde_json {r:?}\nours {o:?}\ninput:\n{t}"),
            }
        }
    }
    assert!(
        compared > 3000 && rejected > 1000,
        "{compared} compared, {rejected} rejected"
    );
}

#[test]
fn strings_survive_a_round_trip_through_the_writer() {
    let tricky = [
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "tab\tnew\nline\r",
        "\u{0}\u{1f}\u{7f}",
        "<script>alert(1)</script>",
        "é ü 中文 😀",
        "\u{2028}\u{2029}",
    ];
    for s in tricky {
        let v = json::Value::String(s.to_string());
        let text = v.to_string();
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), s);
        assert_eq!(json::parse(&text).unwrap(), v);
        // Where serde_json writes a string the same way, the texts are identical.
        assert_eq!(text, serde_json::to_string(s).unwrap());
    }
}
