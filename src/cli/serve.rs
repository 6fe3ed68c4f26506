//! `dossier serve`: the index as a local web application.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::{exit, IndexLocation, SchemaLocation};
use crate::serve::{serve, Config};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub schema: SchemaLocation,
    /// Address and port to listen on (port 0: any free port); anything but loopback needs --token
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Access token every request must carry (Authorization: Bearer, or the login page's cookie)
    #[arg(
        long,
        value_name = "TOKEN",
        env = "DOSSIER_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Megabytes of finished pages and JSON answers kept for repeated requests (0: none)
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub cache: usize,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let config = Config {
        index: args.location.dir(),
        schema: args.schema.schema.clone(),
        bind: args.bind,
        token: args.token,
        cache: args.cache.saturating_mul(1 << 20),
    };
    let index = config.index.clone();
    serve(config, |address| {
        super::warn(format_args!(
            "serving {} at http://{address}/ (Ctrl-C to stop)",
            index.display()
        ))
    })?;
    Ok(ExitCode::from(exit::OK))
}
