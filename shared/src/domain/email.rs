//! Email addresses, parsed with a real RFC 5322 parser and normalised.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A syntactically valid, normalised email address (`local@domain`, lower case).
///
/// Normalising to lower case makes `Ana@Client.com` and `ana@client.com` the same
/// invitee; every mainstream mailbox provider treats the local part case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a valid email address")]
pub struct InvalidEmail(pub String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let trimmed = raw.trim();
        let options = email_address::Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
            ..Default::default()
        };
        let parsed = email_address::EmailAddress::parse_with_options(trimmed, options)
            .map_err(|_| InvalidEmail(raw.to_owned()))?;
        Ok(Self(parsed.email().to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = InvalidEmail;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> Self {
        email.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Ana.Client@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "ana.client@example.com");
    }

    #[test]
    fn plus_addressing_is_kept() {
        assert_eq!(
            EmailAddress::parse("ana+agency@example.com")
                .unwrap()
                .as_str(),
            "ana+agency@example.com"
        );
    }

    #[test]
    fn invalid_addresses_are_refused() {
        for raw in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@localhost",
            "ana@[127.0.0.1]",
            "Ana <ana@example.com>",
            "ana@@example.com",
            "ana example@example.com",
        ] {
            assert!(EmailAddress::parse(raw).is_err(), "{raw:?} was accepted");
        }
    }
}
