//! The platforms' consent page, served by `infra/dev.sh serve`: the person says who signs
//! in and which Facebook Pages, LinkedIn organisation Pages or YouTube channels they
//! manage, then allows or denies. Its answer is posted to the authorization URL itself;
//! the same fields set the next consent without a browser (`POST /_local/next-consent`).

use crate::oidc::escape;
use crate::{Account, Managed};

/// A Page, organisation or channel the consent page offers to tick.
struct Offered {
    id: &'static str,
    name: &'static str,
    /// A Facebook Page the person may only moderate: the app cannot publish to it.
    moderating: bool,
}

const fn offered(id: &'static str, name: &'static str) -> Offered {
    Offered {
        id,
        name,
        moderating: false,
    }
}

/// What the consent page offers at `platform`: its legend, what an empty choice means,
/// and the accounts.
fn offers(platform: &str) -> Option<(&'static str, &'static str, &'static [Offered])> {
    const FACEBOOK: &[Offered] = &[
        offered("1001", "Brightside Bakery"),
        offered("1002", "Brightside Books"),
        Offered {
            id: "1003",
            name: "Brightside Café",
            moderating: true,
        },
    ];
    const LINKEDIN: &[Offered] = &[
        offered("2001", "Brightside Ltd"),
        offered("2002", "Brightside Foundation"),
    ];
    const YOUTUBE: &[Offered] = &[
        offered("UC-brightside-recipes", "Brightside Recipes"),
        offered("UC-brightside-shorts", "Brightside Shorts"),
    ];
    match platform {
        "facebook" => Some((
            "The Facebook Pages you manage",
            "With none ticked, your own Page is the only one.",
            FACEBOOK,
        )),
        "linkedin" => Some((
            "The LinkedIn organisation Pages you administer",
            "Your own profile comes with them.",
            LINKEDIN,
        )),
        "youtube" => Some((
            "Your other YouTube channels",
            "Your own channel comes with them.",
            YOUTUBE,
        )),
        _ => None,
    }
}

fn display_name(platform: &str) -> &str {
    match platform {
        "youtube" => "YouTube",
        "tiktok" => "TikTok",
        "instagram" => "Instagram",
        "facebook" => "Facebook",
        "linkedin" => "LinkedIn",
        "x" => "X",
        other => other,
    }
}

/// The person's answer on the consent page.
pub(crate) enum Decision {
    Allow(Account),
    Deny,
}

/// The consent page's answer (`decision=deny` denies; anything else allows, as the
/// account the fields describe over `next`).
pub(crate) fn decision(fields: &[(String, String)], next: Account) -> Decision {
    let denied = fields
        .iter()
        .any(|(name, value)| name == "decision" && value == "deny");
    if denied {
        Decision::Deny
    } else {
        Decision::Allow(account_from(fields, next))
    }
}

/// The account `account_id` and `account_name` name, managing every `manages` (and on
/// Facebook every `moderates`), each `<id>:<name>`; `next` fills in what is absent (its
/// managed accounts only when none is given).
pub(crate) fn account_from(fields: &[(String, String)], next: Account) -> Account {
    let field = |wanted: &str| {
        fields
            .iter()
            .find(|(name, value)| name == wanted && !value.trim().is_empty())
            .map(|(_, value)| value.trim().to_owned())
    };
    let managed: Vec<Managed> = fields
        .iter()
        .filter_map(|(name, value)| {
            let (id, title) = value.split_once(':').unwrap_or((value, value));
            let (id, title) = (id.trim(), title.trim());
            match name.as_str() {
                "manages" => Some(Managed::publishing(id, title)),
                "moderates" => Some(Managed::moderating(id, title)),
                _ => None,
            }
        })
        .collect();
    let said = fields
        .iter()
        .any(|(name, _)| name == "account_id" || name == "account_name");
    Account {
        id: field("account_id").unwrap_or(next.id),
        name: field("account_name").unwrap_or(next.name),
        // A consent page's answer says every ticked box: none ticked is none managed.
        managed: if managed.is_empty() && !said {
            next.managed
        } else {
            managed
        },
    }
}

