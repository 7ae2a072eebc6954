//! Property tests of every parser of untrusted input: whatever a request carries (any
//! string, well-formed or not), each parser answers a value or a clear error, never
//! panics, and what it accepts it accepts again in the form it gave back.

use std::str::FromStr;

use proptest::prelude::*;

use crate::crypto::InviteToken;
use crate::domain::{
    ClientId, ConnectionId, DisplayName, EmailAddress, InvitationId, PageSize, Platform, UserId,
    WorkspaceId,
};
use crate::service::invitations::NewInvitation;
use crate::service::sign_in::safe_return_path;
use crate::store::{Cursor, Listing};
use crate::web::read_cookie;

/// Strings that look like what a request carries: mostly printable ASCII with the
/// characters parsers split on, some Unicode and control characters.
fn request_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[ -~]{0,80}",
        "[a-zA-Z0-9@._+%#:;=/?&\\- ]{0,60}",
        "[a-z0-9._+-]{1,20}@[a-zA-Z0-9ü.-]{1,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn an_email_parses_to_one_ascii_lower_case_form_or_is_refused(raw in request_text()) {
        if let Ok(email) = EmailAddress::parse(&raw) {
            prop_assert!(email.as_str().is_ascii());
            prop_assert_eq!(email.as_str(), email.as_str().to_lowercase());
            prop_assert_eq!(EmailAddress::parse(email.as_str()).ok(), Some(email.clone()));
        }
    }

    #[test]
    fn ids_parse_to_a_form_that_parses_again(raw in request_text()) {
        if let Ok(id) = UserId::from_str(&raw) {
            prop_assert!(!id.as_str().contains('#') && !id.as_str().chars().any(char::is_control));
            prop_assert_eq!(UserId::from_str(id.as_str()).ok(), Some(id.clone()));
        }
        if let Ok(id) = WorkspaceId::from_str(&raw) {
            prop_assert_eq!(WorkspaceId::from_str(id.as_str()).ok(), Some(id.clone()));
        }
        for parsed in [
            ClientId::from_str(&raw).map(|id| id.to_string()),
            InvitationId::from_str(&raw).map(|id| id.to_string()),
            ConnectionId::from_str(&raw).map(|id| id.to_string()),
        ]
        .into_iter()
        .flatten()
        {
            prop_assert!(uuid::Uuid::parse_str(&parsed).is_ok());
        }
        let _ = PageSize::from_str(&raw);
        let _ = Platform::from_str(&raw);
    }

    #[test]
    fn a_name_never_keeps_a_control_character(raw in request_text()) {
        for name in [DisplayName::parse(&raw).ok(), DisplayName::lenient(&raw)].into_iter().flatten() {
            prop_assert!(!name.as_str().chars().any(char::is_control));
            prop_assert!(name.as_str().chars().count() <= DisplayName::MAX_CHARS);
        }
    }

    #[test]
    fn tokens_and_cursors_are_refused_unless_they_are_ours(raw in request_text()) {
        if let Some(token) = InviteToken::parse(&raw) {
            prop_assert_eq!(token.expose_secret().len(), 43);
        }
        let workspace: WorkspaceId = "ws-1".parse().unwrap();
        if let Ok(cursor) = Cursor::parse(&raw, Listing::People, &workspace) {
            prop_assert!(Cursor::parse(&cursor.encode(), Listing::Clients, &workspace).is_err());
            let other: WorkspaceId = "ws-2".parse().unwrap();
            prop_assert!(Cursor::parse(&cursor.encode(), Listing::People, &other).is_err());
        }
    }

    #[test]
    fn a_sign_in_returns_to_one_of_our_pages_whatever_next_says(raw in request_text()) {
        let pages = ["/connect", "/invite", "/join"];
        let path = safe_return_path(Some(&raw), &pages);
        prop_assert!(
            pages.iter().any(|page| path == *page || path.starts_with(&format!("{page}?"))),
            "{}", path
        );
    }

    #[test]
    fn bodies_cookies_and_forms_of_any_shape_are_read_or_refused(raw in request_text()) {
        let _ = serde_json::from_str::<NewInvitation>(&raw);
        let _ = serde_html_form::from_str::<crate::web::agency::clients::ClientsForm>(&raw);
        let _ = serde_html_form::from_str::<crate::web::agency::connections::ConnectionsForm>(&raw);
        let _ = serde_html_form::from_str::<crate::web::agency::invite_link::InviteLinkForm>(&raw);
        let _ = serde_html_form::from_str::<crate::web::pages::ChooseForm>(&raw);
        let _ = read_cookie(Some(&raw), "cc_session");
    }

    #[test]
    fn an_invitation_body_with_any_values_is_read_or_refused(
        email in request_text(),
        name in request_text(),
        platforms in proptest::collection::vec(request_text(), 0..8),
    ) {
        let body = serde_json::json!({ "email": email, "name": name, "platforms": platforms });
        let _ = serde_json::from_value::<NewInvitation>(body);
    }
}
