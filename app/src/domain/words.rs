//! Word counting for reflective statements (PATH-ASYE-7, PATH-L3-8: 1,000 to
//! 1,500 words), matching what a person counts when reading the rendered
//! statement.
//!
//! Rules, applied line by line (a line is split on `\n`; `\r\n` works too):
//! - A **word** is a run of characters between whitespace, em dashes (`—`) or
//!   en dashes (`–`) that contains at least one letter or digit.
//! - **Hyphenated words count once**: `well-being`, `co-operate`, `child-centred`.
//! - **Numbers count**: `2019`, `1,612`, `3.5`, `50%` are one word each.
//!   Apostrophes and slashes join: `don't`, `and/or` are one word.
//! - **Punctuation-only tokens do not count**: `-`, `—`, `&`, `...`, `*`.
//! - **Markdown markup does not count**: heading `#`s, blockquote `>`, bullet
//!   markers (`-`, `*`, `+`), ordered list markers (`1.`, `2)`) at the start of
//!   a line, task boxes (`[ ]`, `[x]`), emphasis (`*`, `**`, `_`, `~~`, `` ` ``),
//!   horizontal rules, table pipes and code fence lines (```` ``` ````, `~~~`).
//!   A line starting with a number and a full stop ("2019. That year…") is an
//!   ordered list item in Markdown, so its number is not counted either.
//! - **Links count their text only**: `[the audit](https://…)` is two words;
//!   reference links `[text][ref]` likewise; reference definitions
//!   (`[ref]: https://…`), images (`![alt](src)`) and footnote markers (`[^1]`)
//!   count nothing. A bare URL counts as one word.
//! - HTML tags are not treated specially (the editor does not produce them).

/// Counts the words of a (Markdown) statement by the rules in the module docs.
pub fn count_words(text: &str) -> usize {
    text.lines().map(count_line).sum()
}

fn count_line(line: &str) -> usize {
    let body = line.trim_start();
    if body.starts_with("```") || body.starts_with("~~~") || is_reference_definition(body) {
        return 0;
    }
    let body = strip_block_markers(body);
    strip_inline(body)
        .split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count()
}

/// `[label]: destination` (not a footnote `[^1]: text`, whose text counts).
fn is_reference_definition(body: &str) -> bool {
    body.starts_with('[')
        && !body.starts_with("[^")
        && body
            .find("]:")
            .is_some_and(|end| !body[1..end].contains(['[', ']']))
}

/// Removes blockquote, bullet, ordered-list and task-box markers at the start.
fn strip_block_markers(mut body: &str) -> &str {
    loop {
        body = body.trim_start();
        let next = if let Some(rest) = body.strip_prefix('>') {
            rest
        } else if let Some(rest) = marker_then_space(body, 1, |s| s.starts_with(['-', '*', '+'])) {
            rest
        } else if let Some(rest) = ordered_marker(body) {
            rest
        } else if let Some(rest) = ["[ ]", "[x]", "[X]"]
            .iter()
            .find_map(|b| marker_then_space(body, b.len(), |s| s.starts_with(b)))
        {
            rest
        } else {
            return body;
        };
        body = next;
    }
}

/// If `body` starts with a `len`-byte marker accepted by `is_marker` followed by
/// whitespace or the end of the line, the rest after the marker.
fn marker_then_space(body: &str, len: usize, is_marker: impl Fn(&str) -> bool) -> Option<&str> {
    if !is_marker(body) {
        return None;
    }
    let rest = body.get(len..)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// `1.`, `23)` (1 to 9 digits, as CommonMark) followed by whitespace or the end.
fn ordered_marker(body: &str) -> Option<&str> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=9).contains(&digits) {
        return None;
    }
    marker_then_space(body, digits + 1, |s| s[digits..].starts_with(['.', ')']))
}

