# La marca de un espacio de trabajo y las palabras de la agencia en una invitación.

brand-product = Client Connect
brand-from-name = { $agency } vía { $product }
brand-sent-by = Enviado por { $agency } vía { $product }.
brand-message-from = Un mensaje de { $person }, de { $agency }:

brand-invite-message = Mensaje personal (opcional)
brand-invite-message-hint = Se muestra en el correo y en la página de la invitación como sus propias palabras. Texto sin formato, 500 caracteres como máximo.
brand-invite-language = Idioma de los correos
brand-invite-language-workspace = El idioma del espacio de trabajo

brand-nav = Marca
brand-title = Marca · { $workspace }
brand-heading = Marca de { $workspace }
brand-intro = Cómo ven sus clientes sus correos y sus páginas.
brand-display-name = Nombre en los correos
brand-display-name-hint = Los correos se envían como «{ $example }». Déjelo vacío para usar { $workspace }.
brand-logo = Dirección del logotipo
brand-logo-hint = Una dirección https de una imagen PNG, JPEG, WebP o GIF de 256 KB como máximo. Se muestra a 48 píxeles.
brand-accent = Color de acento
brand-accent-hint = Para los botones y enlaces de las páginas y los correos de sus clientes, en formato #rrggbb. Debe ser lo bastante oscuro para leerse bien: un contraste mínimo de 4,5:1 con el blanco.
brand-language = Idioma de los correos a sus clientes
brand-language-hint = Cada invitación puede elegir otro idioma para su destinatario.
brand-save = Guardar la marca
brand-saved = La marca se ha guardado.

brand-decimal-separator = ,

problem-invitation-message-too-long-title = Mensaje demasiado largo
problem-invitation-message-too-long-detail = El mensaje tiene { $count } caracteres y se admiten 500 como máximo. Acórtelo y vuelva a enviar la invitación.
problem-unsupported-language-title = Idioma no disponible
problem-unsupported-language-detail = Los correos pueden escribirse en inglés, español, francés, alemán o portugués de Brasil. Elija uno de ellos.
problem-accent-colour-low-contrast-title = Color demasiado claro para leerse
problem-accent-colour-low-contrast-detail = { $colour } solo tiene un contraste de { $ratio }:1 con la página o con el texto blanco de los botones; se necesita al menos 4,5:1. Elija un color más oscuro.
problem-logo-not-an-image-title = Logotipo no válido
problem-logo-not-an-image-detail = La dirección del logotipo no lleva a una imagen PNG, JPEG, WebP o GIF (no se aceptan imágenes SVG). Use otra imagen.
problem-logo-too-large-title = Logotipo demasiado grande
problem-logo-too-large-detail = El logotipo ocupa más de 256 KB. Use una imagen más pequeña: se muestra a 48 píxeles.
problem-logo-unreachable-title = Logotipo inaccesible
problem-logo-unreachable-detail = No se pudo obtener el logotipo desde su dirección. Compruebe que la dirección es pública y lleva directamente a la imagen, y vuelva a intentarlo.
