//! A local OpenID Connect provider for signing people in: an authorize page with a
//! sign-in form (any email signs in, verified), a token endpoint that checks the client,
//! the redirect URI, single-use codes and PKCE S256, and RS256 ID tokens signed with
//! the dev key whose JWKS the local issuer serves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;
use sha2::{Digest, Sha256};
use url::Url;
use wiremock::{Request, Respond, ResponseTemplate};

/// Who signs the ID tokens, and for which client.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub signing_key_pem: String,
    pub key_id: String,
}

struct Login {
    redirect_uri: String,
    challenge: String,
    nonce: Option<String>,
    email: String,
    used: bool,
}

#[derive(Default)]
pub(crate) struct OidcState {
    codes: HashMap<String, Login>,
}

pub(crate) struct OidcEndpoint {
    pub(crate) kind: &'static str,
    pub(crate) settings: OidcSettings,
    pub(crate) state: Arc<Mutex<OidcState>>,
}

/// Text safe inside HTML, attribute values included.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Respond for OidcEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        match self.kind {
            "authorize-page" => self.page(request),
            "authorize-submit" => self.submit(request),
            "token" => self.token(request),
            _ => ResponseTemplate::new(404),
        }
    }
}

impl OidcEndpoint {
    /// The sign-in page: the authorization request travels on in hidden fields.
    fn page(&self, request: &Request) -> ResponseTemplate {
        let params: HashMap<String, String> = request.url.query_pairs().into_owned().collect();
        if params.get("client_id") != Some(&self.settings.client_id)
            || params.get("code_challenge_method").map(String::as_str) != Some("S256")
        {
            return ResponseTemplate::new(400)
                .set_body_string("invalid_request: client or PKCE missing");
        }
        let hidden: String = ["redirect_uri", "state", "nonce", "code_challenge"]
            .iter()
            .filter_map(|name| params.get(*name).map(|value| (name, value)))
            .map(|(name, value)| {
                format!(
                    r#"<input type="hidden" name="{name}" value="{}">"#,
                    escape(value)
                )
            })
            .collect();
        let page = format!(
            r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local sign-in</title></head>
<body><main><h1>Local sign-in</h1><p>Any email address signs in here, as a verified address.</p>
<form method="post" action="/oidc/authorize">{hidden}
<label for="email">Email</label> <input id="email" name="email" type="email" required>
<button type="submit">Sign in</button></form></main></body></html>"#
        );
        crate::html(page)
    }

    fn submit(&self, request: &Request) -> ResponseTemplate {
        let form = crate::form(request);
        let (Some(redirect_uri), Some(challenge), Some(email)) = (
            form.get("redirect_uri"),
            form.get("code_challenge"),
            form.get("email"),
        ) else {
            return ResponseTemplate::new(400).set_body_string("invalid_request");
        };
        let code = format!("oidc-code-{}", uuid::Uuid::new_v4().simple());
        self.state.lock().unwrap().codes.insert(
            code.clone(),
            Login {
                redirect_uri: redirect_uri.clone(),
                challenge: challenge.clone(),
                nonce: form.get("nonce").cloned(),
                email: email.trim().to_lowercase(),
                used: false,
            },
        );
        let Ok(mut back) = Url::parse(redirect_uri) else {
            return ResponseTemplate::new(400).set_body_string("invalid redirect_uri");
        };
        back.query_pairs_mut().append_pair("code", &code);
        if let Some(state) = form.get("state") {
            back.query_pairs_mut().append_pair("state", state);
        }
        ResponseTemplate::new(302).insert_header("location", back.as_str())
    }

    fn token(&self, request: &Request) -> ResponseTemplate {
        let form = crate::form(request);
        let mut state = self.state.lock().unwrap();
        let Some(login) = form.get("code").and_then(|code| state.codes.get_mut(code)) else {
            return ResponseTemplate::new(400).set_body_json(json!({ "error": "invalid_grant" }));
        };
        let verifier = form.get("code_verifier").cloned().unwrap_or_default();
        let pkce_ok =
            URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == login.challenge;
        if login.used
            || !pkce_ok
            || form.get("redirect_uri") != Some(&login.redirect_uri)
            || form.get("client_id") != Some(&self.settings.client_id)
        {
            return ResponseTemplate::new(400).set_body_json(json!({ "error": "invalid_grant" }));
        }
        login.used = true;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or_default();
        let subject = format!(
            "local-{}",
            &hex(&Sha256::digest(login.email.as_bytes()))[..16]
        );
        let mut claims = json!({
            "iss": self.settings.issuer, "aud": self.settings.client_id, "sub": subject,
            "email": login.email, "email_verified": true, "name": login.email.split('@').next(),
            "iat": now, "exp": now + 600,
        });
        if let Some(nonce) = &login.nonce {
            claims["nonce"] = json!(nonce);
        }
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.settings.key_id.clone());
        let Ok(key) = EncodingKey::from_rsa_pem(self.settings.signing_key_pem.as_bytes()) else {
            return ResponseTemplate::new(500).set_body_string("bad signing key");
        };
        let Ok(id_token) = encode(&header, &claims, &key) else {
            return ResponseTemplate::new(500).set_body_string("signing failed");
        };
        ResponseTemplate::new(200).set_body_json(json!({
            "access_token": format!("local-access-{}", uuid::Uuid::new_v4().simple()),
            "token_type": "Bearer", "expires_in": 600, "id_token": id_token,
        }))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
