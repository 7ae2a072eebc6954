//! Which AWS actions each function really calls, recorded while the tests run.
//!
//! An interceptor on the SDK clients notes `service:Action` (IAM's names; a
//! TransactWriteItems counts as the Put/Update/Delete/ConditionCheck actions IAM
//! evaluates) under the function whose handler is running. When `OBSERVED_AWS_ACTIONS`
//! names a file, each observation is appended to it; `infra/check_template.py` then
//! proves every function's IAM policy in template.yaml grants what its code calls.

use std::io::Write;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsInput;
use aws_smithy_runtime_api::client::orchestrator::Metadata;

tokio::task_local! {
    /// The function (crate name) whose handler the current task runs.
    pub static FUNCTION: &'static str;
    /// The AWS calls (round trips) the current request has made, as `service:Operation`.
    pub static ROUND_TRIPS: Arc<Mutex<Vec<String>>>;
    /// How many more AWS calls the current task may make before local AWS "stops": every
    /// later call fails before it is sent, as a connection to a stopped server would.
    pub static CALLS_BEFORE_OUTAGE: Arc<std::sync::atomic::AtomicUsize>;
    /// Calls of the current task that another server answers instead of local AWS, each
    /// once (a fault a test drives on purpose: a write the table is too busy for, a read
    /// that returns what an item was a moment ago).
    pub static DIVERTED: Arc<Mutex<Vec<Divert>>>;
    /// Items DynamoDB read (evaluated) for the current task's calls: what a request's
    /// cost grows with.
    pub static ITEMS_READ: Arc<std::sync::atomic::AtomicUsize>;
}

/// One call answered elsewhere: the next call of `operation` whose input `when` accepts
/// is sent to `to` instead of local AWS.
pub struct Divert {
    pub operation: &'static str,
    pub when: Box<
        dyn Fn(&aws_smithy_runtime_api::client::interceptors::context::Input) -> bool + Send + Sync,
    >,
    pub to: String,
}

/// A DynamoDB `operation` sent straight to local AWS, past the app and its interceptor:
/// the answer in the wire format, to answer one of the app's calls with later (what
/// was true at this moment).
pub async fn wire_call(operation: &str, body: serde_json::Value) -> serde_json::Value {
    reqwest::Client::new()
        .post(crate::helpers::aws_endpoint())
        .header("x-amz-target", format!("DynamoDB_20120810.{operation}"))
        .header("content-type", "application/x-amz-json-1.0")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        )
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A server that answers every call with `answer` (wire format): a diverted call then
/// reads what an item was when `answer` was taken.
pub async fn answering_as_it_was(answer: &serde_json::Value) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .insert_header("content-type", "application/x-amz-json-1.0")
                .set_body_json(answer),
        )
        .mount(&server)
        .await;
    server
}

/// The items at these sort keys of the partition `pk` of `table`, as a BatchGetItem
/// answers now (to answer one of the app's reads with later).
pub async fn batch_as_it_is(table: &str, pk: &str, sort_keys: &[String]) -> serde_json::Value {
    let keys: Vec<serde_json::Value> = sort_keys
        .iter()
        .map(|sk| serde_json::json!({ "pk": { "S": pk }, "sk": { "S": sk } }))
        .collect();
    wire_call(
        "BatchGetItem",
        serde_json::json!({ "RequestItems": { table: { "ConsistentRead": true, "Keys": keys } } }),
    )
    .await
}

/// The next BatchGetItem of `table` the current task makes, answered by `server`.
pub fn next_batch_read_by(table: String, server: &wiremock::MockServer) -> Arc<Mutex<Vec<Divert>>> {
    Arc::new(Mutex::new(vec![Divert {
        operation: "BatchGetItem",
        when: Box::new(move |input| {
            input
                .downcast_ref::<aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemInput>()
                .and_then(|batch| batch.request_items())
                .is_some_and(|items| items.contains_key(&table))
        }),
        to: server.uri(),
    }]))
}

/// Where this call goes instead (set before serialization, applied before transmit).
#[derive(Debug, Clone)]
struct DivertTo(String);

impl aws_smithy_types::config_bag::Storable for DivertTo {
    type Storer = aws_smithy_types::config_bag::StoreReplace<Self>;
}

