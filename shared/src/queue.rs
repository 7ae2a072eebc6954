//! The upkeep queue (SQS): the dispatcher sends it the work that is due, the upkeep
//! worker's event source mapping hands it back in batches.

use crate::aws::Lazy;
use crate::domain::Task;

/// SQS takes at most ten messages per `SendMessageBatch`.
const SQS_BATCH: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("the upkeep queue is not configured (UPKEEP_QUEUE_URL)")]
    NotConfigured,
    #[error("SQS {operation} failed: {cause}")]
    Sqs {
        operation: &'static str,
        cause: String,
    },
}

impl QueueError {
    fn sqs<E: std::error::Error>(operation: &'static str, error: E) -> Self {
        Self::Sqs {
            operation,
            cause: aws_sdk_sqs::error::DisplayErrorContext(error).to_string(),
        }
    }
}

pub struct UpkeepQueue {
    sqs: Lazy<aws_sdk_sqs::Client>,
    url: Option<String>,
}

impl UpkeepQueue {
    pub fn new(sqs: Lazy<aws_sdk_sqs::Client>, url: Option<String>) -> Self {
        Self { sqs, url }
    }

    fn url(&self) -> Result<&str, QueueError> {
        self.url.as_deref().ok_or(QueueError::NotConfigured)
    }

    /// Sends `tasks`, ten to a call; returns the tasks SQS did not take.
    pub async fn send(&self, tasks: &[Task]) -> Result<Vec<Task>, QueueError> {
        let url = self.url()?;
        let sqs = self.sqs.get().await;
        let mut refused = Vec::new();
        for batch in tasks.chunks(SQS_BATCH) {
            let entries = batch
                .iter()
                .enumerate()
                .map(|(index, task)| {
                    let body = serde_json::to_string(task).map_err(|error| QueueError::Sqs {
                        operation: "SendMessageBatch",
                        cause: error.to_string(),
                    })?;
                    aws_sdk_sqs::types::SendMessageBatchRequestEntry::builder()
                        .id(index.to_string())
                        .message_body(body)
                        .build()
                        .map_err(|error| QueueError::sqs("SendMessageBatch", error))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let output = sqs
                .send_message_batch()
                .queue_url(url)
                .set_entries(Some(entries))
                .send()
                .await
                .map_err(|error| QueueError::sqs("SendMessageBatch", error))?;
            for failed in output.failed() {
                if let Some(task) = failed
                    .id()
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| batch.get(index))
                {
                    refused.push(task.clone());
                }
            }
        }
        Ok(refused)
    }

    /// About how many messages wait or are being worked on: what the dispatcher holds
    /// back by, so the queue never holds more than the workers can take.
    pub async fn backlog(&self) -> Result<u64, QueueError> {
        use aws_sdk_sqs::types::QueueAttributeName;
        let output = self
            .sqs
            .get()
            .await
            .get_queue_attributes()
            .queue_url(self.url()?)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
            .send()
            .await
            .map_err(|error| QueueError::sqs("GetQueueAttributes", error))?;
        Ok(output
            .attributes()
            .into_iter()
            .flatten()
            .filter_map(|(_, value)| value.parse::<u64>().ok())
            .sum())
    }
}
