# Die Seiten der Agentur: die Kundenliste, der Einladungslink, die Verbindungen, die
# Rechte eines Kunden und die Wahl des Arbeitsbereichs. Der zugängliche Name (`.aria`)
# einer Schaltfläche oder eines Links beginnt mit ihren sichtbaren Worten.

## Jede Seite der Agentur

agency-nav = Arbeitsbereich
agency-nav-clients = Kunden
agency-nav-invite-link = Einladungslink
agency-nav-connections = Verbindungen
agency-copy = Kopieren
agency-copied = Kopiert
agency-copy-by-hand = Zum Kopieren Strg+C drücken
agency-cancel = Abbrechen
agency-save = Speichern
agency-next-page = Nächste Seite
agency-keep-connections = Für Veröffentlichungen behalten
agency-disconnect-connections = Trennen

## Was eine Schaltfläche bewirkt hat, gesagt auf der Seite, zu der sie zurückführt

agency-notice-invited = Die Einladung ist unterwegs.
agency-notice-resent = Ein neuer Link ist unterwegs; der bisherige funktioniert nicht mehr.
agency-notice-revoked = Die Einladung wurde zurückgezogen; ihr Link funktioniert nicht mehr.
agency-notice-removed = Die Person wurde entfernt; sie kann nicht mehr für den Kunden handeln.
agency-notice-deleted = Der Kunde wurde gelöscht; seine Personen und sein Verbindungslink funktionieren nicht mehr.
agency-notice-link-revoked = Der Verbindungslink des Kunden funktioniert nicht mehr.
agency-notice-saved = Die Einstellungen des Einladungslinks sind gespeichert.
agency-notice-refreshed = Der Einladungslink wurde ersetzt; der bisherige funktioniert nicht mehr.
agency-notice-reconnect-sent = Der Kunde hat per E-Mail einen Link zum erneuten Verbinden erhalten.
agency-notice-disconnected = Das Konto wurde getrennt.
agency-notice-assigned = Die Zuweisung ist gespeichert.
agency-notice-unassigned = Das Konto wurde diesem Kunden entzogen.
agency-notice-rights-changed = Die Rechte des Kunden sind gespeichert; seine Personen dürfen nun, was sie vorsehen.
agency-notice-link-made = Der Verbindungslink gilt bis zum { $until }; kopieren Sie ihn jetzt, er wird nur einmal angezeigt. Ein neuer Link beendet diesen.

## Einen Arbeitsbereich wählen

agency-pick-heading = Arbeitsbereich wählen
agency-pick-list = Ihre Arbeitsbereiche

## Was die Personen eines Kunden dürfen

agency-permissions = Berechtigungen
agency-platforms = Plattformen
agency-may-connect-and-disconnect = Konten verbinden und trennen
agency-may-connect = Konten verbinden
agency-may-publish = Veröffentlichen (belegt einen Platz)
agency-may-see-analytics = Statistiken ansehen
agency-may-approve = Beiträge freigeben
agency-may-manage-inbox = Den Social-Media-Posteingang verwalten
agency-two-factor = Anmeldung mit zwei Faktoren verlangen

agency-rights-connect = { $platforms } verbinden
agency-rights-see = Eigene Konten auf { $platforms } ansehen
agency-rights-publish = veröffentlichen
agency-rights-see-analytics = Statistiken ansehen
agency-rights-approve = Beiträge freigeben
agency-rights-manage-inbox = Posteingang verwalten

## Die Kundenliste

agency-clients-heading = Kunden von { $workspace }
agency-invite-heading = Kunden einladen
agency-invite-client = Kunde
agency-invite-new-client = Ein neuer Kunde
agency-invite-client-name = Name des neuen Kunden
agency-invite-email = E-Mail-Adresse
agency-invite-name = Vollständiger Name
agency-invite-rights-hint = Ein neuer Kunde erhält die Berechtigungen und Plattformen unten; eine Person eines bestehenden Kunden erhält die dieses Kunden.
agency-invite-two-factor-hint = Für einen neuen Kunden: Seine Personen melden sich mit einem zweiten Faktor an, um anzunehmen, zu verbinden und zu trennen, und er erhält keinen Verbindungslink.
agency-invite-send = Einladung senden

