//! Structured JSON logs through `tracing`, set up once per cold start.
//!
//! Every line carries the current span (with the Lambda request id). The level comes
//! from `RUST_LOG` (default `info`). Nothing secret is ever passed to a log macro.

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// Installs the JSON subscriber writing to stdout, where Lambda collects it.
pub fn init() {
    init_with_writer(std::io::stdout);
}

/// Same as [`init`] with another sink; tests use it to capture log output.
pub fn init_with_writer<W>(writer: W)
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (tests in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .without_time()
        .try_init();
}
