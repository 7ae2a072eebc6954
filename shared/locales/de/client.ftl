# Die Seiten des Kunden: die Einladung, die Seite des Einladungslinks, die
# Verbindungsseite, die Auswahl der Konten nach einer Zustimmung und was sie über Rechte
# und Verbindungen sagen. Anrede mit „Sie“. Der zugängliche Name eines Buttons beginnt
# mit seinem sichtbaren Text: die *-label-Nachrichten beginnen mit der des Buttons.

list-and = { $rest } und { $last }

## Gemeinsam für die Einladung und den Einladungslink

client-as-person-of = Als Person von { $client }
client-platforms-label = Plattformen, die Sie verbinden können:
client-signed-in-as = Angemeldet als { $email }.
client-sign-in-or-create = Anmelden oder Konto erstellen
client-sign-in-second-factor = Mit einem zweiten Faktor anmelden

## Die Einladungsseite

invite-title = Einladung von { $workspace }
invite-heading = { $inviter } lädt Sie ein, Ihre Social-Media-Konten mit { $workspace } zu verbinden
invite-what-heading = Worum Sie gebeten werden
invite-connect-own = Verbinden Sie Ihre eigenen Konten, damit { $workspace } für Sie veröffentlichen kann. Sie geben nie ein Passwort weiter: Jede Plattform fragt auf ihrer eigenen Seite nach Ihrer Zustimmung.
invite-connect-own-may-disconnect = Verbinden Sie Ihre eigenen Konten, damit { $workspace } für Sie veröffentlichen kann. Sie geben nie ein Passwort weiter: Jede Plattform fragt auf ihrer eigenen Seite nach Ihrer Zustimmung, und Sie können die Verbindung jederzeit trennen.
invite-join-only = Treten Sie { $workspace } bei, um die Konten zu sehen, die für Sie verwaltet werden.
invite-valid-until = Diese Einladung für { $email } gilt bis { $expires }.
invite-two-factor = { $workspace } verlangt eine Anmeldung mit zwei Faktoren: Bei der Anmeldung bestätigen Sie zusätzlich mit einem zweiten Faktor (einem Code aus Ihrer Authenticator-App oder per E-Mail oder einem Sicherheitsschlüssel).
invite-signed-in-without-factor = Angemeldet als { $email }, ohne zweiten Faktor.
invite-accept = Einladung annehmen
invite-wrong-account = Sie sind als { $signed_in } angemeldet, aber diese Einladung gilt für { $email }. Melden Sie sich mit dieser Adresse an, um sie anzunehmen.
invite-sign-in-as = Als { $email } anmelden

## Die Seite des Einladungslinks

join-title = { $workspace } als Kunde beitreten
join-what-heading = Was der Beitritt bedeutet
join-explained = Sie verbinden Ihre eigenen Social-Media-Konten, damit { $workspace } für Sie veröffentlichen kann. Sie geben nie ein Passwort weiter und können die Verbindung jederzeit trennen.
join-button = { $workspace } beitreten
join-link-gone-title = Dieser Einladungslink funktioniert nicht mehr
join-link-gone-detail = Die Agentur hat ihn deaktiviert oder durch einen neuen ersetzt. Bitten Sie sie um den aktuellen Link; Sie sind nichts beigetreten.

## Die Verbindungsseite

