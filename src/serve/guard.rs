//! What stands between the network and the index: the access token, the headers
//! that keep a hostile document inert in the browser, and the bounds on a request.
//!
//! The server only ever reads the index. Pages and assets are compiled into the
//! binary, so no route touches another file; every document field is escaped by
//! the templates; the Content-Security-Policy below forbids inline scripts, so even
//! markup that slipped through would not run.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::App;

/// Scripts and styles from this server only, no inline code, no frames, no plugins,
/// forms posting only here.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The cookie the login form sets.
pub(crate) const COOKIE: &str = "dossier_token";

/// Bytes of a URL's query string; longer requests are refused unread.
const MAX_QUERY_STRING: usize = 8 * 1024;

/// Bytes of a request body (the login form is the only one).
pub(crate) const MAX_BODY: usize = 4 * 1024;

/// Checks the token (when the server has one) and the URL's length, and adds the
/// security headers to every answer.
pub(crate) async fn guard(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let mut response = if request.uri().query().map_or(0, str::len) > MAX_QUERY_STRING {
        (StatusCode::URI_TOO_LONG, "the request's URL is too long\n").into_response()
    } else if app.token.is_none()
        || path == "/login"
        || path.starts_with("/static/")
        || authorised(request.headers(), app.token.as_deref().unwrap_or_default())
    {
        next.run(request).await
    } else if path.starts_with("/api/") {
        let mut denied = (
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({"error": "a bearer token is required"})),
        )
            .into_response();
        denied.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"dossier\""),
        );
        denied
    } else {
        let back = request
            .uri()
            .path_and_query()
            .map_or("/".to_string(), |p| p.to_string());
        let to = format!(
            "/login?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("next", &back)
                .finish()
        );
        Redirect::to(&to).into_response()
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// A bearer token in `Authorization`, or the login cookie, equal to `token`.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let bearer = headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .filter_map(|v| v.to_str().ok()?.strip_prefix("Bearer "));
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='));
    bearer.chain(cookies).any(|given| same(given.trim(), token))
}

/// Equality in time independent of where the strings differ.
pub(crate) fn same(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// The `Set-Cookie` of a successful login: not readable by scripts, not sent by
/// other sites' pages.
pub(crate) fn login_cookie(token: &str) -> String {
    format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/")
}

/// Where a login goes next: a path on this server, never another site.
pub(crate) fn local_target(next: Option<&str>) -> String {
    match next {
        Some(next) if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') => {
            next.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_come_from_the_bearer_header_or_the_cookie() {
        let mut headers = HeaderMap::new();
        assert!(!authorised(&headers, "s3cret"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; dossier_token=s3cret"),
        );
        assert!(authorised(&headers, "s3cret"));
        assert!(!authorised(&headers, "s3cre"));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret"),
        );
        assert!(authorised(&headers, "s3cret"));
        assert!(!authorised(&headers, "other"));
    }

    #[test]
    fn a_login_only_sends_you_back_to_this_server() {
        assert_eq!(local_target(Some("/?q=x")), "/?q=x");
        for away in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
        ] {
            assert_eq!(local_target(Some(away)), "/");
        }
        assert_eq!(local_target(None), "/");
    }
}
