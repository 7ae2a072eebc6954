# Reminders: the email that reminds a person of an invitation nobody accepted yet, and
# the line on the agency's clients card.

reminder-invitation-subject = Reminder: { $inviter } invites you to connect your accounts to { $workspace }
reminder-invitation-heading = Your invitation from { $workspace } is still waiting
reminder-invitation-intro = { $inviter } invited you to connect your social media accounts to { $workspace }, so that they can publish for you. You have not accepted the invitation yet. You never share a password: each platform asks for your consent on its own page.
reminder-invitation-action = Review the invitation
# $until: "9 October 2024, 00:00 UTC"; $left: "in 5 days"
reminder-invitation-until = This link works until { $until } ({ $left }).
reminder-invitation-copy = If the button does not work, copy this address into your browser:
reminder-invitation-ignore = If you did not expect this invitation, you can ignore this email.
# On the clients card; $when: "2 days ago"
reminder-card-reminded = Reminded { $when }

# The reminder of a reconnect the agency asked for, 3 days later, when nobody made it.
reminder-reconnect-subject = Reminder: please reconnect { $platform } for { $workspace }
reminder-reconnect-heading = { $workspace } is still waiting for you to reconnect { $account }
reminder-reconnect-intro = A few days ago { $workspace } asked you to reconnect the { $platform } account { $account }. Until it is reconnected, { $workspace } cannot publish there. It takes a minute: { $platform } asks for your consent on its own page.
reminder-reconnect-action = Reconnect { $platform }

# The reminder to connect an account the agency assigned to the client with the client's
# own credentials, 3 days later, when nobody has.
reminder-assignment-subject = Reminder: please connect { $platform } for { $workspace }
reminder-assignment-heading = { $workspace } is still waiting for you to connect { $account }
reminder-assignment-intro = A few days ago { $workspace } assigned the { $platform } account { $account } to you and asked you to connect that same account yourself, so that they can publish for you with your own access. It is not connected yet. It takes a minute: { $platform } asks for your consent on its own page.
reminder-assignment-action = Connect { $platform }
