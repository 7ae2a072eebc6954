//! What each platform's OAuth looks like: endpoints, scopes and the quirks the real
//! platforms have. Endpoints can all be redirected to a local provider by
//! configuration (`OAUTH_PROVIDER_BASE_URL`), which then serves
//! `<base>/<platform>/{authorize,token,profile,revoke,long-lived}`.

use url::Url;

use crate::domain::Platform;

/// How the client authenticates at the token and revoke endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body.
    FormBody,
    /// HTTP Basic (X's confidential clients).
    BasicHeader,
}

/// Where to find the account in the profile response (JSON pointers).
#[derive(Debug, Clone, Copy)]
pub struct ProfileShape {
    pub id: &'static str,
    pub name: &'static str,
    pub avatar: &'static str,
    /// Facebook: a Page connection publishes with the Page's own token, found here.
    pub page_token: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct Endpoints {
    pub authorize: Url,
    pub token: Url,
    pub profile: Url,
    pub revoke: Option<Url>,
    /// Instagram Login: exchanges the short-lived token for a long-lived one.
    pub long_lived: Option<Url>,
}

#[derive(Debug, Clone)]
pub struct PlatformSpec {
    pub platform: Platform,
    pub endpoints: Endpoints,
    pub scopes: &'static [&'static str],
    /// Joins scopes in the authorize URL: most use a space, Meta and TikTok a comma.
    pub scope_separator: &'static str,
    pub pkce: bool,
    pub client_auth: ClientAuth,
    /// TikTok calls the client id `client_key`, in the authorize URL and token form.
    pub client_id_param: &'static str,
    pub extra_authorize_params: &'static [(&'static str, &'static str)],
    pub profile: ProfileShape,
}

fn url(raw: &str) -> Url {
    // The registry's literals are checked by `every_builtin_endpoint_parses`.
    Url::parse(raw).unwrap_or_else(|_| Url::parse("https://invalid.invalid/").expect("literal"))
}

impl PlatformSpec {
    /// The real platform's OAuth, or the local provider's when `local_base` is given.
    pub fn for_platform(platform: Platform, local_base: Option<&Url>) -> Self {
        let mut spec = builtin(platform);
        if let Some(base) = local_base {
            let at = |path: &str| {
                let mut endpoint = base.clone();
                let prefix = base.path().trim_end_matches('/');
                endpoint.set_path(&format!("{prefix}/{}/{path}", platform.as_str()));
                endpoint
            };
            spec.endpoints = Endpoints {
                authorize: at("authorize"),
                token: at("token"),
                profile: at("profile"),
                revoke: spec.endpoints.revoke.as_ref().map(|_| at("revoke")),
                long_lived: spec.endpoints.long_lived.as_ref().map(|_| at("long-lived")),
            };
        }
        spec
    }

    pub fn scope_parameter(&self) -> String {
        self.scopes.join(self.scope_separator)
    }
}

