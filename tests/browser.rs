//! `dossier serve` in a real browser: headless Chromium driven through WebDriver
//! (Debian's `chromium` and `chromium-driver`). What a reporter does — type a name
//! in another spelling, tick facets, open a document, step through its matches, go
//! back — is checked against what `dossier search --json` says.
//!
//! Without chromedriver the tests are skipped, saying so, unless
//! `DOSSIER_REQUIRE_BROWSER` is set (`.ci/run` sets it after installing them), where
//! its absence fails them.

mod util;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use util::{dossier, index_into, serve_fixture, Server};

/// chromedriver and a Chromium session on it; both end when dropped.
struct Browser {
    driver: Child,
    client: Client,
    _profile: tempfile::TempDir,
}

const DRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

impl Browser {
    /// `None` (the test is skipped) when Chromium is not installed and not required.
    async fn start() -> Option<Browser> {
        if !Path::new(DRIVER).exists() || !Path::new(CHROMIUM).exists() {
            assert!(
                std::env::var_os("DOSSIER_REQUIRE_BROWSER").is_none(),
                "{DRIVER} and {CHROMIUM} are required (DOSSIER_REQUIRE_BROWSER) and absent"
            );
            eprintln!(
                "skipped: {DRIVER} or {CHROMIUM} not found (apt install chromium chromium-driver)"
            );
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver never listened"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().expect("a profile dir");
        // The flags that keep Chromium off the network (the machine has none) and out
        // of the sandbox (tests run as root in CI).
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"goog:chromeOptions": {"binary": CHROMIUM, "args": args}});
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Some(Browser {
            driver,
            client,
            _profile: profile,
        })
    }

    async fn text(&self, css: &str) -> String {
        // A page being replaced by the next one can hand back an element that is gone
        // before its text is read: look it up again until the deadline.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css))
                .await;
            let error = match found {
                Ok(element) => match element.text().await {
                    Ok(text) => return text,
                    Err(e) => e,
                },
                Err(e) => e,
            };
            if Instant::now() > deadline {
                panic!("{css}: {error}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the page's URL holds `query`: the search it asked for has loaded.
    async fn wait_for_query(&self, query: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.client.current_url().await.expect("url");
            if url.query() == Some(query) {
                return;
            }
            assert!(Instant::now() < deadline, "still at {url}, not ?{query}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks a link and waits until the page it leads to is the current one.
    async fn follow(&self, css: &str) {
        let before = self.client.current_url().await.expect("url");
        self.click(css).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.client.current_url().await.expect("url") == before {
            assert!(Instant::now() < deadline, "{css} led nowhere from {before}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn script(&self, code: &str) -> Value {
        self.client
            .execute(code, vec![])
            .await
            .expect("script runs")
    }

    /// The total the page shows.
    async fn total(&self) -> u64 {
        let text = self.text("#total strong").await;
        text.parse().unwrap_or_else(|_| panic!("total {text:?}"))
    }

    /// Every facet value the sidebar lists, with its count: `{facet: {value: count}}`.
    async fn sidebar(&self) -> Value {
        self.script(
            "const out = {};
             for (const s of document.querySelectorAll('section.facet')) {
               const values = {};
               for (const a of s.querySelectorAll('li a')) {
                 values[a.dataset.value] = Number(a.querySelector('.count').textContent);
               }
               out[s.dataset.facet] = values;
             }
             return out;",
        )
        .await
    }

    async fn stop(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A served fixture index, its server and its directory.
fn served() -> (tempfile::TempDir, PathBuf, Server) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = serve_fixture(dir.path());
    let server = Server::start(&index, &[]);
    (dir, index, server)
}

/// `dossier search ARGS --json` on `index`.
fn cli_search(index: &Path, args: &[String]) -> Value {
    let output = dossier()
        .arg("search")
        .args(args)
        .args(["--json", "--limit", "0", "--index"])
        .arg(index)
        .output()
        .expect("dossier search runs");
    serde_json::from_slice(&output.stdout).expect("search JSON")
}

/// The sidebar the page should show for this CLI answer: each facet's values, as
/// many as the page lists (100).
fn expected_sidebar(cli: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for (facet, values) in cli["facets"].as_object().expect("facets") {
        let values: serde_json::Map<String, Value> = values
            .as_array()
            .expect("values")
            .iter()
            .take(100)
            .map(|v| {
                (
                    v["value"].as_str().unwrap_or_default().to_string(),
                    v["count"].clone(),
                )
            })
            .collect();
        out.insert(facet.clone(), Value::Object(values));
    }
    Value::Object(out)
}

#[tokio::test]
async fn a_name_in_another_spelling_finds_the_documents() {
    let (_dir, index, server) = served();
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser
        .client
        .goto(&format!("{}/", server.url))
        .await
        .expect("goto");
    let q = browser
        .client
        .find(Locator::Css("#q"))
        .await
        .expect("query box");
    q.send_keys("Mamluk\u{E007}").await.expect("typing");
    browser.wait_for_query("q=Mamluk").await;
    let cli = cli_search(&index, &["Mamluk".into()]);
    assert!(cli["total"].as_u64() > Some(2));
    assert_eq!(
        browser.total().await,
        cli["total"].as_u64().unwrap_or_default()
    );
    let marked: Value = browser
        .script("return [...document.querySelectorAll('li.hit mark')].map(m => m.textContent)")
        .await;
    assert!(
        marked
            .as_array()
            .is_some_and(|m| m.iter().any(|t| t == "Mamlouk")),
        "the spelling the documents use is highlighted: {marked}"
    );
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(
        url.query(),
        Some("q=Mamluk"),
        "the URL states the search alone"
    );
    browser.stop().await;
}

#[tokio::test]
async fn ticking_facets_counts_as_the_cli_does() {
    let (_dir, index, server) = served();
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser
        .client
        .goto(&format!("{}/?q=syria", server.url))
        .await
        .expect("goto");
    let mut args = vec!["syria".to_string()];
    for facet in ["outlet", "outlet", "actor"] {
        // The first value of the facet not ticked yet.
        let css = format!("section[data-facet={facet}] li a[aria-checked=false]");
        let value = browser
            .client
            .find(Locator::Css(&css))
            .await
            .expect("an unticked value")
            .attr("data-value")
            .await
            .expect("attr")
            .expect("a value");
        browser.follow(&css).await;
        args.extend([format!("--{facet}"), value.clone()]);
        let cli = cli_search(
            &index,
            &[
                args.clone(),
                vec![
                    "--facets".into(),
                    "--facet".into(),
                    "actor".into(),
                    "--facet".into(),
                    "tag".into(),
                    "--facet".into(),
                    "place".into(),
                ],
            ]
            .concat(),
        );
        assert_eq!(
            browser.total().await,
            cli["total"].as_u64().unwrap_or_default(),
            "{args:?}"
        );
        assert_eq!(browser.sidebar().await, expected_sidebar(&cli), "{args:?}");
        let ticked =
            format!("section[data-facet={facet}] li a[aria-checked=true][data-value=\"{value}\"]");
        browser
            .client
            .find(Locator::Css(&ticked))
            .await
            .expect("the value shows ticked");
    }
    assert!(
        browser.total().await > 0,
        "the three filters leave something to see"
    );
    browser.stop().await;
}

#[tokio::test]
async fn a_document_opens_with_its_matches_marked_and_steps_through_them() {
    let (_dir, _index, server) = served();
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser
        .client
        .goto(&format!("{}/?q=mamluk&kind=cable", server.url))
        .await
        .expect("goto");
    browser.follow("li.hit a.title").await;
    let marks = browser
        .script("return document.querySelectorAll('pre.body mark').length")
        .await;
    let marks = marks.as_u64().expect("a count");
    assert!(marks > 1, "{marks} marks");
    assert_eq!(
        browser.text("#match-count").await,
        format!("{marks} matches")
    );
    browser.click("#next-match").await;
    browser.click("#next-match").await;
    assert_eq!(
        browser.text("#match-count").await,
        format!("match 2 of {marks}")
    );
    let current = browser
        .script("return document.querySelector('mark.current').id")
        .await;
    assert_eq!(current, "m2");
    let actor = browser.text("section.actors li a").await;
    browser.follow("section.actors li a").await;
    let url = browser.client.current_url().await.expect("url");
    assert!(
        url.query().is_some_and(|q| q.starts_with("actor=")),
        "{url}"
    );
    let ticked = browser
        .text("section[data-facet=actor] a[aria-checked=true] .value")
        .await;
    assert_eq!(ticked, actor);
    browser.stop().await;
}

#[tokio::test]
async fn a_hostile_document_runs_nothing() {
    let (_dir, _index, server) = served();
    let Some(browser) = Browser::start().await else {
        return;
    };
    for page in ["/?q=mamlouk", "/doc?id=hostile-1&q=mamlouk"] {
        browser
            .client
            .goto(&format!("{}{page}", server.url))
            .await
            .expect("goto");
        browser.text("main").await;
        // Hover and click everything the document supplied, then look for effects.
        let _ = browser.script("for (const e of document.querySelectorAll('main *')) { e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); }").await;
        let pwned = browser.script("return window.__pwned === undefined").await;
        assert_eq!(pwned, Value::Bool(true), "{page}: the document's code ran");
        let foreign = browser
            .script("return document.querySelectorAll('main img, main iframe, main svg [onload], main script, [onerror], [onmouseover]').length")
            .await;
        assert_eq!(
            foreign,
            json!(0),
            "{page}: the document's markup became elements"
        );
        let scripts = browser
            .script("return [...document.scripts].map(s => s.src)")
            .await;
        assert_eq!(
            scripts,
            json!([format!("{}/static/app.js", server.url)]),
            "{page}"
        );
    }
    let title = browser.script("return document.title").await;
    assert!(
        title.as_str().is_some_and(|t| t.starts_with("<img src=x")),
        "{title}"
    );
    let links = browser
        .script("return [...document.links].filter(a => a.protocol === 'javascript:').length")
        .await;
    assert_eq!(links, json!(0));
    browser.stop().await;
}

#[tokio::test]
async fn the_back_button_restores_the_previous_search() {
    let (_dir, _index, server) = served();
    let Some(browser) = Browser::start().await else {
        return;
    };
    let first = format!("{}/?q=syria&sort=-date", server.url);
    browser.client.goto(&first).await.expect("goto");
    let total = browser.total().await;
    let sidebar = browser.sidebar().await;
    browser
        .follow("section[data-facet=outlet] li a[aria-checked=false]")
        .await;
    assert!(browser.total().await < total);
    browser.follow("li.hit a.title").await;
    browser.text("pre.body").await;
    browser.client.back().await.expect("back");
    browser.client.back().await.expect("back");
    assert_eq!(
        browser.client.current_url().await.expect("url").as_str(),
        first
    );
    assert_eq!(browser.total().await, total);
    assert_eq!(browser.sidebar().await, sidebar);
    let q = browser
        .script(
            "return [document.querySelector('#q').value, document.querySelector('#sort').value]",
        )
        .await;
    assert_eq!(q, json!(["syria", "-date"]));
    // The README's screenshot, taken by this browser: `DOSSIER_SCREENSHOT=PATH`.
    // It shows the sample corpus the README's first command indexes.
    if let Some(path) = std::env::var_os("DOSSIER_SCREENSHOT") {
        let index = _dir.path().join("sample");
        index_into(
            &index,
            &[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus")],
        );
        let sample = Server::start(&index, &[]);
        browser
            .client
            .goto(&format!("{}/?q=mamluk&sort=-date", sample.url))
            .await
            .expect("goto");
        browser.text("#total").await;
        let png = browser.client.screenshot().await.expect("a screenshot");
        std::fs::write(&path, png).expect("the screenshot is written");
    }
    browser.stop().await;
}
