//! Secret values: invitation tokens and their hashes, and sealing of platform tokens.

mod sealed;
mod token;

pub use sealed::{KeyEntry, KeySecret, SealContext, SealError, SealingKey};
pub use token::{constant_time_eq, random_url_safe, sha256_hex, InviteToken, TokenHash};
