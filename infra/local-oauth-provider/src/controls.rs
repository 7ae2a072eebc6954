//! The served provider's test controls, as HTTP routes under `/_local/` (what the tests
//! do through [`LocalProvider`](crate::LocalProvider)'s methods), and the index page at
//! `/` that lists every route of the provider and the grants made so far.
//!
//! Each control takes its parameters from the query string or a form body alike
//! (`curl -d platform=youtube …`) and answers JSON; a bad parameter is a 400 that says
//! which.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use wiremock::{Request, Respond, ResponseTemplate};

use crate::oidc::escape;
use crate::{
    consent, default_lifetimes, html, pairs, revoke_grants, route, Injected, Lifetimes, Route,
    State, OIDC_ROUTES, PLATFORMS, PLATFORM_ROUTES,
};

/// The index page and the controls.
pub(crate) const ROUTES: &[Route] = &[
    route(
        "GET",
        "^/$",
        "index",
        "/",
        "This page",
    ),
    route(
        "GET",
        "^/_local/grants$",
        "grants",
        "/_local/grants",
        "Every consent so far: platform, account, what it manages, whether revoked, its token-endpoint calls",
    ),
    route(
        "GET",
        "^/_local/token-calls$",
        "token-calls",
        "/_local/token-calls?platform=&account_id=",
        "How many times the token endpoints were called for this account's grants (the code exchange included)",
    ),
    route(
        "POST",
        "^/_local/revoke$",
        "revoke",
        "/_local/revoke  platform, account_id",
        "The person withdraws access at the platform: refreshing is invalid_grant and the grant's tokens are refused",
    ),
    route(
        "POST",
        "^/_local/inject$",
        "inject",
        "/_local/inject  status= | after_work= | delay_ms=, times=1",
        "The next token-endpoint calls (any platform) answer this status instead of working, or this status after working (the answer lost: a rotating refresh token is spent), or correctly but this late",
    ),
    route(
        "POST",
        "^/_local/lifetimes$",
        "lifetimes",
        "/_local/lifetimes  platform, access=<s>|none, refresh=<s>|none",
        "Token lifetimes of what the platform issues next; a value left out is the platform's own",
    ),
    route(
        "POST",
        "^/_local/grant-only$",
        "grant-only",
        "/_local/grant-only  platform, scope (repeated)",
        "The person unticks permissions: the next consents grant only these (none given: all again)",
    ),
    route(
        "POST",
        "^/_local/decline$",
        "decline",
        "/_local/decline  platform, scope",
        "The person unticks this one permission at the next consents (Facebook's me/permissions says declined; elsewhere the token response leaves it out); reset undoes it",
    ),
    route(
        "POST",
        "^/_local/next-consent$",
        "next-consent",
        "/_local/next-consent  platform, account_id, account_name, manages=<id>:<name>, moderates=<id>:<name>",
        "Who the next consents sign in as and what they manage (moderates: a Facebook Page they may only moderate); the consent page starts from it",
    ),
    route(
        "POST",
        "^/_local/reset$",
        "reset",
        "/_local/reset",
        "Every control back to its default (the grants and their tokens stay)",
    ),
];

pub(crate) struct Control {
    pub(crate) kind: &'static str,
    pub(crate) state: Arc<Mutex<State>>,
}

fn refuse(description: String) -> ResponseTemplate {
    ResponseTemplate::new(400)
        .set_body_json(json!({ "error": "invalid_request", "error_description": description }))
}

fn field<'a>(fields: &'a [(String, String)], wanted: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(name, value)| name == wanted && !value.is_empty())
        .map(|(_, value)| value.as_str())
}

fn required<'a>(fields: &'a [(String, String)], wanted: &str) -> Result<&'a str, String> {
    field(fields, wanted).ok_or_else(|| format!("{wanted} is missing"))
}

fn platform(fields: &[(String, String)]) -> Result<String, String> {
    let platform = required(fields, "platform")?;
    if PLATFORMS.contains(&platform) {
        Ok(platform.to_owned())
    } else {
        Err(format!("platform must be one of {}", PLATFORMS.join(", ")))
    }
}

fn number<T: std::str::FromStr>(
    fields: &[(String, String)],
    wanted: &str,
) -> Result<Option<T>, String> {
    field(fields, wanted)
        .map(|raw| {
            raw.parse()
                .map_err(|_| format!("{wanted} must be a whole number"))
        })
        .transpose()
}

/// `access` or `refresh`: seconds, `none` (no expiry sent), or the platform's own.
fn lifetime(
    fields: &[(String, String)],
    wanted: &str,
    own: Option<u64>,
) -> Result<Option<u64>, String> {
    match field(fields, wanted) {
        None => Ok(own),
        Some("none") => Ok(None),
        Some(_) => number(fields, wanted),
    }
}

