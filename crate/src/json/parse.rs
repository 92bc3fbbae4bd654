//! JSON text (RFC 8259) into a `Value`, or an error with a line and column.
//!
//! Messages follow serde_json's, which the page and the command line showed before this
//! parser replaced it. Positions name the character at fault: its line and its column in
//! characters, both from 1, so the page can put the editor's cursor on it; an error at the
//! end of the text points just past its last character.

use super::{Map, Number, Value};
use std::collections::HashSet;
use std::fmt;

/// How deep arrays and objects may nest. Input is untrusted, and recursion deeper than this
/// could exhaust the wasm stack; real scenarios and AWS output nest fewer than 10 levels.
pub const MAX_DEPTH: usize = 128;

/// A syntax error: what, and where (1-based line, byte column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Parses one JSON value, with nothing but whitespace around it.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.skip_ws();
    let v = p.value()?;
    p.skip_ws();
    if p.i < p.b.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    /// The next byte to read.
    i: usize,
    depth: usize,
}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// An error about the character at `self.i` (or the end of the text).
    fn error(&self, message: &str) -> SyntaxError {
        self.error_at(self.i, message)
    }

    /// An error about the character that starts at byte `at` (the text's length: its end).
    /// The column counts characters, as an editor does, from 1.
    fn error_at(&self, at: usize, message: &str) -> SyntaxError {
        let before = &self.b[..at];
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        let chars = before[line_start..]
            .iter()
            .filter(|&&c| c & 0xC0 != 0x80)
            .count();
        SyntaxError {
            message: message.to_string(),
            line: 1 + before[..line_start].iter().filter(|&&c| c == b'\n').count(),
            column: chars + 1,
        }
    }

    fn eof(&self, message: &str) -> SyntaxError {
        self.error_at(self.b.len(), message)
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        match self.peek() {
            None => Err(self.eof(EOF_VALUE)),
            Some(b'{') => self.nested(Parser::object),
            Some(b'[') => self.nested(Parser::array),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<Value, SyntaxError>,
    ) -> Result<Value, SyntaxError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.i += 1; // the bracket
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, SyntaxError> {
        for &want in word.as_bytes() {
            match self.peek() {
                None => return Err(self.eof(EOF_VALUE)),
                Some(c) if c == want => self.i += 1,
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            None => return Err(self.eof(EOF_VALUE)),
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(match self.peek() {
                    None => self.eof(EOF_VALUE),
                    Some(_) => self.error("invalid number"),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(match self.peek() {
                    None => self.eof(EOF_VALUE),
                    Some(_) => self.error("invalid number"),
                });
            }
        }
        Ok(Value::Number(Number(self.s[start..self.i].to_string())))
    }

    /// A string literal; `self.i` is at its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once; the input is a `str`, so the run
            // ends on a character boundary (quote, backslash and controls are ASCII).
            let start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(&self.s[start..self.i]);
            match self.peek() {
                None => return Err(self.eof(EOF_STRING)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// One escape; `self.i` is just past the backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let c = match self.peek() {
            None => return Err(self.eof(EOF_STRING)),
            Some(c) => c,
        };
        self.i += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error_at(self.i - 1, "invalid escape")),
        };
        out.push(ch);
        Ok(())
    }

    /// Four hex digits; an error names the position after all four, as serde_json does.
    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let Some(digits) = self.b.get(self.i..self.i + 4) else {
            return Err(self.eof(EOF_STRING));
        };
        self.i += 4;
        digits
            .iter()
            .try_fold(0, |n, &c| Some(n * 16 + (c as char).to_digit(16)?))
            .ok_or_else(|| self.error_at(self.i - 1, "invalid escape"))
    }

    /// `\uXXXX`, pairing UTF-16 surrogates into one character.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => {
                return Err(self.error_at(self.i - 1, "lone leading surrogate in hex escape"))
            }
            0xD800..=0xDBFF => {
                // A leading surrogate must be followed by `\u` and a trailing one.
                for want in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.eof(EOF_STRING)),
                        Some(c) if c == want => self.i += 1,
                        Some(_) => return Err(self.error("unexpected end of hex escape")),
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(self.i - 1, "lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            n => n,
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => Err(self.error_at(self.i - 1, "invalid unicode code point")),
        }
    }

    /// After `[`.
    fn array(&mut self) -> Result<Value, SyntaxError> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof(EOF_LIST)),
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, SyntaxError> {
        let mut map = Map::new();
        // Keys seen so far, once the object is big enough that searching `map` for each new
        // key would make a hostile 100,000-key object quadratic.
        let mut seen: Option<HashSet<String>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Object(map));
        }
        loop {
            match self.peek() {
                None => return Err(self.eof(EOF_OBJECT)),
                Some(b'"') => {}
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key_at = self.i;
            let key = self.string()?;
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof(EOF_OBJECT)),
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.error("expected `:`")),
            }
            self.skip_ws();
            let v = self.value()?;
            // Two values for one key is almost always a slip (a second `routes` list pasted
            // in); taking either silently would hide half of what the author wrote.
            let duplicate = match &mut seen {
                Some(keys) => !keys.insert(key.clone()),
                None => {
                    let duplicate = map.contains_key(&key);
                    if map.len() >= 16 {
                        seen = Some(map.keys().chain([&key]).cloned().collect());
                    }
                    duplicate
                }
            };
            if duplicate {
                let message = format!("duplicate key `{}`", super::shown(&key));
                return Err(self.error_at(key_at, &message));
            }
            map.0.push((key, v));
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof(EOF_OBJECT)),
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(map));
                }
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_line_and_column_of_the_fault() {
        assert_eq!(
            err("{\n  \"a\": 1,\n}"),
            "trailing comma at line 3 column 1"
        );
        assert_eq!(
            err("{\"a\": [1, 2,]}"),
            "trailing comma at line 1 column 13"
        );
        assert_eq!(
            err("{\"a\": 1\n"),
            "EOF while parsing an object at line 2 column 1"
        );
        assert_eq!(err("[1 2]"), "expected `,` or `]` at line 1 column 4");
        assert_eq!(err("{\"a\" 1}"), "expected `:` at line 1 column 6");
        assert_eq!(err("{a: 1}"), "key must be a string at line 1 column 2");
        assert_eq!(err("[tru]"), "expected ident at line 1 column 5");
        assert_eq!(err("[01]"), "invalid number at line 1 column 3");
        assert_eq!(err("[1.]"), "invalid number at line 1 column 4");
        assert_eq!(err("{} x"), "trailing characters at line 1 column 4");
        assert_eq!(err(""), "EOF while parsing a value at line 1 column 1");
        assert_eq!(
            err("\"a\u{1}\""),
            "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"
        );
        assert_eq!(err(r#""\x""#), "invalid escape at line 1 column 3");
        assert_eq!(
            err(r#"{"a": 1, "a": 2}"#),
            "duplicate key `a` at line 1 column 10"
        );
    }

    #[test]
    fn a_duplicate_key_is_found_in_a_big_object_too() {
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}}}", keys.join(","));
        assert_eq!(parse(&text).unwrap().as_object().unwrap().len(), 100_000);
        let text = format!("{{{}, \"k99\": 0}}", keys.join(","));
        assert!(parse(&text)
            .unwrap_err()
            .message
            .starts_with("duplicate key `k99`"));
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse(&deep).unwrap_err().message,
            "recursion limit exceeded"
        );
        // A hostile depth fails fast, without recursing past the limit.
        assert!(parse(&"[".repeat(1_000_000)).is_err());
    }

    #[test]
    fn escapes_decode_including_surrogate_pairs() {
        let v = parse(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(v.as_str(), Some("\"\\/\u{8}\u{c}\n\r\té😀"));
        assert!(parse(r#""\ud83d""#).is_err());
        assert!(parse(r#""\ude00""#).is_err());
        assert!(parse(r#""\ud83d\u0041""#).is_err());
    }
}
