//! AES-256-GCM for platform tokens (and every other secret we keep) at rest.
//!
//! The associated data names the workspace, the item and the field, so a ciphertext
//! copied onto another item, or into another field, fails to decrypt.
//!
//! Stored form: `<key id>:base64(nonce ‖ ciphertext)`, with a fresh 96-bit random nonce
//! each time. The key id says which key of the deployment's key ring sealed it, so the
//! key can be rotated: the current key seals, every key of the ring opens. A value from
//! before key ids (plain base64) opens under whichever key of the ring sealed it.
//!
//! The ring is the key secret's value (see [`KeySecret`]): a plain key, as the stack
//! first generates it, or `{"current": {"id": .., "key": ..}, "previous": [..]}`.

use std::sync::{Arc, RwLock};

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, Key, KeyInit, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Digest;

const NONCE_BYTES: usize = 12;
/// Between a key id and the sealed bytes; never in base64, so a value without it is one
/// from before key ids.
const KEY_ID_SEPARATOR: char = ':';
/// The longest key id.
const MAX_KEY_ID: usize = 40;

/// The deployment's sealing keys: the current one seals, every one opens. Clones share
/// one ring, which [`SealingKey::replace_with`] swaps for a newer one (a rotation read
/// from the secret) under every clone at once. `Debug` shows key ids, never a key.
#[derive(Clone)]
pub struct SealingKey(Arc<RwLock<Arc<Ring>>>);

struct Ring {
    current: RingKey,
    previous: Vec<RingKey>,
}

struct RingKey {
    id: String,
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ring = self.ring();
        let previous: Vec<&str> = ring.previous.iter().map(|key| key.id.as_str()).collect();
        write!(
            f,
            "SealingKey(current {}, previous {previous:?}, keys redacted)",
            ring.current.id
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error(
        "the key must be 32 bytes base64-encoded, or a random secret of at least 40 characters"
    )]
    BadKey,
    #[error(
        "the key secret must be a plain key or {{\"current\": {{\"id\": .., \"key\": ..}}, \
         \"previous\": [{{\"id\": .., \"key\": ..}}]}}, with distinct ids of 1 to 40 letters, \
         digits, '-' or '_'"
    )]
    BadKeyRing,
    #[error("the sealed value is damaged or belongs to another item")]
    Unsealable,
    #[error("the sealed value names a key this deployment does not have")]
    UnknownKey,
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

/// The 32 key bytes a key as stored stands for: base64 of exactly 32 bytes, or a long
/// random string (what CloudFormation's GenerateSecretString makes), whose SHA-256 is
/// the key.
fn key_bytes(secret: &str) -> Result<[u8; 32], SealError> {
    let secret = secret.trim();
    match STANDARD.decode(secret) {
        Ok(bytes) if bytes.len() == 32 => bytes.try_into().map_err(|_| SealError::BadKey),
        _ if secret.chars().count() >= MIN_SECRET_CHARS => {
            Ok(sha2::Sha256::digest(secret.as_bytes()).into())
        }
        _ => Err(SealError::BadKey),
    }
}

/// The id of a key given none: a short fingerprint of its bytes (one-way, and telling
/// nothing of the key), so a plain key has the same id wherever it is read.
fn fingerprint(bytes: &[u8; 32]) -> String {
    let digest = sha2::Sha256::new()
        .chain_update(b"clientconnect/key-id\x1f")
        .chain_update(bytes)
        .finalize();
    let hex: String = digest[..5]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("k{hex}")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_KEY_ID
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// One key of the secret: its id, the key as stored, and since when it seals (epoch
/// seconds, written by the operator's rotation). `Debug` never shows the key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i64>,
}

impl std::fmt::Debug for KeyEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyEntry")
            .field("id", &self.id)
            .field("key", &"<redacted>")
            .field("since", &self.since)
            .finish()
    }
}