agency-seats-used = { $used } von { $limit ->
    [one] { $limit } Platz
   *[other] { $limit } Plätzen
} belegt
agency-seats-over = Dieser Arbeitsbereich belegt { $over ->
    [one] { $over } Platz
   *[other] { $over } Plätze
} mehr, als sein Tarif bezahlt. Niemand, der Beiträge veröffentlichen darf, kann eingeladen werden oder beitreten, bis Plätze frei werden oder hinzukommen; Personen, die nur Konten verbinden, können es weiterhin.
agency-seats-full = Alle Plätze sind belegt. Niemand, der Beiträge veröffentlichen darf, kann eingeladen werden oder beitreten, bis ein Platz frei wird oder hinzukommt; Personen, die nur Konten verbinden, können es weiterhin.

agency-list-clients = Kunden und ihre Personen, neueste zuerst
agency-list-people = Personen, neueste zuerst
agency-filter-status = Status
agency-filter-all = Alle Kunden
agency-filter-show = Anzeigen
agency-none-with-status = Niemand hat diesen Status.
agency-no-clients = Noch keine Kunden: Laden Sie oben einen ein.

agency-status-invited = Eingeladen
agency-status-active = Aktiv
agency-status-expired = Abgelaufen
agency-status-revoked = Widerrufen
agency-status-deactivated = Deaktiviert
agency-client-deleted = Gelöscht
agency-delivery-failed = E-Mail nicht zugestellt
agency-delivery-complained = Als Spam markiert

agency-client-summary = { $rights } · Kunde seit dem { $date }
agency-connect-link = Verbindungslink
agency-new-connect-link = Neuer Verbindungslink
    .aria = Neuer Verbindungslink für { $client }
agency-end-connect-link = Verbindungslink beenden
    .aria = Verbindungslink beenden für { $client }
agency-change-rights = Rechte ändern
    .aria = Rechte ändern für { $client }
agency-delete-client = Kunden löschen
    .aria = Kunden löschen: { $client }

agency-person-invited = Eingeladen von { $inviter }; der Link gilt bis zum { $when }
agency-person-expired = Der Link ist am { $when } abgelaufen
agency-person-joined = Beigetreten
agency-person-joined-at = Beigetreten am { $when }
agency-person-closed-at = Seit dem { $when }
agency-resend = Erneut senden
    .aria = Erneut senden: Einladung an { $email }
agency-resend-anyway = Trotzdem erneut senden
    .aria = Trotzdem erneut senden an { $email }, obwohl diese Adresse unsere E-Mail als Spam markiert hat
agency-revoke = Widerrufen
    .aria = Widerrufen: Einladung an { $email }
agency-remove = Entfernen
    .aria = Entfernen: { $email }

agency-delete-heading = { $client } löschen?
agency-delete-explained = Seine Personen verlieren sofort den Zugang, und sein Verbindungslink funktioniert nicht mehr. Was geschieht mit seinen verbundenen Konten?
agency-delete-connections = Seine verbundenen Konten
agency-delete-confirm = { $client } löschen

## Die angehakten Personen der Kundenliste

agency-ticked = Die unten angehakten Personen
agency-ticked-select = Auswählen:
agency-ticked-resend = Ausgewählte erneut einladen
agency-ticked-revoke = Ausgewählte widerrufen
agency-ticked-remove = Ausgewählte entfernen
agency-ticked-none = Haken Sie zuerst mindestens eine Person an.
agency-ticked-too-many = { $asked } Personen sind angehakt; ein Schritt umfasst höchstens { $most }. Es wurde nichts getan: Haken Sie weniger an.
agency-ticked-unreadable = Die angehakten Personen konnten nicht gelesen werden: Laden Sie die Seite neu und haken Sie sie erneut an.
agency-ticked-gone = Keine der angehakten Personen gehört noch zu diesem Arbeitsbereich.
agency-ticked-resent = Erneut gesendet an { $people }.
agency-ticked-revoked = Widerrufen für { $people }.
agency-ticked-removed = Entfernt: { $people }.
agency-ticked-not-resent = Erneutes Senden an { $person } nicht möglich: { $why }
agency-ticked-not-revoked = Widerruf für { $person } nicht möglich: { $why }
agency-ticked-not-removed = Entfernen von { $person } nicht möglich: { $why }
agency-ticked-unknown = die unbekannte Person { $id }

agency-remove-heading = { $count ->
    [one] { $count } Person entfernen?
   *[other] { $count } Personen entfernen?
}
agency-remove-explained = Wer beigetreten ist, kann nicht mehr für seinen Kunden handeln; der Link einer offenen Einladung funktioniert nicht mehr. Ihre verbundenen Konten bleiben bestehen.
agency-remove-confirm = { $count ->
    [one] { $count } Person entfernen
   *[other] { $count } Personen entfernen
}
agency-remove-line = { $person }: { $effect }
agency-remove-named = { $name } ({ $email })
agency-remove-leaves = verlässt den Kunden sofort
agency-remove-withdrawn = die Einladung wird zurückgezogen
agency-remove-gone = bereits weg: nichts zu tun

