//! Configuration read once per cold start from the environment.

use std::env;

use time::Duration;
use url::Url;

/// Everything a function needs to know about its deployment.
#[derive(Debug, Clone)]
pub struct Config {
    pub table_name: String,
    /// Verified SES sender, e.g. `Acme Invitations <invites@acme.example>`.
    pub sender_email: String,
    /// SES configuration set for delivery events, if the deployment has one.
    pub ses_configuration_set: Option<String>,
    /// Public origin the client-facing links are built from (never the Host header).
    pub public_base_url: Url,
    pub jwt: JwtConfig,
    pub oauth: OAuthConfig,
    /// Where the pages send people to sign in (OpenID Connect, code + PKCE); absent in
    /// deployments without pages.
    pub sign_in: Option<SignInConfig>,
    /// How long an invitation link stays valid.
    pub invitation_validity: Duration,
    /// How long an expired or revoked invitation stays visible before TTL removes it.
    pub retention_after_expiry: Duration,
    /// Abuse limits on invitation email.
    pub limits: Limits,
    /// The EventBridge bus the host product hears our events on.
    pub event_bus: String,
    /// How long the audit trail keeps a line.
    pub audit_retention: Duration,
    /// The background upkeep of connections and invitations.
    pub upkeep: UpkeepSettings,
    /// The AWS principals the token service serves (`TOKEN_SERVICE_PRINCIPALS`); nobody
    /// when empty.
    pub token_service_principals: Principals,
    /// Whether a workspace's logo may be a plain-http address on this machine
    /// (`http://127.0.0.1…`): local runs and tests only (`LOOPBACK_LOGOS=true`), where
    /// no https server is at hand. Deployments load logos over https only.
    pub loopback_logos: bool,
}

/// The upkeep's fan-out: the queue the dispatcher sends due work to, and how much it
/// sends per run.
#[derive(Debug, Clone)]
pub struct UpkeepSettings {
    /// The SQS queue (only the dispatcher sends to it; the worker is handed its
    /// messages by the event source mapping).
    pub queue_url: Option<String>,
    /// The most due entries one dispatcher run takes from the due index.
    pub dispatch_per_run: u32,
    /// How long the token service takes at most, a platform that hangs included: well
    /// within API Gateway's 30 seconds, short enough for a publisher to retry.
    pub token_service_budget: std::time::Duration,
}

impl Default for UpkeepSettings {
    fn default() -> Self {
        Self {
            queue_url: None,
            dispatch_per_run: 6_000,
            token_service_budget: std::time::Duration::from_secs(6),
        }
    }
}

/// The OpenID Connect provider's endpoints; the client id is the JWT audience and ID
/// tokens are verified like bearer tokens (issuer, audience, JWKS).
#[derive(Debug, Clone)]
pub struct SignInConfig {
    pub authorize_url: Url,
    pub token_url: Url,
}

/// Connecting platform accounts.
#[derive(Debug, Clone)]
pub struct OAuthConfig {
    /// Public origin of the API: the callback `<api>/oauth/callback/<platform>` is the
    /// exact redirect URI registered with each platform.
    pub api_base_url: Url,
    /// Where each platform's endpoints are (a local provider may stand in for all) and
    /// the Graph API version.
    pub platforms: PlatformOptions,
    pub credentials_secret_id: String,
    pub sealing_key_secret_id: String,
    /// Cookies are `Secure` whenever the API is served over https.
    pub secure_cookies: bool,
}

