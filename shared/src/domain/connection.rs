//! Connected platform accounts: who they belong to, how their access stays alive, and
//! what health the agency and the client see.
//!
//! The rules of a connection's life live here, free of AWS and HTTP:
//! - when its access token is renewed: when the host asks for a token that has (nearly)
//!   run out or will not last as long as it needs (`TokenLife::serving`), and in the
//!   background only where it would otherwise lapse for good (Instagram's),
//! - the keep-alive: at most one platform call a day proves the grant still works (a
//!   refresh where the access token ran out, a profile call otherwise), unless a renewal
//!   on demand already did,
//! - when a connection stops working (its deadline), and the reminders before that
//!   deadline (14, 7, 3 and 1 days),
//! - its health: `healthy`, `expiring` (its deadline is within 7 days) or
//!   `needs_reconnect` (the platform refused it, or the deadline passed), with the
//!   reason and since when,
//! - which notice (email) is due, each sent once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::{ClientId, ConnectionId, GrantId, Platform, UserId, WorkspaceId};

/// Whose account a connection is: a client's, or the agency's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "client_id", rename_all = "lowercase")]
pub enum ConnectionOwner {
    Client(ClientId),
    Agency,
}

impl ConnectionOwner {
    /// A flat value for conditions and filters in the table.
    pub fn key(&self) -> String {
        match self {
            ConnectionOwner::Client(id) => format!("client:{id}"),
            ConnectionOwner::Agency => "agency".to_owned(),
        }
    }

    pub fn client_id(&self) -> Option<&ClientId> {
        match self {
            ConnectionOwner::Client(id) => Some(id),
            ConnectionOwner::Agency => None,
        }
    }
}

/// How a connection's access is kept alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Renewal {
    /// The refresh-token grant (YouTube, X, TikTok; LinkedIn for apps with programmatic
    /// refresh).
    RefreshToken,
    /// The access token renews itself once it is a day old (Instagram's
    /// `ig_refresh_token`).
    SelfRefresh,
    /// Nothing renews it: once it expires only reconnecting helps (LinkedIn without
    /// programmatic refresh), or it never expires (Facebook Page tokens).
    Nothing,
}

/// When the current tokens were issued and when they run out; the tokens themselves are
/// sealed elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenLife {
    pub renewal: Renewal,
    #[serde(with = "time::serde::timestamp")]
    pub issued_at: OffsetDateTime,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub access_expires_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub refresh_expires_at: Option<OffsetDateTime>,
}

/// Renewing a token that lapses for good when it expires (Instagram's) before this much
/// of its life is left: a fifth of its life, at least 10 minutes, at most 7 days (12 of
/// a 60-day token's last days would be 12 days of needless risk).
const MIN_LEAD: Duration = Duration::minutes(10);
const MAX_LEAD: Duration = Duration::days(7);
/// Instagram renews a long-lived token only once it is a day old.
const SELF_REFRESH_MIN_AGE: Duration = Duration::days(1);
/// A connection nothing proved working for this long is looked at: at most one
/// platform call per connection per day keeps a grant alive and its health true.
pub const KEEP_ALIVE_EVERY: Duration = Duration::days(1);
/// A connection the host renewed on demand is in use: its next use will prove it again
/// (and find a refusal at once), so its keep-alive waits this long after that renewal.
/// Checking it a day after, when its next use came later that day, would only spend a
/// call (the simulation measured 1.3 calls a day for YouTube that way, 0.8 this way).
pub const IN_USE_FOR: Duration = Duration::days(2);
/// `expiring` this long before the deadline.
pub const EXPIRING_WITHIN: Duration = Duration::days(7);
/// A token the token service hands out is good for at least this long.
pub const SERVE_MARGIN: Duration = Duration::minutes(2);
/// A renewal asked for ahead of need (a longer validity than the token has left) is
/// made only when it gains at least this much: renewing gains exactly the token's age,
/// so a token renewed moments ago is served as it is instead of renewed again.
const MIN_RENEWAL_GAIN: Duration = Duration::minutes(5);

