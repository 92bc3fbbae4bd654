//! Endpoint policy edits (`modify-vpc-endpoint --policy-document`, R22): the whole document
//! as JSON text, or one statement's Effect, Action list and Resource list.

use super::{not_found, EditError, Result};
use crate::format::edit::Effect;
use crate::format::scenario::{EndpointDoc, ScenarioDoc};
use crate::model::ids::ResourceKind;
use serde_json::{json, Map, Value};
use std::fmt;

/// The version every policy the playground writes carries, as IAM's current grammar.
const VERSION: &str = "2012-10-17";

/// An endpoint policy edit that cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyEditError {
    /// The text is not a policy: not JSON (serde_json's message, with line and column), not
    /// an object, or without a `Statement`.
    NotAPolicy { endpoint: String, problem: String },
    /// No statement at that position.
    NoStatement { endpoint: String, index: usize },
    /// A statement needs at least one action and one resource.
    EmptyList { what: &'static str },
    /// The last statement stays: an empty policy is not a policy.
    LastStatement { endpoint: String },
}

impl fmt::Display for PolicyEditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyEditError::NotAPolicy { endpoint, problem } => {
                write!(f, "the policy for {endpoint} was not changed: {problem}")
            }
            PolicyEditError::NoStatement { endpoint, index } => write!(
                f,
                "the policy of {endpoint} has no statement {}",
                index.saturating_add(1)
            ),
            PolicyEditError::EmptyList { what } => {
                write!(f, "a statement needs at least one {what} (write * for all)")
            }
            PolicyEditError::LastStatement { endpoint } => write!(
                f,
                "this is the only statement of {endpoint}'s policy: change it instead, or restore \
                 the default policy (which allows everything)"
            ),
        }
    }
}

fn endpoint<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut EndpointDoc> {
    doc.endpoints
        .iter_mut()
        .find(|e| e.id == id)
        .ok_or_else(|| not_found(ResourceKind::Endpoint, id))
}

fn not_a_policy(endpoint: &str, problem: impl Into<String>) -> EditError {
    EditError::Policy(PolicyEditError::NotAPolicy {
        endpoint: endpoint.to_string(),
        problem: problem.into(),
    })
}

/// Policy text as a document: a JSON object with a `Statement` (one object or a list).
fn document(id: &str, text: &str) -> Result<Value> {
    let v = crate::policy::parse(&Value::String(text.to_string()))
        .map_err(|e| not_a_policy(id, e.to_string()))?;
    match v.get("Statement") {
        Some(Value::Array(_)) | Some(Value::Object(_)) => Ok(v),
        Some(_) => Err(not_a_policy(
            id,
            "\"Statement\" must be a list of statements",
        )),
        None if v.is_object() => Err(not_a_policy(id, "a policy needs a \"Statement\" list")),
        None => Err(not_a_policy(id, "a policy must be a JSON object { ... }")),
    }
}

/// Replaces the whole policy; blank text restores the default, which allows everything.
pub(super) fn set_policy(doc: &mut ScenarioDoc, id: &str, text: &str) -> Result<()> {
    let policy = if text.trim().is_empty() {
        None
    } else {
        Some(document(id, text)?)
    };
    endpoint(doc, id)?.policy = policy;
    Ok(())
}

/// The endpoint's statements as a list, writing the document in (and a single statement
/// object as a one-item list) so one statement can be changed.
fn statements(e: &mut EndpointDoc) -> Result<&mut Vec<Value>> {
    let id = e.id.clone();
    let mut policy = match e.policy.clone() {
        // The default policy allows everything; a first statement replaces it.
        None => json!({"Version": VERSION, "Statement": []}),
        Some(Value::String(s)) => document(&id, &s)?,
        Some(v) => v,
    };
    let Some(map) = policy.as_object_mut() else {
        return Err(not_a_policy(&id, "a policy must be a JSON object { ... }"));
    };
    let list = match map.remove("Statement") {
        Some(Value::Array(list)) => list,
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    map.insert("Statement".into(), Value::Array(list));
    e.policy = Some(policy);
    match e.policy.as_mut().and_then(|p| p.get_mut("Statement")) {
        Some(Value::Array(list)) => Ok(list),
        _ => Err(not_a_policy(&id, "a policy needs a \"Statement\" list")),
    }
}

fn words(list: &[String], what: &'static str) -> Result<Value> {
    let items: Vec<Value> = list
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| Value::String(s.to_string()))
        .collect();
    if items.is_empty() {
        return Err(EditError::Policy(PolicyEditError::EmptyList { what }));
    }
    Ok(Value::Array(items))
}

/// Sets statement `index` (or adds one at the end): its Sid, Principal and Condition stay.
pub(super) fn set_statement(
    doc: &mut ScenarioDoc,
    id: &str,
    index: usize,
    effect: Effect,
    actions: &[String],
    resources: &[String],
) -> Result<()> {
    let action = words(actions, "action")?;
    let resource = words(resources, "resource")?;
    let list = statements(endpoint(doc, id)?)?;
    if index > list.len() {
        return Err(EditError::Policy(PolicyEditError::NoStatement {
            endpoint: id.to_string(),
            index,
        }));
    }
    if index == list.len() {
        // A gateway endpoint's policy names no principal but "*" (R22).
        list.push(json!({"Principal": "*"}));
    }
    if !list[index].is_object() {
        list[index] = Value::Object(Map::new());
    }
    if let Some(s) = list[index].as_object_mut() {
        s.insert("Effect".into(), Value::String(effect.as_str().into()));
        s.insert("Action".into(), action);
        s.insert("Resource".into(), resource);
    }
    Ok(())
}

/// Deletes statement `index`, never the last one: a policy without statements is no policy.
pub(super) fn delete_statement(doc: &mut ScenarioDoc, id: &str, index: usize) -> Result<()> {
    let e = endpoint(doc, id)?;
    let none = EditError::Policy(PolicyEditError::NoStatement {
        endpoint: id.to_string(),
        index,
    });
    if e.policy.is_none() {
        return Err(none);
    }
    let list = statements(e)?;
    if index >= list.len() {
        return Err(none);
    }
    if list.len() == 1 {
        return Err(EditError::Policy(PolicyEditError::LastStatement {
            endpoint: id.to_string(),
        }));
    }
    list.remove(index);
    Ok(())
}
