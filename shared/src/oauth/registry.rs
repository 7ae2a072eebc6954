//! What each platform's OAuth looks like: endpoints, scopes and the quirks the real
//! platforms have, and how each keeps its access alive. Endpoints can all be redirected
//! to a local provider by configuration (`OAUTH_PROVIDER_BASE_URL`), which then serves
//! `<base>/<platform>/{authorize,token,profile,revoke,long-lived,refresh,health}` (and
//! Facebook's `me/permissions`).

use url::Url;

use crate::config::PlatformOptions;
use crate::domain::Platform;

/// How the client authenticates at the token and revoke endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body.
    FormBody,
    /// HTTP Basic (X's confidential clients).
    BasicHeader,
}

/// Where to find the accounts in the profile response (JSON pointers).
#[derive(Debug, Clone, Copy)]
pub struct ProfileShape {
    /// Where the profile lists several accounts one consent brings (Facebook's Pages,
    /// YouTube's channels); the other pointers are then relative to each item.
    pub list: Option<&'static str>,
    pub id: &'static str,
    pub name: &'static str,
    pub avatar: &'static str,
    /// Facebook: a Page connection publishes with the Page's own token, found here.
    pub page_token: Option<&'static str>,
    /// Facebook: what the person may do on the Page (`CREATE_CONTENT` to publish).
    pub tasks: Option<&'static str>,
}

/// LinkedIn's Community Management API: the organisation Pages the member administers,
/// read with the `Linkedin-Version` header it requires.
#[derive(Debug, Clone)]
pub struct Organizations {
    pub url: Url,
    /// `YYYYMM`, as LinkedIn's versioned APIs take it.
    pub version: String,
}

/// A short-lived token traded for a long-lived one right after the code exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongLived {
    /// Instagram Login: `GET /access_token?grant_type=ig_exchange_token` (60 days).
    Instagram,
    /// Facebook Login: `GET /oauth/access_token?grant_type=fb_exchange_token`; Page tokens
    /// read with the long-lived user token never expire.
    Facebook,
}

/// How a platform renews access without the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewalKind {
    /// The refresh-token grant, when the platform gave a refresh token.
    RefreshGrant,
    /// Instagram: `GET /refresh_access_token?grant_type=ig_refresh_token`.
    InstagramRefresh,
    /// Nothing (Facebook Page tokens do not expire).
    None,
}

#[derive(Debug, Clone)]
pub struct Endpoints {
    pub authorize: Url,
    pub token: Url,
    pub profile: Url,
    /// A cheap call that answers 401 once access was withdrawn.
    pub health: Url,
    pub revoke: Option<Url>,
    pub long_lived: Option<Url>,
    pub refresh: Option<Url>,
    /// Facebook, whose token response says nothing of what was granted: the Graph API's
    /// `me/permissions`, each permission asked for `granted` or `declined`.
    pub permissions: Option<Url>,
}

/// A scope the product needs, and what the agency loses without it (shown to people
/// when a consent grants less).
#[derive(Debug, Clone, Copy)]
pub struct Needed {
    pub scope: &'static str,
    /// The catalog message that says what the scope allows, in the reader's language
    /// ("uploading videos"): `scope-<platform>-<scope>`, the scope's punctuation as
    /// hyphens.
    pub words: &'static str,
}

#[derive(Debug, Clone)]
pub struct PlatformSpec {
    pub platform: Platform,
    pub endpoints: Endpoints,
    pub scopes: &'static [Needed],
    /// Joins scopes in the authorize URL: most use a space, Meta and TikTok a comma.
    pub scope_separator: &'static str,
    pub pkce: bool,
    pub client_auth: ClientAuth,
    /// TikTok calls the client id `client_key`, in the authorize URL and token form.
    pub client_id_param: &'static str,
    pub extra_authorize_params: &'static [(&'static str, &'static str)],
    pub profile: ProfileShape,
    pub long_lived: Option<LongLived>,
    pub renewal: RenewalKind,
    /// Whether a refresh spends the refresh token and returns a new one (X, TikTok): a
    /// refresh that may have reached the platform is then never sent again with the old
    /// one, which the platform would refuse as `invalid_grant`.
    pub rotates_refresh_token: bool,
    /// LinkedIn with the Community Management API: its organisation Pages too.
    pub organizations: Option<Organizations>,
    /// Facebook Login for Business: the configuration the consent uses, instead of
    /// scopes.
    pub config_id: Option<String>,
}

