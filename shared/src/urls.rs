//! Every public address the product hands out, built in one place from the configured
//! origins (never from a request's Host header): links in emails and API answers, the
//! OAuth redirect URI each platform app registers, and our pages.

use url::Url;

use crate::config::Config;
use crate::domain::Platform;

impl Config {
    /// A page of ours: `<public base>/<path>` (`path` may carry a query).
    pub fn page_url(&self, path_and_query: &str) -> Url {
        let mut url = self.public_base_url.clone();
        let (path, query) = path_and_query
            .split_once('?')
            .map_or((path_and_query, None), |(path, query)| (path, Some(query)));
        let prefix = self.public_base_url.path().trim_end_matches('/');
        url.set_path(&format!("{prefix}{path}"));
        url.set_query(query);
        url
    }

    /// A page with one secret in its query, e.g. `/invite?token=…`.
    pub fn link_with_secret(&self, path: &str, name: &str, secret: &str) -> Url {
        let mut url = self.page_url(path);
        url.query_pairs_mut().append_pair(name, secret);
        url
    }

    /// The exact redirect URI registered with each platform:
    /// `<api base>/oauth/callback/<platform>`.
    pub fn oauth_callback_url(&self, platform: Platform) -> Url {
        let mut url = self.oauth.api_base_url.clone();
        let prefix = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{prefix}/oauth/callback/{}", platform.as_str()));
        url.set_query(None);
        url
    }

    /// The path prefix every page and cookie lives under (`""` at the origin's root).
    pub fn base_path(&self) -> &str {
        self.public_base_url.path().trim_end_matches('/')
    }

    /// Cookies are `Secure` whenever the pages are served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.scheme() == "https"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(public: &str, api: &str) -> Config {
        let mut config = Config::for_tests();
        config.public_base_url = Url::parse(public).unwrap();
        config.oauth.api_base_url = Url::parse(api).unwrap();
        config
    }

    #[test]
    fn links_are_built_from_the_configured_origin_and_path() {
        let config = config("https://clients.agency.example/app/", "https://api.example");
        let link = config.link_with_secret("/invite", "token", "a+b/c");
        assert_eq!(
            link.as_str(),
            "https://clients.agency.example/app/invite?token=a%2Bb%2Fc"
        );
        assert_eq!(
            config.page_url("/connect?workspace=w").as_str(),
            "https://clients.agency.example/app/connect?workspace=w"
        );
        assert_eq!(config.base_path(), "/app");
    }

    #[test]
    fn the_oauth_redirect_uri_is_exact_and_per_platform() {
        let config = config("https://clients.example", "https://api.example/v1/");
        assert_eq!(
            config.oauth_callback_url(Platform::Tiktok).as_str(),
            "https://api.example/v1/oauth/callback/tiktok"
        );
    }
}
