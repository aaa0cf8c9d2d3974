//! Word counting for reflective statements (PATH-ASYE-7, PATH-L3-8: 1,000 to 1,500
//! words), the way Word and the GOV.UK character count component count: every
//! whitespace-separated token of the text as the reader sees it.
//!
//! "As the reader sees it" means after the Markdown-lite rendering in
//! [`super::markdown`]: emphasis markers (`*`, `**`, `_`) and list markers (`- `, `1. `)
//! that the page does not show are not words, and a link shows only its text, so its
//! address is not counted. Everything the page does show is counted as Word would: a
//! lone "—" or "&" is a word, "word—word" is one word, "well-being" is one, "2019." is
//! one. A worker who pastes a 1,000-word statement from Word sees 1,000.
//!
//! One function, compiled into the server, the editor and the offline app, so the count a
//! worker sees is the count the rules judge. It is linear in the text's length (see
//! [`super::markdown`]), and the caller refuses text over the body limit before counting.

use super::markdown::parse;

/// Counts the words of a (Markdown-lite) statement by the rule in the module docs.
pub fn count_words(text: &str) -> usize {
    parse(text)
        .iter()
        .flat_map(|block| block.visible_text())
        .map(|visible| visible.split_whitespace().count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn path_asye_7_words_as_word_counts_them() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("   \n\t ", 0),
            ("one two  three", 3),
            ("well-being and co-operate", 3),
            ("In 2019 I wrote 1,612 words, 3.5 pages, 50% more", 10),
            // a lone dash or ampersand is a word, as in Word; joined words are one
            ("don't stop - it's fine — really – yes", 9),
            ("word—word and 1000–1500", 3),
            ("... & * -- !!", 5),
            ("Tom & Jerry", 3),
            // list markers are not shown, so not counted
            ("- item one\n* item two\n+ item three", 6),
            ("1. first\n2) second\n10. tenth", 3),
            // emphasis markers are not shown
            ("**bold** _em_ plain", 3),
            ("**bold**text", 1),
            // a link shows its text only
            ("see [the audit report](https://example.org/a) now", 5),
            ("[](https://example.org)", 0),
            // what Markdown-lite does not interpret is shown, so counted
            ("# Heading here", 3),
            ("2019. That year", 3),
            ("line one\r\nline two", 4),
            ("non\u{a0}breaking space", 3),
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

    /// PATH-ASYE-7 / PATH-L3-8: a statement pasted from Word, with its paragraphs,
    /// punctuation, dashes and ampersands, counts exactly what Word's status bar shows
    /// (1,000: ten paragraphs of 100 whitespace-separated tokens).
    #[test]
    fn path_l3_8_a_thousand_words_pasted_from_word_count_a_thousand() {
        let sentence = "I visited family twice — once with my manager & once alone; \
                        the child's well-being (as recorded on 12/03/2026) improved.";
        let tokens = sentence.split_whitespace().count();
        assert_eq!(tokens, 20);
        let paragraph = [sentence; 5].join(" ");
        let pasted = [paragraph.as_str(); 10].join("\r\n\r\n");
        assert_eq!(count_words(&pasted), 1_000);
    }

    /// PATH-L3-8 (issue 11, crash): 30,000 characters of nested brackets and emphasis
    /// used to recurse once per bracket and overflow the stack. Run on a small thread
    /// stack so a return of recursion fails here, not in production.
    #[test]
    fn path_l3_8_deeply_nested_text_is_counted_on_a_small_stack() {
        let bodies = [
            "[".repeat(15_000) + &"]".repeat(15_000),
            "[a](".repeat(7_500),
            "](".repeat(15_000),
            "*_".repeat(15_000),
            "**a ".repeat(7_500),
            "*a ".repeat(10_000),
            "[*".repeat(7_500) + &"*](x)".repeat(3_000),
        ];
        let counted = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || bodies.iter().map(|b| count_words(b)).collect::<Vec<_>>())
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert_eq!(counted[0], 1);
        assert_eq!(counted[4], 7_500);
    }

    /// The visible text of any input has as many tokens as the count, and the count is
    /// never more than the raw whitespace tokens (markers can only disappear).
    fn spaces() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof![Just(' '), Just('\t'), Just('\u{a0}')], 1..4)
            .prop_map(|v| v.into_iter().collect())
    }

    const VOCAB: &[&str] = &[
        "word",
        "well-being",
        "1,612",
        "2019.",
        "—",
        "&",
        "#",
        "**bold**",
        "_em_",
        "[link text](https://x.y/z)",
        "don't",
        "and/or",
        "…",
    ];

    proptest! {
        /// Word count is stable under whitespace changes: the same tokens on the same
        /// lines give the same count whatever spaces, tabs, blank lines or CRLF separate them.
        #[test]
        fn path_l3_8_word_count_stable_under_whitespace_changes(
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
                    varied.push_str(if crlf { " \r\n" } else { "\t\n" });
                    varied.push_str(&seps[i % seps.len()]);
                } else {
                    plain.push(' ');
                    varied.push_str(&seps[i % seps.len()]);
                }
            }
            prop_assert_eq!(count_words(&plain), count_words(&varied));
        }

        /// Plain words (no markers) count exactly as whitespace tokens, as Word does.
        #[test]
        fn path_l3_8_plain_text_counts_whitespace_tokens(text in "[a-zA-Z0-9,.;:'&—–()\\- \n]{0,400}") {
            prop_assert_eq!(count_words(&text), text.split_whitespace().count()
                - text.lines().filter(|l| {
                    let t = l.trim();
                    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ")
                        || t.split_once(['.', ')']).is_some_and(|(n, rest)| (1..=3).contains(&n.len())
                            && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' '))
                }).count());
        }

        /// Any text at all (any Unicode, unbalanced brackets) is counted without
        /// panicking, and never above the whitespace-token count.
        #[test]
        fn path_l3_8_word_count_total_on_any_text(text in any::<String>()) {
            prop_assert!(count_words(&text) <= text.split_whitespace().count());
        }
    }
}
