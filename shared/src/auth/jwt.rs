//! RS256 JWT verification with the issuer's JWKS cached per container.

use std::time::{Duration, Instant};

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::RwLock;

use crate::config::JwtConfig;
use crate::domain::{Caller, DisplayName, EmailAddress, UserId};
use crate::net::Http;
use crate::error::AppError;

/// Keys are refreshed after this long even if every `kid` is known.
const JWKS_MAX_AGE: Duration = Duration::from_secs(3600);
/// An unknown `kid` triggers a refetch at most this often (key rotation, not abuse).
const JWKS_MIN_REFETCH: Duration = Duration::from_secs(60);
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

struct CachedKeys {
    keys: JwkSet,
    fetched_at: Instant,
}

pub struct JwtVerifier {
    config: JwtConfig,
    http: Http,
    keys: RwLock<Option<CachedKeys>>,
}

impl JwtVerifier {
    pub fn new(config: JwtConfig, http: Http) -> Self {
        Self {
            config,
            http,
            keys: RwLock::new(None),
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
            .ok_or_else(|| AppError::InvalidToken("its subject (sub) is not a usable user id".into()))?;
        let caller = Caller {
            user_id,
            email: claims
                .email
                .as_deref()
                .and_then(|raw| EmailAddress::parse(raw).ok()),
            email_verified: claims.email_verified.is_some_and(|flag| flag.is_true()),
            name: claims.name.as_deref().and_then(DisplayName::lenient),
        };
        Ok((caller, claims.nonce))
    }

    async fn decoding_key(&self, kid: &str) -> Result<DecodingKey, AppError> {
        {
            let cached = self.keys.read().await;
            if let Some(cached) = cached.as_ref() {
                let fresh = cached.fetched_at.elapsed() < JWKS_MAX_AGE;
                if let Some(jwk) = cached.keys.find(kid).filter(|_| fresh) {
                    return DecodingKey::from_jwk(jwk).map_err(AppError::internal);
                }
                if fresh && cached.fetched_at.elapsed() < JWKS_MIN_REFETCH {
                    return Err(AppError::InvalidToken(
                        "it was signed by an unknown key".into(),
                    ));
                }
            }
        }
        let keys = self.fetch_keys().await?;
        let key = keys
            .find(kid)
            .map(DecodingKey::from_jwk)
            .transpose()
            .map_err(AppError::internal)?;
        *self.keys.write().await = Some(CachedKeys {
            keys,
            fetched_at: Instant::now(),
        });
        key.ok_or_else(|| AppError::InvalidToken("it was signed by an unknown key".into()))
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
            .map_err(|error| AppError::internal(format!("fetching the JWKS failed: {error}")))?;
        tracing::info!("fetched the issuer's signing keys");
        response
            .json::<JwkSet>()
            .await
            .map_err(|error| AppError::internal(format!("the JWKS is not valid: {error}")))
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
