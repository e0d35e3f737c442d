//! HTTP/1.1 on the wire, as much of it as the preview server needs: read a request's
//! head, skip its body, write a response.
//!
//! Each response (status line, headers and body) goes out in a single write on a socket
//! with `TCP_NODELAY`: a reply split over two writes on a Nagle socket waits for the
//! client's delayed ACK (about 40 ms) before its second part leaves, which held every
//! request on a kept-alive connection for that long. Requests are answered in order,
//! one at a time per connection (no pipelining ahead of the reply).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The most a request head (request line and headers) may take, and how many headers it
/// may have: beyond either the client gets 431 and the connection closes, so a client
/// cannot make the server hold an endless head in memory.
pub const MAX_HEAD_BYTES: u64 = 32 * 1024;
pub const MAX_HEADERS: usize = 100;
/// The longest request body read and thrown away to keep a connection open; a longer
/// one (or a chunked one) closes the connection after the reply instead.
const MAX_SKIPPED_BODY: u64 = 64 * 1024;
/// How long, and how much, a closing connection keeps reading what the client still
/// sends, so that the reply is not lost to a reset.
const DRAIN_TIME: Duration = Duration::from_millis(500);
const DRAIN_BYTES: u64 = 1024 * 1024;

/// A request's method, target and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHead {
    pub method: String,
    /// The request target exactly as sent (`/a/b?q=1`, or an absolute URL).
    pub target: String,
    /// The minor version of HTTP/1.x.
    pub minor_version: u8,
    pub headers: Vec<(String, String)>,
}

impl RequestHead {
    /// The value of the first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// True when the client expects the connection to stay open after the reply.
    pub fn wants_keep_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or_default();
        let says = |word: &str| {
            connection
                .split(',')
                .any(|token| token.trim().eq_ignore_ascii_case(word))
        };
        if self.minor_version == 0 {
            says("keep-alive")
        } else {
            !says("close")
        }
    }

    /// The body that follows the head, as far as it can be skipped.
    fn body(&self) -> Body {
        if self.header("Transfer-Encoding").is_some() {
            return Body::Unskippable;
        }
        match self
            .header("Content-Length")
            .map(|v| v.trim().parse::<u64>())
        {
            None | Some(Ok(0)) => Body::None,
            Some(Ok(length)) if length <= MAX_SKIPPED_BODY => Body::Length(length),
            Some(_) => Body::Unskippable,
        }
    }
}

/// What follows a request's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    None,
    Length(u64),
    /// Chunked, too long, or of an unreadable length: the connection closes after the reply.
    Unskippable,
}

/// Why no request head was read.
#[derive(Debug, thiserror::Error)]
pub enum HeadError {
    /// The client closed the connection (or went quiet) between requests.
    #[error("the connection closed")]
    Closed,
    #[error("malformed request: {0}")]
    Malformed(&'static str),
    /// Longer than [`MAX_HEAD_BYTES`] or with more than [`MAX_HEADERS`] headers.
    #[error("the request head is too large")]
    TooLarge,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Reads the next request head from `reader`, reading no more than [`MAX_HEAD_BYTES`].
pub fn read_head(reader: &mut impl BufRead) -> Result<RequestHead, HeadError> {
    let mut budget = MAX_HEAD_BYTES;
    let request_line = loop {
        match read_line(reader, &mut budget)? {
            None => return Err(HeadError::Closed),
            // A stray empty line before a request is allowed (RFC 9112, 2.2).
            Some(line) if line.is_empty() => continue,
            Some(line) => break line,
        }
    };
    let (method, target, minor_version) = parse_request_line(&request_line)?;
    let mut headers = Vec::new();
    loop {
        let line =
            read_line(reader, &mut budget)?.ok_or(HeadError::Malformed("the head ends early"))?;
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(HeadError::TooLarge);
        }
        headers.push(parse_header(&line)?);
    }
    Ok(RequestHead {
        method,
        target,
        minor_version,
        headers,
    })
}

/// One line without its `\r\n` (or bare `\n`), or `None` at the end of the stream.
/// Reads at most `budget` bytes, and takes what it read off the budget.
fn read_line(reader: &mut impl BufRead, budget: &mut u64) -> Result<Option<String>, HeadError> {
    let mut line = Vec::new();
    match reader.take(*budget).read_until(b'\n', &mut line) {
        Ok(0) if *budget == 0 => return Err(HeadError::TooLarge),
        Ok(0) => return Ok(None),
        Ok(n) => *budget -= n as u64,
        Err(e) if is_quiet_end(&e) => return Err(HeadError::Closed),
        Err(e) => return Err(HeadError::Io(e)),
    }
    if line.pop() != Some(b'\n') {
        return Err(if *budget == 0 {
            HeadError::TooLarge
        } else {
            HeadError::Malformed("the head ends early")
        });
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line)
        .map(Some)
        .map_err(|_| HeadError::Malformed("the head is not UTF-8"))
}

/// True for the errors of a client that hung up or an idle connection timing out.
fn is_quiet_end(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock
            | io::ErrorKind::TimedOut
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::UnexpectedEof
    )
}

