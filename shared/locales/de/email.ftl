# Die E-Mails an die Personen der Kunden: Einladung, erneutes Verbinden und Zuweisung.
# $workspace ist der Markenname der Agentur.

email-copy-link = Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:
email-text-link = { $action }: { $link }

email-invitation-subject = { $inviter } lädt Sie ein, Ihre Konten mit { $workspace } zu verbinden
email-invitation-heading = Verbinden Sie Ihre Social-Media-Konten mit { $workspace }
email-invitation-intro = { $inviter } hat Sie eingeladen, Ihre Social-Media-Konten mit dem Arbeitsbereich { $workspace } zu verbinden, damit dort für Sie veröffentlicht werden kann. Sie geben nie ein Passwort weiter: Jede Plattform bittet auf ihrer eigenen Seite um Ihre Zustimmung.
email-invitation-platforms = Sie können verbinden: { $platforms }.
email-invitation-action = Einladung ansehen
email-invitation-until = Dieser Link ist gültig bis zum { $until }.
email-invitation-ignore = Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.

email-reconnect-needed-subject = Handlungsbedarf: Verbinden Sie { $platform } für { $workspace } erneut
email-reconnect-needed-headline = { $workspace } kann nicht mehr auf { $account } veröffentlichen
email-reconnect-needed-explanation = { $platform } akzeptiert die Verbindung von { $account } nicht mehr: Der Zugriff wurde entzogen oder ist abgelaufen. Bis Sie sie erneut verbinden, kann { $workspace } dort nicht veröffentlichen.
email-reconnect-deadline-subject = Ihre { $platform }-Verbindung für { $workspace } endet am { $day }
email-reconnect-deadline-headline = Verbinden Sie { $account } vor dem { $day } erneut
email-reconnect-deadline-explanation = { $platform } lässt diese Verbindung nur bis zum { $day } laufen, und ohne Sie kann sie nicht verlängert werden. Verbinden Sie sie vorher erneut, damit { $workspace } ohne Unterbrechung weiter veröffentlichen kann.
email-reconnect-asked-subject = Bitte verbinden Sie { $platform } für { $workspace } erneut
email-reconnect-asked-headline = Verbinden Sie { $account } erneut
email-reconnect-asked-explanation = { $workspace } bittet Sie, dieses { $platform }-Konto erneut zu verbinden, damit weiter veröffentlicht werden kann.
email-reconnect-action = { $platform } erneut verbinden
email-reconnect-how = Das erneute Verbinden dauert eine Minute: { $platform } bittet auf der eigenen Seite um Ihre Zustimmung, mit demselben Konto ({ $account }).
email-reconnect-why = Sie erhalten diese E-Mail, weil { $workspace } für Sie auf diesem Konto veröffentlicht.

email-assignment-removed-subject = { $workspace } teilt { $account } nicht mehr mit Ihnen
email-assignment-removed-headline = { $account } ({ $platform }) wurde Ihnen entzogen
email-assignment-removed-explanation = { $workspace } zeigt Ihnen das { $platform }-Konto { $account } nicht mehr an. Darüber wird nichts mehr für Sie veröffentlicht.
email-assignment-headline = { $workspace } hat Ihnen { $account } ({ $platform }) zugewiesen
email-assignment-agency-subject = { $workspace } hat Ihnen { $account } zugewiesen
email-assignment-agency-explanation = { $workspace } veröffentlicht für Sie mit dem eigenen { $platform }-Konto { $account }. { $approval }
email-assignment-client-subject = Handlungsbedarf: Verbinden Sie { $platform } für { $workspace }
email-assignment-client-explanation = { $workspace } wird für Sie auf { $account } mit Ihrem eigenen { $platform }-Zugang veröffentlichen. Bitte verbinden Sie genau dieses Konto selbst über Ihre Verbindungsseite. { $approval }
email-assignment-approval-needed = Beiträge dafür warten auf Ihre Freigabe.
email-assignment-approval-not-needed = Beiträge dafür brauchen keine Freigabe von Ihnen.
email-assignment-connect-action = { $platform } verbinden
email-assignment-open-page = Ihre Verbindungsseite öffnen
email-assignment-your-page = Ihre Verbindungsseite
email-assignment-why = Sie erhalten diese E-Mail, weil { $workspace } Social-Media-Konten für Sie betreut.
