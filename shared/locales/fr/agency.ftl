# Les pages de l’agence : la liste des clients, le lien d’invitation, les connexions,
# les droits d’un client et le choix de l’espace de travail. Le nom accessible
# (`.aria`) d’un bouton ou d’un lien commence par ses mots visibles.

## Toutes les pages de l’agence

agency-nav = Espace de travail
agency-nav-clients = Clients
agency-nav-invite-link = Lien d’invitation
agency-nav-connections = Connexions
agency-copy = Copier
agency-copied = Copié
agency-copy-by-hand = Appuyez sur Ctrl+C pour copier
agency-cancel = Annuler
agency-save = Enregistrer
agency-next-page = Page suivante
agency-keep-connections = Les conserver pour publier
agency-disconnect-connections = Les déconnecter

## Ce qu’a fait un bouton, annoncé sur la page où il revient

agency-notice-invited = L’invitation est en route.
agency-notice-resent = Un nouveau lien est en route ; le précédent ne fonctionne plus.
agency-notice-revoked = L’invitation a été retirée ; son lien ne fonctionne plus.
agency-notice-removed = La personne a été retirée ; elle ne peut plus agir pour le client.
agency-notice-deleted = Le client a été supprimé ; ses personnes et son lien de connexion ne fonctionnent plus.
agency-notice-link-revoked = Le lien de connexion du client ne fonctionne plus.
agency-notice-saved = Les réglages du lien d’invitation sont enregistrés.
agency-notice-refreshed = Le lien d’invitation a été remplacé ; le précédent ne fonctionne plus.
agency-notice-reconnect-sent = Le client a reçu par e-mail un lien pour se reconnecter.
agency-notice-disconnected = Le compte a été déconnecté.
agency-notice-assigned = L’attribution est enregistrée.
agency-notice-unassigned = Le compte a été retiré à ce client.
agency-notice-rights-changed = Les droits du client sont enregistrés ; ses personnes peuvent désormais faire ce qu’ils indiquent.
agency-notice-link-made = Le lien de connexion fonctionne jusqu’au { $until } ; copiez-le maintenant, il ne s’affiche qu’une fois. En créer un nouveau met fin à celui-ci.

## Choisir un espace de travail

agency-pick-heading = Choisissez un espace de travail
agency-pick-list = Vos espaces de travail

## Ce que les personnes d’un client peuvent faire

agency-permissions = Autorisations
agency-platforms = Plateformes
agency-may-connect-and-disconnect = Connecter et déconnecter des comptes
agency-may-connect = Connecter des comptes
agency-may-publish = Publier (occupe une place)
agency-may-see-analytics = Voir les statistiques
agency-may-approve = Approuver les publications
agency-may-manage-inbox = Gérer la boîte de réception sociale
agency-two-factor = Exiger la connexion en deux étapes

agency-rights-connect = Connecter { $platforms }
agency-rights-see = Voir leurs comptes { $platforms }
agency-rights-publish = publier
agency-rights-see-analytics = voir les statistiques
agency-rights-approve = approuver les publications
agency-rights-manage-inbox = gérer la boîte de réception

## La liste des clients

agency-clients-heading = Clients de l’espace de travail { $workspace }
agency-invite-heading = Inviter un client
agency-invite-client = Client
agency-invite-new-client = Un nouveau client
agency-invite-client-name = Nom du nouveau client
agency-invite-email = Adresse e-mail
agency-invite-name = Nom complet
agency-invite-rights-hint = Un nouveau client reçoit les autorisations et les plateformes ci-dessous ; une personne d’un client existant reçoit celles de ce client.
agency-invite-two-factor-hint = Pour un nouveau client : ses personnes se connectent avec un second facteur pour accepter, connecter et déconnecter, et il ne reçoit pas de lien de connexion.
agency-invite-send = Envoyer l’invitation

agency-seats-used = { $used } { $used ->
    [one] place utilisée
   *[other] places utilisées
} sur { $limit }
agency-seats-over = Cet espace de travail utilise { $over ->
    [one] { $over } place
   *[other] { $over } places
} de plus que ce que prévoit son abonnement. Personne pouvant publier ne peut être invité ni rejoindre l’espace tant que des places ne sont pas libérées ou ajoutées ; les personnes qui ne font que connecter des comptes le peuvent toujours.
agency-seats-full = Toutes les places sont occupées. Personne pouvant publier ne peut être invité ni rejoindre l’espace tant qu’une place n’est pas libérée ou ajoutée ; les personnes qui ne font que connecter des comptes le peuvent toujours.

