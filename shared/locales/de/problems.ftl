# Probleme, wie die Seiten sie erklären: ein Titel und ein Detail je Problemtyp (der
# Slug des `type` der API, der nicht übersetzt wird).

problem-other-title = Das hat nicht geklappt
problem-other-detail = Gehen Sie zurück und versuchen Sie es erneut. Wenn es wieder passiert, nennen Sie Ihrer Agentur diesen Code: { $code }.

problem-internal-title = Etwas ist schiefgelaufen
problem-internal-detail = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.
problem-unreadable-item-title = Etwas ist schiefgelaufen
problem-unreadable-item-detail = Etwas, das für diese Seite gespeichert ist, kann nicht gelesen werden. Ein erneuter Versuch hilft erst, wenn der Betreiber dieses Dienstes es repariert hat.

problem-invalid-parameter-title = Ungültiger Parameter
problem-invalid-parameter-detail = Die Adresse der Seite oder das Formular enthält einen Wert, den diese Seite nicht verwenden kann. Gehen Sie zurück und versuchen Sie es erneut.
problem-invalid-body-title = Ungültiges Formular
problem-invalid-body-detail = Das Formular enthält einen Wert, den diese Seite nicht verwenden kann. Gehen Sie zurück, prüfen Sie Ihre Eingaben und versuchen Sie es erneut.
problem-invalid-email-title = Ungültige E-Mail-Adresse
problem-invalid-email-detail = Das ist keine E-Mail-Adresse, die eine Einladung empfangen kann. Prüfen Sie sie und versuchen Sie es erneut.
problem-wider-than-client-title = Mehr als die Rechte des Kunden
problem-wider-than-client-detail = Einer Person oder einem Link eines Kunden kann weniger gegeben werden als dem Kunden, nie mehr. Ändern Sie zuerst die Rechte des Kunden.
problem-batch-empty-title = Niemand angehakt
problem-batch-empty-detail = Haken Sie zuerst mindestens eine Person an.
problem-batch-too-large-title = Zu viele Personen auf einmal
problem-batch-too-large-detail = Sie haben { $asked } Personen angehakt, und ein Schritt umfasst höchstens { $max }. Es wurde nichts getan: Gehen Sie in mehreren Schritten vor.
problem-batch-repeats-a-person-title = Person doppelt genannt
problem-batch-repeats-a-person-detail = Dieselbe Person wurde mehr als einmal angehakt. Es wurde nichts getan: Laden Sie die Seite neu und versuchen Sie es erneut.

