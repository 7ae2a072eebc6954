//! Who is calling: bearer JWTs verified against the issuer's JWKS. What the caller may
//! do is decided from the table (see `service`), never from claims in the request.

mod jwt;

pub use crate::domain::Caller;
pub use jwt::JwtVerifier;
