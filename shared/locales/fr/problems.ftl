# Les problèmes tels que les pages les expliquent : un titre et un détail par type de
# problème (le slug du `type` de l'API, qui n'est pas traduit).

problem-other-title = Cette action n'a pas pu aboutir
problem-other-detail = Revenez en arrière et réessayez. Si le problème persiste, communiquez ce code à votre agence : { $code }.

problem-internal-title = Une erreur s'est produite
problem-internal-detail = Une erreur s'est produite de notre côté. Veuillez réessayer.
problem-unreadable-item-title = Une erreur s'est produite
problem-unreadable-item-detail = Une donnée enregistrée pour cette page est illisible. Réessayer n'y changera rien tant que l'exploitant de ce service ne l'aura pas réparée.

problem-invalid-parameter-title = Paramètre non valide
problem-invalid-parameter-detail = L'adresse de la page ou le formulaire contient une valeur que cette page ne peut pas utiliser. Revenez en arrière et réessayez.
problem-invalid-body-title = Formulaire non valide
problem-invalid-body-detail = Le formulaire contient une valeur que cette page ne peut pas utiliser. Revenez en arrière, vérifiez votre saisie et réessayez.
problem-invalid-email-title = Adresse e-mail non valide
problem-invalid-email-detail = Cette adresse e-mail ne peut pas recevoir d'invitation. Vérifiez-la et réessayez.
problem-wider-than-client-title = Plus large que les droits du client
problem-wider-than-client-detail = Une personne ou un lien d'un client peut recevoir moins que le client, jamais plus. Modifiez d'abord les droits du client.
problem-batch-empty-title = Personne n'est coché
problem-batch-empty-detail = Cochez d'abord au moins une personne.
problem-batch-too-large-title = Trop de personnes à la fois
problem-batch-too-large-detail = Vous avez coché { $asked } personnes et une étape en traite au plus { $max }. Rien n'a été fait : procédez en plusieurs étapes.
problem-batch-repeats-a-person-title = Personne cochée deux fois
problem-batch-repeats-a-person-detail = La même personne a été cochée plusieurs fois. Rien n'a été fait : rechargez la page et réessayez.

problem-invalid-token-title = Veuillez vous reconnecter
problem-invalid-token-detail = Votre session a pris fin ou ce formulaire n'est plus à jour. Rechargez la page et réessayez.
problem-issuer-unavailable-title = Connexion indisponible
problem-issuer-unavailable-detail = Les connexions ne peuvent pas être vérifiées pour le moment : le fournisseur d'identité est injoignable. Réessayez dans une minute.
problem-not-workspace-member-title = Vous ne pouvez pas faire cela ici
problem-not-workspace-member-detail = Vous n'êtes pas membre actif de cet espace de travail, ou votre rôle n'inclut pas cette action.
problem-not-workspace-admin-title = Vous ne pouvez pas faire cela ici
problem-not-workspace-admin-detail = Seul le propriétaire ou un administrateur de cet espace de travail peut faire cela.
problem-team-plan-required-title = Offre Team requise
problem-team-plan-required-detail = Les clients, leurs invitations et le lien d'invitation font partie de l'offre Team. Cet espace de travail est sur l'offre { $plan } : son propriétaire peut passer à Team dans Paramètres → Facturation, puis réessayer.
problem-platform-not-allowed-title = Vous ne pouvez pas faire cela ici
problem-platform-not-allowed-detail = { $platform } ne fait pas partie des plateformes autorisées pour ce client, cette personne ou ce lien. L'agence décide des plateformes que chacun peut utiliser.
problem-disconnect-not-allowed-title = Vous ne pouvez pas faire cela ici
problem-disconnect-not-allowed-detail = Les clients ne peuvent déconnecter que leurs propres comptes, et seulement si l'espace de travail le permet. Demandez à l'agence de le déconnecter.
problem-two-factor-required-title = Se connecter avec un second facteur
problem-two-factor-required-detail = L'agence exige que les personnes de ce client se connectent avec un second facteur (un code d'une application d'authentification ou reçu par e-mail, ou une clé de sécurité) pour accepter, connecter ou déconnecter, et cette connexion n'en avait pas. Reconnectez-vous avec un second facteur, puis réessayez.
problem-connect-link-needs-sign-in-title = Ce lien de connexion ne fonctionne plus
problem-connect-link-needs-sign-in-detail = L'agence exige désormais une connexion à deux facteurs pour ce client : son lien de connexion sans identifiant ne fonctionne donc plus. Connectez-vous plutôt avec votre propre compte et un second facteur ; si vous n'avez pas de compte ici, demandez une invitation à l'agence.
problem-two-factor-client-has-no-link-title = Pas de lien de connexion pour un client à deux facteurs
problem-two-factor-client-has-no-link-detail = Ce client exige une connexion à deux facteurs, et un lien de connexion laisse entrer quiconque le détient sans se connecter. Invitez plutôt les personnes du client : elles se connectent avec un second facteur.

