//! Which AWS actions each function really calls, recorded while the tests run.
//!
//! An interceptor on the SDK clients notes `service:Action` (IAM's names; a
//! TransactWriteItems counts as the Put/Update/Delete/ConditionCheck actions IAM
//! evaluates) under the function whose handler is running. When `OBSERVED_AWS_ACTIONS`
//! names a file, each observation is appended to it; `infra/check_template.py` then
//! proves every function's IAM policy in template.yaml grants what its code calls.

use std::io::Write;

use aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsInput;
use aws_smithy_runtime_api::client::orchestrator::Metadata;

tokio::task_local! {
    /// The function (crate name) whose handler the current task runs.
    pub static FUNCTION: &'static str;
}

#[derive(Debug)]
pub struct Recorder;

impl Intercept for Recorder {
    fn name(&self) -> &'static str {
        "ObservedAwsActions"
    }

    fn read_before_serialization(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let Ok(function) = FUNCTION.try_with(|function| *function) else {
            return Ok(()); // set-up and assertions, not a handler
        };
        let Some(metadata) = cfg.load::<Metadata>() else {
            return Ok(());
        };
        let prefix = match metadata.service() {
            "DynamoDB" => "dynamodb",
            "SESv2" => "ses",
            "Secrets Manager" => "secretsmanager",
            other => other,
        };
        let mut actions = vec![metadata.name().to_owned()];
        if let Some(input) = context.input().downcast_ref::<TransactWriteItemsInput>() {
            actions = input
                .transact_items()
                .iter()
                .map(|item| {
                    if item.put().is_some() {
                        "PutItem"
                    } else if item.update().is_some() {
                        "UpdateItem"
                    } else if item.delete().is_some() {
                        "DeleteItem"
                    } else {
                        "ConditionCheckItem"
                    }
                    .to_owned()
                })
                .collect();
        }
        if metadata.name() == "SendEmail" && prefix == "ses" {
            // SES v2's SendEmail is authorised as ses:SendEmail.
            actions = vec!["SendEmail".to_owned()];
        }
        record(function, prefix, &actions);
        Ok(())
    }
}

fn record(function: &str, prefix: &str, actions: &[String]) {
    let Ok(path) = std::env::var("OBSERVED_AWS_ACTIONS") else {
        return;
    };
    let lines: String = actions
        .iter()
        .map(|action| format!("{function} {prefix}:{action}\n"))
        .collect();
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = file.write_all(lines.as_bytes());
    }
}
