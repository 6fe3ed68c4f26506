//! `dossier serve` over HTTP: the JSON API against the CLI's JSON, the pages'
//! escaping and headers, the token, the bounds on a request, and an index that
//! changes under a running server. (The browser's side is tests/browser.rs.)

mod util;

use std::path::Path;

use serde_json::Value;
use util::{dossier, index_into, serve_fixture as index, Server};

/// What a request got back.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn reply(result: Result<ureq::Response, ureq::Error>) -> Reply {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(e) => panic!("request failed: {e}"),
    };
    let headers = response
        .headers_names()
        .into_iter()
        .filter_map(|n| Some((n.clone(), response.header(&n)?.to_string())))
        .collect();
    Reply {
        status: response.status(),
        headers,
        body: response.into_string().expect("body"),
    }
}

/// No redirects followed: a redirect is an answer these tests look at.
fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().redirects(0).build()
}

fn get(url: &str) -> Reply {
    reply(agent().get(url).call())
}

/// `dossier ARGS --json` on `index`, parsed.
fn cli_json(index: &Path, args: &[&str]) -> Value {
    let output = dossier()
        .args(args)
        .arg("--json")
        .arg("--index")
        .arg(index)
        .output()
        .expect("dossier runs");
    serde_json::from_slice(&output.stdout).expect("CLI JSON")
}

fn without_took(mut value: Value) -> Value {
    if let Some(map) = value.as_object_mut() {
        map.remove("took_ms");
    }
    value
}

#[test]
fn the_api_answers_what_the_cli_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let server = Server::start(&index, &[]);
    let cases: [(&str, &[&str]); 4] = [
        ("q=mamluk&facets=1", &["search", "mamluk", "--facets"]),
        (
            "q=syria&outlet=Middle+East+Eye&outlet=Embassy+Damascus&actor=Ali+Mamlouk&facets=1&facet=actor&limit=3",
            &[
                "search", "syria", "--outlet", "Middle East Eye", "--outlet", "Embassy Damascus",
                "--actor", "Ali Mamlouk", "--facets", "--facet", "actor", "--limit", "3",
            ],
        ),
        (
            "q=*&sort=-date&since=2010&until=2019-06&limit=4&offset=2",
            &["search", "*", "--sort=-date", "--since", "2010", "--until", "2019-06", "--limit", "4", "--offset", "2"],
        ),
        ("q=security+-mamlouk&kind=cable&facet=tag", &["search", "security -mamlouk", "--kind", "cable", "--facet", "tag"]),
    ];
    for (url, args) in cases {
        let api = get(&format!("{}/api/search?{url}", server.url));
        assert_eq!(api.status, 200, "{url}: {}", api.body);
        assert_eq!(api.header("content-type"), Some("application/json"));
        let expected = without_took(cli_json(&index, args));
        assert!(
            expected["total"].as_u64() > Some(0),
            "{url}: the case finds nothing"
        );
        assert_eq!(without_took(api.json()), expected, "{url}");
    }
    let facets = get(&format!(
        "{}/api/facets?field=place&q=mamlouk&kind=article",
        server.url
    ));
    assert_eq!(
        facets.json(),
        cli_json(
            &index,
            &["facets", "place", "--query", "mamlouk", "--kind", "article"]
        )
    );
    let shown = get(&format!(
        "{}/api/show?id=10DAMASCUS159&q=mamluk",
        server.url
    ));
    assert_eq!(
        shown.json(),
        cli_json(&index, &["show", "10DAMASCUS159", "--query", "mamluk"])
    );
    assert!(shown.json()["html"]
        .as_str()
        .unwrap_or_default()
        .contains("<mark>"));
}

#[test]
fn bad_requests_say_what_is_wrong_and_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let server = Server::start(&index, &[]);
    let bad = get(&format!("{}/api/search?q=mamlouk+AND+(", server.url));
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["column"], 14, "{}", bad.body);
    let page = get(&format!("{}/?q=mamlouk+AND+(", server.url));
    assert_eq!(page.status, 400);
    assert!(
        page.body.contains("bad query at column 14"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("mamlouk AND (\n"),
        "the caret is under the query: {}",
        page.body
    );
    for (url, status, says) in [
        ("/api/show?id=NO-SUCH-ID", 404, "no document"),
        ("/api/search?page=two", 400, "page"),
        ("/api/search?offset=20000", 400, "deep"),
        ("/api/search?limit=5000", 400, "limit"),
        ("/api/facets?field=colour", 400, "not a facet"),
        ("/api/search?outlet=Nowhere+Gazette", 400, "Nowhere Gazette"),
        ("/no/such/page", 404, "No such page"),
        ("/static/../Cargo.toml", 404, ""),
    ] {
        let got = get(&format!("{}{url}", server.url));
        assert_eq!(got.status, status, "{url}: {}", got.body);
        assert!(got.body.contains(says), "{url}: {}", got.body);
    }
    let long = format!("{}/?q={}", server.url, "a".repeat(1_200));
    assert_eq!(get(&long).status, 400);
    let huge = format!("{}/?q={}", server.url, "a".repeat(9_000));
    assert_eq!(get(&huge).status, 414);
    let post = reply(
        agent()
            .post(&format!("{}/api/search", server.url))
            .send_string("x"),
    );
    assert_eq!(post.status, 405);
}

