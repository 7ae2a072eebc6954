//! RS256 JWT verification with the issuer's JWKS cached per container.

use std::time::{Duration, Instant};

use aws_smithy_types::error::display::DisplayErrorContext;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::RwLock;

use crate::config::JwtConfig;
use crate::domain::{Caller, DisplayName, EmailAddress, SignInMethods, UserId};
use crate::error::AppError;
use crate::net::Http;

/// Keys are refreshed after this long even if every `kid` is known.
const JWKS_MAX_AGE: Duration = Duration::from_secs(3600);
/// An unknown `kid` triggers a refetch at most this often (key rotation, not abuse).
const JWKS_MIN_REFETCH: Duration = Duration::from_secs(60);
/// After a failed fetch, the next waits this long, doubling with each failure up to
/// `JWKS_MAX_BACKOFF`: an outage of the issuer costs one fetch per container per wait,
/// not one per request.
const JWKS_FIRST_BACKOFF: Duration = Duration::from_secs(5);
const JWKS_MAX_BACKOFF: Duration = Duration::from_secs(300);
/// The issuer answers quickly or not at all.
const JWKS_FETCH_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    email_verified: Option<Flag>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    nonce: Option<String>,
    /// How the person signed in (RFC 8176 values) and at what level, if the issuer
    /// says; see `domain::SignInMethods` for what counts as a second factor.
    /// Kept loose: an issuer that sends something other than an array of strings
    /// loses only its second factor, not the sign-in.
    #[serde(default)]
    amr: Option<serde_json::Value>,
    #[serde(default)]
    acr: Option<serde_json::Value>,
    /// When the person signed in (Unix seconds); `iat` stands in where it is absent.
    #[serde(default)]
    auth_time: Option<i64>,
    #[serde(default)]
    iat: Option<i64>,
}

impl Claims {
    /// When the person proved a second factor, if this token says they did.
    fn second_factor_at(&self, accepted_acr: &[String]) -> Option<time::OffsetDateTime> {
        let signed_in = self
            .auth_time
            .or(self.iat)
            .and_then(|seconds| time::OffsetDateTime::from_unix_timestamp(seconds).ok())?;
        SignInMethods {
            amr: self
                .amr
                .iter()
                .flat_map(|amr| amr.as_array().cloned().unwrap_or_default())
                .filter_map(|method| method.as_str().map(str::to_owned))
                .collect(),
            acr: self
                .acr
                .as_ref()
                .and_then(|acr| acr.as_str())
                .map(str::to_owned),
        }
        .second_factor_at(accepted_acr, signed_in)
    }
}

/// `email_verified` is a boolean in most issuers and the string "true" in some.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Flag {
    Bool(bool),
    Text(String),
}

impl Flag {
    fn is_true(&self) -> bool {
        match self {
            Flag::Bool(value) => *value,
            Flag::Text(text) => text.eq_ignore_ascii_case("true"),
        }
    }
}

/// The issuer's keys as this container knows them, and how fetching them went lately.
#[derive(Default)]
struct KeyCache {
    /// The last set fetched, and when.
    keys: Option<(JwkSet, Instant)>,
    /// When the last fetch was tried, and how many in a row failed.
    last_attempt: Option<Instant>,
    failures: u32,
}

/// What to do for a token signed with some `kid`.
#[derive(Debug, PartialEq)]
enum Lookup {
    Use(Box<Jwk>),
    /// Fetch the keys; `Some` is the known (stale) key to fall back on if that fails.
    Fetch(Option<Box<Jwk>>),
    /// Not a key we know, and fetching again now is not allowed.
    Unknown,
    /// We have no keys and the issuer failed moments ago.
    IssuerDown,
}

impl KeyCache {
    fn backoff(&self) -> Duration {
        match self.failures {
            0 => JWKS_MIN_REFETCH,
            failures => JWKS_FIRST_BACKOFF
                .saturating_mul(2u32.saturating_pow(failures - 1))
                .min(JWKS_MAX_BACKOFF),
        }
    }

    fn may_fetch(&self, now: Instant) -> bool {
        self.last_attempt
            .is_none_or(|attempt| now.saturating_duration_since(attempt) >= self.backoff())
    }