connect-title = Verbinden Sie Ihre Konten mit { $workspace }
connect-for-client = Für { $client }
connect-may-do-heading = Was Sie tun können
connect-may-do-heading-for = Was Sie für { $client } tun können
connect-platforms-label = Plattformen
connect-granted = Erteilt: { $scopes }
connect-reconnect = Neu verbinden
connect-reconnect-label = { connect-reconnect } { $platform } @{ $account }
connect-disconnect = Trennen
connect-disconnect-label = { connect-disconnect } { $platform }
connect-disconnect-account-label = { connect-disconnect } { $platform } @{ $account }
connect-not-connected = Nicht verbunden
connect-another-account = Ein weiteres { $platform }-Konto oder eine weitere Seite
connect-connect = Verbinden
connect-connect-label = { connect-connect } { $platform }
connect-connect-another = Weiteres verbinden
connect-connect-another-label = { connect-connect-another } { $platform }-Konto
connect-shared-label = Mit Ihnen geteilt
connect-shared-heading = Von { $workspace } mit Ihnen geteilt
connect-view-only = Nur ansehen
connect-assigned-heading = Ihnen von { $workspace } zugewiesen
connect-assigned = { $approves ->
    [yes] { $account } auf { $platform } (Sie geben seine Beiträge frei)
   *[no] { $account } auf { $platform } (seine Beiträge brauchen Ihre Freigabe nicht)
}
connect-assigned-waiting = Wartet auf Sie: Verbinden Sie oben dasselbe { $platform }-Konto, damit es mit Ihrem eigenen Zugang veröffentlicht.
connect-assigned-waiting-cannot = Wartet auf Sie: Es veröffentlicht mit Ihrem eigenen { $platform }-Zugang, den Sie noch nicht verbinden können; fragen Sie Ihre Agentur.
connect-footer = Jede Plattform fragt auf ihrer eigenen Seite nach Ihrer Zustimmung. { $workspace } sieht Ihre Passwörter nie.
connect-reconnect-needed = Ihre { $platform }-Verbindung @{ $account } braucht Sie: Klicken Sie auf „Neu verbinden“ und melden Sie sich beim selben Konto an.
connect-reconnect-fine = Ihre { $platform }-Verbindung @{ $account } funktioniert: Es ist nichts zu tun.
connect-reconnect-gone = Diese Verbindung gibt es hier nicht mehr: Verbinden Sie das Konto unten erneut.
connect-which-workspace-title = Öffnen Sie den Link Ihrer Agentur
connect-which-workspace-detail = Sie sind Kunde mehrerer Arbeitsbereiche oder noch keines. Öffnen Sie den Link in der E-Mail Ihrer Agentur, um zu wählen.

## Was eine Person tun kann

may-connect-and-disconnect = Sie können { $platforms }-Konten verbinden und trennen.
may-connect-only = Sie können { $platforms }-Konten verbinden; nur die Agentur kann sie trennen.
may-only-see = Sie können Ihre Konten sehen, aber nicht verbinden oder trennen.
may-publish = Sie können Beiträge veröffentlichen.
may-approve = Beiträge brauchen Ihre Freigabe, bevor sie erscheinen.
may-analytics = Sie können Statistiken sehen.
may-inbox = Sie können Kommentare und Nachrichten im Social-Posteingang lesen und beantworten.

## Der Zustand einer Verbindung

consent-health-connected = Verbunden als @{ $account }
consent-health-expiring = Verbunden als @{ $account }; funktioniert ab dem { $day } ({ $relative }) nicht mehr: neu verbinden, um sie zu behalten
consent-health-expiring-soon = Verbunden als @{ $account }; bald neu verbinden, um sie zu behalten
consent-health-expired = Muss neu verbunden werden (@{ $account }): Der Zugang ist { $relative } abgelaufen
consent-health-refresh-lost = Muss neu verbunden werden (@{ $account }): Die Plattform akzeptiert den gespeicherten Zugang nicht mehr
consent-health-withdrawn = Muss neu verbunden werden (@{ $account }): Der Zugang wurde auf der Plattform entzogen

## Der Hinweis nach der Zustimmung bei einer Plattform

consent-the-platform = der Plattform
consent-connected = { $platform } ist verbunden.
consent-disconnected = { $platform } ist getrennt.
consent-cancelled = Von { $platform } wurde nichts verbunden.
consent-choice-expired = Diese Auswahl hat länger als 15 Minuten gedauert oder wurde schon getroffen. Bitte verbinden Sie erneut.
consent-access-denied = Sie haben bei { $platform } abgelehnt; es wurde nichts verbunden.
consent-state-expired = Das hat länger als 15 Minuten gedauert. Bitte verbinden Sie erneut.
consent-connected-elsewhere = Dieses { $platform }-Konto hat bereits jemand anderes in diesem Arbeitsbereich verbunden.
consent-platform-error = { $platform } hat die Verbindung nicht abgeschlossen. Bitte versuchen Sie es gleich noch einmal.
consent-cannot-publish = Sie dürfen auf dieser { $platform }-Seite nicht mehr veröffentlichen: Bitten Sie ihren Administrator um die Aufgabe „Inhalte erstellen“ und verbinden Sie dann neu. Nichts wurde geändert: Die Verbindung behält ihren bisherigen Zugang.
consent-wrong-account = Sie haben sich bei { $platform } mit einem anderen Konto angemeldet als dem dieser Verbindung. Nichts wurde geändert: Verbinden Sie mit demselben Konto neu.
consent-permissions-missing = { $platform } hat Folgendes nicht erlaubt: { $lost }. Das wird zum Veröffentlichen gebraucht. Nichts wurde gespeichert: Verbinden Sie erneut und lassen Sie alle Berechtigungen angehakt.
consent-some-permissions = einige Berechtigungen
consent-failed = Die Verbindung konnte nicht abgeschlossen werden. Bitte beginnen Sie auf dieser Seite neu.