/// How long a token handed out must stay valid, as the publisher asks
/// (`min_validity_seconds`): at least the serve margin, at most a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinValidity(Duration);

impl MinValidity {
    pub const MAX: Duration = Duration::days(1);

    /// The validity a publisher asked for, in seconds; `None` when out of range.
    pub fn parse(seconds: i64) -> Option<Self> {
        (0..=Self::MAX.whole_seconds())
            .contains(&seconds)
            .then(|| Self(Duration::seconds(seconds).max(SERVE_MARGIN)))
    }

    pub fn duration(self) -> Duration {
        self.0
    }
}

impl Default for MinValidity {
    fn default() -> Self {
        Self(SERVE_MARGIN)
    }
}

/// What the token service does with a connection's access token before serving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serving {
    /// Serve it as it is.
    AsIs,
    /// Renew it first. `required`: it has (nearly) run out, so only a renewal can serve;
    /// otherwise a failed renewal still serves the current token.
    Renew { required: bool },
}

impl TokenLife {
    fn lead(&self) -> Option<Duration> {
        let lifetime: Duration = self.access_expires_at? - self.issued_at;
        Some(Ord::clamp(lifetime / 5_i32, MIN_LEAD, MAX_LEAD))
    }

    /// When a token that lapses for good once it expires must be renewed ahead of it:
    /// Instagram's long-lived token (renewable once a day old). A refresh-token grant
    /// needs no such renewal: its access token is renewed when someone asks for it.
    pub fn lapse_renewal_at(&self) -> Option<OffsetDateTime> {
        match self.renewal {
            Renewal::SelfRefresh => {
                let ahead = self.access_expires_at? - self.lead()?;
                Some(ahead.max(self.issued_at + SELF_REFRESH_MIN_AGE))
            }
            Renewal::RefreshToken | Renewal::Nothing => None,
        }
    }

    /// When the connection stops working unless someone reconnects it: the access
    /// token's expiry when nothing renews it, the end of the refresh token's fixed window
    /// (LinkedIn, TikTok) otherwise; `None` while it can be renewed indefinitely.
    pub fn deadline(&self) -> Option<OffsetDateTime> {
        match self.renewal {
            Renewal::Nothing => self.access_expires_at,
            Renewal::RefreshToken => self.refresh_expires_at,
            Renewal::SelfRefresh => None,
        }
    }

    /// Whether the access token could be renewed at `now` (Instagram's only once a day
    /// old; a token nothing renews never).
    pub fn renewable_at(&self, now: OffsetDateTime) -> bool {
        match self.renewal {
            Renewal::RefreshToken => true,
            Renewal::SelfRefresh => now - self.issued_at >= SELF_REFRESH_MIN_AGE,
            Renewal::Nothing => false,
        }
    }

    /// Whether the access token is (nearly) spent at `now`: less than the serve margin
    /// left, or an expiry nobody told us.
    pub fn spent_at(&self, now: OffsetDateTime) -> bool {
        self.access_expires_at
            .is_none_or(|expires| expires - now < SERVE_MARGIN)
    }

    /// What to do before handing out the access token at `now` to a caller that needs
    /// it valid for `wanted`: renewed on demand, never on a timer.
    pub fn serving(&self, now: OffsetDateTime, wanted: MinValidity) -> Serving {
        let Some(expires) = self.access_expires_at else {
            return Serving::AsIs;
        };
        if !self.renewable_at(now) {
            return Serving::AsIs;
        }
        let left = expires - now;
        if left < SERVE_MARGIN {
            Serving::Renew { required: true }
        } else if left < wanted.duration() && now - self.issued_at >= MIN_RENEWAL_GAIN {
            Serving::Renew { required: false }
        } else {
            Serving::AsIs
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Healthy,
    Expiring,
    NeedsReconnect,
}

/// Why a connection is not healthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthReason {
    /// The platform refused the refresh (`invalid_grant`) or the token: access was
    /// withdrawn at the platform, or the grant lapsed.
    AccessRevoked,
    /// The platform refused a rotating refresh token right after a refresh whose answer
    /// never arrived: it most likely rotated the token then, and the new one was lost on
    /// the way. Told apart from a revocation so the operator can see it happen.
    RefreshTokenLost,
    /// The deadline passed: the token expired with nothing to renew it, or the refresh
    /// token's window ended.
    Expired,
    /// The deadline is near and nothing can renew past it.
    ExpiresSoon,
}

/// The platform refused a connection; stored until someone reconnects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broken {
    pub reason: HealthReason,
    #[serde(with = "time::serde::timestamp")]
    pub since: OffsetDateTime,
}

