//! The evidence form as (name, value) pairs, exactly as a plain form post encodes it
//! (`form[title]`, `form[date][day]`, `form[details][register]`, ...). The browser reads its
//! own form this way and sends it the same way, so its code needs no query-string encoder
//! or decoder (issue 13); the server decodes the same names with its form decoder.

use super::form::EvidenceForm;
use crate::date_input::DateParts;
use std::collections::BTreeMap;

/// The parts of a field name: `form[details][start][day]` is `form`, `details`, `start`,
/// `day`.
fn segments(name: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (head, mut rest) = name.split_once('[').map_or((name, ""), |(h, r)| (h, r));
    parts.push(head);
    while let Some((inside, after)) = rest.split_once(']') {
        parts.push(inside);
        rest = after.strip_prefix('[').unwrap_or(after);
    }
    parts
}

fn set_part(parts: &mut DateParts, which: &str, value: &str) {
    match which {
        "day" => parts.day = value.to_owned(),
        "month" => parts.month = value.to_owned(),
        "year" => parts.year = value.to_owned(),
        _ => {}
    }
}

impl EvidenceForm {
    /// The form from its posted fields in document order (a later value of the same name
    /// wins, as the server's decoder has it); a date's three boxes become one value.
    /// Names outside `form[...]` are ignored.
    pub fn from_fields<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = EvidenceForm::default();
        let mut date = None::<DateParts>;
        let mut detail_dates = BTreeMap::<String, DateParts>::new();
        for (name, value) in fields {
            match segments(name).as_slice() {
                ["form", "date", which] => {
                    set_part(date.get_or_insert_with(DateParts::default), which, value);
                }
                ["form", "details", key] => {
                    form.details.insert((*key).to_owned(), value.to_owned());
                }
                ["form", "details", key, which] => {
                    set_part(
                        detail_dates.entry((*key).to_owned()).or_default(),
                        which,
                        value,
                    );
                }
                ["form", field] => {
                    let slot = match *field {
                        "id" => &mut form.id,
                        "person_id" => &mut form.person_id,
                        "kind" => &mut form.kind,
                        "status" => &mut form.status,
                        "version" => &mut form.version,
                        "title" => &mut form.title,
                        "date" => &mut form.date,
                        "body" => &mut form.body,
                        "previous_employer" => &mut form.previous_employer,
                        _ => continue,
                    };
                    *slot = value.to_owned();
                }
                _ => {}
            }
        }
        if let Some(parts) = date {
            form.date = parts.to_value();
        }
        for (key, parts) in detail_dates {
            form.details.insert(key, parts.to_value());
        }
        form
    }

    /// The fields to post for this form, each date as one value (which the server's decoder
    /// takes as well as three boxes).
    pub fn to_fields(&self) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = [
            ("id", &self.id),
            ("person_id", &self.person_id),
            ("kind", &self.kind),
            ("status", &self.status),
            ("version", &self.version),
            ("title", &self.title),
            ("date", &self.date),
            ("body", &self.body),
            ("previous_employer", &self.previous_employer),
        ]
        .into_iter()
        .map(|(name, value)| (format!("form[{name}]"), value.clone()))
        .collect();
        fields.extend(
            self.details
                .iter()
                .map(|(key, value)| (format!("form[details][{key}]"), value.clone())),
        );
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> EvidenceForm {
        EvidenceForm::from_fields(pairs.iter().copied())
    }

    #[test]
    fn a_plain_post_of_the_editor_reads_as_the_form_with_dates_joined() {
        let form = posted(&[
            ("form[id]", "e1"),
            ("form[person_id]", "p1"),
            ("form[kind]", "placement"),
            ("form[version]", "3"),
            ("form[title]", "Student placement"),
            ("form[date][day]", "7"),
            ("form[date][month]", "3"),
            ("form[date][year]", "2026"),
            ("form[details][student]", "A.B."),
            ("form[details][ended][day]", "30"),
            ("form[details][ended][month]", "6"),
            ("form[details][ended][year]", "2026"),
            ("form[body]", "Line one\nLine two & more"),
            ("form[previous_employer]", "yes"),
            ("form[status]", "final"),
            ("next", "/ignored"),
        ]);
        assert_eq!(form.id, "e1");
        assert_eq!(form.person_id, "p1");
        assert_eq!(form.version, "3");
        assert_eq!(form.date, "2026-03-07");
        assert_eq!(form.detail("student"), "A.B.");
        assert_eq!(form.detail("ended"), "2026-06-30");
        assert_eq!(form.body, "Line one\nLine two & more");
        assert_eq!(form.previous_employer, "yes");
        assert_eq!(form.status, "final");
    }

    #[test]
    fn empty_date_boxes_are_no_date_and_half_typed_ones_are_kept_for_the_check() {
        let empty = posted(&[
            ("form[date][day]", ""),
            ("form[date][month]", ""),
            ("form[date][year]", ""),
        ]);
        assert_eq!(empty.date, "");
        let half = posted(&[("form[date][day]", "31"), ("form[date][month]", "2")]);
        assert_eq!(half.date, "-02-31");
    }

    #[test]
    fn the_last_value_of_a_name_wins_and_an_unchecked_box_is_empty() {
        let form = posted(&[("form[status]", "draft"), ("form[status]", "final")]);
        assert_eq!(form.status, "final");
        assert_eq!(form.previous_employer, "");
    }

    #[test]
    fn what_is_sent_reads_back_as_the_same_form() {
        let mut form = EvidenceForm {
            id: "e9".into(),
            person_id: "p9".into(),
            kind: "reflective_statement".into(),
            status: "draft".into(),
            version: "0".into(),
            title: "Title [with brackets]".into(),
            date: "2026-12-01".into(),
            body: "Text with = and & and %".into(),
            previous_employer: "yes".into(),
            ..EvidenceForm::default()
        };
        form.details.insert("hours".into(), "7.5".into());
        let fields = form.to_fields();
        let back = EvidenceForm::from_fields(fields.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert_eq!(back, form);
    }
}
