//! Structured JSON logs through `tracing`, set up once per cold start.
//!
//! Every line carries the current span (with the Lambda request id). What is logged
//! comes from `RUST_LOG` (default `info`), in tracing's target syntax (`info`,
//! `warn,clientconnect=debug`), read without a regex engine to keep binaries small.
//! Nothing secret is ever passed to a log macro.

use std::str::FromStr;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Installs the JSON subscriber writing to stdout, where Lambda collects it.
pub fn init() {
    init_with_writer(std::io::stdout);
}

/// What `RUST_LOG` asks to log; `info` when it is unset or unreadable.
fn filter() -> Targets {
    std::env::var("RUST_LOG")
        .ok()
        .and_then(|raw| Targets::from_str(&raw).ok())
        .unwrap_or_else(|| Targets::new().with_default(LevelFilter::INFO))
}

/// Same as [`init`] with another sink; tests use it to capture log output.
pub fn init_with_writer<W>(writer: W)
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let format = tracing_subscriber::fmt::layer()
        .json()
        .with_writer(writer)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .without_time();
    // A second init (tests in one process) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(format)
        .with(filter())
        .try_init();
}
