//! AWS Signature Version 4: the `Authorization` header every S3-compatible store checks.
//!
//! A request is signed over its method, path, query, a few headers (`host` and the
//! `x-amz-*` ones) and the SHA-256 of its body, with a key derived from the secret, the
//! day, the region and the service (`s3`). Hashing and HMAC come from `ring`, which the
//! HTTPS stack (rustls) already builds. The test reproduces AWS's published example.

use ring::{digest, hmac};

/// The keys that sign requests: from the environment or a profile file, never `site.toml`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
    /// Present for temporary credentials (`AWS_SESSION_TOKEN`).
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials {{ access_key: {}, .. }}", self.access_key)
    }
}

/// What is signed of one request.
pub struct Request<'a> {
    pub method: &'a str,
    /// `host` or `host:port`, as sent.
    pub host: &'a str,
    /// The path, already URI-encoded (`/bucket/a%20b.html`).
    pub path: &'a str,
    /// Query pairs, not encoded.
    pub query: &'a [(&'a str, &'a str)],
    /// Further headers to sign (lower-case names), besides `host` and the `x-amz-*` ones.
    pub headers: &'a [(&'a str, &'a str)],
    /// Hex SHA-256 of the body.
    pub payload_hash: &'a str,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(digest::digest(&digest::SHA256, bytes).as_ref())
}

/// The headers to send with `request`, `Authorization` included, signed at `amz_date`
/// (`20130524T000000Z`) for `region`.
pub fn signed_headers(
    request: &Request,
    credentials: &Credentials,
    region: &str,
    amz_date: &str,
) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), request.host.into()),
        ("x-amz-content-sha256".into(), request.payload_hash.into()),
        ("x-amz-date".into(), amz_date.into()),
    ];
    if let Some(token) = &credentials.session_token {
        headers.push(("x-amz-security-token".into(), token.clone()));
    }
    headers.extend(
        request
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string())),
    );
    headers.sort();
    let names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
    let signed_names = names.join(";");
    let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let canonical_request = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed_names}\n{}",
        request.method,
        request.path,
        canonical_query(request.query),
        request.payload_hash
    );
    let day = &amz_date[..8];
    let scope = format!("{day}/{region}/s3/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let key = [day, region, "s3", "aws4_request"].iter().fold(
        format!("AWS4{}", credentials.secret_key).into_bytes(),
        |key, part| hmac_sha256(&key, part.as_bytes()),
    );
    let signature = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_names}, Signature={signature}",
        credentials.access_key
    );
    headers.retain(|(name, _)| name != "host");
    headers.push(("authorization".into(), authorization));
    headers
}

/// The query as SigV4 wants it: pairs encoded, sorted, joined with `&`.
pub fn canonical_query(query: &[(&str, &str)]) -> String {
    let mut pairs: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{}={}", uri_encode(k, true), uri_encode(v, true)))
        .collect();
    pairs.sort();
    pairs.join("&")
}

/// Percent-encodes all but the unreserved characters (and `/` unless `slash`).
pub fn uri_encode(text: &str, slash: bool) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        let unreserved = byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte);
        if unreserved || (byte == b'/' && !slash) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    hmac::sign(&key, data).as_ref().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's worked example "GET Object" (Signature Version 4, header-based auth).
    #[test]
    fn the_aws_example_signs_to_the_published_signature() {
        let credentials = Credentials {
            access_key: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            session_token: None,
        };
        let empty = sha256_hex(b"");
        assert_eq!(
            empty,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let request = Request {
            method: "GET",
            host: "examplebucket.s3.amazonaws.com",
            path: "/test.txt",
            query: &[],
            headers: &[("range", "bytes=0-9")],
            payload_hash: &empty,
        };
        let headers = signed_headers(&request, &credentials, "us-east-1", "20130524T000000Z");
        let authorization = &headers
            .iter()
            .find(|(k, _)| k == "authorization")
            .unwrap()
            .1;
        assert_eq!(
            authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    #[test]
    fn encoding_keeps_unreserved_characters_only() {
        assert_eq!(uri_encode("a b/c~d", false), "a%20b/c~d");
        assert_eq!(uri_encode("a b/c", true), "a%20b%2Fc");
        assert_eq!(
            canonical_query(&[("prefix", "J"), ("max-keys", "2")]),
            "max-keys=2&prefix=J"
        );
    }
}