#[test]
fn hostile_documents_are_shown_as_text_and_every_answer_carries_the_policy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let server = Server::start(&index, &[]);
    let results = get(&format!("{}/?q=mamlouk", server.url));
    let page = get(&format!("{}/doc?id=hostile-1&q=mamlouk", server.url));
    for reply in [&results, &page] {
        assert_eq!(reply.status, 200);
        let csp = reply.header("content-security-policy").expect("a CSP");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        let body = &reply.body;
        for live in [
            "<script>window",
            "<img",
            "<b onmouseover",
            "<svg onload",
            "<iframe",
            "href=\"javascript:",
        ] {
            assert!(!body.contains(live), "{live:?} reached the page as markup");
        }
        assert!(
            !body.contains('\u{202e}') && !body.contains('\u{1b}'),
            "a bidi override or escape reached the page"
        );
    }
    assert!(
        results
            .body
            .contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"),
        "the title is shown as text"
    );
    assert!(
        page.body
            .contains("&lt;script&gt;window.__pwned=5&lt;/script&gt;"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("\\u{202e}gnirts desrever"),
        "the override is shown, not obeyed"
    );
    assert!(
        page.body.contains("javascript:window.__pwned=4"),
        "the URL is shown as text"
    );
    assert!(
        page.body.contains("<mark id=\"m1\">Mamlouk</mark>"),
        "{}",
        page.body
    );
    let script = get(&format!("{}/static/app.js", server.url));
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
}

#[test]
fn a_token_guards_everything_but_the_login_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    dossier()
        .args(["serve", "--bind", "0.0.0.0:0", "--index"])
        .arg(&index)
        .env_remove("DOSSIER_TOKEN")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--token"));
    for (bad, says) in [
        ("short", "at least 8"),
        ("has spaces; and=semicolons", "letters, digits"),
    ] {
        dossier()
            .args(["serve", "--bind", "127.0.0.1:0", "--token", bad, "--index"])
            .arg(&index)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
    let token = "correct-horse-battery";
    let server = Server::start(&index, &["--token", token]);
    let denied = get(&format!("{}/api/search?q=mamlouk", server.url));
    assert_eq!(denied.status, 401);
    assert!(denied
        .header("www-authenticate")
        .is_some_and(|v| v.starts_with("Bearer")));
    let wrong = reply(
        agent()
            .get(&format!("{}/api/search?q=mamlouk", server.url))
            .set("Authorization", "Bearer correct-horse-batterx")
            .call(),
    );
    assert_eq!(wrong.status, 401);
    let allowed = reply(
        agent()
            .get(&format!("{}/api/search?q=mamlouk", server.url))
            .set("Authorization", &format!("Bearer {token}"))
            .call(),
    );
    assert_eq!(allowed.status, 200);
    let page = get(&format!("{}/?q=mamlouk", server.url));
    assert_eq!(page.status, 303);
    assert_eq!(
        page.header("location"),
        Some("/login?next=%2F%3Fq%3Dmamlouk")
    );
    let login = |given: &str| {
        reply(
            agent()
                .post(&format!("{}/login", server.url))
                .send_form(&[("token", given), ("next", "/?q=mamlouk")]),
        )
    };
    assert_eq!(login("guess").status, 401);
    let ok = login(token);
    assert_eq!(ok.status, 303);
    assert_eq!(ok.header("location"), Some("/?q=mamlouk"));
    let cookie = ok.header("set-cookie").expect("a cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let with_cookie = reply(
        agent()
            .get(&format!("{}/?q=mamlouk", server.url))
            .set("Cookie", cookie.split(';').next().unwrap_or_default())
            .call(),
    );
    assert_eq!(with_cookie.status, 200);
    assert!(with_cookie.body.contains("Mamlouk"));
}

