//! Figures for the operator, in CloudWatch Embedded Metric Format: each count is one
//! JSON line in the function's log, which CloudWatch turns into a metric of the
//! `ClientConnect` namespace (no API call, no latency on the request).
//!
//! | Metric | Dimensions |
//! |---|---|
//! | `InvitationsSent`, `InvitationsNotSent` | none |
//! | `InvitationsAccepted` | `Via` (`email`, `invite_link`) |
//! | `Connections` | `Platform`, `Outcome` (`connected`, `access-denied`, …) |
//! | `Refreshes` | `Outcome` (`renewed`, `checked`, `needs_reconnect`, `retry_later`, `failed`) |
//! | `AccessTokens` | `Platform`, `Outcome` (`issued`) |
//! | `AccessTokenRefusals` | `Reason` (the problem type: `connection-needs-reconnect`, …) |
//! | `SeatsOverLimit` | `Change` (`provision-member`, `provision-workspace`: the host's change left more seats in use than paid for) |

use serde_json::{json, Map, Value};

/// The metrics' namespace (the template's alarms name it too).
pub const NAMESPACE: &str = "ClientConnect";

/// Counts `value` of `name` under `dimensions`.
pub fn count(name: &str, value: u64, dimensions: &[(&str, &str)]) {
    let line = document(name, value, dimensions, time::OffsetDateTime::now_utc());
    crate::telemetry::write_raw_line(&line);
}

/// One Embedded Metric Format document.
fn document(
    name: &str,
    value: u64,
    dimensions: &[(&str, &str)],
    at: time::OffsetDateTime,
) -> String {
    let mut root = Map::new();
    let names: Vec<&str> = dimensions.iter().map(|(key, _)| *key).collect();
    root.insert(
        "_aws".into(),
        json!({
            "Timestamp": at.unix_timestamp() * 1000 + i64::from(at.millisecond()),
            "CloudWatchMetrics": [{
                "Namespace": NAMESPACE,
                "Dimensions": [names],
                "Metrics": [{ "Name": name, "Unit": "Count" }],
            }],
        }),
    );
    for (key, value) in dimensions {
        root.insert((*key).into(), Value::String((*value).into()));
    }
    root.insert(name.into(), json!(value));
    Value::Object(root).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_one_embedded_metric_format_document() {
        let at = time::macros::datetime!(2026-11-29 12:00:00.250 UTC);
        let line = document(
            "Connections",
            1,
            &[("Platform", "x"), ("Outcome", "connected")],
            at,
        );
        let parsed: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(parsed["_aws"]["Timestamp"], 1_795_953_600_250_i64);
        let directive = &parsed["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(directive["Namespace"], "ClientConnect");
        assert_eq!(directive["Dimensions"], json!([["Platform", "Outcome"]]));
        assert_eq!(
            directive["Metrics"][0],
            json!({ "Name": "Connections", "Unit": "Count" })
        );
        assert_eq!(parsed["Platform"], "x");
        assert_eq!(parsed["Outcome"], "connected");
        assert_eq!(parsed["Connections"], 1);
        assert!(!line.contains('\n'), "one line");
    }
}
