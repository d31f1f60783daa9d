//! Reading a `multipart/form-data` body (RFC 7578) for file uploads: the
//! body is read whole, up to a limit, and split into its parts without
//! copying them.

use std::pin::Pin;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use http_body::Body as _;
use serde_json::json;

use crate::errors::ApiError;

/// One part of the form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Bytes,
}

fn invalid(message: &str) -> ApiError {
    ApiError::body_issue(vec![json!("multipart")], message)
}

/// The boundary of a `multipart/form-data` request, or Attio's 400.
pub(crate) fn boundary(headers: &HeaderMap) -> Result<String, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (kind, params) = content_type.split_once(';').unwrap_or((content_type, ""));
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return Err(invalid("Expected a multipart/form-data body."));
    }
    params
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim_matches('"').to_owned())
        .filter(|b| !b.is_empty())
        .ok_or_else(|| invalid("The multipart body has no boundary."))
}

/// The whole body, refused with `413` once it passes `limit` bytes. What
/// follows is read and dropped (up to four times the limit) before the
/// answer: a client still sending when the connection closes would see a
/// broken connection rather than the `413`.
pub(crate) async fn read_limited(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let mut body = body;
    let mut buffer = Vec::new();
    let mut over = 0usize;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(data) = frame
            .map_err(|_| invalid("The body could not be read."))?
            .into_data()
        else {
            continue;
        };
        if over > 0 || buffer.len() + data.len() > limit {
            over += data.len();
            if over > limit.saturating_mul(4) {
                break;
            }
        } else {
            buffer.extend_from_slice(&data);
        }
    }
    if over > 0 {
        return Err(too_large(limit));
    }
    Ok(Bytes::from(buffer))
}

/// Attio's `413` for an upload over the limit.
pub(crate) fn too_large(limit: usize) -> ApiError {
    ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        code: "validation_type",
        message: format!("The file is too large: the limit is {limit} bytes."),
        validation_errors: None,
        retry_after: None,
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    while at + needle.len() <= haystack.len() {
        let offset = haystack[at..].iter().position(|b| *b == first)?;
        at += offset;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The parts of `body`, delimited by `boundary`.
pub(crate) fn parse(body: &Bytes, boundary: &str) -> Result<Vec<Part>, ApiError> {
    let delimiter = format!("--{boundary}");
    let next_delimiter = format!("\r\n--{boundary}");
    let mut at = find(body, delimiter.as_bytes(), 0)
        .ok_or_else(|| invalid("The multipart body has no part."))?
        + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body[at..].starts_with(b"--") {
            return Ok(parts);
        }
        if !body[at..].starts_with(b"\r\n") {
            return Err(invalid(
                "A multipart delimiter is not followed by a line break.",
            ));
        }
        let headers_start = at + 2;
        let headers_end = find(body, b"\r\n\r\n", headers_start)
            .ok_or_else(|| invalid("A multipart part has no end to its headers."))?;
        let headers = String::from_utf8_lossy(&body[headers_start..headers_end]);
        let data_start = headers_end + 4;
        let data_end = find(body, next_delimiter.as_bytes(), data_start)
            .ok_or_else(|| invalid("The multipart body is not closed."))?;
        parts.push(part(&headers, body.slice(data_start..data_end))?);
        at = data_end + next_delimiter.len();
    }
}

fn part(headers: &str, data: Bytes) -> Result<Part, ApiError> {
    let mut name = None;
    let mut filename = None;
    let mut content_type = None;
    for line in headers.split("\r\n") {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        } else if key.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                if let Some((k, v)) = param.trim().split_once('=') {
                    let v = v.trim().trim_matches('"').to_owned();
                    match k.trim() {
                        "name" => name = Some(v),
                        "filename" => filename = Some(v),
                        _ => {}
                    }
                }
            }
        }
    }
    let name = name.ok_or_else(|| invalid("A multipart part has no name."))?;
    Ok(Part {
        name,
        filename,
        content_type,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_a_file_are_split_without_their_delimiters() {
        let body = Bytes::from_static(
            b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"object\"\r\n\r\npeople\r\n\
              --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
              Content-Type: text/plain\r\n\r\nline one\r\nline two\r\n--XyZ--\r\n",
        );
        let parts = parse(&body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "object");
        assert_eq!(&parts[0].data[..], b"people");
        assert_eq!(parts[1].filename.as_deref(), Some("a.txt"));
        assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
        assert_eq!(&parts[1].data[..], b"line one\r\nline two");
        assert!(parse(&Bytes::from_static(b"--XyZ\r\nno end"), "XyZ").is_err());
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=\"abc\"".parse().unwrap(),
        );
        assert_eq!(boundary(&headers).unwrap(), "abc");
        headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        assert!(boundary(&headers).is_err());
    }
}
