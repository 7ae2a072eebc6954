//! Benchmarks of connection upkeep, run by `infra/dev.sh bench` (ignored by `test`):
//! they print figures and assert only that the work was done, never how fast.
//!
//! The handlers run in this process, warm, against local AWS (moto on loopback, one
//! request at a time) and the local provider, so the figures are dominated by local
//! AWS's latency; they compare runs and designs, not AWS itself.

use std::sync::Arc;
use std::time::{Duration as Elapsed, Instant};

use futures::future::join_all;
use time::Duration;

use crate::helpers::TestApp;

const TOKEN_REQUESTS: usize = 50;

fn millis(elapsed: Elapsed) -> f64 {
    elapsed.as_secs_f64() * 1000.0
}

fn median_and_p90(mut samples: Vec<Elapsed>) -> (f64, f64) {
    samples.sort();
    let at = |share: f64| millis(samples[((samples.len() - 1) as f64 * share).round() as usize]);
    (at(0.5), at(0.9))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: infra/dev.sh bench"]
async fn benchmark_token_service_latency() {
    let app = TestApp::spawn().await;
    let (_, connection) = app.connected("x", "bench-token-x").await;
    let warm = app.another_container().await;
    app.issue_token(Arc::clone(&warm), &connection)
        .await
        .assert_ok(200);

    let mut fresh = Vec::new();
    for _ in 0..TOKEN_REQUESTS {
        let started = Instant::now();
        app.issue_token(Arc::clone(&warm), &connection)
            .await
            .assert_ok(200);
        fresh.push(started.elapsed());
    }
    let mut renewed = Vec::new();
    for _ in 0..TOKEN_REQUESTS {
        app.clock.advance(Duration::hours(3)); // expired: this request renews it first
        let started = Instant::now();
        app.issue_token(Arc::clone(&warm), &connection)
            .await
            .assert_ok(200);
        renewed.push(started.elapsed());
    }
    assert_eq!(
        app.provider.token_calls("x", "bench-token-x"),
        1 + TOKEN_REQUESTS as u32,
        "the code exchange, then one renewal per expired request"
    );
    // Twenty containers asking at once for one expired token: one renewal, shared.
    app.clock.advance(Duration::hours(3));
    let containers = join_all((0..20).map(|_| app.another_container())).await;
    let started = Instant::now();
    let replies = join_all(
        containers
            .into_iter()
            .map(|state| app.issue_token(state, &connection)),
    )
    .await;
    let burst = started.elapsed();
    replies.iter().for_each(|reply| {
        reply.assert_ok(200);
    });

    let (fresh_median, fresh_p90) = median_and_p90(fresh);
    let (renewed_median, renewed_p90) = median_and_p90(renewed);
    println!("\nToken service, a warm container, {TOKEN_REQUESTS} requests each\n");
    println!("| Request | Median ms | p90 ms |");
    println!("|---|---|---|");
    println!("| fresh token (one read, one log line) | {fresh_median:.2} | {fresh_p90:.2} |");
    println!("| expired token (lease, renewal at the provider, conditional write) | {renewed_median:.2} | {renewed_p90:.2} |");
    println!(
        "| 20 containers at once, one expired token (slowest of the 20) | {:.2} | – |",
        millis(burst)
    );
}
