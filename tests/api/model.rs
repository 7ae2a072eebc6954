//! A model-based test of the invitation lifecycle: random sequences of invite, resend,
//! revoke, accept, join (the invite link, in a browser), remove-person and the clock
//! moving, run through the handlers against
//! local AWS, each answer and then the agency's whole list compared after every step
//! with a plain in-memory model of the rules. A failure names its seed and step.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use url::Url;

use crate::helpers::{Endpoint, Reply, TestApp, User};
use crate::markup::{field, has};
use crate::pages::{html, Browser};

const PEOPLE: usize = 3;
const STEPS: usize = 40;
const SEEDS: u64 = 3;
const VALIDITY: Duration = Duration::days(7);
const GUARD_RETENTION: Duration = Duration::days(30);
const RESEND_COOLDOWN: Duration = Duration::minutes(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pending,
    Accepted,
    Revoked,
    Removed,
}

/// One invitation as the model knows it.
#[derive(Debug, Clone)]
struct Modelled {
    person: usize,
    id: String,
    client_id: String,
    token: String,
    kind: Kind,
    expires_at: OffsetDateTime,
    sent_at: OffsetDateTime,
}

impl Modelled {
    /// The status the agency's list shows, as the rules say.
    fn status(&self, now: OffsetDateTime) -> &'static str {
        match self.kind {
            Kind::Pending if now >= self.expires_at => "expired",
            Kind::Pending => "invited",
            Kind::Accepted => "active",
            Kind::Revoked => "revoked",
            Kind::Removed => "deactivated",
        }
    }

    /// How resend, revoke and accept refuse an invitation nobody can act on any more.
    fn closed(&self) -> Option<(u16, &'static str)> {
        match self.kind {
            Kind::Pending => None,
            Kind::Accepted => Some((409, "invitation-already-accepted")),
            Kind::Revoked => Some((410, "invitation-revoked")),
            Kind::Removed => Some((410, "client-removed")),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Invite(usize),
    Resend(usize),
    Revoke(usize),
    Accept(usize),
    Join(usize),
    RemovePerson(usize),
    Wait(Duration),
}

fn random_step(rng: &mut StdRng) -> Step {
    let person = rng.gen_range(0..PEOPLE);
    match rng.gen_range(0..13) {
        0..=2 => Step::Invite(person),
        3 => Step::Resend(person),
        4 => Step::Revoke(person),
        5..=7 => Step::Accept(person),
        8 => Step::Join(person),
        9 => Step::RemovePerson(person),
        _ => Step::Wait(
            [
                Duration::minutes(6),
                Duration::days(1),
                Duration::days(3),
                Duration::days(8),
            ][rng.gen_range(0..4)],
        ),
    }
}

struct Model {
    invitations: Vec<Modelled>,
    /// Each person's membership: none, active, or deactivated (removed).
    members: [Option<bool>; PEOPLE],
}

impl Model {
    fn latest(&self, person: usize) -> Option<&Modelled> {
        self.invitations
            .iter()
            .rev()
            .find(|each| each.person == person)
    }

    fn latest_mut(&mut self, person: usize) -> Option<&mut Modelled> {
        self.invitations
            .iter_mut()
            .rev()
            .find(|each| each.person == person)
    }

    fn is_active_member(&self, person: usize) -> bool {
        self.latest(person)
            .is_some_and(|latest| latest.kind == Kind::Accepted)
    }

    /// What inviting `person` must answer.
    fn invite(&self, person: usize, now: OffsetDateTime) -> (u16, &'static str) {
        if self.is_active_member(person) {
            return (409, "already-member");
        }
        match self.latest(person) {
            // The one-open-invitation guard lives until the open invitation's expiry plus
            // its retention.
            Some(latest)
                if latest.kind == Kind::Pending && now < latest.expires_at + GUARD_RETENTION =>
            {
                (409, "invitation-already-pending")
            }
            _ => (201, ""),
        }
    }

    fn resend(&self, latest: &Modelled, now: OffsetDateTime) -> (u16, &'static str) {
        if let Some(closed) = latest.closed() {
            return closed;
        }
        if now < latest.expires_at && now < latest.sent_at + RESEND_COOLDOWN {
            return (429, "resend-too-soon");
        }
        (200, "")
    }

    fn accept(&self, latest: &Modelled, now: OffsetDateTime) -> (u16, &'static str) {
        if latest.token.is_empty() {
            // Joined through the invite link: there never was an emailed link.
            return (404, "invite-link-not-found");
        }
        match latest.closed() {
            Some(closed) => closed,
            None if now >= latest.expires_at => (410, "invitation-expired"),
            None if self.is_active_member(latest.person) => (409, "already-member"),
            None => (200, ""),
        }
    }

    /// Joining through the invite link: anyone who was never a member of the workspace
    /// (someone removed comes back only by a new invitation).
    fn join(&self, person: usize) -> u16 {
        if self.members[person].is_some() {
            409
        } else {
            200
        }
    }

    fn remove_person(&self, latest: &Modelled) -> (u16, &'static str) {
        match latest.kind {
            Kind::Accepted | Kind::Pending => (200, ""),
            Kind::Revoked => (410, "invitation-revoked"),
            Kind::Removed => (410, "client-removed"),
        }
    }
}

fn check(reply: &Reply, expected: (u16, &str), context: &str) {
    let (status, slug) = expected;
    if slug.is_empty() {
        assert_eq!(reply.status, status, "{context}: {:?}", reply.body);
    } else {
        reply.assert_problem(status, slug);
    }
}

/// The workspace's invite link, enabled.
async fn invite_link(app: &TestApp) -> Url {
    app.invite_link_call(Endpoint::UpdateInviteLink, Some(json!({ "enabled": true })))
        .await
        .assert_ok(200);
    let link = app.invite_link_call(Endpoint::GetInviteLink, None).await;
    Url::parse(link.assert_ok(200)["url"].as_str().unwrap()).unwrap()
}

/// `person` opens the invite link in a browser, signs in and presses Join: the status
/// of the page it ends on (or of the join page, if it offers no form).
async fn join(app: &TestApp, person: &User, link: &Url) -> u16 {
    let mut browser = Browser::new(app).signing_in_as(&person.email);
    let page = browser.open(link).await;
    let signed_in = browser.sign_in_from(&page).await;
    let page = html(&signed_in).to_owned();
    if !has(&page, "form input[name=csrf]") {
        return signed_in.status;
    }
    let done = browser
        .submit(
            "/join",
            &[
                ("token", &field(&page, "token")),
                ("csrf", &field(&page, "csrf")),
            ],
        )
        .await;
    done.status
}

async fn run(seed: u64) {
    let app = TestApp::spawn().await;
    // People who sign in at the local provider, so the browser's join is theirs too.
    let people: Vec<User> = (0..PEOPLE)
        .map(|n| User::signing_in_locally(&format!("model{n}")))
        .collect();
    let mut model = Model {
        invitations: Vec::new(),
        members: [None; PEOPLE],
    };
    let link = invite_link(&app).await;
    let mut rng = StdRng::seed_from_u64(seed);
    for number in 0..STEPS {
        let step = random_step(&mut rng);
        let now = app.clock.now();
        let context = format!("seed {seed}, step {number}: {step:?}");
        match step {
            Step::Invite(person) => {
                let expected = model.invite(person, now);
                let reply = app
                    .invite(&app.owner, json!({ "email": people[person].email }))
                    .await;
                check(&reply, expected, &context);
                if reply.status == 201 {
                    model.invitations.push(Modelled {
                        person,
                        id: reply.body["id"].as_str().unwrap().to_owned(),
                        client_id: reply.body["client_id"].as_str().unwrap().to_owned(),
                        token: app.latest_link_token(&people[person].email).await,
                        kind: Kind::Pending,
                        expires_at: now + VALIDITY,
                        sent_at: now,
                    });
                }
            }
            Step::Resend(person) => {
                let Some(latest) = model.latest(person).cloned() else {
                    continue;
                };
                let reply = app.resend(&app.owner, &latest.id).await;
                check(&reply, model.resend(&latest, now), &context);
                if reply.status == 200 {
                    let token = app.latest_link_token(&people[person].email).await;
                    let renewed = model.latest_mut(person).unwrap();
                    (renewed.token, renewed.expires_at, renewed.sent_at) =
                        (token, now + VALIDITY, now);
                }
            }
            Step::Revoke(person) => {
                let Some(latest) = model.latest(person).cloned() else {
                    continue;
                };
                let reply = app.revoke(&app.owner, &latest.id).await;
                check(&reply, latest.closed().unwrap_or((200, "")), &context);
                if reply.status == 200 {
                    model.latest_mut(person).unwrap().kind = Kind::Revoked;
                }
            }
            Step::Accept(person) => {
                let Some(latest) = model.latest(person).cloned() else {
                    continue;
                };
                let reply = app.accept(&people[person], &latest.token).await;
                check(&reply, model.accept(&latest, now), &context);
                if reply.status == 200 {
                    model.latest_mut(person).unwrap().kind = Kind::Accepted;
                    model.members[person] = Some(true);
                }
            }
            Step::Join(person) => {
                let status = join(&app, &people[person], &link).await;
                assert_eq!(status, model.join(person), "{context}");
                if status == 200 {
                    model.members[person] = Some(true);
                    let listed = app.list(&app.owner, &[("limit", "100")]).await;
                    let joined = listed.assert_ok(200)["items"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|item| {
                            item["email"] == people[person].email.as_str()
                                && !model
                                    .invitations
                                    .iter()
                                    .any(|known| item["id"] == known.id.as_str())
                        })
                        .cloned()
                        .unwrap_or_else(|| panic!("{context}: the joined person is listed"));
                    model.invitations.push(Modelled {
                        person,
                        id: joined["id"].as_str().unwrap().to_owned(),
                        client_id: joined["client_id"].as_str().unwrap().to_owned(),
                        token: String::new(),
                        kind: Kind::Accepted,
                        expires_at: now,
                        sent_at: now,
                    });
                }
            }
            Step::RemovePerson(person) => {
                let Some(latest) = model.latest(person).cloned() else {
                    continue;
                };
                let reply = app.remove_person(&latest.client_id, &latest.id).await;
                check(&reply, model.remove_person(&latest), &context);
                if reply.status == 200 {
                    let removed = model.latest_mut(person).unwrap();
                    removed.kind = if removed.kind == Kind::Accepted {
                        Kind::Removed
                    } else {
                        Kind::Revoked
                    };
                }
            }
            Step::Wait(by) => app.clock.advance(by),
        }
        let now = app.clock.now();
        let listed = app.list(&app.owner, &[("limit", "100")]).await;
        let items = listed.assert_ok(200)["items"].as_array().unwrap().clone();
        assert_eq!(
            items.len(),
            model.invitations.len(),
            "{context}: the list has every invitation"
        );
        for modelled in &model.invitations {
            let item = items.iter().find(|item| item["id"] == modelled.id.as_str());
            let status = item.map(|item| item["status"].as_str().unwrap_or_default());
            assert_eq!(
                status,
                Some(modelled.status(now)),
                "{context}: invitation of person {}",
                modelled.person
            );
        }
    }
}

#[tokio::test]
async fn random_lifecycles_match_the_model_of_the_rules_after_every_step() {
    for seed in 0..SEEDS {
        run(seed).await;
    }
}
