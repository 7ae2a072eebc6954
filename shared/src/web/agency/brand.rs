//! The workspace's brand: the name its emails go out under, its logo, its accent colour
//! and the language its clients' emails are written in unless an invitation chooses.

use lambda_http::http::StatusCode;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{done, filled, nav, notice_of, opened, pressed, refused_page, said_on_the_page};
use super::{AgencyQuery, Button, Page, BRAND_PAGE};
use crate::domain::{Session, WorkspaceId};
use crate::lang::Lang;
use crate::service::brand::{self, BrandSettings, BrandView};
use crate::state::AppState;
use crate::web::session::respond;
use crate::web::{problem_detail, render, Notice};

/// The brand form, as typed (an empty field: back to its default).
#[derive(Debug, Deserialize)]
pub struct BrandForm {
    #[serde(flatten)]
    button: Button,
    #[serde(default, deserialize_with = "filled")]
    display_name: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    logo_url: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    accent_colour: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    language: Option<String>,
}

impl BrandForm {
    fn settings(&self) -> BrandSettings {
        BrandSettings {
            display_name: self.display_name.clone(),
            logo_url: self.logo_url.clone(),
            accent_colour: self.accent_colour.clone(),
            language: self.language.clone(),
        }
    }
}

/// One language a select offers, in its own name.
#[derive(Debug, Serialize)]
pub struct LanguageChoice {
    pub tag: &'static str,
    pub name: String,
    pub selected: bool,
}

/// Every language emails are written in, `chosen` (a tag) selected.
pub fn language_choices(chosen: &str) -> Vec<LanguageChoice> {
    Lang::ALL
        .iter()
        .map(|lang| LanguageChoice {
            tag: lang.tag(),
            name: lang.to_string(),
            selected: lang.tag() == chosen,
        })
        .collect()
}

/// `GET /workspace/brand`: the brand form.
pub async fn page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) = opened(state, &query, cookies, BRAND_PAGE).await?;
            let notice = notice_of(query.notice.as_deref());
            let shown = match brand::brand(state, &session.caller(), &workspace).await {
                Ok(view) => view,
                Err(error) => return Ok(refused_page(error)?),
            };
            Ok(render_page(
                state,
                &session,
                &workspace,
                &shown,
                &shown,
                notice,
                StatusCode::OK,
            )?)
        }
        .await,
    )
}

/// The page in the workspace's `current` look (checked values only: a refused colour
/// never reaches the page's style), its form filled with `form`.
fn render_page(
    state: &AppState,
    session: &Session,
    workspace_id: &WorkspaceId,
    current: &BrandView,
    form: &BrandView,
    notice: Option<Notice>,
    status: StatusCode,
) -> Page {
    let example = crate::tr!(
        "brand-from-name",
        agency = current
            .display_name
            .clone()
            .unwrap_or_else(|| current.name.clone()),
        product = crate::web::product_name(),
    );
    render(
        "agency_brand.html",
        context! {
            workspace_name => current.name.as_str(),
            logo_url => current.logo_url.as_deref(),
            accent => current.accent_colour.as_deref(),
            workspace_id => workspace_id.as_str(),
            section => "brand",
            nav => nav(state, workspace_id),
            notice,
            brand => form,
            example,
            language_choices => language_choices(form.language.tag()),
            csrf => session.csrf.as_str(),
            base_path => state.config.base_path(),
        },
    )?
    .respond(status, &[])
}

/// `POST /workspace/brand`: saves the brand; a refusal (a colour too light, a logo
/// that is not a small image) is said on the page with the form as typed.
pub async fn form(state: &AppState, form: BrandForm, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) = pressed(state, cookies, &form.button, BRAND_PAGE).await?;
            let caller = session.caller();
            match brand::set_brand(state, &caller, &workspace, form.settings()).await {
                Ok(_) => Ok(done(state, BRAND_PAGE, &workspace, "brand-saved")?),
                Err(error) if !said_on_the_page(&error) => Ok(refused_page(error)?),
                Err(error) => {
                    let status = error.status();
                    let notice = Some(Notice::bad(problem_detail(&error)));
                    let current = match brand::brand(state, &caller, &workspace).await {
                        Ok(view) => view,
                        Err(error) => return Ok(refused_page(error)?),
                    };
                    // The form as typed, on the workspace's current look.
                    let typed = BrandView {
                        display_name: form.display_name.clone(),
                        logo_url: form.logo_url.clone(),
                        accent_colour: form.accent_colour.clone(),
                        language: form
                            .language
                            .as_deref()
                            .and_then(|tag| tag.parse().ok())
                            .unwrap_or(current.language),
                        ..current.clone()
                    };
                    Ok(render_page(
                        state, &session, &workspace, &current, &typed, notice, status,
                    )?)
                }
            }
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_select_offers_every_language_in_its_own_name() {
        let choices = language_choices("fr");
        assert_eq!(choices.len(), Lang::ALL.len());
        let french = choices.iter().find(|choice| choice.selected).unwrap();
        assert_eq!((french.tag, french.name.as_str()), ("fr", "Français"));
    }
}
