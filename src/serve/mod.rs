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

use crate::search::Engine;

mod api;
mod guard;
mod live;
mod pages;
mod state;
mod view;

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
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct App {
    live: Arc<live::Live>,
    token: Option<Arc<str>>,
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
}

impl App {
    /// Runs `work` on a view of the last commit, on the blocking pool, within
    /// [`REQUEST_TIME`]. Errors of the work itself are the caller's request's fault
    /// (a bad query, an unknown id): 400, or what `work` maps them to.
    pub(crate) async fn search<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Engine) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let live = Arc::clone(&self.live);
        let task = tokio::task::spawn_blocking(move || {
            let engine = live.engine().map_err(|error| Failure {
                status: StatusCode::SERVICE_UNAVAILABLE,
                error,
            })?;
            work(&engine)
        });
        match tokio::time::timeout(REQUEST_TIME, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => Err(Failure {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                error: anyhow::anyhow!("the search failed: {panic}"),
            }),
            Err(_) => Err(Failure {
                status: StatusCode::SERVICE_UNAVAILABLE,
                error: anyhow::anyhow!(
                    "the search took longer than {} s; narrow it",
                    REQUEST_TIME.as_secs()
                ),
            }),
        }
    }
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
    if config.token.as_deref().is_some_and(|t| t.len() < 8) {
        bail!("the token is too short to keep anyone out: use at least 8 characters");
    }
    let live = live::Live::open(&config.index, config.schema.as_deref())?;
    let app = App {
        live: Arc::new(live),
        token: config.token.as_deref().map(Arc::from),
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
