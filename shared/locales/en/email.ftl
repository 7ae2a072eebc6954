# The emails to clients' people: invitation, reconnect and assignment emails. Each
# reads the agency's brand name as $workspace.

email-copy-link = If the button does not work, copy this address into your browser:
# The plain-text part's button: "Review the invitation: https://…"
email-text-link = { $action }: { $link }

email-invitation-subject = { $inviter } invites you to connect your accounts to { $workspace }
email-invitation-heading = Connect your social accounts to { $workspace }
email-invitation-intro = { $inviter } invited you to connect your social media accounts to the workspace { $workspace }, so they can publish for you. You never share a password: each platform asks for your consent on its own page.
email-invitation-platforms = You may connect: { $platforms }.
email-invitation-action = Review the invitation
email-invitation-until = This link works until { $until }.
email-invitation-ignore = If you did not expect this invitation, you can ignore this email.

email-reconnect-needed-subject = Action needed: reconnect { $platform } for { $workspace }
email-reconnect-needed-headline = { $workspace } can no longer publish to { $account }
email-reconnect-needed-explanation = { $platform } stopped accepting the connection of { $account }: access was withdrawn or ran out. Until you reconnect it, { $workspace } cannot publish there.
email-reconnect-deadline-subject = Your { $platform } connection for { $workspace } stops working on { $day }
email-reconnect-deadline-headline = Reconnect { $account } before { $day }
email-reconnect-deadline-explanation = { $platform } lets this connection run only until { $day }, and it cannot be renewed without you. Reconnect it before then so { $workspace } can keep publishing without a gap.
email-reconnect-asked-subject = Please reconnect { $platform } for { $workspace }
email-reconnect-asked-headline = Reconnect { $account }
email-reconnect-asked-explanation = { $workspace } asks you to reconnect this { $platform } account so it can keep publishing.
email-reconnect-action = Reconnect { $platform }
email-reconnect-how = Reconnecting takes a minute: { $platform } asks for your consent on its own page, with the same account ({ $account }).
email-reconnect-why = You get this email because { $workspace } publishes to this account for you.

email-assignment-removed-subject = { $workspace } no longer shares { $account } with you
email-assignment-removed-headline = { $account } ({ $platform }) was taken away
email-assignment-removed-explanation = { $workspace } no longer shows you its { $platform } account { $account }. Nothing is published for you through it any more.
email-assignment-headline = { $workspace } assigned { $account } ({ $platform }) to you
email-assignment-agency-subject = { $workspace } assigned { $account } to you
email-assignment-agency-explanation = { $workspace } publishes for you with its own { $platform } account { $account }. { $approval }
email-assignment-client-subject = Action needed: connect { $platform } for { $workspace }
email-assignment-client-explanation = { $workspace } will publish for you to { $account } with your own { $platform } access. Please connect that same account yourself from your connect page. { $approval }
email-assignment-approval-needed = Posts for it wait for your approval.
email-assignment-approval-not-needed = Posts for it do not need your approval.
email-assignment-connect-action = Connect { $platform }
email-assignment-open-page = Open your connect page
email-assignment-your-page = Your connect page
email-assignment-why = You get this email because { $workspace } manages social accounts for you.
