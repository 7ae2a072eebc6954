//! Benchmarks of connection upkeep, run by `infra/dev.sh bench` (ignored by `test`):
//! they print figures and assert only that the work was done, never how fast.
//!
//! The handlers run in this process, warm, against local AWS (moto on loopback, one
//! request at a time) and the local provider, so the figures are dominated by local
//! AWS's latency; they compare runs and designs, not AWS itself.

use std::sync::Arc;
use std::time::{Duration as Elapsed, Instant};

use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use clientconnect::domain::ConnectionId;
use clientconnect::oauth::PlatformTokens;
use clientconnect::service::tokens::seal_tokens;
use futures::future::join_all;
use time::Duration;

use crate::helpers::{TestApp, JOB_TIME};

/// Due connections the fan-out benchmark seeds, and worker invocations run at once.
const DUE_CONNECTIONS: usize = 10_000;
const WORKERS_AT_ONCE: usize = 4;
/// The dispatcher's budget per run in the benchmark (see there).
const PER_RUN: usize = 500;

const TOKEN_REQUESTS: usize = 50;

fn millis(elapsed: Elapsed) -> f64 {
    elapsed.as_secs_f64() * 1000.0
}

fn median_and_p90(mut samples: Vec<Elapsed>) -> (f64, f64) {
    samples.sort();
    let at = |share: f64| millis(samples[((samples.len() - 1) as f64 * share).round() as usize]);
    (at(0.5), at(0.9))
}

/// Sums a counter over the workers' reports.
fn total(reports: &[serde_json::Value], name: &str) -> u64 {
    reports
        .iter()
        .map(|report| report[name].as_u64().unwrap_or(0))
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: infra/dev.sh bench"]
async fn benchmark_upkeep_fan_out_over_ten_thousand_due_connections() {
    let app = TestApp::with_own_table().await;
    let (_, template) = app.connected("x", "fan-template").await;
    let template = app.stored(&template).await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let now = app.clock.now();
    // Ten thousand X connections unused for a day: each is due for its keep-alive, a
    // refresh of a rotating grant (the costliest task).
    let seeding = Instant::now();
    let mut writes = Vec::new();
    for n in 0..DUE_CONNECTIONS {
        let (access, refresh) = app.provider.grant("x", &format!("fan-{n}"));
        let mut stored = template.clone();
        let connection = &mut stored.connection;
        connection.connection_id = ConnectionId::generate();
        connection.account_id = format!("fan-{n}");
        connection.life.issued_at = now - Duration::hours(3);
        connection.life.access_expires_at = Some(now - Duration::hours(1));
        connection.refreshed_at = now - Duration::hours(3);
        connection.checked_at = Some(now - Duration::hours(25));
        let tokens = PlatformTokens {
            access_token: access,
            refresh_token: Some(refresh),
        };
        stored.sealed_tokens = seal_tokens(key, &stored.connection, &tokens).unwrap();
        let id = stored.connection.connection_id.to_string();
        let mut item: crate::helpers::Item = serde_dynamo::to_item(&stored).unwrap();
        let text = |value: String| AttributeValue::S(value);
        let shard = u8::from_str_radix(&id[id.len() - 1..], 16).unwrap();
        let due = (now - Duration::minutes(10)).unix_timestamp();
        item.insert("pk".into(), text(format!("WS#{}", app.workspace.as_str())));
        item.insert("sk".into(), text(format!("CONN#{id}")));
        item.insert("gsi2pk".into(), text(format!("DUE#{shard}")));
        item.insert("gsi2sk".into(), text(format!("{due:012}#{id}")));
        writes.push(
            WriteRequest::builder()
                .put_request(PutRequest::builder().set_item(Some(item)).build().unwrap())
                .build(),
        );
    }
    for chunk in writes.chunks(25) {
        app.dynamo
            .batch_write_item()
            .request_items(&app.table, chunk.to_vec())
            .send()
            .await
            .unwrap();
    }
    let seeded = seeding.elapsed();

    // Local AWS's SQS recounts its queue at every message it takes (quadratic in the
    // queue's depth), so the runs are kept to what the workers drain before the next
    // one, as the dispatcher's backlog rule does on AWS.
    let dispatcher = app
        .container_with(|config| config.upkeep.dispatch_per_run = PER_RUN as u32)
        .await;
    let (mut runs, mut sent, mut dispatch_calls, mut worker_calls) = (0, 0, 0, 0);
    let (mut dispatched, mut worked) = (Elapsed::ZERO, Elapsed::ZERO);
    let mut reports = Vec::new();
    loop {
        let started = Instant::now();
        let (report, calls) = app.dispatch_upkeep(dispatcher.clone()).await;
        dispatched += started.elapsed();
        let this_run = report["sent_connections"].as_u64().unwrap();
        if this_run == 0 {
            break;
        }
        runs += 1;
        sent += this_run;
        dispatch_calls += calls.len();
        let started = Instant::now();
        let drained = join_all(
            (0..WORKERS_AT_ONCE).map(|_| app.drain_upkeep_queue(app.state.clone(), JOB_TIME)),
        )
        .await;
        worked += started.elapsed();
        for (report, calls) in drained {
            worker_calls += calls.len();
            reports.push(report);
        }
    }
    assert_eq!(sent, DUE_CONNECTIONS as u64);
    assert_eq!(
        total(&reports, "renewed"),
        DUE_CONNECTIONS as u64,
        "{reports:?}"
    );
    let dynamo_per_second =
        (dispatch_calls + worker_calls) as f64 / (dispatched + worked).as_secs_f64();

    println!(
        "\nUpkeep fan-out on the local stack: {DUE_CONNECTIONS} due X connections (keep-alive refreshes of rotating grants); seeded in {:.1} s\n",
        seeded.as_secs_f64()
    );
    println!("| Step | Seconds | Connections per second | AWS calls | AWS calls per connection |");
    println!("|---|---|---|---|---|");
    println!(
        "| dispatcher ({runs} runs of at most {PER_RUN}) | {:.2} | {:.0} | {dispatch_calls} | {:.2} |",
        dispatched.as_secs_f64(),
        DUE_CONNECTIONS as f64 / dispatched.as_secs_f64(),
        dispatch_calls as f64 / DUE_CONNECTIONS as f64
    );
    println!(
        "| workers ({WORKERS_AT_ONCE} invocations at once, batches of ten) | {:.2} | {:.0} | {worker_calls} | {:.2} |",
        worked.as_secs_f64(),
        DUE_CONNECTIONS as f64 / worked.as_secs_f64(),
        worker_calls as f64 / DUE_CONNECTIONS as f64
    );
    println!(
        "\nLocal AWS answered {dynamo_per_second:.0} calls a second over both steps: moto serves one request at a time (and its SQS recounts a queue at every message sent), which is what limits throughput here."
    );
    app.drop_table().await;
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
