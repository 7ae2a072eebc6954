//! Invitation emails: rendered from templates (HTML and plain text), sent with SES v2.
//!
//! An email to a client's person goes out under the agency's brand name ("Acme Social
//! via Client Connect"), from the deployment's one verified address: the name is the
//! agency's, the address (and so SPF, DKIM and replies' trust) stays ours.

mod reminder;
mod templates;

use std::sync::OnceLock;

use aws_sdk_sesv2::operation::send_email::SendEmailError;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message, MessageTag};

/// The message tags an invitation email carries (SES passes them on in its events).
pub const TAG_WORKSPACE: &str = "workspace";
pub const TAG_INVITATION: &str = "invitation";
/// The tag SES itself adds to every event of an email sent with a configuration set:
/// the set's name. Unlike the tags above, no sender can choose it for another set.
pub const TAG_CONFIGURATION_SET: &str = "ses:configuration-set";

use crate::aws::Lazy;
use crate::domain::Brand;
use crate::lang::Lang;

pub use reminder::{AccountReminder, AccountReminderEmail, InvitationReminderEmail};
pub use templates::{AssignmentEmail, InvitationEmail, ReconnectEmail};

pub struct Mailer {
    ses: Lazy<aws_sdk_sesv2::Client>,
    sender: String,
    configuration_set: Option<String>,
    /// Parsed on first use: functions that send no email never parse them.
    templates: OnceLock<Result<templates::Templates, String>>,
}

/// SES did not take the message: a fixed reason a caller may be shown, and the detail
/// (SES's own words, the cause chain) for the log only.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct DeliveryError {
    pub reason: &'static str,
    pub detail: String,
}

impl DeliveryError {
    fn new(reason: &'static str, detail: impl std::fmt::Display) -> Self {
        Self {
            reason,
            detail: detail.to_string(),
        }
    }

    /// The reason for an SES refusal, by its kind: never SES's text, which can name
    /// the account, identities or limits.
    fn of_ses(error: aws_sdk_sesv2::error::SdkError<SendEmailError>) -> Self {
        let detail = aws_sdk_sesv2::error::DisplayErrorContext(&error).to_string();
        let reason = match error.into_service_error() {
            SendEmailError::MessageRejected(_) | SendEmailError::BadRequestException(_) => {
                "the email service rejected the message or the address"
            }
            SendEmailError::MailFromDomainNotVerifiedException(_)
            | SendEmailError::NotFoundException(_) => {
                "the sender address is not verified for sending"
            }
            SendEmailError::AccountSuspendedException(_)
            | SendEmailError::SendingPausedException(_) => "sending is paused for this service",
            SendEmailError::LimitExceededException(_)
            | SendEmailError::TooManyRequestsException(_) => "the email sending limit was reached",
            _ => "the email service is unavailable",
        };
        Self::new(reason, detail)
    }
}

impl Mailer {
    pub fn new(
        ses: Lazy<aws_sdk_sesv2::Client>,
        sender: &str,
        configuration_set: Option<String>,
    ) -> Self {
        Self {
            ses,
            sender: sender.to_owned(),
            configuration_set,
            templates: OnceLock::new(),
        }
    }

    fn templates(&self) -> Result<&templates::Templates, DeliveryError> {
        self.templates
            .get_or_init(|| templates::Templates::load().map_err(|error| error.to_string()))
            .as_ref()
            .map_err(|error| DeliveryError::new("the email templates do not parse", error))
    }

    /// Sends one invitation; returns the SES message id.
    pub async fn send_invitation(
        &self,
        email: &InvitationEmail<'_>,
    ) -> Result<String, DeliveryError> {
        let tags = [
            (TAG_WORKSPACE, email.workspace_id),
            (TAG_INVITATION, email.invitation_id),
        ];
        self.send_rendered(email.lang, email.brand, email.to, &tags, |templates| {
            templates.render_invitation(email)
        })
        .await
    }

    /// Reminds a person of an invitation nobody accepted yet; returns the SES message
    /// id.
    pub async fn send_invitation_reminder(
        &self,
        email: &InvitationReminderEmail<'_>,
    ) -> Result<String, DeliveryError> {
        self.send_rendered(email.lang, email.brand, email.to, &[], |templates| {
            templates.render_invitation_reminder(email)
        })
        .await
    }

    /// Reminds a person to connect (or reconnect) an account, as the agency asked;
    /// returns the SES message id.
    pub async fn send_account_reminder(
        &self,
        email: &AccountReminderEmail<'_>,
    ) -> Result<String, DeliveryError> {
        self.send_rendered(email.lang, email.brand, email.to, &[], |templates| {
            templates.render_account_reminder(email)
        })
        .await
    }

    /// Tells a person a connection needs reconnecting (or soon will); returns the SES
    /// message id.
    pub async fn send_reconnect(
        &self,
        email: &ReconnectEmail<'_>,
    ) -> Result<String, DeliveryError> {
        self.send_rendered(email.lang, email.brand, email.to, &[], |templates| {
            templates.render_reconnect(email)
        })
        .await
    }

    /// Tells a client's person an account was assigned to them, or taken away; returns
    /// the SES message id.
    pub async fn send_assignment(
        &self,
        email: &AssignmentEmail<'_>,
    ) -> Result<String, DeliveryError> {
        self.send_rendered(email.lang, email.brand, email.to, &[], |templates| {
            templates.render_assignment(email)
        })
        .await
    }

