//! The invitation email's templates, compiled into the binary and auto-escaped.

use minijinja::{context, AutoEscape, Environment};
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

use crate::domain::{EmailAddress, Platform};

/// What an invitation email says.
pub struct InvitationEmail<'a> {
    pub to: &'a EmailAddress,
    pub workspace_name: &'a str,
    pub inviter_name: &'a str,
    /// The full link with the raw token: it goes into the email and nowhere else.
    pub link: &'a str,
    pub expires_at: OffsetDateTime,
    pub platforms: &'a [Platform],
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
        let expires_at = email
            .expires_at
            .format(&Rfc2822)
            .unwrap_or_else(|_| email.expires_at.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render(workspace_name: &str) -> Rendered {
        let to = EmailAddress::parse("client@example.com").unwrap();
        Templates::load()
            .unwrap()
            .render_invitation(&InvitationEmail {
                to: &to,
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
            assert!(body.contains("1 Jan 1970"));
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
}
