//! Which `Host` a preview request may name: the guard against DNS rebinding.
//!
//! A page on `evil.example` can point its own name at `127.0.0.1` and then read the
//! preview (drafts and build errors included) as if it were its own origin. Its
//! requests still carry `Host: evil.example`, so the server answers only requests for
//! a loopback name: `localhost`, a name under `.localhost`, or a loopback address.
//! When `--bind` puts the server beyond loopback, any IP address is accepted as well
//! (an address is not a name anyone can rebind); other host names never are.

use std::net::IpAddr;

/// What the `Host` header of a request allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCheck {
    Allowed,
    /// No `Host` header (HTTP/1.1 requires one).
    Missing,
    /// A name this server does not answer to.
    Refused,
}

/// Checks the `Host` header `host` of a request to a server bound to `bound`.
pub fn check_host(host: Option<&str>, bound: IpAddr) -> HostCheck {
    let Some(host) = host else {
        return HostCheck::Missing;
    };
    let name = host_name(host).to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    let allowed = match name.parse::<IpAddr>() {
        Ok(address) => address.is_loopback() || !bound.is_loopback(),
        Err(_) => is_loopback_name(name),
    };
    if allowed {
        HostCheck::Allowed
    } else {
        HostCheck::Refused
    }
}

/// `localhost` and the names under it, which resolve to loopback (RFC 6761).
fn is_loopback_name(name: &str) -> bool {
    name == "localhost" || name.ends_with(".localhost")
}

/// The host of a `Host` value without its port: `[::1]:80` → `::1`, `a:80` → `a`.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split_once(']').map_or(host, |(inside, _)| inside);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> IpAddr {
        "127.0.0.1".parse().unwrap()
    }

    #[test]
    fn ports_and_brackets_are_taken_off() {
        assert_eq!(host_name("localhost:1111"), "localhost");
        assert_eq!(host_name("[::1]:1111"), "::1");
        assert_eq!(host_name("[::1]"), "::1");
        assert_eq!(host_name("example.org"), "example.org");
    }

    #[test]
    fn loopback_names_pass_and_others_are_refused() {
        for host in [
            "localhost",
            "LOCALHOST.:1",
            "a.localhost",
            "127.0.0.1:9",
            "[::1]",
        ] {
            assert_eq!(
                check_host(Some(host), loopback()),
                HostCheck::Allowed,
                "{host}"
            );
        }
        for host in ["evil.example", "localhost.evil", "10.0.0.1", "", "[::1"] {
            assert_eq!(
                check_host(Some(host), loopback()),
                HostCheck::Refused,
                "{host}"
            );
        }
        assert_eq!(check_host(None, loopback()), HostCheck::Missing);
    }

    #[test]
    fn beyond_loopback_any_address_passes_but_no_other_name() {
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        assert_eq!(check_host(Some("10.0.0.1:1111"), any), HostCheck::Allowed);
        assert_eq!(check_host(Some("[2001:db8::1]"), any), HostCheck::Allowed);
        assert_eq!(check_host(Some("mybox.lan"), any), HostCheck::Refused);
    }
}
