//! The one CSV writer every export uses (RFC 4180: every field quoted, quotes doubled, CRLF
//! line ends), safe to open in a spreadsheet: a field a spreadsheet would run as a formula
//! gets a leading `'` (OWASP's CSV injection advice), and NUL characters, which mean nothing
//! in text and which some spreadsheets skip before looking for a formula, are dropped
//! (issue 17 item 10).

/// The characters that start a formula, or that a spreadsheet skips before one.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One field, quoted and defused.
pub fn field(text: &str) -> String {
    let text: String = text.chars().filter(|&c| c != '\0').collect();
    // a formula after leading spaces or other control characters is still a formula to some
    let first = text
        .chars()
        .find(|c| !(c.is_whitespace() || c.is_control()) || FORMULA_START.contains(c));
    let text = if first.is_some_and(|c| FORMULA_START.contains(&c)) {
        format!("'{text}")
    } else {
        text
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// One line of fields, ended by CRLF.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::{field, line};

    #[test]
    fn fields_are_quoted_with_quotes_doubled() {
        assert_eq!(field("a \"b\", c"), "\"a \"\"b\"\", c\"");
        assert_eq!(line(&["x", "y"]), "\"x\",\"y\"\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-3"), "\"'-3\"");
        assert_eq!(field("+1"), "\"'+1\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("\t=1"), "\"'\t=1\"");
        assert_eq!(field("  =1+1"), "\"'  =1+1\"");
        assert_eq!(field("plain text"), "\"plain text\"");
        assert_eq!(field("3 visits"), "\"3 visits\"");
    }

    /// Issue 17 item 10: a leading NUL hid a formula from the old check.
    #[test]
    fn a_nul_never_hides_a_formula() {
        assert_eq!(field("\0=1+1"), "\"'=1+1\"");
        assert_eq!(field("\0\0@x"), "\"'@x\"");
        assert_eq!(field("a\0b"), "\"ab\"");
    }
}
