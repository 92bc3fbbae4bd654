//! A small JSON layer: a value type, a parser with line/column errors, a writer, and helpers
//! to read and write the crate's own types field by field.
//!
//! The crate used serde and serde_json before. Their generic code (derived `Serialize` and
//! `Deserialize`, the `Value` visitors, the tagged-enum buffering behind `#[serde(flatten)]`)
//! was a quarter of the wasm module: about 150 KB before gzip. The engine only ever needs
//! one concrete thing — JSON text in, JSON text out — so this module does exactly that,
//! with no generics beyond `ToJson`, and the page loads faster for it (issue 3's size budget).
//!
//! Differences from serde_json a user can see, each on purpose:
//! - Objects keep their keys in the order written (a solved lesson reads like the original).
//! - A key given twice in one object is an error naming it, not "the last one wins".
//! - Numbers are kept as written (`1.50` stays `1.50`); only whole numbers are read as such.
//!
//! `tests/json.rs` checks the parser against serde_json on valid and broken inputs.

mod parse;
mod read;

pub use parse::{parse, SyntaxError, MAX_DEPTH};
pub use read::{describe, shown, string_item, wrong, Fields, ReadError};

/// A serde-serialisable value as this module's `Value`, for writers still built on `Obj`.
// TODO(serde): seam. Goes with this module when the whole crate is on serde_json.
pub fn seam<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_string(v)
        .ok()
        .and_then(|text| parse(&text).ok())
        .unwrap_or(Value::Null)
}

use std::fmt::{self, Write as _};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number, kept as its text (validated by the parser, or written by this crate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number, if it is a whole number from 0 to u64::MAX written without a fraction or
    /// exponent (as serde_json reads integers).
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// The number, if it is a whole number that fits an i64.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// Whether it has a fraction or exponent (`1.5`, `1e3`).
    pub fn is_float(&self) -> bool {
        self.0.contains(['.', 'e', 'E'])
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! number_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(n.to_string())
            }
        }
    )*};
}
number_from!(u8, u16, u32, u64, usize, i32, i64);

/// A JSON object: keys in the order written.
///
/// Objects in scenarios and AWS output have a few dozen keys at most, so a vector with a
/// linear search is smaller and, at these sizes, no slower than a hash map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing its value in place if present; returns the old value.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(v) => Some(std::mem::replace(v, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.into_iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    /// The value under `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The value as indented JSON text (two spaces, as `JSON.stringify(v, null, 2)`).
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(0));
        out
    }
}

/// Compact JSON text: `v.to_string()`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_value(&mut out, self, None);
        f.write_str(&out)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Object(m)
    }
}

/// `indent`: `None` for compact output, `Some(level)` for pretty output at that depth.
fn write_value(out: &mut String, v: &Value, indent: Option<usize>) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_string(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent.map(|l| l + 1));
                write_value(out, item, indent.map(|l| l + 1));
            }
            if !a.is_empty() {
                newline(out, indent);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, item)) in m.0.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent.map(|l| l + 1));
                write_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, item, indent.map(|l| l + 1));
            }
            if !m.is_empty() {
                newline(out, indent);
            }
            out.push('}');
        }
    }
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(level) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    }
}

/// A string literal; escapes what JSON requires (quote, backslash, control characters).
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A type the crate writes out as JSON (results for the page and the command line, and
/// scenarios written back after an edit).
pub trait ToJson {
    fn to_json(&self) -> Value;
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! number_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::Number(Number::from(*self))
            }
        }
    )*};
}
number_to_json!(u8, u16, u32, u64, usize, i32, i64);

/// `None` is `null`.
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

/// Builds an object field by field, in order:
/// `Obj::new().put("id", &self.id).text("name", &self.name).build()`.
///
/// The skipping methods leave a field out at its default, so a scenario written back stays
/// as short as one written by hand.
#[derive(Default)]
#[must_use]
pub struct Obj(Map);

impl Obj {
    pub fn new() -> Obj {
        Obj(Map::new())
    }

    /// Always written.
    pub fn put<T: ToJson + ?Sized>(mut self, key: &str, v: &T) -> Obj {
        self.0 .0.push((key.to_string(), v.to_json()));
        self
    }