/// LinkedIn's scopes when organisation Pages may be connected too.
const LINKEDIN_WITH_ORGANIZATIONS: &[Needed] = &[
    Needed {
        scope: "openid",
        words: "scope-linkedin-openid",
    },
    Needed {
        scope: "profile",
        words: "scope-linkedin-profile",
    },
    Needed {
        scope: "w_member_social",
        words: "scope-linkedin-w-member-social",
    },
    Needed {
        scope: "r_organization_admin",
        words: "scope-linkedin-r-organization-admin",
    },
    Needed {
        scope: "w_organization_social",
        words: "scope-linkedin-w-organization-social",
    },
];

fn url(raw: &str) -> Url {
    // The registry's literals are checked by `every_builtin_endpoint_parses`.
    Url::parse(raw).unwrap_or_else(|_| Url::parse("https://invalid.invalid/").expect("literal"))
}

impl PlatformSpec {
    /// The real platform's OAuth, or the local provider's when the options name one.
    pub fn for_platform(platform: Platform, options: &PlatformOptions) -> Self {
        let mut spec = builtin(platform, &options.graph_api_version);
        match platform {
            Platform::Facebook => spec.config_id = options.facebook_config_id.clone(),
            Platform::Linkedin if options.linkedin_organizations => {
                spec.scopes = LINKEDIN_WITH_ORGANIZATIONS;
                spec.organizations = Some(Organizations {
                    url: url("https://api.linkedin.com/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&projection=(elements*(organization~(localizedName)))"),
                    version: options.linkedin_version.clone(),
                });
            }
            _ => {}
        }
        if let Some(base) = &options.local_provider {
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
                health: at("health"),
                revoke: spec.endpoints.revoke.as_ref().map(|_| at("revoke")),
                long_lived: spec.endpoints.long_lived.as_ref().map(|_| at("long-lived")),
                refresh: spec.endpoints.refresh.as_ref().map(|_| at("refresh")),
                permissions: spec
                    .endpoints
                    .permissions
                    .as_ref()
                    .map(|_| at("me/permissions")),
            };
            if let Some(organizations) = &mut spec.organizations {
                organizations.url = at("organizations");
            }
        }
        spec
    }

    pub fn scope_parameter(&self) -> String {
        self.scopes
            .iter()
            .map(|needed| needed.scope)
            .collect::<Vec<_>>()
            .join(self.scope_separator)
    }

    /// What a consent that granted `granted` cannot do; empty when all is there, or
    /// when the platform does not say what it granted.
    pub fn missing(&self, granted: Option<&[String]>) -> Vec<Needed> {
        let Some(granted) = granted else {
            return Vec::new();
        };
        self.scopes
            .iter()
            .filter(|needed| !granted.iter().any(|scope| scope == needed.scope))
            .copied()
            .collect()
    }
}

