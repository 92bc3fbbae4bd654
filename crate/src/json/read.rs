//! Reading the crate's own types from a `Value`, field by field, with errors that say where.
//!
//! Used for scenarios (`load/read.rs`), lessons, fixes and the page's arguments. Unknown
//! fields are errors that list the known ones, wrong types say what was expected, and every
//! error carries the field path (`subnets[2].cidr`), which `load` turns into a line and column.

use super::{Map, Value};

/// A field that could not be read: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

type R<T> = Result<T, ReadError>;

/// Text from the input, fit for a one-line message: control characters escaped, and cut
/// after 40 characters (a hostile 20,000-character key must not become the message).
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// What a value is, for messages: `string "x"`, `integer `5``, `a map`.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_float() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string \"{}\"", shown(s)),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// "invalid type: integer `5`, expected a string", at `path`.
pub fn wrong(path: &str, v: &Value, expected: &str) -> ReadError {
    ReadError {
        path: path.to_string(),
        message: format!("invalid type: {}, expected {expected}", describe(v)),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// One JSON object being read, with the fields it may have.
pub struct Fields<'a> {
    pub map: &'a Map,
    pub path: String,
}

impl<'a> Fields<'a> {
    /// `v` must be an object whose keys are all in `known`.
    pub fn new(v: &'a Value, path: &str, known: &[&str]) -> R<Fields<'a>> {
        let map = v.as_object().ok_or_else(|| wrong(path, v, "a map"))?;
        if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            let k = shown(k);
            return Err(ReadError {
                path: join(path, &k),
                message: format!("unknown field `{k}`, expected one of {}", list.join(", ")),
            });
        }
        Ok(Fields {
            map,
            path: path.to_string(),
        })
    }

    /// The path of one of its fields.
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value of a field; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn missing(&self, key: &str) -> ReadError {
        ReadError {
            path: self.path.clone(),
            message: format!("missing field `{key}`"),
        }
    }

    /// A field that must be present.
    pub fn req(&self, key: &str) -> R<&'a Value> {
        self.map.get(key).ok_or_else(|| self.missing(key))
    }

    pub fn opt_str(&self, key: &str) -> R<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(wrong(&self.at(key), v, "a string")),
        }
    }

    pub fn req_str(&self, key: &str) -> R<String> {
        match self.req(key)? {
            Value::String(s) => Ok(s.clone()),
            v => Err(wrong(&self.at(key), v, "a string")),
        }
    }

    /// A string that defaults to empty.
    pub fn string(&self, key: &str) -> R<String> {
        Ok(self.opt_str(key)?.unwrap_or_default())
    }

    pub fn bool_or(&self, key: &str, default: bool) -> R<bool> {
        match self.get(key) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(wrong(&self.at(key), v, "a boolean")),
        }
    }

    pub fn opt_u16(&self, key: &str) -> R<Option<u16>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.as_u64().and_then(|n| u16::try_from(n).ok()) {
                Some(n) => Ok(Some(n)),
                None => Err(wrong(&self.at(key), v, "a number from 0 to 65535")),
            },
        }
    }

    pub fn req_u16(&self, key: &str) -> R<u16> {
        let v = self.req(key)?;
        v.as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .ok_or_else(|| wrong(&self.at(key), v, "a number from 0 to 65535"))
    }

    pub fn req_u32(&self, key: &str) -> R<u32> {
        let v = self.req(key)?;
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| wrong(&self.at(key), v, "a whole number"))
    }

    /// A field kept as JSON (a policy, a lesson).
    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key).cloned()
    }

    pub fn opt_list<T>(
        &self,
        key: &str,
        item: impl Fn(&'a Value, &str) -> R<T>,
    ) -> R<Option<Vec<T>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, v)| item(v, &format!("{}[{i}]", self.at(key))))
                .collect::<R<Vec<T>>>()
                .map(Some),
            Some(v) => Err(wrong(&self.at(key), v, "a sequence")),
        }
    }

    /// A list that defaults to empty; an explicit `null` is an error.
    pub fn list<T>(&self, key: &str, item: impl Fn(&'a Value, &str) -> R<T>) -> R<Vec<T>> {
        if let Some(Value::Null) = self.map.get(key) {
            return Err(wrong(&self.at(key), &Value::Null, "a sequence"));
        }
        Ok(self.opt_list(key, item)?.unwrap_or_default())
    }

    /// A required list.
    pub fn req_list<T>(&self, key: &str, item: impl Fn(&'a Value, &str) -> R<T>) -> R<Vec<T>> {
        self.req(key)?;
        self.list(key, item)
    }

    pub fn strings(&self, key: &str) -> R<Vec<String>> {
        self.list(key, string_item)
    }

    pub fn opt_strings(&self, key: &str) -> R<Option<Vec<String>>> {
        self.opt_list(key, string_item)
    }
}

/// A list item that must be a string.
pub fn string_item(v: &Value, path: &str) -> R<String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong(path, v, "a string"))
}
