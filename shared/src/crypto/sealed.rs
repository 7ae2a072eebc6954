//! AES-256-GCM for platform tokens at rest.
//!
//! The associated data names the workspace, the connection and the field, so a
//! ciphertext copied onto another item, or into another field, fails to decrypt.
//! Stored form: base64(nonce ‖ ciphertext), with a fresh 96-bit random nonce each time.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, Key, KeyInit, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Digest;

const NONCE_BYTES: usize = 12;

/// The key that seals platform tokens; `Debug` never shows it.
#[derive(Clone)]
pub struct SealingKey(Aes256Gcm);

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(<redacted>)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error(
        "the key must be 32 bytes base64-encoded, or a random secret of at least 40 characters"
    )]
    BadKey,
    #[error("the sealed value is damaged or belongs to another item")]
    Unsealable,
}

/// Where a sealed value belongs: every part goes into the associated data.
pub struct SealContext<'a> {
    pub workspace_id: &'a str,
    pub item_id: &'a str,
    pub field: &'a str,
}

impl SealContext<'_> {
    fn associated_data(&self) -> Vec<u8> {
        format!(
            "clientconnect/v1\u{1f}{}\u{1f}{}\u{1f}{}",
            self.workspace_id, self.item_id, self.field
        )
        .into_bytes()
    }
}

/// Shortest generated secret accepted in place of raw key bytes (≥ 256 bits of entropy
/// from CloudFormation's 94-character alphabet).
const MIN_SECRET_CHARS: usize = 40;

impl SealingKey {
    /// The key as stored in Secrets Manager: base64 of exactly 32 bytes, or a long
    /// random string (what CloudFormation's GenerateSecretString makes), whose SHA-256
    /// is the key.
    pub fn from_secret(secret: &str) -> Result<Self, SealError> {
        let secret = secret.trim();
        let bytes: [u8; 32] = match STANDARD.decode(secret) {
            Ok(bytes) if bytes.len() == 32 => bytes.try_into().map_err(|_| SealError::BadKey)?,
            _ if secret.chars().count() >= MIN_SECRET_CHARS => {
                sha2::Sha256::digest(secret.as_bytes()).into()
            }
            _ => return Err(SealError::BadKey),
        };
        Ok(Self(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes))))
    }

    pub fn seal(&self, plaintext: &str, context: &SealContext<'_>) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let aad = context.associated_data();
        let ciphertext = self
            .0
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Unsealable)?;
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&ciphertext);
        Ok(STANDARD.encode(sealed))
    }

    pub fn open(&self, sealed: &str, context: &SealContext<'_>) -> Result<String, SealError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| SealError::Unsealable)?;
        if bytes.len() <= NONCE_BYTES {
            return Err(SealError::Unsealable);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let aad = context.associated_data();
        let plaintext = self
            .0
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Unsealable)?;
        String::from_utf8(plaintext).map_err(|_| SealError::Unsealable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SealingKey {
        SealingKey::from_secret(&STANDARD.encode([7u8; 32])).unwrap()
    }

    fn at<'a>(item_id: &'a str, field: &'a str) -> SealContext<'a> {
        SealContext {
            workspace_id: "ws-1",
            item_id,
            field,
        }
    }

    #[test]
    fn a_sealed_token_opens_in_its_own_place_and_hides_the_plaintext() {
        let sealed = key()
            .seal("ya29.secret-access", &at("conn-1", "access_token"))
            .unwrap();
        assert!(!sealed.contains("secret-access"));
        assert_eq!(
            key().open(&sealed, &at("conn-1", "access_token")).unwrap(),
            "ya29.secret-access"
        );
    }

    #[test]
    fn a_sealed_token_moved_to_another_connection_or_field_does_not_open() {
        let sealed = key().seal("token", &at("conn-1", "access_token")).unwrap();
        assert_eq!(
            key().open(&sealed, &at("conn-2", "access_token")),
            Err(SealError::Unsealable)
        );
        assert_eq!(
            key().open(&sealed, &at("conn-1", "refresh_token")),
            Err(SealError::Unsealable)
        );
    }

    #[test]
    fn sealing_twice_gives_different_ciphertexts() {
        let context = at("conn-1", "access_token");
        assert_ne!(
            key().seal("t", &context).unwrap(),
            key().seal("t", &context).unwrap()
        );
    }

    #[test]
    fn short_keys_are_refused_and_long_generated_secrets_are_accepted() {
        assert!(SealingKey::from_secret(&STANDARD.encode([1u8; 16])).is_err());
        assert!(SealingKey::from_secret("not base64!").is_err());
        let generated = "k3Y!x9#Qw2^Lm8&Zr5*Tb1(Vn6)Hs4-Jd7_Fp0+Gc3=Ue";
        let key = SealingKey::from_secret(generated).unwrap();
        let sealed = key.seal("t", &at("c", "f")).unwrap();
        assert_eq!(
            SealingKey::from_secret(generated)
                .unwrap()
                .open(&sealed, &at("c", "f"))
                .unwrap(),
            "t"
        );
    }
}
