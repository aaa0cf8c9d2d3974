//! Markdown-lite for evidence text: paragraphs, bulleted and numbered lists, *emphasis* and
//! **strong** text. Nothing else is interpreted: HTML, links and images stay as the literal
//! characters typed. The text is parsed into [`Block`]s of plain strings, which the UI
//! renders as elements with escaped text (no `inner_html` anywhere), so no input can inject
//! markup or script. [`to_html`] (escaping every character that matters) exists for tests
//! and exports.

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
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, rest.trim()));
        }
    }
    None
}

/// Emphasis within one paragraph or list item.
pub fn inline(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    parse_inline(text, false, false, &mut spans);
    // merge neighbours with the same style
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if last.strong == span.strong && last.em == span.em => {
                last.text.push_str(&span.text)
            }
            _ => merged.push(span),
        }
    }
    merged
}

fn parse_inline(text: &str, strong: bool, em: bool, out: &mut Vec<Span>) {
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'*' || c == b'_' {
            let double = bytes.get(i + 1) == Some(&c);
            let marker = if double {
                &text[i..i + 2]
            } else {
                &text[i..i + 1]
            };
            if let Some(close) = closing(text, i, marker) {
                let inner = &text[i + marker.len()..close];
                if !inner.is_empty() {
                    push(out, &text[plain_start..i], strong, em);
                    if double {
                        parse_inline(inner, true, em, out);
                    } else {
                        parse_inline(inner, strong, true, out);
                    }
                    i = close + marker.len();
                    plain_start = i;
                    continue;
                }
            }
            i += marker.len();
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    push(out, &text[plain_start..], strong, em);
}

/// Where the emphasis opened at `open` with `marker` closes, if it is a real emphasis:
/// the opener is followed by a non-space, the closer preceded by one, and an underscore
/// must not sit inside a word (`snake_case` stays as typed).
fn closing(text: &str, open: usize, marker: &str) -> Option<usize> {
    let after = open + marker.len();
    let next = text[after..].chars().next()?;
    if next.is_whitespace() {
        return None;
    }
    let underscore = marker.starts_with('_');
    if underscore
        && text[..open]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut search = after + next.len_utf8();
    while let Some(found) = text[search..].find(marker) {
        let close = search + found;
        let before = text[..close].chars().next_back();
        let following = text[close + marker.len()..].chars().next();
        let doubled = marker.len() == 1 && following == marker.chars().next();
        if before.is_some_and(|c| !c.is_whitespace())
            && !doubled
            && !(underscore && following.is_some_and(char::is_alphanumeric))
        {
            return Some(close);
        }
        search = close + marker.len().max(if doubled { 2 } else { 1 });
    }
    None
}

fn push(out: &mut Vec<Span>, text: &str, strong: bool, em: bool) {
    if !text.is_empty() {
        out.push(Span {
            text: text.to_owned(),
            strong,
            em,
        });
    }
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
    fn links_images_and_headings_are_not_interpreted() {
        let html = to_html("# Title\n\n[click](javascript:alert(1)) ![x](http://e/x.png)");
        assert_eq!(
            html,
            "<p># Title</p><p>[click](javascript:alert(1)) ![x](http://e/x.png)</p>"
        );
        assert!(!html.contains("<a") && !html.contains("<img"));
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

    proptest! {
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