problem-invalid-token-title = Bitte melden Sie sich erneut an
problem-invalid-token-detail = Ihre Anmeldung ist abgelaufen oder dieses Formular ist veraltet. Laden Sie die Seite neu und versuchen Sie es erneut.
problem-issuer-unavailable-title = Anmeldung nicht verfügbar
problem-issuer-unavailable-detail = Anmeldungen können gerade nicht geprüft werden: Der Identitätsanbieter ist nicht erreichbar. Versuchen Sie es in einer Minute erneut.
problem-not-workspace-member-title = Das können Sie hier nicht tun
problem-not-workspace-member-detail = Sie sind kein aktives Mitglied dieses Arbeitsbereichs, oder Ihre Rolle darin umfasst das nicht.
problem-not-workspace-admin-title = Das können Sie hier nicht tun
problem-not-workspace-admin-detail = Nur der Inhaber oder ein Administrator dieses Arbeitsbereichs kann das tun.
problem-team-plan-required-title = Team-Tarif erforderlich
problem-team-plan-required-detail = Kunden, ihre Einladungen und der Einladungslink gehören zum Team-Tarif. Dieser Arbeitsbereich hat den Tarif { $plan }: Sein Inhaber kann unter Einstellungen → Abrechnung auf Team wechseln; versuchen Sie es dann erneut.
problem-platform-not-allowed-title = Das können Sie hier nicht tun
problem-platform-not-allowed-detail = { $platform } gehört nicht zu den Plattformen, die für diesen Kunden, diese Person oder diesen Link erlaubt sind. Die Agentur entscheidet, welche Plattformen jeweils genutzt werden dürfen.
problem-disconnect-not-allowed-title = Das können Sie hier nicht tun
problem-disconnect-not-allowed-detail = Kunden können nur ihre eigenen Konten trennen, und nur, wenn der Arbeitsbereich es zulässt. Bitten Sie die Agentur, es zu trennen.
problem-two-factor-required-title = Mit einem zweiten Faktor anmelden
problem-two-factor-required-detail = Die Agentur verlangt, dass sich die Personen dieses Kunden zum Annehmen, Verbinden oder Trennen mit einem zweiten Faktor anmelden (einem Code aus einer Authenticator-App oder per E-Mail oder einem Sicherheitsschlüssel), und diese Anmeldung hatte keinen. Melden Sie sich erneut mit einem zweiten Faktor an und versuchen Sie es dann noch einmal.
problem-connect-link-needs-sign-in-title = Dieser Verbindungslink funktioniert nicht mehr
problem-connect-link-needs-sign-in-detail = Die Agentur verlangt für diesen Kunden jetzt eine Anmeldung mit zwei Faktoren, daher funktioniert sein Verbindungslink ohne Anmeldung nicht mehr. Melden Sie sich stattdessen mit Ihrem eigenen Konto und einem zweiten Faktor an; wenn Sie hier kein Konto haben, bitten Sie die Agentur um eine Einladung.
problem-two-factor-client-has-no-link-title = Kein Verbindungslink für einen Kunden mit zwei Faktoren
problem-two-factor-client-has-no-link-detail = Dieser Kunde verlangt eine Anmeldung mit zwei Faktoren, und ein Verbindungslink lässt jeden ohne Anmeldung herein, der ihn hat. Laden Sie stattdessen die Personen des Kunden ein: Sie melden sich mit einem zweiten Faktor an.

