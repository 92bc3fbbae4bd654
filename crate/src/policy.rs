//! IAM-style policy evaluation for endpoint policies, bucket policies and instance roles (R22).
//!
//! Enough of the policy language to teach the intersection rule: `Effect`, `Action` and
//! `Resource` (strings or lists, `*` and `?` wildcards, case-insensitive actions), `Principal`
//! `"*"`, and the `StringEquals` / `StringNotEquals` (and `StringLike` / `StringNotLike`)
//! conditions on `aws:SourceVpce` and `aws:SourceVpc`. An explicit deny wins; otherwise some
//! statement must allow. Anything else in a statement (other condition keys, `NotAction`,
//! specific principals) is reported, and the statement is treated as not matching.

pub use crate::format::scenario::Request;
use serde_json::Value;
use std::fmt;

/// What the request looks like to a policy: where it came from.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The VPC endpoint it passed, if any (`aws:SourceVpce`).
    pub source_vpce: Option<String>,
    /// The VPC it came from through that endpoint (`aws:SourceVpc`).
    pub source_vpc: Option<String>,
}

/// The result of evaluating one policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// A statement allows it (its `Sid`, or its position).
    Allow(String),
    /// A statement denies it explicitly.
    Deny(String),
    /// No statement matches.
    ImplicitDeny,
}

/// Glob match with `*` (any run) and `?` (one character).
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = if ignore_case {
        (
            // Actions are ASCII; ASCII folding avoids pulling Unicode case tables into the wasm.
            pattern.to_ascii_lowercase().chars().collect(),
            text.to_ascii_lowercase().chars().collect(),
        )
    } else {
        (pattern.chars().collect(), text.chars().collect())
    };
    // Iterative matcher with backtracking to the last star: linear in practice, no recursion.
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn principal_is_everyone(v: Option<&Value>) -> Option<bool> {
    match v {
        None => Some(true), // identity policies have no Principal
        Some(Value::String(s)) => Some(s == "*"),
        Some(Value::Object(m)) => Some(strings(m.get("AWS")).iter().any(|s| s == "*")),
        _ => None,
    }
}

/// Whether the statement's conditions hold; `Err` names what is not modelled.
fn conditions(v: Option<&Value>, ctx: &Context) -> Result<bool, String> {
    let Some(Value::Object(ops)) = v else {
        return if v.is_none() {
            Ok(true)
        } else {
            Err("a Condition that is not an object".into())
        };
    };
    for (op, keys) in ops {
        let Value::Object(keys) = keys else {
            return Err(format!("condition {op} is not an object"));
        };
        for (key, want) in keys {
            let actual = match key.to_ascii_lowercase().as_str() {
                "aws:sourcevpce" => ctx.source_vpce.as_deref(),
                "aws:sourcevpc" => ctx.source_vpc.as_deref(),
                _ => return Err(format!("condition key {key} is not modelled")),
            };
            let wants = strings(Some(want));
            let like = op.contains("Like");
            let any = |a: &str| {
                wants
                    .iter()
                    .any(|w| if like { glob(w, a, false) } else { w == a })
            };
            let holds = match op.as_str() {
                "StringEquals" | "StringLike" => actual.is_some_and(any),
                // An absent key satisfies a negated condition, as in AWS.
                "StringNotEquals" | "StringNotLike" => !actual.is_some_and(any),
                other => return Err(format!("condition operator {other} is not modelled")),
            };
            if !holds {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Evaluates a policy document (an object with `Statement`) for `req` in `ctx`. Notes about
/// parts that are not modelled are pushed to `notes`.
pub fn evaluate(policy: &Value, req: &Request, ctx: &Context, notes: &mut Vec<String>) -> Decision {
    let statements: Vec<&Value> = match policy.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        _ => {
            notes.push("the policy has no Statement, so it allows nothing".into());
            return Decision::ImplicitDeny;
        }
    };
    let mut allow = None;
    for (i, st) in statements.iter().enumerate() {
        let name = st
            .get("Sid")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("statement {}", i + 1));
        if st.get("NotAction").is_some()
            || st.get("NotResource").is_some()
            || st.get("NotPrincipal").is_some()
        {
            notes.push(format!(
                "{name}: NotAction/NotResource/NotPrincipal are not modelled; the statement is skipped"
            ));
            continue;
        }
        match principal_is_everyone(st.get("Principal")) {
            Some(true) => {}
            _ => {
                notes.push(format!(
                    "{name}: only Principal \"*\" is modelled; the statement is skipped"
                ));
                continue;
            }
        }
        let action = strings(st.get("Action"))
            .iter()
            .any(|a| glob(a, &req.action, true));
        let resource = strings(st.get("Resource"))
            .iter()
            .any(|r| glob(r, &req.resource, false));
        if !(action && resource) {
            continue;
        }
        match conditions(st.get("Condition"), ctx) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                notes.push(format!("{name}: {e}; the statement is skipped"));
                continue;
            }
        }
        match st.get("Effect").and_then(Value::as_str) {
            Some("Deny") => return Decision::Deny(name),
            Some("Allow") => {
                allow.get_or_insert(name);
            }
            _ => notes.push(format!("{name}: Effect must be Allow or Deny")),
        }
    }
    match allow {
        Some(n) => Decision::Allow(n),
        None => Decision::ImplicitDeny,
    }
}

