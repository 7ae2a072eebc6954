# The client's pages: the invitation, the invite link's page, the connect page, the
# choice of accounts after a consent, and what they say about rights and connections.
# A button's accessible name starts with its visible text (so speech input finds it):
# the *-label messages begin with the button's own message.

# Lists as a sentence says them; $rest: "YouTube, TikTok", $last: "X".
list-and = { $rest } and { $last }

## Shared by the invitation and the invite link's pages

client-as-person-of = As a person of { $client }
# Followed by the platforms' names in bold and a full stop.
client-platforms-label = Platforms you may connect:
client-signed-in-as = Signed in as { $email }.
client-sign-in-or-create = Sign in or create an account
client-sign-in-second-factor = Sign in with a second factor

## The invitation page

invite-title = Invitation from { $workspace }
invite-heading = { $inviter } invites you to connect your social accounts to { $workspace }
invite-what-heading = What you are asked
invite-connect-own = Connect your own accounts so { $workspace } can publish for you. You never share a password: each platform asks for your consent on its own page.
invite-connect-own-may-disconnect = Connect your own accounts so { $workspace } can publish for you. You never share a password: each platform asks for your consent on its own page, and you can disconnect at any time.
invite-join-only = Join { $workspace } to see the accounts it manages for you.
# $expires: "12 December 2026, 09:30 UTC"
invite-valid-until = This invitation for { $email } works until { $expires }.
invite-two-factor = { $workspace } requires two-factor sign-in: when you sign in, you also confirm with a second factor (a code from your authenticator app or email, or a security key).
invite-signed-in-without-factor = Signed in as { $email }, without a second factor.
invite-accept = Accept the invitation
invite-wrong-account = You are signed in as { $signed_in }, but this invitation is for { $email }. Sign in with that address to accept it.
invite-sign-in-as = Sign in as { $email }

## The invite link's page

join-title = Join { $workspace } as a client
join-what-heading = What joining means
join-explained = You connect your own social accounts so { $workspace } can publish for you. You never share a password, and you can disconnect at any time.
join-button = Join { $workspace }
join-link-gone-title = This invite link no longer works
join-link-gone-detail = The agency turned it off or replaced it with a new one. Ask them for the current link; you have not joined anything.

## The connect page

connect-title = Connect your accounts to { $workspace }
connect-for-client = For { $client }
connect-may-do-heading = What you may do
connect-may-do-heading-for = What you may do for { $client }
connect-platforms-label = Platforms
# $scopes: "uploading videos and reading the channel"
connect-granted = Granted: { $scopes }
connect-reconnect = Reconnect
connect-reconnect-label = { connect-reconnect } { $platform } @{ $account }
connect-disconnect = Disconnect
connect-disconnect-label = { connect-disconnect } { $platform }
connect-disconnect-account-label = { connect-disconnect } { $platform } @{ $account }
connect-not-connected = Not connected
connect-another-account = Another { $platform } account or Page
connect-connect = Connect
connect-connect-label = { connect-connect } { $platform }
connect-connect-another = Connect another
connect-connect-another-label = { connect-connect-another } { $platform } account
connect-shared-label = Shared with you
connect-shared-heading = Shared with you by { $workspace }
connect-view-only = View only
connect-assigned-heading = Assigned to you by { $workspace }
# $approves: "yes" when the client approves the account's posts, else "no".
connect-assigned = { $approves ->
    [yes] { $account } on { $platform } (you approve its posts)
   *[no] { $account } on { $platform } (its posts do not need your approval)
}
connect-assigned-waiting = Waiting for you: connect this same { $platform } account above, so it publishes with your own access.
connect-assigned-waiting-cannot = Waiting for you: it publishes with your own { $platform } access, which you cannot connect yet; ask your agency.
connect-footer = Each platform asks for your consent on its own page. { $workspace } never sees your passwords.
connect-reconnect-needed = Your { $platform } connection @{ $account } needs you: press Reconnect and sign in to the same account.
connect-reconnect-fine = Your { $platform } connection @{ $account } works: nothing to do.
connect-reconnect-gone = That connection is no longer here: connect the account again below.
connect-which-workspace-title = Open the link from your agency
connect-which-workspace-detail = You are a client of several workspaces, or of none yet. Open the link in your agency's email to choose.

## What a person may do (the invitation and connect pages)