## Der Einladungslink

agency-invite-link-heading = Einladungslink von { $workspace }
agency-invite-link-the-link = Der Link
agency-invite-link-explained = Wer diesen Link hat, kann nach der Anmeldung als Kunde beitreten.
agency-invite-link-refresh-hint = Beim Erneuern entsteht ein neuer Link; der aktuelle funktioniert sofort nicht mehr.
agency-invite-link-refresh = Link erneuern
agency-invite-link-off = Der Einladungslink ist ausgeschaltet: Niemand kann damit beitreten.
agency-invite-link-settings = Einstellungen
agency-invite-link-on = Der Einladungslink ist eingeschaltet
agency-invite-link-joiners = Wer beitritt, wird
agency-invite-link-new-client = jeweils ein neuer Kunde
agency-invite-link-people-of = Person von { $client }
agency-invite-link-permissions = Berechtigungen für Beitretende
agency-invite-link-platforms = Plattformen, die Beitretende verbinden dürfen

## Die Rechte eines Kunden

agency-rights-heading = Rechte von { $client }
agency-rights-what = Was seine Personen dürfen
agency-rights-explained = Jede Person von { $client } erhält höchstens diese Rechte; wer mit weniger eingeladen wurde, behält weniger. Ist nichts angehakt, gilt nur Lesezugriff: Die Personen sehen ihre Konten und ändern nichts.
agency-rights-platforms = Plattformen, die seine Personen verbinden dürfen
agency-rights-two-factor-hint = Seine Personen melden sich dann mit einem zweiten Faktor an, um anzunehmen, zu verbinden und zu trennen, und sein Verbindungslink funktioniert nicht mehr.
agency-rights-outside = Seine verbundenen Konten auf { $platforms }
agency-rights-save = Rechte speichern
agency-rights-ask = Diese Änderung entzieht dem Kunden { $platforms }, wo er { $count ->
    [one] { $count } verbundenes Konto
   *[other] { $count } verbundene Konten
} hat. Wählen Sie unten, ob sie behalten oder getrennt werden, und speichern Sie dann erneut.

## Die Verbindungen

agency-connections-heading = Verbindungen von { $workspace }
agency-connections-list = Verbundene Konten, neueste zuerst
agency-connections-none = Noch sind keine Konten verbunden.
agency-health-healthy = Funktioniert
agency-health-expiring = Läuft bald ab
agency-health-needs-reconnect = Neu verbinden nötig
agency-owner-agency = Die Agentur
agency-owner-removed = Ein entfernter Kunde
agency-health-since = seit dem { $when }
agency-connected-by = Verbunden von { $person } am { $when }
agency-connected-by-someone-gone = einem ehemaligen Mitglied

agency-assignment = sichtbar für { $client } · { $approval } · { $credentials }
agency-assignment-removed-client = (entfernter Kunde)
agency-assignment-approves = der Kunde gibt Beiträge frei
agency-assignment-no-approval = keine Freigabe nötig
agency-assignment-agency-publishes = veröffentlicht mit den Zugangsdaten der Agentur
agency-assignment-client-publishes = veröffentlicht über die eigene Verbindung des Kunden
agency-assignment-waiting-for-client = wartet darauf, dass der Kunde dieses Konto verbindet
agency-assignments = Kunden, denen { $account } zugewiesen ist
agency-assignment-waiting = Wartet
agency-assignment-client-approves = { $client } gibt Beiträge frei
agency-assignment-credentials-of = Wessen Zugangsdaten für { $client } veröffentlichen
agency-credentials-agency = Die Zugangsdaten der Agentur
agency-credentials-client = Die eigene Verbindung des Kunden
agency-assignment-save = Speichern
    .aria = Speichern: Zuweisung von { $account } an { $client }
agency-take-away = Entziehen
    .aria = Entziehen: { $client } verliert { $account }

agency-reconnect-email = E-Mail zum Neuverbinden senden
    .aria = E-Mail zum Neuverbinden senden für { $account }
agency-assign-to = { $account } zuweisen an
agency-assign-approves = Der Kunde gibt Beiträge frei
agency-assign-credentials = Wessen Zugangsdaten veröffentlichen
agency-assign = Zuweisen
    .aria = Zuweisen: { $account }
agency-disconnect = Trennen
    .aria = Trennen: { $account }

agency-own-heading = Eigene Konten der Agentur verbinden
agency-connect-own = { $platform }
    .aria = { $platform }: ein Konto der Agentur verbinden
