//! The emails' templates (HTML and plain text), compiled into the binary and
//! auto-escaped: the invitation, and the notice that a connection needs reconnecting.

use minijinja::{context, AutoEscape, Environment};
use time::OffsetDateTime;

use crate::dates;
use crate::domain::{EmailAddress, Notice, Platform};

/// What an invitation email says.
pub struct InvitationEmail<'a> {
    pub to: &'a EmailAddress,
    /// Tagged on the message, so SES's bounce and complaint events name the invitation.
    pub workspace_id: &'a str,
    pub invitation_id: &'a str,
    pub workspace_name: &'a str,
    pub inviter_name: &'a str,
    /// The full link with the raw token: it goes into the email and nowhere else.
    pub link: &'a str,
    pub expires_at: OffsetDateTime,
    pub platforms: &'a [Platform],
}

/// What a reconnect email says: which account, why, and by when.
pub struct ReconnectEmail<'a> {
    pub to: &'a EmailAddress,
    pub workspace_name: &'a str,
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
    pub workspace_name: &'a str,
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
        env.add_template(
            "invitation.html",
            include_str!("../../templates/invitation.html"),
        )?;
        env.add_template(
            "invitation.txt",
            include_str!("../../templates/invitation.txt"),
        )?;
        env.add_template(
            "reconnect.html",
            include_str!("../../templates/reconnect.html"),
        )?;
        env.add_template(
            "reconnect.txt",
            include_str!("../../templates/reconnect.txt"),
        )?;
        env.add_template(
            "assignment.html",
            include_str!("../../templates/assignment.html"),
        )?;
        env.add_template(
            "assignment.txt",
            include_str!("../../templates/assignment.txt"),
        )?;
        Ok(Self { env })
    }

    pub fn render_invitation(
        &self,
        email: &InvitationEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let platforms = email
            .platforms
            .iter()
            .map(|platform| platform.display_name())
            .collect::<Vec<_>>()
            .join(", ");
        let expires_at = dates::readable(email.expires_at);
        let values = context! {
            workspace_name => email.workspace_name,
            inviter_name => email.inviter_name,
            link => email.link,
            expires_at => expires_at,
            platforms => platforms,
        };
        Ok(Rendered {
            subject: format!(
                "{} invites you to connect your accounts to {}",
                email.inviter_name, email.workspace_name
            ),
            text: self.env.get_template("invitation.txt")?.render(&values)?,
            html: self.env.get_template("invitation.html")?.render(&values)?,
        })
    }
}

impl Templates {
    pub fn render_reconnect(
        &self,
        email: &ReconnectEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let platform = email.platform.display_name();
        let account = email.account;
        let workspace = email.workspace_name;
        let by = email.deadline.map(dates::day);
        let (subject, headline, explanation) = match (email.notice, by) {
            (Notice::NeedsReconnect, _) => (
                format!("Action needed: reconnect {platform} for {workspace}"),
                format!("{workspace} can no longer publish to {account}"),
                format!(
                    "{platform} stopped accepting the connection of {account}: access was withdrawn or ran out. \
                     Until you reconnect it, {workspace} cannot publish there."
                ),
            ),
            (_, Some(by)) => (
                format!("Your {platform} connection for {workspace} stops working on {by}"),
                format!("Reconnect {account} before {by}"),
                format!(
                    "{platform} lets this connection run only until {by}, and it cannot be renewed without you. \
                     Reconnect it before then so {workspace} can keep publishing without a gap."
                ),
            ),
            (_, None) => (
                format!("Please reconnect {platform} for {workspace}"),
                format!("Reconnect {account}"),
                format!("{workspace} asks you to reconnect this {platform} account so it can keep publishing."),
            ),
        };
        let values = context! {
            subject => subject.clone(), headline, explanation, platform, account,
            link => email.link, workspace_name => workspace,
        };
        Ok(Rendered {
            subject,
            text: self.env.get_template("reconnect.txt")?.render(&values)?,
            html: self.env.get_template("reconnect.html")?.render(&values)?,
        })
    }
}

impl Templates {
    pub fn render_assignment(
        &self,
        email: &AssignmentEmail<'_>,
    ) -> Result<Rendered, minijinja::Error> {
        let platform = email.platform.display_name();
        let account = email.account;
        let workspace = email.workspace_name;
        let (subject, headline, explanation, action) = match email.assigned {
            None => (
                format!("{workspace} no longer shares {account} with you"),
                format!("{account} ({platform}) was taken away"),
                format!(
                    "{workspace} no longer shows you its {platform} account {account}. \
                     Nothing is published for you through it any more."
                ),
                None,
            ),
            Some(settings) => {
                let approval = if settings.client_approves_posts {
                    "Posts for it wait for your approval."
                } else {
                    "Posts for it do not need your approval."
                };
                match settings.credentials {
                    crate::domain::Credentials::Agency => (
                        format!("{workspace} assigned {account} to you"),
                        format!("{workspace} assigned {account} ({platform}) to you"),
                        format!("{workspace} publishes for you with its own {platform} account {account}. {approval}"),
                        None,
                    ),
                    crate::domain::Credentials::Client => (
                        format!("Action needed: connect {platform} for {workspace}"),
                        format!("{workspace} assigned {account} ({platform}) to you"),
                        format!(
                            "{workspace} will publish for you to {account} with your own {platform} access. \
                             Please connect that same account yourself from your connect page. {approval}"
                        ),
                        Some(format!("Connect {platform}")),
                    ),
                }
            }
        };
        let values = context! {
            subject => subject.clone(), headline, explanation, action, platform, account,
            link => email.link, workspace_name => workspace,
        };
        Ok(Rendered {
            subject,
            text: self.env.get_template("assignment.txt")?.render(&values)?,
            html: self.env.get_template("assignment.html")?.render(&values)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(workspace_name: &str) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        Templates::load()
            .unwrap()
            .render_invitation(&InvitationEmail {
                to: &to,
                workspace_id: "ws-1",
                invitation_id: "0190f0c2-0000-7000-8000-000000000001",
                workspace_name,
                inviter_name: "Olga Owner",
                link: "https://app.example.com/invite?token=abc",
                expires_at: OffsetDateTime::UNIX_EPOCH,
                platforms: &[Platform::Youtube, Platform::Tiktok],
            })
            .unwrap()
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

    fn assignment(assigned: Option<crate::domain::AssignmentSettings>) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        Templates::load()
            .unwrap()
            .render_assignment(&AssignmentEmail {
                to: &to,
                workspace_name: "Acme Agency",
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

    #[test]
    fn a_reconnect_forecast_names_the_account_the_day_and_the_link() {
        let to = EmailAddress::parse("client@example.com").unwrap();
        let deadline = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let rendered = Templates::load()
            .unwrap()
            .render_reconnect(&ReconnectEmail {
                to: &to,
                workspace_name: "Acme Agency",
                platform: Platform::Linkedin,
                account: "Brand Co",
                link: "https://app.example.com/connect?workspace=w&reconnect=c",
                notice: Notice::Remind14,
                deadline: Some(deadline),
            })
            .unwrap();
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
    }
}
