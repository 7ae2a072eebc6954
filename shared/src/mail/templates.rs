//! The emails' templates (HTML and plain text), compiled into the binary and
//! auto-escaped: the invitation, the notice that a connection needs reconnecting, and
//! an account assigned or taken away. Each is written in its reader's language (its
//! words from `email.ftl` and `brand.ftl`) and wears the workspace's brand: its name in
//! the header and signature, its logo, its accent on the button. Every template
//! extends `email_layout.*`, so the brand is shown in one place.

use minijinja::{context, AutoEscape, Environment, Value};
use time::OffsetDateTime;

use crate::dates;
use crate::domain::{Brand, EmailAddress, InvitationMessage, Notice, Platform};
use crate::lang::{Arg, Lang};

/// What an invitation email says.
pub struct InvitationEmail<'a> {
    pub to: &'a EmailAddress,
    pub lang: Lang,
    pub brand: &'a Brand,
    /// Tagged on the message, so SES's bounce and complaint events name the invitation.
    pub workspace_id: &'a str,
    pub invitation_id: &'a str,
    pub inviter_name: &'a str,
    /// The inviter's own words, shown as theirs.
    pub message: Option<&'a InvitationMessage>,
    /// The full link with the raw token: it goes into the email and nowhere else.
    pub link: &'a str,
    pub expires_at: OffsetDateTime,
    pub platforms: &'a [Platform],
}

/// What a reconnect email says: which account, why, and by when.
pub struct ReconnectEmail<'a> {
    pub to: &'a EmailAddress,
    pub lang: Lang,
    pub brand: &'a Brand,
    pub platform: Platform,
    /// How the person knows the account: "@brand" or the Page's name.
    pub account: &'a str,
    /// The connect page, opened at this connection's Reconnect button.
    pub link: &'a str,
    pub notice: Notice,
    /// When it stops (or stopped) working, when known.
    pub deadline: Option<OffsetDateTime>,
}

/// What an assignment email says: which account the agency assigned to the client (or
/// took away), and what the client does about it.
pub struct AssignmentEmail<'a> {
    pub to: &'a EmailAddress,
    pub lang: Lang,
    pub brand: &'a Brand,
    pub platform: Platform,
    /// How the client knows the account: "@brand" or the Page's name.
    pub account: &'a str,
    /// Assigned (with its settings), or taken away.
    pub assigned: Option<crate::domain::AssignmentSettings>,
    /// The client's connect page.
    pub link: &'a str,
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub struct Templates {
    env: Environment<'static>,
}

/// The brand as the templates read it (`brand.name`, `brand.logo_url`, `brand.accent`).
pub(super) fn brand_values(brand: &Brand) -> Value {
    context! {
        name => brand.name.as_str(),
        logo_url => brand.logo_url.as_ref().map(|logo| logo.as_str()),
        accent => brand.accent.to_string(),
    }
}

/// A message's arguments from names and texts.
fn args<'a>(pairs: &[(&'a str, &str)]) -> Vec<(&'a str, Arg<'static>)> {
    pairs
        .iter()
        .map(|(name, value)| (*name, Arg::from((*value).to_owned())))
        .collect()
}

