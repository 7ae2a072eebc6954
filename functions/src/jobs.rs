//! Functions that serve no HTTP route: they take an event and return a JSON answer.

use std::sync::Arc;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use clientconnect::deadline::Deadline;
use clientconnect::service::{dispatch, events, feedback, upkeep};
use clientconnect::AppState;
use serde_json::Value;

/// The upkeep dispatcher (every minute): sends what the due index says is due to the
/// upkeep queue.
pub async fn dispatch_upkeep(
    state: Arc<AppState>,
    _schedule: Value,
    deadline: Deadline,
) -> Result<Value, lambda_http::Error> {
    let report = dispatch::dispatch(&state, deadline).await?;
    Ok(serde_json::to_value(report)?)
}

/// The upkeep worker, handed a batch of the queue by its event source mapping: answers
/// with the messages to retry (`ReportBatchItemFailures`), and what it did.
pub async fn work_upkeep(
    state: Arc<AppState>,
    event: Value,
    deadline: Deadline,
) -> Result<Value, lambda_http::Error> {
    let event: SqsEvent = serde_json::from_value(event)?;
    let messages = event
        .records
        .into_iter()
        .map(|record| upkeep::Message {
            id: record.message_id.unwrap_or_default(),
            task: record
                .body
                .and_then(|body| serde_json::from_str(&body).ok()),
        })
        .collect();
    let worked = upkeep::work(state, messages, deadline).await;
    let mut response = SqsBatchResponse::default();
    for id in worked.failed {
        response.add_failure(id);
    }
    let mut answer = serde_json::to_value(response)?;
    // Lambda reads only `batchItemFailures`; the report is for the log and the tests.
    answer["report"] = serde_json::to_value(worked.report)?;
    Ok(answer)
}

/// The outbox's publisher: run when the table's stream sees a new event, and every
/// minute for what EventBridge refused before. The event that started it is not read:
/// each run publishes everything waiting, oldest first.
pub async fn publish_events(
    state: Arc<AppState>,
    _trigger: Value,
    _deadline: Deadline,
) -> Result<Value, lambda_http::Error> {
    let report = events::publish_outbox(&state).await?;
    Ok(serde_json::to_value(report)?)
}

/// SES's events for the invitation emails (EventBridge rule): delivered, bounced,
/// marked as spam.
pub async fn record_email_feedback(
    state: Arc<AppState>,
    event: Value,
    _deadline: Deadline,
) -> Result<Value, lambda_http::Error> {
    let event: feedback::SesEvent = serde_json::from_value(event)?;
    let outcome = feedback::record_email_event(&state, event).await?;
    Ok(serde_json::to_value(outcome)?)
}
