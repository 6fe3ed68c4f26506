//! Indexing throughput: bytes/s of a generated corpus through `dossier::index::index`,
//! parsing, extraction and the Tantivy writer included, on every core.

mod support;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use dossier::index::{IndexOptions, Silent};
use support::corpus::{Generator, Vocabulary};

/// Small enough that one full build takes about a second, so ten samples stay short.
const DOCS: u64 = 300;

fn index(c: &mut Criterion) {
    let catalog = dossier::Catalog::builtin().expect("built-in catalog loads");
    let generator = Generator::new(
        1,
        Vocabulary::load(support::shared_corpus().as_deref(), 200),
    );
    let tmp = tempfile::tempdir().expect("temporary directory");
    let corpus = tmp.path().join("corpus");
    let bytes = support::write_corpus(&generator, DOCS, &corpus).expect("corpus written");
    let mut group = c.benchmark_group("index");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(bytes));
    let stop = AtomicBool::new(false);
    let options = |dir: &str, rebuild: bool| IndexOptions {
        dir: tmp.path().join(dir),
        roots: vec![corpus.clone()],
        jobs: None,
        memory_mb: 256,
        rebuild,
    };
    group.bench_function("full_build", |b| {
        b.iter(|| {
            dossier::index::index(&options("full", true), &catalog, &Silent, &stop)
                .expect("index builds")
        })
    });
    // Unchanged files cost a stat: the figure DESIGN bounds at 5% of a full build.
    let incremental = options("incremental", false);
    dossier::index::index(&incremental, &catalog, &Silent, &stop).expect("index builds");
    group.bench_function("reindex_unchanged", |b| {
        b.iter(|| {
            dossier::index::index(&incremental, &catalog, &Silent, &stop).expect("index updates")
        })
    });
    group.finish();
}

criterion_group!(benches, index);
criterion_main!(benches);
