//! A gentle check for text that could identify a child or family (DOMAIN.md "Data
//! protection"): UK postcodes, NHS numbers with a valid check digit, dates of birth and UK
//! phone numbers. It only warns — saving is never blocked — and it reports kinds, never the
//! text found, so nothing identifying is echoed or logged.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Identifying {
    Postcode,
    NhsNumber,
    DateOfBirth,
    PhoneNumber,
}

impl Identifying {
    pub fn message(self) -> &'static str {
        match self {
            Identifying::Postcode => {
                "This looks like a postcode. Remove it or describe the area in general terms."
            }
            Identifying::NhsNumber => "This looks like an NHS number. Remove it.",
            Identifying::DateOfBirth => {
                "This looks like a date of birth. Use an age or an age range instead."
            }
            Identifying::PhoneNumber => "This looks like a phone number. Remove it.",
        }
    }
}

/// The kinds of identifying detail the text seems to contain, each once, in a fixed order.
pub fn find_identifying(text: &str) -> Vec<Identifying> {
    let mut found = Vec::new();
    if has_postcode(text) {
        found.push(Identifying::Postcode);
    }
    let groups = digit_runs(text);
    if groups.iter().any(|run| has_nhs_number(run)) {
        found.push(Identifying::NhsNumber);
    }
    if has_date_of_birth(text) {
        found.push(Identifying::DateOfBirth);
    }
    if groups.iter().any(|run| has_phone_number(run)) {
        found.push(Identifying::PhoneNumber);
    }
    found
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_ascii_uppercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Outward code: A9, A99, AA9, AA99, A9A, AA9A.
fn is_outward(code: &str) -> bool {
    let shape: String = code
        .chars()
        .map(|c| match c {
            'A'..='Z' => 'A',
            '0'..='9' => '9',
            _ => '?',
        })
        .collect();
    matches!(
        shape.as_str(),
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    )
}

/// Inward code: 9AA.
fn is_inward(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
}

fn has_postcode(text: &str) -> bool {
    let words = words(text);
    words.iter().enumerate().any(|(i, word)| {
        let joined = word.len() >= 5
            && word.len() <= 7
            && word.is_char_boundary(word.len() - 3)
            && is_outward(&word[..word.len() - 3])
            && is_inward(&word[word.len() - 3..]);
        let split = is_outward(word) && words.get(i + 1).is_some_and(|next| is_inward(next));
        joined || split
    })
}

/// Runs of digit groups separated by one space, hyphen or bracket, e.g. "0116 496-0123".
fn digit_runs(text: &str) -> Vec<Vec<String>> {
    let mut runs = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut gap = 0;
    let mut plus = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if current.is_empty() && groups.is_empty() && plus {
                current.push('+');
            }
            current.push(c);
            gap = 0;
        } else if matches!(c, ' ' | '-' | '(' | ')' | '+') && gap < 2 {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
            plus = c == '+';
            gap += 1;
        } else {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
            if !groups.is_empty() {
                runs.push(std::mem::take(&mut groups));
            }
            gap = 0;
            plus = false;
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    if !groups.is_empty() {
        runs.push(groups);
    }
    runs
}

/// NHS number: ten digits (or 3-3-4) whose tenth is the modulus 11 check digit.
pub fn is_valid_nhs_number(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 10 || digits.chars().count() != 10 {
        return false;
    }
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        n => n,
    };
    check == d[9]
}

fn has_nhs_number(groups: &[String]) -> bool {
    groups.iter().enumerate().any(|(i, g)| {
        let g = g.trim_start_matches('+');
        (g.len() == 10 && is_valid_nhs_number(g))
            || (g.len() == 3
                && groups.get(i + 1).is_some_and(|b| b.len() == 3)
                && groups.get(i + 2).is_some_and(|c| c.len() == 4)
                && is_valid_nhs_number(&format!("{g}{}{}", groups[i + 1], groups[i + 2])))
    })
}

fn has_phone_number(groups: &[String]) -> bool {
    (0..groups.len()).any(|start| {
        let first = &groups[start];
        if !(first.starts_with('0') || first.starts_with("+44")) {
            return false;
        }
        let mut digits = String::new();
        for g in &groups[start..] {
            digits.push_str(g.trim_start_matches('+'));
            let national = if let Some(rest) = digits.strip_prefix("44") {
                if !first.starts_with('+') {
                    continue;
                }
                format!("0{}", rest.trim_start_matches('0'))
            } else {
                digits.clone()
            };
            let ok = match national.get(..2) {
                Some("07") | Some("03") | Some("08") => national.len() == 11,
                Some("01") | Some("02") => national.len() == 10 || national.len() == 11,
                _ => false,
            };
            if ok {
                return true;
            }
            if digits.len() >= 12 {
                break;
            }
        }
        false
    })
}

fn has_date_of_birth(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .any(|w| matches!(*w, "dob" | "d.o.b" | "birthdate" | "birthday"))
        || lower.contains("date of birth")
        || words.windows(2).any(|pair| {
            pair[0] == "born"
                && (matches!(pair[1], "on" | "in")
                    || pair[1].chars().next().is_some_and(|c| c.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Identifying::*;

    #[test]
    fn uk_postcodes_in_their_usual_shapes() {
        for text in [
            "lives near LE1 6ZG now",
            "SW1A 1AA",
            "at le16zg.",
            "M1 1AE",
            "(B33 8TH)",
        ] {
            assert_eq!(find_identifying(text), [Postcode], "{text}");
        }
        for text in ["IT 3RD", "Level 3 social worker", "A1 road", "PE1 training"] {
            assert!(find_identifying(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn nhs_numbers_only_with_a_valid_check_digit() {
        // 943 476 5919 is the NHS's published example of a valid number.
        assert!(is_valid_nhs_number("9434765919"));
        assert!(!is_valid_nhs_number("9434765918"));
        assert_eq!(find_identifying("NHS no 943 476 5919"), [NhsNumber]);
        assert_eq!(find_identifying("ref 9434765919."), [NhsNumber]);
        assert_eq!(find_identifying("943-476-5919"), [NhsNumber]);
        assert!(find_identifying("943 476 5918").is_empty());
        // 1234567890 fails the modulus 11 check (the check digit would be 10)
        assert!(find_identifying("case 1234567890").is_empty());
    }

    #[test]
    fn dates_of_birth_by_their_wording() {
        for text in [
            "DOB 03/04/2019",
            "d.o.b. 3.4.19",
            "her date of birth is",
            "born on 3 April",
            "born 2019",
        ] {
            assert_eq!(find_identifying(text), [DateOfBirth], "{text}");
        }
        assert!(find_identifying("the plan was born of hard work").is_empty());
        assert!(find_identifying("on 03/04/2026 I visited").is_empty());
    }

    #[test]
    fn uk_phone_numbers() {
        for text in [
            "call 07700 900123",
            "0116 496 0123",
            "+44 7700 900123",
            "(0116) 4960123",
            "020-7946-0018",
        ] {
            assert_eq!(find_identifying(text), [PhoneNumber], "{text}");
        }
        for text in [
            "2026-03-01",
            "visited 3 times in 12 weeks",
            "1,500 words",
            "07700",
        ] {
            assert!(find_identifying(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn several_kinds_are_reported_once_each() {
        let text = "Mum (DOB 1/2/90) on 07700 900123 and 07700 900456, LE1 6ZG";
        assert_eq!(find_identifying(text), [Postcode, DateOfBirth, PhoneNumber]);
    }
}