/// The key secret's value: the key that seals and those that still open. The operator
/// reads it, rotates or retires, and writes it back; a plain key (what the stack first
/// generates) reads as a ring of that one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySecret {
    pub current: KeyEntry,
    #[serde(default)]
    pub previous: Vec<KeyEntry>,
}

impl KeySecret {
    /// The secret as stored, every key checked and every id filled in (a key given no
    /// id gets its fingerprint).
    pub fn parse(secret: &str) -> Result<Self, SealError> {
        let trimmed = secret.trim();
        let mut parsed = if trimmed.starts_with('{') {
            serde_json::from_str::<KeySecret>(trimmed).map_err(|_| SealError::BadKeyRing)?
        } else {
            KeySecret {
                current: KeyEntry {
                    id: String::new(),
                    key: trimmed.to_owned(),
                    since: None,
                },
                previous: Vec::new(),
            }
        };
        let mut seen = Vec::new();
        for entry in std::iter::once(&mut parsed.current).chain(parsed.previous.iter_mut()) {
            let bytes = key_bytes(&entry.key)?;
            if entry.id.is_empty() {
                entry.id = fingerprint(&bytes);
            }
            if !valid_id(&entry.id) || seen.contains(&entry.id) {
                return Err(SealError::BadKeyRing);
            }
            seen.push(entry.id.clone());
        }
        Ok(parsed)
    }

    /// A new random key (base64 of 32 bytes from the OS CSPRNG), as the secret stores it.
    pub fn generate_key() -> String {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        STANDARD.encode(bytes)
    }

    /// This ring with `key` sealing from `now` on (under `id`, or its fingerprint) and the
    /// key that sealed until now opening still, first of the previous ones.
    pub fn rotated(&self, key: &str, id: Option<&str>, now: i64) -> Result<Self, SealError> {
        let bytes = key_bytes(key)?;
        let id = id.map_or_else(|| fingerprint(&bytes), str::to_owned);
        if !valid_id(&id) || self.ids().contains(&id.as_str()) {
            return Err(SealError::BadKeyRing);
        }
        let mut previous = vec![self.current.clone()];
        previous.extend(self.previous.iter().cloned());
        Ok(Self {
            current: KeyEntry {
                id,
                key: key.to_owned(),
                since: Some(now),
            },
            previous,
        })
    }

    /// This ring without its previous keys: what they sealed no longer opens.
    pub fn retired(&self) -> Self {
        Self {
            current: self.current.clone(),
            previous: Vec::new(),
        }
    }

    /// Every key id, the current one first.
    pub fn ids(&self) -> Vec<&str> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .map(|entry| entry.id.as_str())
            .collect()
    }

    /// The secret's value as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a key secret serialises")
    }
}

impl RingKey {
    fn of(entry: &KeyEntry) -> Result<Self, SealError> {
        let bytes = key_bytes(&entry.key)?;
        Ok(Self {
            id: entry.id.clone(),
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes)),
        })
    }

    fn open(&self, bytes: &[u8], aad: &[u8]) -> Result<String, SealError> {
        if bytes.len() <= NONCE_BYTES {
            return Err(SealError::Unsealable);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let plaintext = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map_err(|_| SealError::Unsealable)?;
        String::from_utf8(plaintext).map_err(|_| SealError::Unsealable)
    }
}

impl SealingKey {
    /// The ring the key secret holds: a plain key (base64 of exactly 32 bytes, or a long
    /// random string whose SHA-256 is the key), or a key ring in JSON (see [`KeySecret`]).
    pub fn from_secret(secret: &str) -> Result<Self, SealError> {
        Self::from_key_secret(&KeySecret::parse(secret)?)
    }

    pub fn from_key_secret(secret: &KeySecret) -> Result<Self, SealError> {
        let ring = Ring {
            current: RingKey::of(&secret.current)?,
            previous: secret
                .previous
                .iter()
                .map(RingKey::of)
                .collect::<Result<_, _>>()?,
        };
        Ok(Self(Arc::new(RwLock::new(Arc::new(ring)))))
    }

