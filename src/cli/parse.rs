//! `dossier parse FILE...`: records without an index, for checking extraction.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{exit, SchemaLocation};
use crate::ingest::walk;
use crate::output::records;
use crate::parse::Parser;

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files to parse; a folder is walked as `index` walks it (hidden entries skipped)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON record per line (NDJSON), without the body
    #[arg(long)]
    pub json: bool,
    /// With --json, keep the body in each record (what `index --records` reads);
    /// without it, print the body after the summary
    #[arg(long)]
    pub body: bool,
    #[command(flatten)]
    pub schema: SchemaLocation,
}

pub fn run(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let catalog = args.schema.catalog()?;
    let parser = Parser::new(&catalog)?;
    let extraction = crate::index::schema::extraction_version(&catalog);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut io_error = None;
    let (files, unreadable) = expand(&args.files);
    for (path, shown) in &unreadable {
        failed += 1;
        super::warn(format_args!("{shown}: {path}"));
    }
    let total = files.len() + unreadable.len();
    for (file, shown) in &files {
        let result = parser.parse_file(file, shown, &mut |record| {
            if io_error.is_some() {
                return;
            }
            let written = match (args.json, args.body) {
                (true, false) => records::write_json_line(&mut out, &record),
                (true, true) => records::write_json_line_with_body(&mut out, &record, &extraction),
                (false, with_body) => records::write_summary(&mut out, &record, with_body),
            };
            if let Err(e) = written {
                io_error = Some(e);
            }
        });
        if let Some(e) = io_error.take() {
            return Err(e.into());
        }
        if let Err(err) = result {
            failed += 1;
            out.flush()?;
            super::warn(err);
        }
    }
    out.flush()?;
    Ok(ExitCode::from(match failed {
        0 => exit::OK,
        n if n == total => exit::FATAL,
        _ => exit::PARTIAL,
    }))
}

/// A file to read and the path to show for it.
type Shown = (PathBuf, String);

/// The files to read, each with the path to show for it: a file as given; a
/// folder's files (walked as `index` walks, hidden entries skipped, in path order)
/// under the folder as given. Also what could not be read, as (reason, path).
fn expand(args: &[PathBuf]) -> (Vec<Shown>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for arg in args {
        if !arg.is_dir() {
            files.push((arg.clone(), arg.display().to_string()));
            continue;
        }
        match walk::roots(std::slice::from_ref(arg)) {
            Ok(roots) => {
                let found = walk::walk(&roots, &[]);
                for error in found.errors {
                    unreadable.push((error.error, error.path));
                }
                for file in found.files {
                    let shown = arg.join(file.rel()).display().to_string();
                    files.push((file.path().to_path_buf(), shown));
                }
            }
            Err(error) => unreadable.push((format!("{error:#}"), arg.display().to_string())),
        }
    }
    (files, unreadable)
}
