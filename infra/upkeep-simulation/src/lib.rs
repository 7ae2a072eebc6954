//! A month of connection upkeep at the size of a real host product, on a virtual clock,
//! through the real domain policy and no AWS: `Connection::upkeep` and `next_upkeep`
//! decide what the worker does and when, `TokenLife::serving` what the token service
//! renews on demand, `fair_shares` how the dispatcher shares a run among the due index's
//! shards, and the dispatcher's in-flight time and budget are the deployed ones.
//!
//! What is modelled around that policy, and how:
//! - the platforms' token lifetimes, as their documentation gives them (`MIX`);
//! - the host: each connection is published to on a share of days, at a random time,
//!   with three token requests in ten minutes (the upload asks for 30 minutes of
//!   validity, the two status polls for the default);
//! - people: a grant revoked at the platform now and then, a share of people reconnecting
//!   after "Action needed", transient platform failures (retried with the policy's
//!   backoff);
//! - the fan-out: a dispatcher run a minute with its budget, a queue, and workers whose
//!   capacity is their concurrency times what one batch does per second;
//! - DynamoDB's request units per operation the code makes (`Costs`).
//!
//! It prints platform calls per connection per day by platform, the worst lateness of
//! keep-alives and reminders, connections lost other than by revocation, and request
//! units per day with their monthly price; and it draws the month as an SVG chart.

pub mod chart;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, VecDeque};

use clientconnect::domain::{
    fair_shares, Broken, Connection, ConnectionId, ConnectionOwner, HealthReason, MinValidity,
    Notice, Platform, Renewal, Serving, TokenLife, Upkeep,
};
use clientconnect::service::dispatch::IN_FLIGHT;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::OffsetDateTime;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// Shards of the due index (as `store::keys::DUE_SHARDS`).
const SHARDS: usize = 16;
/// The simulated month starts here (any instant would do).
const START: i64 = 1_796_083_200; // 2026-12-01T00:00:00Z

/// One platform as its documentation describes its tokens, and its share of the mix.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    pub platform: Platform,
    pub share: f64,
    pub renewal: Renewal,
    /// The access token's life (`None`: it does not expire).
    pub access: Option<i64>,
    /// A refresh token's fixed window from the first consent (TikTok, LinkedIn).
    pub refresh_window: Option<i64>,
    /// A refresh token that dies unused for this long (Google: six months).
    pub idle_lapse: Option<i64>,
}

/// A realistic mix for a short-video-heavy host product.
pub const MIX: [Model; 6] = [
    Model {
        platform: Platform::Youtube,
        share: 0.35,
        renewal: Renewal::RefreshToken,
        access: Some(HOUR),
        refresh_window: None,
        idle_lapse: Some(182 * DAY),
    },
    Model {
        platform: Platform::Tiktok,
        share: 0.25,
        renewal: Renewal::RefreshToken,
        access: Some(DAY),
        refresh_window: Some(365 * DAY),
        idle_lapse: None,
    },
    Model {
        platform: Platform::Instagram,
        share: 0.20,
        renewal: Renewal::SelfRefresh,
        access: Some(60 * DAY),
        refresh_window: None,
        idle_lapse: None,
    },
    Model {
        platform: Platform::Facebook,
        share: 0.10,
        renewal: Renewal::Nothing,
        access: None,
        refresh_window: None,
        idle_lapse: None,
    },
    Model {
        platform: Platform::Linkedin,
        share: 0.05,
        renewal: Renewal::RefreshToken,
        access: Some(60 * DAY),
        refresh_window: Some(365 * DAY),
        idle_lapse: None,
    },
    Model {
        platform: Platform::X,
        share: 0.05,
        renewal: Renewal::RefreshToken,
        access: Some(2 * HOUR),
        refresh_window: None,
        idle_lapse: None,
    },
];

/// DynamoDB request units of the operations the code makes (an item of about 1.5 KB
/// with its sealed tokens; the due index is keys only): what a read or write costs,
/// with a due index move as a delete and a put of its entry.
pub struct Costs;