## Die Auswahl der Konten nach einer Zustimmung

choose-title = Wählen Sie, was mit { $workspace } verbunden wird
choose-intro = { $platform } hat Zugriff auf mehr als ein Konto gegeben. Haken Sie die an, auf denen { $workspace } veröffentlichen darf; jedes wird eine eigene Verbindung.
choose-accounts-label = Konten
choose-cannot-publish = Sie können auf dieser Seite nicht veröffentlichen: Bitten Sie ihren Administrator um die Aufgabe „Inhalte erstellen“.
choose-connect = Angehakte verbinden
choose-cancel = Abbrechen: nichts verbinden
choose-footer = Nichts wird verbunden, bevor Sie auf einen Button klicken; diese Auswahl verfällt 15 Minuten nach dem Start.
choose-expired-title = Diese Auswahl ist abgelaufen
choose-expired-detail = Es hat länger als 15 Minuten gedauert, oder die Konten wurden bereits gewählt. Es wurde nichts weiter verbunden: Verbinden Sie erneut über die Verbindungsseite.

## Anmelde- und Verbindungslink-Seiten

session-second-factor-detail = Ihre Agentur verlangt für Ihr Konto hier eine Anmeldung mit zwei Faktoren: Um eine Einladung anzunehmen oder ein Konto zu verbinden oder zu trennen, melden Sie sich erneut an und bestätigen Sie mit Ihrem zweiten Faktor (einem Code aus Ihrer Authenticator-App oder per E-Mail oder einem Sicherheitsschlüssel). Nichts wurde geändert.
session-link-gone-title = Dieser Verbindungslink funktioniert nicht mehr
session-link-gone-detail = Die Agentur hat ihn widerrufen oder ersetzt, oder er ist abgelaufen. Bitten Sie sie um einen neuen Link; es wurde nichts verbunden.
session-agency-only-title = Diese Seite ist für die Inhaber und Administratoren des Arbeitsbereichs
session-agency-only-detail = Ihr Konto kann die Kunden dieses Arbeitsbereichs nicht verwalten. Wenn Sie als Kunde eingeladen wurden, öffnen Sie den Link aus der E-Mail Ihrer Agentur.

## Was jede Berechtigung einer Plattform erlaubt

scope-youtube-upload = Videos hochladen
scope-youtube-readonly = den Kanal lesen
scope-tiktok-user-info-basic = das Profil lesen
scope-tiktok-video-upload = Entwürfe hochladen
scope-tiktok-video-publish = Videos veröffentlichen
scope-instagram-business-basic = das Profil lesen
scope-instagram-business-content-publish = veröffentlichen
scope-facebook-pages-show-list = die Seiten auflisten
scope-facebook-pages-manage-posts = auf der Seite veröffentlichen
scope-facebook-pages-read-engagement = die Seite lesen
scope-linkedin-openid = anmelden
scope-linkedin-profile = das Profil lesen
scope-linkedin-w-member-social = veröffentlichen
scope-linkedin-r-organization-admin = die Seiten Ihrer Organisation auflisten
scope-linkedin-w-organization-social = auf den Seiten Ihrer Organisation veröffentlichen
scope-x-tweet-read = Beiträge lesen
scope-x-tweet-write = veröffentlichen
scope-x-users-read = das Profil lesen
scope-x-offline-access = ohne Sie verbunden bleiben
