//! `/api/`: the CLI's JSON over HTTP, written by the same printers, so that the
//! page, a script and `dossier search --json` read one shape.
//!
//! | route | CLI |
//! |---|---|
//! | `/api/search?q=…&outlet=…&facets=1&facet=tag&limit=&offset=&sort=` | `dossier search --json` |
//! | `/api/facets?field=outlet&q=…&limit=` | `dossier facets FIELD --json` |
//! | `/api/show?id=…&q=…` | `dossier show ID --json` |
//! | `/api/timeline?q=…&by=month&split=outlet` | `dossier timeline --json` |
//!
//! A bad request is `400` with `{"error", "column", "hint"}` (the column of a bad
//! query, 1-based, as the CLI's caret shows it); an unknown id is `404`.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::state::ApiState;
use super::{respond, App, Failure, JSON};
use crate::index::facet;
use crate::output::json;
use crate::search::error::QueryError;
use crate::search::timeline::Period;

pub(crate) async fn search(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, "/api/search", query, |state, engine| {
        let request = state.request(facet::requested(state.facets, &state.facet));
        let response = engine.search(&request).map_err(Failure::bad_request)?;
        let mut out = Vec::new();
        json::write_response(&mut out, &response, std::iter::empty(), false).map_err(internal)?;
        Ok(out)
    })
    .await
}

pub(crate) async fn facets(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, "/api/facets", query, |state, engine| {
        let Some(field) = &state.field else {
            return Err(Failure::bad_request(anyhow::anyhow!(
                "give the facet: /api/facets?field=outlet (facets: {})",
                facet::listed()
            )));
        };
        let search = &state.search;
        let limit = state.limit.unwrap_or(0);
        let values = engine
            .facet(field, search.query(), &search.filters(), limit)
            .map_err(Failure::bad_request)?;
        let mut out = Vec::new();
        json::write_facet(&mut out, &values).map_err(|e| internal(e.into()))?;
        Ok(out)
    })
    .await
}

pub(crate) async fn show(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, "/api/show", query, |state, engine| {
        let Some(id) = state.id.as_deref().filter(|id| !id.is_empty()) else {
            return Err(Failure::bad_request(anyhow::anyhow!(
                "give the record: /api/show?id=10DAMASCUS159"
            )));
        };
        let q = Some(state.search.q.as_str()).filter(|q| !q.trim().is_empty());
        let shown = engine.show(id, q).map_err(Failure::of_show)?;
        let mut out = Vec::new();
        json::write_shown(&mut out, &shown).map_err(|e| internal(e.into()))?;
        Ok(out)
    })
    .await
}

pub(crate) async fn timeline(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, "/api/timeline", query, |state, engine| {
        let by = match state.by.as_deref().unwrap_or("month") {
            "year" => Period::Year,
            "month" => Period::Month,
            "week" => Period::Week,
            "day" => Period::Day,
            other => {
                return Err(Failure::bad_request(anyhow::anyhow!(
                    "by={other:?}: bars are by year, month, week or day"
                )))
            }
        };
        let search = &state.search;
        let (timeline, _) = engine
            .timeline(
                search.query(),
                &search.filters(),
                by,
                state.split.as_deref(),
            )
            .map_err(Failure::bad_request)?;
        let mut out = Vec::new();
        crate::output::timeline::write_json(&mut out, &timeline).map_err(|e| internal(e.into()))?;
        Ok(out)
    })
    .await
}

/// Parses the URL, runs `work` on the index (or finds its answer kept) and answers
/// with its JSON or the error.
async fn answer(
    app: &App,
    route: &'static str,
    query: Option<String>,
    work: impl FnOnce(&ApiState, &crate::search::Engine) -> Result<Vec<u8>, Failure> + Send + 'static,
) -> Response {
    let query = query.unwrap_or_default();
    let state = match ApiState::parse(&query) {
        Ok(state) => state,
        Err(error) => return failed(Failure::bad_request(error)),
    };
    let answer = app.answer(route, query, move |engine| {
        Ok((JSON, work(&state, engine)?))
    });
    match answer.await {
        Ok(answer) => respond(answer),
        Err(failure) => failed(failure),
    }
}

/// `{"error", "column", "hint"}` with the failure's status.
pub(crate) fn failed(failure: Failure) -> Response {
    let body = match failure.error.downcast_ref::<QueryError>() {
        Some(query) => json!({
            "error": format!("bad query at column {}: {}", query.column, query.message),
            "column": query.column,
            "hint": query.hint,
        }),
        None => json!({"error": format!("{:#}", failure.error)}),
    };
    (failure.status, axum::Json(body)).into_response()
}

fn internal(error: anyhow::Error) -> Failure {
    Failure {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        error,
    }
}
