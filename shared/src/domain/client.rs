//! Clients: the brands an agency works for, each with its people, its rights (what its
//! people may do, which platforms they may connect), and at most one login-free
//! connect link.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Permissions, Platform, UserId, WorkspaceId};

super::ids::uuid_id!(
    /// A client (a brand) of a workspace.
    ClientId,
    "client id"
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientState {
    Active,
    /// Deleted by the agency: its people were deactivated and its connect link ended.
    Deleted,
}

/// What a new client is, once its parts are parsed: the one rule every way of making a
/// client follows (the API, an invitation to a new client, the invite link).
#[derive(Debug, Clone)]
pub struct ClientTerms {
    pub name: DisplayName,
    pub logo_url: Option<LogoUrl>,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    pub two_factor_required: bool,
}

/// A new client's terms that cannot be: which part, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidTerms(pub String);

impl ClientTerms {
    pub fn parse(
        name: &str,
        logo_url: Option<&str>,
        permissions: Permissions,
        platforms: Option<Vec<Platform>>,
    ) -> Result<Self, InvalidTerms> {
        Ok(Self {
            name: DisplayName::parse(name)
                .map_err(|error| InvalidTerms(format!("name: {error}")))?,
            logo_url: logo_url
                .map(LogoUrl::parse)
                .transpose()
                .map_err(|error| InvalidTerms(format!("logo_url: {error}")))?,
            permissions,
            platforms: Client::allowed_platforms(platforms)?,
            two_factor_required: false,
        })
    }

    /// The terms of a client made for one person (an invitation to a new client, a join
    /// through the invite link): named as asked, else after the person, else by their
    /// address.
    pub fn for_person(
        name: Option<&str>,
        email: &super::EmailAddress,
        permissions: Permissions,
        platforms: Option<Vec<Platform>>,
    ) -> Result<Self, InvalidTerms> {
        let name = name.map_or_else(|| email.to_string(), str::to_owned);
        Self::parse(&name, None, permissions, platforms)
    }

    /// These terms, with the client's people required to sign in with a second factor
    /// (or not).
    pub fn requiring_two_factor(self, required: bool) -> Self {
        Self {
            two_factor_required: required,
            ..self
        }
    }

    /// The client these terms make, new as of `now`.
    pub fn into_client(
        self,
        workspace_id: &WorkspaceId,
        created_by: &UserId,
        now: OffsetDateTime,
    ) -> Client {
        Client {
            client_id: ClientId::generate(),
            workspace_id: workspace_id.clone(),
            name: self.name,
            logo_url: self.logo_url,
            permissions: self.permissions,
            platforms: self.platforms,
            two_factor_required: self.two_factor_required,
            state: ClientState::Active,
            created_by: created_by.clone(),
            created_at: now,
            deleted_at: None,
        }
    }
}

/// A brand, and what every person of it may do.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Client {
    pub client_id: ClientId,
    pub workspace_id: WorkspaceId,
    pub name: DisplayName,
    /// Shown on its pages when set (an https image URL).
    #[serde(default)]
    pub logo_url: Option<LogoUrl>,
    /// The most any person of this client may do; an invitation may narrow it for one
    /// person, never widen it.
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    /// Its people must sign in with a second factor to accept, connect or disconnect,
    /// and it has no login-free connect link.
    #[serde(default)]
    pub two_factor_required: bool,
    pub state: ClientState,
    pub created_by: UserId,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: OffsetDateTime,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub deleted_at: Option<OffsetDateTime>,
}

/// What one person of a client may do: the client's rights, narrowed by what their
/// invitation (or a connect link) names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rights {
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
}

impl Client {
    /// The platforms asked for, sorted and without repeats; all of them when absent.
    pub fn allowed_platforms(
        requested: Option<Vec<Platform>>,
    ) -> Result<Vec<Platform>, InvalidTerms> {
        let mut platforms = requested.unwrap_or_else(|| Platform::ALL.to_vec());
        platforms.sort();
        platforms.dedup();
        if platforms.is_empty() {
            return Err(InvalidTerms(
                "platforms must name at least one platform, or be left out to allow all".into(),
            ));
        }
        Ok(platforms)
    }

