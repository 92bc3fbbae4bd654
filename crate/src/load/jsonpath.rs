//! Where in a JSON text an error happened, as a path (`subnets[2].cidr`).
//!
//! serde_json reports a line and column; authors think in fields. Rather than wrap every
//! deserializer to track the path (which doubled the wasm module's deserialization code), this
//! scans the text up to the error's position once, keeping a stack of open objects and arrays.

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

/// The path of the value at `line` and `column` (1-based, as serde_json counts them).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            c += 1;
        }
        if l > line || (l == line && c > column) {
            break;
        }
        match ch {
            '{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
            }
            '"' => {
                let mut s = String::new();
                while let Some(x) = chars.next() {
                    c += 1;
                    match x {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                c += 1;
                                s.push(e);
                            }
                        }
                        '"' => break,
                        '\n' => {
                            l += 1;
                            c = 0;
                        }
                        _ => s.push(x),
                    }
                }
                if let Some(Frame::Object {
                    key,
                    want_key: true,
                }) = stack.last_mut()
                {
                    *key = Some(s);
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_of_an_error_position() {
        let text =
            "{\n  \"subnets\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"cidr\": 5}\n  ]\n}";
        // serde_json reports the error just after the offending value `5`.
        assert_eq!(path_at(text, 4, 25), "subnets[1].cidr");
        assert_eq!(path_at(text, 3, 8), "subnets[0].id");
        assert_eq!(path_at(text, 1, 1), "");
    }

    #[test]
    fn strings_with_brackets_and_escapes_do_not_confuse_it() {
        let text = r#"{"name": "a [weird] {name}, \"quoted\"", "vpcs": [{"id": 1}]}"#;
        assert_eq!(path_at(text, 1, 58), "vpcs[0].id");
    }
}
