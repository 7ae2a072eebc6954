# Relances : l'e-mail qui rappelle une invitation pas encore acceptée, et la ligne de la
# fiche clients de l'agence.

reminder-invitation-subject = Rappel : { $inviter } vous invite à connecter vos comptes à { $workspace }
reminder-invitation-heading = Votre invitation de { $workspace } vous attend toujours
reminder-invitation-intro = { $inviter } vous a adressé une invitation à connecter vos comptes de réseaux sociaux à { $workspace }, afin de pouvoir publier en votre nom. Vous ne l'avez pas encore acceptée. Vous ne communiquez jamais de mot de passe : chaque plateforme vous demande votre accord sur sa propre page.
reminder-invitation-action = Voir l'invitation
reminder-invitation-until = Ce lien est valable jusqu'au { $until } ({ $left }).
reminder-invitation-copy = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
reminder-invitation-ignore = Si vous n'attendiez pas cette invitation, vous pouvez ignorer cet e-mail.
reminder-card-reminded = Relance envoyée { $when }

reminder-reconnect-subject = Rappel : veuillez reconnecter { $platform } pour { $workspace }
reminder-reconnect-heading = { $workspace } attend toujours que vous reconnectiez { $account }
reminder-reconnect-intro = Il y a quelques jours, { $workspace } vous a demandé de reconnecter le compte { $platform } { $account }. Tant qu'il n'est pas reconnecté, { $workspace } ne peut pas y publier. Cela ne prend qu'une minute : { $platform } vous demande votre accord sur sa propre page.
reminder-reconnect-action = Reconnecter { $platform }

reminder-assignment-subject = Rappel : veuillez connecter { $platform } pour { $workspace }
reminder-assignment-heading = { $workspace } attend toujours que vous connectiez { $account }
reminder-assignment-intro = Il y a quelques jours, { $workspace } vous a attribué le compte { $platform } { $account } et vous a demandé de connecter vous-même ce compte, afin de pouvoir publier en votre nom avec votre propre accès. Il n'est pas encore connecté. Cela ne prend qu'une minute : { $platform } vous demande votre accord sur sa propre page.
reminder-assignment-action = Connecter { $platform }