impl Costs {
    const GET: f64 = 1.0; // consistent GetItem, under 4 KB
    const INDEX_QUERY: f64 = 0.5; // eventually consistent Query page of small keys
    const UPDATE: f64 = 2.0; // UpdateItem of a 1.5 KB item
    const INDEX_MOVE: f64 = 2.0; // a due entry deleted and put in the index
    const CLAIM: f64 = 8.0; // a notice claimed with its change: a transaction of three items
    /// us-east-1 on-demand prices, per million request units.
    pub const WRITE_PRICE: f64 = 0.625;
    pub const READ_PRICE: f64 = 0.125;
    /// SQS standard, per million requests.
    pub const SQS_PRICE: f64 = 0.40;
}

/// What the run is asked to simulate.
#[derive(Debug, Clone)]
pub struct Settings {
    pub connections: usize,
    pub days: i64,
    pub seed: u64,
    /// The share of days a connection is published to.
    pub publish_share: f64,
    /// Grants revoked at the platform per connection per day.
    pub revoke_rate: f64,
    /// The share of people who reconnect after "Action needed".
    pub reconnect_share: f64,
    /// Platform calls that fail (5xx before any work) and are retried later.
    pub failure_rate: f64,
    /// The dispatcher's budget per one-minute run (`UpkeepDispatchPerRun`).
    pub dispatch_per_run: usize,
    /// Tasks the workers finish per minute (concurrency × batch × 60 / task seconds).
    pub worker_capacity_per_minute: usize,
    /// Days left out of the steady-state averages (the first keep-alives of a month).
    pub warm_up_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            connections: 1_000_000,
            days: 30,
            seed: 17,
            publish_share: 0.6,
            revoke_rate: 0.0005,
            reconnect_share: 0.7,
            failure_rate: 0.005,
            dispatch_per_run: 6_000,
            // 20 workers × 10 tasks a batch / 0.4 s a batch.
            worker_capacity_per_minute: 20 * 10 * 60 * 10 / 4,
            warm_up_days: 3,
        }
    }
}

/// A connection and what the simulation knows beside it.
struct Simulated {
    connection: Connection,
    model: usize,
    /// Its due index entry (due time), as the store would hold it.
    entry: Option<i64>,
    /// Revoked at the platform; found at the next platform call.
    revoked: bool,
    /// When its refresh token was last used (for an idle lapse).
    refresh_used: i64,
    /// Lost other than by revocation (a lapse the upkeep should have prevented).
    lost: bool,
    /// The end of a fixed refresh window, restarted by a reconnect.
    window_ends: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    /// One token request of the host (`wanted` validity in minutes).
    TokenRequest {
        wanted: u16,
    },
    Revoke,
    Reconnect,
}

/// What the work on one day added up to.
#[derive(Debug, Default, Clone)]
pub struct Day {
    /// Platform calls by platform (`Platform::ALL` order): renewals and checks.
    pub calls: [u64; 6],
    pub on_demand_renewals: [u64; 6],
    /// Due entries not done yet (in the index or the queue) at the worst of the day's
    /// ten-minute marks, by platform.
    pub worst_backlog: [u64; 6],
    pub reads: f64,
    pub writes: f64,
    pub sqs_requests: f64,
    pub emails: u64,
    pub host_refusals: u64,
}

/// The month's figures.
#[derive(Debug, Default)]
pub struct Outcome {
    pub days: Vec<Day>,
    pub connections_by_platform: [u64; 6],
    /// The latest a task of each kind was done after it was due, in seconds.
    pub worst_keep_alive_late: i64,
    pub worst_reminder_late: i64,
    pub worst_renewal_late: i64,
    pub lost_other_than_revocation: u64,
    pub revoked: u64,
    pub deadlines_reached: u64,
    pub reconnected: u64,
    pub tasks_done: u64,
}

impl Outcome {
    /// Platform calls per connection per day, by platform, over the steady-state days.
    pub fn calls_per_connection_day(&self, warm_up: i64) -> [f64; 6] {
        let steady = &self.days[warm_up.min(self.days.len() as i64) as usize..];
        let mut per = [0.0; 6];
        for (index, per) in per.iter_mut().enumerate() {
            let calls: u64 = steady.iter().map(|day| day.calls[index]).sum();
            let connections = self.connections_by_platform[index].max(1) as f64;
            *per = calls as f64 / connections / steady.len().max(1) as f64;
        }
        per
    }

    pub fn mean_per_day(&self, warm_up: i64, value: impl Fn(&Day) -> f64) -> f64 {
        let steady = &self.days[warm_up.min(self.days.len() as i64) as usize..];
        steady.iter().map(value).sum::<f64>() / steady.len().max(1) as f64
    }
}