/// What the agency and the client see about a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Health {
    pub status: HealthStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<HealthReason>,
    #[serde(with = "time::serde::rfc3339")]
    pub since: OffsetDateTime,
    /// When it stops working unless reconnected (absent while it renews itself).
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub deadline: Option<OffsetDateTime>,
}

/// An email to the people of the connection's owner, each sent once per connection (a
/// reconnect starts the count again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Notice {
    /// 14 days before the deadline: the forecast.
    #[serde(rename = "remind-14")]
    Remind14,
    /// It became `expiring` (7 days before the deadline).
    #[serde(rename = "expiring")]
    Expiring,
    #[serde(rename = "remind-3")]
    Remind3,
    #[serde(rename = "remind-1")]
    Remind1,
    /// It needs reconnecting now.
    #[serde(rename = "needs-reconnect")]
    NeedsReconnect,
}

impl Notice {
    /// The reminders of a deadline, and how long before it each is due.
    const BEFORE_DEADLINE: [(Notice, Duration); 4] = [
        (Notice::Remind14, Duration::days(14)),
        (Notice::Expiring, EXPIRING_WITHIN),
        (Notice::Remind3, Duration::days(3)),
        (Notice::Remind1, Duration::days(1)),
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Notice::Remind14 => "remind-14",
            Notice::Expiring => "expiring",
            Notice::Remind3 => "remind-3",
            Notice::Remind1 => "remind-1",
            Notice::NeedsReconnect => "needs-reconnect",
        }
    }
}

/// What the upkeep does next with a connection: at most one platform call a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upkeep {
    /// Renew the access token: Instagram's before it lapses for good, or a refresh-token
    /// grant whose access token ran out, where a refresh is the cheapest proof that the
    /// grant works (and keeps a rotating chain in use).
    Renew,
    /// Ask the platform whether the token still works (a cheap profile call).
    Check,
    /// The deadline passed: mark it `needs_reconnect`.
    Expire,
    /// Send this notice.
    Notify(Notice),
}

