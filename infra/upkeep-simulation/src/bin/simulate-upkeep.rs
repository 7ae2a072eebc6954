//! `simulate-upkeep [--connections N] [--days D] [--seed S] [--chart PATH]`: a month of
//! upkeep through the real domain policy on a virtual clock; prints the figures of the
//! README's "Capacity" section and draws its chart.

use std::path::PathBuf;
use std::time::Instant;

use clientconnect::domain::Platform;
use upkeep_simulation::{chart, simulate, Costs, Settings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut settings = Settings::default();
    let mut chart_path: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--connections" => settings.connections = value()?.parse()?,
            "--days" => settings.days = value()?.parse()?,
            "--seed" => settings.seed = value()?.parse()?,
            "--dispatch-per-run" => settings.dispatch_per_run = value()?.parse()?,
            "--worker-capacity" => settings.worker_capacity_per_minute = value()?.parse()?,
            "--chart" => chart_path = Some(PathBuf::from(value()?)),
            "--help" | "-h" => {
                println!(
                    "simulate-upkeep [--connections N] [--days D] [--seed S] \
                     [--dispatch-per-run N] [--worker-capacity TASKS_PER_MINUTE] [--chart PATH]"
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other} (try --help)").into()),
        }
    }
    let warm_up = settings.warm_up_days;
    let started = Instant::now();
    println!(
        "Simulating {} connections for {} days (seed {}, dispatcher {} a minute, workers {} tasks a minute)…",
        settings.connections,
        settings.days,
        settings.seed,
        settings.dispatch_per_run,
        settings.worker_capacity_per_minute
    );
    let outcome = simulate(settings);
    println!("(simulated in {:.0} s)\n", started.elapsed().as_secs_f64());

    println!("| Platform | Connections | Platform calls per connection per day | of which renewals on demand |");
    println!("|---|---|---|---|");
    let per_day = outcome.calls_per_connection_day(warm_up);
    for (index, platform) in Platform::ALL.iter().enumerate() {
        let connections = outcome.connections_by_platform[index];
        let on_demand = outcome.mean_per_day(warm_up, |day| day.on_demand_renewals[index] as f64)
            / connections.max(1) as f64;
        println!(
            "| {} | {connections} | {:.3} | {on_demand:.3} |",
            platform.display_name(),
            per_day[index]
        );
    }
    let hours = |seconds: i64| seconds as f64 / 3_600.0;
    println!();
    println!("| Measure | Value |");
    println!("|---|---|");
    println!(
        "| Worst lateness of a keep-alive (refresh or check) | {:.2} h |",
        hours(outcome.worst_keep_alive_late)
    );
    println!(
        "| Worst lateness of Instagram's renewal before its token lapses | {:.2} h |",
        hours(outcome.worst_renewal_late)
    );
    println!(
        "| Worst lateness of a deadline reminder | {:.2} h |",
        hours(outcome.worst_reminder_late)
    );
    println!(
        "| Connections lost other than by revocation | {} |",
        outcome.lost_other_than_revocation
    );
    println!(
        "| Grants revoked at the platform (found and notified) | {} |",
        outcome.revoked
    );
    println!(
        "| Fixed refresh windows that ended (reconnect needed by design) | {} |",
        outcome.deadlines_reached
    );
    println!(
        "| Reconnects after Action needed | {} |",
        outcome.reconnected
    );
    let reads = outcome.mean_per_day(warm_up, |day| day.reads);
    let writes = outcome.mean_per_day(warm_up, |day| day.writes);
    let sqs = outcome.mean_per_day(warm_up, |day| day.sqs_requests);
    let emails = outcome.mean_per_day(warm_up, |day| day.emails as f64);
    let refusals = outcome.mean_per_day(warm_up, |day| day.host_refusals as f64);
    let month = |units: f64, price: f64| units * 30.0 / 1e6 * price;
    println!(
        "| DynamoDB read request units per day | {:.0} ({:.2} USD a month) |",
        reads,
        month(reads, Costs::READ_PRICE)
    );
    println!(
        "| DynamoDB write request units per day | {:.0} ({:.2} USD a month) |",
        writes,
        month(writes, Costs::WRITE_PRICE)
    );
    println!(
        "| SQS requests per day | {:.0} ({:.2} USD a month) |",
        sqs,
        month(sqs, Costs::SQS_PRICE)
    );
    println!("| Notice emails per day | {emails:.0} |");
    println!(
        "| Token requests refused per day (needs reconnecting, platform down) | {refusals:.0} |"
    );
    println!("| Upkeep tasks done in all | {} |", outcome.tasks_done);
    if let Some(path) = chart_path {
        chart::draw(&outcome, &path)?;
        println!("\nChart: {}", path.display());
    }
    Ok(())
}
