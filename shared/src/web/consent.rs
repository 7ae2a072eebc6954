//! What the client's and the agency's pages both say about connections: a connection's
//! health in words, the banner after a platform's consent, and the consent pages a
//! Connect button may lead to (the CSP's form-action).

use time::OffsetDateTime;

use super::Notice;
use crate::dates;
use crate::domain::{HealthReason, HealthStatus, Platform};
use crate::oauth::PlatformSpec;
use crate::service::ConnectionView;
use crate::state::AppState;
use crate::text::listed;
use crate::tr;

/// How a connection's health reads on the page.
pub fn connection_health_text(connection: &ConnectionView, now: OffsetDateTime) -> String {
    let account = connection.display_name.as_str();
    let health = &connection.health;
    match health.status {
        HealthStatus::Healthy => tr!("consent-health-connected", account = account),
        HealthStatus::Expiring => match health.deadline {
            Some(deadline) => tr!(
                "consent-health-expiring",
                account = account,
                day = dates::day(deadline),
                relative = dates::relative(deadline, now),
            ),
            None => tr!("consent-health-expiring-soon", account = account),
        },
        HealthStatus::NeedsReconnect => match health.reason {
            Some(HealthReason::Expired) => tr!(
                "consent-health-expired",
                account = account,
                relative = dates::relative(health.since, now),
            ),
            Some(HealthReason::RefreshTokenLost) => {
                tr!("consent-health-refresh-lost", account = account)
            }
            _ => tr!("consent-health-withdrawn", account = account),
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
    let name = platform.map_or_else(
        || tr!("consent-the-platform"),
        |platform| platform.display_name().to_owned(),
    );
    let name = name.as_str();
    match result {
        "connected" => Notice::ok(tr!("consent-connected", platform = name)),
        "disconnected" => Notice::ok(tr!("consent-disconnected", platform = name)),
        "cancelled" => Notice::ok(tr!("consent-cancelled", platform = name)),
        "choice-expired" => Notice::bad(tr!("consent-choice-expired")),
        "access-denied" => Notice::bad(tr!("consent-access-denied", platform = name)),
        "state-expired" => Notice::bad(tr!("consent-state-expired")),
        "connected-elsewhere" => Notice::bad(tr!("consent-connected-elsewhere", platform = name)),
        "token-exchange-failed" | "profile-failed" | "platform-error" => {
            Notice::bad(tr!("consent-platform-error", platform = name))
        }
        "cannot-publish" => Notice::bad(tr!("consent-cannot-publish", platform = name)),
        "wrong-account" => Notice::bad(tr!("consent-wrong-account", platform = name)),
        "permissions-missing" => {
            // Only the scopes on the platform's own list, said in its words: a crafted
            // link shows nothing else.
            let lost: Vec<String> = platform
                .map(|platform| {
                    missing
                        .unwrap_or_default()
                        .split(';')
                        .filter_map(|scope| super::words::scope_allows(platform, scope))
                        .collect()
                })
                .unwrap_or_default();
            let lost = if lost.is_empty() {
                tr!("consent-some-permissions")
            } else {
                listed(&lost.iter().map(String::as_str).collect::<Vec<_>>())
            };
            Notice::bad(tr!(
                "consent-permissions-missing",
                platform = name,
                lost = lost
            ))
        }
        _ => Notice::bad(tr!("consent-failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{speaking, Lang};

    fn text(notice: &Notice) -> String {
        serde_json::to_value(notice).unwrap()["text"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn a_consent_that_granted_too_little_names_what_is_lost_from_the_platforms_list_only() {
        let notice = consent_notice(
            "permissions-missing",
            Some("facebook"),
            Some("pages_manage_posts;pages_read_engagement;<script>"),
        );
        assert_eq!(
            text(&notice),
            "Facebook Page did not allow posting to the Page and reading the Page, which \
             publishing needs. Nothing was saved: connect again and keep every permission ticked."
        );
        let crafted = consent_notice("permissions-missing", Some("x"), Some("anything at all"));
        assert!(text(&crafted).starts_with("X did not allow some permissions,"));
    }

    #[tokio::test]
    async fn the_banner_after_a_consent_is_in_the_pages_language() {
        let notice = speaking(Lang::De, async {
            consent_notice("permissions-missing", Some("x"), Some("tweet.write"))
        })
        .await;
        assert!(
            text(&notice).starts_with("X hat Folgendes nicht erlaubt: veröffentlichen."),
            "{}",
            text(&notice)
        );
        let connected = speaking(Lang::Es, async {
            consent_notice("connected", Some("youtube"), None)
        })
        .await;
        assert_eq!(text(&connected), "Conexión con YouTube realizada.");
    }
}
