//! Who is calling: bearer JWTs verified against the issuer's JWKS, and the identity
//! provider's sign-in for the pages (OpenID Connect). What the caller may do is decided
//! from the table (see `service`), never from claims in the request.

mod jwt;
pub mod oidc;

pub use crate::domain::Caller;
pub use jwt::JwtVerifier;
