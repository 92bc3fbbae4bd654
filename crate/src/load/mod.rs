//! Input formats into the model: the playground's scenario format and AWS `describe-*` output.
//!
//! Every file is first read as JSON (size and nesting are bounded, so hostile input gets an
//! error, not a hang). A file whose top-level object has an AWS CLI output key is AWS output;
//! such files are merged and converted to a `ScenarioDoc` (`aws/`). Anything else is a
//! scenario file. Either way `build/` turns the `ScenarioDoc` into a validated `Network`.

pub mod aws;
mod build;
pub mod services;

/// The scenario format (`crate::format::scenario`), where the loader's users expect it.
pub use crate::format::scenario;

pub use build::{default_acl_id, default_sg_id, instance_eni_id, main_rtb_id};
// Address facts moved to the model; re-exported here until callers import them from there.
pub use crate::model::{is_private, overlaps};

use crate::model::{Index, Network};
use crate::validate::{Diagnostic, Diagnostics, Severity};
use scenario::ScenarioDoc;
use serde::de::{Deserialize, DeserializeSeed, Deserializer as _, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The most input accepted, all files together, in bytes (MiB: 1024 x 1024). A 2,000-VPC
/// estate is the largest the page is meant for: about 110 MB as describe-* output (the
/// bigger of the two formats; 740 VPCs from scripts/gen-aws-estate are 40 MB), and loading
/// holds about three times the input in memory, which the page's wasm memory (4 GiB at
/// most) allows. Past that, a file is almost certainly a mistake (docs/architecture.md).
pub const MAX_INPUT_BYTES: usize = MAX_INPUT_MIB * 1024 * 1024;
/// `MAX_INPUT_BYTES` in MiB, as messages state it.
pub const MAX_INPUT_MIB: usize = 256;

/// The top-level keys that mark a file as AWS CLI output.
pub use aws::records::KEYS as AWS_KEYS;

/// One input file: a name for messages, and its text.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Which format the input was in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Scenario,
    Aws,
}

impl Format {
    /// `scenario` or `aws`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Scenario => "scenario",
            Format::Aws => "aws",
        }
    }
}

/// A loaded, validated estate: the scenario (the editable source), the model and its indexes.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub format: Format,
    /// The scenario the model was built from (AWS input converted); fixes edit this.
    pub doc: ScenarioDoc,
    pub net: Network,
    pub ix: Index,
    /// Warnings and unsupported features (errors stop loading).
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> From<&'a Loaded> for crate::model::Estate<'a> {
    fn from(l: &'a Loaded) -> Self {
        l.estate()
    }
}

impl Loaded {
    /// The network and its indexes, which is all that tracing reads.
    pub fn estate(&self) -> crate::model::Estate<'_> {
        crate::model::Estate {
            net: &self.net,
            ix: &self.ix,
        }
    }
}

/// Loading failed: every error found, plus any warnings seen on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<_> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match errors.len() {
            0 => f.write_str("the input could not be used"),
            1 => write!(f, "{}", errors[0]),
            n => {
                write!(f, "{n} errors:")?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn one(resource: &str, field: &str, message: impl Into<String>) -> LoadError {
        let mut d = Diagnostics::default();
        d.error(resource, field, message);
        LoadError { diagnostics: d.0 }
    }
}

/// Reads one or more files (all AWS output, or one scenario) into a validated estate.
pub fn load(files: &[InputFile]) -> Result<Loaded, LoadError> {
    if files.is_empty() {
        return Err(LoadError::one("input", "", "no file was given"));
    }
    // Editors on Windows may start a UTF-8 file with a byte order mark; JSON does not allow
    // one, but the intent is clear, so skip it.
    let files: Vec<InputFile> = files
        .iter()
        .map(|f| InputFile {
            name: f.name,
            text: f.text.strip_prefix('\u{feff}').unwrap_or(f.text),
        })
        .collect();
    let files = &files[..];
    let total: usize = files.iter().map(|f| f.text.len()).sum();
    if total > MAX_INPUT_BYTES {
        let name = if files.len() == 1 {
            files[0].name
        } else {
            "input"
        };
        return Err(LoadError::one(
            name,
            "",
            format!(
                "the input is {} MiB; the limit is {MAX_INPUT_MIB} MiB. Narrow the describe-* output \
                 (for example --filters Name=vpc-id,Values=...)",
                mebibytes(total)
            ),
        ));
    }
    // AWS output is read straight into its records. Other AWS output (every top-level key in
    // AWS's PascalCase, none the engine reads) is skipped with a note (R29); anything else is
    // a scenario.
    let mut aws_files: Vec<(&str, aws::AwsFile)> = Vec::new();
    let mut scenarios = Vec::new();
    let mut diags = Diagnostics::default();
    for f in files {
        if f.text.trim().is_empty() {
            return Err(LoadError::one(
                f.name,
                "",
                "the file is empty; expected a JSON object",
            ));
        }
        // The core module (no `full` feature) reads no AWS output: the page hands such input
        // to the full module (`needs_full`), so here it is never more than a scenario.
        #[cfg(feature = "full")]
        let read = aws::read(f.name, f.text);
        #[cfg(not(feature = "full"))]
        let read = Ok::<_, Diagnostic>(aws::Read::Unreadable);
        match read {
            Ok(aws::Read::Aws(records)) => aws_files.push((f.name, *records)),
            // The error, with its line and column, is the object check's to give.
            Ok(aws::Read::Unreadable) => {
                check_json_object(f)?;
                scenarios.push(f.name);
            }
            Ok(aws::Read::Other(keys)) => {
                // Alone, such a file is more likely a scenario with a slip: its reader says so.
                if files.len() > 1 && is_other_aws_output(&keys) {
                    skipped(f.name, &keys, &mut diags);
                } else {
                    scenarios.push(f.name);
                }
            }
            Err(d) => {
                return Err(LoadError {
                    diagnostics: vec![d],
                })
            }
        }
    }
    if scenarios.is_empty() && aws_files.is_empty() {
        return Err(nothing_to_read(diags));
    }
    #[cfg(feature = "full")]
    if scenarios.is_empty() {
        let doc = aws::convert(&aws_files, &mut diags);
        return build_doc(Format::Aws, doc, diags);
    }
    if files.len() > 1 {
        return Err(LoadError::one(
            scenarios[0],
            "",
            format!(
                "only AWS describe-* files can be combined; {} is a scenario file, so load it alone",
                scenarios.join(", ")
            ),
        ));
    }
    let doc = read_scenario(&files[0])?;
    build_doc(Format::Scenario, doc, diags)
}