problem-email-mismatch-title = Mit der eingeladenen Adresse anmelden
problem-email-mismatch-detail = Diese Einladung wurde an eine andere E-Mail-Adresse gesendet. Melden Sie sich als die eingeladene Person an, um sie anzunehmen.
problem-email-not-verified-title = Mit der eingeladenen Adresse anmelden
problem-email-not-verified-detail = Ihre Anmeldung enthielt keine bestätigte E-Mail-Adresse. Bestätigen Sie Ihre E-Mail-Adresse bei Ihrem Anmeldeanbieter und versuchen Sie es dann erneut.
problem-inviter-email-not-verified-title = E-Mail-Adresse der einladenden Person nicht bestätigt
problem-inviter-email-not-verified-detail = Nur wer eine bestätigte eigene E-Mail-Adresse hat, darf einladen: Einladungen gehen in ihrem Namen hinaus, und ein Einladungslink lässt jeden beitreten, der ihn hat. Ihre Anmeldung enthielt keine bestätigte E-Mail-Adresse. Bestätigen Sie sie bei Ihrem Anmeldeanbieter, melden Sie sich erneut an und laden Sie dann ein.
problem-resend-too-soon-title = Zu früh erneut gesendet
problem-resend-too-soon-detail = Diese Einladung wurde gerade erst per E-Mail verschickt. Warten Sie einige Minuten, bevor Sie sie erneut senden.
problem-invitation-quota-reached-title = Tageslimit für Einladungen erreicht
problem-invitation-quota-reached-detail = Dieser Arbeitsbereich hat heute bereits seine { $count } E-Mails gesendet (Einladungen und E-Mails zum Neuverbinden zählen gleich). Versuchen Sie es morgen (UTC) erneut.
problem-no-seat-left-title = Dieser Arbeitsbereich ist voll
problem-no-seat-left-detail = { $count ->
    [one] Der einzige Platz dieses Arbeitsbereichs ist belegt, und eine Person eines Kunden, die Beiträge veröffentlichen darf, belegt einen. Die Agentur kann einen Platz hinzufügen oder diese Person ohne das Recht zum Veröffentlichen hereinlassen.
   *[other] Alle { $count } Plätze dieses Arbeitsbereichs sind belegt, und eine Person eines Kunden, die Beiträge veröffentlichen darf, belegt einen. Die Agentur kann einen Platz hinzufügen oder diese Person ohne das Recht zum Veröffentlichen hereinlassen.
}
problem-invitation-already-pending-title = Einladung bereits ausstehend
problem-invitation-already-pending-detail = { $email } hat bereits eine ausstehende Einladung zu diesem Arbeitsbereich. Senden Sie diese Einladung erneut, um einen neuen Link zu verschicken.
problem-already-member-title = Sie sind bereits in diesem Arbeitsbereich
problem-already-member-detail = { $email } ist oder war Mitglied dieses Arbeitsbereichs. Wer entfernt wurde, kommt nur über eine per E-Mail verschickte Einladung zurück.
problem-address-complained-title = Die Adresse hat unsere E-Mail als Spam markiert
problem-address-complained-detail = { $email } hat eine frühere E-Mail dieses Arbeitsbereichs als Spam markiert, daher wird ohne Ihre Bestätigung keine weitere gesendet: Sprechen Sie zuerst mit der Person.
problem-invitation-already-accepted-title = Diese Einladung wurde bereits angenommen
problem-invitation-already-accepted-detail = Diese Einladung wurde bereits angenommen.
problem-not-a-client-title = Kein Kunde
problem-not-a-client-detail = Nur ein Kunde, der eine Einladung angenommen hat, kann entfernt werden; eine ausstehende Einladung wird stattdessen widerrufen.
problem-invitation-not-found-title = Einladung nicht gefunden
problem-invitation-not-found-detail = Diese Einladung gibt es in diesem Arbeitsbereich nicht.
problem-invite-link-not-found-title = Dieser Link funktioniert nicht
problem-invite-link-not-found-detail = Diesen Link gibt es nicht oder er funktioniert nicht mehr: Vielleicht wurde er ersetzt oder deaktiviert. Wenn Sie einen neueren erhalten haben, verwenden Sie diesen.
problem-invitation-expired-title = Diese Einladung ist abgelaufen
problem-invitation-expired-detail = Diese Einladung ist abgelaufen. Die Agentur kann sie erneut senden; dabei wird ein neuer Link verschickt.
problem-invitation-revoked-title = Diese Einladung wurde zurückgezogen
problem-invitation-revoked-detail = Diese Einladung wurde von der Agentur widerrufen und kann nicht mehr verwendet werden.
problem-email-delivery-failed-title = E-Mail-Versand fehlgeschlagen
problem-email-delivery-failed-detail = Die Einladung wurde gespeichert, aber ihre E-Mail konnte nicht gesendet werden. Senden Sie sie erneut, sobald das Problem behoben ist.

problem-workspace-not-found-title = Arbeitsbereich nicht gefunden
problem-workspace-not-found-detail = Diesen Arbeitsbereich gibt es nicht.
problem-client-not-found-title = Kunde nicht gefunden
problem-client-not-found-detail = Diesen Kunden gibt es in diesem Arbeitsbereich nicht.
problem-person-not-found-title = Person nicht gefunden
problem-person-not-found-detail = Diese Person gibt es hier nicht: weder als Person dieses Kunden noch als Agenturmitglied dieses Arbeitsbereichs.
problem-client-removed-title = Dieser Zugang ist beendet
problem-client-removed-detail = Dieser Kunde wurde aus dem Arbeitsbereich entfernt (oder diese Person aus dem Kunden): Was entfernt wurde, kann nicht mehr verwendet werden.
problem-concurrent-change-title = Gleichzeitig geändert
problem-concurrent-change-detail = Im selben Moment hat sich etwas anderes geändert. Laden Sie die Seite neu und versuchen Sie es erneut.
problem-connections-outside-rights-title = Verbindungen außerhalb der neuen Rechte
problem-connections-outside-rights-detail = { $count ->
    [one] Diese Änderung nimmt dem Kunden { $platforms }, wo er ein verbundenes Konto hat. Legen Sie fest, was damit geschieht: behalten oder trennen.
   *[other] Diese Änderung nimmt dem Kunden { $platforms }, wo er { $count } verbundene Konten hat. Legen Sie fest, was damit geschieht: behalten oder trennen.
}

