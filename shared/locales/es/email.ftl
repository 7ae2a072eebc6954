# Los correos a las personas de los clientes: invitación, reconexión y asignación.
# $workspace es el nombre de marca de la agencia.

email-copy-link = Si el botón no funciona, copie esta dirección en su navegador:
email-text-link = { $action }: { $link }

email-invitation-subject = { $inviter } le invita a conectar sus cuentas a { $workspace }
email-invitation-heading = Conecte sus redes sociales a { $workspace }
email-invitation-intro = { $inviter } le ha invitado a conectar sus cuentas de redes sociales al espacio de trabajo { $workspace } para que puedan publicar en su nombre. Nunca comparte su contraseña: cada plataforma le pide su consentimiento en su propia página.
email-invitation-platforms = Puede conectar: { $platforms }.
email-invitation-action = Ver la invitación
email-invitation-until = Este enlace es válido hasta el { $until }.
email-invitation-ignore = Si no esperaba esta invitación, puede ignorar este correo.

email-reconnect-needed-subject = Acción necesaria: vuelva a conectar { $platform } para { $workspace }
email-reconnect-needed-headline = { $workspace } ya no puede publicar en { $account }
email-reconnect-needed-explanation = { $platform } ha dejado de aceptar la conexión de { $account }: el acceso se retiró o caducó. Hasta que la vuelva a conectar, { $workspace } no podrá publicar allí.
email-reconnect-deadline-subject = Su conexión de { $platform } para { $workspace } dejará de funcionar el { $day }
email-reconnect-deadline-headline = Vuelva a conectar { $account } antes del { $day }
email-reconnect-deadline-explanation = { $platform } solo mantiene esta conexión hasta el { $day } y no puede renovarse sin usted. Vuelva a conectarla antes de esa fecha para que { $workspace } pueda seguir publicando sin interrupciones.
email-reconnect-asked-subject = Por favor, vuelva a conectar { $platform } para { $workspace }
email-reconnect-asked-headline = Vuelva a conectar { $account }
email-reconnect-asked-explanation = { $workspace } le pide que vuelva a conectar esta cuenta de { $platform } para poder seguir publicando.
email-reconnect-action = Volver a conectar { $platform }
email-reconnect-how = Volver a conectarla lleva un minuto: { $platform } le pide su consentimiento en su propia página, con la misma cuenta ({ $account }).
email-reconnect-why = Recibe este correo porque { $workspace } publica en esta cuenta en su nombre.

email-assignment-removed-subject = { $workspace } ya no comparte { $account } con usted
email-assignment-removed-headline = Se le ha retirado { $account } ({ $platform })
email-assignment-removed-explanation = { $workspace } ya no le muestra su cuenta de { $platform } { $account }. Ya no se publica nada en su nombre a través de ella.
email-assignment-headline = { $workspace } le ha asignado { $account } ({ $platform })
email-assignment-agency-subject = { $workspace } le ha asignado { $account }
email-assignment-agency-explanation = { $workspace } publica en su nombre con su propia cuenta de { $platform } { $account }. { $approval }
email-assignment-client-subject = Acción necesaria: conecte { $platform } para { $workspace }
email-assignment-client-explanation = { $workspace } publicará en su nombre en { $account } con su propio acceso a { $platform }. Conecte usted mismo esa misma cuenta desde su página de conexión. { $approval }
email-assignment-approval-needed = Las publicaciones en ella esperan su aprobación.
email-assignment-approval-not-needed = Las publicaciones en ella no necesitan su aprobación.
email-assignment-connect-action = Conectar { $platform }
email-assignment-open-page = Abrir su página de conexión
email-assignment-your-page = Su página de conexión
email-assignment-why = Recibe este correo porque { $workspace } gestiona redes sociales en su nombre.
