# Die Marke eines Arbeitsbereichs und die eigenen Worte der Agentur in einer Einladung.

brand-product = Client Connect
brand-from-name = { $agency } über { $product }
brand-sent-by = Gesendet von { $agency } über { $product }.
brand-message-from = Eine Nachricht von { $person } ({ $agency }):

brand-invite-message = Persönliche Nachricht (optional)
brand-invite-message-hint = Wird in der E-Mail und auf der Einladungsseite als Ihre eigenen Worte angezeigt. Reiner Text, höchstens 500 Zeichen.
brand-invite-language = Sprache der E-Mails
brand-invite-language-workspace = Die Sprache des Arbeitsbereichs

brand-nav = Marke
brand-title = Marke · { $workspace }
brand-heading = Marke von { $workspace }
brand-intro = So sehen Ihre Kunden Ihre E-Mails und ihre Seiten.
brand-display-name = Name in E-Mails
brand-display-name-hint = E-Mails werden als „{ $example }“ versendet. Leer lassen, um { $workspace } zu verwenden.
brand-logo = Adresse des Logos
brand-logo-hint = Die https-Adresse eines PNG-, JPEG-, WebP- oder GIF-Bildes von höchstens 256 KB. Es wird mit 48 Pixeln angezeigt.
brand-accent = Akzentfarbe
brand-accent-hint = Für die Schaltflächen und Links der Seiten und E-Mails Ihrer Kunden, im Format #rrggbb. Sie muss dunkel genug sein, um gut lesbar zu bleiben: ein Kontrast von mindestens 4,5:1 zu Weiß.
brand-language = Sprache der E-Mails an Ihre Kunden
brand-language-hint = Eine Einladung kann für die eingeladene Person eine andere Sprache wählen.
brand-save = Marke speichern
brand-saved = Die Marke ist gespeichert.

brand-decimal-separator = ,

problem-invitation-message-too-long-title = Nachricht zu lang
problem-invitation-message-too-long-detail = Die Nachricht hat { $count } Zeichen, erlaubt sind höchstens 500. Kürzen Sie sie und senden Sie die Einladung erneut.
problem-unsupported-language-title = Sprache nicht verfügbar
problem-unsupported-language-detail = E-Mails können auf Englisch, Spanisch, Französisch, Deutsch oder brasilianischem Portugiesisch verfasst werden. Wählen Sie eine dieser Sprachen.
problem-accent-colour-low-contrast-title = Farbe zu hell zum Lesen
problem-accent-colour-low-contrast-detail = { $colour } hat zur Seite oder zur weißen Schrift auf Schaltflächen nur einen Kontrast von { $ratio }:1; nötig sind mindestens 4,5:1. Wählen Sie eine dunklere Farbe.
problem-logo-not-an-image-title = Logo nicht verwendbar
problem-logo-not-an-image-detail = Die Adresse des Logos führt nicht zu einem PNG-, JPEG-, WebP- oder GIF-Bild (SVG-Bilder werden nicht angenommen). Verwenden Sie ein anderes Bild.
problem-logo-too-large-title = Logo zu groß
problem-logo-too-large-detail = Das Logo ist größer als 256 KB. Verwenden Sie ein kleineres Bild: Es wird mit 48 Pixeln angezeigt.
problem-logo-unreachable-title = Logo nicht erreichbar
problem-logo-unreachable-detail = Das Logo konnte unter seiner Adresse nicht abgerufen werden. Prüfen Sie, ob die Adresse öffentlich ist und direkt zum Bild führt, und versuchen Sie es erneut.
