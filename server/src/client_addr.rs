//! Who is at the other end (issue 17 item 2). A deployment sits behind a proxy that
//! terminates TLS, so the TCP peer is the proxy; the client's own address is in the
//! `Forwarded` (RFC 7239) or `X-Forwarded-For` header that proxy adds. Anyone can send those
//! headers, so they are believed only from the proxies named in `PATHWAY_TRUSTED_PROXIES`,
//! and only as far back as the chain of trusted hops goes: read right to left (each proxy
//! appends the address it saw), the first address that is not a trusted proxy is the
//! client. With no proxies trusted, the TCP peer is the client.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use pathway_store::auth::ClientAddr;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and CIDR blocks
    /// (`10.0.0.0/8, 127.0.0.1, ::1`); an error names the entry that is neither.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut nets = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let net = entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| entry.to_owned())?;
            nets.push(net);
        }
        Ok(Self(Arc::new(nets)))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer` carrying `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let hops = forwarded_for(headers);
        // right to left: the nearest hop first; the first untrusted one is the client. An
        // entry that is no address stops the walk at the last hop that was trusted.
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = hop else { break };
            client = canonical(*ip);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// IPv4 written as IPv4-mapped IPv6 (a dual-stack listener's peers) read as plain IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// The forwarding chain, oldest hop first: `Forwarded`'s `for=` values when the request has
/// that header, else `X-Forwarded-For`'s list. `None` marks an entry that is no address
/// (`unknown`, an obfuscated name, garbage).
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| parse_node(value))
            })
            .collect();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(parse_node)
        .collect()
}

/// One node: `192.0.2.7`, `"[2001:db8::1]:4711"`, `192.0.2.7:4711`, `2001:db8::1`.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    let bracketed = text.strip_prefix('[')?.split(']').next()?;
    bracketed.parse().ok()
}

/// Puts the client's address on every request, for sessions, throttling and the audit log.
pub async fn client_address(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = proxies.client(peer.ip(), request.headers());
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    /// Issue 17 item 2: with no proxy trusted, a forwarding header is anyone's to forge.
    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let none = TrustedProxies::default();
        let forged = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(none.client(ip("203.0.113.5"), &forged), ip("203.0.113.5"));
        let proxy = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(proxy.client(ip("203.0.113.5"), &forged), ip("203.0.113.5"));
    }

    /// Issue 17 item 2: through trusted proxies, the nearest untrusted hop is the client,
    /// whatever a client wrote further left.
    #[test]
    fn the_client_is_the_first_untrusted_hop_from_the_right() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").unwrap();
        let chain = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.9, 10.1.2.3")]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &chain), ip("198.51.100.9"));
        // several headers are one list, in order
        let split = headers(&[
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "198.51.100.9"),
        ]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &split), ip("198.51.100.9"));
        // no header: the proxy itself
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        // garbage stops the walk at the last trusted hop
        let garbage = headers(&[("x-forwarded-for", "198.51.100.9, not-an-address")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &garbage), ip("10.0.0.1"));
    }

    #[test]
    fn the_standard_forwarded_header_wins_and_its_forms_are_read() {
        let proxies = TrustedProxies::parse("::1").unwrap();
        let both = headers(&[
            (
                "forwarded",
                "for=192.0.2.60;proto=https, For=\"[2001:db8:cafe::17]:4711\"",
            ),
            ("x-forwarded-for", "203.0.113.1"),
        ]);
        assert_eq!(proxies.client(ip("::1"), &both), ip("2001:db8:cafe::17"));
        let port = headers(&[("forwarded", "for=192.0.2.60:8080")]);
        assert_eq!(proxies.client(ip("::1"), &port), ip("192.0.2.60"));
        let hidden = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(proxies.client(ip("::1"), &hidden), ip("::1"));
    }

    #[test]
    fn mapped_ipv4_peers_match_ipv4_proxies_and_bad_entries_are_named() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        let chain = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), &chain),
            ip("198.51.100.9")
        );
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, proxy.example").unwrap_err(),
            "proxy.example"
        );
        assert_eq!(
            TrustedProxies::parse(" ").unwrap(),
            TrustedProxies::default()
        );
    }
}