#[derive(Debug, Clone)]
pub struct JwtConfig {
    pub issuer: String,
    pub audience: String,
    pub jwks_url: Url,
    /// The `acr` levels that count as a second factor, in order of preference; asked
    /// for (`acr_values`) when a sign-in must have one. Empty: only an `amr` with `mfa`
    /// counts (see `domain::SignInMethods`). `OIDC_SECOND_FACTOR_ACR`, space-separated.
    pub second_factor_acr: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("environment variable {0} is not set")]
    Missing(&'static str),
    #[error("environment variable {name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(Self {
            table_name: required("TABLE_NAME")?,
            sender_email: required("SENDER_EMAIL")?,
            ses_configuration_set: env::var("SES_CONFIGURATION_SET")
                .ok()
                .filter(|name| !name.trim().is_empty()),
            public_base_url: url_var("PUBLIC_BASE_URL")?,
            jwt: JwtConfig {
                issuer: required("JWT_ISSUER")?,
                audience: required("JWT_AUDIENCE")?,
                jwks_url: url_var("JWKS_URL")?,
                second_factor_acr: env::var("OIDC_SECOND_FACTOR_ACR")
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
            },
            oauth: oauth_from_env()?,
            sign_in: sign_in_from(
                env::var("OIDC_AUTHORIZE_URL").ok(),
                env::var("OIDC_TOKEN_URL").ok(),
            )?,
            invitation_validity: Duration::days(days_var("INVITATION_VALID_DAYS", 7)?),
            retention_after_expiry: Duration::days(days_var("EXPIRED_RETENTION_DAYS", 30)?),
            limits: Limits {
                invitations_per_day: count_var(
                    "INVITATIONS_PER_DAY",
                    Limits::default().invitations_per_day,
                )?,
                resend_cooldown: Duration::minutes(i64::from(count_var(
                    "RESEND_COOLDOWN_MINUTES",
                    5,
                )?)),
            },
            event_bus: optional("EVENT_BUS_NAME", "default"),
            audit_retention: Duration::days(days_var("AUDIT_RETENTION_DAYS", 400)?),
            upkeep: UpkeepSettings {
                queue_url: env::var("UPKEEP_QUEUE_URL")
                    .ok()
                    .filter(|url| !url.trim().is_empty()),
                dispatch_per_run: count_var(
                    "UPKEEP_DISPATCH_PER_RUN",
                    UpkeepSettings::default().dispatch_per_run,
                )?,
                ..UpkeepSettings::default()
            },
            token_service_principals: Principals::parse(
                &env::var("TOKEN_SERVICE_PRINCIPALS").unwrap_or_default(),
            )
            .map_err(|reason| ConfigError::Invalid {
                name: "TOKEN_SERVICE_PRINCIPALS",
                reason,
            })?,
            loopback_logos: optional("LOOPBACK_LOGOS", "false") == "true",
        })
    }
}

/// The AWS principals a route serves, as API Gateway's IAM authorizer names its caller:
/// a comma-separated list of ARNs. A role's ARN
/// (`arn:aws:iam::<account>:role/[<path>/]<name>`) admits every session of the role,
/// which the authorizer names `arn:aws:sts::<account>:assumed-role/<name>/<session>`; an
/// assumed-role ARN ending in `*` admits the role's sessions whose name starts with what
/// comes before it; any other IAM or STS ARN admits exactly itself. Empty admits nobody.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principals(Vec<Admits>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Admits {
    Exactly(String),
    /// Callers whose ARN starts with this: sessions of one role.
    Sessions(String),
}

