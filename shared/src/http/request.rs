//! Reading what a request carries, turning every defect into a precise `AppError`.

use std::str::FromStr;

use lambda_http::http::header::AUTHORIZATION;
use lambda_http::{Body, Request, RequestExt};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Parses the JSON body into `T`; unknown fields are refused by `T`'s own serde rules.
pub fn json_body<T: DeserializeOwned>(request: &Request) -> Result<T, AppError> {
    let bytes: &[u8] = match request.body() {
        Body::Empty => b"",
        Body::Text(text) => text.as_bytes(),
        Body::Binary(bytes) => bytes,
        _ => b"",
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::MalformedJson("the body is empty".into()));
    }
    serde_json::from_slice(bytes).map_err(|error| {
        use serde_json::error::Category;
        match error.classify() {
            Category::Data => AppError::InvalidBody(error.to_string()),
            Category::Syntax | Category::Eof | Category::Io => {
                AppError::MalformedJson(error.to_string())
            }
        }
    })
}

/// Parses an optional JSON body into `T`: no body (or only whitespace) is `T`'s default.
pub fn json_body_or_default<T: DeserializeOwned + Default>(
    request: &Request,
) -> Result<T, AppError> {
    let empty = match request.body() {
        Body::Text(text) => text.trim().is_empty(),
        Body::Binary(bytes) => bytes.iter().all(u8::is_ascii_whitespace),
        _ => true,
    };
    if empty {
        Ok(T::default())
    } else {
        json_body(request)
    }
}

/// A path parameter from the route (API Gateway or cargo lambda's router), parsed into
/// its domain type.
pub fn path<T>(request: &Request, name: &str) -> Result<T, AppError>
where
    T: FromStr,
    T::Err: Into<AppError>,
{
    request
        .path_parameters_ref()
        .and_then(|params| params.first(name))
        .ok_or_else(|| AppError::InvalidParameter(format!("the path parameter {name} is missing")))?
        .parse()
        .map_err(Into::into)
}

/// A query parameter, parsed into its domain type when present.
pub fn query<T>(request: &Request, name: &str) -> Result<Option<T>, AppError>
where
    T: FromStr,
    T::Err: Into<AppError>,
{
    query_param(request, name)
        .map(|raw| raw.parse().map_err(Into::into))
        .transpose()
}

/// A query parameter as it came.
pub fn query_param(request: &Request, name: &str) -> Option<String> {
    request
        .query_string_parameters_ref()
        .and_then(|params| params.first(name))
        .map(str::to_owned)
}

/// The AWS principal (its ARN) API Gateway's IAM authorizer verified for this request.
/// A request that carries none did not come through an `AWS_IAM` route, and is refused.
pub fn iam_principal(request: &Request) -> Result<String, AppError> {
    use lambda_http::request::RequestContext;
    match request.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(context)) => context
            .authorizer
            .as_ref()
            .and_then(|authorizer| authorizer.iam.as_ref())
            .and_then(|iam| iam.user_arn.clone())
            .filter(|arn| arn.starts_with("arn:"))
            .ok_or(AppError::IamRequired),
        _ => Err(AppError::IamRequired),
    }
}

/// The token of an `Authorization: Bearer …` header, if there is one.
pub fn bearer_token(request: &Request) -> Result<&str, AppError> {
    let header = request
        .headers()
        .get(AUTHORIZATION)
        .ok_or(AppError::AuthenticationRequired)?;
    let value = header
        .to_str()
        .map_err(|_| AppError::InvalidToken("the Authorization header is not text".into()))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| AppError::InvalidToken("expected `Bearer <token>`".into()))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(AppError::InvalidToken("expected `Bearer <token>`".into()));
    }
    Ok(token.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Shape {
        email: String,
    }

    fn with_body(body: &str) -> Request {
        Request::new(Body::Text(body.to_owned()))
    }

    #[test]
    fn broken_json_is_malformed_and_wrong_shapes_are_invalid() {
        assert!(matches!(
            json_body::<Shape>(&with_body("{\"email\":")),
            Err(AppError::MalformedJson(_))
        ));
        assert!(matches!(
            json_body::<Shape>(&with_body("")),
            Err(AppError::MalformedJson(_))
        ));
        assert!(matches!(
            json_body::<Shape>(&with_body(r#"{"email":"a@b.co","role":"admin"}"#)),
            Err(AppError::InvalidBody(_))
        ));
        assert!(json_body::<Shape>(&with_body(r#"{"email":"a@b.co"}"#)).is_ok());
    }

    #[test]
    fn only_bearer_authorization_is_accepted() {
        let mut request = Request::new(Body::Empty);
        assert!(matches!(
            bearer_token(&request),
            Err(AppError::AuthenticationRequired)
        ));
        request
            .headers_mut()
            .insert(AUTHORIZATION, "Basic abc".parse().unwrap());
        assert!(matches!(
            bearer_token(&request),
            Err(AppError::InvalidToken(_))
        ));
        request
            .headers_mut()
            .insert(AUTHORIZATION, "Bearer abc.def".parse().unwrap());
        assert_eq!(bearer_token(&request).unwrap(), "abc.def");
    }
}
