//! Publishing changes to the host product's EventBridge bus: each change one event,
//! `source` `clientconnect`, `detail-type` the change's type, `detail` the change
//! itself (its `event_id` stable across retries, for the host to deduplicate).

use aws_sdk_eventbridge::types::PutEventsRequestEntry;
use aws_smithy_types::error::display::DisplayErrorContext;

use crate::aws::Lazy;
use crate::domain::{Change, EventId};
use crate::error::AppError;

/// The events' `source`.
pub const SOURCE: &str = "clientconnect";

/// EventBridge takes at most this many entries per PutEvents.
const PER_CALL: usize = 10;

pub struct EventBus {
    client: Lazy<aws_sdk_eventbridge::Client>,
    bus: String,
}

/// What one publishing attempt did.
#[derive(Debug, Default)]
pub struct Sent {
    /// Taken by EventBridge: these may leave the outbox.
    pub published: Vec<EventId>,
    /// Refused or not sent (EventBridge unreachable): they stay for the next run.
    pub failed: usize,
}

impl EventBus {
    pub fn new(client: Lazy<aws_sdk_eventbridge::Client>, bus: &str) -> Self {
        Self {
            client,
            bus: bus.to_owned(),
        }
    }

    /// Sends `changes` in order, ten per call. A call that fails leaves its changes
    /// (and the later ones, so order is kept) unpublished.
    pub async fn publish(&self, changes: &[Change]) -> Result<Sent, AppError> {
        let mut sent = Sent::default();
        for (index, batch) in changes.chunks(PER_CALL).enumerate() {
            let entries = batch
                .iter()
                .map(|change| {
                    Ok(PutEventsRequestEntry::builder()
                        .event_bus_name(&self.bus)
                        .source(SOURCE)
                        .detail_type(change.data.detail_type())
                        .detail(serde_json::to_string(change).map_err(AppError::internal)?)
                        .time(aws_smithy_types::DateTime::from_secs(
                            change.occurred_at.unix_timestamp(),
                        ))
                        .build())
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            let output = match self
                .client
                .get()
                .await
                .put_events()
                .set_entries(Some(entries))
                .send()
                .await
            {
                Ok(output) => output,
                Err(error) => {
                    tracing::warn!(
                        error = %DisplayErrorContext(&error),
                        "EventBridge did not take the events; they stay in the outbox"
                    );
                    sent.failed += changes.len() - index * PER_CALL;
                    return Ok(sent);
                }
            };
            for (change, entry) in batch.iter().zip(output.entries()) {
                if entry.error_code().is_some() {
                    tracing::warn!(
                        event_id = change.event_id.as_str(),
                        code = entry.error_code().unwrap_or_default(),
                        "EventBridge refused an event; it stays in the outbox"
                    );
                    sent.failed += 1;
                } else {
                    sent.published.push(change.event_id.clone());
                }
            }
        }
        Ok(sent)
    }
}
