//! Signing in and out, the current user, and passwords.

pub mod change_password;
pub mod me;
pub mod second_step;
pub mod sessions;
pub mod set_password;
pub mod sign_in;
pub mod sign_out;
pub mod two_step;

/// The cookies of a finished sign-in: the session, and the known-device mark when this
/// browser is new to the person.
#[cfg(feature = "ssr")]
fn signed_in_cookies(
    settings: pathway_store::auth::SecuritySettings,
    signed_in: &pathway_store::auth::flow::SignedIn,
) {
    use crate::api::request::set_cookie;
    set_cookie(&settings.session_cookie(&signed_in.token));
    if let Some(device) = &signed_in.device_token {
        set_cookie(&settings.device_cookie(device));
    }
}

/// Where to go after signing in: `next` resolved against this site's own origin, as a
/// browser would resolve it (which drops tabs and newlines, so `/\t/evil.example` is
/// `//evil.example`, another host), kept only if it stays on this site, and then only its
/// path and query, percent-encoded ASCII that is safe in a `Location` header. Anything
/// else, and the sign-in page itself, goes to the dashboard (OWASP ASVS 5.0 V3.7, issue 17).
#[cfg(feature = "ssr")]
pub fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/dashboard";
    // a stand-in origin: only whether the result stays on it matters
    let Ok(base) = url::Url::parse("https://pathway.invalid/") else {
        return HOME.to_owned();
    };
    let Some(resolved) = next
        .map(str::trim)
        .filter(|n| n.starts_with('/'))
        .and_then(|n| base.join(n).ok())
    else {
        return HOME.to_owned();
    };
    if resolved.origin() != base.origin() || resolved.path().starts_with("/sign-in") {
        return HOME.to_owned();
    }
    match resolved.query() {
        Some(query) => format!("{}?{query}", resolved.path()),
        None => resolved.path().to_owned(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/admin/people?x=1")), "/admin/people?x=1");
        assert_eq!(safe_next(Some("https://evil.example/")), "/dashboard");
        assert_eq!(safe_next(Some("//evil.example/")), "/dashboard");
        assert_eq!(safe_next(Some("/\\evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
    }

    /// Issue 17 item 3: browsers drop tabs and newlines from a URL, so these are all
    /// `//evil.example` to a browser; none may leave the site, and nothing unchecked
    /// reaches the Location header (a newline used to panic inside the redirect).
    #[test]
    fn next_with_tabs_or_newlines_stays_on_this_site() {
        for next in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
        ] {
            assert_eq!(safe_next(Some(next)), "/dashboard", "{next:?}");
        }
        assert_eq!(
            safe_next(Some("/portfolio\r\nSet-Cookie: x=1")),
            "/portfolioSet-Cookie:%20x=1"
        );
        assert_eq!(safe_next(Some("/sign-in?next=/x")), "/dashboard");
        assert_eq!(
            safe_next(Some("/a/../portfolio?x=é")),
            "/portfolio?x=%C3%A9"
        );
        for safe in [
            "/portfolio",
            "/portfolio?x=1",
            "/admin/audit?action=sign_in",
        ] {
            assert!(safe_next(Some(safe)).bytes().all(|b| b.is_ascii_graphic()));
        }
    }
}