/// A platform account connected to a workspace. The tokens live beside it, sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Connection {
    /// Stable across reconnects of the same platform account.
    pub connection_id: ConnectionId,
    pub workspace_id: WorkspaceId,
    pub platform: Platform,
    pub account_id: String,
    pub display_name: String,
    #[serde(default)]
    pub avatar_url: Option<String>,
    pub owner: ConnectionOwner,
    pub owner_key: String,
    /// An agency's own account the agency shows a client on its connect page (view
    /// only, as Publer's and Postpone's assigned accounts).
    #[serde(default)]
    pub assigned_to: Option<ClientId>,
    /// The clients the agency assigned this account to, each with its own settings (an
    /// agency's account only). Each one's `ASSIGN#` item mirrors it in that client's part
    /// of the by-client index. A stored `assigned_to` (from before several clients could
    /// be assigned) reads as one more assignment with the default settings.
    /// Written only by the assignment writes (never with the whole item, so a reconnect
    /// or a renewal cannot put back an assignment taken away meanwhile).
    #[serde(default, skip_serializing)]
    pub assignments: BTreeMap<ClientId, super::assignment::Assigned>,
    /// Bumped by every assignment write, which is conditioned on the one it read.
    #[serde(default, skip_serializing)]
    pub assignments_version: u64,
    /// A client's own connection of an agency account assigned to it with the client's
    /// credentials: the agency's connection it publishes for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stands_in_for: Option<ConnectionId>,
    /// The consent it shares with other connections, if it was chosen together with them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_grant: Option<GrantId>,
    /// The person (`sub`) who last connected it.
    pub connected_by: UserId,
    #[serde(with = "time::serde::timestamp")]
    pub connected_at: OffsetDateTime,
    /// When tokens were last obtained (a connect, a reconnect or a renewal).
    #[serde(with = "time::serde::timestamp")]
    pub refreshed_at: OffsetDateTime,
    #[serde(flatten)]
    pub life: TokenLife,
    /// The scopes the platform granted, as it named them.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Set when the platform refused it; cleared by a reconnect.
    #[serde(default)]
    pub broken: Option<Broken>,
    /// When it last became healthy (connected or reconnected).
    #[serde(with = "time::serde::timestamp")]
    pub healthy_since: OffsetDateTime,
    /// When the platform last confirmed the token works (renewal or check).
    #[serde(default, with = "time::serde::timestamp::option")]
    pub checked_at: Option<OffsetDateTime>,
    /// Notices sent since the last connect, and when (epoch seconds).
    #[serde(default)]
    pub notices: BTreeMap<Notice, i64>,
    /// Transient failures (5xx, timeouts) in a row, and when to try again.
    #[serde(default)]
    pub failures: u32,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub retry_at: Option<OffsetDateTime>,
    /// Since when a refresh of a rotating grant may have reached the platform without its
    /// answer reaching us (a timeout, a 5xx): the platform may have rotated the refresh
    /// token. Cleared by the next renewal or reconnect.
    #[serde(default, with = "time::serde::timestamp::option")]
    pub unconfirmed_refresh: Option<OffsetDateTime>,
    /// When the token service last renewed it for the host (it is in use).
    #[serde(default, with = "time::serde::timestamp::option")]
    pub renewed_on_demand_at: Option<OffsetDateTime>,
    /// The health the host was last told (`connection.health_changed`); `None` until
    /// it first changes (a new connection is announced as connected, healthy).
    #[serde(default)]
    pub reported_health: Option<HealthStatus>,
}

impl Connection {
    /// Whether `client` sees it: its own, or the agency's assigned to it.
    pub fn seen_by(&self, client: &ClientId) -> bool {
        self.viewer() == Some(client) || self.assignments.contains_key(client)
    }

    /// Every client it is assigned to, with its settings: its assignments, and a stored
    /// `assigned_to` of before as one with the default settings.
    pub fn all_assignments(&self) -> BTreeMap<ClientId, super::assignment::Assigned> {
        let mut all = self.assignments.clone();
        if let Some(legacy) = &self.assigned_to {
            all.entry(legacy.clone())
                .or_insert_with(|| super::assignment::Assigned {
                    settings: Default::default(),
                    assigned_at: self.connected_at,
                });
        }
        all
    }

    /// The one client that sees it: its owner, or the client the agency assigned it to.
    pub fn viewer(&self) -> Option<&ClientId> {
        self.owner.client_id().or(self.assigned_to.as_ref())
    }

    /// Its health at `now`: stored when the platform refused it, otherwise derived from
    /// its deadline (so an expiry nobody processed yet still shows).
    pub fn health(&self, now: OffsetDateTime) -> Health {
        let deadline = self.life.deadline();
        if let Some(broken) = self.broken {
            return Health {
                status: HealthStatus::NeedsReconnect,
                reason: Some(broken.reason),
                since: broken.since,
                deadline,
            };
        }
        match deadline {
            Some(deadline) if deadline <= now => Health {
                status: HealthStatus::NeedsReconnect,
                reason: Some(HealthReason::Expired),
                since: deadline,
                deadline: Some(deadline),
            },
            Some(deadline) if deadline - now <= EXPIRING_WITHIN => Health {
                status: HealthStatus::Expiring,
                reason: Some(HealthReason::ExpiresSoon),
                since: deadline - EXPIRING_WITHIN,
                deadline: Some(deadline),
            },
            _ => Health {
                status: HealthStatus::Healthy,
                reason: None,
                since: self.healthy_since,
                deadline,
            },
        }
    }

