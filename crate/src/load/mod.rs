//! Input formats into the model: the playground's scenario format and AWS `describe-*` output.
//!
//! Every file is first read as JSON (size and nesting are bounded, so hostile input gets an
//! error, not a hang). A file whose top-level object has an AWS CLI output key is AWS output;
//! such files are merged and converted to a `ScenarioDoc` (`aws.rs`). Anything else is a
//! scenario file. Either way `build.rs` turns the `ScenarioDoc` into a validated `Network`.

pub mod aws;
mod build;
mod jsonpath;
mod read;
pub mod scenario;
pub mod services;

pub use build::{default_acl_id, default_sg_id, instance_eni_id, main_rtb_id};
// Address facts moved to the model; re-exported here until callers import them from there.
pub use crate::model::{is_private, overlaps};

use crate::json::{self, Value};
use crate::model::{Index, Network};
use crate::validate::{Diagnostic, Diagnostics, Severity};
use scenario::ScenarioDoc;
use std::fmt;

/// The largest file accepted. Real `describe-*` output for a few hundred VPCs is a few MB; a
/// bigger file is almost certainly a mistake, and parsing it would freeze the page.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The top-level keys that mark a file as AWS CLI output.
pub const AWS_KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "RouteTables",
    "InternetGateways",
    "NatGateways",
    "VpcPeeringConnections",
    "VpcEndpoints",
    "SecurityGroups",
    "NetworkAcls",
    "NetworkInterfaces",
    "Reservations",
    "PrefixLists",
    "ManagedPrefixLists",
    "VpnGateways",
];

/// One input file: a name for messages, and its text.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Which format the input was in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    let mut values = Vec::with_capacity(files.len());
    for f in files {
        values.push((f.name, parse_json(f)?));
    }
    let is_aws = |v: &Value| {
        v.as_object()
            .is_some_and(|o| AWS_KEYS.iter().any(|k| o.contains_key(k)))
    };
    let aws_count = values.iter().filter(|(_, v)| is_aws(v)).count();
    let mut diags = Diagnostics::default();
    if aws_count == values.len() {
        let doc = aws::convert(&values, &mut diags);
        return build_doc(Format::Aws, doc, diags);
    }
    if values.len() > 1 {
        let names: Vec<_> = values
            .iter()
            .filter(|(_, v)| !is_aws(v))
            .map(|(n, _)| *n)
            .collect();
        return Err(LoadError::one(
            names.first().copied().unwrap_or("input"),
            "",
            format!(
                "only AWS describe-* files can be combined; {} is a scenario file, so load it alone",
                names.join(", ")
            ),
        ));
    }
    let doc = read_scenario(&files[0], &values[0].1)?;
    build_doc(Format::Scenario, doc, diags)
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
    let net = build::build(&doc, &mut diags);
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

/// "50.3": one decimal, without floating-point formatting (which would add ~10 KB to the wasm).
pub fn megabytes(bytes: usize) -> String {
    format!("{}.{}", bytes / 1_000_000, (bytes / 100_000) % 10)
}

fn parse_json(f: &InputFile) -> Result<Value, LoadError> {
    if f.text.len() > MAX_FILE_BYTES {
        return Err(LoadError::one(
            f.name,
            "",
            format!(
                "the file is {} MB; the limit is {} MB. Narrow the describe-* output (for example --filters Name=vpc-id,Values=...)",
                megabytes(f.text.len()),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    if f.text.trim().is_empty() {
        return Err(LoadError::one(
            f.name,
            "",
            "the file is empty; expected a JSON object",
        ));
    }
    // Nesting is bounded (json::MAX_DEPTH), so deeply nested input fails fast.
    let v = json::parse(f.text)
        .map_err(|e| LoadError::one(f.name, "", format!("not valid JSON: {e}")))?;
    if !v.is_object() {
        return Err(LoadError::one(
            f.name,
            "",
            "expected a JSON object at the top level (a scenario, or aws ec2 describe-* output)",
        ));
    }
    Ok(v)
}

fn read_scenario(f: &InputFile, v: &Value) -> Result<ScenarioDoc, LoadError> {
    read::doc(v).map_err(|e| {
        let at = jsonpath::position_of(f.text, &e.path)
            .map(|(l, c)| format!(" at line {l} column {c}"))
            .unwrap_or_default();
        LoadError::one(f.name, &e.path, format!("{}{at}", e.message))
    })
}

/// Reads a flow `{from, to, protocol?, port?, request?}`, as a scenario's `flow` is written.
pub fn read_flow(v: &Value) -> Result<scenario::FlowDoc, json::ReadError> {
    read::flow(v, "")
}

/// Reads a scenario from parsed JSON (for tools that build or edit one in memory).
pub fn scenario_from_value(v: &Value) -> Result<ScenarioDoc, String> {
    read::doc(v).map_err(|e| e.to_string())
}
