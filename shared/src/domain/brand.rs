//! A workspace's brand (the name its emails are sent under, its logo, its accent
//! colour) and the agency's own words on an invitation.
//!
//! The accent colour paints the pages' buttons (white text on it) and links (it on the
//! page's light background), so a colour is refused when either would be hard to read:
//! WCAG 2.x asks for a contrast of at least 4.5:1 for text.

use serde::{Deserialize, Serialize};

use super::{DisplayName, LogoUrl, Workspace};

/// A colour as `#rrggbb` (stored and shown in lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccentColour([u8; 3]);

/// Why a colour cannot be an accent.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum UnusableColour {
    #[error("a colour is written #rrggbb (six hexadecimal digits)")]
    Unparsable,
    /// Its contrast with `against` is `ratio`:1, under [`AccentColour::MIN_CONTRAST`].
    #[error("its contrast with {against} is {ratio:.2}:1, under 4.5:1")]
    LowContrast { ratio: f64, against: &'static str },
}

impl AccentColour {
    /// WCAG 2.x, success criterion 1.4.3 (AA), for text of normal size.
    pub const MIN_CONTRAST: f64 = 4.5;
    /// The pages' background (`body` in `base.html`): the darkest background text in
    /// the accent colour is put on (cards are white).
    pub const PAGE_BACKGROUND: AccentColour = AccentColour([0xf9, 0xfa, 0xfb]);
    /// The text of a button painted in the accent colour.
    pub const BUTTON_TEXT: AccentColour = AccentColour([0xff, 0xff, 0xff]);
    /// The accent of a workspace that chose none (and of pages of no workspace).
    pub const DEFAULT: AccentColour = AccentColour([0x1d, 0x4e, 0xd8]);

    /// Reads `#rrggbb` (either case); no other form.
    pub fn parse(raw: &str) -> Result<Self, UnusableColour> {
        let hex = raw
            .trim()
            .strip_prefix('#')
            .filter(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or(UnusableColour::Unparsable)?;
        let channel = |at: usize| {
            u8::from_str_radix(&hex[at..at + 2], 16).map_err(|_| UnusableColour::Unparsable)
        };
        Ok(Self([channel(0)?, channel(2)?, channel(4)?]))
    }

    /// Reads a colour and checks it is readable as an accent: as text on the page's
    /// background, and behind a button's white text.
    pub fn parse_readable(raw: &str) -> Result<Self, UnusableColour> {
        let colour = Self::parse(raw)?;
        colour.check_readable()?;
        Ok(colour)
    }

    /// Whether text in this colour on the page, and white text on it, reach 4.5:1.
    pub fn check_readable(self) -> Result<(), UnusableColour> {
        for (other, against) in [
            (Self::PAGE_BACKGROUND, "the page background #f9fafb"),
            (Self::BUTTON_TEXT, "white button text"),
        ] {
            let ratio = self.contrast_with(other);
            if ratio < Self::MIN_CONTRAST {
                // Rounded down, so a refused 4.496 never reads as the 4.50 it missed.
                let ratio = (ratio * 100.0).floor() / 100.0;
                return Err(UnusableColour::LowContrast { ratio, against });
            }
        }
        Ok(())
    }

    /// WCAG 2.x relative luminance: each sRGB channel linearised, then weighted as the
    /// eye sees them. (WCAG writes the threshold 0.03928, sRGB 0.04045: no 8-bit value
    /// lies between them, so both give the same answer.)
    pub fn relative_luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// WCAG 2.x contrast ratio, from 1 (none) to 21 (black on white), either order.
    pub fn contrast_with(self, other: AccentColour) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        let (lighter, darker) = if a > b { (a, b) } else { (b, a) };
        (lighter + 0.05) / (darker + 0.05)
    }
}

impl std::fmt::Display for AccentColour {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b] = self.0;
        write!(formatter, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl TryFrom<String> for AccentColour {
    type Error = UnusableColour;
    fn try_from(raw: String) -> Result<Self, UnusableColour> {
        Self::parse(&raw)
    }
}

impl From<AccentColour> for String {
    fn from(colour: AccentColour) -> Self {
        colour.to_string()
    }
}

/// The most bytes a logo may have: it is shown at 48 pixels.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

/// Why an image cannot be a logo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoRefusal {
    /// Not a PNG, JPEG, WebP or GIF (as said and as its first bytes show): `found` is
    /// what it said it was.
    #[error("not a PNG, JPEG, WebP or GIF image ({found})")]
    NotAnImage { found: String },
    #[error("larger than 256 KB")]
    TooLarge,
}

