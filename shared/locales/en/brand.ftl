# A workspace's brand and the agency's own words on an invitation: in emails, on the
# invitation page, and the agency's brand page.

brand-product = Client Connect
# The sender's name of every email: "Acme Social via Client Connect".
brand-from-name = { $agency } via { $product }
# The signature under every email.
brand-sent-by = Sent by { $agency } via { $product }.
# Above the inviter's own words, in the email and on the invitation page.
brand-message-from = A message from { $person } at { $agency }:

brand-invite-message = Personal message (optional)
brand-invite-message-hint = Shown in the email and on the invitation page as your own words. Plain text, at most 500 characters.
brand-invite-language = Language of the emails
brand-invite-language-workspace = The workspace's language

brand-nav = Brand
brand-title = Brand · { $workspace }
brand-heading = Brand of { $workspace }
brand-intro = How your clients see your emails and their pages.
brand-display-name = Name in emails
brand-display-name-hint = Emails go out as “{ $example }”. Leave empty to use { $workspace }.
brand-logo = Logo address
brand-logo-hint = An https address of a PNG, JPEG, WebP or GIF image of at most 256 KB. It is shown at 48 pixels.
brand-accent = Accent colour
brand-accent-hint = For the buttons and links of your clients' pages and emails, written #rrggbb. It must be dark enough to read: a contrast of at least 4.5:1 with white.
brand-language = Language of your clients' emails
brand-language-hint = An invitation may choose another language for its person.
brand-save = Save the brand
brand-saved = The brand is saved.

# A decimal number's separator: "1.45".
brand-decimal-separator = .

# The problems of the brand and the message, as a page explains them.
problem-invitation-message-too-long-title = Message too long
problem-invitation-message-too-long-detail = The message has { $count } characters, and at most 500 are allowed. Shorten it and send the invitation again.
problem-unsupported-language-title = Language not available
problem-unsupported-language-detail = Emails can be written in English, Spanish, French, German or Brazilian Portuguese. Choose one of these.
problem-accent-colour-low-contrast-title = Colour too light to read
problem-accent-colour-low-contrast-detail = { $colour } has a contrast of only { $ratio }:1 with the page or with the white text of buttons; at least 4.5:1 is needed. Choose a darker colour.
problem-logo-not-an-image-title = Logo not usable
problem-logo-not-an-image-detail = The logo's address does not lead to a PNG, JPEG, WebP or GIF image (SVG images are not accepted). Use another image.
problem-logo-too-large-title = Logo too large
problem-logo-too-large-detail = The logo is larger than 256 KB. Use a smaller image: it is shown at 48 pixels.
problem-logo-unreachable-title = Logo not reachable
problem-logo-unreachable-detail = The logo could not be fetched from its address. Check that the address is public and leads straight to the image, then try again.
