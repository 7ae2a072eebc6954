//! What the operator's long commands (`operator`, `migrate`) share: a progress meter
//! on the terminal (done of total, rate, time left) that Ctrl-C asks to stop, and how
//! they reach the table and the key.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clientconnect::progress::Progress;

/// The key secret's name when `TOKEN_KEY_SECRET_ID` does not say (the local one).
pub const DEFAULT_KEY_SECRET: &str = "clientconnect/token-encryption-key";

/// How often the meter is drawn: on a terminal, in place; else (a log), a line at a time.
const REDRAW_TTY: Duration = Duration::from_millis(200);
const REDRAW_LOG: Duration = Duration::from_secs(10);

/// Progress on stderr: `what: 1,234 of 10,000 (12%) · 85/s · about 1 min 43 s left`.
/// The rate counts this run only (not what a resumed run found done).
pub struct Meter {
    what: String,
    started: Instant,
    /// Done before this run started (a resumed run).
    before: AtomicU64,
    done: AtomicU64,
    total: AtomicU64,
    stop: AtomicBool,
    drawn: Mutex<Option<Instant>>,
    tty: bool,
}

impl Meter {
    pub fn new(what: &str) -> Arc<Self> {
        Arc::new(Self {
            what: what.to_owned(),
            started: Instant::now(),
            before: AtomicU64::new(0),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            stop: AtomicBool::new(false),
            drawn: Mutex::new(None),
            tty: std::io::stderr().is_terminal(),
        })
    }

    /// Asks the command to stop after the item it is on.
    pub fn ask_to_stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// The meter's line as it stands.
    pub fn line(&self) -> String {
        let before = self.before.load(Ordering::SeqCst);
        let done = self.done.load(Ordering::SeqCst);
        let total = self.total.load(Ordering::SeqCst).max(done);
        let elapsed = self.started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 {
            done.saturating_sub(before) as f64 / elapsed
        } else {
            0.0
        };
        let mut line = format!("{}: {} of {}", self.what, grouped(done), grouped(total));
        if let Some(percent) = (done * 100).checked_div(total) {
            line.push_str(&format!(" ({percent}%)"));
        }
        line.push_str(&format!(" · {rate:.1}/s"));
        if rate > 0.0 && total > done {
            let left = Duration::from_secs_f64((total - done) as f64 / rate);
            line.push_str(&format!(" · about {} left", duration(left)));
        } else if total > 0 && done >= total {
            line.push_str(&format!(" · took {}", duration(self.started.elapsed())));
        }
        line
    }

    fn draw(&self, force: bool) {
        let Ok(mut drawn) = self.drawn.lock() else {
            return;
        };
        let every = if self.tty { REDRAW_TTY } else { REDRAW_LOG };
        if !force && drawn.is_some_and(|at| at.elapsed() < every) {
            return;
        }
        *drawn = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K{}", self.line());
        } else {
            let _ = writeln!(err, "{}", self.line());
        }
        let _ = err.flush();
    }

    /// The last line, and the end of it.
    pub fn finish(&self) {
        self.draw(true);
        if self.tty {
            eprintln!();
        }
    }
}

impl Progress for Meter {
    fn total(&self, total: u64) {
        self.total.store(total, Ordering::SeqCst);
        self.draw(false);
    }

    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::SeqCst);
        self.draw(false);
    }

    fn resumed(&self, done: u64) {
        self.before.fetch_add(done, Ordering::SeqCst);
        self.done.fetch_add(done, Ordering::SeqCst);
        self.draw(false);
    }

    fn stop_asked(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// The first Ctrl-C asks `meter`'s command to stop after the item it is on (it then
/// says how to go on); a second one ends the process at once.
pub fn stop_on_ctrl_c(meter: &Arc<Meter>) {
    let meter = Arc::clone(meter);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        meter.ask_to_stop();
        eprintln!(
            "\nstopping after the current item (what is done stays done; run the same \
             command again to go on). Ctrl-C again to quit at once."
        );
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("quit");
            std::process::exit(130);
        }
    });
}

/// `1234567` as `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A duration as a person reads it: `45 s`, `12 min 5 s`, `3 h 20 min`.
pub fn duration(time: Duration) -> String {
    let seconds = time.as_secs();
    match seconds {
        0..=59 => format!("{seconds} s"),
        60..=3599 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}

/// Logs (JSON) to stderr, beside the meter, at `warn` unless `RUST_LOG` says otherwise:
/// stdout carries the command's report alone.
pub fn init_logs() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "warn");
    }
    clientconnect::telemetry::init_with_writer(std::io::stderr);
}

/// The table the commands work on: `TABLE_NAME`.
pub fn table_name() -> Result<String, String> {
    std::env::var("TABLE_NAME").map_err(|_| "set TABLE_NAME to the stack's table".to_owned())
}

/// The key secret: `TOKEN_KEY_SECRET_ID`, else the local one.
pub fn key_secret_id() -> String {
    std::env::var("TOKEN_KEY_SECRET_ID").unwrap_or_else(|_| DEFAULT_KEY_SECRET.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_done_of_total_rate_and_time_left() {
        let meter = Meter::new("re-seal");
        meter.total(10_000);
        meter.resumed(1_000);
        std::thread::sleep(Duration::from_millis(50));
        meter.advance(1_000);
        let line = meter.line();
        assert!(
            line.starts_with("re-seal: 2,000 of 10,000 (20%) · "),
            "{line}"
        );
        assert!(
            line.contains("/s · about ") && line.ends_with(" left"),
            "{line}"
        );
        meter.advance(8_000);
        assert!(meter.line().contains(" · took "), "{}", meter.line());
        assert!(!meter.stop_asked());
        meter.ask_to_stop();
        assert!(meter.stop_asked());
    }

    #[test]
    fn numbers_and_durations_read_as_a_person_writes_them() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(duration(Duration::from_secs(45)), "45 s");
        assert_eq!(duration(Duration::from_secs(725)), "12 min 5 s");
        assert_eq!(duration(Duration::from_secs(12_000)), "3 h 20 min");
    }
}
