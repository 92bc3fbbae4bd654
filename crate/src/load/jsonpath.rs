//! Where in a JSON text a field is, as a line and column.
//!
//! The scenario reader (`read.rs`) works on parsed JSON and names fields by path
//! (`subnets[2].cidr`); authors editing the file also want the line. This scans the text once,
//! keeping a stack of open objects and arrays, until it reaches the path.

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

/// The line and column (1-based) where the value at `path` starts, if the text has it.
pub fn position_of(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1usize, 0usize);
    // Whether the next non-space character starts a value (after `:`, `[`, `,` in an array).
    let mut value_next = true;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\n' {
            l += 1;
            c = 0;
            continue;
        }
        c += 1;
        if ch.is_whitespace() {
            continue;
        }
        if value_next && ch != ']' && ch != '}' {
            value_next = false;
            if current(&stack) == path {
                return Some((l, c));
            }
        }
        match ch {
            '{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            '[' => {
                stack.push(Frame::Array { index: 0 });
                value_next = true;
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => {
                    *index += 1;
                    value_next = true;
                }
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
                value_next = true;
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
    None
}

fn current(stack: &[Frame]) -> String {
    let mut out = String::new();
    for f in stack {
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
    fn finds_where_a_path_starts() {
        let text =
            "{\n  \"subnets\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"cidr\": 5}\n  ]\n}";
        assert_eq!(position_of(text, "subnets[1].cidr"), Some((4, 25)));
        assert_eq!(position_of(text, "subnets"), Some((2, 14)));
        assert_eq!(position_of(text, "subnets[0]"), Some((3, 5)));
        assert_eq!(position_of(text, "nope"), None);
    }

    #[test]
    fn strings_with_brackets_and_escapes_do_not_confuse_it() {
        let text = r#"{"name": "a [weird] {name}, \"quoted\"", "vpcs": [{"id": 1}]}"#;
        assert_eq!(position_of(text, "vpcs[0].id"), Some((1, 58)));
    }
}