agency-list-clients = Clients et leurs personnes, du plus récent au plus ancien
agency-list-people = Personnes, de la plus récente à la plus ancienne
agency-filter-status = Statut
agency-filter-all = Tous les clients
agency-filter-show = Afficher
agency-none-with-status = Personne n’a ce statut.
agency-no-clients = Aucun client pour l’instant : invitez-en un ci-dessus.

agency-status-invited = Invité
agency-status-active = Actif
agency-status-expired = Expiré
agency-status-revoked = Révoqué
agency-status-deactivated = Désactivé
agency-client-deleted = Supprimé
agency-delivery-failed = E-mail non distribué
agency-delivery-complained = Signalé comme spam

agency-client-summary = { $rights } · client depuis le { $date }
agency-connect-link = Lien de connexion
agency-new-connect-link = Nouveau lien de connexion
    .aria = Nouveau lien de connexion pour le client { $client }
agency-end-connect-link = Désactiver le lien de connexion
    .aria = Désactiver le lien de connexion du client { $client }
agency-change-rights = Modifier les droits
    .aria = Modifier les droits du client { $client }
agency-delete-client = Supprimer le client
    .aria = Supprimer le client { $client }

agency-person-invited = Invité par { $inviter } ; le lien fonctionne jusqu’au { $when }
agency-person-expired = Le lien a expiré le { $when }
agency-person-joined = A rejoint le client
agency-person-joined-at = A rejoint le client le { $when }
agency-person-closed-at = Depuis le { $when }
agency-resend = Renvoyer
    .aria = Renvoyer l’invitation à { $email }
agency-resend-anyway = Renvoyer quand même
    .aria = Renvoyer quand même à { $email }, qui a signalé notre e-mail comme spam
agency-revoke = Révoquer
    .aria = Révoquer l’invitation de { $email }
agency-remove = Retirer
    .aria = Retirer { $email }

agency-delete-heading = Supprimer le client { $client } ?
agency-delete-explained = Ses personnes perdent l’accès immédiatement et son lien de connexion cesse de fonctionner. Que deviennent ses comptes connectés ?
agency-delete-connections = Ses comptes connectés
agency-delete-confirm = Supprimer le client { $client }

## Les personnes cochées dans la liste des clients

agency-ticked = Les personnes cochées ci-dessous
agency-ticked-select = Sélectionner
agency-ticked-resend = Renvoyer aux personnes cochées
agency-ticked-revoke = Révoquer les invitations cochées
agency-ticked-remove = Retirer les personnes cochées
agency-ticked-none = Cochez d’abord au moins une personne.
agency-ticked-too-many = { $asked } personnes sont cochées ; une seule action en traite { $most } au plus. Rien n’a été fait : cochez-en moins.
agency-ticked-unreadable = Les personnes cochées n’ont pas pu être lues : rechargez la page et cochez-les de nouveau.
agency-ticked-gone = Aucune des personnes cochées n’appartient plus à cet espace de travail.
agency-ticked-resent = Invitation renvoyée à { $people }.
agency-ticked-revoked = Invitation révoquée pour { $people }.
agency-ticked-removed = Personnes retirées : { $people }.
agency-ticked-not-resent = Impossible de renvoyer l’invitation à { $person } : { $why }
agency-ticked-not-revoked = Impossible de révoquer l’invitation de { $person } : { $why }
agency-ticked-not-removed = Impossible de retirer { $person } : { $why }
agency-ticked-unknown = la personne inconnue { $id }

agency-remove-heading = { $count ->
    [one] Retirer { $count } personne ?
   *[other] Retirer { $count } personnes ?
}
agency-remove-explained = Une personne qui a rejoint le client ne peut plus agir pour lui ; le lien d’une invitation en attente cesse de fonctionner. Leurs comptes connectés restent.
agency-remove-confirm = { $count ->
    [one] Retirer { $count } personne
   *[other] Retirer { $count } personnes
}
agency-remove-line = { $person } : { $effect }
agency-remove-named = { $name } ({ $email })
agency-remove-leaves = quitte le client immédiatement
agency-remove-withdrawn = son invitation est retirée
agency-remove-gone = déjà partie : rien à faire