    /// Left out when `None`.
    pub fn some<T: ToJson>(self, key: &str, v: &Option<T>) -> Obj {
        match v {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    /// Left out when empty.
    pub fn text(self, key: &str, v: &str) -> Obj {
        if v.is_empty() {
            self
        } else {
            self.put(key, v)
        }
    }

    /// Left out when empty.
    pub fn list<T: ToJson>(self, key: &str, v: &[T]) -> Obj {
        if v.is_empty() {
            self
        } else {
            self.put(key, v)
        }
    }

    /// Left out when equal to `default`.
    pub fn flag(self, key: &str, v: bool, default: bool) -> Obj {
        if v == default {
            self
        } else {
            self.put(key, &v)
        }
    }

    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

/// `impl ToJson` for a struct that writes the listed fields in order under their own names
/// (or `field as "key"`), `None` as `null`: `fields_to_json!(VpcS { id, name, kind as "type" });`
macro_rules! fields_to_json {
    ($t:ty { $($field:ident $(as $key:literal)?),* $(,)? }) => {
        impl $crate::json::ToJson for $t {
            fn to_json(&self) -> $crate::json::Value {
                $crate::json::Obj::new()
                    $(.put($crate::json::fields_to_json!(@key $field $($key)?), &self.$field))*
                    .build()
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
}
pub(crate) use fields_to_json;

/// Test helper: serde_json's `json!` literal as this module's `Value` (serde_json is a
/// dev-dependency only).
#[cfg(test)]
macro_rules! json {
    ($($t:tt)+) => {
        $crate::json::parse(&serde_json::json!($($t)+).to_string()).expect("json! gives valid JSON")
    };
}
#[cfg(test)]
pub(crate) use json;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compact_and_pretty_text_with_escapes() {
        let v = parse(r#"{"a":[1,-2.50,{"b":null}],"s":"q\"\\\n\u0001é","e":[],"o":{}}"#).unwrap();
        assert_eq!(
            v.to_string(),
            r#"{"a":[1,-2.50,{"b":null}],"s":"q\"\\\n\u0001é","e":[],"o":{}}"#
        );
        assert_eq!(
            v.to_pretty(),
            "{\n  \"a\": [\n    1,\n    -2.50,\n    {\n      \"b\": null\n    }\n  ],\n  \"s\": \"q\\\"\\\\\\n\\u0001é\",\n  \"e\": [],\n  \"o\": {}\n}"
        );
    }

    #[test]
    fn numbers_read_as_integers_only_when_whole() {
        let v = parse("[7, -3, 1.0, 2e3, 18446744073709551616]").unwrap();
        let a = v.as_array().unwrap();
        assert_eq!(a[0].as_u64(), Some(7));
        assert_eq!(a[1].as_u64(), None);
        assert_eq!(a[1].as_i64(), Some(-3));
        assert_eq!(a[2].as_u64(), None);
        assert_eq!(a[3].as_u64(), None);
        assert_eq!(a[4].as_u64(), None);
    }

    #[test]
    fn map_keeps_order_and_replaces_in_place() {
        let mut m = Map::new();
        m.insert("b".into(), 1u16.to_json());
        m.insert("a".into(), 2u16.to_json());
        assert_eq!(m.insert("b".into(), 3u16.to_json()), Some(1u16.to_json()));
        assert_eq!(Value::Object(m.clone()).to_string(), r#"{"b":3,"a":2}"#);
        assert_eq!(m.remove("b"), Some(3u16.to_json()));
        assert_eq!(Value::Object(m).to_string(), r#"{"a":2}"#);
    }

    #[test]
    fn obj_builder_skips_defaults() {
        let v = Obj::new()
            .put("id", "x")
            .text("name", "")
            .some::<u16>("port", &None)
            .some("egress", &Some(Vec::<String>::new()))
            .list::<String>("cidrs", &[])
            .flag("check", true, true)
            .flag("main", true, false)
            .put("gone", &None::<String>)
            .build();
        assert_eq!(
            v.to_string(),
            r#"{"id":"x","egress":[],"main":true,"gone":null}"#
        );
    }
}
