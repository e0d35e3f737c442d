//! A small S3 client: put, get, delete and list objects of one bucket, signed with
//! [`super::sigv4`], over `ureq` (blocking HTTP with rustls), retried on network errors,
//! 429 and 5xx.
//!
//! Addresses: with no endpoint, AWS's virtual-hosted style
//! (`https://BUCKET.s3.REGION.amazonaws.com/KEY`); with an endpoint (MinIO, R2, B2,
//! Spaces, a test server), path style (`ENDPOINT/BUCKET/KEY`), which they all take.

use std::time::Duration;

use super::sigv4::{canonical_query, sha256_hex, signed_headers, uri_encode, Credentials, Request};

/// Attempts per request (the first and three retries).
const ATTEMPTS: u32 = 4;

/// A request to the store failed.
#[derive(Debug, thiserror::Error)]
#[error("{operation} failed: {message}")]
pub struct S3Error {
    /// `PUT s3://bucket/key`, say.
    pub operation: String,
    pub message: String,
}

/// One bucket of an S3-compatible store, with the keys to sign requests.
#[derive(Debug, Clone)]
pub struct Bucket {
    agent: ureq::Agent,
    /// `http` or `https`.
    scheme: String,
    /// `host[:port]` requests go to.
    host: String,
    /// `/BUCKET` in path style, empty in virtual-hosted style.
    base_path: String,
    bucket: String,
    region: String,
    credentials: Credentials,
}

/// What a response said.
struct Reply {
    status: u16,
    body: Vec<u8>,
}

impl Bucket {
    /// The bucket `bucket` at `endpoint` (`http://127.0.0.1:9000`), or at AWS in `region`.
    pub fn new(
        bucket: &str,
        endpoint: Option<&str>,
        region: &str,
        credentials: Credentials,
    ) -> Result<Bucket, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let (scheme, host, base_path) = match endpoint {
            None => (
                "https".to_string(),
                format!("{bucket}.s3.{region}.amazonaws.com"),
                String::new(),
            ),
            Some(endpoint) => {
                let (scheme, rest) = endpoint
                    .split_once("://")
                    .filter(|(s, _)| *s == "http" || *s == "https")
                    .ok_or_else(|| {
                        format!("endpoint {endpoint:?} is not an http:// or https:// address")
                    })?;
                let host = rest.trim_end_matches('/');
                if host.is_empty() || host.contains('/') {
                    return Err(format!(
                        "endpoint {endpoint:?} must be a scheme and host only, like \
                         \"https://s3.example.com\""
                    ));
                }
                // The Host header (which is signed) leaves out the scheme's own port.
                let default_port = if scheme == "https" { ":443" } else { ":80" };
                let host = host.strip_suffix(default_port).unwrap_or(host);
                (scheme.to_string(), host.to_string(), format!("/{bucket}"))
            }
        };
        Ok(Bucket {
            agent,
            scheme,
            host,
            base_path,
            bucket: bucket.to_string(),
            region: region.to_string(),
            credentials,
        })
    }

    /// Uploads `body` as `key`.
    pub fn put(
        &self,
        key: &str,
        body: &[u8],
        content_type: &str,
        cache_control: &str,
    ) -> Result<(), S3Error> {
        let headers = [
            ("content-type", content_type),
            ("cache-control", cache_control),
        ];
        self.expect_success("PUT", key, &[], body, &headers)
            .map(|_| ())
    }

    /// The object `key`, or `None` when there is none.
    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>, S3Error> {
        let reply = self.send("GET", key, &[], b"", &[])?;
        match reply.status {
            404 => Ok(None),
            200..=299 => Ok(Some(reply.body)),
            _ => Err(self.failure("GET", key, &reply)),
        }
    }

    /// Deletes the object `key` (a missing one is not an error).
    pub fn delete(&self, key: &str) -> Result<(), S3Error> {
        let reply = self.send("DELETE", key, &[], b"", &[])?;
        match reply.status {
            200..=299 | 404 => Ok(()),
            _ => Err(self.failure("DELETE", key, &reply)),
        }
    }

    /// Every key that starts with `prefix` (ListObjectsV2, page by page).
    pub fn list(&self, prefix: &str) -> Result<Vec<String>, S3Error> {
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut query = vec![("list-type", "2"), ("prefix", prefix)];
            if let Some(token) = &token {
                query.push(("continuation-token", token));
            }
            let reply = self.expect_success("GET", "", &query, b"", &[])?;
            let page = parse_listing(&reply.body).map_err(|message| S3Error {
                operation: format!("LIST s3://{}/{prefix}", self.bucket),
                message,
            })?;
            keys.extend(page.keys);
            match page.next {
                Some(next) => token = Some(next),
                None => return Ok(keys),
            }
        }
    }

    fn expect_success(
        &self,
        method: &str,
        key: &str,
        query: &[(&str, &str)],
        body: &[u8],
        headers: &[(&str, &str)],
    ) -> Result<Reply, S3Error> {
        let reply = self.send(method, key, query, body, headers)?;
        if (200..300).contains(&reply.status) {
            Ok(reply)
        } else {
            Err(self.failure(method, key, &reply))
        }
    }

    fn failure(&self, method: &str, key: &str, reply: &Reply) -> S3Error {
        let text = String::from_utf8_lossy(&reply.body);
        let code = xml_text(&text, "Code").unwrap_or_default();
        let detail = xml_text(&text, "Message").unwrap_or_default();
        S3Error {
            operation: format!("{method} s3://{}/{key}", self.bucket),
            message: format!("HTTP {} {code} {detail}", reply.status)
                .trim()
                .to_string(),
        }
    }

    /// Sends a signed request, retrying network errors, 429 and 5xx with a growing pause.
    fn send(
        &self,
        method: &str,
        key: &str,
        query: &[(&str, &str)],
        body: &[u8],
        headers: &[(&str, &str)],
    ) -> Result<Reply, S3Error> {
        let path = format!("{}/{}", self.base_path, uri_encode(key, false));
        let query_text = canonical_query(query);
        let url = match query_text.as_str() {
            "" => format!("{}://{}{path}", self.scheme, self.host),
            q => format!("{}://{}{path}?{q}", self.scheme, self.host),
        };
        let payload_hash = sha256_hex(body);
        let mut last_error = String::new();
        for attempt in 0..ATTEMPTS {
            if attempt > 0 {
                std::thread::sleep(Duration::from_millis(250 << attempt));
            }
            let amz_date = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
            let request = Request {
                method,
                host: &self.host,
                path: &path,
                query,
                headers: &[],
                payload_hash: &payload_hash,
            };
            let signed = signed_headers(&request, &self.credentials, &self.region, &amz_date);
            match self.attempt(method, &url, body, headers, &signed) {
                Ok(reply) if reply.status == 429 || reply.status >= 500 => {
                    last_error = format!("HTTP {}", reply.status);
                }
                Ok(reply) => return Ok(reply),
                Err(e) => last_error = e.to_string(),
            }
        }
        Err(S3Error {
            operation: format!("{method} s3://{}/{key}", self.bucket),
            message: format!("{last_error} (after {ATTEMPTS} attempts)"),
        })
    }

    fn attempt(
        &self,
        method: &str,
        url: &str,
        body: &[u8],
        headers: &[(&str, &str)],
        signed: &[(String, String)],
    ) -> Result<Reply, ureq::Error> {
        let request = ureq::http::Request::builder().method(method).uri(url);
        let request = headers
            .iter()
            .fold(request, |r, (name, value)| r.header(*name, *value));
        let request = signed
            .iter()
            .fold(request, |r, (name, value)| r.header(name, value));
        // ureq refuses a body, even an empty one, on methods that take none.
        let mut response = if method == "PUT" {
            self.agent.run(request.body(body)?)?
        } else {
            self.agent.run(request.body(())?)?
        };
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()?;
        Ok(Reply { status, body })
    }
}

