//! Problems found in the input, as data: each names the resource, the field, and what to do.
//!
//! Errors mean the input cannot be used; warnings mean it loads but something is doubtful;
//! `Unsupported` marks an AWS feature the engine does not model yet, so nothing is silently
//! ignored. Builders collect every problem before giving up, so an author sees them all at once.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Unsupported,
}

/// One problem with the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The resource id (or file name, for problems before any resource is known).
    pub resource: String,
    /// The field, as a path inside the resource (`routes[2].target`); empty for the whole resource.
    pub field: String,
    pub message: String,
}

impl Severity {
    /// `error`, `warning` or `unsupported`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Unsupported => "unsupported",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = self.severity.as_str();
        if self.field.is_empty() {
            write!(f, "{sev}: {}: {}", self.resource, self.message)
        } else {
            write!(
                f,
                "{sev}: {} {}: {}",
                self.resource, self.field, self.message
            )
        }
    }
}

/// A growing list of problems.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    fn push(&mut self, severity: Severity, resource: &str, field: &str, message: String) {
        self.0.push(Diagnostic {
            severity,
            resource: resource.to_string(),
            field: field.to_string(),
            message,
        });
    }
    /// Records an error: the input cannot be used.
    pub fn error(&mut self, resource: &str, field: &str, message: impl Into<String>) {
        self.push(Severity::Error, resource, field, message.into());
    }
    /// Records a warning: loadable but doubtful.
    pub fn warn(&mut self, resource: &str, field: &str, message: impl Into<String>) {
        self.push(Severity::Warning, resource, field, message.into());
    }
    /// Records an AWS feature the engine does not model.
    pub fn unsupported(&mut self, resource: &str, field: &str, message: impl Into<String>) {
        self.push(Severity::Unsupported, resource, field, message.into());
    }
    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
}
