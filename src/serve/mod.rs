//! `dossier serve`: the index in a browser, and the CLI's JSON over HTTP.
//!
//! One process, no server to install: pages are rendered on the server from
//! compiled templates (maud, which escapes every value it is given), the stylesheet
//! and the one small script are compiled into the binary, and the JSON API under
//! `/api/` is written by the same printers as `dossier search --json`.
//!
//! Searching is blocking work on memory-mapped files, so it runs on Tokio's blocking
//! pool, each request bounded in time; the async side only routes and writes.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

use self::cache::{Answer, Answers};
use crate::search::Engine;

mod api;
mod cache;
mod guard;
mod live;
mod pages;
mod state;
mod view;

/// Content types of the answers.
pub(crate) const HTML: &str = "text/html; charset=utf-8";
pub(crate) const JSON: &str = "application/json";

/// Time one request may search for before it is answered with 503.
const REQUEST_TIME: Duration = Duration::from_secs(10);

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    pub index: PathBuf,
    pub schema: Option<PathBuf>,
    pub bind: SocketAddr,
    /// Required of every request when set: a bearer token or the login cookie.
    pub token: Option<String>,
    /// Bytes of finished answers kept for repeated requests (0: none).
    pub cache: usize,
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct App {
    live: Arc<live::Live>,
    token: Option<Arc<str>>,
    answers: Arc<Answers>,
    /// One search per core at a time, the others queued in arrival order: more
    /// threads than cores only share the cores and spread the latencies.
    gate: Arc<tokio::sync::Semaphore>,
}

/// Why a request could not be answered, and the status that says so.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: StatusCode,
    pub error: anyhow::Error,
}

impl Failure {
    pub(crate) fn bad_request(error: anyhow::Error) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            error,
        }
    }

    /// A failed `show`: a bad query is the request's fault, anything else means
    /// there is no such document.
    pub(crate) fn of_show(error: anyhow::Error) -> Failure {
        let query = error
            .downcast_ref::<crate::search::error::QueryError>()
            .is_some();
        Failure {
            status: if query {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::NOT_FOUND
            },
            error,
        }
    }
}

impl App {
    /// Runs `work` on a view of the last commit, on the blocking pool, within
    /// [`REQUEST_TIME`] (the wait for a core included). Errors of the work itself
    /// are the request's fault (a bad query, an unknown id): 400, or what `work`
    /// maps them to.
    pub(crate) async fn search<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Engine, u64) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let live = Arc::clone(&self.live);
        let gate = Arc::clone(&self.gate);
        let run = async move {
            let permit = gate.acquire_owned().await.map_err(|e| Failure {
                status: StatusCode::SERVICE_UNAVAILABLE,
                error: e.into(),
            })?;
            tokio::task::spawn_blocking(move || {
                // Held until the search ends, even when its request has timed out:
                // a search the client no longer waits for still has the core.
                let _permit = permit;
                let (engine, view) = live.engine().map_err(|error| Failure {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    error,
                })?;
                work(&engine, view)
            })
            .await
            .map_err(|panic| Failure {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                error: anyhow::anyhow!("the search failed: {panic}"),
            })?
        };
        match tokio::time::timeout(REQUEST_TIME, run).await {
            Ok(result) => result,
            Err(_) => Err(Failure {
                status: StatusCode::SERVICE_UNAVAILABLE,
                error: anyhow::anyhow!(
                    "the search took longer than {} s; narrow it",
                    REQUEST_TIME.as_secs()
                ),
            }),
        }
    }

    /// The answer of `route` to `query`: kept from an earlier request on the same
    /// index view, else made by `work` (a body and its content type) and kept.
    pub(crate) async fn answer(
        &self,
        route: &'static str,
        query: String,
        work: impl FnOnce(&Engine) -> Result<(&'static str, Vec<u8>), Failure> + Send + 'static,
    ) -> Result<Answer, Failure> {
        let answers = Arc::clone(&self.answers);
        self.search(move |engine, view| {
            let key = Answers::key(view, route, &query);
            if let Some(kept) = answers.get(&key) {
                return Ok(kept);
            }
            let (kind, body) = work(engine)?;
            let answer: Answer = (kind, body.into());
            answers.keep(key, &answer);
            Ok(answer)
        })
        .await
    }
}

/// An answer as an HTTP response.
pub(crate) fn respond(answer: Answer) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (kind, body) = answer;
    ([(axum::http::header::CONTENT_TYPE, kind)], body).into_response()
}

/// The routes, behind the guard.
fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/doc", get(pages::document))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/static/{file}", get(pages::asset))
        .route("/api/search", get(api::search))
        .route("/api/facets", get(api::facets))
        .route("/api/show", get(api::show))
        .route("/api/timeline", get(api::timeline))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .layer(DefaultBodyLimit::max(guard::MAX_BODY))
        .with_state(app)
}

/// Serves until Ctrl-C or SIGTERM. `on_ready` is told the address bound (the port
/// chosen when `bind` asked for port 0).
pub fn serve(config: Config, on_ready: impl FnOnce(SocketAddr)) -> Result<()> {
    if !config.bind.ip().is_loopback() && config.token.is_none() {
        bail!(
            "{} is reachable from other machines: give --token (or DOSSIER_TOKEN) so that \
             only those who have it can read the index, or bind to 127.0.0.1",
            config.bind
        );
    }
    if let Some(token) = config.token.as_deref() {
        if token.len() < 8 {
            bail!("the token is too short to keep anyone out: use at least 8 characters");
        }
        // It travels in a header and a cookie: letters, digits and `-._~+/=` only.
        if !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b))
        {
            bail!("the token may hold only letters, digits and -._~+/= (it is sent in a cookie)");
        }
    }
    let live = live::Live::open(&config.index, config.schema.as_deref())?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let app = App {
        live: Arc::new(live),
        token: config.token.as_deref().map(Arc::from),
        answers: Arc::new(Answers::new(config.cache)),
        gate: Arc::new(tokio::sync::Semaphore::new(cores)),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        on_ready(listener.local_addr()?);
        axum::serve(listener, router(app))
            .with_graceful_shutdown(stopped())
            .await
            .context("the server stopped")
    })
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}