/// Whether an image served as `content_type` with these bytes may be a logo: one of
/// the raster types every mail client and browser shows, never SVG (which can carry
/// scripts), its bytes starting as that type's do (a server's label alone is not
/// trusted), at most [`MAX_LOGO_BYTES`].
pub fn check_logo_image(content_type: Option<&str>, bytes: &[u8]) -> Result<(), LogoRefusal> {
    let said = content_type
        .and_then(|raw| raw.split(';').next())
        .map(|mime| mime.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let starts_right = match said.as_str() {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "image/gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "image/webp" => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        _ => false,
    };
    if !starts_right {
        let found = if said.is_empty() {
            "no content type".to_owned()
        } else {
            format!("{said} content")
        };
        return Err(LogoRefusal::NotAnImage { found });
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoRefusal::TooLarge);
    }
    Ok(())
}

/// What a workspace's emails and its clients' pages look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// The name emails are sent under and signed with: the workspace's display name,
    /// else its name.
    pub name: DisplayName,
    pub logo_url: Option<LogoUrl>,
    pub accent: AccentColour,
}

impl Workspace {
    /// Its brand, with the defaults of what it did not choose.
    pub fn brand(&self) -> Brand {
        Brand {
            name: self
                .display_name
                .clone()
                .unwrap_or_else(|| self.name.clone()),
            logo_url: self.logo_url.clone(),
            accent: self.accent_colour.unwrap_or(AccentColour::DEFAULT),
        }
    }
}

/// The inviter's own words to the person invited: plain text of at most 500 characters,
/// control characters removed but line breaks kept (as `\n`); never empty. Shown as
/// text wherever it goes (escaped in HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InvitationMessage(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the message is {length} characters long; at most 500 are allowed")]
pub struct MessageTooLong {
    pub length: usize,
}

impl InvitationMessage {
    pub const MAX_CHARS: usize = 500;

