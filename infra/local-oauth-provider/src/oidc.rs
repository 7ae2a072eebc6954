//! A local OpenID Connect provider for signing people in: an authorize page with a
//! sign-in form (any email signs in, verified), a token endpoint that checks the client,
//! the redirect URI, single-use codes and PKCE S256, and RS256 ID tokens signed with
//! the dev key whose JWKS the local issuer serves.
//!
//! A sign-in that asks for more (`acr_values`, as ours does when a client requires
//! two-factor sign-in) gets a second step: a one-time-code page that takes the fixed
//! code [`ONE_TIME_CODE`], after which the ID token asserts it as an identity provider
//! does (`amr: ["pwd", "otp", "mfa"]`, `acr`, `auth_time`). Other sign-ins are as
//! before: one step, no `amr`.

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

/// The one-time code the local second-factor step accepts (shown on its page).
pub const ONE_TIME_CODE: &str = "123456";

/// The `acr` the local provider asserts after its second-factor step.
pub const SECOND_FACTOR_ACR: &str = "urn:local:mfa";

/// The hidden field that carries "a second factor was asked for" from the sign-in
/// page to its answer.
const ASKED: &str = "second_factor";

/// The fields a sign-in carries from page to page (its authorization request).
const CARRIED: [&str; 4] = ["redirect_uri", "state", "nonce", "code_challenge"];