impl Templates {
    pub fn load() -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        crate::lang::teach_words(&mut env);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        for (name, source) in [
            (
                "email_layout.html",
                include_str!("../../templates/email_layout.html"),
            ),
            (
                "email_layout.txt",
                include_str!("../../templates/email_layout.txt"),
            ),
            (
                "invitation.html",
                include_str!("../../templates/invitation.html"),
            ),
            (
                "invitation.txt",
                include_str!("../../templates/invitation.txt"),
            ),
            (
                "reconnect.html",
                include_str!("../../templates/reconnect.html"),
            ),
            (
                "reconnect.txt",
                include_str!("../../templates/reconnect.txt"),
            ),
            (
                "assignment.html",
                include_str!("../../templates/assignment.html"),
            ),
            (
                "assignment.txt",
                include_str!("../../templates/assignment.txt"),
            ),
            (
                "reminder_invitation.html",
                include_str!("../../templates/reminder_invitation.html"),
            ),
            (
                "reminder_invitation.txt",
                include_str!("../../templates/reminder_invitation.txt"),
            ),
            (
                "reminder_reconnect.html",
                include_str!("../../templates/reminder_reconnect.html"),
            ),
            (
                "reminder_reconnect.txt",
                include_str!("../../templates/reminder_reconnect.txt"),
            ),
            (
                "reminder_assignment.html",
                include_str!("../../templates/reminder_assignment.html"),
            ),
            (
                "reminder_assignment.txt",
                include_str!("../../templates/reminder_assignment.txt"),
            ),
        ] {
            env.add_template(name, source)?;
        }
        Ok(Self { env })
    }

    /// Both parts of `name` with `values`, in `lang`, under the brand.
    pub(super) fn both(
        &self,
        name: &str,
        lang: Lang,
        brand: &Brand,
        subject: String,
        values: Value,
    ) -> Result<Rendered, minijinja::Error> {
        let values = context! {
            lang => lang.tag(),
            brand => brand_values(brand),
            subject => subject.clone(),
            ..values
        };
        Ok(Rendered {
            text: self
                .env
                .get_template(&format!("{name}.txt"))?
                .render(&values)?,
            html: self
                .env
                .get_template(&format!("{name}.html"))?
                .render(&values)?,
            subject,
        })
    }

    pub fn render_invitation(
        &self,
        email: &InvitationEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let lang = email.lang;
        let platforms = email
            .platforms
            .iter()
            .map(|platform| platform.display_name())
            .collect::<Vec<_>>()
            .join(", ");
        let subject = lang.say(
            "email-invitation-subject",
            &args(&[
                ("inviter", email.inviter_name),
                ("workspace", email.brand.name.as_str()),
            ]),
        );
        let values = context! {
            inviter_name => email.inviter_name,
            message => email.message.map(InvitationMessage::lines),
            link => email.link,
            expires_at => dates::readable_in(lang, email.expires_at),
            platforms => platforms,
        };
        self.both("invitation", lang, email.brand, subject, values)
    }
}

impl Templates {
    pub fn render_reconnect(
        &self,
        email: &ReconnectEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let lang = email.lang;
        let platform = email.platform.display_name();
        let day = email.deadline.map(|at| dates::day_in(lang, at));
        let named = [
            ("platform", platform),
            ("account", email.account),
            ("workspace", email.brand.name.as_str()),
            ("day", day.as_deref().unwrap_or_default()),
        ];
        let say = |id: &str| lang.say(id, &args(&named));
        let kind = match (email.notice, &day) {
            (Notice::NeedsReconnect, _) => "needed",
            (_, Some(_)) => "deadline",
            (_, None) => "asked",
        };
        let subject = say(&format!("email-reconnect-{kind}-subject"));
        let values = context! {
            headline => say(&format!("email-reconnect-{kind}-headline")),
            explanation => say(&format!("email-reconnect-{kind}-explanation")),
            action => say("email-reconnect-action"),
            platform,
            account => email.account,
            link => email.link,
        };
        self.both("reconnect", lang, email.brand, subject, values)
    }
}

impl Templates {
    pub fn render_assignment(
        &self,
        email: &AssignmentEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let lang = email.lang;
        let platform = email.platform.display_name();
        let approval = match email.assigned {
            Some(settings) if settings.client_approves_posts => {
                lang.say("email-assignment-approval-needed", &[])
            }
            _ => lang.say("email-assignment-approval-not-needed", &[]),
        };
        let named = [
            ("platform", platform),
            ("account", email.account),
            ("workspace", email.brand.name.as_str()),
            ("approval", approval.as_str()),
        ];
        let say = |id: &str| lang.say(id, &args(&named));
        let (subject, headline, explanation, action) = match email.assigned {
            None => (
                say("email-assignment-removed-subject"),
                say("email-assignment-removed-headline"),
                say("email-assignment-removed-explanation"),
                None,
            ),
            Some(settings) => match settings.credentials {
                crate::domain::Credentials::Agency => (
                    say("email-assignment-agency-subject"),
                    say("email-assignment-headline"),
                    say("email-assignment-agency-explanation"),
                    None,
                ),
                crate::domain::Credentials::Client => (
                    say("email-assignment-client-subject"),
                    say("email-assignment-headline"),
                    say("email-assignment-client-explanation"),
                    Some(say("email-assignment-connect-action")),
                ),
            },
        };
        let values = context! {
            headline, explanation, action, platform,
            account => email.account,
            link => email.link,
        };
        self.both("assignment", lang, email.brand, subject, values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccentColour, DisplayName, LogoUrl};

    fn brand(name: &str) -> Brand {
        Brand {
            name: DisplayName::parse(name).unwrap(),
            logo_url: None,
            accent: AccentColour::DEFAULT,
        }
    }

    fn invitation(lang: Lang, brand: &Brand, message: Option<&str>) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        let message = message.map(|raw| InvitationMessage::parse(raw).unwrap().unwrap());
        Templates::load()
            .unwrap()
            .render_invitation(&InvitationEmail {
                to: &to,
                lang,
                brand,
                workspace_id: "ws-1",
                invitation_id: "0190f0c2-0000-7000-8000-000000000001",
                inviter_name: "Olga Owner",
                message: message.as_ref(),
                link: "https://app.example.com/invite?token=abc",
                expires_at: OffsetDateTime::UNIX_EPOCH,
                platforms: &[Platform::Youtube, Platform::Tiktok],
            })
            .unwrap()
    }

