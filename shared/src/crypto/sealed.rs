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
    #[error("the key must be 32 bytes, base64-encoded")]
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

impl SealingKey {
    pub fn from_base64(encoded: &str) -> Result<Self, SealError> {
        let bytes = STANDARD
            .decode(encoded.trim())
            .map_err(|_| SealError::BadKey)?;
        if bytes.len() != 32 {
            return Err(SealError::BadKey);
        }
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
        SealingKey::from_base64(&STANDARD.encode([7u8; 32])).unwrap()
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
    fn keys_that_are_not_32_bytes_are_refused() {
        assert!(SealingKey::from_base64(&STANDARD.encode([1u8; 16])).is_err());
        assert!(SealingKey::from_base64("not base64!").is_err());
    }
}
