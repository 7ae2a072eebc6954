//! The social platforms a client can connect.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Youtube,
    Tiktok,
    Instagram,
    Facebook,
    Linkedin,
    X,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::Youtube,
        Platform::Tiktok,
        Platform::Instagram,
        Platform::Facebook,
        Platform::Linkedin,
        Platform::X,
    ];

    /// The lowercase name used in paths, keys and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Youtube => "youtube",
            Platform::Tiktok => "tiktok",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::Linkedin => "linkedin",
            Platform::X => "x",
        }
    }

    /// Their names as a sentence lists them: "YouTube, TikTok and X".
    pub fn listed(platforms: &[Platform]) -> String {
        let names: Vec<&str> = platforms
            .iter()
            .map(|platform| platform.display_name())
            .collect();
        crate::text::listed(&names)
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Youtube => "YouTube",
            Platform::Tiktok => "TikTok",
            Platform::Instagram => "Instagram",
            Platform::Facebook => "Facebook Page",
            Platform::Linkedin => "LinkedIn",
            Platform::X => "X",
        }
    }
}

/// A platform name we do not connect (answered 404: there is no such resource).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a platform this service connects")]
pub struct UnknownPlatform(pub String);

impl std::str::FromStr for Platform {
    type Err = UnknownPlatform;
    fn from_str(raw: &str) -> Result<Self, UnknownPlatform> {
        Self::ALL
            .into_iter()
            .find(|platform| platform.as_str() == raw)
            .ok_or_else(|| UnknownPlatform(raw.chars().take(32).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_names_match_the_json_names() {
        for platform in Platform::ALL {
            let json = serde_json::to_value(platform).unwrap();
            assert_eq!(json.as_str(), Some(platform.as_str()));
            assert_eq!(platform.as_str().parse(), Ok(platform));
        }
        assert!("myspace".parse::<Platform>().is_err());
    }
}
