//! Text placed inside a URL: a page's own path and query carried as the `next` parameter,
//! an id carried in a query string.

/// Percent-encodes everything but unreserved characters and `/`, so a path survives as one
/// query value.
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_percent_encoded() {
        assert_eq!(
            encode_component("/admin/audit?action=sign_in&x=1"),
            "/admin/audit%3Faction%3Dsign_in%26x%3D1"
        );
        assert_eq!(encode_component("a b"), "a%20b");
    }
}
