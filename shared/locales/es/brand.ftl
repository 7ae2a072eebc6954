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