    fn lookup(&self, kid: &str, now: Instant) -> Lookup {
        let may_fetch = self.may_fetch(now);
        match &self.keys {
            Some((keys, fetched_at)) => {
                let known = keys.find(kid).cloned().map(Box::new);
                let fresh = now.saturating_duration_since(*fetched_at) < JWKS_MAX_AGE;
                match known {
                    // Known keys stay in use while the issuer cannot be asked again.
                    Some(jwk) if fresh || !may_fetch => Lookup::Use(jwk),
                    Some(jwk) => Lookup::Fetch(Some(jwk)),
                    None if may_fetch => Lookup::Fetch(None),
                    None => Lookup::Unknown,
                }
            }
            None if may_fetch => Lookup::Fetch(None),
            None => Lookup::IssuerDown,
        }
    }

    fn fetched(&mut self, outcome: Option<JwkSet>, now: Instant) {
        self.last_attempt = Some(now);
        match outcome {
            Some(keys) => {
                self.keys = Some((keys, now));
                self.failures = 0;
            }
            None => self.failures = self.failures.saturating_add(1),
        }
    }
}

pub struct JwtVerifier {
    config: JwtConfig,
    http: Http,
    keys: RwLock<KeyCache>,
}

impl JwtVerifier {
    pub fn new(config: JwtConfig, http: Http) -> Self {
        Self {
            config,
            http,
            keys: RwLock::new(KeyCache::default()),
        }
    }

    /// Verifies signature, issuer, audience and expiry and returns the caller.
    pub async fn verify(&self, token: &str) -> Result<Caller, AppError> {
        self.verify_claims(token).await.map(|(caller, _)| caller)
    }

    /// An ID token from a sign-in: verified as above, and its nonce must be ours.
    pub async fn verify_id_token(
        &self,
        token: &str,
        expected_nonce: &str,
    ) -> Result<Caller, AppError> {
        let (caller, nonce) = self.verify_claims(token).await?;
        if nonce.as_deref() != Some(expected_nonce) {
            return Err(AppError::InvalidToken(
                "the ID token was not issued for this sign-in".into(),
            ));
        }
        Ok(caller)
    }

    async fn verify_claims(&self, token: &str) -> Result<(Caller, Option<String>), AppError> {
        let header = decode_header(token)
            .map_err(|_| AppError::InvalidToken("it is not a well-formed JWT".into()))?;
        if header.alg != Algorithm::RS256 {
            return Err(AppError::InvalidToken(
                "only RS256 tokens are accepted".into(),
            ));
        }
        let kid = header
            .kid
            .ok_or_else(|| AppError::InvalidToken("the token names no signing key (kid)".into()))?;
        let key = self.decoding_key(&kid).await?;

        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.config.issuer]);
        validation.set_audience(&[&self.config.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;

        let claims = decode::<Claims>(token, &key, &validation)
            .map_err(|error| AppError::InvalidToken(describe(error.kind()).into()))?
            .claims;
        // A subject that cannot key our records, or that claims one of our own ids, is
        // refused rather than trusted.
        let user_id = claims
            .sub
            .parse::<UserId>()
            .ok()
            .filter(|user_id| !user_id.is_reserved())
            .ok_or_else(|| {
                AppError::InvalidToken("its subject (sub) is not a usable user id".into())
            })?;
        let caller = Caller {
            user_id,
            email: claims
                .email
                .as_deref()
                .and_then(|raw| EmailAddress::parse(raw).ok()),
            email_verified: claims.email_verified.as_ref().is_some_and(Flag::is_true),
            name: claims.name.as_deref().and_then(DisplayName::lenient),
            second_factor_at: claims.second_factor_at(&self.config.second_factor_acr),
        };
        Ok((caller, claims.nonce))
    }

    async fn decoding_key(&self, kid: &str) -> Result<DecodingKey, AppError> {
        let unknown = || AppError::InvalidToken("it was signed by an unknown key".into());
        let decoding = |jwk: &Jwk| DecodingKey::from_jwk(jwk).map_err(AppError::internal);
        if let Lookup::Use(jwk) = self.keys.read().await.lookup(kid, Instant::now()) {
            return decoding(&jwk);
        }
        // One fetch at a time per container: the others wait here and then find the
        // keys (or the failure) it left.
        let mut cache = self.keys.write().await;
        let fallback = match cache.lookup(kid, Instant::now()) {
            Lookup::Use(jwk) => return decoding(&jwk),
            Lookup::Unknown => return Err(unknown()),
            Lookup::IssuerDown => return Err(AppError::IssuerUnavailable),
            Lookup::Fetch(fallback) => fallback,
        };
        match self.fetch_keys().await {
            Ok(keys) => {
                let found = keys.find(kid).cloned();
                cache.fetched(Some(keys), Instant::now());
                found
                    .as_ref()
                    .map(decoding)
                    .transpose()?
                    .ok_or_else(unknown)
            }
            Err(error) => {
                cache.fetched(None, Instant::now());
                match fallback {
                    Some(jwk) => {
                        tracing::warn!(
                            cause = %DisplayErrorContext(&error),
                            "the issuer is unreachable; using the keys known"
                        );
                        decoding(&jwk)
                    }
                    None => {
                        tracing::warn!(
                            cause = %DisplayErrorContext(&error),
                            "the issuer's keys could not be fetched"
                        );
                        Err(AppError::IssuerUnavailable)
                    }
                }
            }
        }
    }

    async fn fetch_keys(&self) -> Result<JwkSet, AppError> {
        let response = self
            .http
            .client()
            .get(self.config.jwks_url.clone())
            .timeout(JWKS_FETCH_TIMEOUT)
            .send()
            .await
            .and_then(|response| response.error_for_status())
            .map_err(|error| AppError::internal_because("fetching the JWKS failed", error))?;
        tracing::info!("fetched the issuer's signing keys");
        response
            .json::<JwkSet>()
            .await
            .map_err(|error| AppError::internal_because("the JWKS is not valid", error))
    }
}

