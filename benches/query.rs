//! Query latency per query type on a built index, through the library's `Engine` (the
//! process start-up and printing are measured end to end by `benches/compare.sh`).

mod support;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use dossier::index::{IndexOptions, Silent};
use dossier::search::{Engine, Filters, Request, Sort};
use support::corpus::{Generator, Vocabulary};

const DOCS: u64 = 2000;

/// One request per query type of issue 5.
fn requests() -> Vec<(&'static str, Request)> {
    let plain = |q: &str| Request {
        query: q.into(),
        ..Request::default()
    };
    let facets: Vec<String> = ["outlet", "actor", "classification", "kind", "year"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    vec![
        ("term", plain("torture")),
        ("phrase", plain("\"security cooperation\"")),
        ("boolean", plain("(torture OR sanctions) AND NOT regime")),
        ("prefix", plain("intellig*")),
        ("variant_spelling", plain("Mamluk")),
        (
            "filtered",
            Request {
                query: "torture".into(),
                filters: Filters {
                    kind: vec!["cable".into()],
                    classification: vec!["SECRET".into()],
                    since: Some("2006".into()),
                    ..Filters::default()
                },
                ..Request::default()
            },
        ),
        (
            "faceted",
            Request {
                query: "torture".into(),
                facets,
                ..Request::default()
            },
        ),
        (
            "date_sorted",
            Request {
                query: "torture".into(),
                sort: Sort::DateDesc,
                ..Request::default()
            },
        ),
    ]
}

fn query(c: &mut Criterion) {
    let catalog = dossier::Catalog::builtin().expect("built-in catalog loads");
    let generator = Generator::new(
        1,
        Vocabulary::load(support::shared_corpus().as_deref(), 200),
    );
    let tmp = tempfile::tempdir().expect("temporary directory");
    let corpus = tmp.path().join("corpus");
    support::write_corpus(&generator, DOCS, &corpus).expect("corpus written");
    let options = IndexOptions {
        dir: tmp.path().join("index"),
        roots: vec![corpus],
        jobs: None,
        memory_mb: 256,
        rebuild: true,
    };
    dossier::index::index(&options, &catalog, &Silent, &AtomicBool::new(false))
        .expect("index builds");
    let engine = Engine::open(&options.dir, catalog).expect("index opens");
    let mut group = c.benchmark_group("query");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for (name, request) in requests() {
        group.bench_with_input(BenchmarkId::from_parameter(name), &request, |b, request| {
            b.iter(|| engine.search(request).expect("query runs").total)
        });
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
