# La marque d’un espace de travail et les mots de l’agence sur une invitation.

brand-product = Client Connect
brand-from-name = { $agency } via { $product }
brand-sent-by = Envoyé par { $agency } via { $product }.
# « Olga (Acme Social) vous écrit : » : ni « de Olga » ni élision à deviner.
brand-message-from = { $person } ({ $agency }) vous écrit :

brand-invite-message = Message personnel (facultatif)
brand-invite-message-hint = Affiché dans l’e-mail et sur la page de l’invitation comme vos propres mots. Texte brut, 500 caractères au maximum.
brand-invite-language = Langue des e-mails
brand-invite-language-workspace = La langue de l’espace de travail

brand-nav = Marque
brand-title = Marque · { $workspace }
brand-heading = Marque de { $workspace }
brand-intro = Ce que vos clients voient de vos e-mails et de leurs pages.
brand-display-name = Nom dans les e-mails
brand-display-name-hint = Les e-mails partent sous le nom « { $example } ». Laissez vide pour utiliser { $workspace }.
brand-logo = Adresse du logo
brand-logo-hint = L’adresse https d’une image PNG, JPEG, WebP ou GIF de 256 Ko au maximum. Il est affiché en 48 pixels.
brand-accent = Couleur d’accent
brand-accent-hint = Pour les boutons et les liens des pages et des e-mails de vos clients, au format #rrggbb. Elle doit être assez foncée pour rester lisible : un contraste d’au moins 4,5:1 avec le blanc.
brand-language = Langue des e-mails à vos clients
brand-language-hint = Chaque invitation peut choisir une autre langue pour son destinataire.
brand-save = Enregistrer la marque
brand-saved = La marque est enregistrée.

brand-decimal-separator = ,

problem-invitation-message-too-long-title = Message trop long
problem-invitation-message-too-long-detail = Le message compte { $count } caractères, et 500 au maximum sont autorisés. Raccourcissez-le et renvoyez l’invitation.
problem-unsupported-language-title = Langue non disponible
problem-unsupported-language-detail = Les e-mails peuvent être rédigés en anglais, espagnol, français, allemand ou portugais du Brésil. Choisissez l’une de ces langues.
problem-accent-colour-low-contrast-title = Couleur trop claire pour être lisible
problem-accent-colour-low-contrast-detail = { $colour } n’offre qu’un contraste de { $ratio }:1 avec la page ou avec le texte blanc des boutons ; il faut au moins 4,5:1. Choisissez une couleur plus foncée.
problem-logo-not-an-image-title = Logo inutilisable
problem-logo-not-an-image-detail = L’adresse du logo ne mène pas à une image PNG, JPEG, WebP ou GIF (les images SVG ne sont pas acceptées). Utilisez une autre image.
problem-logo-too-large-title = Logo trop lourd
problem-logo-too-large-detail = Le logo dépasse 256 Ko. Utilisez une image plus légère : il est affiché en 48 pixels.
problem-logo-unreachable-title = Logo inaccessible
problem-logo-unreachable-detail = Le logo n’a pas pu être récupéré à son adresse. Vérifiez que l’adresse est publique et mène directement à l’image, puis réessayez.