/// Whether a text is AWS describe-* output the engine reads: a JSON object with one of
/// `AWS_KEYS` at its top level. The core module asks before loading, since only the full
/// module reads such files (the `full` feature).
pub fn is_aws_output(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    serde_json::from_str::<std::collections::BTreeMap<String, IgnoredAny>>(text)
        .map(|keys| keys.keys().any(|k| AWS_KEYS.contains(&k.as_str())))
        .unwrap_or(false)
}

/// Whether a file's top-level keys are those of AWS output the engine does not read (every
/// key in AWS's PascalCase: `Addresses`, `AvailabilityZones`, `LoadBalancers`), where a
/// scenario's keys are lower case.
fn is_other_aws_output(keys: &[String]) -> bool {
    !keys.is_empty()
        && keys
            .iter()
            .all(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Notes a file that is skipped, naming what it holds (R29).
fn skipped(name: &str, keys: &[String], diags: &mut Diagnostics) {
    let shown: Vec<String> = keys.iter().take(3).map(|k| json_key(k)).collect();
    let more = if keys.len() > 3 { ", ..." } else { "" };
    diags.unsupported(
        name,
        "",
        format!(
            "skipped: it holds {}{more}, which the playground does not read",
            shown.join(", ")
        ),
    );
}

/// Every file was skipped: an error, with the notes that say what each held.
fn nothing_to_read(diags: Diagnostics) -> LoadError {
    let mut d = Diagnostics::default();
    d.error(
        "input",
        "",
        format!(
            "none of these files is a scenario or AWS output the playground reads ({})",
            AWS_KEYS.join(", ")
        ),
    );
    d.0.extend(diags.0);
    LoadError { diagnostics: d.0 }
}

/// A key from the input, fit for a one-line message: in backticks, escaped and cut.
pub(crate) fn json_key(key: &str) -> String {
    shown_key(&format!("`{key}`"))
}

/// Builds an estate from a scenario already in memory (after an edit or a fix).
pub fn from_doc(doc: ScenarioDoc) -> Result<Loaded, LoadError> {
    build_doc(Format::Scenario, doc, Diagnostics::default())
}

fn build_doc(
    format: Format,
    doc: ScenarioDoc,
    mut diags: Diagnostics,
) -> Result<Loaded, LoadError> {
    let net = build::build(&doc, format, &mut diags);
    match net {
        Some(net) if !diags.has_errors() => {
            let ix = Index::build(&net);
            Ok(Loaded {
                format,
                doc,
                net,
                ix,
                diagnostics: diags.0,
            })
        }
        _ => Err(LoadError {
            diagnostics: diags.0,
        }),
    }
}

/// "50.3": one decimal.
pub fn mebibytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// Checks that a file is one JSON object, skipping the values: a syntax error, or a file that
/// is not an object, is an error naming the file, with its line and column, before the
/// scenario reader's field-by-field errors.
fn check_json_object(f: &InputFile) -> Result<(), LoadError> {
    struct Object;
    impl<'de> Visitor<'de> for Object {
        type Value = ();
        fn expecting(&self, out: &mut fmt::Formatter) -> fmt::Result {
            out.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(())
        }
    }
    let mut de = serde_json::Deserializer::from_str(f.text);
    let checked = de.deserialize_map(Object).and_then(|()| de.end());
    checked.map_err(|e| {
        // Skipping values is lenient in its messages (and its nesting): on failure, read the
        // file as a tree for serde_json's full message ("trailing comma", "recursion limit").
        let e = serde_json::from_str::<serde_json::Value>(f.text)
            .err()
            .unwrap_or(e);
        let message = if e.is_data() {
            let (line, column) = position(f.text, &e);
            // serde_json places a top-level value that is not an object at column 0.
            let column = column.max(1);
            format!(
                "expected a JSON object at the top level (a scenario, or aws ec2 describe-* \
                 output), at line {line} column {column}"
            )
        } else {
            format!("not valid JSON: {}", json_error(f.text, &e))
        };
        LoadError::one(f.name, "", message)
    })
}

/// Reads a scenario file: every error has its line and column (and, in the command, the
/// field's path).
fn read_scenario(f: &InputFile) -> Result<ScenarioDoc, LoadError> {
    let mut de = serde_json::Deserializer::from_str(f.text);
    let doc = ScenarioDoc::deserialize(&mut de).and_then(|d| de.end().map(|()| d));
    doc.map_err(|e| {
        let path = if e.is_data() {
            field_path(f.text, PhantomData::<ScenarioDoc>)
        } else {
            String::new()
        };
        LoadError::one(f.name, &path, json_error(f.text, &e))
    })
}

/// The path of the field where reading `text` with `seed` fails (`subnets[2].cidr`), found by
/// reading it again with serde_path_to_error (only on failure, so the usual read tracks
/// nothing). The wrapper doubles the code of every reader it wraps, about 60 KB gzipped of the
/// page's module, so only the command finds the path; the page has the line and column,
/// where it puts the cursor.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn field_path<'de, T: DeserializeSeed<'de>>(text: &'de str, seed: T) -> String {
    let mut track = serde_path_to_error::Track::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let failed = seed
        .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
        .is_err();
    let path = track.path().to_string();
    // The path holds keys from the input: escaped and cut, as keys in messages are.
    match path.as_str() {
        "." => String::new(),
        _ if !failed => String::new(),
        _ => {
            let p = shown_key(&path);
            match p.char_indices().nth(80) {
                Some((i, _)) => format!("{}…", &p[..i]),
                None => p,
            }
        }
    }
}

/// See the command's `field_path`: the page goes by line and column.
#[cfg(target_arch = "wasm32")]
pub(crate) fn field_path<'de, T: DeserializeSeed<'de>>(_text: &'de str, _seed: T) -> String {
    String::new()
}

/// serde_json's message for an error in `text`, with the position as `position` gives it.
pub fn json_error(text: &str, e: &serde_json::Error) -> String {
    let message = e.to_string();
    if e.line() == 0 {
        return message;
    }
    let at = format!(" at line {} column {}", e.line(), e.column());
    let what = message.strip_suffix(&at).unwrap_or(&message);
    let (line, column) = position(text, e);
    format!("{} at line {line} column {column}", shown_key(what))
}

/// A message that quotes the input, fit for one line: every quoted run (between backticks
/// or double quotes) cut after 40 characters, control characters escaped, and the whole cut
/// after 600: a hostile 20,000-character key or value must not become the message.
pub(crate) fn shown_key(message: &str) -> String {
    const RUN: usize = 40;
    const ALL: usize = 600;
    let mut out = String::new();
    let (mut open, mut run, mut count) = (None, 0, 0);
    for c in message.chars() {
        if count == ALL {
            out.push('…');
            break;
        }
        match open {
            Some(q) if c == q => open = None,
            Some(_) if run == RUN => {
                run += 1;
                out.push('…');
                continue;
            }
            Some(_) if run > RUN => continue,
            Some(_) => run += 1,
            None if c == '`' || c == '"' => (open, run) = (Some(c), 0),
            None => {}
        }
        count += 1;
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Where an error is, as an editor counts: serde_json counts a line's bytes, the page's editor
/// its characters. An unknown or duplicate field is placed at its key's opening quote rather
/// than after the key, so the cursor lands on the key.
fn position(text: &str, e: &serde_json::Error) -> (usize, usize) {
    let (line, byte) = (e.line(), e.column());
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line, byte);
    };
    let mut end = byte.min(l.len());
    while !l.is_char_boundary(end) {
        end -= 1;
    }
    let message = e.to_string();
    let key = ["unknown field `", "duplicate field `"]
        .iter()
        .find_map(|p| message.strip_prefix(p))
        .and_then(|rest| rest.split('`').next());
    if let Some(start) = key.and_then(|k| l[..end].rfind(&format!("\"{k}\""))) {
        return (line, l[..start].chars().count() + 1);
    }
    (line, l[..end].chars().count())
}

/// Reads a scenario from its JSON text alone (for tools that build or edit one in memory).
pub fn scenario_from_str(text: &str) -> Result<ScenarioDoc, LoadError> {
    read_scenario(&InputFile {
        name: "scenario",
        text,
    })
}
