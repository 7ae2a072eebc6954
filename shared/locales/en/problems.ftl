# Problems as the pages explain them: a title and a detail per problem type (the slug
# of the API's problem+json `type`, which itself stays untranslated). The JSON API keeps
# its own English titles and details (shared/src/error.rs); these are for people
# reading a page. A problem without words here reads as problem-other-*.

problem-other-title = This could not be done
# $code: the problem's slug, e.g. "iam-required", for whoever helps
problem-other-detail = Go back and try again. If it keeps happening, tell your agency this code: { $code }.

problem-internal-title = Something went wrong
problem-internal-detail = Something went wrong on our side. Please try again.
problem-unreadable-item-title = Something went wrong
problem-unreadable-item-detail = Something stored for this page cannot be read. Trying again will not help until whoever runs this service repairs it.

problem-invalid-parameter-title = Invalid parameter
problem-invalid-parameter-detail = The page's address or the form holds a value this page cannot use. Go back and try again.
problem-invalid-body-title = Invalid form
problem-invalid-body-detail = The form holds a value this page cannot use. Go back, check what you entered and try again.
problem-invalid-email-title = Invalid email address
problem-invalid-email-detail = That is not an email address that can receive an invitation. Check it and try again.
problem-wider-than-client-title = Wider than the client's rights
problem-wider-than-client-detail = A person or link of a client can be given less than the client, never more. Change the client's rights first.
problem-batch-empty-title = Nobody ticked
problem-batch-empty-detail = Tick at least one person first.
problem-batch-too-large-title = Too many people at once
problem-batch-too-large-detail = You ticked { $asked } people and one step acts on at most { $max }. Nothing was done: do it in several steps.
problem-batch-repeats-a-person-title = Person named twice
problem-batch-repeats-a-person-detail = The same person was ticked more than once. Nothing was done: reload the page and try again.

problem-invalid-token-title = Please sign in again
problem-invalid-token-detail = Your sign-in has ended or this form is out of date. Reload the page and try again.
problem-issuer-unavailable-title = Signing in is unavailable
problem-issuer-unavailable-detail = Sign-ins cannot be checked right now: the identity provider is unreachable. Try again in a minute.
problem-not-workspace-member-title = You cannot do this here
problem-not-workspace-member-detail = You are not an active member of this workspace, or your part in it does not include this.
problem-not-workspace-admin-title = You cannot do this here
problem-not-workspace-admin-detail = Only the owner or an admin of this workspace can do this.
# $plan: the workspace's plan, e.g. "Solo"
problem-team-plan-required-title = Team plan required
problem-team-plan-required-detail = Clients, their invitations and the invite link are part of the Team plan. This workspace is on the { $plan } plan: its owner can upgrade to Team under Settings → Billing; then try again.
problem-platform-not-allowed-title = You cannot do this here
problem-platform-not-allowed-detail = { $platform } is not one of the platforms allowed for this client, person or link. The agency decides which platforms each may use.
problem-disconnect-not-allowed-title = You cannot do this here
problem-disconnect-not-allowed-detail = Clients can disconnect only their own accounts, and only where the workspace lets them. Ask the agency to disconnect it.
problem-two-factor-required-title = Sign in with a second factor
problem-two-factor-required-detail = The agency requires the people of this client to sign in with a second factor (a code from an authenticator app or by email, or a security key) to accept, connect or disconnect, and this sign-in had none. Sign in again with a second factor, then try again.
problem-connect-link-needs-sign-in-title = This connect link no longer works
problem-connect-link-needs-sign-in-detail = The agency now requires two-factor sign-in for this client, so its login-free connect link no longer works. Sign in with your own account and a second factor instead; if you have no account here, ask the agency for an invitation.
problem-two-factor-client-has-no-link-title = No connect link for a two-factor client
problem-two-factor-client-has-no-link-detail = This client requires two-factor sign-in, and a connect link lets whoever holds it in without signing in. Invite the client's people instead: they sign in with a second factor.