/// One page of a listing: its keys, and the token of the next page if there is one.
struct ListingPage {
    keys: Vec<String>,
    next: Option<String>,
}

fn parse_listing(body: &[u8]) -> Result<ListingPage, String> {
    let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    let document = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let root = document.root_element();
    let keys = root
        .children()
        .filter(|c| c.tag_name().name() == "Contents")
        .filter_map(|c| child_text(c, "Key"))
        .collect();
    let truncated = child_text(root, "IsTruncated").as_deref() == Some("true");
    let next = child_text(root, "NextContinuationToken").filter(|_| truncated);
    Ok(ListingPage { keys, next })
}

/// The text of the first `<tag>` in an error body, if any.
fn xml_text(text: &str, tag: &str) -> Option<String> {
    let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = text[start..].find(&format!("</{tag}>"))? + start;
    Some(text[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_page_gives_its_keys_and_the_next_token() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>b</Name><IsTruncated>true</IsTruncated>
  <Contents><Key>paper/index.html</Key></Contents>
  <Contents><Key>paper/a &amp; b.css</Key></Contents>
  <NextContinuationToken>abc</NextContinuationToken>
</ListBucketResult>"#;
        let page = parse_listing(body).unwrap();
        assert_eq!(page.keys, ["paper/index.html", "paper/a & b.css"]);
        assert_eq!(page.next.as_deref(), Some("abc"));
    }

    #[test]
    fn endpoints_choose_the_address_style() {
        let keys = Credentials {
            access_key: "a".into(),
            secret_key: "s".into(),
            session_token: None,
        };
        let aws = Bucket::new("news", None, "eu-west-1", keys.clone()).unwrap();
        assert_eq!(aws.host, "news.s3.eu-west-1.amazonaws.com");
        assert_eq!(aws.base_path, "");
        let local = Bucket::new("news", Some("http://127.0.0.1:9000/"), "x", keys.clone()).unwrap();
        assert_eq!(
            (local.host.as_str(), local.base_path.as_str()),
            ("127.0.0.1:9000", "/news")
        );
        assert!(Bucket::new("news", Some("ftp://x"), "x", keys.clone()).is_err());
        assert!(Bucket::new("news", Some("https://x/path"), "x", keys).is_err());
    }
}