    pub fn is_active(&self) -> bool {
        self.state == ClientState::Active
    }

    /// Whether a person of this client who signed in as `second_factor_at` says must
    /// first sign in again with a second factor (to accept, connect or disconnect).
    pub fn wants_second_factor(&self, second_factor_at: Option<OffsetDateTime>) -> bool {
        self.two_factor_required && second_factor_at.is_none()
    }

    /// The client's rights narrowed by `narrowing`: a person can never get more than
    /// the client has.
    pub fn rights(&self, narrowing: Option<&Narrowing>) -> Rights {
        let permissions = match narrowing.and_then(|narrow| narrow.permissions) {
            Some(narrow) => self.permissions.intersect(narrow),
            None => self.permissions,
        };
        let platforms = self
            .platforms
            .iter()
            .copied()
            .filter(|platform| {
                narrowing
                    .and_then(|narrow| narrow.platforms.as_ref())
                    .is_none_or(|only| only.contains(platform))
            })
            .collect();
        Rights {
            permissions,
            platforms,
        }
    }

    /// Checks a narrowing asked for a person (or a link) against what the client has;
    /// a platform or permission the client lacks is refused, never silently dropped.
    pub fn check_narrowing(&self, narrowing: &Narrowing) -> Result<(), Widening> {
        if let Some(platform) = narrowing
            .platforms
            .iter()
            .flatten()
            .find(|platform| !self.platforms.contains(platform))
        {
            return Err(Widening::Platform(*platform));
        }
        if let Some(permissions) = narrowing.permissions {
            if permissions.intersect(self.permissions) != permissions {
                return Err(Widening::Permission);
            }
        }
        Ok(())
    }
}

/// A change of a client's rights; a part left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRights {
    pub permissions: Option<Permissions>,
    pub platforms: Option<Vec<Platform>>,
    pub two_factor_required: Option<bool>,
}

impl Client {
    /// The client with `rights`: the platforms follow the rule of a new client's (sorted,
    /// no repeats, at least one).
    pub fn with_rights(&self, rights: &NewRights) -> Result<Client, InvalidTerms> {
        let platforms = match &rights.platforms {
            Some(platforms) => Client::allowed_platforms(Some(platforms.clone()))?,
            None => self.platforms.clone(),
        };
        Ok(Client {
            permissions: rights.permissions.unwrap_or(self.permissions),
            platforms,
            two_factor_required: rights
                .two_factor_required
                .unwrap_or(self.two_factor_required),
            ..self.clone()
        })
    }

    /// Whether `changed` gives or takes anything (a change to the same rights records
    /// nothing).
    pub fn rights_differ(&self, changed: &Client) -> bool {
        self.permissions != changed.permissions
            || self.platforms != changed.platforms
            || self.two_factor_required != changed.two_factor_required
    }

    /// The platforms this client may connect and `changed` may not: its connections on
    /// them fall outside the new rights.
    pub fn platforms_taken_away(&self, changed: &Client) -> Vec<Platform> {
        self.platforms
            .iter()
            .copied()
            .filter(|platform| !changed.platforms.contains(platform))
            .collect()
    }

    /// Whether its people may take more seats under `changed`'s rights: only a client
    /// given the right to publish (a person can never publish more than their client).
    pub fn gains_publishing(&self, changed: &Client) -> bool {
        changed.permissions.takes_a_seat() && !self.permissions.takes_a_seat()
    }
}

/// What one person's invitation (or a connect link) narrows the client's rights to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrowing {
    #[serde(default)]
    pub permissions: Option<Permissions>,
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
}