    fn render(workspace_name: &str) -> Rendered {
        invitation(Lang::En, &brand(workspace_name), None)
    }

    #[test]
    fn both_bodies_name_the_workspace_the_inviter_the_link_and_the_platforms() {
        let rendered = render("Acme Agency");
        assert!(rendered
            .text
            .contains("https://app.example.com/invite?token=abc"));
        // HTML escaping turns `/` into `&#x2f;`, which every mail client decodes.
        assert!(rendered
            .html
            .contains("href=\"https:&#x2f;&#x2f;app.example.com&#x2f;invite?token=abc\""));
        for body in [&rendered.text, &rendered.html] {
            assert!(body.contains("Acme Agency"));
            assert!(body.contains("Olga Owner"));
            assert!(body.contains("YouTube, TikTok"));
            assert!(body.contains("1 January 1970, 00:00 UTC"));
        }
        assert!(rendered.subject.contains("Acme Agency"));
        assert_eq!(
            rendered.subject,
            "Olga Owner invites you to connect your accounts to Acme Agency"
        );
    }

    #[test]
    fn the_html_body_escapes_a_hostile_workspace_name() {
        let rendered = render("<script>alert(1)</script>");
        assert!(!rendered.html.contains("<script>"));
        assert!(rendered.html.contains("&lt;script&gt;"));
        assert!(
            rendered.text.contains("<script>"),
            "plain text stays literal"
        );
    }

    #[test]
    fn the_inviters_message_is_shown_as_theirs_escaped_with_its_line_breaks() {
        let rendered = invitation(
            Lang::En,
            &brand("Acme Social"),
            Some("Hi Ana,\n<script>alert(1)</script> see you soon"),
        );
        assert!(rendered
            .text
            .contains("A message from Olga Owner at Acme Social:\n> Hi Ana,\n> <script>alert(1)</script> see you soon\n"));
        assert!(rendered
            .html
            .contains("A message from Olga Owner at Acme Social:"));
        assert!(rendered.html.contains(
            "Hi Ana,<br>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; see you soon</blockquote>"
        ));
        assert!(!rendered.html.contains("<script>"));
        let without = invitation(Lang::En, &brand("Acme Social"), None);
        assert!(!without.text.contains("A message from"));
        assert!(!without.html.contains("<blockquote"));
    }

    #[test]
    fn every_language_puts_the_link_the_agency_and_its_message_in_both_parts() {
        let acme = Brand {
            logo_url: Some(LogoUrl::parse("https://cdn.acme.example/logo.png").unwrap()),
            accent: AccentColour::parse("#0f766e").unwrap(),
            ..brand("Acme Social")
        };
        let mut subjects = std::collections::BTreeSet::new();
        for lang in Lang::ALL {
            let rendered = invitation(lang, &acme, Some("Bis bald, Ana"));
            assert!(
                rendered
                    .text
                    .contains("https://app.example.com/invite?token=abc"),
                "{lang:?}"
            );
            assert!(
                rendered
                    .html
                    .contains("href=\"https:&#x2f;&#x2f;app.example.com&#x2f;invite?token=abc\""),
                "{lang:?}"
            );
            for body in [&rendered.text, &rendered.html] {
                assert!(body.contains("Acme Social"), "{lang:?}");
                assert!(body.contains("Bis bald, Ana"), "{lang:?}");
                assert!(body.contains("Olga Owner"), "{lang:?}");
                assert!(
                    !body.contains("email-") && !body.contains("brand-"),
                    "{lang:?}: a message id shows:\n{body}"
                );
            }
            assert!(rendered
                .html
                .contains(&format!("<html lang=\"{}\">", lang.tag())));
            assert!(
                rendered.html.contains("background: #0f766e"),
                "the brand's accent paints the button"
            );
            assert!(rendered
                .html
                .contains("src=\"https:&#x2f;&#x2f;cdn.acme.example&#x2f;logo.png\""));
            assert!(rendered.subject.contains("Acme Social"));
            subjects.insert(rendered.subject);
        }
        assert_eq!(
            subjects.len(),
            Lang::ALL.len(),
            "each language its own subject"
        );
        let german = invitation(Lang::De, &acme, None);
        assert_eq!(
            german.subject,
            "Olga Owner lädt Sie ein, Ihre Konten mit Acme Social zu verbinden"
        );
        assert!(german
            .text
            .contains("Einladung ansehen: https://app.example.com/invite?token=abc"));
        assert!(german.text.contains("1. Januar 1970"), "{}", german.text);
        let french = invitation(Lang::Fr, &acme, Some("À bientôt"));
        assert!(french
            .text
            .contains("Olga Owner (Acme Social) vous écrit :\n> À bientôt"));
    }

