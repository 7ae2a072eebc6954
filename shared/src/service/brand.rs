//! A workspace's brand: the name its emails go out under, its logo, its accent colour
//! and the language its clients' emails are written in by default. Set by the host
//! (provisioning) or by the workspace's owner or admin (the brand page); either way
//! through [`parse_brand`], so the two cannot disagree on what a brand may be.
//!
//! A logo is fetched once when it is set, with the functions' one HTTP client: it must
//! answer directly (no redirect) with a PNG, JPEG, WebP or GIF of at most 256 KB, so
//! no workspace can put an SVG with scripts, a page or a huge download on its clients'
//! pages. Pages then allow images from the logo's origin only (see `web::render`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::acting::authorize_admin;
use crate::auth::Caller;
use crate::domain::{
    check_logo_image, AccentColour, Change, DisplayName, LogoRefusal, LogoUrl, UnusableColour,
    What, Who, Workspace, WorkspaceId, MAX_LOGO_BYTES,
};
use crate::error::AppError;
use crate::lang::Lang;
use crate::state::AppState;
use crate::store::{BrandFields, Guarded, Reads};

/// A logo that takes longer than this to fetch would also be slow on every page.
const LOGO_FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// A brand as the API and the brand page send it: each field optional (absent: the
/// default, i.e. the workspace's name, no logo, the product's accent, English).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct BrandSettings {
    pub display_name: Option<String>,
    pub logo_url: Option<String>,
    pub accent_colour: Option<String>,
    pub language: Option<String>,
}

/// A workspace's brand as the API and the brand page show it.
#[derive(Debug, Clone, Serialize)]
pub struct BrandView {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent_colour: Option<String>,
    pub language: Lang,
}

impl BrandView {
    pub fn of(workspace: &Workspace) -> Self {
        Self {
            name: workspace.name.to_string(),
            display_name: workspace.display_name.as_ref().map(ToString::to_string),
            logo_url: workspace
                .logo_url
                .as_ref()
                .map(|logo| logo.as_str().to_owned()),
            accent_colour: workspace.accent_colour.map(|colour| colour.to_string()),
            language: workspace.language,
        }
    }
}

/// Parses a brand, fetching its logo to check it unless it is `current` (a logo already
/// checked when it was set).
pub(crate) async fn parse_brand(
    state: &AppState,
    settings: &BrandSettings,
    current: Option<&LogoUrl>,
) -> Result<BrandFields, AppError> {
    let display_name = settings
        .display_name
        .as_deref()
        .map(DisplayName::parse)
        .transpose()
        .map_err(|error| AppError::InvalidBody(format!("display_name: {error}")))?;
    let accent_colour = settings
        .accent_colour
        .as_deref()
        .map(AccentColour::parse_readable)
        .transpose()
        .map_err(|error| match error {
            UnusableColour::Unparsable => AppError::InvalidBody(format!("accent_colour: {error}")),
            UnusableColour::LowContrast { ratio, against } => AppError::AccentColourLowContrast {
                colour: settings.accent_colour.clone().unwrap_or_default(),
                ratio: format!("{ratio:.2}"),
                against,
            },
        })?;
    let language = super::invitations::language_or(settings.language.as_deref(), Lang::En)?;
    let logo_url = match settings.logo_url.as_deref() {
        None => None,
        Some(raw) => {
            let parsed = if state.config.loopback_logos {
                LogoUrl::parse_allowing_loopback(raw)
            } else {
                LogoUrl::parse(raw)
            }
            .map_err(|error| AppError::InvalidBody(format!("logo_url: {error}")))?;
            if current != Some(&parsed) {
                check_logo(state, &parsed).await?;
            }
            Some(parsed)
        }
    };
    Ok(BrandFields {
        display_name,
        logo_url,
        accent_colour,
        language,
    })
}