impl Respond for Control {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut fields = pairs(request.url.query().unwrap_or_default().as_bytes());
        fields.extend(pairs(&request.body));
        let mut state = self.state.lock().unwrap();
        if self.kind == "index" {
            let host = request
                .headers
                .get("host")
                .and_then(|host| host.to_str().ok());
            return html(index(
                &state,
                &format!("http://{}", host.unwrap_or("127.0.0.1:9200")),
            ));
        }
        match control(self.kind, &mut state, &fields) {
            Ok(answer) => ResponseTemplate::new(200).set_body_json(answer),
            Err(description) => refuse(description),
        }
    }
}

fn control(kind: &str, state: &mut State, fields: &[(String, String)]) -> Result<Value, String> {
    let answer = match kind {
        "grants" => json!(state
            .grants
            .iter()
            .map(|grant| json!({
                "platform": grant.platform,
                "account_id": grant.account.id,
                "account_name": grant.account.name,
                "manages": grant.account.managed.iter().map(|managed| json!({
                    "id": managed.id, "name": managed.name, "tasks": managed.tasks,
                })).collect::<Vec<_>>(),
                "revoked": grant.revoked,
                "token_calls": grant.token_calls,
            }))
            .collect::<Vec<_>>()),
        "token-calls" => {
            let platform = platform(fields)?;
            let account = required(fields, "account_id")?;
            let calls: u32 = state
                .grants_of(&platform, account)
                .map(|grant| grant.token_calls)
                .sum();
            json!({ "platform": platform, "account_id": account, "token_calls": calls })
        }
        "revoke" => {
            let platform = platform(fields)?;
            let account = required(fields, "account_id")?;
            json!({ "revoked": revoke_grants(state, &platform, account) })
        }
        "inject" => {
            let injected = match (
                number::<u16>(fields, "status")?,
                number::<u16>(fields, "after_work")?,
                number::<u64>(fields, "delay_ms")?,
            ) {
                (Some(status), None, None) => Injected::Status(status),
                (None, Some(status), None) => Injected::AfterWork(status),
                (None, None, Some(millis)) => Injected::Delay(Duration::from_millis(millis)),
                _ => return Err("give one of status, after_work or delay_ms".into()),
            };
            let times = number::<usize>(fields, "times")?.unwrap_or(1).min(100);
            state.injected.extend(std::iter::repeat_n(injected, times));
            json!({ "waiting": state.injected.len() })
        }
        "lifetimes" => {
            let platform = platform(fields)?;
            let own = default_lifetimes(&platform);
            let lifetimes = Lifetimes {
                access: lifetime(fields, "access", own.access)?,
                refresh: lifetime(fields, "refresh", own.refresh)?,
            };
            state.lifetimes.insert(platform.clone(), lifetimes);
            json!({ "platform": platform, "access": lifetimes.access, "refresh": lifetimes.refresh })
        }
        "grant-only" => {
            let platform = platform(fields)?;
            let scopes: Vec<String> = fields
                .iter()
                .filter(|(name, value)| name == "scope" && !value.is_empty())
                .map(|(_, value)| value.clone())
                .collect();
            if scopes.is_empty() {
                state.granted_scopes.remove(&platform);
            } else {
                state
                    .granted_scopes
                    .insert(platform.clone(), scopes.clone());
            }
            json!({ "platform": platform, "scopes": (!scopes.is_empty()).then_some(scopes) })
        }
        "decline" => {
            let platform = platform(fields)?;
            let scope = required(fields, "scope")?.to_owned();
            let declined = state.declined.entry(platform.clone()).or_default();
            declined.push(scope);
            json!({ "platform": platform, "declined": declined })
        }
        "next-consent" => {
            let platform = platform(fields)?;
            let account = consent::account_from(fields, state.next_account(&platform));
            let answer = json!({
                "platform": platform, "account_id": account.id, "account_name": account.name,
                "manages": account.managed.iter().map(|managed| &managed.id).collect::<Vec<_>>(),
            });
            state.accounts.insert(platform, account);
            answer
        }
        "reset" => {
            state.reset_controls();
            json!({ "reset": true })
        }
        other => return Err(format!("no control {other}")),
    };
    Ok(answer)
}

fn rows(routes: &[Route]) -> String {
    routes
        .iter()
        .map(|route| {
            format!(
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
                route.verb,
                escape(route.shown),
                escape(route.doc)
            )
        })
        .collect()
}

fn table(caption: &str, routes: &[Route]) -> String {
    format!(
        "<table><caption>{caption}</caption>\n<thead><tr><th scope=\"col\">Method</th><th scope=\"col\">Path</th><th scope=\"col\">What it is</th></tr></thead>\n<tbody>\n{}</tbody></table>\n",
        rows(routes)
    )
}