    fn assignment(assigned: Option<crate::domain::AssignmentSettings>) -> Rendered {
        assignment_in(Lang::En, assigned)
    }

    fn assignment_in(lang: Lang, assigned: Option<crate::domain::AssignmentSettings>) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        Templates::load()
            .unwrap()
            .render_assignment(&AssignmentEmail {
                to: &to,
                lang,
                brand: &brand("Acme Agency"),
                platform: Platform::Youtube,
                account: "Acme Brand",
                assigned,
                link: "https://app.example.com/connect?workspace=w",
            })
            .unwrap()
    }

    #[test]
    fn an_assignment_with_the_clients_credentials_asks_them_to_connect_the_account() {
        let rendered = assignment(Some(crate::domain::AssignmentSettings {
            client_approves_posts: true,
            credentials: crate::domain::Credentials::Client,
        }));
        assert_eq!(
            rendered.subject,
            "Action needed: connect YouTube for Acme Agency"
        );
        for body in [&rendered.text, &rendered.html] {
            assert!(body.contains("Acme Brand") && body.contains("Connect YouTube"));
            assert!(body.contains("Posts for it wait for your approval."));
        }
        assert!(rendered
            .text
            .contains("https://app.example.com/connect?workspace=w"));
        let spanish = assignment_in(
            Lang::Es,
            Some(crate::domain::AssignmentSettings {
                client_approves_posts: true,
                credentials: crate::domain::Credentials::Client,
            }),
        );
        assert_eq!(
            spanish.subject,
            "Acción necesaria: conecte YouTube para Acme Agency"
        );
        assert!(spanish
            .text
            .contains("Conectar YouTube: https://app.example.com/connect?workspace=w"));
    }

    #[test]
    fn an_assignment_taken_away_says_so_and_asks_nothing() {
        let rendered = assignment(None);
        assert_eq!(
            rendered.subject,
            "Acme Agency no longer shares Acme Brand with you"
        );
        assert!(!rendered.text.contains("Connect YouTube"));
        let agency = assignment(Some(Default::default()));
        assert_eq!(agency.subject, "Acme Agency assigned Acme Brand to you");
        assert!(agency.text.contains("do not need your approval"));
    }

    fn reconnect(lang: Lang) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        let deadline = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        Templates::load()
            .unwrap()
            .render_reconnect(&ReconnectEmail {
                to: &to,
                lang,
                brand: &brand("Acme Agency"),
                platform: Platform::Linkedin,
                account: "Brand Co",
                link: "https://app.example.com/connect?workspace=w&reconnect=c",
                notice: Notice::Remind14,
                deadline: Some(deadline),
            })
            .unwrap()
    }

    #[test]
    fn a_reconnect_forecast_names_the_account_the_day_and_the_link() {
        let rendered = reconnect(Lang::En);
        assert_eq!(
            rendered.subject,
            "Your LinkedIn connection for Acme Agency stops working on 4 October 2024"
        );
        for body in [&rendered.text, &rendered.html] {
            assert!(body.contains("Brand Co") && body.contains("4 October 2024"));
        }
        assert!(rendered
            .text
            .contains("https://app.example.com/connect?workspace=w&reconnect=c"));
        let french = reconnect(Lang::Fr);
        assert_eq!(
            french.subject,
            "Votre connexion LinkedIn pour Acme Agency cessera de fonctionner le 4 octobre 2024"
        );
        assert!(french.text.contains(
            "Reconnecter LinkedIn : https://app.example.com/connect?workspace=w&reconnect=c"
        ));
    }

    #[test]
    fn every_email_is_signed_with_the_brand() {
        let rendered = reconnect(Lang::En);
        for body in [&rendered.text, &rendered.html] {
            assert!(
                body.contains("Sent by Acme Agency via Client Connect."),
                "{body}"
            );
        }
        assert!(
            rendered.text.starts_with("Acme Agency\n\n"),
            "{}",
            rendered.text
        );
    }
}