fn describe(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::ExpiredSignature => "it has expired",
        ErrorKind::InvalidAudience => "it was issued for another audience",
        ErrorKind::InvalidIssuer => "it was issued by an untrusted issuer",
        ErrorKind::InvalidSignature => "its signature does not verify",
        ErrorKind::ImmatureSignature => "it is not valid yet",
        ErrorKind::MissingRequiredClaim(_) => "it lacks a required claim",
        _ => "it could not be verified",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(kid: &str) -> JwkSet {
        serde_json::from_value(serde_json::json!({ "keys": [{
            "kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", "n": "sXch", "e": "AQAB"
        }] }))
        .unwrap()
    }

    fn is_use(lookup: &Lookup) -> bool {
        matches!(lookup, Lookup::Use(_))
    }

    #[test]
    fn a_failed_fetch_is_remembered_and_retried_with_growing_backoff() {
        let start = Instant::now();
        let mut cache = KeyCache::default();
        assert_eq!(cache.lookup("k1", start), Lookup::Fetch(None));
        cache.fetched(None, start);
        assert_eq!(
            cache.lookup("k1", start + Duration::from_secs(1)),
            Lookup::IssuerDown
        );
        assert_eq!(
            cache.lookup("k1", start + Duration::from_secs(5)),
            Lookup::Fetch(None)
        );
        cache.fetched(None, start + Duration::from_secs(5));
        assert_eq!(
            cache.lookup("k1", start + Duration::from_secs(14)),
            Lookup::IssuerDown,
            "10 s now"
        );
        assert_eq!(
            cache.lookup("k1", start + Duration::from_secs(15)),
            Lookup::Fetch(None)
        );
        for _ in 0..20 {
            cache.fetched(None, start);
        }
        assert_eq!(cache.backoff(), JWKS_MAX_BACKOFF);
    }

    #[test]
    fn known_keys_are_served_past_their_age_while_the_issuer_is_down() {
        let start = Instant::now();
        let mut cache = KeyCache::default();
        cache.fetched(Some(keys("k1")), start);
        assert!(is_use(&cache.lookup("k1", start + Duration::from_secs(10))));
        let old = start + JWKS_MAX_AGE;
        assert!(
            matches!(cache.lookup("k1", old), Lookup::Fetch(Some(_))),
            "refresh, with a fallback"
        );
        cache.fetched(None, old);
        assert!(
            is_use(&cache.lookup("k1", old + Duration::from_secs(1))),
            "the stale key, not a refetch"
        );
        assert_eq!(
            cache.lookup("k2", old + Duration::from_secs(1)),
            Lookup::Unknown
        );
    }

    #[test]
    fn an_unknown_kid_refetches_at_most_once_a_minute() {
        let start = Instant::now();
        let mut cache = KeyCache::default();
        cache.fetched(Some(keys("k1")), start);
        assert_eq!(
            cache.lookup("k2", start + Duration::from_secs(30)),
            Lookup::Unknown
        );
        assert_eq!(
            cache.lookup("k2", start + JWKS_MIN_REFETCH),
            Lookup::Fetch(None)
        );
    }
}