fn builtin(platform: Platform, graph: &str) -> PlatformSpec {
    match platform {
        Platform::Youtube => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://accounts.google.com/o/oauth2/v2/auth"),
                token: url("https://oauth2.googleapis.com/token"),
                profile: url("https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true"),
                health: url("https://www.googleapis.com/youtube/v3/channels?part=id&mine=true"),
                revoke: Some(url("https://oauth2.googleapis.com/revoke")),
                long_lived: None,
                refresh: None,
                permissions: None,
            },
            scopes: &[
                Needed { scope: "https://www.googleapis.com/auth/youtube.upload", words: "scope-youtube-upload" },
                Needed { scope: "https://www.googleapis.com/auth/youtube.readonly", words: "scope-youtube-readonly" },
            ],
            scope_separator: " ",
            pkce: true,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            // Without both, Google returns no refresh token on a repeat consent.
            extra_authorize_params: &[("access_type", "offline"), ("prompt", "consent")],
            profile: ProfileShape {
                list: Some("/items"),
                id: "/id",
                name: "/snippet/title",
                avatar: "/snippet/thumbnails/default/url",
                page_token: None,
                tasks: None,
            },
            long_lived: None,
            rotates_refresh_token: false,
            renewal: RenewalKind::RefreshGrant,
            organizations: None,
            config_id: None,
        },
        Platform::Tiktok => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.tiktok.com/v2/auth/authorize/"),
                token: url("https://open.tiktokapis.com/v2/oauth/token/"),
                profile: url("https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name,avatar_url"),
                health: url("https://open.tiktokapis.com/v2/user/info/?fields=open_id"),
                revoke: Some(url("https://open.tiktokapis.com/v2/oauth/revoke/")),
                long_lived: None,
                refresh: None,
                permissions: None,
            },
            scopes: &[
                Needed { scope: "user.info.basic", words: "scope-tiktok-user-info-basic" },
                Needed { scope: "video.upload", words: "scope-tiktok-video-upload" },
                Needed { scope: "video.publish", words: "scope-tiktok-video-publish" },
            ],
            scope_separator: ",",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_key",
            extra_authorize_params: &[],
            profile: ProfileShape {
                list: None,
                id: "/data/user/open_id",
                name: "/data/user/display_name",
                avatar: "/data/user/avatar_url",
                page_token: None,
                tasks: None,
            },
            long_lived: None,
            rotates_refresh_token: true,
            renewal: RenewalKind::RefreshGrant,
            organizations: None,
            config_id: None,
        },
        Platform::Instagram => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.instagram.com/oauth/authorize"),
                token: url("https://api.instagram.com/oauth/access_token"),
                profile: url("https://graph.instagram.com/me?fields=user_id,username,profile_picture_url"),
                health: url("https://graph.instagram.com/me?fields=user_id"),
                revoke: None,
                long_lived: Some(url("https://graph.instagram.com/access_token")),
                refresh: Some(url("https://graph.instagram.com/refresh_access_token")),
                permissions: None,
            },
            scopes: &[
                Needed { scope: "instagram_business_basic", words: "scope-instagram-business-basic" },
                Needed { scope: "instagram_business_content_publish", words: "scope-instagram-business-content-publish" },
            ],
            scope_separator: ",",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                list: None,
                id: "/user_id",
                name: "/username",
                avatar: "/profile_picture_url",
                page_token: None,
                tasks: None,
            },
            long_lived: Some(LongLived::Instagram),
            rotates_refresh_token: false,
            renewal: RenewalKind::InstagramRefresh,
            organizations: None,
            config_id: None,
        },
        Platform::Facebook => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url(&format!("https://www.facebook.com/{graph}/dialog/oauth")),
                token: url(&format!("https://graph.facebook.com/{graph}/oauth/access_token")),
                profile: url(&format!(
                    "https://graph.facebook.com/{graph}/me/accounts?fields=id,name,picture%7Burl%7D,access_token,tasks"
                )),
                health: url(&format!("https://graph.facebook.com/{graph}/me?fields=id")),
                revoke: None,
                long_lived: Some(url(&format!("https://graph.facebook.com/{graph}/oauth/access_token"))),
                refresh: None,
                permissions: Some(url(&format!("https://graph.facebook.com/{graph}/me/permissions"))),
            },
            scopes: &[
                Needed { scope: "pages_show_list", words: "scope-facebook-pages-show-list" },
                Needed { scope: "pages_manage_posts", words: "scope-facebook-pages-manage-posts" },
                Needed { scope: "pages_read_engagement", words: "scope-facebook-pages-read-engagement" },
            ],
            scope_separator: ",",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                list: Some("/data"),
                id: "/id",
                name: "/name",
                avatar: "/picture/data/url",
                page_token: Some("/access_token"),
                tasks: Some("/tasks"),
            },
            long_lived: Some(LongLived::Facebook),
            rotates_refresh_token: false,
            renewal: RenewalKind::None,
            organizations: None,
            config_id: None,
        },
        Platform::Linkedin => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://www.linkedin.com/oauth/v2/authorization"),
                token: url("https://www.linkedin.com/oauth/v2/accessToken"),
                profile: url("https://api.linkedin.com/v2/userinfo"),
                health: url("https://api.linkedin.com/v2/userinfo"),
                revoke: Some(url("https://www.linkedin.com/oauth/v2/revoke")),
                long_lived: None,
                refresh: None,
                permissions: None,
            },
            scopes: &[
                Needed { scope: "openid", words: "scope-linkedin-openid" },
                Needed { scope: "profile", words: "scope-linkedin-profile" },
                Needed { scope: "w_member_social", words: "scope-linkedin-w-member-social" },
            ],
            scope_separator: " ",
            pkce: false,
            client_auth: ClientAuth::FormBody,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                list: None,
                id: "/sub",
                name: "/name",
                avatar: "/picture",
                page_token: None,
                tasks: None,
            },
            long_lived: None,
            // Only apps with programmatic refresh get a refresh token; without one the
            // 60-day token is all there is.
            rotates_refresh_token: false,
            renewal: RenewalKind::RefreshGrant,
            organizations: None,
            config_id: None,
        },
        Platform::X => PlatformSpec {
            platform,
            endpoints: Endpoints {
                authorize: url("https://x.com/i/oauth2/authorize"),
                token: url("https://api.x.com/2/oauth2/token"),
                profile: url("https://api.x.com/2/users/me?user.fields=profile_image_url"),
                health: url("https://api.x.com/2/users/me"),
                revoke: Some(url("https://api.x.com/2/oauth2/revoke")),
                long_lived: None,
                refresh: None,
                permissions: None,
            },
            scopes: &[
                Needed { scope: "tweet.read", words: "scope-x-tweet-read" },
                Needed { scope: "tweet.write", words: "scope-x-tweet-write" },
                Needed { scope: "users.read", words: "scope-x-users-read" },
                // What makes X return a refresh token.
                Needed { scope: "offline.access", words: "scope-x-offline-access" },
            ],
            scope_separator: " ",
            pkce: true,
            client_auth: ClientAuth::BasicHeader,
            client_id_param: "client_id",
            extra_authorize_params: &[],
            profile: ProfileShape {
                list: None,
                id: "/data/id",
                name: "/data/username",
                avatar: "/data/profile_image_url",
                page_token: None,
                tasks: None,
            },
            long_lived: None,
            rotates_refresh_token: true,
            renewal: RenewalKind::RefreshGrant,
            organizations: None,
            config_id: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DEFAULT_GRAPH_API_VERSION, DEFAULT_LINKEDIN_VERSION};

    fn spec(platform: Platform) -> PlatformSpec {
        builtin(platform, DEFAULT_GRAPH_API_VERSION)
    }

    #[test]
    fn every_builtin_endpoint_parses() {
        for platform in Platform::ALL {
            let spec = spec(platform);
            let endpoints = [
                Some(&spec.endpoints.authorize),
                Some(&spec.endpoints.token),
                Some(&spec.endpoints.profile),
                Some(&spec.endpoints.health),
                spec.endpoints.revoke.as_ref(),
                spec.endpoints.long_lived.as_ref(),
                spec.endpoints.refresh.as_ref(),
                spec.endpoints.permissions.as_ref(),
            ];
            for endpoint in endpoints.into_iter().flatten() {
                assert_ne!(endpoint.host_str(), Some("invalid.invalid"), "{platform:?}");
            }
        }
    }

    #[test]
    fn the_platform_quirks_are_encoded() {
        let tiktok = spec(Platform::Tiktok);
        assert_eq!(tiktok.client_id_param, "client_key");
        assert_eq!(
            tiktok.scope_parameter(),
            "user.info.basic,video.upload,video.publish"
        );
        let youtube = spec(Platform::Youtube);
        assert!(youtube
            .extra_authorize_params
            .contains(&("access_type", "offline")));
        assert!(youtube
            .extra_authorize_params
            .contains(&("prompt", "consent")));
        let x = spec(Platform::X);
        assert!(x.pkce && x.scope_parameter().contains("offline.access"));
        assert_eq!(
            spec(Platform::Instagram).long_lived,
            Some(LongLived::Instagram)
        );
        assert_eq!(
            spec(Platform::Instagram).renewal,
            RenewalKind::InstagramRefresh
        );
        assert_eq!(
            spec(Platform::Facebook).long_lived,
            Some(LongLived::Facebook)
        );
        assert!(spec(Platform::Facebook).profile.page_token.is_some());
        assert_eq!(spec(Platform::Facebook).profile.list, Some("/data"));
        assert_eq!(spec(Platform::Youtube).profile.list, Some("/items"));
    }

    #[test]
    fn linkedin_organisations_and_a_facebook_configuration_are_options() {
        let plain = PlatformOptions::default();
        let linkedin = PlatformSpec::for_platform(Platform::Linkedin, &plain);
        assert!(linkedin.organizations.is_none());
        assert!(!linkedin.scope_parameter().contains("r_organization_admin"));
        let options = PlatformOptions {
            linkedin_organizations: true,
            facebook_config_id: Some("1234".into()),
            ..PlatformOptions::default()
        };
        let linkedin = PlatformSpec::for_platform(Platform::Linkedin, &options);
        assert_eq!(
            linkedin
                .organizations
                .as_ref()
                .map(|orgs| orgs.version.as_str()),
            Some(DEFAULT_LINKEDIN_VERSION)
        );
        assert!(linkedin.scope_parameter().contains("w_organization_social"));
        let facebook = PlatformSpec::for_platform(Platform::Facebook, &options);
        assert_eq!(facebook.config_id.as_deref(), Some("1234"));
    }

    #[test]
    fn the_graph_api_version_is_configuration() {
        let facebook = builtin(Platform::Facebook, "v99.0");
        assert!(facebook.endpoints.token.path().starts_with("/v99.0/"));
        assert!(facebook.endpoints.authorize.path().starts_with("/v99.0/"));
    }

    #[test]
    fn a_consent_without_posting_says_that_posting_is_lost() {
        let x = spec(Platform::X);
        let granted: Vec<String> = ["tweet.read", "users.read", "offline.access"]
            .map(String::from)
            .to_vec();
        let missing: Vec<&str> = x
            .missing(Some(&granted))
            .iter()
            .map(|needed| needed.scope)
            .collect();
        assert_eq!(missing, ["tweet.write"]);
        assert!(
            x.missing(None).is_empty(),
            "a platform that does not say is not judged"
        );
    }

    #[test]
    fn a_local_provider_replaces_every_endpoint_of_a_platform() {
        let options = PlatformOptions {
            local_provider: Some(Url::parse("http://127.0.0.1:9200/").unwrap()),
            ..PlatformOptions::default()
        };
        let spec = PlatformSpec::for_platform(Platform::Instagram, &options);
        assert_eq!(
            spec.endpoints.token.as_str(),
            "http://127.0.0.1:9200/instagram/token"
        );
        assert_eq!(
            spec.endpoints.long_lived.unwrap().as_str(),
            "http://127.0.0.1:9200/instagram/long-lived"
        );
        assert_eq!(
            spec.endpoints.refresh.unwrap().as_str(),
            "http://127.0.0.1:9200/instagram/refresh"
        );
        assert!(
            spec.endpoints.revoke.is_none(),
            "no revoke where the platform has none"
        );
        let facebook = PlatformSpec::for_platform(Platform::Facebook, &options);
        assert_eq!(
            facebook.endpoints.permissions.unwrap().as_str(),
            "http://127.0.0.1:9200/facebook/me/permissions"
        );
        assert!(spec.endpoints.permissions.is_none());
    }
}