    /// The message as it will be shown, or `None` when nothing readable is left.
    /// Line breaks (`\r\n`, `\r`, `\n`) become `\n`; other control characters, and the
    /// bidirectional overrides that could make the text read differently from what it
    /// is, are removed; the ends are trimmed; nothing else is changed.
    pub fn parse(raw: &str) -> Result<Option<Self>, MessageTooLong> {
        let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
        let cleaned: String = unified
            .chars()
            .filter(|c| *c == '\n' || !(c.is_control() || is_bidi_control(*c)))
            .collect();
        let trimmed = cleaned.trim();
        let length = trimmed.chars().count();
        if length > Self::MAX_CHARS {
            return Err(MessageTooLong { length });
        }
        Ok((!trimmed.is_empty()).then(|| Self(trimmed.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its lines, for a template that puts a line break between them (an HTML `<br>`,
    /// which every mail client honours).
    pub fn lines(&self) -> Vec<&str> {
        self.0.split('\n').collect()
    }
}

/// The Unicode bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), and the marks (U+200E, U+200F, U+061C).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

impl TryFrom<String> for InvitationMessage {
    type Error = MessageTooLong;
    fn try_from(raw: String) -> Result<Self, MessageTooLong> {
        // A stored message was parsed when written, so it is never empty; one written
        // past the API reads as nothing rather than failing its invitation.
        Self::parse(&raw).map(|message| message.unwrap_or(Self(String::new())))
    }
}

impl From<InvitationMessage> for String {
    fn from(message: InvitationMessage) -> Self {
        message.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colour(raw: &str) -> AccentColour {
        AccentColour::parse(raw).unwrap()
    }

    #[test]
    fn relative_luminance_follows_wcag_from_black_to_white() {
        assert_eq!(colour("#000000").relative_luminance(), 0.0);
        assert!((colour("#FFFFFF").relative_luminance() - 1.0).abs() < 1e-9);
        // WCAG's own example values: pure red, green and blue weigh 0.2126, 0.7152, 0.0722.
        assert!((colour("#ff0000").relative_luminance() - 0.2126).abs() < 1e-9);
        assert!((colour("#00ff00").relative_luminance() - 0.7152).abs() < 1e-9);
        assert!((colour("#0000ff").relative_luminance() - 0.0722).abs() < 1e-9);
        // Mid grey #777777 is about 0.184 (it is 4.48:1 on white, famously just short).
        let grey = colour("#777777");
        assert!((grey.relative_luminance() - 0.1845).abs() < 1e-3);
        assert!((grey.contrast_with(AccentColour::BUTTON_TEXT) - 4.48).abs() < 0.01);
    }

    #[test]
    fn contrast_is_symmetric_and_spans_one_to_twenty_one() {
        let black = colour("#000000");
        let white = colour("#ffffff");
        assert!((black.contrast_with(white) - 21.0).abs() < 1e-9);
        assert!((white.contrast_with(black) - 21.0).abs() < 1e-9);
        assert!((white.contrast_with(white) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_dark_blue_is_a_readable_accent_and_a_yellow_is_not() {
        assert_eq!(
            AccentColour::parse_readable("#1d4ed8"),
            Ok(colour("#1d4ed8"))
        );
        assert!(AccentColour::parse_readable("#1D4ED8").is_ok());
        let Err(UnusableColour::LowContrast { ratio, against }) =
            AccentColour::parse_readable("#ffcc00")
        else {
            panic!("yellow was accepted");
        };
        assert!(ratio < 1.6, "{ratio}");
        assert!(against.contains("background"));
        // Just short on the light background though fine on white: still refused.
        assert!(AccentColour::parse_readable("#767676").is_err());
        assert!(AccentColour::parse_readable("#6b6b6b").is_ok());
    }

    #[test]
    fn the_default_accent_is_itself_readable() {
        assert_eq!(AccentColour::DEFAULT.check_readable(), Ok(()));
    }

    #[test]
    fn only_six_hex_digits_after_a_hash_are_a_colour() {
        for raw in [
            "1d4ed8",
            "#1d4ed",
            "#1d4ed8ff",
            "#ggg000",
            "blue",
            "",
            "#1d4ed8;}",
        ] {
            assert_eq!(
                AccentColour::parse(raw),
                Err(UnusableColour::Unparsable),
                "{raw}"
            );
        }
        assert_eq!(colour(" #ABCDEF ").to_string(), "#abcdef");
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_logo_is_a_raster_image_whose_bytes_match_its_type() {
        assert_eq!(check_logo_image(Some("image/png"), PNG), Ok(()));
        assert_eq!(check_logo_image(Some("Image/PNG; charset=x"), PNG), Ok(()));
        assert_eq!(
            check_logo_image(Some("image/jpeg"), &[0xff, 0xd8, 0xff, 0xe0]),
            Ok(())
        );
        assert_eq!(check_logo_image(Some("image/gif"), b"GIF89a...."), Ok(()));
        assert_eq!(
            check_logo_image(Some("image/webp"), b"RIFF\0\0\0\0WEBPVP8 "),
            Ok(())
        );
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(
            check_logo_image(Some("image/svg+xml"), svg),
            Err(LogoRefusal::NotAnImage {
                found: "image/svg+xml content".into()
            })
        );
        // A server that calls an SVG (or a page) a PNG is not believed.
        assert!(check_logo_image(Some("image/png"), svg).is_err());
        assert!(check_logo_image(None, PNG).is_err());
    }

    #[test]
    fn a_logo_is_at_most_256_kilobytes() {
        let mut big = PNG.to_vec();
        big.resize(MAX_LOGO_BYTES, 0);
        assert_eq!(check_logo_image(Some("image/png"), &big), Ok(()));
        big.push(0);
        assert_eq!(
            check_logo_image(Some("image/png"), &big),
            Err(LogoRefusal::TooLarge)
        );
    }

    #[test]
    fn a_message_keeps_its_line_breaks_and_loses_other_control_characters() {
        let message = InvitationMessage::parse("  Hi Ana,\r\nsee\tyou\u{7}\u{202E}soon!\n\u{0}")
            .unwrap()
            .unwrap();
        assert_eq!(message.as_str(), "Hi Ana,\nseeyousoon!");
        assert_eq!(message.lines(), ["Hi Ana,", "seeyousoon!"]);
        assert_eq!(InvitationMessage::parse(" \u{1}\n ").unwrap(), None);
        assert_eq!(
            InvitationMessage::parse("<script>alert(1)</script>")
                .unwrap()
                .unwrap()
                .as_str(),
            "<script>alert(1)</script>",
            "kept as text: escaping is the renderer's job"
        );
    }

    #[test]
    fn a_message_is_at_most_500_characters_once_cleaned() {
        let most = "é".repeat(500);
        assert!(InvitationMessage::parse(&most).unwrap().is_some());
        assert_eq!(
            InvitationMessage::parse(&"a".repeat(501)),
            Err(MessageTooLong { length: 501 })
        );
        // Removed control characters do not count.
        let padded = format!("{}{}", "a".repeat(500), "\u{7}".repeat(20));
        assert!(InvitationMessage::parse(&padded).unwrap().is_some());
    }
}