fn builtin(platform: Platform) -> PlatformSpec {
    match platform {
        Platform::Youtube => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://accounts.google.com/o/oauth2/v2/auth"),
                token: url("https://oauth2.googleapis.com/token"),
                profile: url("https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true"),
                revoke: Some(url("https://oauth2.googleapis.com/revoke")),
                long_lived: None,
            },
            scopes: &[
                "https://www.googleapis.com/auth/youtube.upload",
                "https://www.googleapis.com/auth/youtube.readonly",
            ],
            scope_separator: " ",
            pkce: true,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            // Without both, Google returns no refresh token on a repeat consent.
            extra_authorize_params: &[("access_type", "offline"), ("prompt", "consent")],
            profile: ProfileShape {
                id: "/items/0/id",
                name: "/items/0/snippet/title",
                avatar: "/items/0/snippet/thumbnails/default/url",
                page_token: None,
            },
        },
        Platform::Tiktok => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.tiktok.com/v2/auth/authorize/"),
                token: url("https://open.tiktokapis.com/v2/oauth/token/"),
                profile: url("https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name,avatar_url"),
                revoke: Some(url("https://open.tiktokapis.com/v2/oauth/revoke/")),
                long_lived: None,
            },
            scopes: &["user.info.basic", "video.upload", "video.publish"],
            scope_separator: ",",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_key",
            extra_authorize_params: &[],
            profile: ProfileShape {
                id: "/data/user/open_id",
                name: "/data/user/display_name",
                avatar: "/data/user/avatar_url",
                page_token: None,
            },
        },
        Platform::Instagram => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.instagram.com/oauth/authorize"),
                token: url("https://api.instagram.com/oauth/access_token"),
                profile: url("https://graph.instagram.com/me?fields=user_id,username,profile_picture_url"),
                revoke: None,
                long_lived: Some(url("https://graph.instagram.com/access_token")),
            },
            scopes: &["instagram_business_basic", "instagram_business_content_publish"],
            scope_separator: ",",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                id: "/user_id",
                name: "/username",
                avatar: "/profile_picture_url",
                page_token: None,
            },
        },
        Platform::Facebook => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.facebook.com/v19.0/dialog/oauth"),
                token: url("https://graph.facebook.com/v19.0/oauth/access_token"),
                profile: url("https://graph.facebook.com/v19.0/me/accounts?fields=id,name,picture%7Burl%7D,access_token"),
                revoke: None,
                long_lived: None,
            },
            scopes: &["pages_show_list", "pages_manage_posts", "pages_read_engagement"],
            scope_separator: ",",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                id: "/data/0/id",
                name: "/data/0/name",
                avatar: "/data/0/picture/data/url",
                page_token: Some("/data/0/access_token"),
            },
        },
        Platform::Linkedin => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.linkedin.com/oauth/v2/authorization"),
                token: url("https://www.linkedin.com/oauth/v2/accessToken"),
                profile: url("https://api.linkedin.com/v2/userinfo"),
                revoke: Some(url("https://www.linkedin.com/oauth/v2/revoke")),
                long_lived: None,
            },
            scopes: &["openid", "profile", "w_member_social"],
            scope_separator: " ",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                id: "/sub",
                name: "/name",
                avatar: "/picture",
                page_token: None,
            },
        },
        Platform::X => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://x.com/i/oauth2/authorize"),
                token: url("https://api.x.com/2/oauth2/token"),
                profile: url("https://api.x.com/2/users/me?user.fields=profile_image_url"),
                revoke: Some(url("https://api.x.com/2/oauth2/revoke")),
                long_lived: None,
            },
            // `offline.access` is what makes X return a refresh token.
            scopes: &["tweet.read", "tweet.write", "users.read", "offline.access"],
            scope_separator: " ",
            pkce: true,
            client_auth: ClientAuth::BasicHeader,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                id: "/data/id",
                name: "/data/username",
                avatar: "/data/profile_image_url",
                page_token: None,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_endpoint_parses() {
        for platform in Platform::ALL {
            let spec = builtin(platform);
            assert_ne!(spec.endpoints.authorize.host_str(), Some("invalid.invalid"));
            assert_ne!(spec.endpoints.token.host_str(), Some("invalid.invalid"));
            assert_ne!(spec.endpoints.profile.host_str(), Some("invalid.invalid"));
        }
    }

    #[test]
    fn the_platform_quirks_are_encoded() {
        let tiktok = builtin(Platform::Tiktok);
        assert_eq!(tiktok.client_id_param, "client_key");
        assert_eq!(
            tiktok.scope_parameter(),
            "user.info.basic,video.upload,video.publish"
        );
        let youtube = builtin(Platform::Youtube);
        assert!(youtube
            .extra_authorize_params
            .contains(&("access_type", "offline")));
        assert!(youtube
            .extra_authorize_params
            .contains(&("prompt", "consent")));
        let x = builtin(Platform::X);
        assert!(x.pkce && x.scopes.contains(&"offline.access"));
        assert!(builtin(Platform::Instagram).endpoints.long_lived.is_some());
        assert!(builtin(Platform::Facebook).profile.page_token.is_some());
    }

    #[test]
    fn a_local_provider_replaces_every_endpoint_of_a_platform() {
        let base = Url::parse("http://127.0.0.1:9200/").unwrap();
        let spec = PlatformSpec::for_platform(Platform::Instagram, Some(&base));
        assert_eq!(
            spec.endpoints.token.as_str(),
            "http://127.0.0.1:9200/instagram/token"
        );
        assert_eq!(
            spec.endpoints.long_lived.unwrap().as_str(),
            "http://127.0.0.1:9200/instagram/long-lived"
        );
        assert!(
            spec.endpoints.revoke.is_none(),
            "no revoke where the platform has none"
        );
    }
}