problem-email-mismatch-title = Connectez-vous avec l'adresse invitée
problem-email-mismatch-detail = Cette invitation a été envoyée à une autre adresse e-mail. Connectez-vous en tant que personne invitée pour l'accepter.
problem-email-not-verified-title = Connectez-vous avec l'adresse invitée
problem-email-not-verified-detail = Votre connexion n'était pas accompagnée d'une adresse e-mail vérifiée. Vérifiez votre adresse auprès de votre fournisseur de connexion, puis réessayez.
problem-inviter-email-not-verified-title = Adresse e-mail de l'invitant non vérifiée
problem-inviter-email-not-verified-detail = Seule une personne dont l'adresse e-mail est vérifiée peut inviter : les invitations partent en son nom, et un lien d'invitation permet à quiconque le détient de rejoindre l'espace. Votre connexion n'était pas accompagnée d'une adresse vérifiée. Vérifiez-la auprès de votre fournisseur de connexion, reconnectez-vous, puis invitez.
problem-resend-too-soon-title = Renvoyée trop tôt
problem-resend-too-soon-detail = Cette invitation vient d'être envoyée par e-mail. Attendez quelques minutes avant de la renvoyer.
problem-invitation-quota-reached-title = Limite quotidienne d'invitations atteinte
problem-invitation-quota-reached-detail = Cet espace de travail a déjà envoyé ses { $count } e-mails du jour (les invitations et les e-mails de reconnexion comptent de la même façon). Réessayez demain (UTC).
problem-no-seat-left-title = Cet espace de travail est complet
problem-no-seat-left-detail = { $count ->
    [one] La seule place de cet espace de travail est prise, et une personne d'un client qui peut publier en occupe une. L'agence peut ajouter une place, ou laisser entrer cette personne sans le droit de publier.
   *[other] Les { $count } places de cet espace de travail sont prises, et une personne d'un client qui peut publier en occupe une. L'agence peut ajouter une place, ou laisser entrer cette personne sans le droit de publier.
}
problem-invitation-already-pending-title = Invitation déjà en attente
problem-invitation-already-pending-detail = { $email } a déjà une invitation en attente pour cet espace de travail. Renvoyez cette invitation pour envoyer un nouveau lien.
problem-already-member-title = Vous êtes déjà dans cet espace de travail
problem-already-member-detail = { $email } est ou a été membre de cet espace de travail. Une personne retirée ne revient que par une invitation envoyée par e-mail.
problem-address-complained-title = L'adresse a signalé notre e-mail comme spam
problem-address-complained-detail = { $email } a signalé comme spam un précédent e-mail de cet espace de travail : aucun autre ne lui est envoyé sans votre confirmation. Vérifiez d'abord auprès de la personne.
problem-invitation-already-accepted-title = Cette invitation a déjà été acceptée
problem-invitation-already-accepted-detail = Cette invitation a déjà été acceptée.
problem-not-a-client-title = Pas un client
problem-not-a-client-detail = Seul un client qui a accepté une invitation peut être retiré ; une invitation en attente est révoquée.
problem-invitation-not-found-title = Invitation introuvable
problem-invitation-not-found-detail = Cette invitation n'existe pas dans cet espace de travail.
problem-invite-link-not-found-title = Ce lien ne fonctionne pas
problem-invite-link-not-found-detail = Ce lien n'existe pas ou ne fonctionne plus : il a peut-être été remplacé ou désactivé. Si vous en avez reçu un plus récent, utilisez celui-là.
problem-invitation-expired-title = Cette invitation a expiré
problem-invitation-expired-detail = Cette invitation a expiré. L'agence peut la renvoyer, ce qui envoie un nouveau lien.
problem-invitation-revoked-title = Cette invitation a été retirée
problem-invitation-revoked-detail = Cette invitation a été révoquée par l'agence et ne peut plus être utilisée.
problem-email-delivery-failed-title = Échec de l'envoi de l'e-mail
problem-email-delivery-failed-detail = L'invitation a été enregistrée, mais son e-mail n'a pas pu être envoyé. Renvoyez-la une fois le problème résolu.