    /// Renders an email with `render` and sends it from `brand` in `lang`, tagged with
    /// `tags`; returns the SES message id.
    async fn send_rendered(
        &self,
        lang: Lang,
        brand: &Brand,
        to: &crate::domain::EmailAddress,
        tags: &[(&str, &str)],
        render: impl FnOnce(&templates::Templates) -> Result<templates::Rendered, minijinja::Error>,
    ) -> Result<String, DeliveryError> {
        let rendered = render(self.templates()?)
            .map_err(|error| DeliveryError::new("the email could not be rendered", error))?;
        let from = self.from_brand(lang, brand);
        self.send_from(&from, to, rendered, tags).await
    }

    /// The From of an email under `brand`: "Acme Social via Client Connect" (in the
    /// reader's language) at the deployment's own address.
    pub fn from_brand(&self, lang: Lang, brand: &Brand) -> String {
        let name = lang.say(
            "brand-from-name",
            &[
                ("agency", brand.name.as_str().to_owned().into()),
                ("product", lang.say("brand-product", &[]).into()),
            ],
        );
        from_header(&name, sender_address(&self.sender))
    }

    async fn send_from(
        &self,
        from: &str,
        to: &crate::domain::EmailAddress,
        rendered: templates::Rendered,
        tags: &[(&str, &str)],
    ) -> Result<String, DeliveryError> {
        let tags = tags
            .iter()
            .map(|(name, value)| {
                MessageTag::builder()
                    .name(*name)
                    .value(*value)
                    .build()
                    .map_err(|error| DeliveryError::new("the email could not be built", error))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let content = |data: String| {
            Content::builder()
                .data(data)
                .charset("UTF-8")
                .build()
                .map_err(|error| DeliveryError::new("the email could not be built", error))
        };
        let message = Message::builder()
            .subject(content(rendered.subject)?)
            .body(
                Body::builder()
                    .text(content(rendered.text)?)
                    .html(content(rendered.html)?)
                    .build(),
            )
            .build();
        let output = self
            .ses
            .get()
            .await
            .send_email()
            .from_email_address(from)
            .set_configuration_set_name(self.configuration_set.clone())
            .set_email_tags((!tags.is_empty()).then_some(tags))
            .destination(Destination::builder().to_addresses(to.as_str()).build())
            .content(EmailContent::builder().simple(message).build())
            .send()
            .await
            .map_err(DeliveryError::of_ses)?;
        Ok(output.message_id().unwrap_or_default().to_owned())
    }
}

/// The address of a configured sender (`invites@acme.example`, or the address inside
/// `Acme Invitations <invites@acme.example>`).
fn sender_address(sender: &str) -> &str {
    match (sender.rfind('<'), sender.rfind('>')) {
        (Some(open), Some(close)) if open < close => sender[open + 1..close].trim(),
        _ => sender.trim(),
    }
}

/// `name <address>` as a From header: a quoted string when the name is plain ASCII,
/// else RFC 2047 encoded words (what SES asks for any other name), each short enough
/// for a header line. The name cannot carry a line break (a `DisplayName` has no
/// control characters, and these are removed here too).
fn from_header(name: &str, address: &str) -> String {
    use base64::Engine;
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    if name.chars().all(|c| c.is_ascii() && c != '"' && c != '\\') {
        return format!("\"{name}\" <{address}>");
    }
    // At most 45 bytes of text per word: 60 in base64, 72 with its frame (RFC 2047
    // allows 75), never splitting a character.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in name.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    let encoded: Vec<String> = words
        .iter()
        .map(|word| {
            format!(
                "=?UTF-8?B?{}?=",
                base64::engine::general_purpose::STANDARD.encode(word)
            )
        })
        .collect();
    format!("{} <{address}>", encoded.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sender_address_is_read_bare_or_from_inside_its_name() {
        assert_eq!(
            sender_address("invites@acme.example"),
            "invites@acme.example"
        );
        assert_eq!(
            sender_address("Acme Invitations <invites@acme.example>"),
            "invites@acme.example"
        );
    }

    #[test]
    fn an_ascii_brand_is_a_quoted_name_and_any_other_is_encoded_words() {
        assert_eq!(
            from_header("Acme Social via Client Connect", "i@x.example"),
            "\"Acme Social via Client Connect\" <i@x.example>"
        );
        let quoted = from_header("Say \"hi\" vía Client Connect", "i@x.example");
        assert!(quoted.starts_with("=?UTF-8?B?"), "{quoted}");
        let long = "Ñandú Social Média Agentur für Österreich und die Schweiz über Client Connect";
        let header = from_header(long, "i@x.example");
        let mut decoded = Vec::new();
        for word in header.trim_end_matches(" <i@x.example>").split(' ') {
            assert!(word.len() <= 75, "{word}");
            let inner = word
                .strip_prefix("=?UTF-8?B?")
                .unwrap()
                .strip_suffix("?=")
                .unwrap();
            use base64::Engine;
            decoded.extend(
                base64::engine::general_purpose::STANDARD
                    .decode(inner)
                    .unwrap(),
            );
        }
        assert_eq!(String::from_utf8(decoded).unwrap(), long);
        assert!(!from_header("Eve\r\nBcc: x@y", "i@x.example").contains('\n'));
    }
}