/// Fetches the logo once and checks what it is: reads at most one byte past the limit,
/// whatever the server says of its length.
async fn check_logo(state: &AppState, logo: &LogoUrl) -> Result<(), AppError> {
    let unreachable = |why: String| AppError::LogoUnreachable(why);
    if names_a_private_address(logo) && !state.config.loopback_logos {
        return Err(unreachable("it names a private address".to_owned()));
    }
    // Locally (and in tests) logos are served from this machine, which the public-only
    // client would rightly refuse.
    let client = if state.config.loopback_logos {
        state.http.client()
    } else {
        state.http.public_only_client()
    };
    let mut response = client
        .get(logo.as_str())
        .header(
            reqwest::header::ACCEPT,
            "image/png, image/jpeg, image/webp, image/gif",
        )
        .timeout(LOGO_FETCH_TIMEOUT)
        .send()
        .await
        .map_err(|error| {
            unreachable(if error.is_timeout() {
                "it took too long to answer".to_owned()
            } else {
                "its server could not be reached".to_owned()
            })
        })?;
    let status = response.status();
    if !status.is_success() {
        return Err(unreachable(format!("it answered HTTP {}", status.as_u16())));
    }
    if response
        .content_length()
        .is_some_and(|length| length > MAX_LOGO_BYTES as u64)
    {
        return Err(logo_refused(LogoRefusal::TooLarge));
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|_| unreachable("its answer broke off".to_owned()))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_LOGO_BYTES {
            break;
        }
    }
    check_logo_image(content_type.as_deref(), &bytes).map_err(logo_refused)
}

/// Whether the logo's host is an IP address that is not on the public internet
/// (loopback, private, link-local, unspecified…) or a name of this machine: the
/// functions would fetch it from inside the deployment's network, for a caller who must
/// not learn what is there. A public name that resolves inside is refused by the
/// fetching client itself ([`crate::net::Http::public_only_client`]).
fn names_a_private_address(logo: &LogoUrl) -> bool {
    let Ok(url) = url::Url::parse(logo.as_str()) else {
        return true;
    };
    match url.host() {
        Some(url::Host::Ipv4(ip)) => !crate::net::is_public(ip.into()),
        Some(url::Host::Ipv6(ip)) => !crate::net::is_public(ip.into()),
        Some(url::Host::Domain(name)) => name == "localhost" || name.ends_with(".localhost"),
        None => true,
    }
}

fn logo_refused(refusal: LogoRefusal) -> AppError {
    match refusal {
        LogoRefusal::NotAnImage { found } => AppError::LogoNotAnImage { found },
        LogoRefusal::TooLarge => AppError::LogoTooLarge {
            max_kb: (MAX_LOGO_BYTES / 1024) as u32,
        },
    }
}

/// The brand of a workspace its owner or admin manages.
pub async fn brand(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<BrandView, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    Ok(BrandView::of(&admin.workspace.workspace))
}

/// Sets the brand of a workspace its owner or admin manages (recorded as
/// `workspace.brand_changed`); the logo is fetched and checked when it changed.
pub async fn set_brand(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    settings: BrandSettings,
) -> Result<BrandView, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let workspace = admin.workspace.workspace;
    let fields = parse_brand(state, &settings, workspace.logo_url.as_ref()).await?;
    let change = Change::new(
        workspace_id,
        state.clock.now(),
        Who::person(&caller.user_id),
        What::WorkspaceBrandChanged {
            display_name: fields.display_name.clone(),
            logo_url: fields.logo_url.clone(),
            accent_colour: fields.accent_colour,
            language: fields.language,
        },
    );
    if state
        .store
        .set_brand(workspace_id, &fields, &[change])
        .await?
        == Guarded::Refused
    {
        return Err(AppError::WorkspaceNotFound);
    }
    tracing::info!(
        logo = fields.logo_url.is_some(),
        accent = fields.accent_colour.is_some(),
        language = fields.language.tag(),
        "workspace brand set"
    );
    Ok(BrandView::of(&Workspace {
        display_name: fields.display_name,
        logo_url: fields.logo_url,
        accent_colour: fields.accent_colour,
        language: fields.language,
        ..workspace
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_on_a_private_address_is_not_fetched() {
        for private in [
            "https://127.0.0.1/logo.png",
            "https://10.0.0.8/logo.png",
            "https://169.254.169.254/latest/meta-data",
            "https://192.168.1.1/logo.png",
            "https://100.64.0.1/logo.png",
            "https://[::1]/logo.png",
            "https://[fd00::1]/logo.png",
            "https://[::ffff:10.0.0.1]/logo.png",
            "https://localhost/logo.png",
        ] {
            let logo = LogoUrl::parse(private).unwrap();
            assert!(names_a_private_address(&logo), "{private}");
        }
        for public in [
            "https://cdn.acme.example/logo.png",
            "https://8.8.8.8/logo.png",
        ] {
            let logo = LogoUrl::parse(public).unwrap();
            assert!(!names_a_private_address(&logo), "{public}");
        }
    }
}
