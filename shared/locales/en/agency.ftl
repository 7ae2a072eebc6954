# The agency's pages: the clients card, the invite link, the connections, a client's
# rights and the workspace picker. A message with an `.aria` attribute is a button or
# link whose accessible name says more than its visible words: the name starts with the
# visible words in every language (a test checks), as screen-reader users and voice
# control expect.

## Every agency page

agency-nav = Workspace
agency-nav-clients = Clients
agency-nav-invite-link = Invite link
agency-nav-connections = Connections
agency-copy = Copy
agency-copied = Copied
agency-copy-by-hand = Press Ctrl+C to copy
agency-cancel = Cancel
agency-save = Save
agency-next-page = Next page
agency-keep-connections = Keep them for publishing
agency-disconnect-connections = Disconnect them

## What a button did, said on the page it goes back to

agency-notice-invited = The invitation is on its way.
agency-notice-resent = A new link is on its way; the previous one no longer works.
agency-notice-revoked = The invitation was withdrawn; its link no longer works.
agency-notice-removed = The person was removed; they can no longer act for the client.
agency-notice-deleted = The client was deleted; its people and its connect link no longer work.
agency-notice-link-revoked = The client's connect link no longer works.
agency-notice-saved = The invite link's settings are saved.
agency-notice-refreshed = The invite link was replaced; the previous one no longer works.
agency-notice-reconnect-sent = The client was emailed a link to reconnect.
agency-notice-disconnected = The account was disconnected.
agency-notice-assigned = The assignment is saved.
agency-notice-unassigned = The account was taken away from that client.
agency-notice-rights-changed = The client's rights are saved; its people may do what they now say.
agency-notice-link-made = The connect link works until { $until }; copy it now, it is shown only once. Making a new one ends this one.

## Choosing a workspace

agency-pick-heading = Choose a workspace
agency-pick-list = Your workspaces

## What a client's people may do (the invite form, the invite link, a client's rights)

agency-permissions = Permissions
agency-platforms = Platforms
agency-may-connect-and-disconnect = Connect and disconnect accounts
agency-may-connect = Connect accounts
agency-may-publish = Publish (takes a seat)
agency-may-see-analytics = See analytics
agency-may-approve = Approve posts
agency-may-manage-inbox = Manage the social inbox
agency-two-factor = Require two-factor sign-in

# A client's rights in one line on its card: "Connect YouTube, X; publish; see analytics".
# The first part is one of the first two messages; the others follow in lower case.
agency-rights-connect = Connect { $platforms }
agency-rights-see = See their { $platforms } accounts
agency-rights-publish = publish
agency-rights-see-analytics = see analytics
agency-rights-approve = approve posts
agency-rights-manage-inbox = manage the inbox

## The clients card

agency-clients-heading = Clients of { $workspace }
agency-invite-heading = Invite client
agency-invite-client = Client
agency-invite-new-client = A new client
agency-invite-client-name = New client's name
agency-invite-email = Email
agency-invite-name = Full name
agency-invite-rights-hint = A new client gets the permissions and platforms below; a person of an existing client gets that client's.
agency-invite-two-factor-hint = For a new client: its people sign in with a second factor to accept, connect and disconnect, and it gets no connect link.
agency-invite-send = Send the invitation

agency-seats-used = { $used } of { $limit ->
    [one] { $limit } seat
   *[other] { $limit } seats
} used
agency-seats-over = This workspace uses { $over ->
    [one] { $over } seat
   *[other] { $over } seats
} more than its plan pays for. Nobody who may publish posts can be invited or join until seats are freed or added; people who only connect accounts still can.
agency-seats-full = Every seat is taken. Nobody who may publish posts can be invited or join until a seat is freed or added; people who only connect accounts still can.

agency-list-clients = Clients and their people, newest first
agency-list-people = People, newest first
agency-filter-status = Status
agency-filter-all = All clients
agency-filter-show = Show
agency-none-with-status = Nobody has this status.
agency-no-clients = No clients yet: invite one above.

agency-status-invited = Invited
agency-status-active = Active
agency-status-expired = Expired
agency-status-revoked = Revoked
agency-status-deactivated = Deactivated
agency-client-deleted = Deleted
agency-delivery-failed = Email not delivered
agency-delivery-complained = Marked as spam

# "Connect YouTube; publish · client since 5 December 2026, 21:32 UTC"
agency-client-summary = { $rights } · client since { $date }
agency-connect-link = Connect link
agency-new-connect-link = New connect link
    .aria = New connect link for { $client }
agency-end-connect-link = End connect link
    .aria = End connect link of { $client }
agency-change-rights = Change rights
    .aria = Change rights of { $client }
agency-delete-client = Delete client
    .aria = Delete client { $client }

# A person's line under their name; `when` is a date and how long ago or ahead it is.
agency-person-invited = Invited by { $inviter }; the link works until { $when }
agency-person-expired = The link expired { $when }
agency-person-joined = Joined
agency-person-joined-at = Joined { $when }
agency-person-closed-at = Since { $when }
agency-resend = Resend
    .aria = Resend the invitation to { $email }
agency-resend-anyway = Resend anyway
    .aria = Resend anyway to { $email }, who marked our email as spam
agency-revoke = Revoke
    .aria = Revoke the invitation of { $email }
agency-remove = Remove
    .aria = Remove { $email }

