//! List cursors: where the next page starts, opaque to callers and bound to the list and
//! workspace they came from, so a cursor from one list is refused by every other.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::domain::{Unparsable, WorkspaceId};

/// Which list a cursor pages through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// The people of all clients (invitations), newest first.
    People,
    /// The clients, newest first.
    Clients,
    /// The audit trail, newest first.
    Audit,
    /// Connections (a workspace's, or those one client sees), newest first.
    Connections,
}

impl Listing {
    fn tag(self) -> &'static str {
        match self {
            Listing::People => "people",
            Listing::Clients => "clients",
            Listing::Audit => "audit",
            Listing::Connections => "connections",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    listing: Listing,
    workspace: WorkspaceId,
    /// The sort key of the last item of the page before.
    pub(super) after: String,
}

impl Cursor {
    pub(super) fn new(listing: Listing, workspace: &WorkspaceId, after: String) -> Self {
        Self {
            listing,
            workspace: workspace.clone(),
            after,
        }
    }

    /// The cursor as a caller sees it.
    pub fn encode(&self) -> String {
        let raw = format!(
            "{}\n{}\n{}",
            self.listing.tag(),
            self.workspace.as_str(),
            self.after
        );
        URL_SAFE_NO_PAD.encode(raw)
    }

    /// A cursor this API returned for `listing` in `workspace`; anything else is refused.
    pub fn parse(raw: &str, listing: Listing, workspace: &WorkspaceId) -> Result<Self, Unparsable> {
        let refused = || Unparsable::new("cursor this list returned", raw);
        let decoded = URL_SAFE_NO_PAD
            .decode(raw)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(refused)?;
        let mut parts = decoded.splitn(3, '\n');
        let (Some(tag), Some(ws), Some(after)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(refused());
        };
        if tag != listing.tag() || ws != workspace.as_str() || after.is_empty() {
            return Err(refused());
        }
        Ok(Self::new(listing, workspace, after.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(raw: &str) -> WorkspaceId {
        raw.parse().unwrap()
    }

    #[test]
    fn a_cursor_round_trips_in_its_own_list() {
        let cursor = Cursor::new(Listing::People, &workspace("ws-a"), "INVITE#1".into());
        let parsed = Cursor::parse(&cursor.encode(), Listing::People, &workspace("ws-a"));
        assert_eq!(parsed, Ok(cursor));
    }

    #[test]
    fn a_cursor_from_another_workspace_or_a_forged_one_is_refused() {
        let cursor = Cursor::new(Listing::People, &workspace("ws-a"), "INVITE#1".into());
        assert!(Cursor::parse(&cursor.encode(), Listing::People, &workspace("ws-b")).is_err());
        let other_list = Cursor::new(Listing::Clients, &workspace("ws-a"), "CLIENT#1".into());
        assert!(Cursor::parse(&other_list.encode(), Listing::People, &workspace("ws-a")).is_err());
        for forged in [
            "",
            "!!!",
            "aW52aXRhdGlvbnM",
            &URL_SAFE_NO_PAD.encode("people\nws-a\n"),
        ] {
            assert!(Cursor::parse(forged, Listing::People, &workspace("ws-a")).is_err());
        }
    }
}