/// The consent page: who signs in (`next` as the default), what they manage, Allow or
/// Deny. The form posts to the page's own URL, the authorization request with it.
pub(crate) fn page(platform: &str, next: &Account) -> String {
    let shown = display_name(platform);
    let managing = offers(platform).map_or_else(String::new, |(legend, hint, offered)| {
        let mut boxes = String::new();
        let extra = next
            .managed
            .iter()
            .filter(|managed| !offered.iter().any(|offer| offer.id == managed.id));
        // What the next account already manages is offered too, ticked.
        let all = offered
            .iter()
            .map(|offer| (offer.id, offer.name, offer.moderating))
            .chain(extra.map(|managed| {
                let moderating = !managed.tasks.iter().any(|task| task == "CREATE_CONTENT");
                (managed.id.as_str(), managed.name.as_str(), moderating)
            }));
        for (index, (id, name, moderating)) in all.enumerate() {
            let ticked = next.managed.iter().any(|managed| managed.id == id);
            let (field, note) = if moderating {
                ("moderates", " (you may only moderate it)")
            } else {
                ("manages", "")
            };
            boxes.push_str(&format!(
                r#"<div><input type="checkbox" id="managed-{index}" name="{field}" value="{}"{}> <label for="managed-{index}">{}{note}</label></div>
"#,
                escape(&format!("{id}:{name}")),
                if ticked { " checked" } else { "" },
                escape(name),
            ));
        }
        format!(
            "<fieldset><legend>{legend}</legend><p>{hint}</p>\n{boxes}</fieldset>\n"
        )
    });
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local {shown} consent</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
fieldset{{margin:1rem 0}} label{{display:inline-block;margin:.25rem 0}} input[type=text]{{display:block;width:100%;max-width:24rem}}
.buttons{{display:flex;gap:1rem}} button{{font:inherit;padding:.4rem 1.2rem}}</style></head>
<body><main><h1>Allow the app to use your {shown} account?</h1>
<p>This is the local OAuth provider standing in for {shown}. Say who signs in and what
they manage: the app gets exactly that. <a href="/">Its routes and test controls</a>.</p>
<form method="post">
<fieldset><legend>Signed in as</legend>
<label for="account_name">Name</label><input type="text" id="account_name" name="account_name" value="{name}" required>
<label for="account_id">Account id</label><input type="text" id="account_id" name="account_id" value="{id}" required>
</fieldset>
{managing}<div class="buttons"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div>
</form></main></body></html>"#,
        name = escape(&next.name),
        id = escape(&next.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::owned_pairs as fields;

    fn nobody() -> Account {
        Account {
            id: "facebook-account-1".into(),
            name: "facebook person".into(),
            managed: vec![Managed::publishing("old", "Old Page")],
        }
    }

    #[test]
    fn the_ticked_pages_are_what_the_person_manages() {
        let Decision::Allow(account) = decision(
            &fields(&[
                ("account_name", "Pat"),
                ("account_id", "fb-pat"),
                ("manages", "1001:Brightside Bakery"),
                ("moderates", "1003:Brightside Café"),
                ("decision", "allow"),
            ]),
            nobody(),
        ) else {
            panic!("allowed")
        };
        assert_eq!(
            (account.id.as_str(), account.name.as_str()),
            ("fb-pat", "Pat")
        );
        let managed: Vec<_> = account
            .managed
            .iter()
            .map(|managed| {
                (
                    managed.id.as_str(),
                    managed.name.as_str(),
                    managed.tasks.len(),
                )
            })
            .collect();
        assert_eq!(
            managed,
            [
                ("1001", "Brightside Bakery", 2),
                ("1003", "Brightside Café", 1)
            ]
        );
    }

    #[test]
    fn a_page_answered_with_nothing_ticked_manages_nothing_and_an_empty_post_keeps_the_next_account(
    ) {
        let Decision::Allow(answered) = decision(&fields(&[("account_id", "fb-pat")]), nobody())
        else {
            panic!("allowed")
        };
        assert!(answered.managed.is_empty());
        assert_eq!(answered.name, "facebook person");
        let Decision::Allow(bare) = decision(&[], nobody()) else {
            panic!("allowed")
        };
        assert_eq!(
            bare.managed.len(),
            1,
            "curl -d '' consents as the next account"
        );
    }

    #[test]
    fn deny_denies() {
        assert!(matches!(
            decision(&fields(&[("decision", "deny")]), nobody()),
            Decision::Deny
        ));
    }

    #[test]
    fn the_page_offers_pages_with_labels_and_escapes_names() {
        let next = Account {
            id: "x\"<1>".into(),
            name: "<b>Pat</b>".into(),
            managed: vec![Managed::publishing("1002", "Brightside Books")],
        };
        let body = page("facebook", &next);
        assert!(body.contains("&lt;b&gt;Pat&lt;/b&gt;") && !body.contains("<b>Pat"));
        assert_eq!(body.matches("type=\"checkbox\"").count(), 3);
        assert!(
            body.contains(r#"name="manages" value="1002:Brightside Books" checked"#),
            "{body}"
        );
        assert!(
            body.contains(r#"name="moderates" value="1003:Brightside Café">"#),
            "{body}"
        );
        assert_eq!(body.matches("<label for=\"managed-").count(), 3);
        let tiktok = page("tiktok", &next);
        assert!(!tiktok.contains("checkbox"), "nothing to manage on TikTok");
    }
}
