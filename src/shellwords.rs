//! Splitting a command written as one string (`"npx -y pkg"`) into words the
//! way a POSIX shell would for plain words and simple quoting. Each word keeps
//! the byte range of its token in the original string, so a finding can point
//! at it. Nothing is ever executed or expanded.

use std::ops::Range;

/// Split `text` into (word, byte range of the token) pairs. Single quotes
/// are literal, double quotes allow `\"` and `\\` escapes, a backslash outside
/// quotes escapes the next character. An unterminated quote ends at the end
/// of the string.
pub fn split(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            match c {
                '\'' => {
                    for (j, q) in chars.by_ref() {
                        end = j + q.len_utf8();
                        if q == '\'' {
                            break;
                        }
                        word.push(q);
                    }
                }
                '"' => {
                    while let Some((j, q)) = chars.next() {
                        end = j + q.len_utf8();
                        match q {
                            '"' => break,
                            '\\' => {
                                if let Some(&(k, n)) = chars.peek() {
                                    if n == '"' || n == '\\' || n == '$' || n == '`' {
                                        chars.next();
                                        end = k + n.len_utf8();
                                        word.push(n);
                                        continue;
                                    }
                                }
                                word.push('\\');
                            }
                            q => word.push(q),
                        }
                    }
                }
                '\\' => {
                    if let Some((j, n)) = chars.next() {
                        end = j + n.len_utf8();
                        word.push(n);
                    }
                }
                c => word.push(c),
            }
        }
        out.push((word, start..end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        split(s).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn plain_and_quoted() {
        assert_eq!(
            words("npx -y  @scope/pkg@1.0.0"),
            vec!["npx", "-y", "@scope/pkg@1.0.0"]
        );
        assert_eq!(
            words(r#"sh -c "curl x | sh""#),
            vec!["sh", "-c", "curl x | sh"]
        );
        assert_eq!(words("a 'b c' d\\ e"), vec!["a", "b c", "d e"]);
        assert_eq!(words(r#""a\"b""#), vec!["a\"b"]);
    }

    #[test]
    fn ranges_cover_tokens() {
        let s = "npx  -y 'pkg x'";
        let w = split(s);
        assert_eq!(&s[w[0].1.clone()], "npx");
        assert_eq!(&s[w[1].1.clone()], "-y");
        assert_eq!(&s[w[2].1.clone()], "'pkg x'");
    }

    #[test]
    fn unterminated_quote_is_not_a_panic() {
        assert_eq!(words("a \"b c"), vec!["a", "b c"]);
        assert_eq!(words("a 'b"), vec!["a", "b"]);
        assert_eq!(words("a \\"), vec!["a", ""]);
    }
}