    fn ring(&self) -> Arc<Ring> {
        match self.0.read() {
            Ok(ring) => Arc::clone(&ring),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Makes `newer`'s keys this key's (and every clone's): a rotation read from the
    /// secret reaches every holder at once.
    pub fn replace_with(&self, newer: &SealingKey) {
        let ring = newer.ring();
        match self.0.write() {
            Ok(mut held) => *held = ring,
            Err(poisoned) => *poisoned.into_inner() = ring,
        }
    }

    /// The id of the key that seals.
    pub fn current_id(&self) -> String {
        self.ring().current.id.clone()
    }

    /// The id of the key that sealed `sealed`, or `None` for a value from before key ids.
    pub fn key_id(sealed: &str) -> Option<&str> {
        sealed.split_once(KEY_ID_SEPARATOR).map(|(id, _)| id)
    }

    /// Whether `sealed` is under the key that seals now (else re-sealing moves it there).
    pub fn is_current(&self, sealed: &str) -> bool {
        Self::key_id(sealed) == Some(self.ring().current.id.as_str())
    }

    pub fn seal(&self, plaintext: &str, context: &SealContext<'_>) -> Result<String, SealError> {
        let ring = self.ring();
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let aad = context.associated_data();
        let ciphertext = ring
            .current
            .cipher
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
        Ok(format!(
            "{}{KEY_ID_SEPARATOR}{}",
            ring.current.id,
            STANDARD.encode(sealed)
        ))
    }

    pub fn open(&self, sealed: &str, context: &SealContext<'_>) -> Result<String, SealError> {
        let ring = self.ring();
        let aad = context.associated_data();
        match sealed.split_once(KEY_ID_SEPARATOR) {
            Some((id, rest)) => {
                let key = std::iter::once(&ring.current)
                    .chain(&ring.previous)
                    .find(|key| key.id == id)
                    .ok_or(SealError::UnknownKey)?;
                let bytes = STANDARD.decode(rest).map_err(|_| SealError::Unsealable)?;
                key.open(&bytes, &aad)
            }
            // From before key ids: sealed by one of the ring's keys (the first one the
            // deployment had); the authentication tag tells which.
            None => {
                let bytes = STANDARD.decode(sealed).map_err(|_| SealError::Unsealable)?;
                std::iter::once(&ring.current)
                    .chain(&ring.previous)
                    .find_map(|key| key.open(&bytes, &aad).ok())
                    .ok_or(SealError::Unsealable)
            }
        }
    }

    /// `sealed` under the current key, or `None` when it already is.
    pub fn reseal(
        &self,
        sealed: &str,
        context: &SealContext<'_>,
    ) -> Result<Option<String>, SealError> {
        if self.is_current(sealed) {
            return Ok(None);
        }
        let plaintext = self.open(sealed, context)?;
        self.seal(&plaintext, context).map(Some)
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

    /// What the code before key ids stored: base64(nonce ‖ ciphertext) under `bytes`.
    fn sealed_before_key_ids(bytes: [u8; 32], plaintext: &str, context: &SealContext) -> String {
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes));
        let nonce = [3u8; NONCE_BYTES];
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &context.associated_data(),
                },
            )
            .unwrap();
        STANDARD.encode([nonce.to_vec(), ciphertext].concat())
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

    #[test]
    fn every_new_ciphertext_names_its_key_and_a_plain_key_always_has_the_same_id() {
        let sealed = key().seal("t", &at("c", "f")).unwrap();
        let id = SealingKey::key_id(&sealed).expect("a key id");
        assert_eq!(id, key().current_id());
        assert!(id.starts_with('k') && id.len() == 11, "{id}");
        assert!(key().is_current(&sealed));
        let other = SealingKey::from_secret(&STANDARD.encode([8u8; 32])).unwrap();
        assert_ne!(other.current_id(), id);
    }

    #[test]
    fn a_value_sealed_before_key_ids_still_opens_under_the_key_that_sealed_it() {
        let context = at("conn-1", "tokens");
        let old = sealed_before_key_ids([7u8; 32], "legacy", &context);
        assert_eq!(SealingKey::key_id(&old), None);
        assert_eq!(key().open(&old, &context).unwrap(), "legacy");
        // …also once that key is a previous one of a rotated ring.
        let ring = KeySecret::parse(&STANDARD.encode([7u8; 32]))
            .unwrap()
            .rotated(&KeySecret::generate_key(), Some("k2"), 1)
            .unwrap();
        let rotated = SealingKey::from_key_secret(&ring).unwrap();
        assert_eq!(rotated.open(&old, &context).unwrap(), "legacy");
        assert!(!rotated.is_current(&old));
        let moved = rotated.reseal(&old, &context).unwrap().expect("re-sealed");
        assert_eq!(SealingKey::key_id(&moved), Some("k2"));
        assert_eq!(rotated.open(&moved, &context).unwrap(), "legacy");
        assert_eq!(rotated.reseal(&moved, &context).unwrap(), None);
    }

    #[test]
    fn a_rotated_ring_seals_with_the_new_key_and_opens_with_either() {
        let plain = STANDARD.encode([7u8; 32]);
        let before = SealingKey::from_secret(&plain).unwrap();
        let context = at("conn-1", "tokens");
        let old = before.seal("old", &context).unwrap();

        let secret = KeySecret::parse(&plain)
            .unwrap()
            .rotated(&KeySecret::generate_key(), None, 1_700_000_000)
            .unwrap();
        assert_eq!(secret.previous[0].id, before.current_id());
        let json = secret.to_json();
        let after = SealingKey::from_secret(&json).unwrap();
        assert_ne!(after.current_id(), before.current_id());
        let new = after.seal("new", &context).unwrap();
        assert_eq!(SealingKey::key_id(&new), Some(after.current_id().as_str()));
        assert_eq!(after.open(&old, &context).unwrap(), "old");
        assert_eq!(after.open(&new, &context).unwrap(), "new");
        assert_eq!(
            before.open(&new, &context),
            Err(SealError::UnknownKey),
            "the old ring does not know the new key"
        );

        let retired = SealingKey::from_key_secret(&secret.retired()).unwrap();
        assert_eq!(retired.open(&new, &context).unwrap(), "new");
        assert_eq!(retired.open(&old, &context), Err(SealError::UnknownKey));
    }

    #[test]
    fn replacing_the_ring_reaches_every_clone() {
        let held = key();
        let clone = held.clone();
        let newer = SealingKey::from_key_secret(
            &KeySecret::parse(&STANDARD.encode([7u8; 32]))
                .unwrap()
                .rotated(&KeySecret::generate_key(), Some("k2"), 1)
                .unwrap(),
        )
        .unwrap();
        held.replace_with(&newer);
        assert_eq!(clone.current_id(), "k2");
    }

    #[test]
    fn a_key_ring_with_repeated_or_bad_ids_is_refused_and_debug_shows_no_key() {
        let key = STANDARD.encode([7u8; 32]);
        let other = STANDARD.encode([9u8; 32]);
        for bad in [
            format!(
                r#"{{"current": {{"id": "a", "key": "{key}"}}, "previous": [{{"id": "a", "key": "{other}"}}]}}"#
            ),
            format!(r#"{{"current": {{"id": "a:b", "key": "{key}"}}}}"#),
            r#"{"current": {"id": "a", "key": "short"}}"#.to_owned(),
            r#"{"current": 1}"#.to_owned(),
        ] {
            assert!(SealingKey::from_secret(&bad).is_err(), "{bad}");
        }
        let good = format!(
            r#"{{"current": {{"id": "2026-12", "key": "{key}"}}, "previous": [{{"key": "{other}"}}]}}"#
        );
        let ring = SealingKey::from_secret(&good).unwrap();
        assert_eq!(ring.current_id(), "2026-12");
        let shown = format!("{ring:?} {:?}", KeySecret::parse(&good).unwrap());
        assert!(!shown.contains(&key) && !shown.contains(&other), "{shown}");
    }
}
