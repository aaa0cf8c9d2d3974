//! Markdown-lite for evidence text: paragraphs, bulleted and numbered lists, *emphasis*,
//! **strong** text and links shown as their text. Nothing else is interpreted: HTML,
//! headings and images stay as the characters typed, and a link's address is dropped
//! (evidence never links out of Pathway, and an address is not words a reader reads). The
//! text is parsed into [`Block`]s of plain strings, which the UI renders as elements with
//! escaped text (no `inner_html` anywhere), so no input can inject markup or script.
//! [`to_html`] (escaping every character that matters) exists for tests and exports.
//!
//! Every routine here is iterative and linear in the length of the text (a worker's
//! statement is up to 30,000 characters and arrives from devices we do not control):
//! no recursion, no rescanning. Brackets are matched with one stack, emphasis with a
//! delimiter stack whose searches pop what they pass, so each character is looked at a
//! bounded number of times.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub em: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
}

impl Block {
    /// The text a reader sees in this block: one string per paragraph or list item.
    pub fn visible_text(&self) -> Vec<String> {
        let join = |spans: &[Span]| spans.iter().map(|s| s.text.as_str()).collect::<String>();
        match self {
            Block::Paragraph(spans) => vec![join(spans)],
            Block::List { items, .. } => items.iter().map(|item| join(item)).collect(),
        }
    }
}

/// Splits text into paragraphs and lists.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;
    let flush_paragraph = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inline(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    let flush_list = |list: &mut Option<(bool, Vec<String>)>, blocks: &mut Vec<Block>| {
        if let Some((ordered, items)) = list.take() {
            blocks.push(Block::List {
                ordered,
                items: items.iter().map(|item| inline(item)).collect(),
            });
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut list, &mut blocks);
            continue;
        }
        if let Some((ordered, item)) = list_item(trimmed) {
            flush_paragraph(&mut paragraph, &mut blocks);
            if list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush_list(&mut list, &mut blocks);
            }
            list.get_or_insert_with(|| (ordered, Vec::new()))
                .1
                .push(item.to_owned());
        } else if let Some((_, items)) = list.as_mut().filter(|_| line.starts_with([' ', '\t'])) {
            // an indented line continues the list item above
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            flush_list(&mut list, &mut blocks);
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_list(&mut list, &mut blocks);
    blocks
}

/// `- item`, `* item`, `+ item` (unordered) or `1. item`, `2) item` (ordered).
fn list_item(line: &str) -> Option<(bool, &str)> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some((false, rest.trim()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, rest.trim()));
        }
    }
    None
}

/// One piece of a paragraph or list item, by byte range into its text.
#[derive(Clone, Copy, Debug)]
enum Piece {
    /// Shown as typed (including markers that found no partner).
    Text { start: usize, end: usize },
    /// A run of one or two `*` or `_`: emphasis (one) or strong (two) if it pairs up.
    Delim {
        start: usize,
        len: usize,
        byte: u8,
        can_open: bool,
        can_close: bool,
        /// `Some(true)` opens, `Some(false)` closes a matched pair; `None` is literal.
        role: Option<bool>,
    },
    /// Link syntax the reader does not see: `[`, or `](address)`; `hidden` once paired.
    LinkMark {
        start: usize,
        end: usize,
        hidden: bool,
    },
}

/// Emphasis and links within one paragraph or list item.
pub fn inline(text: &str) -> Vec<Span> {
    let mut pieces = tokenize(text);
    pair_links(text, &mut pieces);
    pair_emphasis(&mut pieces);
    spans(text, &pieces)
}

