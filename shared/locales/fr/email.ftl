# Les e-mails aux personnes des clients : invitation, reconnexion et attribution.
# $workspace est le nom de marque de l’agence.

email-copy-link = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-text-link = { $action } : { $link }

email-invitation-subject = { $inviter } vous invite à connecter vos comptes à { $workspace }
email-invitation-heading = Connectez vos réseaux sociaux à { $workspace }
email-invitation-intro = { $inviter } vous invite à connecter vos comptes de réseaux sociaux à l’espace de travail { $workspace }, afin de pouvoir publier pour vous. Vous ne communiquez jamais de mot de passe : chaque plateforme vous demande votre accord sur sa propre page.
email-invitation-platforms = Vous pouvez connecter : { $platforms }.
email-invitation-action = Voir l’invitation
email-invitation-until = Ce lien est valable jusqu’au { $until }.
email-invitation-ignore = Si vous n’attendiez pas cette invitation, vous pouvez ignorer cet e-mail.

email-reconnect-needed-subject = Action requise : reconnectez { $platform } pour { $workspace }
email-reconnect-needed-headline = { $workspace } ne peut plus publier sur { $account }
email-reconnect-needed-explanation = { $platform } n’accepte plus la connexion de { $account } : l’accès a été retiré ou a expiré. Tant que vous ne l’aurez pas reconnecté, { $workspace } ne pourra pas y publier.
email-reconnect-deadline-subject = Votre connexion { $platform } pour { $workspace } cessera de fonctionner le { $day }
email-reconnect-deadline-headline = Reconnectez { $account } avant le { $day }
email-reconnect-deadline-explanation = { $platform } ne maintient cette connexion que jusqu’au { $day }, et elle ne peut pas être renouvelée sans vous. Reconnectez-la d’ici là pour que { $workspace } puisse continuer à publier sans interruption.
email-reconnect-asked-subject = Merci de reconnecter { $platform } pour { $workspace }
email-reconnect-asked-headline = Reconnectez { $account }
email-reconnect-asked-explanation = { $workspace } vous demande de reconnecter ce compte { $platform } afin de pouvoir continuer à publier.
email-reconnect-action = Reconnecter { $platform }
email-reconnect-how = La reconnexion prend une minute : { $platform } vous demande votre accord sur sa propre page, avec le même compte ({ $account }).
email-reconnect-why = Vous recevez cet e-mail car { $workspace } publie pour vous sur ce compte.

email-assignment-removed-subject = { $workspace } ne partage plus { $account } avec vous
email-assignment-removed-headline = { $account } ({ $platform }) vous a été retiré
email-assignment-removed-explanation = { $workspace } ne vous montre plus son compte { $platform } { $account }. Plus rien n’est publié pour vous par ce compte.
email-assignment-headline = { $workspace } vous a attribué { $account } ({ $platform })
email-assignment-agency-subject = { $workspace } vous a attribué { $account }
email-assignment-agency-explanation = { $workspace } publie pour vous avec son propre compte { $platform } { $account }. { $approval }
email-assignment-client-subject = Action requise : connectez { $platform } pour { $workspace }
email-assignment-client-explanation = { $workspace } publiera pour vous sur { $account } avec votre propre accès { $platform }. Veuillez connecter vous-même ce même compte depuis votre page de connexion des comptes. { $approval }
email-assignment-approval-needed = Ses publications attendent votre validation.
email-assignment-approval-not-needed = Ses publications ne nécessitent pas votre validation.
email-assignment-connect-action = Connecter { $platform }
email-assignment-open-page = Ouvrir votre page de connexion des comptes
email-assignment-your-page = Votre page de connexion des comptes
email-assignment-why = Vous recevez cet e-mail car { $workspace } gère des réseaux sociaux pour vous.