struct Login {
    redirect_uri: String,
    challenge: String,
    nonce: Option<String>,
    email: String,
    /// When the person entered the one-time code, if they were asked for it.
    second_factor_at: Option<u64>,
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
            "second-factor-submit" => self.second_factor(request),
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
        let mut hidden = hidden_fields(&params, &CARRIED);
        let asks_more = params
            .get("acr_values")
            .is_some_and(|acr| !acr.trim().is_empty());
        let second_step = if asks_more {
            hidden.push_str(&hidden_fields(
                &HashMap::from([(ASKED.to_owned(), "asked".to_owned())]),
                &[ASKED],
            ));
            "<p>This sign-in asks for a second factor: a one-time code comes next.</p>"
        } else {
            ""
        };
        let page = format!(
            r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local sign-in</title></head>
<body><main><h1>Local sign-in</h1><p>Any email address signs in here, as a verified address.</p>{second_step}
<form method="post" action="/oidc/authorize">{hidden}
<label for="email">Email</label> <input id="email" name="email" type="email" required>
<button type="submit">Sign in</button></form></main></body></html>"#
        );
        crate::html(page)
    }

    fn submit(&self, request: &Request) -> ResponseTemplate {
        let form = crate::form(request);
        if form.contains_key(ASKED) {
            return code_page(&form, None);
        }
        self.issue_code(&form, None)
    }

    /// The one-time-code step's answer: the fixed code signs in with a second factor;
    /// anything else shows the page again, saying so.
    fn second_factor(&self, request: &Request) -> ResponseTemplate {
        let form = crate::form(request);
        if form.get("code").map(|code| code.trim()) != Some(ONE_TIME_CODE) {
            return code_page(&form, Some("That code is not right: enter 123456."));
        }
        self.issue_code(&form, Some(now()))
    }

    /// The authorization code for a finished sign-in, and the way back with it.
    fn issue_code(
        &self,
        form: &HashMap<String, String>,
        second_factor_at: Option<u64>,
    ) -> ResponseTemplate {
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
                second_factor_at,
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
        let now = now();
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
        if let Some(at) = login.second_factor_at {
            claims["amr"] = json!(["pwd", "otp", "mfa"]);
            claims["acr"] = json!(SECOND_FACTOR_ACR);
            claims["auth_time"] = json!(at);
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

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or_default()
}

/// The `names` of `values` as hidden fields.
fn hidden_fields(values: &HashMap<String, String>, names: &[&str]) -> String {
    names
        .iter()
        .filter_map(|name| values.get(*name).map(|value| (name, value)))
        .map(|(name, value)| {
            format!(
                r#"<input type="hidden" name="{name}" value="{}">"#,
                escape(value)
            )
        })
        .collect()
}

/// The second-factor step: the sign-in so far travels on in hidden fields, the code is
/// typed (locally, always the fixed one, said on the page).
fn code_page(form: &HashMap<String, String>, problem: Option<&str>) -> ResponseTemplate {
    let hidden = hidden_fields(form, &[CARRIED.as_slice(), &["email"]].concat());
    let problem = problem
        .map(|text| format!(r#"<p role="alert">{}</p>"#, escape(text)))
        .unwrap_or_default();
    let page = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local sign-in: second factor</title></head>
<body><main><h1>Enter your one-time code</h1>
<p>This sign-in needs a second factor. Locally the code is always <strong>{ONE_TIME_CODE}</strong>.</p>{problem}
<form method="post" action="/oidc/second-factor">{hidden}
<label for="code">One-time code</label> <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">Confirm</button></form></main></body></html>"#
    );
    let status = if problem.is_empty() { 200 } else { 400 };
    ResponseTemplate::new(status).set_body_raw(page, "text/html; charset=utf-8")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::LocalProvider;

    const CLIENT: &str = "local-client";
    const BACK: &str = "https://clients.example/auth/callback";
    const VERIFIER: &str = "a-verifier-long-enough-for-pkce-s256-0123456789";

    async fn provider() -> LocalProvider {
        LocalProvider::start(OidcSettings {
            issuer: "http://issuer.local".into(),
            client_id: CLIENT.into(),
            signing_key_pem: include_str!("../../local-issuer/dev-signing-key.pem").into(),
            key_id: "local-dev-1".into(),
        })
        .await
    }

    fn http() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// The sign-in page's answer for `email`, the authorization request asking for
    /// `acr_values` or not.
    async fn sign_in(provider: &LocalProvider, acr_values: Option<&str>) -> reqwest::Response {
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()));
        let mut page = provider.base_url().join("oidc/authorize").unwrap();
        page.query_pairs_mut()
            .append_pair("client_id", CLIENT)
            .append_pair("code_challenge_method", "S256")
            .append_pair("code_challenge", &challenge)
            .append_pair("redirect_uri", BACK)
            .append_pair("state", "st")
            .append_pair("nonce", "no");
        if let Some(acr) = acr_values {
            page.query_pairs_mut().append_pair("acr_values", acr);
        }
        let html = http()
            .get(page.clone())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let mut fields = hidden(&html);
        fields.push(("email".into(), "pat@example.com".into()));
        http().post(page).form(&fields).send().await.unwrap()
    }

    /// The hidden fields of a page, as name and value.
    fn hidden(html: &str) -> Vec<(String, String)> {
        html.split(r#"<input type="hidden" name=""#)
            .skip(1)
            .map(|rest| {
                let (name, rest) = rest.split_once('"').unwrap();
                let value = rest.split(r#"value=""#).nth(1).unwrap();
                let value = value.split_once('"').unwrap().0;
                (
                    name.to_owned(),
                    value.replace("&amp;", "&").replace("&quot;", "\""),
                )
            })
            .collect()
    }

    /// The claims of the ID token the code in `redirect` is exchanged for.
    async fn claims_after(provider: &LocalProvider, redirect: &reqwest::Response) -> Value {
        let location = Url::parse(redirect.headers()["location"].to_str().unwrap()).unwrap();
        let code = location
            .query_pairs()
            .find(|(name, _)| name == "code")
            .unwrap()
            .1
            .into_owned();
        let tokens: Value = http()
            .post(provider.base_url().join("oidc/token").unwrap())
            .form(&[
                ("code", code.as_str()),
                ("code_verifier", VERIFIER),
                ("redirect_uri", BACK),
                ("client_id", CLIENT),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let payload = tokens["id_token"]
            .as_str()
            .unwrap()
            .split('.')
            .nth(1)
            .unwrap();
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
    }

    #[tokio::test]
    async fn a_plain_sign_in_is_one_step_and_asserts_no_second_factor() {
        let provider = provider().await;
        let back = sign_in(&provider, None).await;
        assert_eq!(back.status(), 302);
        let claims = claims_after(&provider, &back).await;
        assert_eq!(claims["email"], "pat@example.com");
        assert!(claims.get("amr").is_none(), "{claims}");
    }

    #[tokio::test]
    async fn a_sign_in_asking_for_more_takes_the_fixed_code_and_asserts_it() {
        let provider = provider().await;
        let code_page = sign_in(&provider, Some("mfa")).await;
        assert_eq!(code_page.status(), 200, "the code step, not the way back");
        let page = code_page.text().await.unwrap();
        assert!(page.contains(ONE_TIME_CODE), "the page says the code");
        let step = provider.base_url().join("oidc/second-factor").unwrap();
        let mut fields = hidden(&page);
        fields.push(("code".into(), "000000".into()));
        let wrong = http()
            .post(step.clone())
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 400, "a wrong code signs nobody in");
        fields.pop();
        fields.push(("code".into(), ONE_TIME_CODE.into()));
        let back = http().post(step).form(&fields).send().await.unwrap();
        assert_eq!(back.status(), 302);
        let claims = claims_after(&provider, &back).await;
        assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
        assert_eq!(claims["acr"], SECOND_FACTOR_ACR);
        assert!(claims["auth_time"].is_u64());
        assert_eq!(
            claims["nonce"], "no",
            "the sign-in's nonce survives the step"
        );
    }
}