/// `GET /path HTTP/1.1` → method, target, minor version.
fn parse_request_line(line: &str) -> Result<(String, String, u8), HeadError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed("a bad request line"));
    };
    let is_token = !method.is_empty() && method.bytes().all(|b| b.is_ascii_alphabetic());
    if !is_token || target.is_empty() {
        return Err(HeadError::Malformed("a bad request line"));
    }
    let minor_version = match version {
        "HTTP/1.1" => 1,
        "HTTP/1.0" => 0,
        _ => return Err(HeadError::Malformed("not HTTP/1.0 or HTTP/1.1")),
    };
    Ok((method.to_string(), target.to_string(), minor_version))
}

/// `Name: value` → name, trimmed value.
fn parse_header(line: &str) -> Result<(String, String), HeadError> {
    let (name, value) = line
        .split_once(':')
        .ok_or(HeadError::Malformed("a header without a colon"))?;
    let is_token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !is_token {
        return Err(HeadError::Malformed("a bad header name"));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

/// A complete reply, held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A reply with `body` of type `content_type`, never cached or sniffed.
    pub fn new(status: u16, body: Vec<u8>, content_type: &str) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
        .with_header("Content-Type", content_type)
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Cache-Control", "no-store")
    }

    /// A plain-text reply.
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            text.as_bytes().to_vec(),
            "text/plain; charset=utf-8",
        )
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The whole reply as sent: head, and the body unless `head_only` (a `HEAD` request).
    pub fn to_bytes(&self, head_only: bool, close: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + if head_only { 0 } else { self.body.len() });
        let _ = write!(
            out,
            "HTTP/1.1 {} {}\r\n",
            self.status,
            reason_phrase(self.status)
        );
        for (name, value) in &self.headers {
            let _ = write!(out, "{name}: {value}\r\n");
        }
        let _ = write!(out, "Content-Length: {}\r\n", self.body.len());
        if close {
            out.extend_from_slice(b"Connection: close\r\n");
        }
        out.extend_from_slice(b"\r\n");
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// One client connection: reads requests, and sends each reply in one write.
pub struct Connection {
    reader: BufReader<TcpStream>,
    stream: TcpStream,
}