fn tokenize(text: &str) -> Vec<Piece> {
    let bytes = text.as_bytes();
    // stops[i]: the first `)` or ASCII whitespace at or after i (or the end), found in one
    // backward pass so that no address is scanned twice
    let mut stops = vec![bytes.len(); bytes.len() + 1];
    for i in (0..bytes.len()).rev() {
        stops[i] = if bytes[i] == b')' || bytes[i].is_ascii_whitespace() {
            i
        } else {
            stops[i + 1]
        };
    }
    let mut pieces = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    let flush = |pieces: &mut Vec<Piece>, start: usize, end: usize| {
        if start < end {
            pieces.push(Piece::Text { start, end });
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b @ (b'*' | b'_') => {
                let run = bytes[i..].iter().take_while(|&&c| c == b).count();
                flush(&mut pieces, plain, i);
                if run <= 2 {
                    let before = text[..i].chars().next_back();
                    let after = text[i + run..].chars().next();
                    let underscore = b == b'_';
                    let can_open = after.is_some_and(|c| !c.is_whitespace())
                        && !(underscore && before.is_some_and(char::is_alphanumeric));
                    let can_close = before.is_some_and(|c| !c.is_whitespace())
                        && !(underscore && after.is_some_and(char::is_alphanumeric));
                    pieces.push(Piece::Delim {
                        start: i,
                        len: run,
                        byte: b,
                        can_open,
                        can_close,
                        role: None,
                    });
                } else {
                    // `***` and longer are shown as typed
                    pieces.push(Piece::Text {
                        start: i,
                        end: i + run,
                    });
                }
                i += run;
                plain = i;
            }
            b'[' => {
                flush(&mut pieces, plain, i);
                pieces.push(Piece::LinkMark {
                    start: i,
                    end: i + 1,
                    hidden: false,
                });
                i += 1;
                plain = i;
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                // `](address)`: the address runs to the first `)` with no whitespace in it
                let stop = stops[i + 2];
                if bytes.get(stop) == Some(&b')') {
                    flush(&mut pieces, plain, i);
                    pieces.push(Piece::LinkMark {
                        start: i,
                        end: stop + 1,
                        hidden: false,
                    });
                    i = stop + 1;
                    plain = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    flush(&mut pieces, plain, bytes.len());
    pieces
}

/// Pairs each `](address)` with the nearest unpaired `[` before it; both are hidden.
/// The address scan in [`tokenize`] stops at the first `)` or space, and the `[`s form one
/// stack, so this stays linear.
fn pair_links(text: &str, pieces: &mut [Piece]) {
    let mut open: Vec<usize> = Vec::new();
    for index in 0..pieces.len() {
        if let Piece::LinkMark { start, .. } = pieces[index] {
            if text.as_bytes()[start] == b'[' {
                open.push(index);
            } else if let Some(opener) = open.pop() {
                for paired in [opener, index] {
                    if let Piece::LinkMark { hidden, .. } = &mut pieces[paired] {
                        *hidden = true;
                    }
                }
            }
        }
    }
}

/// Matches emphasis closers to openers with a stack. A closer looks down the stack for an
/// opener of the same character and length; openers it passes over can never pair any
/// more and are dropped, so the total work is linear. `waiting` counts the openers of each
/// kind on the stack, so a closer with no possible partner does not search at all.
fn pair_emphasis(pieces: &mut [Piece]) {
    let kind = |byte: u8, len: usize| usize::from(byte == b'_') * 2 + (len - 1);
    let mut stack: Vec<usize> = Vec::new();
    let mut waiting = [0usize; 4];
    for index in 0..pieces.len() {
        let Piece::Delim {
            byte,
            len,
            can_open,
            can_close,
            ..
        } = pieces[index]
        else {
            continue;
        };
        let k = kind(byte, len);
        if can_close && waiting[k] > 0 {
            while let Some(top) = stack.pop() {
                let Piece::Delim {
                    byte: b, len: l, ..
                } = pieces[top]
                else {
                    continue;
                };
                waiting[kind(b, l)] -= 1;
                if kind(b, l) == k {
                    set_role(&mut pieces[top], true);
                    set_role(&mut pieces[index], false);
                    break;
                }
            }
            continue;
        }
        if can_open {
            stack.push(index);
            waiting[k] += 1;
        }
    }
}

fn set_role(piece: &mut Piece, opens: bool) {
    if let Piece::Delim { role, .. } = piece {
        *role = Some(opens);
    }
}

fn spans(text: &str, pieces: &[Piece]) -> Vec<Span> {
    let (mut strong, mut em) = (0usize, 0usize);
    let mut out: Vec<Span> = Vec::new();
    let mut push = |piece: &str, strong: usize, em: usize| {
        if piece.is_empty() {
            return;
        }
        let (strong, em) = (strong > 0, em > 0);
        match out.last_mut() {
            Some(last) if last.strong == strong && last.em == em => last.text.push_str(piece),
            _ => out.push(Span {
                text: piece.to_owned(),
                strong,
                em,
            }),
        }
    };
    for piece in pieces {
        match *piece {
            Piece::Text { start, end } => push(&text[start..end], strong, em),
            Piece::LinkMark { start, end, hidden } => {
                if !hidden {
                    push(&text[start..end], strong, em);
                }
            }
            Piece::Delim {
                start, len, role, ..
            } => {
                let depth = if len == 2 { &mut strong } else { &mut em };
                match role {
                    Some(true) => *depth += 1,
                    Some(false) => *depth = depth.saturating_sub(1),
                    None => push(&text[start..start + len], strong, em),
                }
            }
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn spans_html(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let mut html = escape(&s.text);
            if s.em {
                html = format!("<em>{html}</em>");
            }
            if s.strong {
                html = format!("<strong>{html}</strong>");
            }
            html
        })
        .collect()
}

/// The blocks as HTML with every piece of text escaped.
pub fn to_html(text: &str) -> String {
    parse(text)
        .iter()
        .map(|block| match block {
            Block::Paragraph(spans) => format!("<p>{}</p>", spans_html(spans)),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let items: String = items
                    .iter()
                    .map(|item| format!("<li>{}</li>", spans_html(item)))
                    .collect();
                format!("<{tag}>{items}</{tag}>")
            }
        })
        .collect()
}

/// The text without markup, for CSV exports and summaries.
pub fn to_plain_text(text: &str) -> String {
    parse(text)
        .iter()
        .map(|block| match block {
            Block::Paragraph(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
            Block::List { items, .. } => items
                .iter()
                .map(|item| {
                    let line: String = item.iter().map(|s| s.text.as_str()).collect();
                    format!("- {line}")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<String>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let text = "I visited *twice* and **agreed** a plan.\nIt held.\n\n- first\n- second _point_\n\n1. one\n2) two";
        assert_eq!(
            to_html(text),
            "<p>I visited <em>twice</em> and <strong>agreed</strong> a plan. It held.</p>\
             <ul><li>first</li><li>second <em>point</em></li></ul><ol><li>one</li><li>two</li></ol>"
        );
    }

    #[test]
    fn raw_html_and_script_are_shown_as_text() {
        let text = "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)> **<b>bold</b>**";
        let html = to_html(text);
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>\
             <p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;bold&lt;/b&gt;</strong></p>"
        );
    }

    #[test]
    fn links_show_their_text_and_images_and_headings_stay_as_typed() {
        let html = to_html("# Title\n\n[click](javascript:alert(1)) ![x](http://e/x.png)");
        assert_eq!(html, "<p># Title</p><p>click) !x</p>");
        assert!(!html.contains("<a") && !html.contains("<img") && !html.contains("javascript"));
        assert_eq!(
            to_html("see [the *audit*](https://e.org/a) and [unclosed (x)"),
            "<p>see the <em>audit</em> and [unclosed (x)</p>"
        );
    }

    #[test]
    fn nested_emphasis_pairs_innermost_first() {
        assert_eq!(
            to_html("*a **b** c* and **x _y_ z**"),
            "<p><em>a </em><strong><em>b</em></strong><em> c</em> and <strong>x </strong>\
             <strong><em>y</em></strong><strong> z</strong></p>"
        );
    }

    #[test]
    fn unmatched_and_intraword_markers_stay_literal() {
        assert_eq!(to_html("2 * 3 = 6 and a*"), "<p>2 * 3 = 6 and a*</p>");
        assert_eq!(to_html("snake_case_name"), "<p>snake_case_name</p>");
        assert_eq!(to_html("**not closed"), "<p>**not closed</p>");
    }

    #[test]
    fn plain_text_drops_markup_only() {
        assert_eq!(
            to_plain_text("A *b* c\n\n- one\n- **two**"),
            "A b c\n\n- one\n- two"
        );
    }

    /// Issue 11: the renderer runs on a 64 KiB stack over 30,000 characters of the
    /// nestings that used to recurse (brackets, emphasis, link addresses).
    #[test]
    fn deep_nesting_renders_on_a_small_stack() {
        let bodies = [
            "[".repeat(15_000) + &"]".repeat(15_000),
            "**_*".repeat(7_500),
            "*a ".repeat(10_000) + &" a*".repeat(10_000),
            "[a](".repeat(7_500),
            "](".repeat(15_000),
        ];
        std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                for body in &bodies {
                    assert!(!to_html(body).is_empty());
                }
            })
            .expect("thread")
            .join()
            .expect("no stack overflow");
    }

    fn nesting() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("["),
            Just("]"),
            Just("]("),
            Just(")"),
            Just("*"),
            Just("**"),
            Just("_"),
            Just("__"),
            Just(" "),
            Just("a"),
            Just("\n"),
            Just("- "),
            Just("1. "),
            Just("<"),
        ];
        proptest::collection::vec(piece, 0..3_000).prop_map(|p| p.concat())
    }

    proptest! {
        /// Fuzzing with deep nesting: any mix of brackets, emphasis and list markers up to
        /// ~6,000 characters renders, every visible character survives in the plain text,
        /// and no tag comes from the input.
        #[test]
        fn deep_nesting_never_panics_and_never_injects(text in nesting()) {
            let html = to_html(&text);
            let stripped = ["<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>",
                "<em>", "</em>", "<strong>", "</strong>"]
                .iter()
                .fold(html, |h, tag| h.replace(tag, ""));
            prop_assert!(!stripped.contains('<') && !stripped.contains('>'));
            prop_assert!(crate::text::count_words(&text) <= text.split_whitespace().count());
        }

        /// Whatever is typed, the only tags in the output are the renderer's own.
        #[test]
        fn output_never_contains_tags_from_the_input(text in "[<>a-z/\"' *_\\-\n=&;]{0,80}") {
            let html = to_html(&text);
            let stripped = ["<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>",
                "<em>", "</em>", "<strong>", "</strong>"]
                .iter()
                .fold(html, |h, tag| h.replace(tag, ""));
            prop_assert!(!stripped.contains('<') && !stripped.contains('>'), "{stripped}");
        }
    }
}
