# Les pages du client : l'invitation, la page du lien d'invitation, la page de
# connexion des comptes, le choix des comptes après un consentement, et ce qu'elles
# disent des droits et des connexions. Vouvoiement. Le nom accessible d'un bouton
# commence par son texte visible : les messages *-label commencent par celui du bouton.

list-and = { $rest } et { $last }

## Communs à l'invitation et au lien d'invitation

client-as-person-of = En tant que membre de { $client }
client-platforms-label = Plateformes que vous pouvez connecter :
client-signed-in-as = Connecté en tant que { $email }.
client-sign-in-or-create = Se connecter ou créer un compte
client-sign-in-second-factor = Se connecter avec un second facteur

## La page de l'invitation

invite-title = Invitation de { $workspace }
invite-heading = { $inviter } vous invite à connecter vos réseaux sociaux à { $workspace }
invite-what-heading = Ce que l'on vous demande
invite-connect-own = Connectez vos propres comptes pour que { $workspace } puisse publier pour vous. Vous ne communiquez jamais de mot de passe : chaque plateforme vous demande votre consentement sur sa propre page.
invite-connect-own-may-disconnect = Connectez vos propres comptes pour que { $workspace } puisse publier pour vous. Vous ne communiquez jamais de mot de passe : chaque plateforme vous demande votre consentement sur sa propre page, et vous pouvez les déconnecter à tout moment.
invite-join-only = Rejoignez { $workspace } pour voir les comptes gérés pour vous.
invite-valid-until = Cette invitation pour { $email } est valable jusqu'au { $expires }.
invite-two-factor = { $workspace } exige une connexion à deux facteurs : lors de la connexion, vous confirmez aussi avec un second facteur (un code de votre application d'authentification ou reçu par e-mail, ou une clé de sécurité).
invite-signed-in-without-factor = Connecté en tant que { $email }, sans second facteur.
invite-accept = Accepter l'invitation
invite-wrong-account = Vous êtes connecté en tant que { $signed_in }, mais cette invitation est destinée à { $email }. Connectez-vous avec cette adresse pour l'accepter.
invite-sign-in-as = Se connecter en tant que { $email }

## La page du lien d'invitation

join-title = Rejoindre { $workspace } en tant que client
join-what-heading = Ce que signifie rejoindre
join-explained = Vous connectez vos propres réseaux sociaux pour que { $workspace } puisse publier pour vous. Vous ne communiquez jamais de mot de passe et vous pouvez les déconnecter à tout moment.
join-button = Rejoindre { $workspace }
join-link-gone-title = Ce lien d'invitation ne fonctionne plus
join-link-gone-detail = L'agence l'a désactivé ou remplacé par un nouveau. Demandez-lui le lien actuel ; vous n'avez rien rejoint.

## La page de connexion des comptes

connect-title = Connectez vos comptes à { $workspace }
connect-for-client = Pour { $client }
connect-may-do-heading = Ce que vous pouvez faire
connect-may-do-heading-for = Ce que vous pouvez faire pour { $client }
connect-platforms-label = Plateformes
connect-granted = Autorisé : { $scopes }
connect-reconnect = Reconnecter
connect-reconnect-label = { connect-reconnect } { $platform } @{ $account }
connect-disconnect = Déconnecter
connect-disconnect-label = { connect-disconnect } { $platform }
connect-disconnect-account-label = { connect-disconnect } { $platform } @{ $account }
connect-not-connected = Non connecté
connect-another-account = Un autre compte ou une autre page { $platform }
connect-connect = Connecter
connect-connect-label = { connect-connect } { $platform }
connect-connect-another = Connecter un autre
connect-connect-another-label = { connect-connect-another } compte { $platform }
connect-shared-label = Partagé avec vous
connect-shared-heading = Partagé avec vous par { $workspace }
connect-view-only = Consultation seule
connect-assigned-heading = Attribué à vous par { $workspace }
connect-assigned = { $approves ->
    [yes] { $account } sur { $platform } (vous approuvez ses publications)
   *[no] { $account } sur { $platform } (ses publications n'ont pas besoin de votre approbation)
}
connect-assigned-waiting = En attente de votre part : connectez ci-dessus ce même compte { $platform }, pour qu'il publie avec votre propre accès.
connect-assigned-waiting-cannot = En attente de votre part : il publie avec votre propre accès { $platform }, que vous ne pouvez pas encore connecter ; adressez-vous à votre agence.
connect-footer = Chaque plateforme vous demande votre consentement sur sa propre page. { $workspace } ne voit jamais vos mots de passe.
connect-reconnect-needed = Votre connexion { $platform } @{ $account } a besoin de vous : cliquez sur « Reconnecter » et connectez-vous au même compte.
connect-reconnect-fine = Votre connexion { $platform } @{ $account } fonctionne : rien à faire.
connect-reconnect-gone = Cette connexion n'est plus là : connectez à nouveau le compte ci-dessous.
connect-which-workspace-title = Ouvrez le lien de votre agence
connect-which-workspace-detail = Vous êtes client de plusieurs espaces de travail, ou d'aucun pour l'instant. Ouvrez le lien de l'e-mail de votre agence pour choisir.

## Ce qu'une personne peut faire

may-connect-and-disconnect = Vous pouvez connecter et déconnecter des comptes { $platforms }.
may-connect-only = Vous pouvez connecter des comptes { $platforms } ; seule l'agence peut les déconnecter.
may-only-see = Vous pouvez voir vos comptes, mais pas les connecter ni les déconnecter.
may-publish = Vous pouvez publier.
may-approve = Les publications doivent être approuvées par vous avant de partir.
may-analytics = Vous pouvez consulter les statistiques.
may-inbox = Vous pouvez lire les commentaires et messages de la boîte de réception sociale et y répondre.

## L'état d'une connexion

consent-health-connected = Connecté en tant que @{ $account }
consent-health-expiring = Connecté en tant que @{ $account } ; cesse de fonctionner le { $day } ({ $relative }) : reconnectez-le pour le garder
consent-health-expiring-soon = Connecté en tant que @{ $account } ; reconnectez-le bientôt pour le garder
consent-health-expired = À reconnecter (@{ $account }) : son accès a expiré { $relative }
consent-health-refresh-lost = À reconnecter (@{ $account }) : la plateforme n'accepte plus l'accès enregistré
consent-health-withdrawn = À reconnecter (@{ $account }) : l'accès a été retiré sur la plateforme

## Le bandeau après le consentement sur une plateforme

consent-the-platform = la plateforme
consent-connected = Connexion à { $platform } établie.
consent-disconnected = Déconnexion de { $platform } effectuée.
consent-cancelled = Rien n'a été connecté depuis { $platform }.
consent-choice-expired = Ce choix a pris plus de 15 minutes ou a déjà été fait. Veuillez vous connecter à nouveau.
consent-access-denied = Vous avez refusé sur { $platform } ; rien n'a été connecté.
consent-state-expired = Cela a pris plus de 15 minutes. Veuillez vous connecter à nouveau.
consent-connected-elsewhere = Ce compte { $platform } est déjà connecté par quelqu'un d'autre dans cet espace de travail.
consent-platform-error = { $platform } n'a pas terminé la connexion. Veuillez réessayer dans un instant.
consent-cannot-publish = Vous ne pouvez plus publier sur cette page { $platform } : demandez à son administrateur la tâche « Créer du contenu », puis reconnectez-la. Rien n'a été modifié : la connexion garde l'accès qu'elle avait.
consent-wrong-account = Vous vous êtes connecté à { $platform } avec un autre compte que celui de cette connexion. Rien n'a été modifié : reconnectez-vous avec le même compte.
consent-permissions-missing = { $platform } n'a pas autorisé : { $lost }, nécessaire pour publier. Rien n'a été enregistré : connectez-vous à nouveau en laissant toutes les autorisations cochées.
consent-some-permissions = certaines autorisations
consent-failed = La connexion n'a pas pu aboutir. Veuillez recommencer depuis cette page.

## Le choix des comptes après un consentement

choose-title = Choisissez ce que vous connectez à { $workspace }
choose-intro = { $platform } a donné accès à plusieurs comptes. Cochez ceux sur lesquels { $workspace } peut publier ; chacun devient une connexion distincte.
choose-accounts-label = Comptes
choose-cannot-publish = Vous ne pouvez pas publier sur cette page : demandez à son administrateur la tâche « Créer du contenu ».
choose-connect = Connecter les comptes cochés
choose-cancel = Annuler : ne rien connecter
choose-footer = Rien n'est connecté tant que vous n'avez pas cliqué sur un bouton ; ce choix expire 15 minutes après le début.
choose-expired-title = Ce choix a expiré
choose-expired-detail = Cela a pris plus de 15 minutes, ou les comptes ont déjà été choisis. Rien de plus n'a été connecté : connectez-vous à nouveau depuis la page de connexion des comptes.

## Pages de connexion et du lien de connexion

session-second-factor-detail = Votre agence exige une connexion à deux facteurs pour votre compte : pour accepter une invitation, connecter ou déconnecter un compte, reconnectez-vous et confirmez avec votre second facteur (un code de votre application d'authentification ou reçu par e-mail, ou une clé de sécurité). Rien n'a été modifié.
session-link-gone-title = Ce lien de connexion ne fonctionne plus
session-link-gone-detail = L'agence l'a révoqué ou remplacé, ou il a expiré. Demandez-lui un nouveau lien ; rien n'a été connecté.
session-agency-only-title = Cette page est réservée aux propriétaires et administrateurs de l'espace de travail
session-agency-only-detail = Votre compte ne peut pas gérer les clients de cet espace de travail. Si vous avez été invité en tant que client, ouvrez le lien de l'e-mail de votre agence.

## Ce que permet chaque autorisation d'une plateforme

scope-youtube-upload = mettre en ligne des vidéos
scope-youtube-readonly = lire la chaîne
scope-tiktok-user-info-basic = lire le profil
scope-tiktok-video-upload = mettre en ligne des brouillons
scope-tiktok-video-publish = publier des vidéos
scope-instagram-business-basic = lire le profil
scope-instagram-business-content-publish = publier
scope-facebook-pages-show-list = lister les pages
scope-facebook-pages-manage-posts = publier sur la page
scope-facebook-pages-read-engagement = lire la page
scope-linkedin-openid = se connecter
scope-linkedin-profile = lire le profil
scope-linkedin-w-member-social = publier
scope-linkedin-r-organization-admin = lister les pages de votre organisation
scope-linkedin-w-organization-social = publier sur les pages de votre organisation
scope-x-tweet-read = lire les publications
scope-x-tweet-write = publier
scope-x-users-read = lire le profil
scope-x-offline-access = rester connecté sans vous