    /// Its health at `now` when that is not what the host was last told, remembered as
    /// told: each change is reported once, whether a write made it (a refusal, a
    /// reconnect) or time did (a deadline coming near, or passing).
    pub fn report_health(&mut self, now: OffsetDateTime) -> Option<Health> {
        let health = self.health(now);
        let told = self.reported_health.unwrap_or(HealthStatus::Healthy);
        (health.status != told).then(|| {
            self.reported_health = Some(health.status);
            health
        })
    }

    /// When it is next looked at to keep it alive: a day after the platform last
    /// confirmed it works (a connect, a renewal, a check), or, while the host uses it,
    /// two days after its last renewal on demand.
    pub fn keep_alive_at(&self) -> OffsetDateTime {
        let proved = self.checked_at.unwrap_or(self.refreshed_at) + KEEP_ALIVE_EVERY;
        self.renewed_on_demand_at
            .map_or(proved, |used| proved.max(used + IN_USE_FOR))
    }

    /// The cheapest proof at `now` that the grant still works: a refresh for a
    /// refresh-token grant whose access token ran out (it also keeps a rotating chain in
    /// use), Instagram's renewal once it is due, a profile call with the token otherwise.
    fn keep_alive(&self, now: OffsetDateTime) -> Upkeep {
        let lapse_due = self
            .life
            .lapse_renewal_at()
            .is_some_and(|renew| renew <= now);
        match self.life.renewal {
            Renewal::RefreshToken if self.life.spent_at(now) => Upkeep::Renew,
            Renewal::SelfRefresh if lapse_due => Upkeep::Renew,
            _ => Upkeep::Check,
        }
    }

    /// The notices of its deadline that are due at `now` and not sent yet, latest first
    /// (a connection found late gets the most urgent one, not a pile).
    fn pending_reminder(&self, now: OffsetDateTime) -> Option<Notice> {
        let deadline = self.life.deadline()?;
        Notice::BEFORE_DEADLINE
            .iter()
            .rev()
            .find(|(_, before)| now >= deadline - *before)
            .map(|(notice, _)| *notice)
            .filter(|notice| !self.notices.contains_key(notice))
            // Once a later reminder went out, the earlier ones are moot.
            .filter(|notice| self.notices.keys().all(|sent| sent < notice))
    }

    /// What the upkeep should do with it at `now`, if anything.
    pub fn upkeep(&self, now: OffsetDateTime) -> Option<Upkeep> {
        if self.broken.is_some() {
            return (!self.notices.contains_key(&Notice::NeedsReconnect))
                .then_some(Upkeep::Notify(Notice::NeedsReconnect));
        }
        if self.life.deadline().is_some_and(|deadline| deadline <= now) {
            return Some(Upkeep::Expire);
        }
        if let Some(retry) = self.retry_at {
            // After a transient failure, the retry is the next platform call.
            if retry <= now {
                return Some(self.keep_alive(now));
            }
        } else if self
            .life
            .lapse_renewal_at()
            .is_some_and(|renew| renew <= now)
            || self.keep_alive_at() <= now
        {
            return Some(self.keep_alive(now));
        }
        self.pending_reminder(now).map(Upkeep::Notify)
    }

    /// When the upkeep should next look at it; `None` only when nothing will ever be due
    /// (it needs a reconnect and the people were told).
    pub fn next_upkeep(&self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        if self.upkeep(now).is_some() {
            return Some(now);
        }
        if self.broken.is_some() {
            return None;
        }
        let mut due: Vec<OffsetDateTime> = Vec::new();
        match self.retry_at {
            Some(retry) => due.push(retry),
            None => {
                due.extend(self.life.lapse_renewal_at());
                due.push(self.keep_alive_at());
            }
        }
        if let Some(deadline) = self.life.deadline() {
            due.push(deadline);
            due.extend(
                Notice::BEFORE_DEADLINE
                    .iter()
                    .filter(|(notice, _)| !self.notices.contains_key(notice))
                    .map(|(_, before)| deadline - *before)
                    .filter(|at| *at > now),
            );
        }
        due.into_iter().min()
    }

