//! Parse throughput per document format: bytes/s through `Parser::parse_bytes`, which
//! includes decoding, format sniffing, the format's reader and every extractor.

mod support;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

use dossier::parse::Parser;
use support::corpus::{Format, Generator, Vocabulary};

/// Documents per format: enough to cover the size distribution's spread, few enough
/// for a bench that finishes in seconds.
const DOCS: u64 = 100;

fn parse(c: &mut Criterion) {
    let catalog = dossier::Catalog::builtin().expect("built-in catalog loads");
    let parser = Parser::new(&catalog).expect("parser builds from the built-in catalog");
    let generator = Generator::new(
        1,
        Vocabulary::load(support::shared_corpus().as_deref(), 200),
    );
    let mut group = c.benchmark_group("parse");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for format in Format::ALL {
        let docs: Vec<(String, Vec<u8>)> = if format == Format::CableCsv {
            // The dump is one file of many rows: parse it whole, as `index` does.
            let rows = (0..DOCS)
                .flat_map(|i| generator.document_as(i, format).bytes)
                .collect();
            vec![("cables.csv".to_string(), rows)]
        } else {
            (0..DOCS)
                .map(|i| {
                    let d = generator.document_as(i, format);
                    (d.rel_path, d.bytes)
                })
                .collect()
        };
        let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format.name()),
            &docs,
            |b, docs| {
                b.iter(|| {
                    let mut records = 0usize;
                    for (path, bytes) in docs {
                        let _ = parser.parse_bytes(bytes, path, &mut |r| {
                            records += 1;
                            black_box(r);
                        });
                    }
                    records
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