/// A policy that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// Policy text that is not JSON: serde_json's message, with its line and column.
    NotJson(String),
    /// Neither an object nor text.
    NotAnObject,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::NotJson(e) => write!(f, "the policy is not valid JSON: {e}"),
            PolicyError::NotAnObject => f.write_str("a policy must be a JSON object (or its text)"),
        }
    }
}

/// Parses policy text (or takes a JSON object as is).
pub fn parse(v: &Value) -> Result<Value, PolicyError> {
    match v {
        Value::String(s) => {
            serde_json::from_str(s).map_err(|e| PolicyError::NotJson(e.to_string()))
        }
        Value::Object(_) => Ok(v.clone()),
        _ => Err(PolicyError::NotAnObject),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req(action: &str, resource: &str) -> Request {
        Request {
            action: action.into(),
            resource: resource.into(),
        }
    }

    #[test]
    fn glob_matches_wildcards() {
        assert!(glob("s3:Get*", "s3:GetObject", true));
        assert!(glob(
            "arn:aws:s3:::reports/*",
            "arn:aws:s3:::reports/q3.csv",
            false
        ));
        assert!(!glob(
            "arn:aws:s3:::reports/*",
            "arn:aws:s3:::private/q3.csv",
            false
        ));
        assert!(glob("a?c", "abc", false) && !glob("a?c", "abbc", false));
        assert!(glob("*", "", false));
    }

    #[test]
    fn explicit_deny_wins_over_allow() {
        let p = json!({"Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
            {"Sid": "NoSecrets", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::secrets/*"}
        ]});
        let mut n = Vec::new();
        let ctx = Context::default();
        assert_eq!(
            evaluate(
                &p,
                &req("s3:GetObject", "arn:aws:s3:::secrets/k"),
                &ctx,
                &mut n
            ),
            Decision::Deny("NoSecrets".into())
        );
        assert_eq!(
            evaluate(
                &p,
                &req("s3:GetObject", "arn:aws:s3:::other/k"),
                &ctx,
                &mut n
            ),
            Decision::Allow("statement 1".into())
        );
    }

    #[test]
    fn source_vpce_condition_restricts_a_bucket() {
        let p = json!({"Statement": [{"Sid": "OnlyViaEndpoint", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}}]});
        let mut n = Vec::new();
        let r = req("s3:GetObject", "arn:aws:s3:::reports/a");
        let via = Context {
            source_vpce: Some("vpce-1".into()),
            source_vpc: Some("vpc-a".into()),
        };
        assert_eq!(evaluate(&p, &r, &via, &mut n), Decision::ImplicitDeny);
        assert_eq!(
            evaluate(&p, &r, &Context::default(), &mut n),
            Decision::Deny("OnlyViaEndpoint".into())
        );
    }

    #[test]
    fn unmodelled_parts_are_reported_not_guessed() {
        let p = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:role/x"}, "Action": "*", "Resource": "*"}]});
        let mut n = Vec::new();
        assert_eq!(
            evaluate(&p, &req("s3:GetObject", "x"), &Context::default(), &mut n),
            Decision::ImplicitDeny
        );
        assert!(n[0].contains("Principal"));
    }
}
