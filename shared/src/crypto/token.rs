//! Invitation tokens: 256 bits from the OS CSPRNG, base64url without padding.
//!
//! Only the SHA-256 hash of a token is stored; the raw value exists in the email link
//! and in memory while a request is served. `Debug` never prints it.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

const TOKEN_BYTES: usize = 32;
/// 32 bytes in base64url without padding.
const TOKEN_CHARS: usize = 43;

/// A raw invitation token, as carried by the link in the email.
#[derive(Clone, PartialEq, Eq)]
pub struct InviteToken(String);

impl InviteToken {
    pub fn generate() -> Self {
        Self(random_url_safe())
    }

    /// Accepts only strings that could have come from [`InviteToken::generate`].
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let decoded = URL_SAFE_NO_PAD.decode(raw).ok()?;
        (raw.len() == TOKEN_CHARS && decoded.len() == TOKEN_BYTES).then(|| Self(raw.to_owned()))
    }

    pub fn hash(&self) -> TokenHash {
        TokenHash(sha256_hex(&self.0))
    }

    /// The raw value, for building the email link only.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for InviteToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InviteToken(<redacted>)")
    }
}

/// Hex SHA-256 of a token: what the table stores and looks tokens up by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct TokenHash(String);

impl TokenHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 256 bits from the OS CSPRNG, base64url without padding: every secret we hand out.
pub fn random_url_safe() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Hex SHA-256: how a secret is stored or looked up without being kept.
pub fn sha256_hex(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Compares two secrets (CSRF values, say) in time that does not depend on where they
/// differ.
pub fn constant_time_eq(given: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    given.len() == expected.len() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_token_carries_256_bits_and_is_url_safe() {
        let token = InviteToken::generate();
        let raw = token.expose_secret();
        assert_eq!(raw.len(), TOKEN_CHARS);
        assert!(raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(URL_SAFE_NO_PAD.decode(raw).unwrap().len(), 32);
    }

    #[test]
    fn two_generated_tokens_differ() {
        assert_ne!(InviteToken::generate(), InviteToken::generate());
    }

    #[test]
    fn a_token_round_trips_through_parse_and_hashes_the_same() {
        let token = InviteToken::generate();
        let parsed = InviteToken::parse(token.expose_secret()).unwrap();
        assert_eq!(parsed.hash(), token.hash());
        assert_eq!(token.hash().as_str().len(), 64);
        assert_ne!(token.hash().as_str(), token.expose_secret());
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for raw in [
            "",
            "short",
            &"a".repeat(44),
            &"+".repeat(43),
            &"a".repeat(42),
        ] {
            assert!(InviteToken::parse(raw).is_none(), "{raw:?} was accepted");
        }
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let token = InviteToken::generate();
        assert!(!format!("{token:?}").contains(token.expose_secret()));
    }
}