impl Principals {
    /// Parses the list, refusing (with the entry and why) anything that could admit more
    /// than one role's sessions: a wildcard is only allowed at the end of an assumed-role
    /// ARN that names its role.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| Admits::parse(entry).map_err(|why| format!("{entry:?}: {why}")))
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether the principal whose ARN the IAM authorizer verified is one of these.
    pub fn admit(&self, caller: &str) -> bool {
        self.0.iter().any(|admits| match admits {
            Admits::Exactly(arn) => caller == arn,
            Admits::Sessions(prefix) => caller
                .strip_prefix(prefix.as_str())
                .is_some_and(|session| !session.is_empty() && !session.contains('/')),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Admits {
    fn parse(entry: &str) -> Result<Self, &'static str> {
        let parts: Vec<&str> = entry.splitn(6, ':').collect();
        let [arn, partition, service, region, account, resource] = parts[..] else {
            return Err("not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)");
        };
        if arn != "arn"
            || partition.is_empty()
            || !matches!(service, "iam" | "sts")
            || !region.is_empty()
        {
            return Err("not an IAM or STS principal's ARN");
        }
        if account.len() != 12 || !account.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err("the account is not 12 digits");
        }
        let wildcard = entry.find('*');
        match (service, resource.split_once('/')) {
            ("iam", Some(("role", path_and_name))) if wildcard.is_none() => {
                let name = path_and_name.rsplit('/').next().unwrap_or_default();
                if name.is_empty() {
                    return Err("the role has no name");
                }
                Ok(Admits::Sessions(format!(
                    "arn:{partition}:sts::{account}:assumed-role/{name}/"
                )))
            }
            ("sts", Some(("assumed-role", role_and_session))) => {
                let Some((role, session)) = role_and_session.split_once('/') else {
                    return Err("an assumed-role ARN names its role and then its session");
                };
                if role.is_empty() || session.is_empty() || session.contains('/') {
                    return Err("an assumed-role ARN names its role and then its session");
                }
                match wildcard {
                    None => Ok(Admits::Exactly(entry.to_owned())),
                    Some(at) if at == entry.len() - 1 => {
                        Ok(Admits::Sessions(entry[..at].to_owned()))
                    }
                    Some(_) => Err("a wildcard may only end the session name"),
                }
            }
            _ if wildcard.is_some() => Err("a wildcard may only end an assumed-role session name"),
            _ => Ok(Admits::Exactly(entry.to_owned())),
        }
    }
}

/// What the deployment says about the platforms.
#[derive(Debug, Clone)]
pub struct PlatformOptions {
    /// A local provider standing in for every platform (`<base>/<platform>/…`).
    pub local_provider: Option<Url>,
    /// The Graph API version of Facebook's endpoints, e.g. `v26.0`.
    pub graph_api_version: String,
    /// Facebook Login for Business configuration id (`FACEBOOK_CONFIG_ID`).
    pub facebook_config_id: Option<String>,
    /// Whether the LinkedIn app has the Community Management API, so people may connect
    /// the organisation Pages they administer (`LINKEDIN_ORGANIZATIONS`).
    pub linkedin_organizations: bool,
    /// The `Linkedin-Version` of its versioned APIs (`LINKEDIN_VERSION`).
    pub linkedin_version: String,
}

impl Default for PlatformOptions {
    fn default() -> Self {
        Self {
            local_provider: None,
            graph_api_version: DEFAULT_GRAPH_API_VERSION.to_owned(),
            facebook_config_id: None,
            linkedin_organizations: false,
            linkedin_version: DEFAULT_LINKEDIN_VERSION.to_owned(),
        }
    }
}

/// A current Graph API version (v26.0: July 2026, the latest at this writing; Meta keeps
/// a version about two years); deployments set their own (`GRAPH_API_VERSION`).
pub const DEFAULT_GRAPH_API_VERSION: &str = "v26.0";
/// A current LinkedIn API version (202607: LinkedIn sunsets each monthly version a year
/// after its release, so 202510 stopped in October 2026); deployments set their own
/// (`LINKEDIN_VERSION`).
pub const DEFAULT_LINKEDIN_VERSION: &str = "202607";

#[cfg(test)]
impl Config {
    /// A configuration for unit tests; nothing in it is reachable.
    pub(crate) fn for_tests() -> Self {
        let url = |raw: &str| Url::parse(raw).expect("literal");
        Self {
            table_name: "table".into(),
            sender_email: "invitations@agency.example".into(),
            ses_configuration_set: None,
            public_base_url: url("https://clients.agency.example"),
            jwt: JwtConfig {
                issuer: "https://issuer.example".into(),
                audience: "audience".into(),
                jwks_url: url("https://issuer.example/jwks.json"),
                second_factor_acr: Vec::new(),
            },
            oauth: OAuthConfig {
                api_base_url: url("https://api.agency.example"),
                platforms: PlatformOptions::default(),
                credentials_secret_id: "credentials".into(),
                sealing_key_secret_id: "key".into(),
                secure_cookies: true,
            },
            sign_in: None,
            invitation_validity: Duration::days(7),
            retention_after_expiry: Duration::days(30),
            event_bus: "default".into(),
            audit_retention: Duration::days(400),
            limits: Limits::default(),
            upkeep: UpkeepSettings::default(),
            token_service_principals: Principals::default(),
            loopback_logos: false,
        }
    }
}

fn oauth_from_env() -> Result<OAuthConfig, ConfigError> {
    // Functions that never connect accounts do not need the API's own URL.
    let api_base_url = match env::var("API_BASE_URL") {
        Ok(_) => url_var("API_BASE_URL")?,
        Err(_) => url_var("PUBLIC_BASE_URL")?,
    };
    let local_provider = match env::var("OAUTH_PROVIDER_BASE_URL") {
        Ok(raw) if !raw.trim().is_empty() => Some(url_var("OAUTH_PROVIDER_BASE_URL")?),
        _ => None,
    };
    Ok(OAuthConfig {
        secure_cookies: api_base_url.scheme() == "https",
        api_base_url,
        platforms: PlatformOptions {
            local_provider,
            graph_api_version: optional("GRAPH_API_VERSION", DEFAULT_GRAPH_API_VERSION),
            // Empty means unset: SAM passes an empty parameter as "".
            facebook_config_id: env::var("FACEBOOK_CONFIG_ID")
                .ok()
                .map(|raw| raw.trim().to_owned())
                .filter(|raw| !raw.is_empty()),
            linkedin_organizations: optional("LINKEDIN_ORGANIZATIONS", "false") == "true",
            linkedin_version: optional("LINKEDIN_VERSION", DEFAULT_LINKEDIN_VERSION),
        },
        credentials_secret_id: optional(
            "PLATFORM_CREDENTIALS_SECRET_ID",
            "clientconnect/platform-credentials",
        ),
        sealing_key_secret_id: optional(
            "TOKEN_KEY_SECRET_ID",
            "clientconnect/token-encryption-key",
        ),
    })
}

fn optional(name: &'static str, default: &str) -> String {
    env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}

fn required(name: &'static str) -> Result<String, ConfigError> {
    match env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(ConfigError::Missing(name)),
    }
}

fn url_var(name: &'static str) -> Result<Url, ConfigError> {
    let raw = required(name)?;
    Url::parse(&raw).map_err(|error| ConfigError::Invalid {
        name,
        reason: error.to_string(),
    })
}

/// The pages' sign-in endpoints: both or neither. Empty counts as unset, since SAM
/// passes an empty parameter as "".
fn sign_in_from(
    authorize: Option<String>,
    token: Option<String>,
) -> Result<Option<SignInConfig>, ConfigError> {
    let set = |value: Option<String>| value.filter(|raw| !raw.trim().is_empty());
    let parse = |name: &'static str, raw: String| {
        Url::parse(raw.trim()).map_err(|error| ConfigError::Invalid {
            name,
            reason: error.to_string(),
        })
    };
    match (set(authorize), set(token)) {
        (None, None) => Ok(None),
        (Some(authorize), Some(token)) => Ok(Some(SignInConfig {
            authorize_url: parse("OIDC_AUTHORIZE_URL", authorize)?,
            token_url: parse("OIDC_TOKEN_URL", token)?,
        })),
        (Some(_), None) => Err(ConfigError::Missing("OIDC_TOKEN_URL")),
        (None, Some(_)) => Err(ConfigError::Missing("OIDC_AUTHORIZE_URL")),
    }
}