problem-workspace-not-found-title = Espace de travail introuvable
problem-workspace-not-found-detail = Cet espace de travail n'existe pas.
problem-client-not-found-title = Client introuvable
problem-client-not-found-detail = Ce client n'existe pas dans cet espace de travail.
problem-person-not-found-title = Personne introuvable
problem-person-not-found-detail = Cette personne n'existe pas ici : ni parmi les personnes de ce client, ni parmi les membres de l'agence de cet espace de travail.
problem-client-removed-title = Cet accès a pris fin
problem-client-removed-detail = Ce client a été retiré de l'espace de travail (ou cette personne du client) : ce qui a été retiré ne peut plus être utilisé.
problem-concurrent-change-title = Modifié au même moment
problem-concurrent-change-detail = Autre chose a changé au même moment. Rechargez la page et réessayez.
problem-connections-outside-rights-title = Connexions hors des nouveaux droits
problem-connections-outside-rights-detail = { $count ->
    [one] Cette modification retire { $platforms } au client, qui y a un compte connecté. Indiquez ce qu'il devient : le garder ou le déconnecter.
   *[other] Cette modification retire { $platforms } au client, qui y a { $count } comptes connectés. Indiquez ce qu'ils deviennent : les garder ou les déconnecter.
}

problem-unknown-platform-title = Plateforme inconnue
problem-unknown-platform-detail = { $platform } n'est pas une plateforme que ce service connecte.
problem-platform-not-configured-title = Plateforme non configurée
problem-platform-not-configured-detail = Les connexions { $platform } ne sont pas encore configurées ici. L'exploitant de ce service peut les ajouter.
problem-connection-not-found-title = Cette connexion n'existe plus
problem-connection-not-found-detail = Cette connexion n'existe pas dans cet espace de travail.
problem-not-an-agency-connection-title = Pas une connexion de l'agence
problem-not-an-agency-connection-detail = Seules les connexions propres à l'agence peuvent être attribuées à un client ; la connexion d'un client lui appartient déjà.
problem-assignment-not-found-title = Attribution introuvable
problem-assignment-not-found-detail = Ce compte n'est pas attribué à ce client.
problem-too-many-assignments-title = Trop d'attributions
problem-too-many-assignments-detail = Un compte peut être attribué à { $count } clients au plus. Retirez-le d'abord à l'un d'eux.
problem-client-cannot-connect-title = Le client ne peut pas connecter cette plateforme
problem-client-cannot-connect-detail = Le client n'a pas le droit de connecter des comptes { $platform } : ses propres identifiants ne pourraient donc jamais publier sur ce compte. Donnez-lui d'abord le droit de connecter { $platform }, ou publiez pour lui avec les identifiants de l'agence.
problem-assignment-waiting-title = En attente de la connexion du client lui-même
problem-assignment-waiting-detail = Ce compte publie pour ce client avec les identifiants du client lui-même, et le client n'a pas encore connecté le compte. Cela lui a été demandé.
problem-choice-expired-title = Ce choix a expiré
problem-choice-expired-detail = Ce choix de comptes a expiré ou a déjà été fait. Connectez-vous à nouveau depuis la page de connexion des comptes.
problem-connection-needs-reconnect-title = Connexion à reconnecter
problem-connection-needs-reconnect-detail = Cette connexion doit être reconnectée : la plateforme l'a refusée ou son accès a expiré.
problem-connection-healthy-title = La connexion fonctionne
problem-connection-healthy-detail = Cette connexion fonctionne : il n'y a rien à reconnecter.
problem-nobody-to-notify-title = Personne à prévenir
problem-nobody-to-notify-detail = Personne pouvant reconnecter ce compte n'est joignable par e-mail : son client n'a aucune personne active, ou la personne qui a connecté le compte de l'agence ne gère plus l'espace de travail.
problem-reconnect-email-too-soon-title = E-mail de reconnexion envoyé trop tôt
problem-reconnect-email-too-soon-detail = Les personnes pouvant reconnecter ce compte viennent d'en être prévenues par e-mail. Attendez quelques minutes avant de leur écrire à nouveau.
problem-email-quota-reached-title = Limite quotidienne d'e-mails atteinte
problem-email-quota-reached-detail = Cet espace de travail a déjà envoyé ses { $count } e-mails du jour (les invitations et les e-mails de reconnexion comptent de la même façon), et cette action en enverrait davantage. Réessayez demain (UTC).
problem-reconnect-email-not-sent-title = E-mail de reconnexion non envoyé
problem-reconnect-email-not-sent-detail = Le service d'e-mail n'a accepté aucun des e-mails de reconnexion. Rien n'a été envoyé : vous pouvez réessayer dès que le problème est résolu.
problem-platform-unavailable-title = Plateforme indisponible
problem-platform-unavailable-detail = { $platform } n'a pas répondu correctement. Réessayez dans une minute.