#[test]
fn a_running_server_answers_from_each_new_commit_and_never_fails_during_a_rebuild() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let index = dir.path().join("index");
    index_into(&index, &[data.join("corpus")]);
    let server = Server::start(&index, &[]);
    let total = || {
        let reply = get(&format!("{}/api/search?q=*", server.url));
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()["total"].as_u64().expect("a total")
    };
    let before = total();
    // An incremental commit into the live generation.
    index_into(&index, &[data.join("corpus"), data.join("search")]);
    let after = total();
    assert!(
        after > before,
        "{before} then {after}: the new commit is not seen"
    );
    // Rebuilds swap generations while searches keep coming.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let searched = std::thread::scope(|scope| {
        let searcher = scope.spawn(|| {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let reply = get(&format!("{}/?q=mamlouk", server.url));
                assert_eq!(
                    reply.status, 200,
                    "a search during a rebuild: {}",
                    reply.body
                );
                n += 1;
            }
            n
        });
        for _ in 0..3 {
            dossier()
                .args(["index", "--rebuild"])
                .arg(data.join("corpus"))
                .arg("--index")
                .arg(&index)
                .assert()
                .success();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        searcher.join().expect("the searching thread")
    });
    assert!(searched > 0);
    assert_eq!(total(), before, "the rebuilt index holds the corpus alone");
}

#[test]
fn the_strip_over_the_hits_counts_what_dossier_timeline_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = index(dir.path());
    let server = Server::start(&index, &[]);
    let bars = |body: &str| -> Vec<(String, u64)> {
        let mut out = Vec::new();
        for piece in body.split("<title>").skip(2) {
            let Some((title, _)) = piece.split_once("</title>") else {
                continue;
            };
            let Some((period, count)) = title.split_once(": ") else {
                continue;
            };
            out.push((period.to_string(), count.parse().expect("a count")));
        }
        out
    };
    for (url, args) in [
        ("q=syria", vec!["timeline", "syria", "--by", "year"]),
        (
            "q=*&kind=article",
            vec!["timeline", "*", "--kind", "article", "--by", "year"],
        ),
        (
            "q=mamlouk&since=2018&until=2018",
            vec![
                "timeline", "mamlouk", "--since", "2018", "--until", "2018", "--by", "month",
            ],
        ),
    ] {
        let page = get(&format!("{}/?{url}", server.url));
        assert_eq!(page.status, 200, "{url}");
        let cli = cli_json(&index, &args);
        let expected: Vec<(String, u64)> = cli["bars"]
            .as_array()
            .expect("bars")
            .iter()
            .map(|b| {
                (
                    b["period"].as_str().unwrap_or_default().to_string(),
                    b["count"].as_u64().unwrap_or_default(),
                )
            })
            .collect();
        assert!(!expected.is_empty(), "{url}");
        assert_eq!(bars(&page.body), expected, "{url}");
        let undated = cli["undated"].as_u64().unwrap_or_default();
        assert_eq!(
            page.body
                .contains(&format!("<span>{undated} undated</span>")),
            undated > 0,
            "{url}"
        );
    }
}

#[test]
fn pages_of_the_search_page_are_the_cli_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).expect("docs dir");
    for n in 0..47 {
        let record = serde_json::json!({
            "id": format!("paging-{n:02}"),
            "title": format!("Border talks, round {n}"),
            "date": format!("2015-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
            "body": format!("Officials met for border talks, round {n}, {}", "border ".repeat(n % 5)),
        });
        std::fs::write(docs.join(format!("{n:02}.json")), record.to_string()).expect("write");
    }
    let index = dir.path().join("index");
    index_into(&index, &[&docs]);
    let server = Server::start(&index, &[]);
    let ids = |body: &str| -> Vec<String> {
        body.split("<span class=\"id\">")
            .skip(1)
            .filter_map(|piece| Some(piece.split_once("</span>")?.0.to_string()))
            .collect()
    };
    for (sort, flag) in [("", "--sort=relevance"), ("&sort=-date", "--sort=-date")] {
        let mut seen = Vec::new();
        for page in 1..=3 {
            let reply = get(&format!("{}/?q=border{sort}&page={page}", server.url));
            let reply = if reply.status == 303 {
                get(&format!(
                    "{}{}",
                    server.url,
                    reply.header("location").unwrap_or("/")
                ))
            } else {
                reply
            };
            assert_eq!(reply.status, 200);
            let offset = ((page - 1) * 20).to_string();
            let cli = cli_json(
                &index,
                &[
                    "search", "border", flag, "--limit", "20", "--offset", &offset,
                ],
            );
            let expected: Vec<String> = cli["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .map(|h| h["id"].as_str().unwrap_or_default().to_string())
                .collect();
            assert_eq!(ids(&reply.body), expected, "page {page}{sort}");
            assert_eq!(reply.body.contains("rel=\"next\""), page < 3, "page {page}");
            assert!(
                reply.body.contains(&format!("page {page} of 3")),
                "page {page}"
            );
            seen.extend(expected);
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 47, "the pages cover every hit once{sort}");
    }
}