/// How many invitation emails a workspace may send a day (creates and resends, UTC
/// days), and how soon an invitation's email may be sent again.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub invitations_per_day: u32,
    pub resend_cooldown: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            invitations_per_day: 200,
            resend_cooldown: Duration::minutes(5),
        }
    }
}

fn count_var(name: &'static str, default: u32) -> Result<u32, ConfigError> {
    match env::var(name) {
        Err(_) => Ok(default),
        Ok(raw) if raw.trim().is_empty() => Ok(default),
        Ok(raw) => raw.trim().parse::<u32>().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("expected a whole number, got {raw:?}"),
        }),
    }
}

fn days_var(name: &'static str, default: i64) -> Result<i64, ConfigError> {
    match env::var(name) {
        Err(_) => Ok(default),
        Ok(raw) => match raw.parse::<i64>() {
            Ok(days) if days > 0 => Ok(days),
            _ => Err(ConfigError::Invalid {
                name,
                reason: format!("expected a positive number of days, got {raw:?}"),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sign_in_urls_mean_no_sign_in_rather_than_a_broken_start() {
        let sign_in = sign_in_from(Some(String::new()), Some("  ".into()));
        assert!(matches!(sign_in, Ok(None)));
        assert!(matches!(sign_in_from(None, None), Ok(None)));
    }

    #[test]
    fn sign_in_takes_both_urls_or_names_the_missing_one() {
        let both = sign_in_from(
            Some("https://id.example/authorize".into()),
            Some("https://id.example/token".into()),
        );
        assert!(matches!(both, Ok(Some(_))));
        let half = sign_in_from(
            Some("https://id.example/authorize".into()),
            Some(String::new()),
        );
        assert!(matches!(half, Err(ConfigError::Missing("OIDC_TOKEN_URL"))));
        let unparsable = sign_in_from(
            Some("not a url".into()),
            Some("https://id.example/token".into()),
        );
        assert!(matches!(
            unparsable,
            Err(ConfigError::Invalid {
                name: "OIDC_AUTHORIZE_URL",
                ..
            })
        ));
    }

    const ACCOUNT: &str = "123456789012";

    fn principals(list: &str) -> Principals {
        Principals::parse(list).unwrap_or_else(|why| panic!("{why}"))
    }

    #[test]
    fn a_role_admits_each_of_its_sessions_and_nothing_else() {
        let allowed = principals(&format!("arn:aws:iam::{ACCOUNT}:role/services/publisher"));
        assert!(allowed.admit(&format!(
            "arn:aws:sts::{ACCOUNT}:assumed-role/publisher/task-1"
        )));
        assert!(allowed.admit(&format!(
            "arn:aws:sts::{ACCOUNT}:assumed-role/publisher/i-0abc"
        )));
        for other in [
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/publisher-old/task-1"),
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/admin/publisher"),
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/publisher/"),
            "arn:aws:sts::210987654321:assumed-role/publisher/task-1".to_owned(),
            format!("arn:aws-cn:sts::{ACCOUNT}:assumed-role/publisher/task-1"),
            format!("arn:aws:iam::{ACCOUNT}:user/publisher"),
        ] {
            assert!(!allowed.admit(&other), "{other}");
        }
    }

    #[test]
    fn a_session_pattern_admits_only_the_sessions_it_names() {
        let allowed = principals(&format!(
            " arn:aws:sts::{ACCOUNT}:assumed-role/publisher/task-* ,arn:aws:iam::{ACCOUNT}:user/local-admin"
        ));
        assert!(allowed.admit(&format!(
            "arn:aws:sts::{ACCOUNT}:assumed-role/publisher/task-7"
        )));
        assert!(!allowed.admit(&format!(
            "arn:aws:sts::{ACCOUNT}:assumed-role/publisher/other"
        )));
        assert!(allowed.admit(&format!("arn:aws:iam::{ACCOUNT}:user/local-admin")));
        assert!(!allowed.admit(&format!("arn:aws:iam::{ACCOUNT}:user/local-admin2")));
    }

    #[test]
    fn an_empty_list_admits_nobody() {
        for empty in ["", " ", " , "] {
            let nobody = principals(empty);
            assert!(nobody.is_empty());
            assert!(!nobody.admit(&format!(
                "arn:aws:sts::{ACCOUNT}:assumed-role/publisher/task-1"
            )));
        }
    }

    #[test]
    fn a_list_that_could_admit_more_than_one_role_is_refused_at_start() {
        for wide in [
            "*".to_owned(),
            "publisher".to_owned(),
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/*"),
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/pub*/task"),
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/publisher/*/x"),
            format!("arn:aws:iam::{ACCOUNT}:role/*"),
            "arn:aws:iam::*:role/publisher".to_owned(),
            "arn:aws:iam::12345:role/publisher".to_owned(),
            format!("arn:aws:iam::{ACCOUNT}:role/"),
        ] {
            assert!(Principals::parse(&wide).is_err(), "{wide} was accepted");
        }
    }
}
