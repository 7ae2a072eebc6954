# Recordatorios: el correo que recuerda una invitación aún no aceptada y la línea de la
# ficha de clientes de la agencia.

reminder-invitation-subject = Recordatorio: { $inviter } le invita a conectar sus cuentas con { $workspace }
reminder-invitation-heading = Su invitación de { $workspace } sigue pendiente
reminder-invitation-intro = { $inviter } le ha invitado a conectar sus cuentas de redes sociales con { $workspace } para que puedan publicar en su nombre. Todavía no ha aceptado la invitación. Nunca tendrá que compartir una contraseña: cada plataforma le pedirá su consentimiento en su propia página.
reminder-invitation-action = Ver la invitación
reminder-invitation-until = Este enlace es válido hasta el { $until } ({ $left }).
reminder-invitation-copy = Si el botón no funciona, copie esta dirección en su navegador:
reminder-invitation-ignore = Si no esperaba esta invitación, puede ignorar este correo.
reminder-card-reminded = Recordatorio enviado { $when }

reminder-reconnect-subject = Recordatorio: vuelva a conectar { $platform } para { $workspace }
reminder-reconnect-heading = { $workspace } sigue esperando que vuelva a conectar { $account }
reminder-reconnect-intro = Hace unos días, { $workspace } le pidió que volviera a conectar la cuenta de { $platform } { $account }. Mientras no se vuelva a conectar, { $workspace } no podrá publicar en ella. Solo le llevará un minuto: { $platform } le pedirá su consentimiento en su propia página.
reminder-reconnect-action = Volver a conectar { $platform }

reminder-assignment-subject = Recordatorio: conecte { $platform } para { $workspace }
reminder-assignment-heading = { $workspace } sigue esperando que conecte { $account }
reminder-assignment-intro = Hace unos días, { $workspace } le asignó la cuenta de { $platform } { $account } y le pidió que conectara usted mismo esa misma cuenta, para poder publicar en su nombre con su propio acceso. Todavía no está conectada. Solo le llevará un minuto: { $platform } le pedirá su consentimiento en su propia página.
reminder-assignment-action = Conectar { $platform }