/// Replaces links by their text and drops images, footnote markers and link
/// destinations.
fn strip_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let (before, from_bracket) = rest.split_at(open);
        let image = before.ends_with('!');
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        match bracketed(from_bracket) {
            Some((text, after, linked)) => {
                let dropped = (image && linked) || text.starts_with('^');
                if !dropped {
                    out.push_str(&strip_inline(text));
                }
                rest = after;
            }
            None => {
                if image {
                    out.push('!');
                }
                out.push('[');
                rest = &from_bracket[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// For `s` starting with `[`: the bracket text, what follows the whole link
/// (`(destination)` or `[ref]` included) and whether there was such a
/// destination; `None` if the bracket never closes. A bare `[text]` yields its
/// text and `false`.
fn bracketed(s: &str) -> Option<(&str, &str, bool)> {
    let close = matching(s, '[', ']')?;
    let (text, after) = (&s[1..close], &s[close + 1..]);
    let end = match after.chars().next() {
        Some('(') => matching(after, '(', ')'),
        Some('[') => matching(after, '[', ']'),
        _ => None,
    };
    Some(match end {
        Some(end) => (text, &after[end + 1..], true),
        None => (text, after, false),
    })
}

/// Byte index of the bracket closing the one `s` starts with.
fn matching(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_table() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("   \n\t ", 0),
            ("one two  three", 3),
            ("well-being and co-operate", 3),
            ("In 2019 I wrote 1,612 words, 3.5 pages, 50% more", 10),
            ("don't stop - it's fine — really – yes", 6),
            ("word—word and 1000–1500", 5),
            ("... & * -- !!", 0),
            ("# Heading here", 2),
            ("## 2. Practice", 2),
            ("> quoted text", 2),
            ("- item one\n* item two\n+ item three", 6),
            ("1. first\n2) second\n10. tenth", 3),
            ("2019. That year", 2),
            ("- [ ] task box\n- [x] done", 3),
            ("**bold** _em_ ~~gone~~ `code`", 4),
            ("***", 0),
            ("| a | b |\n|---|---|", 2),
            ("```rust\nlet x = 1;\n```", 3),
            (
                "see [the audit report](https://example.org/a \"Title here\") now",
                5,
            ),
            ("[](https://example.org)", 0),
            ("a [text][ref] b\n[ref]: https://example.org/x", 3),
            ("before ![alt text here](img.png) after", 2),
            ("![shown as text] here", 4),
            ("claim[^1] made\n[^1]: The note", 4),
            ("see https://example.org/page for more", 4),
            ("[unclosed bracket here", 3),
            ("pre[fix](u)", 1),
            ("line one\r\nline two", 4),
        ];
        for (text, expected) in cases {
            assert_eq!(count_words(text), *expected, "{text:?}");
        }
    }

    fn statement(words: usize) -> String {
        vec!["word"; words].join(" ")
    }

    #[test]
    fn path_l3_8_word_counts_at_the_limits() {
        for n in [999, 1000, 1500, 1501] {
            assert_eq!(count_words(&statement(n)), n);
        }
    }

    const VOCAB: &[&str] = &[
        "word",
        "well-being",
        "1,612",
        "2019.",
        "-",
        "—",
        "#",
        ">",
        "*",
        "1.",
        "**bold**",
        "[link text](https://x.y/z)",
        "![img](p.png)",
        "[^2]",
        "don't",
        "and/or",
        "[x]",
        "…",
    ];

    fn spaces() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof![Just(' '), Just('\t'), Just('\u{a0}')], 1..4)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// Word count is stable under whitespace changes: the same tokens on the
        /// same lines give the same count whatever spaces, tabs, leading or
        /// trailing whitespace, blank lines or CRLF separate them.
        #[test]
        fn word_count_stable_under_whitespace_changes(
            tokens in proptest::collection::vec((0..VOCAB.len(), any::<bool>()), 0..40),
            seps in proptest::collection::vec(spaces(), 40),
            crlf in any::<bool>(),
        ) {
            let mut plain = String::new();
            let mut varied = String::from(seps[0].as_str());
            for (i, (t, newline)) in tokens.iter().enumerate() {
                plain.push_str(VOCAB[*t]);
                varied.push_str(VOCAB[*t]);
                if *newline {
                    plain.push('\n');
                    varied.push_str(if crlf { " \r\n\r\n" } else { "\t\n\n" });
                    varied.push_str(&seps[i % seps.len()]);
                } else {
                    plain.push(' ');
                    varied.push_str(&seps[i % seps.len()]);
                }
            }
            prop_assert_eq!(count_words(&plain), count_words(&varied));
        }

        /// Counting is additive over lines.
        #[test]
        fn word_count_additive_over_lines(a in "[ -~]{0,60}", b in "[ -~]{0,60}") {
            prop_assert_eq!(count_words(&format!("{a}\n{b}")), count_words(&a) + count_words(&b));
        }

        /// Any text at all (any Unicode, unbalanced brackets) is counted
        /// without panicking, and never above the whitespace-token count.
        #[test]
        fn word_count_total_on_any_text(text in any::<String>()) {
            let tokens = text.split(|c: char| c.is_whitespace() || c == '—' || c == '–').count();
            prop_assert!(count_words(&text) <= tokens);
        }
    }
}