    /// After a transient failure: try again with backoff (1, 2, 4 … minutes, at most an
    /// hour); the deadline keeps its own place in the due index.
    pub fn backoff(&self, now: OffsetDateTime) -> OffsetDateTime {
        let minutes = 1i64 << self.failures.min(6);
        now + Duration::minutes(minutes)
    }

    /// Why the platform's refusal of a refresh leaves it needing a reconnect: a lost
    /// rotation when the refresh before it went unanswered, a revocation otherwise.
    pub fn refusal_reason(&self) -> HealthReason {
        if self.unconfirmed_refresh.is_some() {
            HealthReason::RefreshTokenLost
        } else {
            HealthReason::AccessRevoked
        }
    }
}

/// Where the person lands after the platform's consent: a fixed page, never a URL
/// from the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Landing {
    ClientConnectPage,
    AgencyConnectionsPage,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::days(20_000) + Duration::hours(hours)
    }

    fn connection(life: TokenLife) -> Connection {
        Connection {
            connection_id: ConnectionId::generate(),
            workspace_id: "ws".parse().unwrap(),
            platform: Platform::X,
            account_id: "42".into(),
            display_name: "brand".into(),
            avatar_url: None,
            owner: ConnectionOwner::Agency,
            owner_key: "agency".into(),
            assigned_to: None,
            assignments: BTreeMap::new(),
            assignments_version: 0,
            stands_in_for: None,
            shared_grant: None,
            connected_by: "u".parse().unwrap(),
            connected_at: life.issued_at,
            refreshed_at: life.issued_at,
            life,
            scopes: Vec::new(),
            broken: None,
            healthy_since: life.issued_at,
            checked_at: Some(life.issued_at),
            notices: BTreeMap::new(),
            failures: 0,
            retry_at: None,
            unconfirmed_refresh: None,
            renewed_on_demand_at: None,
            reported_health: None,
        }
    }

    fn refreshing(access_hours: i64) -> Connection {
        connection(TokenLife {
            renewal: Renewal::RefreshToken,
            issued_at: at(0),
            access_expires_at: Some(at(access_hours)),
            refresh_expires_at: None,
        })
    }

    fn nothing_renews(expires_in_days: i64) -> Connection {
        connection(TokenLife {
            renewal: Renewal::Nothing,
            issued_at: at(0),
            access_expires_at: Some(at(24 * expires_in_days)),
            refresh_expires_at: None,
        })
    }

    fn minutes(n: i64) -> MinValidity {
        MinValidity::parse(n * 60).unwrap()
    }

    #[test]
    fn an_unused_two_hour_x_token_is_not_renewed_on_a_timer_but_refreshed_once_a_day() {
        let x = refreshing(2);
        assert_eq!(x.upkeep(at(2) - Duration::minutes(20)), None);
        assert_eq!(x.upkeep(at(23)), None, "expired, but nobody needs it");
        assert_eq!(x.next_upkeep(at(1)), Some(at(24)));
        assert_eq!(
            x.upkeep(at(24)),
            Some(Upkeep::Renew),
            "a refresh proves it and keeps the chain in use"
        );
        assert_eq!(
            x.health(at(30)).status,
            HealthStatus::Healthy,
            "renewable: no deadline"
        );
    }

    #[test]
    fn the_token_service_renews_a_token_only_when_it_has_run_out_or_will_not_last() {
        let x = refreshing(2);
        let life = x.life;
        assert_eq!(life.serving(at(1), MinValidity::default()), Serving::AsIs);
        assert_eq!(
            life.serving(at(2) - Duration::minutes(1), MinValidity::default()),
            Serving::Renew { required: true }
        );
        assert_eq!(
            life.serving(at(3), MinValidity::default()),
            Serving::Renew { required: true }
        );
        // A publisher starting a 90-minute upload an hour in: renewed ahead of need.
        assert_eq!(
            life.serving(at(1), minutes(90)),
            Serving::Renew { required: false }
        );
        // The same ask of a token issued a minute ago gains nothing: served as it is.
        assert_eq!(
            life.serving(at(0) + Duration::minutes(1), minutes(150)),
            Serving::AsIs
        );
    }

    #[test]
    fn a_minimum_validity_is_between_the_serve_margin_and_a_day() {
        assert_eq!(MinValidity::parse(0), Some(MinValidity::default()));
        assert_eq!(
            MinValidity::parse(3_600).map(MinValidity::duration),
            Some(Duration::hours(1))
        );
        assert_eq!(MinValidity::parse(-1), None);
        assert_eq!(MinValidity::parse(86_401), None);
    }

    #[test]
    fn a_connection_renewed_on_demand_is_not_looked_at_again_for_a_day() {
        let mut youtube = refreshing(1);
        youtube.refreshed_at = at(20);
        youtube.checked_at = Some(at(20));
        youtube.life.issued_at = at(20);
        youtube.life.access_expires_at = Some(at(21));
        assert_eq!(youtube.upkeep(at(24)), None);
        assert_eq!(youtube.next_upkeep(at(24)), Some(at(44)));
    }

    #[test]
    fn a_connection_the_host_uses_waits_for_its_next_use_two_days_before_a_keep_alive() {
        let mut youtube = refreshing(1);
        youtube.checked_at = Some(at(10));
        youtube.renewed_on_demand_at = Some(at(10));
        assert_eq!(
            youtube.upkeep(at(34)),
            None,
            "a day later: its use will prove it"
        );
        assert_eq!(youtube.next_upkeep(at(34)), Some(at(58)));
        assert_eq!(
            youtube.upkeep(at(58)),
            Some(Upkeep::Renew),
            "unused for two days"
        );
        youtube.checked_at = Some(at(58));
        assert_eq!(youtube.next_upkeep(at(58)), Some(at(82)), "then daily");
    }

    #[test]
    fn a_refresh_grant_with_a_long_access_token_is_checked_with_it_not_refreshed() {
        let linkedin = refreshing(24 * 60);
        assert_eq!(linkedin.upkeep(at(24)), Some(Upkeep::Check));
        assert_eq!(linkedin.life.lapse_renewal_at(), None);
    }

    #[test]
    fn instagram_is_checked_daily_and_renewed_before_its_token_lapses_for_good() {
        let mut instagram = refreshing(24 * 60);
        instagram.life.renewal = Renewal::SelfRefresh;
        assert_eq!(instagram.life.lapse_renewal_at(), Some(at(24 * 53)));
        assert_eq!(instagram.upkeep(at(24)), Some(Upkeep::Check));
        instagram.checked_at = Some(at(24 * 52 + 12));
        assert_eq!(instagram.next_upkeep(at(24 * 52 + 12)), Some(at(24 * 53)));
        assert_eq!(instagram.upkeep(at(24 * 53)), Some(Upkeep::Renew));
        assert_eq!(instagram.life.deadline(), None);
        let mut young = instagram.clone();
        young.life.access_expires_at = Some(at(1));
        assert_eq!(
            young.life.lapse_renewal_at(),
            Some(at(24)),
            "not before a day old"
        );
    }

    #[test]
    fn a_token_nothing_renews_is_expiring_a_week_before_its_deadline_then_needs_reconnect() {
        let linkedin = nothing_renews(60);
        let deadline = at(24 * 60);
        assert_eq!(
            linkedin.health(deadline - Duration::days(8)).status,
            HealthStatus::Healthy
        );
        let expiring = linkedin.health(deadline - Duration::days(6));
        assert_eq!(expiring.status, HealthStatus::Expiring);
        assert_eq!(expiring.since, deadline - Duration::days(7));
        assert_eq!(expiring.deadline, Some(deadline));
        let dead = linkedin.health(deadline + Duration::hours(1));
        assert_eq!(
            (dead.status, dead.reason),
            (HealthStatus::NeedsReconnect, Some(HealthReason::Expired))
        );
        assert_eq!(linkedin.upkeep(deadline), Some(Upkeep::Expire));
        assert_eq!(
            linkedin.life.serving(deadline, MinValidity::default()),
            Serving::AsIs,
            "nothing to renew it with"
        );
    }

    #[test]
    fn reminders_go_out_14_7_3_and_1_days_before_the_deadline_each_once() {
        let mut linkedin = nothing_renews(60);
        let deadline = at(24 * 60);
        let mut sent = Vec::new();
        for days_left in (0..20).rev() {
            let now = deadline - Duration::days(days_left) + Duration::hours(1);
            linkedin.checked_at = Some(now);
            if let Some(Upkeep::Notify(notice)) = linkedin.upkeep(now) {
                linkedin.notices.insert(notice, 0);
                sent.push((notice, days_left));
                assert_eq!(linkedin.upkeep(now), None, "sent once");
            }
        }
        assert_eq!(
            sent,
            vec![
                (Notice::Remind14, 14),
                (Notice::Expiring, 7),
                (Notice::Remind3, 3),
                (Notice::Remind1, 1)
            ]
        );
    }

    #[test]
    fn a_connection_found_three_days_before_its_deadline_gets_one_reminder_not_three() {
        let mut linkedin = nothing_renews(60);
        let now = at(24 * 57) + Duration::hours(1);
        linkedin.checked_at = Some(now);
        assert_eq!(linkedin.upkeep(now), Some(Upkeep::Notify(Notice::Remind3)));
        linkedin.notices.insert(Notice::Remind3, 0);
        assert_eq!(linkedin.upkeep(now), None);
    }

    #[test]
    fn a_page_token_that_never_expires_is_checked_daily() {
        let facebook = connection(TokenLife {
            renewal: Renewal::Nothing,
            issued_at: at(0),
            access_expires_at: None,
            refresh_expires_at: None,
        });
        assert_eq!(facebook.upkeep(at(23)), None);
        assert_eq!(facebook.upkeep(at(24)), Some(Upkeep::Check));
        assert_eq!(facebook.next_upkeep(at(1)), Some(at(24)));
        assert_eq!(facebook.health(at(24 * 400)).status, HealthStatus::Healthy);
    }

    #[test]
    fn a_refused_connection_needs_reconnect_is_announced_once_and_then_rests() {
        let mut x = refreshing(2);
        x.broken = Some(Broken {
            reason: HealthReason::AccessRevoked,
            since: at(1),
        });
        let health = x.health(at(1));
        assert_eq!(
            (health.status, health.since),
            (HealthStatus::NeedsReconnect, at(1))
        );
        assert_eq!(
            x.upkeep(at(1)),
            Some(Upkeep::Notify(Notice::NeedsReconnect))
        );
        x.notices.insert(Notice::NeedsReconnect, 0);
        assert_eq!(x.upkeep(at(5)), None);
        assert_eq!(x.next_upkeep(at(5)), None, "out of the upkeep's way");
    }

    #[test]
    fn a_transient_failure_is_retried_with_backoff_without_changing_health() {
        let mut x = refreshing(2);
        let now = at(24);
        x.failures = 3;
        x.retry_at = Some(x.backoff(now));
        assert_eq!(x.retry_at, Some(now + Duration::minutes(8)));
        assert_eq!(x.upkeep(now), None);
        assert_eq!(x.next_upkeep(now), Some(now + Duration::minutes(8)));
        assert_eq!(x.upkeep(now + Duration::minutes(8)), Some(Upkeep::Renew));
        assert_eq!(x.health(now).status, HealthStatus::Healthy);
    }

    #[test]
    fn a_refused_refresh_after_an_unanswered_one_is_a_lost_rotation_not_a_revocation() {
        let mut x = refreshing(2);
        assert_eq!(x.refusal_reason(), HealthReason::AccessRevoked);
        x.unconfirmed_refresh = Some(at(3));
        assert_eq!(x.refusal_reason(), HealthReason::RefreshTokenLost);
    }

    #[test]
    fn a_refresh_window_that_ends_makes_a_renewable_connection_expiring() {
        let mut tiktok = refreshing(24);
        tiktok.life.refresh_expires_at = Some(at(24 * 365));
        assert_eq!(tiktok.life.deadline(), Some(at(24 * 365)));
        assert_eq!(tiktok.health(at(24 * 360)).status, HealthStatus::Expiring);
    }
}
