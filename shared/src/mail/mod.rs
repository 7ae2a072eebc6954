//! Invitation emails: rendered from templates (HTML and plain text), sent with SES v2.

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
        let rendered = self
            .templates()?
            .render_invitation(email)
            .map_err(|error| DeliveryError::new("the email could not be rendered", error))?;
        let tags = [
            (TAG_WORKSPACE, email.workspace_id),
            (TAG_INVITATION, email.invitation_id),
        ];
        self.send(email.to, rendered, &tags).await
    }

    /// Tells a person a connection needs reconnecting (or soon will); returns the SES
    /// message id.
    pub async fn send_reconnect(
        &self,
        email: &ReconnectEmail<'_>,
    ) -> Result<String, DeliveryError> {
        let rendered = self
            .templates()?
            .render_reconnect(email)
            .map_err(|error| DeliveryError::new("the email could not be rendered", error))?;
        self.send(email.to, rendered, &[]).await
    }

    /// Tells a client's person an account was assigned to them, or taken away; returns
    /// the SES message id.
    pub async fn send_assignment(
        &self,
        email: &AssignmentEmail<'_>,
    ) -> Result<String, DeliveryError> {
        let rendered = self
            .templates()?
            .render_assignment(email)
            .map_err(|error| DeliveryError::new("the email could not be rendered", error))?;
        self.send(email.to, rendered, &[]).await
    }

    async fn send(
        &self,
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
            .from_email_address(&self.sender)
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
