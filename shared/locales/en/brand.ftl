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
