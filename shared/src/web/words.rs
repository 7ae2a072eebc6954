//! A person's rights and a connection's grant in plain words, as a client's person reads
//! them on the invitation and connect pages.

use crate::config::PlatformOptions;
use crate::domain::{Platform, Rights};
use crate::oauth::PlatformSpec;
use crate::text::listed;
use crate::tr;

/// What the person may do, one sentence each: "You can connect and disconnect YouTube
/// and X accounts." … Disconnecting is said only where the workspace allows it.
pub fn may_do(rights: &Rights, may_disconnect: bool) -> Vec<String> {
    let platforms = Platform::listed(&rights.platforms);
    let permissions = rights.permissions;
    let mut said = Vec::new();
    if permissions.connect_accounts {
        said.push(if may_disconnect {
            tr!("may-connect-and-disconnect", platforms = platforms.as_str())
        } else {
            tr!("may-connect-only", platforms = platforms.as_str())
        });
    } else {
        said.push(tr!("may-only-see"));
    }
    for (granted, id) in [
        (permissions.publish_posts, "may-publish"),
        (permissions.approve_posts, "may-approve"),
        (permissions.view_analytics, "may-analytics"),
        (permissions.manage_inbox, "may-inbox"),
    ] {
        if granted {
            said.push(tr!(id));
        }
    }
    said
}

/// What a connection's consent granted, in the words of the platform's own list of
/// what the product needs ("uploading videos and reading the channel"), in the page's
/// language; a scope not on the list is named as the platform named it.
pub fn granted(platform: Platform, scopes: &[String]) -> String {
    let words: Vec<String> = scopes
        .iter()
        .map(|scope| scope_allows(platform, scope).unwrap_or_else(|| scope.clone()))
        .collect();
    listed(&words.iter().map(String::as_str).collect::<Vec<_>>())
}

/// What `scope` of `platform` allows ("uploading videos"), in the page's language;
/// `None` for a scope not on the platform's list. The widest list is read (LinkedIn's
/// with organisation Pages), so a grant made while a deployment had it still reads.
pub fn scope_allows(platform: Platform, scope: &str) -> Option<String> {
    let widest = PlatformOptions {
        linkedin_organizations: true,
        ..PlatformOptions::default()
    };
    PlatformSpec::for_platform(platform, &widest)
        .scopes
        .iter()
        .find(|needed| needed.scope == scope)
        .map(|needed| tr!(needed.words))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Permissions;

    fn rights(permissions: Permissions) -> Rights {
        Rights {
            permissions,
            platforms: vec![Platform::Youtube, Platform::X],
        }
    }

    #[test]
    fn a_connecting_person_is_told_what_they_may_connect_and_whether_they_may_disconnect() {
        let connect = rights(Permissions::default());
        assert_eq!(
            may_do(&connect, true),
            ["You can connect and disconnect YouTube and X accounts."]
        );
        assert_eq!(
            may_do(&connect, false),
            ["You can connect YouTube and X accounts; only the agency can disconnect them."]
        );
    }

    #[test]
    fn a_read_only_person_is_told_so_and_each_other_right_is_one_sentence() {
        let everything_but_connecting = rights(Permissions {
            connect_accounts: false,
            publish_posts: true,
            view_analytics: true,
            approve_posts: true,
            manage_inbox: true,
        });
        let said = may_do(&everything_but_connecting, true);
        assert_eq!(said.len(), 5);
        assert!(said[0].contains("not connect or disconnect"));
        assert!(said.iter().any(|line| line.contains("approval")));
        assert!(said.iter().any(|line| line.contains("inbox")));
    }

    #[test]
    fn granted_scopes_read_as_the_platforms_list_says_them_and_unknown_ones_as_named() {
        let scopes = vec![
            "https://www.googleapis.com/auth/youtube.upload".to_owned(),
            "https://www.googleapis.com/auth/youtube.readonly".to_owned(),
            "something.else".to_owned(),
        ];
        assert_eq!(
            granted(Platform::Youtube, &scopes),
            "uploading videos, reading the channel and something.else"
        );
        assert_eq!(granted(Platform::X, &[]), "");
    }

    #[tokio::test]
    async fn a_grant_reads_in_the_pages_language() {
        let scopes = vec![
            "https://www.googleapis.com/auth/youtube.upload".to_owned(),
            "https://www.googleapis.com/auth/youtube.readonly".to_owned(),
        ];
        let spanish = crate::lang::speaking(crate::lang::Lang::Es, async {
            granted(Platform::Youtube, &scopes)
        })
        .await;
        assert_eq!(spanish, "subir vídeos y leer el canal");
    }

    #[test]
    fn every_scope_of_every_platform_has_its_words_in_the_catalog() {
        let widest = PlatformOptions {
            linkedin_organizations: true,
            ..PlatformOptions::default()
        };
        for platform in Platform::ALL {
            for needed in PlatformSpec::for_platform(platform, &widest).scopes {
                let said = crate::lang::Lang::En.say(needed.words, &[]);
                assert_ne!(
                    said, needed.words,
                    "{} has no words in client.ftl",
                    needed.scope
                );
            }
        }
    }
}
