//! The `dossier` binary: parse arguments, run, map errors to exit codes.

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, exit, Cli};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(exit::FATAL),
            };
        }
    };
    match cli::run(args) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cli::warn(format_args!("{err:#}"));
            ExitCode::from(exit::FATAL)
        }
    }
}

/// `dossier search ... | head` must end quietly, as ripgrep does.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}
