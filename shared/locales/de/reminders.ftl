# Erinnerungen: die E-Mail, die an eine noch nicht angenommene Einladung erinnert, und
# die Zeile auf der Kundenkarte der Agentur.

reminder-invitation-subject = Erinnerung: { $inviter } lädt Sie ein, Ihre Konten mit { $workspace } zu verbinden
reminder-invitation-heading = Ihre Einladung von { $workspace } wartet noch auf Sie
reminder-invitation-intro = { $inviter } hat Sie eingeladen, Ihre Social-Media-Konten mit { $workspace } zu verbinden, damit dort in Ihrem Namen veröffentlicht werden kann. Sie haben die Einladung noch nicht angenommen. Ein Passwort geben Sie dabei nie weiter: Jede Plattform bittet auf ihrer eigenen Seite um Ihre Zustimmung.
reminder-invitation-action = Einladung ansehen
reminder-invitation-until = Dieser Link ist gültig bis zum { $until } ({ $left }).
reminder-invitation-copy = Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:
reminder-invitation-ignore = Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.
reminder-card-reminded = Erinnerung gesendet { $when }

reminder-reconnect-subject = Erinnerung: Bitte verbinden Sie { $platform } für { $workspace } erneut
reminder-reconnect-heading = { $workspace } wartet noch darauf, dass Sie { $account } erneut verbinden
reminder-reconnect-intro = Vor einigen Tagen hat { $workspace } Sie gebeten, das { $platform }-Konto { $account } erneut zu verbinden. Solange das nicht geschehen ist, kann { $workspace } dort nicht veröffentlichen. Es dauert nur eine Minute: { $platform } bittet auf seiner eigenen Seite um Ihre Zustimmung.
reminder-reconnect-action = { $platform } erneut verbinden

reminder-assignment-subject = Erinnerung: Bitte verbinden Sie { $platform } für { $workspace }
reminder-assignment-heading = { $workspace } wartet noch darauf, dass Sie { $account } verbinden
reminder-assignment-intro = Vor einigen Tagen hat { $workspace } Ihnen das { $platform }-Konto { $account } zugewiesen und Sie gebeten, genau dieses Konto selbst zu verbinden, damit mit Ihrem eigenen Zugang in Ihrem Namen veröffentlicht werden kann. Es ist noch nicht verbunden. Es dauert nur eine Minute: { $platform } bittet auf seiner eigenen Seite um Ihre Zustimmung.
reminder-assignment-action = { $platform } verbinden
