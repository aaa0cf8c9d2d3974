//! The reflective statement's live word count in the GOV.UK character-count style (word
//! mode), against the limits the rules engine holds (PATH-ASYE-7, PATH-L3-8).

use crate::domain::{format_count, Catalogue, Rule, Transition};

/// The reflective statement limits for `transition` (or any transition that has them),
/// falling back to 1,000–1,500.
pub fn statement_limits(catalogue: &Catalogue, transition: Option<Transition>) -> (u32, u32) {
    let mut rules = catalogue
        .transitions
        .iter()
        .filter(|t| transition.is_none_or(|wanted| t.transition == wanted))
        .chain(catalogue.transitions.iter())
        .flat_map(|t| t.requirements.iter());
    rules
        .find_map(|r| match r.rule {
            Rule::ReflectiveStatement {
                min_words,
                max_words,
            } => Some((min_words, max_words)),
            _ => None,
        })
        .unwrap_or((1000, 1500))
}

/// What the count says under the text box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordCountMessage {
    /// "You have 312 words remaining" / "You have 12 words too many".
    pub text: String,
    /// Over the maximum (shown as an error).
    pub over: bool,
    /// Under the minimum: "Write at least 1,000 words (688 more)".
    pub under_minimum: Option<String>,
}

pub fn word_count_message(words: usize, min: u32, max: u32) -> WordCountMessage {
    let words = words as u64;
    let (min, max) = (u64::from(min), u64::from(max));
    let plural = |n: u64| if n == 1 { "word" } else { "words" };
    let (text, over) = if words > max {
        let n = words - max;
        (
            format!("You have {} {} too many", format_count(n), plural(n)),
            true,
        )
    } else {
        let n = max - words;
        (
            format!("You have {} {} remaining", format_count(n), plural(n)),
            false,
        )
    };
    let under_minimum = (words < min).then(|| {
        format!(
            "Write at least {} words ({} more)",
            format_count(min),
            format_count(min - words)
        )
    });
    WordCountMessage {
        text,
        over,
        under_minimum,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::seed_catalogue;

    #[test]
    fn path_l3_8_limits_come_from_the_catalogue() {
        let c = seed_catalogue();
        assert_eq!(statement_limits(&c, Some(Transition::PathL3)), (1000, 1500));
        assert_eq!(
            statement_limits(&c, Some(Transition::PathMgmt)),
            (1000, 1500)
        );
    }

    #[test]
    fn govuk_character_count_wording_in_words() {
        let m = word_count_message(1188, 1000, 1500);
        assert_eq!(m.text, "You have 312 words remaining");
        assert!(!m.over && m.under_minimum.is_none());
        let m = word_count_message(1512, 1000, 1500);
        assert_eq!(
            (m.text.as_str(), m.over),
            ("You have 12 words too many", true)
        );
        assert_eq!(
            word_count_message(1501, 1000, 1500).text,
            "You have 1 word too many"
        );
        let m = word_count_message(0, 1000, 1500);
        assert_eq!(m.text, "You have 1,500 words remaining");
        assert_eq!(
            m.under_minimum.as_deref(),
            Some("Write at least 1,000 words (1,000 more)")
        );
    }
}
