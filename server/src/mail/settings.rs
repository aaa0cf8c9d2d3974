//! Which mail server Pathway sends through, from the environment. Nothing set: no email is
//! sent, and every notice's email waits in the outbox, where administrators see it.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::fmt;
use std::time::Duration;

/// How often the sender looks for due email when none was found, by default.
const DEFAULT_POLL_SECONDS: u64 = 5;

#[derive(Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// `PATHWAY_SMTP_URL`: `smtp://host:587?tls=required` (STARTTLS), `smtps://host:465`
    /// (TLS from the start), `smtp://host:25` (plain, for a relay on the same host), with
    /// `user:password@` before the host where the server asks for a login.
    pub smtp_url: String,
    /// `PATHWAY_MAIL_FROM`: "Pathway <pathway@council.example>". Its domain is the right-hand
    /// side of every Message-ID.
    pub from: Mailbox,
    /// `PATHWAY_PUBLIC_URL`: the address staff open Pathway at; an email's link starts here.
    pub public_url: url::Url,
    /// `PATHWAY_MAIL_POLL_SECONDS`: the pause between looks at an empty outbox (default 5).
    pub poll: Duration,
}

/// The SMTP address's password never reaches a log line.
impl fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = url::Url::parse(&self.smtp_url).ok();
        if let Some(url) = shown.as_mut().filter(|url| url.password().is_some()) {
            let _ = url.set_password(Some("redacted"));
        }
        f.debug_struct("MailSettings")
            .field("smtp_url", &shown.map(String::from))
            .field("from", &self.from.to_string())
            .field("public_url", &self.public_url.as_str())
            .field("poll", &self.poll)
            .finish()
    }
}

impl MailSettings {
    /// None of the variables: no mail server. `PATHWAY_SMTP_URL` needs `PATHWAY_MAIL_FROM`
    /// and `PATHWAY_PUBLIC_URL` with it; a bad value is named with what was expected.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<Self>, String> {
        let read = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let Some(smtp_url) = read("PATHWAY_SMTP_URL") else {
            for name in ["PATHWAY_MAIL_FROM", "PATHWAY_MAIL_POLL_SECONDS"] {
                if read(name).is_some() {
                    return Err(format!("{name} is set but PATHWAY_SMTP_URL is not: set the mail server's address too (or neither)"));
                }
            }
            return Ok(None);
        };
        if AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp_url).is_err() {
            return Err("PATHWAY_SMTP_URL must be an address such as smtp://mail.example.org:587?tls=required or smtps://mail.example.org:465".into());
        }
        let from = read("PATHWAY_MAIL_FROM")
            .ok_or("PATHWAY_SMTP_URL needs PATHWAY_MAIL_FROM too, such as \"Pathway <pathway@council.example>\"")?;
        let from: Mailbox = from.parse().map_err(|_| {
            format!("PATHWAY_MAIL_FROM must be an address such as \"Pathway <pathway@council.example>\", not {from:?}")
        })?;
        let public_url = read("PATHWAY_PUBLIC_URL")
            .ok_or("PATHWAY_SMTP_URL needs PATHWAY_PUBLIC_URL too: the address staff open Pathway at, for the links in emails")?;
        let public_url = url::Url::parse(&public_url)
            .ok()
            .filter(|url| matches!(url.scheme(), "https" | "http") && url.has_host())
            .ok_or_else(|| {
                format!("PATHWAY_PUBLIC_URL must be an address such as https://pathway.council.example, not {public_url:?}")
            })?;
        let poll = match read("PATHWAY_MAIL_POLL_SECONDS") {
            None => DEFAULT_POLL_SECONDS,
            Some(value) => value
                .parse::<u64>()
                .ok()
                .filter(|seconds| (1..=3600).contains(seconds))
                .ok_or_else(|| {
                    format!("PATHWAY_MAIL_POLL_SECONDS must be a whole number of seconds from 1 to 3600, not {value:?}")
                })?,
        };
        Ok(Some(Self {
            smtp_url,
            from,
            public_url,
            poll: Duration::from_secs(poll),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(pairs: &[(&str, &str)]) -> Result<Option<MailSettings>, String> {
        MailSettings::from_lookup(&|name: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    const FULL: [(&str, &str); 3] = [
        (
            "PATHWAY_SMTP_URL",
            "smtp://relay:secret@mail.council.example:587?tls=required",
        ),
        ("PATHWAY_MAIL_FROM", "Pathway <pathway@council.example>"),
        ("PATHWAY_PUBLIC_URL", "https://pathway.council.example"),
    ];

    #[test]
    fn no_mail_server_is_the_default_and_email_waits_in_the_outbox() {
        assert_eq!(mail(&[]), Ok(None));
    }

    #[test]
    fn a_mail_server_needs_a_sender_address_and_the_public_address_for_links() {
        let settings = mail(&FULL).unwrap().expect("configured");
        assert_eq!(settings.from.email.domain(), "council.example");
        assert_eq!(settings.poll, Duration::from_secs(DEFAULT_POLL_SECONDS));
        for missing in ["PATHWAY_MAIL_FROM", "PATHWAY_PUBLIC_URL"] {
            let without: Vec<_> = FULL
                .iter()
                .copied()
                .filter(|(k, _)| *k != missing)
                .collect();
            let error = mail(&without).unwrap_err();
            assert!(error.contains(missing), "{error}");
        }
        let error = mail(&[("PATHWAY_MAIL_FROM", "pathway@council.example")]).unwrap_err();
        assert!(error.contains("PATHWAY_SMTP_URL"), "{error}");
    }

    #[test]
    fn each_bad_value_is_named_with_what_was_expected() {
        for (name, bad) in [
            ("PATHWAY_SMTP_URL", "mail.council.example"),
            ("PATHWAY_MAIL_FROM", "not an address"),
            ("PATHWAY_PUBLIC_URL", "pathway.council.example"),
            ("PATHWAY_MAIL_POLL_SECONDS", "0"),
            ("PATHWAY_MAIL_POLL_SECONDS", "an hour"),
        ] {
            let mut pairs: Vec<_> = FULL.iter().copied().filter(|(k, _)| *k != name).collect();
            pairs.push((name, bad));
            let error = mail(&pairs).unwrap_err();
            assert!(error.contains(name), "{name}={bad}: {error}");
        }
    }

    #[test]
    fn the_smtp_password_never_reaches_a_log_line() {
        let shown = format!("{:?}", mail(&FULL).unwrap().unwrap());
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("mail.council.example"), "{shown}");
    }
}
