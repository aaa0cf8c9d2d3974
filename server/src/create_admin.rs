//! `server create-admin --email … --name … [--url …]` (issue 17 item 1): makes an
//! organisation's first administrator and prints their one-time set-password link. Pathway
//! ships with no account, so this is how a new deployment is first signed in to; it also
//! lets whoever runs the server recover when no administrator can sign in.

use crate::config::Settings;
use pathway_core::error::AppError;
use pathway_store::auth::tokens::LINK_LIFETIME_HOURS;

pub const USAGE: &str = "usage: server create-admin --email <address> --name <full name> [--url <https://pathway.example.org>]";

/// What the command was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub email: String,
    pub name: String,
    /// Where people reach Pathway, for the printed link; the listening address otherwise.
    pub url: Option<String>,
}

impl Request {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let (mut email, mut name, mut url) = (None, None, None);
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let slot = match flag.as_str() {
                "--email" => &mut email,
                "--name" => &mut name,
                "--url" => &mut url,
                other => return Err(format!("unknown option {other:?}\n{USAGE}")),
            };
            let value = args
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
            *slot = Some(value.clone());
        }
        Ok(Self {
            email: email.ok_or_else(|| format!("--email is required\n{USAGE}"))?,
            name: name.ok_or_else(|| format!("--name is required\n{USAGE}"))?,
            url: url.map(|url| url.trim_end_matches('/').to_owned()),
        })
    }
}

/// Creates the administrator and answers the message to print: the link and how long it works.
pub async fn run(settings: &Settings, request: &Request) -> Result<String, String> {
    let db = crate::startup::open_database(settings)
        .await
        .map_err(|e| e.to_string())?;
    let created = pathway_store::first_admin::create(&db, &request.email, &request.name).await;
    db.close().await;
    let path = created.map_err(|error| match error {
        AppError::Invalid(problems) => problems
            .into_iter()
            .map(|problem| problem.message)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    })?;
    let base = request
        .url
        .clone()
        .unwrap_or_else(|| format!("http://{}", settings.leptos_options.site_addr));
    Ok(format!(
        "Administrator {} created. Give them this one-time link to set their password (it works once, for {LINK_LIFETIME_HOURS} hours):\n{base}{path}",
        request.email
    ))
}

#[cfg(test)]
mod tests {
    use super::Request;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn reads_the_address_name_and_url() {
        let request = Request::parse(&args(&[
            "--email",
            "sam.admin@council.example",
            "--name",
            "Sam Admin",
            "--url",
            "https://pathway.council.example/",
        ]))
        .unwrap();
        assert_eq!(request.email, "sam.admin@council.example");
        assert_eq!(request.name, "Sam Admin");
        assert_eq!(
            request.url.as_deref(),
            Some("https://pathway.council.example")
        );
    }

    #[test]
    fn says_what_is_missing_or_unknown() {
        let missing = Request::parse(&args(&["--name", "Sam Admin"])).unwrap_err();
        assert!(missing.starts_with("--email is required"), "{missing}");
        let unknown = Request::parse(&args(&["--password", "x"])).unwrap_err();
        assert!(unknown.contains("unknown option"), "{unknown}");
        let empty = Request::parse(&args(&["--email"])).unwrap_err();
        assert!(empty.starts_with("--email needs a value"), "{empty}");
    }
}
