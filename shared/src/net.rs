//! Every outbound HTTP request of a function goes through one reqwest client: platform
//! OAuth calls, the issuer's JWKS, and the AWS SDK itself.
//!
//! One client means one TLS stack (rustls with ring, the Mozilla roots compiled in: no CA
//! file is read at start-up), one connection pool and one place for timeouts. It is built
//! on first use, so a cold start that never calls out pays nothing for it.
//!
//! The AWS SDK is given [`SdkTransport`], a small adapter from the SDK's `HttpClient`
//! trait to this client. The SDK's own transport would bring a second TLS stack
//! (aws-lc-rs) and read the system's CA directory at every cold start; the published
//! reqwest adapters are 0.x crates for reqwest 0.13 or build their own clients, so the
//! adapter lives here (it is the pattern the SDK's issue #169 recommends).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;

/// Connecting to anything we call takes longer than this only when it is down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// A whole call to a platform or the identity provider; the AWS SDK sets its own (and a
/// retried conditional write that was in fact applied would otherwise fail its own
/// condition).
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// The shared client, built on first use. Cloning shares it.
#[derive(Clone, Default)]
pub struct Http {
    client: Arc<OnceLock<reqwest::Client>>,
    public_only: Arc<OnceLock<reqwest::Client>>,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Http")
    }
}

impl Http {
    /// The client: never follows redirects (a platform's redirect is an answer to read,
    /// and a token must never be carried to another host). It sets no overall timeout:
    /// each caller sets its own (`CALL_TIMEOUT` for platforms, the SDK's for AWS).
    pub fn client(&self) -> &reqwest::Client {
        self.client.get_or_init(|| {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(CONNECT_TIMEOUT)
                .build()
                // Building fails only when the TLS backend cannot initialise, which
                // with compiled-in roots and ring does not happen; fall back to
                // reqwest's defaults rather than abort the function.
                .unwrap_or_default()
        })
    }
}

impl Http {
    /// A client for addresses a caller gave us (an agency's logo): as [`Http::client`],
    /// but a name that resolves to an address off the public internet is not connected
    /// to, so a caller cannot make the functions reach into the deployment's network
    /// through a public name pointing inside it. (An address written as an IP literal is
    /// not resolved: the caller checks it with [`is_public`].)
    pub fn public_only_client(&self) -> &reqwest::Client {
        self.public_only.get_or_init(|| {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(CONNECT_TIMEOUT)
                .dns_resolver(Arc::new(PublicOnly))
                // A proxy would resolve the name itself, past the resolver's check.
                .no_proxy()
                .build()
                // As for the shared client: only a TLS backend that cannot start fails.
                .unwrap_or_default()
        })
    }
}

/// Whether `ip` is on the public internet: not loopback, private, link-local, carrier-
/// grade NAT, unique-local, unspecified, broadcast, documentation, or an IPv4 address
/// mapped into IPv6 (which would hide any of those).
pub fn is_public(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(ip) => {
            !(ip.is_loopback()
                || ip.is_private()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast()
                || ip.is_documentation()
                || ip.octets()[0] == 100 && (ip.octets()[1] & 0xc0) == 64)
        }
        std::net::IpAddr::V6(ip) => {
            !(ip.is_loopback()
                || ip.is_unspecified()
                || (ip.segments()[0] & 0xfe00) == 0xfc00
                || (ip.segments()[0] & 0xffc0) == 0xfe80
                || ip.to_ipv4_mapped().is_some())
        }
    }
}

/// Resolves as the system does, keeping only public addresses.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<std::net::SocketAddr> =
                found.filter(|address| is_public(address.ip())).collect();
            if public.is_empty() {
                return Err(format!("{} has no public address", name.as_str()).into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The AWS SDK's transport over [`Http`].
#[derive(Debug, Clone)]
pub struct SdkTransport {
    http: Http,
}

impl SdkTransport {
    pub fn new(http: Http) -> Self {
        Self { http }
    }
}

impl HttpClient for SdkTransport {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(SdkConnector {
            http: self.http.clone(),
            read_timeout: settings.read_timeout(),
        })
    }
}

#[derive(Debug)]
struct SdkConnector {
    http: Http,
    read_timeout: Option<Duration>,
}

impl HttpConnector for SdkConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let client = self.http.client().clone();
        let read_timeout = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|error| ConnectorError::other(error.into(), None))?;
            let (parts, body) = request.into_parts();
            // DynamoDB, SES and Secrets Manager requests are small, in-memory bodies.
            let body = body
                .bytes()
                .ok_or_else(|| {
                    ConnectorError::other("a streaming request body is not supported".into(), None)
                })?
                .to_vec();
            let mut outgoing = client
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body);
            if let Some(timeout) = read_timeout {
                outgoing = outgoing.timeout(timeout);
            }
            let response = outgoing.send().await.map_err(classify)?;
            let mut builder = lambda_http::http::Response::builder().status(response.status());
            if let Some(headers) = builder.headers_mut() {
                headers.extend(response.headers().clone());
            }
            let bytes = response.bytes().await.map_err(classify)?;
            let response = builder
                .body(SdkBody::from(bytes))
                .map_err(|error| ConnectorError::other(error.into(), None))?;
            HttpResponse::try_from(response)
                .map_err(|error| ConnectorError::other(error.into(), None))
        })
    }
}

/// The SDK retries timeouts and I/O failures; anything else is final.
fn classify(error: reqwest::Error) -> ConnectorError {
    if error.is_timeout() {
        ConnectorError::timeout(error.into())
    } else if error.is_connect() || error.is_request() || error.is_body() {
        ConnectorError::io(error.into())
    } else {
        ConnectorError::other(error.into(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_name_that_resolves_only_inside_the_network_is_not_connected_to() {
        let refused = Http::default()
            .public_only_client()
            .get("http://localhost:9/logo.png")
            .send()
            .await
            .expect_err("localhost resolves to loopback only");
        let causes = std::iter::successors(Some(&refused as &dyn std::error::Error), |error| {
            error.source()
        })
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
        assert!(causes.contains("has no public address"), "{causes}");
    }

    #[test]
    fn addresses_inside_networks_are_not_public() {
        for inside in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(inside.parse().unwrap()), "{inside}");
        }
        for outside in ["93.184.216.34", "2606:4700::1111"] {
            assert!(is_public(outside.parse().unwrap()), "{outside}");
        }
    }
}
