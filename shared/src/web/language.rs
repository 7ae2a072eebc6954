//! Which language a page is answered in, and the menu that changes it.
//!
//! The reader's choice comes first: `?lang=` (a menu link; remembered in a cookie from
//! then on), then that cookie, then the browser's `Accept-Language`, then English. The
//! menu links back to the same page (its own query kept) in each other language; a page
//! answering a form (a POST) has no address to link back to, so it shows no menu.

use lambda_http::http::Method;
use lambda_http::{Body, Request, RequestExt, Response};

use super::{cookie_header, language_cookie};
use crate::config::Config;
use crate::error::AppError;
use crate::lang::{self, Lang};

tokio::task_local! {
    /// The menu of the page being answered.
    static MENU: Vec<MenuEntry>;
}

/// One language in a page's menu: its own name, its tag (for `lang` and `hreflang`)
/// and the link to this page in it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MenuEntry {
    pub name: String,
    pub tag: &'static str,
    pub href: String,
    pub current: bool,
}

/// What a request asks for, in order of precedence; and whether it chose just now.
fn chosen(config: &Config, request: &Request) -> (Lang, bool) {
    let asked = request
        .query_string_parameters_ref()
        .and_then(|query| query.first("lang"))
        .and_then(|tag| tag.parse::<Lang>().ok());
    if let Some(lang) = asked {
        return (lang, true);
    }
    let cookies = cookie_header(request);
    let remembered = language_cookie(config, "")
        .read_from(cookies.as_deref())
        .and_then(|tag| tag.parse::<Lang>().ok());
    let browser = || {
        request
            .headers()
            .get(lambda_http::http::header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .and_then(Lang::from_accept_language)
    };
    (remembered.or_else(browser).unwrap_or_default(), false)
}

/// The menu: this page (same path, same query but `lang`) in each language.
fn menu_for(request: &Request, current: Lang) -> Vec<MenuEntry> {
    if request.method() != Method::GET {
        return Vec::new();
    }
    let kept: Vec<(String, String)> = request
        .query_string_parameters_ref()
        .map(|query| {
            query
                .iter()
                // A sign-in's one-time code and state would be replayed by a menu link.
                .filter(|(name, _)| !matches!(*name, "lang" | "code" | "state"))
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    Lang::ALL
        .iter()
        .map(|&lang| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            query.extend_pairs(&kept);
            query.append_pair("lang", lang.tag());
            MenuEntry {
                name: lang.to_string(),
                tag: lang.tag(),
                href: format!("?{}", query.finish()),
                current: lang == current,
            }
        })
        .collect()
}

/// Answers a page request in its reader's language: `work` runs with that language as
/// [`lang::current`] and the menu as [`menu`]; a language chosen from the menu is
/// remembered on the answer.
pub async fn answering<F>(
    config: &Config,
    request: &Request,
    work: F,
) -> Result<Response<Body>, AppError>
where
    F: std::future::Future<Output = Result<Response<Body>, AppError>>,
{
    let (lang, just_chosen) = chosen(config, request);
    let menu = menu_for(request, lang);
    let mut answer = MENU.scope(menu, lang::speaking(lang, work)).await?;
    if just_chosen {
        language_cookie(config, lang.tag()).set_on(&mut answer)?;
    }
    Ok(answer)
}

/// The menu of the page being answered; none outside a page request.
pub fn menu() -> Vec<MenuEntry> {
    MENU.try_with(Clone::clone).unwrap_or_default()
}
