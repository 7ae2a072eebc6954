//! The reminder emails (HTML and plain text), in the reader's language and under the
//! workspace's brand: their own templates (`reminder_*.*`, which extend the emails'
//! `email_layout.*`), words from `reminders.ftl`.

use minijinja::context;
use time::OffsetDateTime;

use super::templates::{Rendered, Templates};
use crate::dates;
use crate::domain::{Brand, EmailAddress};
use crate::lang::Lang;

/// A reminder of an invitation nobody accepted yet.
pub struct InvitationReminderEmail<'a> {
    pub to: &'a EmailAddress,
    pub lang: Lang,
    pub brand: &'a Brand,
    pub inviter_name: &'a str,
    /// The invitation's own link, the very one its email carried: it goes into the
    /// email and nowhere else.
    pub link: &'a str,
    pub expires_at: OffsetDateTime,
    pub now: OffsetDateTime,
}

/// What an account reminder is about: both ask the client's person to connect an
/// account on the connect page, and differ only in why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountReminder {
    /// The agency asked for a connection to be reconnected, and nobody did.
    Reconnect,
    /// The agency assigned an account to the client to connect itself, and nobody did.
    Assignment,
}

impl AccountReminder {
    /// Its templates (`reminder_<name>.*`) and its messages (`reminder-<name>-…`).
    fn name(self) -> &'static str {
        match self {
            AccountReminder::Reconnect => "reconnect",
            AccountReminder::Assignment => "assignment",
        }
    }
}

/// A reminder to connect (or reconnect) one account.
pub struct AccountReminderEmail<'a> {
    pub about: AccountReminder,
    pub to: &'a EmailAddress,
    pub lang: Lang,
    pub brand: &'a Brand,
    pub platform: crate::domain::Platform,
    /// How the person knows the account: "@brand" or the Page's name.
    pub account: &'a str,
    /// The connect page (for a reconnect, opened at this connection's Reconnect button).
    pub link: &'a str,
}

/// The reminders are rendered by the emails' one set of templates.
impl Templates {
    pub fn render_invitation_reminder(
        &self,
        email: &InvitationReminderEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let lang = email.lang;
        let values = context! {
            inviter => email.inviter_name,
            link => email.link,
            until => dates::readable_in(lang, email.expires_at),
            left => dates::relative_in(lang, email.expires_at, email.now),
        };
        let subject = lang.say(
            "reminder-invitation-subject",
            &[
                ("inviter", email.inviter_name.to_owned().into()),
                ("workspace", email.brand.name.as_str().to_owned().into()),
            ],
        );
        self.both("reminder_invitation", lang, email.brand, subject, values)
    }

    pub fn render_account_reminder(
        &self,
        email: &AccountReminderEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let lang = email.lang;
        let platform = email.platform.display_name();
        let values = context! {
            platform,
            account => email.account,
            link => email.link,
        };
        let name = email.about.name();
        let subject = lang.say(
            &format!("reminder-{name}-subject"),
            &[
                ("platform", platform.into()),
                ("workspace", email.brand.name.as_str().to_owned().into()),
            ],
        );
        self.both(
            &format!("reminder_{name}"),
            lang,
            email.brand,
            subject,
            values,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand(name: &str) -> Brand {
        Brand {
            name: crate::domain::DisplayName::parse(name).unwrap(),
            logo_url: None,
            accent: crate::domain::AccentColour::DEFAULT,
        }
    }

    fn render(lang: Lang, workspace: &str) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        let brand = brand(workspace);
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        Templates::load()
            .unwrap()
            .render_invitation_reminder(&InvitationReminderEmail {
                to: &to,
                lang,
                brand: &brand,
                inviter_name: "Olga Owner",
                link: "https://app.example.com/invite?token=abc",
                expires_at: now + time::Duration::days(5),
                now,
            })
            .unwrap()
    }

    #[test]
    fn a_reminder_carries_the_invitation_link_the_agency_and_the_inviter_in_every_language() {
        for lang in Lang::ALL {
            let rendered = render(lang, "Acme Agency");
            assert!(
                rendered
                    .text
                    .contains("https://app.example.com/invite?token=abc"),
                "{lang:?}"
            );
            assert!(rendered
                .html
                .contains("href=\"https:&#x2f;&#x2f;app.example.com&#x2f;invite?token=abc\""));
            for body in [&rendered.text, &rendered.html, &rendered.subject] {
                assert!(body.contains("Acme Agency"), "{lang:?}: {body}");
                assert!(body.contains("Olga Owner"), "{lang:?}: {body}");
            }
            assert!(
                rendered.html.contains(&format!("lang=\"{}\"", lang.tag())),
                "{lang:?}"
            );
            assert!(
                !rendered.text.contains("reminder-"),
                "{lang:?}: a message id shows"
            );
        }
    }

    #[test]
    fn a_reminder_in_english_says_until_when_the_link_works() {
        let rendered = render(Lang::En, "Acme Agency");
        assert_eq!(
            rendered.subject,
            "Reminder: Olga Owner invites you to connect your accounts to Acme Agency"
        );
        assert!(
            rendered.text.contains("9 October 2024"),
            "{}",
            rendered.text
        );
        assert!(rendered.text.contains("in 5 days"), "{}", rendered.text);
    }

    #[test]
    fn a_reconnect_reminder_names_the_account_and_carries_the_reconnect_link_in_every_language() {
        let to = EmailAddress::parse("client@example.com").unwrap();
        for lang in Lang::ALL {
            let rendered = Templates::load()
                .unwrap()
                .render_account_reminder(&AccountReminderEmail {
                    about: AccountReminder::Reconnect,
                    to: &to,
                    lang,
                    brand: &brand("Acme Agency"),
                    platform: crate::domain::Platform::Linkedin,
                    account: "Brand Co",
                    link: "https://app.example.com/connect?workspace=w&reconnect=c",
                })
                .unwrap();
            assert!(rendered
                .text
                .contains("https://app.example.com/connect?workspace=w&reconnect=c"));
            for body in [&rendered.text, &rendered.html] {
                assert!(
                    body.contains("Brand Co") && body.contains("LinkedIn"),
                    "{lang:?}"
                );
                assert!(body.contains("Acme Agency"), "{lang:?}");
            }
            assert!(rendered.subject.contains("LinkedIn"), "{lang:?}");
        }
    }

    #[test]
    fn an_assignment_reminder_asks_to_connect_the_account_in_every_language() {
        let to = EmailAddress::parse("client@example.com").unwrap();
        for lang in Lang::ALL {
            let rendered = Templates::load()
                .unwrap()
                .render_account_reminder(&AccountReminderEmail {
                    about: AccountReminder::Assignment,
                    to: &to,
                    lang,
                    brand: &brand("Acme Agency"),
                    platform: crate::domain::Platform::Youtube,
                    account: "Brand Channel",
                    link: "https://app.example.com/connect?workspace=w",
                })
                .unwrap();
            assert!(rendered
                .text
                .contains("https://app.example.com/connect?workspace=w"));
            for body in [&rendered.text, &rendered.html] {
                assert!(
                    body.contains("Brand Channel") && body.contains("YouTube"),
                    "{lang:?}"
                );
            }
            assert!(rendered.subject.contains("Acme Agency"), "{lang:?}");
        }
    }

    #[test]
    fn the_html_reminder_escapes_a_hostile_workspace_name() {
        let rendered = render(Lang::En, "<script>alert(1)</script>");
        assert!(!rendered.html.contains("<script>"));
        assert!(rendered.html.contains("&lt;script&gt;"));
    }
}
