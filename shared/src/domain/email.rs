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
        let (local, domain) = (parsed.local_part(), parsed.domain());
        // SES sends only to ASCII mailboxes: an internationalised domain goes in its
        // punycode form, which also makes its two spellings one invitee; a non-ASCII
        // local part cannot be sent to at all.
        if !local.is_ascii() {
            return Err(InvalidEmail(raw.to_owned()));
        }
        let domain = match url::Host::parse(domain) {
            Ok(url::Host::Domain(ascii)) => ascii,
            _ => return Err(InvalidEmail(raw.to_owned())),
        };
        Ok(Self(format!("{}@{domain}", local.to_lowercase())))
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
    fn an_internationalised_domain_is_one_address_in_punycode_in_either_spelling() {
        let unicode = EmailAddress::parse("Ana@Bücher.Example").unwrap();
        let punycode = EmailAddress::parse("ana@xn--bcher-kva.example").unwrap();
        assert_eq!(unicode, punycode);
        assert_eq!(unicode.as_str(), "ana@xn--bcher-kva.example");
    }

    #[test]
    fn a_mailbox_name_ses_cannot_send_to_is_refused() {
        assert!(EmailAddress::parse("anä@example.com").is_err());
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
