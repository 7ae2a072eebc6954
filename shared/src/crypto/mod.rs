//! Secret values: invitation tokens and their hashes, and sealing of platform tokens.

mod sealed;
mod token;

pub use sealed::{SealContext, SealError, SealingKey};
pub use token::{random_url_safe, sha256_hex, InviteToken, TokenHash};
