//! A person's rights and a connection's grant in plain words, as a client's person reads
//! them on the invitation and connect pages.

use crate::config::PlatformOptions;
use crate::domain::{Platform, Rights};
use crate::oauth::PlatformSpec;
use crate::text::listed;

/// What the person may do, one sentence each: "You can connect and disconnect YouTube
/// and X accounts." … Disconnecting is said only where the workspace allows it.
pub fn may_do(rights: &Rights, may_disconnect: bool) -> Vec<String> {
    let platforms = Platform::listed(&rights.platforms);
    let permissions = rights.permissions;
    let mut said = Vec::new();
    if permissions.connect_accounts {
        said.push(if may_disconnect {
            format!("You can connect and disconnect {platforms} accounts.")
        } else {
            format!("You can connect {platforms} accounts; only the agency can disconnect them.")
        });
    } else {
        said.push("You can see your accounts, but not connect or disconnect them.".to_owned());
    }
    if permissions.publish_posts {
        said.push("You can publish posts.".to_owned());
    }
    if permissions.approve_posts {
        said.push("Posts need your approval before they go out.".to_owned());
    }
    if permissions.view_analytics {
        said.push("You can see analytics.".to_owned());
    }
    if permissions.manage_inbox {
        said.push("You can read and answer comments and messages in the social inbox.".to_owned());
    }
    said
}

/// What a connection's consent granted, in the words of the platform's own list of
/// what the product needs ("uploading videos, reading the channel"); a scope not on
/// the list is named as the platform named it.
pub fn granted(platform: Platform, scopes: &[String]) -> String {
    let spec = PlatformSpec::for_platform(platform, &PlatformOptions::default());
    let words: Vec<&str> = scopes
        .iter()
        .map(|scope| {
            spec.scopes
                .iter()
                .find(|needed| needed.scope == scope)
                .map_or(scope.as_str(), |needed| needed.allows)
        })
        .collect();
    listed(&words)
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
}