# Deleting a client, asked first.
agency-delete-heading = Delete { $client }?
agency-delete-explained = Its people lose access at once and its connect link stops working. What happens to its connected accounts?
agency-delete-connections = Its connected accounts
agency-delete-confirm = Delete { $client }

## The people ticked on the clients card

agency-ticked = The people ticked below
agency-ticked-select = Select
agency-ticked-resend = Resend selected
agency-ticked-revoke = Revoke selected
agency-ticked-remove = Remove selected
agency-ticked-none = Tick at least one person first.
agency-ticked-too-many = { $asked } people are ticked; one step acts on at most { $most }. Nothing was done: tick fewer.
agency-ticked-unreadable = The ticked people could not be read: reload the page and tick them again.
agency-ticked-gone = None of the ticked people is a person of this workspace any more.
# "Revoked a@example.com, b@example.com."
agency-ticked-resent = Resent to { $people }.
agency-ticked-revoked = Revoked { $people }.
agency-ticked-removed = Removed { $people }.
# "Could not revoke c@example.com: This invitation has already been accepted."
agency-ticked-not-resent = Could not resend { $person }: { $why }
agency-ticked-not-revoked = Could not revoke { $person }: { $why }
agency-ticked-not-removed = Could not remove { $person }: { $why }
agency-ticked-unknown = the unknown person { $id }

agency-remove-heading = { $count ->
    [one] Remove { $count } person?
   *[other] Remove { $count } people?
}
agency-remove-explained = Someone who joined can no longer act for their client; a pending invitation's link stops working. Their connected accounts stay.
agency-remove-confirm = { $count ->
    [one] Remove { $count } person
   *[other] Remove { $count } people
}
# One line of the people a removal acts on: "Cleo (cleo@example.com): leaves the client at once".
agency-remove-line = { $person }: { $effect }
agency-remove-named = { $name } ({ $email })
agency-remove-leaves = leaves the client at once
agency-remove-withdrawn = their invitation is withdrawn
agency-remove-gone = already gone: nothing to do

## The invite link

agency-invite-link-heading = Invite link of { $workspace }
agency-invite-link-the-link = The link
agency-invite-link-explained = Anyone with this link can join as a client after signing in.
agency-invite-link-refresh-hint = Refreshing makes a new link; the current one stops working at once.
agency-invite-link-refresh = Refresh the link
agency-invite-link-off = The invite link is off: nobody can join with it.
agency-invite-link-settings = Settings
agency-invite-link-on = The invite link is on
agency-invite-link-joiners = Joiners become
agency-invite-link-new-client = Each a new client
agency-invite-link-people-of = People of { $client }
agency-invite-link-permissions = Permissions joiners get
agency-invite-link-platforms = Platforms joiners may connect

## A client's rights

agency-rights-heading = Rights of { $client }
agency-rights-what = What its people may do
agency-rights-explained = Every person of { $client } gets these at most; a person invited with less keeps less. Nothing ticked is read-only: they see their accounts and change nothing.
agency-rights-platforms = Platforms its people may connect
agency-rights-two-factor-hint = Its people then sign in with a second factor to accept, connect and disconnect, and its connect link stops working.
agency-rights-outside = Its connected accounts on { $platforms }
agency-rights-save = Save the rights
agency-rights-ask = This takes { $platforms } away from the client, which has { $count ->
    [one] { $count } connected account
   *[other] { $count } connected accounts
} there. Choose below whether to keep or disconnect them, then save again.

## The connections

agency-connections-heading = Connections of { $workspace }
agency-connections-list = Connected accounts, newest first
agency-connections-none = No accounts are connected yet.
agency-health-healthy = Healthy
agency-health-expiring = Expiring
agency-health-needs-reconnect = Needs reconnect
agency-owner-agency = The agency
agency-owner-removed = A removed client
agency-health-since = since { $when }
agency-connected-by = Connected by { $person } on { $when }
agency-connected-by-someone-gone = someone no longer here

# An agency account shown to a client: "shown to Brand Co · they approve its posts ·
# the agency's credentials publish".
agency-assignment = shown to { $client } · { $approval } · { $credentials }
agency-assignment-removed-client = a removed client
agency-assignment-approves = they approve its posts
agency-assignment-no-approval = no approval needed
agency-assignment-agency-publishes = the agency's credentials publish
agency-assignment-client-publishes = their own connection publishes
agency-assignment-waiting-for-client = waiting for them to connect this account
agency-assignments = Clients { $account } is assigned to
agency-assignment-waiting = Waiting
agency-assignment-client-approves = { $client } approves posts
agency-assignment-credentials-of = Whose credentials publish for { $client }
agency-credentials-agency = The agency's credentials
agency-credentials-client = The client's own connection
agency-assignment-save = Save
    .aria = Save the assignment of { $account } to { $client }
agency-take-away = Take away
    .aria = Take away { $account } from { $client }

agency-reconnect-email = Send reconnect email
    .aria = Send reconnect email for { $account }
agency-assign-to = Assign { $account } to
agency-assign-approves = The client approves posts
agency-assign-credentials = Whose credentials publish
agency-assign = Assign
    .aria = Assign { $account }
agency-disconnect = Disconnect
    .aria = Disconnect { $account }

agency-own-heading = Connect the agency's own accounts
# A button whose visible words are only the platform's name.
agency-connect-own = { $platform }
    .aria = { $platform }: connect an agency account