## Le lien d’invitation

agency-invite-link-heading = Lien d’invitation de l’espace de travail { $workspace }
agency-invite-link-the-link = Le lien
agency-invite-link-explained = Toute personne disposant de ce lien peut devenir cliente après s’être connectée.
agency-invite-link-refresh-hint = Le renouveler crée un nouveau lien ; l’actuel cesse immédiatement de fonctionner.
agency-invite-link-refresh = Renouveler le lien
agency-invite-link-off = Le lien d’invitation est désactivé : personne ne peut l’utiliser pour rejoindre l’espace.
agency-invite-link-settings = Réglages
agency-invite-link-on = Le lien d’invitation est activé
agency-invite-link-joiners = Les nouveaux venus deviennent
agency-invite-link-new-client = Chacun un nouveau client
agency-invite-link-people-of = Des personnes du client { $client }
agency-invite-link-permissions = Autorisations des nouveaux venus
agency-invite-link-platforms = Plateformes que les nouveaux venus peuvent connecter

## Les droits d’un client

agency-rights-heading = Droits du client { $client }
agency-rights-what = Ce que ses personnes peuvent faire
agency-rights-explained = Chaque personne du client { $client } reçoit au plus ces droits ; une personne invitée avec moins garde moins. Sans case cochée, l’accès est en lecture seule : elles voient leurs comptes et ne modifient rien.
agency-rights-platforms = Plateformes que ses personnes peuvent connecter
agency-rights-two-factor-hint = Ses personnes se connectent alors avec un second facteur pour accepter, connecter et déconnecter, et son lien de connexion cesse de fonctionner.
agency-rights-outside = Ses comptes connectés sur { $platforms }
agency-rights-save = Enregistrer les droits
agency-rights-ask = Cette modification retire { $platforms } au client, qui y a { $count ->
    [one] { $count } compte connecté
   *[other] { $count } comptes connectés
}. Choisissez ci-dessous de les conserver ou de les déconnecter, puis enregistrez de nouveau.

## Les connexions

agency-connections-heading = Connexions de l’espace de travail { $workspace }
agency-connections-list = Comptes connectés, du plus récent au plus ancien
agency-connections-none = Aucun compte n’est encore connecté.
agency-health-healthy = Opérationnelle
agency-health-expiring = Expire bientôt
agency-health-needs-reconnect = À reconnecter
agency-owner-agency = L’agence
agency-owner-removed = Un client supprimé
agency-health-since = depuis le { $when }
agency-connected-by = Connecté par { $person } le { $when }
agency-connected-by-someone-gone = une personne qui n’est plus là

agency-assignment = visible par { $client } · { $approval } · { $credentials }
agency-assignment-removed-client = un client supprimé
agency-assignment-approves = le client approuve les publications
agency-assignment-no-approval = aucune approbation requise
agency-assignment-agency-publishes = publié avec les identifiants de l’agence
agency-assignment-client-publishes = publié avec sa propre connexion
agency-assignment-waiting-for-client = en attente de la connexion de ce compte par le client
agency-assignments = Clients auxquels { $account } est attribué
agency-assignment-waiting = En attente
agency-assignment-client-approves = { $client } approuve les publications
agency-assignment-credentials-of = Identifiants utilisés pour publier pour { $client }
agency-credentials-agency = Les identifiants de l’agence
agency-credentials-client = La propre connexion du client
agency-assignment-save = Enregistrer
    .aria = Enregistrer l’attribution de { $account } à { $client }
agency-take-away = Retirer
    .aria = Retirer { $account } au client { $client }

agency-reconnect-email = Envoyer l’e-mail de reconnexion
    .aria = Envoyer l’e-mail de reconnexion pour { $account }
agency-assign-to = Attribuer { $account } à
agency-assign-approves = Le client approuve les publications
agency-assign-credentials = Identifiants utilisés pour publier
agency-assign = Attribuer
    .aria = Attribuer { $account }
agency-disconnect = Déconnecter
    .aria = Déconnecter { $account }

agency-own-heading = Connecter les comptes de l’agence
agency-connect-own = { $platform }
    .aria = { $platform } : connecter un compte de l’agence
