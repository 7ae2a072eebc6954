//! What the client's and the agency's pages both say about connections: a connection's
//! health in words, the banner after a platform's consent, and the consent pages a
//! Connect button may lead to (the CSP's form-action).

use time::OffsetDateTime;

use super::Notice;
use crate::dates;
use crate::domain::{HealthReason, HealthStatus, Platform};
use crate::oauth::{PlatformOptions, PlatformSpec};
use crate::service::ConnectionView;
use crate::state::AppState;

/// How a connection's health reads on the page.
pub fn connection_health_text(connection: &ConnectionView, now: OffsetDateTime) -> String {
    let name = &connection.display_name;
    let health = &connection.health;
    match health.status {
        HealthStatus::Healthy => format!("Connected as @{name}"),
        HealthStatus::Expiring => match health.deadline {
            Some(deadline) => format!(
                "Connected as @{name}; stops working on {} ({}): reconnect to keep it",
                dates::day(deadline),
                dates::relative(deadline, now)
            ),
            None => format!("Connected as @{name}; reconnect soon to keep it"),
        },
        HealthStatus::NeedsReconnect => match health.reason {
            Some(HealthReason::Expired) => {
                format!(
                    "Needs reconnecting (@{name}): its access ran out {}",
                    dates::relative(health.since, now)
                )
            }
            Some(HealthReason::RefreshTokenLost) => format!(
                "Needs reconnecting (@{name}): the platform no longer accepts its stored access"
            ),
            _ => format!("Needs reconnecting (@{name}): access was withdrawn at the platform"),
        },
    }
}

/// The consent pages a Connect button's redirect may lead to (CSP form-action).
pub fn form_targets(state: &AppState, platforms: &[Platform]) -> Vec<String> {
    let mut origins: Vec<String> = platforms
        .iter()
        .map(|platform| {
            PlatformSpec::for_platform(*platform, &state.config.oauth.platforms)
                .endpoints
                .authorize
                .origin()
                .ascii_serialization()
        })
        .collect();
    origins.sort();
    origins.dedup();
    origins
}

/// The banner after a platform's consent, from the landing's fixed `result` slug.
pub fn consent_notice(result: &str, platform: Option<&str>, missing: Option<&str>) -> Notice {
    let platform = platform.and_then(|raw| raw.parse::<Platform>().ok());
    let name = platform.map_or("the platform", |platform| platform.display_name());
    let (kind, text) = match result {
        "connected" => ("ok", format!("{name} is connected.")),
        "disconnected" => ("ok", format!("{name} is disconnected.")),
        "cancelled" => ("ok", format!("Nothing was connected from {name}.")),
        "choice-expired" => (
            "bad",
            "That choice took longer than 15 minutes, or was already made. Please connect again.".to_owned(),
        ),
        "access-denied" => (
            "bad",
            format!("You declined at {name}; nothing was connected."),
        ),
        "state-expired" => (
            "bad",
            "That took longer than 15 minutes. Please connect again.".to_owned(),
        ),
        "connected-elsewhere" => (
            "bad",
            format!("This {name} account is already connected by someone else in this workspace."),
        ),
        "token-exchange-failed" | "profile-failed" | "platform-error" => (
            "bad",
            format!("{name} did not complete the connection. Please try again in a moment."),
        ),
        "cannot-publish" => (
            "bad",
            format!("You may not publish to this {name} any more: ask its admin for the \u{201c}Create content\u{201d} task, then reconnect. Nothing was changed: the connection keeps the access it had."),
        ),
        "wrong-account" => (
            "bad",
            format!("You signed in to {name} with a different account than this connection's. Nothing was changed: reconnect with the same account."),
        ),
        "permissions-missing" => {
            // Only what the platform's own list says: a crafted link shows nothing else.
            let lost: Vec<&str> = platform
                .map(|platform| PlatformSpec::for_platform(platform, &PlatformOptions::default()))
                .map(|spec| {
                    missing
                        .unwrap_or_default()
                        .split(';')
                        .filter_map(|item| spec.scopes.iter().find(|needed| needed.allows == item))
                        .map(|needed| needed.allows)
                        .collect()
                })
                .unwrap_or_default();
            let lost = if lost.is_empty() { "some permissions".to_owned() } else { lost.join(", ") };
            (
                "bad",
                format!("{name} did not allow {lost}, which publishing needs. Nothing was saved: connect again and keep every permission ticked."),
            )
        }
        _ => (
            "bad",
            "The connection could not be completed. Please start again from this page.".to_owned(),
        ),
    };
    match kind {
        "ok" => Notice::ok(text),
        _ => Notice::bad(text),
    }
}