impl Connection {
    /// Wraps an accepted socket: replies go out at once (`TCP_NODELAY`), and a read
    /// that waits longer than `idle` ends the connection.
    pub fn new(stream: TcpStream, idle: Duration) -> io::Result<Connection> {
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(idle))?;
        stream.set_write_timeout(Some(idle))?;
        Ok(Connection {
            reader: BufReader::new(stream.try_clone()?),
            stream,
        })
    }

    /// The next request's head; its body, if any, is skipped by [`Connection::reply`].
    pub fn next_request(&mut self) -> Result<RequestHead, HeadError> {
        read_head(&mut self.reader)
    }

    /// Sends `response` to the request `head` and returns whether the connection may
    /// carry another request.
    pub fn reply(&mut self, head: &RequestHead, response: &Response) -> io::Result<bool> {
        let keep_alive = head.wants_keep_alive() && self.skip_body(head.body());
        let bytes = response.to_bytes(head.method == "HEAD", !keep_alive);
        self.stream.write_all(&bytes)?;
        if !keep_alive {
            self.close();
        }
        Ok(keep_alive)
    }

    /// Sends `response` to a request that could not be read, and closes.
    pub fn refuse(&mut self, response: &Response) {
        let _ = self.stream.write_all(&response.to_bytes(false, true));
        self.close();
    }

    /// Reads and drops a body of known, small length; false when it cannot be skipped.
    fn skip_body(&mut self, body: Body) -> bool {
        match body {
            Body::None => true,
            Body::Length(length) => {
                let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink());
                matches!(skipped, Ok(n) if n == length)
            }
            Body::Unskippable => false,
        }
    }

    /// Ends the connection without losing the reply: stops sending, then reads (for a
    /// bounded time and amount) what the client still sends, so the close does not turn
    /// into a reset that discards the reply at the client.
    pub fn close(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        let _ = self.stream.set_read_timeout(Some(DRAIN_TIME));
        let deadline = Instant::now() + DRAIN_TIME;
        let mut left = DRAIN_BYTES;
        let mut buffer = [0u8; 8192];
        while left > 0 && Instant::now() < deadline {
            match self.reader.get_mut().read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n as u64),
            }
        }
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> Result<RequestHead, HeadError> {
        read_head(&mut io::Cursor::new(raw.as_bytes().to_vec()))
    }

    #[test]
    fn a_request_head_is_read_to_its_blank_line() {
        let h =
            head("GET /a?b=1 HTTP/1.1\r\nHost: localhost:1111\r\nX-Y:  z \r\n\r\nrest").unwrap();
        assert_eq!(h.method, "GET");
        assert_eq!(h.target, "/a?b=1");
        assert_eq!(h.minor_version, 1);
        assert_eq!(h.header("host"), Some("localhost:1111"));
        assert_eq!(h.header("x-y"), Some("z"));
        assert!(h.wants_keep_alive());
    }

    #[test]
    fn bad_heads_are_malformed_and_an_empty_stream_is_closed() {
        assert!(matches!(head(""), Err(HeadError::Closed)));
        for raw in [
            "GET /\r\n\r\n",
            "GET / HTTP/2\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n",
            "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
        ] {
            assert!(matches!(head(raw), Err(HeadError::Malformed(_))), "{raw:?}");
        }
    }

    #[test]
    fn a_head_past_the_bounds_is_too_large() {
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(40_000));
        assert!(matches!(head(&long), Err(HeadError::TooLarge)));
        let endless = format!("GET /{}", "a".repeat(40_000));
        assert!(matches!(head(&endless), Err(HeadError::TooLarge)));
        let many: String = (0..=MAX_HEADERS).map(|n| format!("X-{n}: 1\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert!(matches!(head(&many), Err(HeadError::TooLarge)));
        let fair = format!("GET / HTTP/1.1\r\nCookie: {}\r\n\r\n", "c".repeat(20_000));
        assert!(head(&fair).is_ok());
    }

    #[test]
    fn keep_alive_follows_the_version_and_connection_header() {
        let close = head("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").unwrap();
        assert!(!close.wants_keep_alive());
        let old = head("GET / HTTP/1.0\r\n\r\n").unwrap();
        assert!(!old.wants_keep_alive());
        let old_kept = head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
        assert!(old_kept.wants_keep_alive());
    }

    #[test]
    fn bodies_are_skipped_only_when_short_and_of_known_length() {
        let body = |raw: &str| head(raw).unwrap().body();
        assert_eq!(body("POST / HTTP/1.1\r\n\r\n"), Body::None);
        assert_eq!(
            body("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"),
            Body::Length(5)
        );
        assert_eq!(
            body("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n"),
            Body::Unskippable
        );
        assert_eq!(
            body("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Body::Unskippable
        );
    }

    #[test]
    fn a_response_is_one_buffer_and_head_requests_get_no_body() {
        let response = Response::text(200, "hello");
        let whole = String::from_utf8(response.to_bytes(false, false)).unwrap();
        assert!(whole.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(whole.contains("\r\nContent-Length: 5\r\n"));
        assert!(whole.ends_with("\r\n\r\nhello"));
        let head_only = String::from_utf8(response.to_bytes(true, true)).unwrap();
        assert!(head_only.contains("Content-Length: 5\r\nConnection: close\r\n\r\n"));
        assert!(head_only.ends_with("\r\n\r\n"));
    }
}
