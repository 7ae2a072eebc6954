//! Structured JSON logs through `tracing`, set up once per cold start.
//!
//! Every line carries the current span (with the Lambda request id). What is logged
//! comes from `RUST_LOG` (default `info`), in tracing's target syntax (`info`,
//! `warn,clientconnect=debug`), read without a regex engine to keep binaries small.
//! Nothing secret is ever passed to a log macro.

use std::io::Write;
use std::str::FromStr;
use std::sync::OnceLock;

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

/// Where metric documents go: the log's own sink, one line each (CloudWatch reads
/// Embedded Metric Format from the log stream).
type MetricSink = Box<dyn Fn(&[u8]) + Send + Sync>;
static METRIC_SINK: OnceLock<MetricSink> = OnceLock::new();

/// Writes one line to the log's sink as it is (no JSON wrapping): a metric document.
pub(crate) fn write_raw_line(line: &str) {
    match METRIC_SINK.get() {
        Some(sink) => sink(format!("{line}\n").as_bytes()),
        None => println!("{line}"),
    }
}

/// Same as [`init`] with another sink; tests use it to capture log output.
pub fn init_with_writer<W>(writer: W)
where
    W: for<'w> MakeWriter<'w> + Clone + Send + Sync + 'static,
{
    let metrics = writer.clone();
    let _ = METRIC_SINK.set(Box::new(move |bytes: &[u8]| {
        let _ = metrics.make_writer().write_all(bytes);
    }));
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
