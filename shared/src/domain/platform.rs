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
