//! Secret values: invitation tokens and the hashes that stand for them in the table.

mod token;

pub use token::{InviteToken, TokenHash};
