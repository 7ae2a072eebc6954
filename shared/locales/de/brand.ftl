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