/// How many diverted calls the current task has not made yet.
pub fn diversions_left() -> usize {
    DIVERTED
        .try_with(|diverted| diverted.lock().map_or(0, |left| left.len()))
        .unwrap_or(0)
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
        use std::sync::atomic::Ordering;
        let stopped = CALLS_BEFORE_OUTAGE.try_with(|left| {
            left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(1)
            })
            .is_err()
        });
        if stopped == Ok(true) {
            return Err("local AWS stopped answering (an injected outage)".into());
        }
        if let Some(operation) = cfg.load::<Metadata>().map(|m| m.name().to_owned()) {
            let diverted = DIVERTED.try_with(|diverted| {
                let mut left = diverted.lock().ok()?;
                let index = left
                    .iter()
                    .position(|d| d.operation == operation && (d.when)(context.input()))?;
                Some(left.remove(index).to)
            });
            if let Ok(Some(to)) = diverted {
                cfg.interceptor_state().store_put(DivertTo(to));
            }
        }
        let Ok(function) = FUNCTION.try_with(|function| *function) else {
            return Ok(()); // set-up and assertions, not a handler
        };
        let Some(metadata) = cfg.load::<Metadata>() else {
            return Ok(());
        };
        let _ = ROUND_TRIPS.try_with(|calls| {
            if let Ok(mut calls) = calls.lock() {
                calls.push(format!("{}:{}", metadata.service(), metadata.name()));
            }
        });
        let prefix = match metadata.service() {
            "DynamoDB" => "dynamodb",
            "SESv2" => "ses",
            "Secrets Manager" => "secretsmanager",
            "EventBridge" => "events",
            "SQS" => "sqs",
            other => other,
        };
        let mut actions = vec![metadata.name().to_owned()];
        // A query of an index needs the index's ARN in the policy, not only the table's.
        if let Some(index) = context
            .input()
            .downcast_ref::<aws_sdk_dynamodb::operation::query::QueryInput>()
            .and_then(|query| query.index_name())
        {
            actions.push(format!("Query:index/{index}"));
        }
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
        if metadata.name() == "SendMessageBatch" && prefix == "sqs" {
            // SQS authorises a batch as its single action.
            actions = vec!["SendMessage".to_owned()];
        }
        record(function, prefix, &actions);
        Ok(())
    }

    fn modify_before_transmit(
        &self,
        context: &mut aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextMut<
            '_,
        >,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        if let Some(DivertTo(to)) = cfg.load::<DivertTo>().cloned() {
            context.request_mut().set_uri(to.as_str())?;
        }
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &aws_sdk_dynamodb::config::interceptors::AfterDeserializationInterceptorContextRef<
            '_,
        >,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        use aws_sdk_dynamodb::operation::{
            batch_get_item::BatchGetItemOutput, get_item::GetItemOutput, query::QueryOutput,
            scan::ScanOutput,
        };
        let Ok(output) = context.output_or_error() else {
            return Ok(());
        };
        let read = if let Some(query) = output.downcast_ref::<QueryOutput>() {
            query.scanned_count().max(0) as usize
        } else if let Some(scan) = output.downcast_ref::<ScanOutput>() {
            scan.scanned_count().max(0) as usize
        } else if let Some(get) = output.downcast_ref::<GetItemOutput>() {
            usize::from(get.item().is_some())
        } else if let Some(batch) = output.downcast_ref::<BatchGetItemOutput>() {
            batch
                .responses()
                .map_or(0, |tables| tables.values().map(Vec::len).sum())
        } else {
            0
        };
        let _ = ITEMS_READ.try_with(|items| {
            items.fetch_add(read, std::sync::atomic::Ordering::SeqCst);
        });
        Ok(())
    }

    /// A call retried after a transport failure is worth knowing about: a conditional
    /// write retried after it was applied fails its own condition (DynamoDB makes
    /// transactions idempotent by their client token; local AWS does not).
    fn read_after_attempt(
        &self,
        context: &aws_sdk_dynamodb::config::interceptors::FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        if let Some(Err(error)) = context.output_or_error() {
            if error.is_timeout_error() || error.as_connector_error().is_some() {
                let operation = cfg.load::<Metadata>().map(|m| m.name().to_owned());
                eprintln!("[aws call retried] {operation:?}: {error:?}");
            }
        }
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

/// The most AWS round trips each function may make for one request, from the README's
/// table ("AWS round trips per request"). Secrets Manager reads are not counted: they
/// happen once per container, not per request.
pub fn round_trip_budget(function: &str) -> Option<usize> {
    const README: &str = include_str!("../../README.md");
    let table = README.split("<!-- round-trips -->").nth(1)?;
    table.lines().find_map(|line| {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = cells.get(1)?.trim_matches('`');
        // `14*` is an upper bound the tests need not reach (a wait that polls).
        (name == function).then(|| cells.get(2)?.trim_end_matches('*').parse().ok())?
    })
}

/// Checks one request's round trips against the budget, and notes them for the check
/// that the README's figures are the real maximum (`OBSERVED_ROUND_TRIPS`).
pub fn check_round_trips(function: &str, calls: &[String]) {
    check_round_trips_of(function, calls, 1);
}

/// As `check_round_trips`, for an invocation that worked on `units` messages: the
/// README's figure for such a function is per message.
pub fn check_round_trips_of(function: &str, calls: &[String], units: usize) {
    let units = units.max(1);
    let counted: Vec<&String> = calls
        .iter()
        .filter(|call| !call.starts_with("Secrets Manager:"))
        .collect();
    let budget = round_trip_budget(function)
        .unwrap_or_else(|| panic!("the README's round-trip table has no row for {function}"));
    assert!(
        counted.len() <= budget * units,
        "{function} made {} AWS round trips for {units} message(s), the README allows {budget} each: {counted:?}",
        counted.len()
    );
    if let Ok(path) = std::env::var("OBSERVED_ROUND_TRIPS") {
        // One write per line: tests run in parallel threads and append to one file.
        let line = format!("{function} {} {counted:?}\n", counted.len().div_ceil(units));
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = file.write_all(line.as_bytes());
        }
    }
}
