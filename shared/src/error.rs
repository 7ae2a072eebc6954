//! The one error type every endpoint returns, as one table: each row is a variant with
//! its fields, its HTTP status, its stable RFC 9457 problem `type` (the slug), its title,
//! and the detail written for the person reading it. Adding an error is adding a row.

use std::borrow::Cow;

use lambda_http::http::StatusCode;

use crate::domain::{Health, InvitationId, NotABatch, Refusal, UnknownPlatform, Unparsable};
use crate::store::StoreError;

/// Base of every problem `type` URI; the slug after it never changes once published.
pub const PROBLEM_BASE: &str = "https://clientconnect.dev/problems/";

/// Any error, as the cause an internal failure keeps for the log.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// One row of the table: what a problem answers with, whichever its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub status: StatusCode,
    pub slug: &'static str,
    pub title: &'static str,
}

/// The table. A row: `Variant(fields) => STATUS "slug" "Title"` and, on the next line,
/// the detail (a `thiserror` format string over the fields). Slugs, statuses and titles
/// are published (`openapi.json`): never change one, add a row instead.
macro_rules! problems {
    ($(
        $(#[$attr:meta])*
        $variant:ident
            $( ( $( $(#[$tuple_attr:meta])* $tuple:ty ),+ ) )?
            $( { $( $field:ident : $field_ty:ty ),+ $(,)? } )?
        => $status:ident $slug:literal $title:literal
            $message:literal;
    )+) => {
        #[derive(Debug, thiserror::Error)]
        pub enum AppError {
            $(
                $(#[$attr])*
                #[error($message)]
                $variant
                    $( ( $( $(#[$tuple_attr])* $tuple ),+ ) )?
                    $( { $( $field : $field_ty ),+ } )?,
            )+
        }

        impl AppError {
            /// Every row of the table, in its order.
            pub const PROBLEMS: &'static [Problem] = &[
                $( Problem { status: StatusCode::$status, slug: $slug, title: $title }, )+
            ];

            /// This error's row.
            pub fn problem(&self) -> Problem {
                match self {
                    $( AppError::$variant { .. } => Problem {
                        status: StatusCode::$status,
                        slug: $slug,
                        title: $title,
                    }, )+
                }
            }
        }
    };
}

problems! {
    MalformedJson(String) => BAD_REQUEST "malformed-json" "Malformed JSON"
        "The request body is not valid JSON: {0}";
    InvalidParameter(String) => BAD_REQUEST "invalid-parameter" "Invalid parameter"
        "{0}";
    BodyTooLarge { limit: usize } => PAYLOAD_TOO_LARGE "body-too-large" "Request body too large"
        "The request body is larger than {limit} bytes. Send less.";
    InvalidBody(String) => UNPROCESSABLE_ENTITY "invalid-body" "Invalid request body"
        "The request body does not match the expected shape: {0}";
    BatchEmpty => UNPROCESSABLE_ENTITY "batch-empty" "Empty batch"
        "The batch names nobody: list at least one person's id in `people`.";
    BatchTooLarge { asked: usize, max: usize } => UNPROCESSABLE_ENTITY "batch-too-large" "Batch too large"
        "The batch names {asked} people and one batch acts on at most {max}. Nothing was done: send them in several batches.";
    BatchRepeatsAPerson(InvitationId) => UNPROCESSABLE_ENTITY "batch-repeats-a-person" "Person named twice in a batch"
        "{0} is named more than once in `people`. Nothing was done: name each person once.";
    InvalidEmail(String) => UNPROCESSABLE_ENTITY "invalid-email" "Invalid email address"
        "{0}";
    WiderThanClient(String) => UNPROCESSABLE_ENTITY "wider-than-client" "Wider than the client's rights"
        "{0}: a person or link of a client can be given less than the client, never more. Change the client's rights first.";

    // The agency's own words, its brand and its clients' language.
    InvitationMessageTooLong { length: usize } => UNPROCESSABLE_ENTITY "invitation-message-too-long" "Invitation message too long"
        "The message is {length} characters long (control characters aside); an invitation's message is at most 500. Shorten it.";
    UnsupportedLanguage(String) => UNPROCESSABLE_ENTITY "unsupported-language" "Unsupported language"
        "{0:?} is not a language emails are written in: use en, es, fr, de or pt-BR.";
    AccentColourLowContrast { colour: String, ratio: String, against: &'static str } => UNPROCESSABLE_ENTITY "accent-colour-low-contrast" "Accent colour too light to read"
        "{colour} has a contrast of {ratio}:1 with {against}; text needs at least 4.5:1 (WCAG 2.x, AA). Choose a darker colour.";
    LogoNotAnImage { found: String } => UNPROCESSABLE_ENTITY "logo-not-an-image" "Logo is not a usable image"
        "The logo's address answered with {found}; a logo must be a PNG, JPEG, WebP or GIF image (not SVG, which can carry scripts).";
    LogoTooLarge { max_kb: u32 } => UNPROCESSABLE_ENTITY "logo-too-large" "Logo too large"
        "The logo is larger than {max_kb} KB. Use a smaller image: it is shown at 48 pixels.";
    LogoUnreachable(String) => UNPROCESSABLE_ENTITY "logo-unreachable" "Logo could not be fetched"
        "The logo could not be fetched to check it ({0}). Check its address is public and answers directly (no redirect), then try again.";

    // Who is asking.
    AuthenticationRequired => UNAUTHORIZED "authentication-required" "Authentication required"
        "Sign in first: this endpoint needs a bearer token in the Authorization header.";
    InvalidToken(String) => UNAUTHORIZED "invalid-token" "Invalid bearer token"
        "The bearer token was not accepted: {0}";
    IssuerUnavailable => SERVICE_UNAVAILABLE "issuer-unavailable" "Identity provider unavailable"
        "Sign-ins cannot be verified right now: the identity provider is unreachable. Try again in a minute.";
    IamRequired => FORBIDDEN "iam-required" "IAM authorization required"
        "This endpoint is for AWS principals: call it with a SigV4-signed request through the API's IAM authorizer.";
    PrincipalNotAllowed(&'static str) => FORBIDDEN "principal-not-allowed" "Principal not allowed"
        "The token service serves only the AWS principals this deployment lists (its TokenServicePrincipals parameter): {0}";
    NotWorkspaceMember => FORBIDDEN "not-workspace-member" "Not a workspace member"
        "You are not an active member of this workspace, or your part in it does not include this.";
    NotWorkspaceAdmin => FORBIDDEN "not-workspace-admin" "Not a workspace owner or admin"
        "Only the owner or an admin of this workspace can do this.";
    TeamPlanRequired { plan: String } => FORBIDDEN "team-plan-required" "Team plan required"
        "Clients, their invitations and the invite link are part of the Team plan. This workspace is on the {plan} plan: its owner can upgrade to Team under Settings → Billing; then try again.";
    PlatformNotAllowed(&'static str) => FORBIDDEN "platform-not-allowed" "Platform not allowed"
        "{0} is not one of the platforms allowed for this client, person or link. The agency decides which platforms each may use.";
    DisconnectNotAllowed => FORBIDDEN "disconnect-not-allowed" "Disconnecting not allowed"
        "Clients can disconnect only their own accounts, and only where the workspace lets them. Ask the agency to disconnect it.";
    TwoFactorRequired => FORBIDDEN "two-factor-required" "Two-factor sign-in required"
        "The agency requires the people of this client to sign in with a second factor (a code from an authenticator app or by email, or a security key) to accept, connect or disconnect, and this sign-in had none. Sign in again with a second factor, then retry with the new token.";
    ConnectLinkNeedsSignIn => FORBIDDEN "connect-link-needs-sign-in" "Connect link ended: sign in instead"
        "The agency now requires two-factor sign-in for this client, so its login-free connect link no longer works. Sign in with your own account and a second factor instead; if you have no account here, ask the agency for an invitation.";
    TwoFactorClientHasNoLink => CONFLICT "two-factor-client-has-no-link" "No connect link for a two-factor client"
        "This client requires two-factor sign-in, and a connect link lets whoever holds it in without signing in. Invite the client's people instead: they sign in with a second factor.";

    // Invitations and the people they make.
    EmailMismatch => FORBIDDEN "email-mismatch" "Email does not match the invitation"
        "This invitation was sent to a different email address. Sign in as the invited person to accept it.";
    EmailNotVerified => FORBIDDEN "email-not-verified" "Email not verified"
        "Your sign-in did not come with a verified email address. Verify your email with your sign-in provider, then try again.";
    InviterEmailNotVerified => FORBIDDEN "inviter-email-not-verified" "Inviter's email not verified"
        "Only a person whose own email address is verified may invite: invitations go out in their name, and an invite link lets anyone who holds it join. Your sign-in did not come with a verified email address. Verify it with your sign-in provider, sign in again, then invite.";
    ResendTooSoon { retry_after: u32 } => TOO_MANY_REQUESTS "resend-too-soon" "Resent too soon"
        "This invitation was emailed moments ago. Wait a few minutes before resending it.";
    InvitationQuotaReached { per_day: u32, retry_after: u32 } => TOO_MANY_REQUESTS "invitation-quota-reached" "Daily invitation limit reached"
        "This workspace has sent its {per_day} emails for today (invitations and reconnect emails count alike). Try again tomorrow (UTC).";
    NoSeatLeft { seats: u32 } => CONFLICT "no-seat-left" "No seat left"
        "All {seats} seats of this workspace are taken, and a client's person who may publish posts takes one. The agency can add a seat, or let this person in without the publish permission.";
    InvitationAlreadyPending { email: String, invitation_id: InvitationId } => CONFLICT "invitation-already-pending" "Invitation already pending"
        "{email} already has a pending invitation to this workspace. Resend that invitation to send a new link.";
    AlreadyMember(String) => CONFLICT "already-member" "Already a member"
        "{0} is, or was, a member of this workspace. Someone removed comes back only through an emailed invitation.";
    AddressComplained(String) => CONFLICT "address-complained" "The address marked our email as spam"
        "{0} marked an earlier email from this workspace as spam, so it is not emailed again unless you confirm: check with the person, then send again with confirm_after_complaint.";
    InvitationAlreadyAccepted => CONFLICT "invitation-already-accepted" "Invitation already accepted"
        "This invitation has already been accepted.";
    NotAClient => CONFLICT "not-a-client" "Not a client"
        "Only a client who accepted an invitation can be removed; a pending invitation is revoked instead.";
    InvitationNotFound => NOT_FOUND "invitation-not-found" "Invitation not found"
        "This invitation does not exist in this workspace.";
    InviteLinkNotFound => NOT_FOUND "invite-link-not-found" "Invitation link not found"
        "This link does not exist or no longer works: it may have been replaced or turned off. If you were sent a newer one, use that.";
    InvitationExpired => GONE "invitation-expired" "Invitation expired"
        "This invitation has expired. The agency can resend it, which sends a new link.";
    InvitationRevoked => GONE "invitation-revoked" "Invitation revoked"
        "This invitation was revoked by the agency and can no longer be used.";
    EmailDeliveryFailed { reason: String, invitation_id: InvitationId } => BAD_GATEWAY "email-delivery-failed" "Email delivery failed"
        "The invitation was saved but its email could not be sent ({reason}). Resend it once the problem is fixed.";

    // Workspaces, clients and their people.
    WorkspaceNotFound => NOT_FOUND "workspace-not-found" "Workspace not found"
        "This workspace does not exist.";
    ClientNotFound => NOT_FOUND "client-not-found" "Client not found"
        "This client does not exist in this workspace.";
    PersonNotFound => NOT_FOUND "person-not-found" "Person not found"
        "There is no such person here: not a person of this client, or not an agency member of this workspace.";
    ClientRemoved => GONE "client-removed" "Client removed"
        "This client was removed from the workspace (or this person from the client): what was removed can no longer be used.";
    ConcurrentChange => CONFLICT "concurrent-change" "Concurrent change"
        "Something else changed at the same moment as this request. Reload and try again.";
    ConnectionsOutsideRights { platforms: String, count: usize } => CONFLICT "connections-outside-rights" "Connections outside the new rights"
        "This change takes {platforms} away from the client, which has {count} connected account(s) there. Say what becomes of them: send `connections` as `keep` (they stay connected and usable by the agency; the client can no longer connect that platform) or `disconnect` (revoked at the platform and forgotten).";

    // Connections.
    UnknownPlatform(String) => NOT_FOUND "unknown-platform" "Unknown platform"
        "{0} is not a platform this service connects.";
    PlatformNotConfigured(&'static str) => SERVICE_UNAVAILABLE "platform-not-configured" "Platform not configured"
        "{0} connections are not set up for this deployment yet: the platform app's credentials are missing. Whoever runs this service can add them.";
    ConnectionNotFound => NOT_FOUND "connection-not-found" "Connection not found"
        "This connection does not exist in this workspace.";
    NotAnAgencyConnection => CONFLICT "not-an-agency-connection" "Not an agency connection"
        "Only the agency's own connections can be assigned to a client; a client's connection already belongs to it.";
    AssignmentNotFound => NOT_FOUND "assignment-not-found" "Assignment not found"
        "This account is not assigned to that client.";
    TooManyAssignments(usize) => CONFLICT "too-many-assignments" "Too many assignments"
        "An account can be assigned to at most {0} clients. Take it away from one of them first.";
    ClientCannotConnect(&'static str) => CONFLICT "client-cannot-connect" "The client cannot connect this platform"
        "The client may not connect {0} accounts, so its own credentials could never publish this account. Give it the right to connect {0} first, or publish for it with the agency's credentials.";
    AssignmentWaiting => CONFLICT "assignment-waiting" "Waiting for the client's own connection"
        "This account publishes for that client with the client's own credentials, and the client has not connected the account yet. They were asked to; once they do, its token is served.";
    ChoiceExpired => GONE "choice-expired" "Choice expired"
        "This choice of accounts has expired or was already made. Connect again from the connect page.";
    ConnectionNeedsReconnect(Health) => CONFLICT "connection-needs-reconnect" "Connection needs reconnecting"
        "This connection needs reconnecting: the platform refused it or its access ran out. No token can be served until its owner connects the account again.";
    ConnectionHealthy => CONFLICT "connection-healthy" "Connection is healthy"
        "This connection is healthy: there is nothing to reconnect.";
    NobodyToNotify => CONFLICT "nobody-to-notify" "Nobody to notify"
        "Nobody who could reconnect this account can be emailed: its client has no active person, or whoever connected the agency's account no longer manages the workspace.";
    ReconnectEmailTooSoon { retry_after: u32 } => TOO_MANY_REQUESTS "reconnect-email-too-soon" "Reconnect email sent too soon"
        "The people who can reconnect this account were emailed about it moments ago. Wait a few minutes before emailing them again.";
    EmailQuotaReached { per_day: u32, retry_after: u32 } => TOO_MANY_REQUESTS "email-quota-reached" "Daily email limit reached"
        "This workspace has sent its {per_day} emails for today (invitations and reconnect emails count alike), and this would send more. Try again tomorrow (UTC).";
    ReconnectEmailNotSent { reason: String } => BAD_GATEWAY "reconnect-email-not-sent" "Reconnect email not sent"
        "The email service took none of the reconnect emails ({reason}). Nothing was sent, so you may try again at once once the problem is fixed.";
    PlatformUnavailable(&'static str) => SERVICE_UNAVAILABLE "platform-unavailable" "Platform unavailable"
        "{0} did not answer properly and the stored access token has expired. Try again in a minute.";

    /// A stored item that cannot be read (a name with a control character written past
    /// the API's checks, say): our failure, logged with its cause; the caller is told
    /// which item and field (its keys, never its values), so it can be repaired.
    UnreadableItem(String, #[source] Cause) => INTERNAL_SERVER_ERROR "unreadable-item" "Unreadable stored item"
        "Something stored for this request cannot be read: {0}. Trying again will not help until whoever runs this service repairs it (it is in their log).";

    /// Our failure, not a refusal: its cause (with the chain of its own causes) goes to
    /// the log, never to the caller. Built with [`AppError::internal`] or
    /// [`AppError::internal_because`]; a [`StoreError`] becomes one through `?`.
    Internal(#[source] Cause) => INTERNAL_SERVER_ERROR "internal" "Internal error"
        "Something went wrong on our side. Please try again.";
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        self.problem().status
    }

    /// The stable slug of the problem `type`.
    pub fn slug(&self) -> &'static str {
        self.problem().slug
    }

    pub fn title(&self) -> &'static str {
        self.problem().title
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
            | AppError::ReconnectEmailTooSoon { retry_after }
            | AppError::InvitationQuotaReached { retry_after, .. }
            | AppError::EmailQuotaReached { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// An internal failure whose cause is an error (kept as the `source`) or, where
    /// nothing failed but something is wrong, a sentence saying what. It goes to the
    /// log, never to the caller.
    pub fn internal(cause: impl Into<Cause>) -> Self {
        AppError::Internal(cause.into())
    }

    /// An internal failure of `what` (what we were doing, for the log) because of
    /// `cause`, which stays the source of `what`: the log shows
    /// `… : reading secret x failed: <the SDK's error>: <its cause>`, each link of the
    /// chain its own error. Use it instead of formatting a cause into a string:
    ///
    /// ```ignore
    /// .map_err(|error| AppError::internal_because("fetching the JWKS failed", error))?
    /// ```
    pub fn internal_because(what: impl Into<Cow<'static, str>>, cause: impl Into<Cause>) -> Self {
        AppError::Internal(Box::new(Failed {
            what: what.into(),
            cause: cause.into(),
        }))
    }

    /// Whether this is our failure (logged as an error with its cause chain) rather than
    /// a refusal of what the caller asked.
    pub fn is_internal(&self) -> bool {
        matches!(self, AppError::Internal(_) | AppError::UnreadableItem(..))
    }
}

/// What failed, with the error it failed with as its `source` (see
/// [`AppError::internal_because`]).
#[derive(Debug, thiserror::Error)]
#[error("{what}")]
struct Failed {
    what: Cow<'static, str>,
    #[source]
    cause: Cause,
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match &error {
            StoreError::Unreadable { item, .. } => {
                AppError::UnreadableItem(item.to_string(), Box::new(error))
            }
            _ => AppError::Internal(Box::new(error)),
        }
    }
}

impl From<crate::domain::InvalidTerms> for AppError {
    fn from(error: crate::domain::InvalidTerms) -> Self {
        AppError::InvalidBody(error.0)
    }
}

impl From<Unparsable> for AppError {
    fn from(error: Unparsable) -> Self {
        AppError::InvalidParameter(error.to_string())
    }
}

impl From<NotABatch> for AppError {
    fn from(error: NotABatch) -> Self {
        match error {
            NotABatch::Empty => AppError::BatchEmpty,
            NotABatch::TooLarge { asked } => AppError::BatchTooLarge {
                asked,
                max: crate::domain::PeopleBatch::MAX,
            },
            NotABatch::Repeated(id) => AppError::BatchRepeatsAPerson(id),
            NotABatch::Unparsable(error) => AppError::InvalidBody(format!("people: {error}")),
        }
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
    use std::collections::HashSet;
    use std::error::Error as _;

    use super::*;

    #[test]
    fn every_refusal_maps_to_its_own_problem_type() {
        let slugs: HashSet<_> = [
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

    #[test]
    fn every_slug_is_one_problem() {
        let mut seen = HashSet::new();
        for problem in AppError::PROBLEMS {
            assert!(seen.insert(problem.slug), "{} twice", problem.slug);
            assert!(
                !problem.slug.is_empty()
                    && problem
                        .slug
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not a slug openapi.json allows",
                problem.slug
            );
        }
    }

    /// The published table as it stood when it became one: a row may be added, never
    /// changed or taken away.
    #[test]
    fn slugs_statuses_and_titles_are_as_published() {
        let published: &[(&str, u16, &str)] = &[
            ("malformed-json", 400, "Malformed JSON"),
            ("body-too-large", 413, "Request body too large"),
            ("issuer-unavailable", 503, "Identity provider unavailable"),
            ("resend-too-soon", 429, "Resent too soon"),
            (
                "invitation-quota-reached",
                429,
                "Daily invitation limit reached",
            ),
            (
                "address-complained",
                409,
                "The address marked our email as spam",
            ),
            ("invalid-body", 422, "Invalid request body"),
            ("batch-empty", 422, "Empty batch"),
            ("batch-too-large", 422, "Batch too large"),
            (
                "batch-repeats-a-person",
                422,
                "Person named twice in a batch",
            ),
            ("invalid-email", 422, "Invalid email address"),
            ("invalid-parameter", 400, "Invalid parameter"),
            ("authentication-required", 401, "Authentication required"),
            ("invalid-token", 401, "Invalid bearer token"),
            ("not-workspace-admin", 403, "Not a workspace owner or admin"),
            ("team-plan-required", 403, "Team plan required"),
            ("no-seat-left", 409, "No seat left"),
            (
                "inviter-email-not-verified",
                403,
                "Inviter's email not verified",
            ),
            (
                "invitation-already-pending",
                409,
                "Invitation already pending",
            ),
            ("already-member", 409, "Already a member"),
            ("workspace-not-found", 404, "Workspace not found"),
            ("invitation-not-found", 404, "Invitation not found"),
            ("invite-link-not-found", 404, "Invitation link not found"),
            ("invitation-expired", 410, "Invitation expired"),
            ("invitation-revoked", 410, "Invitation revoked"),
            (
                "invitation-already-accepted",
                409,
                "Invitation already accepted",
            ),
            ("client-removed", 410, "Client removed"),
            ("client-not-found", 404, "Client not found"),
            ("wider-than-client", 422, "Wider than the client's rights"),
            ("not-an-agency-connection", 409, "Not an agency connection"),
            ("assignment-not-found", 404, "Assignment not found"),
            ("too-many-assignments", 409, "Too many assignments"),
            (
                "assignment-waiting",
                409,
                "Waiting for the client's own connection",
            ),
            (
                "client-cannot-connect",
                409,
                "The client cannot connect this platform",
            ),
            ("person-not-found", 404, "Person not found"),
            ("choice-expired", 410, "Choice expired"),
            ("not-a-client", 409, "Not a client"),
            ("email-mismatch", 403, "Email does not match the invitation"),
            ("email-not-verified", 403, "Email not verified"),
            ("concurrent-change", 409, "Concurrent change"),
            (
                "connections-outside-rights",
                409,
                "Connections outside the new rights",
            ),
            ("email-delivery-failed", 502, "Email delivery failed"),
            ("unknown-platform", 404, "Unknown platform"),
            ("platform-not-configured", 503, "Platform not configured"),
            ("not-workspace-member", 403, "Not a workspace member"),
            ("platform-not-allowed", 403, "Platform not allowed"),
            ("connection-not-found", 404, "Connection not found"),
            ("disconnect-not-allowed", 403, "Disconnecting not allowed"),
            (
                "connection-needs-reconnect",
                409,
                "Connection needs reconnecting",
            ),
            ("platform-unavailable", 503, "Platform unavailable"),
            ("connection-healthy", 409, "Connection is healthy"),
            ("nobody-to-notify", 409, "Nobody to notify"),
            (
                "reconnect-email-too-soon",
                429,
                "Reconnect email sent too soon",
            ),
            ("email-quota-reached", 429, "Daily email limit reached"),
            ("reconnect-email-not-sent", 502, "Reconnect email not sent"),
            ("iam-required", 403, "IAM authorization required"),
            ("principal-not-allowed", 403, "Principal not allowed"),
            ("internal", 500, "Internal error"),
            ("unreadable-item", 500, "Unreadable stored item"),
            ("two-factor-required", 403, "Two-factor sign-in required"),
            (
                "connect-link-needs-sign-in",
                403,
                "Connect link ended: sign in instead",
            ),
            (
                "two-factor-client-has-no-link",
                409,
                "No connect link for a two-factor client",
            ),
            (
                "invitation-message-too-long",
                422,
                "Invitation message too long",
            ),
            ("unsupported-language", 422, "Unsupported language"),
            (
                "accent-colour-low-contrast",
                422,
                "Accent colour too light to read",
            ),
            ("logo-not-an-image", 422, "Logo is not a usable image"),
            ("logo-too-large", 422, "Logo too large"),
            ("logo-unreachable", 422, "Logo could not be fetched"),
        ];
        for &(slug, status, title) in published {
            let row = AppError::PROBLEMS
                .iter()
                .find(|problem| problem.slug == slug)
                .unwrap_or_else(|| panic!("{slug} is published but has no row"));
            assert_eq!((row.status.as_u16(), row.title), (status, title), "{slug}");
        }
        assert_eq!(
            AppError::PROBLEMS.len(),
            published.len(),
            "a new row: add it here"
        );
    }

    #[test]
    fn a_value_answers_with_its_row() {
        let error = AppError::NoSeatLeft { seats: 3 };
        assert_eq!(error.status(), StatusCode::CONFLICT);
        assert_eq!(error.slug(), "no-seat-left");
        assert!(error.to_string().contains("All 3 seats"));
        let stored = AppError::from(StoreError::Request("no table".into()));
        assert_eq!(stored.slug(), "internal");
        assert!(stored.is_internal());
    }

    #[test]
    fn an_internal_failure_keeps_its_cause_as_the_source() {
        let cause = std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer in 5 s");
        let error = AppError::internal_because("fetching the JWKS failed", cause);
        assert!(
            !error.to_string().contains("JWKS"),
            "nothing of it for the caller"
        );
        let what = error.source().expect("what failed");
        assert_eq!(what.to_string(), "fetching the JWKS failed");
        let why = what.source().expect("why");
        assert_eq!(why.to_string(), "no answer in 5 s");
        assert!(
            why.downcast_ref::<std::io::Error>().is_some(),
            "the error itself, not its text"
        );
    }
}