/// The index page: every route, how to call a control, and the grants so far.
fn index(state: &State, base: &str) -> String {
    let grants: String = state
        .grants
        .iter()
        .map(|grant| {
            let manages: Vec<&str> = grant.account.managed.iter().map(|managed| managed.name.as_str()).collect();
            format!(
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&grant.platform),
                escape(&grant.account.id),
                escape(&grant.account.name),
                escape(&manages.join(", ")),
                if grant.revoked { "revoked" } else { "live" },
                grant.token_calls,
            )
        })
        .collect();
    let grants = if grants.is_empty() {
        "<p>No consent yet.</p>".to_owned()
    } else {
        format!(
            "<table><caption>Grants so far (also <a href=\"/_local/grants\">as JSON</a>)</caption>\n<thead><tr><th scope=\"col\">Platform</th><th scope=\"col\">Account id</th><th scope=\"col\">Name</th><th scope=\"col\">Manages</th><th scope=\"col\">State</th><th scope=\"col\">Token calls</th></tr></thead>\n<tbody>\n{grants}</tbody></table>"
        )
    };
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local OAuth provider</title>
<style>body{{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
table{{border-collapse:collapse;margin:1rem 0 2rem}} caption{{text-align:left;font-weight:bold;padding:.3rem 0}}
th,td{{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}} code{{white-space:nowrap}}</style></head>
<body><main><h1>Local OAuth provider</h1>
<p>It stands in for {platforms} (<code>{{platform}}</code> below), and is the OpenID Connect
provider people sign in with on the pages. Nothing here is real: any email signs in, and
the consent page says who the platform account is.</p>
<h2>Routes</h2>
{oidc}{platform_routes}
<h2>Test controls</h2>
<p>Parameters go in the query string or a form body, and every control answers JSON, for
example <code>curl -d platform=youtube -d account_id=youtube-account-1 {base}/_local/revoke</code>
or <code>curl -d status=503 {base}/_local/inject</code>.</p>
{controls}
<h2>Grants</h2>
{grants}
</main></body></html>"#,
        platforms = PLATFORMS.join(", "),
        oidc = table("Signing in (OpenID Connect)", OIDC_ROUTES),
        platform_routes = table("The platforms", PLATFORM_ROUTES),
        controls = table("Controls", ROUTES),
        base = escape(base),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::owned_pairs;

    /// The control `kind` given these parameters.
    fn run(state: &mut State, kind: &str, given: &[(&str, &str)]) -> Result<Value, String> {
        control(kind, state, &owned_pairs(given))
    }

    #[test]
    fn the_index_lists_every_route_and_control() {
        let page = index(&State::default(), "http://127.0.0.1:9200");
        for route in OIDC_ROUTES.iter().chain(PLATFORM_ROUTES).chain(ROUTES) {
            assert!(page.contains(&escape(route.shown)), "{}", route.shown);
        }
        assert!(page.contains("No consent yet"));
    }

    #[test]
    fn a_control_refuses_an_unknown_platform_or_a_missing_parameter() {
        let mut state = State::default();
        for (kind, given) in [
            ("revoke", vec![("platform", "myspace"), ("account_id", "a")]),
            ("revoke", vec![("platform", "x")]),
            ("inject", vec![("status", "503"), ("delay_ms", "10")]),
            ("inject", vec![("status", "five")]),
            ("lifetimes", vec![("platform", "x"), ("access", "soon")]),
        ] {
            let answer = run(&mut state, kind, &given);
            assert!(answer.is_err(), "{kind} {given:?}");
        }
    }

    #[test]
    fn lifetimes_left_out_are_the_platforms_own_and_none_sends_no_expiry() {
        let mut state = State::default();
        for (given, expected) in [
            (("access", "60"), (Some(60), Some(31_536_000))),
            (("refresh", "none"), (Some(86_400), None)),
        ] {
            run(&mut state, "lifetimes", &[("platform", "tiktok"), given]).unwrap();
            let set = state.lifetimes("tiktok");
            assert_eq!((set.access, set.refresh), expected, "{given:?}");
        }
    }

    #[test]
    fn injections_queue_and_reset_clears_every_control() {
        let mut state = State::default();
        run(&mut state, "inject", &[("status", "503"), ("times", "2")]).unwrap();
        run(&mut state, "inject", &[("delay_ms", "1500")]).unwrap();
        assert_eq!(state.injected.len(), 3);
        run(
            &mut state,
            "next-consent",
            &[("platform", "facebook"), ("manages", "9:Nine")],
        )
        .unwrap();
        assert_eq!(state.next_account("facebook").managed.len(), 1);
        run(&mut state, "reset", &[]).unwrap();
        assert!(state.injected.is_empty());
        assert!(state.next_account("facebook").managed.is_empty());
    }
}