problem-email-mismatch-title = Sign in with the invited address
problem-email-mismatch-detail = This invitation was sent to a different email address. Sign in as the invited person to accept it.
problem-email-not-verified-title = Sign in with the invited address
problem-email-not-verified-detail = Your sign-in did not come with a verified email address. Verify your email with your sign-in provider, then try again.
problem-inviter-email-not-verified-title = Inviter's email not verified
problem-inviter-email-not-verified-detail = Only a person whose own email address is verified may invite: invitations go out in their name, and an invite link lets anyone who holds it join. Your sign-in did not come with a verified email address. Verify it with your sign-in provider, sign in again, then invite.
problem-resend-too-soon-title = Resent too soon
problem-resend-too-soon-detail = This invitation was emailed moments ago. Wait a few minutes before resending it.
# $count: the workspace's emails per day
problem-invitation-quota-reached-title = Daily invitation limit reached
problem-invitation-quota-reached-detail = This workspace has sent its { $count } emails for today (invitations and reconnect emails count alike). Try again tomorrow (UTC).
# $count: the workspace's seats
problem-no-seat-left-title = This workspace is full
problem-no-seat-left-detail = { $count ->
    [one] The one seat of this workspace is taken, and a client's person who may publish posts takes one. The agency can add a seat, or let this person in without the publish permission.
   *[other] All { $count } seats of this workspace are taken, and a client's person who may publish posts takes one. The agency can add a seat, or let this person in without the publish permission.
}
problem-invitation-already-pending-title = Invitation already pending
problem-invitation-already-pending-detail = { $email } already has a pending invitation to this workspace. Resend that invitation to send a new link.
problem-already-member-title = You are already in this workspace
problem-already-member-detail = { $email } is, or was, a member of this workspace. Someone removed comes back only through an emailed invitation.
problem-address-complained-title = The address marked our email as spam
problem-address-complained-detail = { $email } marked an earlier email from this workspace as spam, so it is not emailed again unless you confirm: check with the person first.
problem-invitation-already-accepted-title = This invitation was already accepted
problem-invitation-already-accepted-detail = This invitation has already been accepted.
problem-not-a-client-title = Not a client
problem-not-a-client-detail = Only a client who accepted an invitation can be removed; a pending invitation is revoked instead.
problem-invitation-not-found-title = Invitation not found
problem-invitation-not-found-detail = This invitation does not exist in this workspace.
problem-invite-link-not-found-title = This link does not work
problem-invite-link-not-found-detail = This link does not exist or no longer works: it may have been replaced or turned off. If you were sent a newer one, use that.
problem-invitation-expired-title = This invitation has expired
problem-invitation-expired-detail = This invitation has expired. The agency can resend it, which sends a new link.
problem-invitation-revoked-title = This invitation was withdrawn
problem-invitation-revoked-detail = This invitation was revoked by the agency and can no longer be used.
problem-email-delivery-failed-title = Email delivery failed
problem-email-delivery-failed-detail = The invitation was saved but its email could not be sent. Resend it once the problem is fixed.

problem-workspace-not-found-title = Workspace not found
problem-workspace-not-found-detail = This workspace does not exist.
problem-client-not-found-title = Client not found
problem-client-not-found-detail = This client does not exist in this workspace.
problem-person-not-found-title = Person not found
problem-person-not-found-detail = There is no such person here: not a person of this client, or not an agency member of this workspace.
problem-client-removed-title = This access has ended
problem-client-removed-detail = This client was removed from the workspace (or this person from the client): what was removed can no longer be used.
problem-concurrent-change-title = Changed at the same moment
problem-concurrent-change-detail = Something else changed at the same moment. Reload the page and try again.
# $platforms: "X and TikTok"; $count: the connected accounts there
problem-connections-outside-rights-title = Connections outside the new rights
problem-connections-outside-rights-detail = { $count ->
    [one] This change takes { $platforms } away from the client, which has one connected account there. Say what becomes of it: keep it, or disconnect it.
   *[other] This change takes { $platforms } away from the client, which has { $count } connected accounts there. Say what becomes of them: keep them, or disconnect them.
}

problem-unknown-platform-title = Unknown platform
problem-unknown-platform-detail = { $platform } is not a platform this service connects.
problem-platform-not-configured-title = Platform not set up
problem-platform-not-configured-detail = { $platform } connections are not set up here yet. Whoever runs this service can add them.
problem-connection-not-found-title = This connection is gone
problem-connection-not-found-detail = This connection does not exist in this workspace.
problem-not-an-agency-connection-title = Not an agency connection
problem-not-an-agency-connection-detail = Only the agency's own connections can be assigned to a client; a client's connection already belongs to it.
problem-assignment-not-found-title = Assignment not found
problem-assignment-not-found-detail = This account is not assigned to that client.
problem-too-many-assignments-title = Too many assignments
problem-too-many-assignments-detail = An account can be assigned to at most { $count } clients. Take it away from one of them first.
problem-client-cannot-connect-title = The client cannot connect this platform
problem-client-cannot-connect-detail = The client may not connect { $platform } accounts, so its own credentials could never publish this account. Give it the right to connect { $platform } first, or publish for it with the agency's credentials.
problem-assignment-waiting-title = Waiting for the client's own connection
problem-assignment-waiting-detail = This account publishes for that client with the client's own credentials, and the client has not connected the account yet. They were asked to.
problem-choice-expired-title = This choice has expired
problem-choice-expired-detail = This choice of accounts has expired or was already made. Connect again from the connect page.
problem-connection-needs-reconnect-title = Connection needs reconnecting
problem-connection-needs-reconnect-detail = This connection needs reconnecting: the platform refused it or its access ran out.
problem-connection-healthy-title = Connection is healthy
problem-connection-healthy-detail = This connection is healthy: there is nothing to reconnect.
problem-nobody-to-notify-title = Nobody to notify
problem-nobody-to-notify-detail = Nobody who could reconnect this account can be emailed: its client has no active person, or whoever connected the agency's account no longer manages the workspace.
problem-reconnect-email-too-soon-title = Reconnect email sent too soon
problem-reconnect-email-too-soon-detail = The people who can reconnect this account were emailed about it moments ago. Wait a few minutes before emailing them again.
problem-email-quota-reached-title = Daily email limit reached
problem-email-quota-reached-detail = This workspace has sent its { $count } emails for today (invitations and reconnect emails count alike), and this would send more. Try again tomorrow (UTC).
problem-reconnect-email-not-sent-title = Reconnect email not sent
problem-reconnect-email-not-sent-detail = The email service took none of the reconnect emails. Nothing was sent, so you may try again once the problem is fixed.
problem-platform-unavailable-title = Platform unavailable
problem-platform-unavailable-detail = { $platform } did not answer properly. Try again in a minute.
