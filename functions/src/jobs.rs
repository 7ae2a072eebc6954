//! Functions that serve no HTTP route: they take an event and return a JSON report.

use std::sync::Arc;

use clientconnect::service::{events, feedback, upkeep};
use clientconnect::AppState;
use serde_json::Value;

/// How many connections one refresher run works on at once.
const REFRESH_CONCURRENCY: usize = 8;

/// The scheduled refresher (every 5 minutes): renews tokens ahead of expiry, checks
/// the connections nothing renews, and tells people before and when one needs them.
pub async fn refresh_connections(
    state: Arc<AppState>,
    _schedule: Value,
) -> Result<Value, lambda_http::Error> {
    let report = upkeep::run_upkeep(state, REFRESH_CONCURRENCY).await?;
    Ok(serde_json::to_value(report)?)
}

/// The outbox's publisher: run when the table's stream sees a new event, and every
/// minute for what EventBridge refused before. The event that started it is not read:
/// each run publishes everything waiting, oldest first.
pub async fn publish_events(
    state: Arc<AppState>,
    _trigger: Value,
) -> Result<Value, lambda_http::Error> {
    let report = events::publish_outbox(&state).await?;
    Ok(serde_json::to_value(report)?)
}

/// SES's events for the invitation emails (EventBridge rule): delivered, bounced,
/// marked as spam.
pub async fn record_email_feedback(
    state: Arc<AppState>,
    event: Value,
) -> Result<Value, lambda_http::Error> {
    let event: feedback::SesEvent = serde_json::from_value(event)?;
    let outcome = feedback::record_email_event(&state, event).await?;
    Ok(serde_json::to_value(outcome)?)
}