problem-unknown-platform-title = Unbekannte Plattform
problem-unknown-platform-detail = { $platform } ist keine Plattform, die dieser Dienst verbindet.
problem-platform-not-configured-title = Plattform nicht eingerichtet
problem-platform-not-configured-detail = Verbindungen mit { $platform } sind hier noch nicht eingerichtet. Der Betreiber dieses Dienstes kann sie hinzufügen.
problem-connection-not-found-title = Diese Verbindung gibt es nicht mehr
problem-connection-not-found-detail = Diese Verbindung gibt es in diesem Arbeitsbereich nicht.
problem-not-an-agency-connection-title = Keine Verbindung der Agentur
problem-not-an-agency-connection-detail = Nur die eigenen Verbindungen der Agentur können einem Kunden zugewiesen werden; die Verbindung eines Kunden gehört ihm bereits.
problem-assignment-not-found-title = Zuweisung nicht gefunden
problem-assignment-not-found-detail = Dieses Konto ist diesem Kunden nicht zugewiesen.
problem-too-many-assignments-title = Zu viele Zuweisungen
problem-too-many-assignments-detail = Ein Konto kann höchstens { $count } Kunden zugewiesen werden. Nehmen Sie es zuerst einem von ihnen weg.
problem-client-cannot-connect-title = Der Kunde kann diese Plattform nicht verbinden
problem-client-cannot-connect-detail = Der Kunde darf keine { $platform }-Konten verbinden, also könnten seine eigenen Zugangsdaten dieses Konto nie veröffentlichen lassen. Geben Sie ihm zuerst das Recht, { $platform } zu verbinden, oder veröffentlichen Sie für ihn mit den Zugangsdaten der Agentur.
problem-assignment-waiting-title = Wartet auf die eigene Verbindung des Kunden
problem-assignment-waiting-detail = Dieses Konto veröffentlicht für diesen Kunden mit dessen eigenen Zugangsdaten, und der Kunde hat das Konto noch nicht verbunden. Er wurde darum gebeten.
problem-choice-expired-title = Diese Auswahl ist abgelaufen
problem-choice-expired-detail = Diese Auswahl an Konten ist abgelaufen oder wurde schon getroffen. Verbinden Sie erneut über die Verbindungsseite.
problem-connection-needs-reconnect-title = Verbindung muss neu verbunden werden
problem-connection-needs-reconnect-detail = Diese Verbindung muss neu verbunden werden: Die Plattform hat sie abgelehnt oder ihr Zugang ist abgelaufen.
problem-connection-healthy-title = Verbindung funktioniert
problem-connection-healthy-detail = Diese Verbindung funktioniert: Es gibt nichts neu zu verbinden.
problem-nobody-to-notify-title = Niemand zu benachrichtigen
problem-nobody-to-notify-detail = Niemand, der dieses Konto neu verbinden könnte, ist per E-Mail erreichbar: Sein Kunde hat keine aktive Person, oder wer das Konto der Agentur verbunden hat, verwaltet den Arbeitsbereich nicht mehr.
problem-reconnect-email-too-soon-title = E-Mail zum Neuverbinden zu früh gesendet
problem-reconnect-email-too-soon-detail = Die Personen, die dieses Konto neu verbinden können, wurden gerade erst deswegen angeschrieben. Warten Sie einige Minuten, bevor Sie ihnen erneut schreiben.
problem-email-quota-reached-title = Tageslimit für E-Mails erreicht
problem-email-quota-reached-detail = Dieser Arbeitsbereich hat heute bereits seine { $count } E-Mails gesendet (Einladungen und E-Mails zum Neuverbinden zählen gleich), und das würde weitere senden. Versuchen Sie es morgen (UTC) erneut.
problem-reconnect-email-not-sent-title = E-Mail zum Neuverbinden nicht gesendet
problem-reconnect-email-not-sent-detail = Der E-Mail-Dienst hat keine der E-Mails zum Neuverbinden angenommen. Es wurde nichts gesendet, Sie können es also erneut versuchen, sobald das Problem behoben ist.
problem-platform-unavailable-title = Plattform nicht verfügbar
problem-platform-unavailable-detail = { $platform } hat nicht richtig geantwortet. Versuchen Sie es in einer Minute erneut.