# $platforms: "YouTube and X"
may-connect-and-disconnect = You can connect and disconnect { $platforms } accounts.
may-connect-only = You can connect { $platforms } accounts; only the agency can disconnect them.
may-only-see = You can see your accounts, but not connect or disconnect them.
may-publish = You can publish posts.
may-approve = Posts need your approval before they go out.
may-analytics = You can see analytics.
may-inbox = You can read and answer comments and messages in the social inbox.

## A connection's health (the client's and the agency's pages)

consent-health-connected = Connected as @{ $account }
# $day: "12 December 2026"; $relative: "in 6 days"
consent-health-expiring = Connected as @{ $account }; stops working on { $day } ({ $relative }): reconnect to keep it
consent-health-expiring-soon = Connected as @{ $account }; reconnect soon to keep it
# $relative: "2 days ago"
consent-health-expired = Needs reconnecting (@{ $account }): its access ran out { $relative }
consent-health-refresh-lost = Needs reconnecting (@{ $account }): the platform no longer accepts its stored access
consent-health-withdrawn = Needs reconnecting (@{ $account }): access was withdrawn at the platform

## The banner after a platform's consent; $platform is the platform's name, or
## consent-the-platform when the address does not say which.

consent-the-platform = the platform
consent-connected = { $platform } is connected.
consent-disconnected = { $platform } is disconnected.
consent-cancelled = Nothing was connected from { $platform }.
consent-choice-expired = That choice took longer than 15 minutes, or was already made. Please connect again.
consent-access-denied = You declined at { $platform }; nothing was connected.
consent-state-expired = That took longer than 15 minutes. Please connect again.
consent-connected-elsewhere = This { $platform } account is already connected by someone else in this workspace.
consent-platform-error = { $platform } did not complete the connection. Please try again in a moment.
consent-cannot-publish = You may not publish to this { $platform } any more: ask its admin for the “Create content” task, then reconnect. Nothing was changed: the connection keeps the access it had.
consent-wrong-account = You signed in to { $platform } with a different account than this connection's. Nothing was changed: reconnect with the same account.
# $lost: "posting to the Page and reading the Page"
consent-permissions-missing = { $platform } did not allow { $lost }, which publishing needs. Nothing was saved: connect again and keep every permission ticked.
consent-some-permissions = some permissions
consent-failed = The connection could not be completed. Please start again from this page.

## The choice of accounts after a consent

choose-title = Choose what to connect to { $workspace }
choose-intro = { $platform } gave access to more than one account. Tick the ones { $workspace } may publish to; each becomes its own connection.
choose-accounts-label = Accounts
choose-cannot-publish = You cannot publish to this Page: ask its admin for the “Create content” task.
choose-connect = Connect the ones ticked
choose-cancel = Cancel: connect none
choose-footer = Nothing is connected until you press a button; this choice expires 15 minutes after you started.
choose-expired-title = This choice has expired
choose-expired-detail = It took longer than 15 minutes, or the accounts were already chosen. Nothing more was connected: connect again from the connect page.

## Sign-in and connect-link pages

session-second-factor-detail = Your agency requires two-factor sign-in for your account here: to accept an invitation, connect or disconnect an account, sign in again and confirm with your second factor (a code from your authenticator app or email, or a security key). Nothing was changed.
session-link-gone-title = This connect link no longer works
session-link-gone-detail = It was revoked or replaced by the agency, or it expired. Ask them for a new link; nothing was connected.
session-agency-only-title = This page is for the workspace's owners and admins
session-agency-only-detail = Your account cannot manage this workspace's clients. If you were invited as a client, open the link from your agency's email.

## What each platform permission allows, as a sentence lists them ("Granted: …")

scope-youtube-upload = uploading videos
scope-youtube-readonly = reading the channel
scope-tiktok-user-info-basic = reading the profile
scope-tiktok-video-upload = uploading drafts
scope-tiktok-video-publish = posting videos
scope-instagram-business-basic = reading the profile
scope-instagram-business-content-publish = posting
scope-facebook-pages-show-list = listing the Pages
scope-facebook-pages-manage-posts = posting to the Page
scope-facebook-pages-read-engagement = reading the Page
scope-linkedin-openid = signing in
scope-linkedin-profile = reading the profile
scope-linkedin-w-member-social = posting
scope-linkedin-r-organization-admin = listing your organisation Pages
scope-linkedin-w-organization-social = posting to your organisation Pages
scope-x-tweet-read = reading posts
scope-x-tweet-write = posting
scope-x-users-read = reading the profile
scope-x-offline-access = staying connected without you
