//! `dossier index PATH...`: build or update the index, and report what changed.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::{exit, IndexLocation, SchemaLocation};
use crate::index::writer::DEFAULT_MEMORY_MB;
use crate::index::{IndexOptions, IndexReport, Observer};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index (with --records: record NDJSON files)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read PATHs as records, not documents: the NDJSON `dossier parse --json --body`
    /// prints (gzip when .gz, - for standard input). Nothing is extracted again; the
    /// records are the whole collection (those no longer listed are removed)
    #[arg(long)]
    pub records: bool,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    /// Parser threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Memory budget in MB: half for Tantivy's writer (at least 15 MB per thread), a
    /// sixteenth for documents waiting for it, the rest for parsers and caches
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MEMORY_MB)]
    pub memory: usize,
    /// Build a fresh index and make it live atomically when complete
    #[arg(long)]
    pub rebuild: bool,
    /// Show progress even when stderr is not a terminal
    #[arg(long)]
    pub progress: bool,
    /// Print a JSON summary when done
    #[arg(long)]
    pub json: bool,
}

/// Makes glibc map every block of 128 KiB or more on its own and unmap it when freed.
/// glibc raises that threshold as large blocks are freed, after which Tantivy's
/// arena pages and the documents in flight come from heaps it never gives back: a
/// 100k-document build then peaked at 1.1 GB instead of 0.8. (mimalloc held less,
/// but its page faults cost a search a third more system time.)
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; any value is valid to pass.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Hands the heap freed by the indexing threads back to the system before the final
/// merge maps every segment: the two would otherwise add up in the peak RSS.
fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Set by Ctrl-C; the indexer stops between files and commits nothing.
static STOP: AtomicBool = AtomicBool::new(false);

pub fn run(args: IndexArgs) -> Result<ExitCode> {
    return_large_blocks_to_the_system();
    let catalog = args.schema.catalog()?;
    let options = IndexOptions {
        dir: args.location.dir(),
        roots: args.paths.clone(),
        jobs: args.jobs.filter(|&n| n > 0),
        memory_mb: args.memory,
        rebuild: args.rebuild,
    };
    // A second Ctrl-C exits at once: killing the process never damages the index.
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let progress = Progress::new(args.progress);
    let report = if args.records {
        crate::index::records::index_records(&options, &args.paths, &catalog, &progress, &STOP)
    } else {
        crate::index::index(&options, &catalog, &progress, &STOP)
    };
    progress.clear();
    let report = report?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print_summary(&report);
    }
    Ok(ExitCode::from(if report.failed.is_empty() {
        exit::OK
    } else {
        exit::PARTIAL
    }))
}

fn print_summary(report: &IndexReport) {
    for failed in &report.failed {
        super::warn(format_args!("{}: {}", failed.path, failed.error));
    }
    if report.files_rechecked > 0 {
        eprintln!(
            "checked {} files against the actors.toml edit: it cannot change their records, kept",
            report.files_rechecked
        );
    }
    if report.files_reextracted > 0 {
        eprintln!(
            "re-extracted {} files: the schema files or dossier changed since they were indexed",
            report.files_reextracted
        );
    }
    let secs = report.took_ms as f64 / 1000.0;
    let written = report.added + report.updated;
    let rate = if secs > 0.0 {
        written as f64 / secs
    } else {
        0.0
    };
    eprintln!(
        "{}: {} added, {} updated, {} removed, {} unchanged, {} failed; {} documents in {:.1}s ({:.0} docs/s)",
        if report.rebuilt { "rebuilt" } else { "indexed" },
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.failed.len(),
        report.total_docs,
        secs,
        rate
    );
}

/// A bar with rate and ETA on a terminal; plain lines with `--progress` on a pipe;
/// nothing otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    lines: bool,
    total: AtomicU64,
    done: AtomicU64,
}

impl Progress {
    fn new(forced: bool) -> Progress {
        let tty = std::io::stderr().is_terminal();
        let bar = tty.then(|| {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files  {per_sec}  ETA {eta}  {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            lines: forced && !tty,
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn found(&self) {
        if let Some(bar) = &self.bar {
            bar.inc_length(1);
        }
    }

    fn start(&self, files: u64) {
        self.total.store(files, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(files);
        }
        if self.lines {
            eprintln!("indexing {files} files");
        }
    }

    fn file_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        let total = self.total.load(Ordering::Relaxed);
        // About twenty lines per run, whatever its size.
        // Lines start once the walk has counted the files.
        if self.lines && total > 0 && (done == total || done % (total / 20).max(1) == 0) {
            eprintln!("{done}/{total} files");
        }
    }

    fn committing(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message("committing");
        }
        if self.lines {
            eprintln!("committing");
        }
    }

    fn merging(&self) {
        trim_heap();
        if let Some(bar) = &self.bar {
            bar.set_message("merging");
        }
        if self.lines {
            eprintln!("merging");
        }
    }
}