struct Sim {
    settings: Settings,
    rng: StdRng,
    all: Vec<Simulated>,
    index: Vec<BTreeSet<(i64, u32)>>,
    queue: VecDeque<(u32, i64)>,
    events: BinaryHeap<Reverse<(i64, u32, Event)>>,
    outcome: Outcome,
    today: Day,
}

fn at(seconds: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn platform_index(platform: Platform) -> usize {
    Platform::ALL
        .iter()
        .position(|each| *each == platform)
        .unwrap_or(0)
}

/// Runs the simulation.
pub fn simulate(settings: Settings) -> Outcome {
    let mut sim = Sim::new(settings);
    sim.run();
    sim.outcome
}

impl Sim {
    fn new(settings: Settings) -> Self {
        let mut rng = StdRng::seed_from_u64(settings.seed);
        let workspace = "ws-simulated".parse().expect("a valid workspace id");
        let mut all = Vec::with_capacity(settings.connections);
        let mut outcome = Outcome::default();
        for _ in 0..settings.connections {
            let pick: f64 = rng.gen();
            let mut cumulative = 0.0;
            let model = MIX
                .iter()
                .position(|model| {
                    cumulative += model.share;
                    pick < cumulative
                })
                .unwrap_or(MIX.len() - 1);
            // Connected at any time in the past year (fixed windows end all month long),
            // its tokens last obtained within the past day.
            let connected = START - rng.gen_range(0..365 * DAY);
            let obtained = START - rng.gen_range(0..DAY).min(START - connected);
            let spec = MIX[model];
            let issued = match spec.renewal {
                // Instagram's long-lived token: renewed anywhere in its 60 days.
                Renewal::SelfRefresh => START - rng.gen_range(0..50 * DAY).min(START - connected),
                _ => obtained,
            };
            let window_ends = spec.refresh_window.map(|window| connected + window);
            let life = TokenLife {
                renewal: spec.renewal,
                issued_at: at(issued),
                access_expires_at: spec.access.map(|access| at(issued + access)),
                refresh_expires_at: window_ends.map(at),
            };
            let connection = Connection {
                connection_id: ConnectionId::generate(),
                workspace_id: workspace_clone(&workspace),
                platform: spec.platform,
                account_id: String::new(),
                display_name: String::new(),
                avatar_url: None,
                owner: ConnectionOwner::Agency,
                owner_key: String::new(),
                assigned_to: None,
                assignments: Default::default(),
                assignments_version: 0,
                stands_in_for: None,
                shared_grant: None,
                connected_by: "simulated".parse().expect("a valid user id"),
                connected_at: at(connected),
                refreshed_at: at(obtained),
                life,
                scopes: Vec::new(),
                broken: None,
                healthy_since: at(connected),
                checked_at: Some(at(obtained)),
                notices: BTreeMap::new(),
                failures: 0,
                retry_at: None,
                unconfirmed_refresh: None,
                renewed_on_demand_at: None,
                reported_health: None,
            };
            outcome.connections_by_platform[platform_index(spec.platform)] += 1;
            all.push(Simulated {
                connection,
                model,
                entry: None,
                revoked: false,
                refresh_used: obtained,
                lost: false,
                window_ends,
            });
        }
        let mut sim = Self {
            rng,
            index: vec![BTreeSet::new(); SHARDS],
            queue: VecDeque::new(),
            events: BinaryHeap::new(),
            all,
            outcome,
            today: Day::default(),
            settings,
        };
        for id in 0..sim.all.len() as u32 {
            sim.reindex(id, START);
        }
        sim
    }

    fn run(&mut self) {
        for day in 0..self.settings.days {
            let day_start = START + day * DAY;
            self.plan_day(day_start);
            for minute in 0..(DAY / 60) {
                let now = day_start + minute * 60;
                self.host_until(now + 60);
                // What waits for the dispatcher's next run (the minute's new due work).
                if minute % 10 == 9 {
                    self.measure_backlog(now + 60);
                }
                self.dispatch(now + 60);
                self.work(now + 60);
            }
            self.outcome.days.push(std::mem::take(&mut self.today));
        }
        let end = START + self.settings.days * DAY;
        let waiting = self
            .index
            .iter()
            .flat_map(|shard| shard.range(..(end, 0)).next().map(|(due, _)| end - due))
            .chain(self.queue.front().map(|(_, due)| end - due))
            .max()
            .unwrap_or(0);
        self.outcome.worst_keep_alive_late = self.outcome.worst_keep_alive_late.max(waiting);
        for simulated in &mut self.all {
            let lapsed = simulated.connection.broken.is_none()
                && simulated.connection.life.renewal == Renewal::SelfRefresh
                && simulated
                    .connection
                    .life
                    .access_expires_at
                    .is_some_and(|expires| expires <= at(end));
            if lapsed {
                simulated.lost = true;
            }
        }
        self.outcome.lost_other_than_revocation =
            self.all.iter().filter(|simulated| simulated.lost).count() as u64;
    }

    /// The day's publishing sessions and revocations.
    fn plan_day(&mut self, day_start: i64) {
        for id in 0..self.all.len() as u32 {
            if self.rng.gen_bool(self.settings.publish_share) {
                let start = day_start + self.rng.gen_range(0..DAY);
                for (offset, wanted) in [(0, 30), (300, 2), (600, 2)] {
                    self.events.push(Reverse((
                        start + offset,
                        id,
                        Event::TokenRequest { wanted },
                    )));
                }
            }
            if self.rng.gen_bool(self.settings.revoke_rate) {
                let when = day_start + self.rng.gen_range(0..DAY);
                self.events.push(Reverse((when, id, Event::Revoke)));
            }
        }
    }

    fn host_until(&mut self, until: i64) {
        while let Some(Reverse((when, id, event))) = self.events.peek().copied() {
            if when >= until {
                break;
            }
            self.events.pop();
            match event {
                Event::TokenRequest { wanted } => self.token_request(id, when, wanted),
                Event::Revoke => {
                    self.all[id as usize].revoked = true;
                    self.outcome.revoked += 1;
                }
                Event::Reconnect => self.reconnect(id, when),
            }
        }
    }

    /// The token service: one read, and a renewal only when `serving` says so.
    fn token_request(&mut self, id: u32, now: i64, wanted_minutes: u16) {
        self.today.reads += Costs::GET;
        let simulated = &self.all[id as usize];
        if simulated.connection.health(at(now)).status
            == clientconnect::domain::HealthStatus::NeedsReconnect
        {
            self.today.host_refusals += 1;
            return;
        }
        let wanted = MinValidity::parse(i64::from(wanted_minutes) * 60).unwrap_or_default();
        if let Serving::Renew { required } = simulated.connection.life.serving(at(now), wanted) {
            let platform = platform_index(simulated.connection.platform);
            self.today.on_demand_renewals[platform] += 1;
            match self.platform_call(id, now, Call::Renew { for_host: true }) {
                Called::Worked => {}
                Called::Refused | Called::Failed if required => self.today.host_refusals += 1,
                _ => {}
            }
        }
    }

    /// One platform call for a connection: a renewal, or a check. Applies its outcome
    /// as the service does and says what it was.
    fn platform_call(&mut self, id: u32, now: i64, call: Call) -> Called {
        let renew = matches!(call, Call::Renew { .. });
        let failure_rate = self.settings.failure_rate;
        let failed = self.rng.gen_bool(failure_rate);
        let simulated = &mut self.all[id as usize];
        let spec = MIX[simulated.model];
        self.today.calls[platform_index(spec.platform)] += 1;
        let connection = &mut simulated.connection;
        if failed {
            connection.failures += 1;
            connection.retry_at = Some(connection.backoff(at(now)));
            self.today.writes += Costs::UPDATE + Costs::INDEX_MOVE;
            self.reindex(id, now);
            return Called::Failed;
        }
        let idle = spec
            .idle_lapse
            .is_some_and(|lapse| now - simulated.refresh_used > lapse);
        if renew && idle {
            simulated.lost = true;
        }
        if simulated.revoked || (renew && idle) {
            connection.broken = Some(Broken {
                reason: HealthReason::AccessRevoked,
                since: at(now),
            });
            connection.failures = 0;
            connection.retry_at = None;
            self.notify(id, now, Notice::NeedsReconnect);
            return Called::Refused;
        }
        connection.failures = 0;
        connection.retry_at = None;
        connection.checked_at = Some(at(now));
        if renew {
            // As the renewal stores it: a new access token, the window kept.
            connection.life.issued_at = at(now);
            connection.life.access_expires_at = spec.access.map(|access| at(now + access));
            connection.refreshed_at = at(now);
            if call == (Call::Renew { for_host: true }) {
                connection.renewed_on_demand_at = Some(at(now));
            }
            simulated.refresh_used = now;
            self.today.writes += Costs::UPDATE * 2.0 + Costs::INDEX_MOVE; // lease, tokens
        } else {
            self.today.writes += Costs::UPDATE + Costs::INDEX_MOVE;
        }
        self.reindex(id, now);
        Called::Worked
    }

    fn notify(&mut self, id: u32, now: i64, notice: Notice) {
        let connection = &mut self.all[id as usize].connection;
        connection.notices.insert(notice, now);
        self.today.writes += Costs::CLAIM + Costs::INDEX_MOVE;
        self.today.reads += Costs::GET + Costs::GET; // the workspace, the people
        self.today.emails += 1;
        if notice == Notice::NeedsReconnect && self.rng.gen_bool(self.settings.reconnect_share) {
            let when = now + self.rng.gen_range(HOUR..2 * DAY);
            self.events.push(Reverse((when, id, Event::Reconnect)));
        }
        self.reindex(id, now);
    }

    /// The client reconnects the same account: a new grant, healthy again.
    fn reconnect(&mut self, id: u32, now: i64) {
        let simulated = &mut self.all[id as usize];
        let spec = MIX[simulated.model];
        let connection = &mut simulated.connection;
        connection.life = TokenLife {
            renewal: spec.renewal,
            issued_at: at(now),
            access_expires_at: spec.access.map(|access| at(now + access)),
            refresh_expires_at: spec.refresh_window.map(|window| at(now + window)),
        };
        simulated.window_ends = spec.refresh_window.map(|window| now + window);
        connection.broken = None;
        connection.notices.clear();
        connection.checked_at = Some(at(now));
        connection.refreshed_at = at(now);
        connection.failures = 0;
        connection.retry_at = None;
        simulated.revoked = false;
        simulated.refresh_used = now;
        self.outcome.reconnected += 1;
        self.today.writes += Costs::CLAIM + Costs::INDEX_MOVE;
        self.reindex(id, now);
    }

    /// Moves a connection's due index entry to where `next_upkeep` puts it.
    fn reindex(&mut self, id: u32, now: i64) {
        let simulated = &mut self.all[id as usize];
        let due = simulated
            .connection
            .next_upkeep(at(now))
            .map(OffsetDateTime::unix_timestamp);
        if due == simulated.entry {
            return;
        }
        let shard = id as usize % SHARDS;
        if let Some(old) = simulated.entry {
            self.index[shard].remove(&(old, id));
        }
        if let Some(new) = due {
            self.index[shard].insert((new, id));
        }
        simulated.entry = due;
    }

    /// The dispatcher's run: a fair share of its budget from each shard, each entry
    /// marked in flight and queued.
    fn dispatch(&mut self, now: i64) {
        self.today.sqs_requests += 1.0; // the backlog
        let backlog = self.queue.len();
        let per_run = self.settings.dispatch_per_run;
        let mut left = per_run.min((2 * per_run).saturating_sub(backlog));
        let mut open: Vec<usize> = (0..SHARDS).collect();
        for _ in 0..3 {
            if left == 0 || open.is_empty() {
                break;
            }
            let shares = fair_shares(left, open.len(), (now / 60) as usize);
            let mut still_open = Vec::new();
            for (shard, share) in open.iter().copied().zip(shares) {
                self.today.reads += Costs::INDEX_QUERY;
                let due: Vec<(i64, u32)> = self.index[shard]
                    .range(..(now + 1, 0))
                    .take(share)
                    .copied()
                    .collect();
                left -= due.len();
                if due.len() == share && share > 0 {
                    still_open.push(shard);
                }
                for (at_time, id) in due {
                    self.index[shard].remove(&(at_time, id));
                    let in_flight = now + IN_FLIGHT.whole_seconds();
                    self.index[shard].insert((in_flight, id));
                    self.all[id as usize].entry = Some(in_flight);
                    self.queue.push_back((id, at_time));
                    self.today.writes += Costs::INDEX_MOVE + 1.0;
                    self.today.sqs_requests += 0.1;
                }
            }
            open = still_open;
        }
    }

    /// The workers: as many queued tasks as their capacity allows this minute.
    fn work(&mut self, now: i64) {
        for _ in 0..self.settings.worker_capacity_per_minute {
            let Some((id, due)) = self.queue.pop_front() else {
                break;
            };
            self.today.sqs_requests += 0.2; // received and deleted in batches of ten
            self.today.reads += Costs::GET;
            self.outcome.tasks_done += 1;
            let late = now - due;
            let upkeep = self.all[id as usize].connection.upkeep(at(now));
            match upkeep {
                None => self.reindex(id, now),
                Some(Upkeep::Check) => {
                    self.outcome.worst_keep_alive_late =
                        self.outcome.worst_keep_alive_late.max(late);
                    self.platform_call(id, now, Call::Check);
                }
                Some(Upkeep::Renew) => {
                    let lapse =
                        self.all[id as usize].connection.life.renewal == Renewal::SelfRefresh;
                    let worst = if lapse {
                        &mut self.outcome.worst_renewal_late
                    } else {
                        &mut self.outcome.worst_keep_alive_late
                    };
                    *worst = (*worst).max(late);
                    let lapsed = self.all[id as usize]
                        .connection
                        .life
                        .access_expires_at
                        .is_some_and(|expires| lapse && expires <= at(now));
                    if lapsed {
                        self.all[id as usize].lost = true;
                    }
                    self.platform_call(id, now, Call::Renew { for_host: false });
                }
                Some(Upkeep::Expire) => {
                    self.outcome.deadlines_reached += 1;
                    let connection = &mut self.all[id as usize].connection;
                    let deadline = connection.life.deadline().unwrap_or(at(now));
                    connection.broken = Some(Broken {
                        reason: HealthReason::Expired,
                        since: deadline,
                    });
                    self.notify(id, now, Notice::NeedsReconnect);
                }
                Some(Upkeep::Notify(notice)) => {
                    if notice != Notice::NeedsReconnect {
                        self.outcome.worst_reminder_late =
                            self.outcome.worst_reminder_late.max(late);
                    }
                    self.notify(id, now, notice);
                }
            }
        }
    }

    fn measure_backlog(&mut self, now: i64) {
        let mut overdue = [0u64; 6];
        for shard in &self.index {
            for (_, id) in shard.range(..(now, 0)) {
                overdue[platform_index(self.all[*id as usize].connection.platform)] += 1;
            }
        }
        for (index, queued) in self.queue.iter() {
            let _ = queued;
            overdue[platform_index(self.all[*index as usize].connection.platform)] += 1;
        }
        for (worst, now) in self.today.worst_backlog.iter_mut().zip(overdue) {
            *worst = (*worst).max(now);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    Check,
    Renew { for_host: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Called {
    Worked,
    Refused,
    Failed,
}

fn workspace_clone(
    workspace: &clientconnect::domain::WorkspaceId,
) -> clientconnect::domain::WorkspaceId {
    workspace.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Settings {
        Settings {
            connections: 2_000,
            days: 6,
            dispatch_per_run: 50,
            worker_capacity_per_minute: 50,
            ..Settings::default()
        }
    }

    #[test]
    fn a_month_of_the_policy_makes_at_most_about_one_platform_call_per_connection_a_day() {
        let settings = small();
        let warm_up = settings.warm_up_days;
        let outcome = simulate(settings);
        for (platform, calls) in Platform::ALL
            .iter()
            .zip(outcome.calls_per_connection_day(warm_up))
        {
            assert!(calls <= 1.1, "{platform:?}: {calls:.2} calls a day");
        }
        assert_eq!(outcome.lost_other_than_revocation, 0);
        assert!(
            outcome.worst_keep_alive_late < 2 * HOUR,
            "keep-alives late by {}s",
            outcome.worst_keep_alive_late
        );
    }

    #[test]
    fn a_dispatcher_too_small_for_the_load_shows_as_lateness_not_as_lost_connections() {
        let outcome = simulate(Settings {
            connections: 5_000,
            dispatch_per_run: 1,
            worker_capacity_per_minute: 1,
            ..small()
        });
        assert!(outcome.worst_keep_alive_late > DAY / 2, "{outcome:?}");
    }
}
