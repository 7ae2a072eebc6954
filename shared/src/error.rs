//! The one error type every endpoint returns. Each variant knows its HTTP status and
//! its stable RFC 9457 problem `type`; the detail is written for the person reading it.

use lambda_http::http::StatusCode;

use crate::domain::{Health, InvitationId, Refusal, UnknownPlatform, Unparsable};
use crate::store::StoreError;

/// Base of every problem `type` URI; the slug after it never changes once published.
pub const PROBLEM_BASE: &str = "https://clientconnect.dev/problems/";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("The request body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("The request body is larger than {limit} bytes. Send less.")]
    BodyTooLarge { limit: usize },
    #[error("Sign-ins cannot be verified right now: the identity provider is unreachable. Try again in a minute.")]
    IssuerUnavailable,
    #[error("This invitation was emailed moments ago. Wait a few minutes before resending it.")]
    ResendTooSoon { retry_after: u32 },
    #[error("This workspace has sent its {per_day} invitation emails for today. Try again tomorrow (UTC).")]
    InvitationQuotaReached { per_day: u32, retry_after: u32 },
    #[error("The request body does not match the expected shape: {0}")]
    InvalidBody(String),
    #[error("{0}")]
    InvalidEmail(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("Sign in first: this endpoint needs a bearer token in the Authorization header.")]
    AuthenticationRequired,
    #[error("The bearer token was not accepted: {0}")]
    InvalidToken(String),
    #[error("Only the owner or an admin of this workspace can manage client invitations.")]
    NotWorkspaceAdmin,
    #[error("Client invitations are part of the Team plan. This workspace is on the {plan} plan: ask its owner to upgrade to Team under Settings → Billing, then invite again.")]
    TeamPlanRequired { plan: String },
    #[error("All {seats} seats of this workspace are taken, and a client who may publish posts takes a seat. Add a seat, or invite this client without the publish permission.")]
    NoSeatLeft { seats: u32 },
    #[error("{email} already has a pending invitation to this workspace. Resend that invitation to send a new link.")]
    InvitationAlreadyPending {
        email: String,
        invitation_id: InvitationId,
    },
    #[error("{0} is already a member of this workspace.")]
    AlreadyMember(String),
    #[error("{0} marked an earlier email from this workspace as spam, so it is not emailed again unless you confirm: check with the person, then send again with confirm_after_complaint.")]
    AddressComplained(String),
    #[error("This workspace does not exist.")]
    WorkspaceNotFound,
    #[error("This invitation does not exist in this workspace.")]
    InvitationNotFound,
    #[error("This invitation link is not valid. If you were sent a newer invitation email, use the link in that one.")]
    InviteLinkNotFound,
    #[error("This invitation has expired. Ask the agency to resend it: you will get a new link.")]
    InvitationExpired,
    #[error("This invitation was revoked by the agency and can no longer be used.")]
    InvitationRevoked,
    #[error("This invitation has already been accepted.")]
    InvitationAlreadyAccepted,
    #[error(
        "This client was removed from the workspace; its people and links can no longer be used."
    )]
    ClientRemoved,
    #[error("This client does not exist in this workspace.")]
    ClientNotFound,
    #[error("{0}: a person or link of a client can be given less than the client, never more. Change the client's rights first.")]
    WiderThanClient(String),
    #[error("Only the agency's own connections can be assigned to a client; a client's connection already belongs to it.")]
    NotAnAgencyConnection,
    #[error("This person does not belong to this client.")]
    PersonNotFound,
    #[error("This choice of accounts has expired or was already made. Connect again from the connect page.")]
    ChoiceExpired,
    #[error("Only a client who accepted an invitation can be removed; a pending invitation is revoked instead.")]
    NotAClient,
    #[error("This invitation was sent to a different email address. Sign in as the invited person to accept it.")]
    EmailMismatch,
    #[error("Your email address is not verified with your sign-in provider. Verify it, then accept again.")]
    EmailNotVerified,
    #[error(
        "Another change to this invitation happened at the same moment. Reload and try again."
    )]
    ConcurrentChange,
    #[error("The invitation was saved but its email could not be sent ({reason}). Resend it once the problem is fixed.")]
    EmailDeliveryFailed {
        reason: String,
        invitation_id: InvitationId,
    },
    #[error("{0} is not a platform this service connects.")]
    UnknownPlatform(String),
    #[error("{0} connections are not set up for this deployment yet. Ask the agency to configure the platform app.")]
    PlatformNotConfigured(&'static str),
    #[error("Only members of this workspace can use its connections.")]
    NotWorkspaceMember,
    #[error("Your invitation does not allow connecting {0}. Ask the agency to allow it.")]
    PlatformNotAllowed(&'static str),
    #[error("This connection does not exist in this workspace.")]
    ConnectionNotFound,
    #[error(
        "This workspace does not let clients disconnect accounts. Ask the agency to disconnect it."
    )]
    DisconnectNotAllowed,
    #[error("This connection needs reconnecting: the platform refused it or its access ran out. The client has been asked to reconnect it.")]
    ConnectionNeedsReconnect(Health),
    #[error("{0} did not answer properly and the stored access token has expired. Try again in a minute.")]
    PlatformUnavailable(&'static str),
    #[error("This connection is healthy: there is nothing to reconnect.")]
    ConnectionHealthy,
    #[error(
        "Nobody who could reconnect this account can be emailed: the client has no active person."
    )]
    NobodyToNotify,
    #[error("This endpoint is for AWS principals: call it with a SigV4-signed request through the API's IAM authorizer.")]
    IamRequired,
    #[error("Something went wrong on our side. Nothing was changed; please try again.")]
    Store(#[from] StoreError),
    #[error("Something went wrong on our side. Nothing was changed; please try again.")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        use AppError::*;
        match self {
            MalformedJson(_) | InvalidParameter(_) => StatusCode::BAD_REQUEST,
            BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            IssuerUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ResendTooSoon { .. } | InvitationQuotaReached { .. } => StatusCode::TOO_MANY_REQUESTS,
            InvalidBody(_) | InvalidEmail(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AuthenticationRequired | InvalidToken(_) => StatusCode::UNAUTHORIZED,
            NotWorkspaceAdmin | TeamPlanRequired { .. } | EmailMismatch | EmailNotVerified => {
                StatusCode::FORBIDDEN
            }
            NoSeatLeft { .. }
            | InvitationAlreadyPending { .. }
            | AlreadyMember(_)
            | AddressComplained(_) => StatusCode::CONFLICT,
            InvitationAlreadyAccepted | NotAClient | ConcurrentChange => StatusCode::CONFLICT,
            NotAnAgencyConnection => StatusCode::CONFLICT,
            WiderThanClient(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WorkspaceNotFound | InvitationNotFound | InviteLinkNotFound => StatusCode::NOT_FOUND,
            ClientNotFound | PersonNotFound => StatusCode::NOT_FOUND,
            ChoiceExpired => StatusCode::GONE,
            InvitationExpired | InvitationRevoked | ClientRemoved => StatusCode::GONE,
            EmailDeliveryFailed { .. } => StatusCode::BAD_GATEWAY,
            UnknownPlatform(_) => StatusCode::NOT_FOUND,
            PlatformNotConfigured(_) => StatusCode::SERVICE_UNAVAILABLE,
            NotWorkspaceMember | PlatformNotAllowed(_) | DisconnectNotAllowed => {
                StatusCode::FORBIDDEN
            }
            ConnectionNotFound => StatusCode::NOT_FOUND,
            ConnectionNeedsReconnect(_) | ConnectionHealthy | NobodyToNotify => {
                StatusCode::CONFLICT
            }
            PlatformUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            IamRequired => StatusCode::FORBIDDEN,
            Store(_) | Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable slug of the problem `type`.
    pub fn slug(&self) -> &'static str {
        use AppError::*;
        match self {
            MalformedJson(_) => "malformed-json",
            BodyTooLarge { .. } => "body-too-large",
            IssuerUnavailable => "issuer-unavailable",
            ResendTooSoon { .. } => "resend-too-soon",
            InvitationQuotaReached { .. } => "invitation-quota-reached",
            AddressComplained(_) => "address-complained",
            InvalidBody(_) => "invalid-body",
            InvalidEmail(_) => "invalid-email",
            InvalidParameter(_) => "invalid-parameter",
            AuthenticationRequired => "authentication-required",
            InvalidToken(_) => "invalid-token",
            NotWorkspaceAdmin => "not-workspace-admin",
            TeamPlanRequired { .. } => "team-plan-required",
            NoSeatLeft { .. } => "no-seat-left",
            InvitationAlreadyPending { .. } => "invitation-already-pending",
            AlreadyMember(_) => "already-member",
            WorkspaceNotFound => "workspace-not-found",
            InvitationNotFound => "invitation-not-found",
            InviteLinkNotFound => "invite-link-not-found",
            InvitationExpired => "invitation-expired",
            InvitationRevoked => "invitation-revoked",
            InvitationAlreadyAccepted => "invitation-already-accepted",
            ClientRemoved => "client-removed",
            ClientNotFound => "client-not-found",
            WiderThanClient(_) => "wider-than-client",
            NotAnAgencyConnection => "not-an-agency-connection",
            PersonNotFound => "person-not-found",
            ChoiceExpired => "choice-expired",
            NotAClient => "not-a-client",
            EmailMismatch => "email-mismatch",
            EmailNotVerified => "email-not-verified",
            ConcurrentChange => "concurrent-change",
            EmailDeliveryFailed { .. } => "email-delivery-failed",
            UnknownPlatform(_) => "unknown-platform",
            PlatformNotConfigured(_) => "platform-not-configured",
            NotWorkspaceMember => "not-workspace-member",
            PlatformNotAllowed(_) => "platform-not-allowed",
            ConnectionNotFound => "connection-not-found",
            DisconnectNotAllowed => "disconnect-not-allowed",
            ConnectionNeedsReconnect(_) => "connection-needs-reconnect",
            PlatformUnavailable(_) => "platform-unavailable",
            ConnectionHealthy => "connection-healthy",
            NobodyToNotify => "nobody-to-notify",
            IamRequired => "iam-required",
            Store(_) | Internal(_) => "internal",
        }
    }

    pub fn title(&self) -> &'static str {
        use AppError::*;
        match self {
            MalformedJson(_) => "Malformed JSON",
            BodyTooLarge { .. } => "Request body too large",
            IssuerUnavailable => "Identity provider unavailable",
            ResendTooSoon { .. } => "Resent too soon",
            InvitationQuotaReached { .. } => "Daily invitation limit reached",
            AddressComplained(_) => "The address marked our email as spam",
            InvalidBody(_) => "Invalid request body",
            InvalidEmail(_) => "Invalid email address",
            InvalidParameter(_) => "Invalid parameter",
            AuthenticationRequired => "Authentication required",
            InvalidToken(_) => "Invalid bearer token",
            NotWorkspaceAdmin => "Not a workspace owner or admin",
            TeamPlanRequired { .. } => "Team plan required",
            NoSeatLeft { .. } => "No seat left",
            InvitationAlreadyPending { .. } => "Invitation already pending",
            AlreadyMember(_) => "Already a member",
            WorkspaceNotFound => "Workspace not found",
            InvitationNotFound => "Invitation not found",
            InviteLinkNotFound => "Invitation link not found",
            InvitationExpired => "Invitation expired",
            InvitationRevoked => "Invitation revoked",
            InvitationAlreadyAccepted => "Invitation already accepted",
            ClientRemoved => "Client removed",
            ClientNotFound => "Client not found",
            WiderThanClient(_) => "Wider than the client's rights",
            NotAnAgencyConnection => "Not an agency connection",
            PersonNotFound => "Person not found",
            ChoiceExpired => "Choice expired",
            NotAClient => "Not a client",
            EmailMismatch => "Email does not match the invitation",
            EmailNotVerified => "Email not verified",
            ConcurrentChange => "Concurrent change",
            EmailDeliveryFailed { .. } => "Email delivery failed",
            UnknownPlatform(_) => "Unknown platform",
            PlatformNotConfigured(_) => "Platform not configured",
            NotWorkspaceMember => "Not a workspace member",
            PlatformNotAllowed(_) => "Platform not allowed",
            ConnectionNotFound => "Connection not found",
            DisconnectNotAllowed => "Disconnecting not allowed",
            ConnectionNeedsReconnect(_) => "Connection needs reconnecting",
            PlatformUnavailable(_) => "Platform unavailable",
            ConnectionHealthy => "Connection is healthy",
            NobodyToNotify => "Nobody to notify",
            IamRequired => "IAM authorization required",
            Store(_) | Internal(_) => "Internal error",
        }
    }

    /// The invitation a problem is about, so the caller can act on it (e.g. resend).
    pub fn invitation_id(&self) -> Option<&InvitationId> {
        match self {
            AppError::InvitationAlreadyPending { invitation_id, .. }
            | AppError::EmailDeliveryFailed { invitation_id, .. } => Some(invitation_id),
            _ => None,
        }
    }

    /// The health a problem is about (a connection that needs reconnecting).
    pub fn health(&self) -> Option<&Health> {
        match self {
            AppError::ConnectionNeedsReconnect(health) => Some(health),
            _ => None,
        }
    }

    /// Seconds a caller should wait before trying again, when that is the answer.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::PlatformUnavailable(_) => Some(30),
            AppError::ResendTooSoon { retry_after }
            | AppError::InvitationQuotaReached { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// An internal failure; its cause goes to the log, never to the caller.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        AppError::Internal(cause.into())
    }

    /// Whether this is our failure (logged as an error with its cause chain) rather than
    /// a refusal of what the caller asked.
    pub fn is_internal(&self) -> bool {
        matches!(self, AppError::Store(_) | AppError::Internal(_))
    }
}

impl From<Unparsable> for AppError {
    fn from(error: Unparsable) -> Self {
        AppError::InvalidParameter(error.to_string())
    }
}

impl From<UnknownPlatform> for AppError {
    fn from(error: UnknownPlatform) -> Self {
        AppError::UnknownPlatform(error.0)
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Expired => AppError::InvitationExpired,
            Refusal::Revoked => AppError::InvitationRevoked,
            Refusal::AlreadyAccepted => AppError::InvitationAlreadyAccepted,
            Refusal::ClientRemoved => AppError::ClientRemoved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_maps_to_its_own_problem_type() {
        let slugs: std::collections::HashSet<_> = [
            Refusal::Expired,
            Refusal::Revoked,
            Refusal::AlreadyAccepted,
            Refusal::ClientRemoved,
        ]
        .into_iter()
        .map(|refusal| AppError::from(refusal).slug())
        .collect();
        assert_eq!(slugs.len(), 4);
    }

    #[test]
    fn internal_errors_do_not_show_their_cause_to_the_caller() {
        let error = AppError::internal("dynamodb said: table xyz missing");
        assert!(!error.to_string().contains("xyz"));
        assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
