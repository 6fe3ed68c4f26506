//! The HTML pages: search, document, login, and the embedded assets.
//!
//! Every value from the index reaches the page through maud, which escapes it, and
//! through [`shown`], which makes control and bidi-override characters visible, so
//! a document carrying markup, `javascript:` links or reordering characters shows
//! them as text.

use std::borrow::Cow;

use axum::extract::{Form, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;

use super::guard;
use super::state::SearchState;
use super::view;
use super::{respond, App, Failure, HTML};
use crate::search::error::QueryError;
use crate::search::snippet::Snippet;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// `text` as a page may show it: control and bidi-override characters made visible.
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    crate::sanitize::for_terminal(text, false)
}

/// A passage with its marks; with `ids`, each mark is `#m1`, `#m2`, … for the jump
/// from match to match.
pub(crate) fn marked(snippet: &Snippet, ids: bool) -> Markup {
    let text = &snippet.text;
    let clean = |s: &str| crate::sanitize::for_terminal(s, true).into_owned();
    // Each part with its mark number, if it is a mark.
    let mut parts = Vec::with_capacity(2 * snippet.marks.len() + 1);
    let mut at = 0;
    for (n, mark) in snippet.marks.iter().enumerate() {
        parts.push((clean(&text[at..mark.start]), None));
        parts.push((clean(&text[mark.clone()]), Some(n + 1)));
        at = mark.end;
    }
    parts.push((clean(&text[at..]), None));
    html! {
        @for (part, mark) in parts {
            @match mark {
                None => (part),
                Some(n) if ids => mark id=(format!("m{n}")) { (part) },
                Some(_) => mark { (part) },
            }
        }
    }
}

/// The frame of every page.
pub(crate) fn layout(title: &str, search: &SearchState, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (shown(title)) " · dossier" }
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                header {
                    a.brand href="/" { "dossier" }
                    (view::search_form(search))
                }
                (body)
            }
        }
    }
}

/// `/`: the search page.
pub(crate) async fn search(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let state = match SearchState::parse(query.as_deref().unwrap_or_default()) {
        Ok(state) => state,
        Err(error) => {
            return error_page(&SearchState::default(), Failure::bad_request(error));
        }
    };
    // The form sends every field, empty ones too: answer at the URL that states the
    // search alone, so that what is bookmarked or shared is short and canonical.
    let pairs = |q: &str| -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    };
    if query
        .as_deref()
        .is_some_and(|q| pairs(q) != pairs(&state.encoded()))
    {
        return Redirect::to(&state.href()).into_response();
    }
    let run = state.clone();
    let answer = app.answer("/", state.encoded(), move |engine| {
        let results = view::Results::find(engine, &run)?;
        let title = if run.q.is_empty() { "Search" } else { &run.q };
        let page = layout(title, &run, view::results(&run, &results));
        Ok((HTML, page.into_string().into_bytes()))
    });
    match answer.await {
        Ok(answer) => respond(answer),
        Err(failure) => error_page(&state, failure),
    }
}

/// `/doc?id=…&q=…`: one record, its body with the query's matches marked.
pub(crate) async fn document(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let raw = query.unwrap_or_default();
    let state = match super::state::ApiState::parse(&raw) {
        Ok(state) => state,
        Err(error) => return error_page(&SearchState::default(), Failure::bad_request(error)),
    };
    let Some(id) = state.id.clone().filter(|id| !id.is_empty()) else {
        return Redirect::to("/").into_response();
    };
    let search = state.search;
    let shown_search = search.clone();
    let answer = app.answer("/doc", raw, move |engine| {
        let search = shown_search;
        let q = Some(search.q.as_str()).filter(|q| !q.trim().is_empty());
        let shown = engine.show(&id, q).map_err(Failure::of_show)?;
        let title = shown.record.title.as_deref().unwrap_or(&shown.record.id);
        let page = layout(title, &search, view::document(&search, &shown));
        Ok((HTML, page.into_string().into_bytes()))
    });
    match answer.await {
        Ok(answer) => respond(answer),
        Err(failure) => error_page(&search, failure),
    }
}

/// A page saying what went wrong; a bad query is shown with its caret.
fn error_page(state: &SearchState, failure: Failure) -> Response {
    let body = html! {
        main.error {
            @match failure.error.downcast_ref::<QueryError>() {
                Some(query) => pre.query-error role="alert" {
                    (crate::sanitize::for_terminal(&query.to_string(), true))
                },
                None => p role="alert" { (shown(&format!("{:#}", failure.error))) },
            }
        }
    };
    (failure.status, layout("Error", state, body)).into_response()
}

pub(crate) async fn not_found() -> Response {
    let body = html! { main.error { p role="alert" { "No such page." } } };
    (
        StatusCode::NOT_FOUND,
        layout("Not found", &SearchState::default(), body),
    )
        .into_response()
}

/// `/static/…`: the stylesheet and the script, compiled in.
pub(crate) async fn asset(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "app.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        _ => return not_found().await,
    };
    let mut response = ([(header::CONTENT_TYPE, kind)], body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=3600"),
    );
    response
}

#[derive(Deserialize)]
pub(crate) struct Login {
    token: String,
    #[serde(default)]
    next: Option<String>,
}

/// `/login`: the form asking for the token.
pub(crate) async fn login_form(RawQuery(query): RawQuery) -> Response {
    let next = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "next")
        .map(|(_, v)| v.into_owned());
    login_page(next.as_deref(), false, StatusCode::OK)
}

fn login_page(next: Option<&str>, wrong: bool, status: StatusCode) -> Response {
    let body = html! {
        main.login {
            form method="post" action="/login" {
                label for="token" { "Access token" }
                input #token type="password" name="token" autofocus required;
                input type="hidden" name="next" value=(guard::local_target(next));
                button type="submit" { "Open" }
                @if wrong { p.error role="alert" { "That token is not this server's." } }
            }
        }
    };
    (status, layout("Log in", &SearchState::default(), body)).into_response()
}

/// `POST /login`: sets the cookie when the token is right.
pub(crate) async fn login(State(app): State<App>, Form(login): Form<Login>) -> Response {
    let Some(token) = app.token.as_deref() else {
        return Redirect::to("/").into_response();
    };
    if !guard::same(&login.token, token) {
        return login_page(login.next.as_deref(), true, StatusCode::UNAUTHORIZED);
    }
    let mut response = Redirect::to(&guard::local_target(login.next.as_deref())).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&guard::login_cookie(token)) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}