impl Narrowing {
    /// Whether it leaves the person the right to publish, if their client has it.
    pub fn may_publish(&self) -> bool {
        self.permissions
            .is_none_or(|permissions| permissions.publish_posts)
    }
}

/// A narrowing that would give more than the client has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Widening {
    #[error("the client may not connect {0:?}")]
    Platform(Platform),
    #[error("the client does not have that permission")]
    Permission,
}

/// A name people read (a client, a person, a workspace): trimmed, 1 to 120 characters,
/// no control characters (a name that reaches an email subject must not carry CR or
/// LF into its headers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidName {
    #[error("a name cannot be empty")]
    Empty,
    #[error("a name is at most 120 characters")]
    TooLong,
    #[error("a name cannot contain control characters (line breaks, tabs)")]
    ControlCharacter,
}

impl DisplayName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<Self, InvalidName> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(InvalidName::Empty);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(InvalidName::TooLong);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(InvalidName::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// A name from a source we do not control (a JWT's `name`): control characters
    /// become spaces and it is cut to length, instead of refusing the person.
    pub fn lenient(raw: &str) -> Option<Self> {
        let cleaned: String = raw
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let cut: String = cleaned.chars().take(Self::MAX_CHARS).collect();
        Self::parse(&cut).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DisplayName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DisplayName {
    type Error = InvalidName;
    fn try_from(raw: String) -> Result<Self, InvalidName> {
        Self::parse(&raw)
    }
}

impl From<DisplayName> for String {
    fn from(name: DisplayName) -> Self {
        name.0
    }
}

/// A logo shown on a client's or workspace's pages: an https URL of at most 2,000
/// characters (pages load images over https only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LogoUrl(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a logo must be an https URL of at most 2,000 characters")]
pub struct InvalidLogo;

impl LogoUrl {
    pub fn parse(raw: &str) -> Result<Self, InvalidLogo> {
        let url = url::Url::parse(raw.trim()).map_err(|_| InvalidLogo)?;
        if url.scheme() != "https" || url.host_str().is_none() || raw.len() > 2_000 {
            return Err(InvalidLogo);
        }
        Ok(Self(url.to_string()))
    }

    /// As [`LogoUrl::parse`], or a plain-http address on this machine (`127.0.0.1`):
    /// what local runs and tests serve their logos from, allowed only where the
    /// deployment says it is local.
    pub fn parse_allowing_loopback(raw: &str) -> Result<Self, InvalidLogo> {
        Self::parse(raw).or_else(|_| {
            let url = url::Url::parse(raw.trim()).map_err(|_| InvalidLogo)?;
            let loopback = url.scheme() == "http"
                && url.host() == Some(url::Host::Ipv4(std::net::Ipv4Addr::LOCALHOST));
            if !loopback || raw.len() > 2_000 {
                return Err(InvalidLogo);
            }
            Ok(Self(url.to_string()))
        })
    }

    /// Its origin (`https://cdn.example`), as a Content-Security-Policy names it.
    pub fn origin(&self) -> Option<String> {
        url::Url::parse(&self.0)
            .ok()
            .map(|url| url.origin().ascii_serialization())
            .filter(|origin| origin != "null")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LogoUrl {
    type Error = InvalidLogo;
    /// What was stored: checked by the deployment's rule when it was written.
    fn try_from(raw: String) -> Result<Self, InvalidLogo> {
        Self::parse_allowing_loopback(&raw)
    }
}

impl From<LogoUrl> for String {
    fn from(logo: LogoUrl) -> Self {
        logo.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_default_to_all_and_are_deduplicated() {
        assert_eq!(
            Client::allowed_platforms(None).unwrap(),
            Platform::ALL.to_vec()
        );
        assert_eq!(
            Client::allowed_platforms(Some(vec![Platform::X, Platform::Youtube, Platform::X]))
                .unwrap(),
            vec![Platform::Youtube, Platform::X]
        );
        assert!(Client::allowed_platforms(Some(vec![])).is_err());
    }

    fn client(platforms: Vec<Platform>, permissions: Permissions) -> Client {
        Client {
            client_id: ClientId::generate(),
            workspace_id: "ws".parse().unwrap(),
            name: DisplayName::parse("Brand Co").unwrap(),
            logo_url: None,
            permissions,
            platforms,
            two_factor_required: false,
            state: ClientState::Active,
            created_by: "owner".parse().unwrap(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            deleted_at: None,
        }
    }

    #[test]
    fn only_a_client_that_requires_it_wants_a_second_factor_and_only_without_one() {
        let plain = client(vec![Platform::X], Permissions::default());
        assert!(!plain.wants_second_factor(None));
        let strict = Client {
            two_factor_required: true,
            ..plain
        };
        assert!(strict.wants_second_factor(None));
        assert!(!strict.wants_second_factor(Some(OffsetDateTime::UNIX_EPOCH)));
    }

    fn publishing() -> Permissions {
        Permissions {
            publish_posts: true,
            ..Permissions::default()
        }
    }

    #[test]
    fn a_person_gets_the_clients_rights_narrowed_never_widened() {
        let brand = client(vec![Platform::Youtube, Platform::X], publishing());
        let narrowed = brand.rights(Some(&Narrowing {
            permissions: Some(Permissions::default()),
            platforms: Some(vec![Platform::X, Platform::Tiktok]),
        }));
        assert_eq!(narrowed.platforms, vec![Platform::X]);
        assert!(!narrowed.permissions.publish_posts);
        assert_eq!(
            brand.rights(None).platforms,
            vec![Platform::Youtube, Platform::X]
        );
    }

    #[test]
    fn a_narrowing_that_asks_for_more_than_the_client_has_is_refused() {
        let brand = client(vec![Platform::Youtube], Permissions::default());
        let wider_platform = Narrowing {
            platforms: Some(vec![Platform::Tiktok]),
            ..Narrowing::default()
        };
        assert_eq!(
            brand.check_narrowing(&wider_platform),
            Err(Widening::Platform(Platform::Tiktok))
        );
        let wider_permission = Narrowing {
            permissions: Some(publishing()),
            ..Narrowing::default()
        };
        assert_eq!(
            brand.check_narrowing(&wider_permission),
            Err(Widening::Permission)
        );
    }

    #[test]
    fn names_are_trimmed_and_refuse_control_characters() {
        assert_eq!(
            DisplayName::parse("  Brand Co ").unwrap().as_str(),
            "Brand Co"
        );
        assert_eq!(
            DisplayName::parse("Eve\r\nBcc: x@y.z"),
            Err(InvalidName::ControlCharacter)
        );
        assert_eq!(DisplayName::parse("   "), Err(InvalidName::Empty));
        assert_eq!(
            DisplayName::parse(&"x".repeat(121)),
            Err(InvalidName::TooLong)
        );
        assert_eq!(
            DisplayName::lenient("Eve\r\nBcc: x@y.z").unwrap().as_str(),
            "Eve Bcc: x@y.z"
        );
    }

    #[test]
    fn a_logo_must_be_https() {
        assert!(LogoUrl::parse("https://cdn.example/logo.png").is_ok());
        for raw in [
            "http://cdn.example/logo.png",
            "javascript:alert(1)",
            "data:image/png;base64,xx",
            "nope",
        ] {
            assert!(LogoUrl::parse(raw).is_err(), "{raw}");
        }
        assert!(LogoUrl::parse("http://127.0.0.1:8080/logo.png").is_err());
        assert!(LogoUrl::parse_allowing_loopback("http://127.0.0.1:8080/logo.png").is_ok());
        assert!(LogoUrl::parse_allowing_loopback("http://10.0.0.1/logo.png").is_err());
        assert_eq!(
            LogoUrl::parse("https://cdn.example:8443/a/logo.png")
                .unwrap()
                .origin()
                .as_deref(),
            Some("https://cdn.example:8443")
        );
    }
}
