# Los problemas tal como los explican las páginas: un título y un detalle por tipo de
# problema (el slug del `type` de la API, que no se traduce).

problem-other-title = No se pudo hacer
problem-other-detail = Vuelva atrás e inténtelo de nuevo. Si sigue ocurriendo, indique a su agencia este código: { $code }.

problem-internal-title = Algo ha fallado
problem-internal-detail = Algo ha fallado por nuestra parte. Inténtelo de nuevo.
problem-unreadable-item-title = Algo ha fallado
problem-unreadable-item-detail = No se puede leer algo guardado para esta página. Volver a intentarlo no servirá hasta que quien gestiona este servicio lo repare.

problem-invalid-parameter-title = Parámetro no válido
problem-invalid-parameter-detail = La dirección de la página o el formulario contiene un valor que esta página no puede usar. Vuelva atrás e inténtelo de nuevo.
problem-invalid-body-title = Formulario no válido
problem-invalid-body-detail = El formulario contiene un valor que esta página no puede usar. Vuelva atrás, revise lo que ha escrito e inténtelo de nuevo.
problem-invalid-email-title = Dirección de correo electrónico no válida
problem-invalid-email-detail = No es una dirección de correo electrónico que pueda recibir una invitación. Revísela e inténtelo de nuevo.
problem-wider-than-client-title = Más amplio que los permisos del cliente
problem-wider-than-client-detail = A una persona o un enlace de un cliente se le puede dar menos que al cliente, nunca más. Cambie primero los permisos del cliente.
problem-batch-empty-title = No hay nadie marcado
problem-batch-empty-detail = Marque primero al menos a una persona.
problem-batch-too-large-title = Demasiadas personas a la vez
problem-batch-too-large-detail = Ha marcado a { $asked } personas y un paso actúa como máximo sobre { $max }. No se ha hecho nada: hágalo en varios pasos.
problem-batch-repeats-a-person-title = Persona repetida
problem-batch-repeats-a-person-detail = La misma persona se marcó más de una vez. No se ha hecho nada: recargue la página e inténtelo de nuevo.

problem-invalid-token-title = Vuelva a iniciar sesión
problem-invalid-token-detail = Su sesión ha terminado o este formulario está desactualizado. Recargue la página e inténtelo de nuevo.
problem-issuer-unavailable-title = El inicio de sesión no está disponible
problem-issuer-unavailable-detail = Ahora no se pueden comprobar los inicios de sesión: el proveedor de identidad no responde. Inténtelo de nuevo dentro de un minuto.
problem-not-workspace-member-title = No puede hacer esto aquí
problem-not-workspace-member-detail = No es miembro activo de este espacio de trabajo, o su función en él no incluye esto.
problem-not-workspace-admin-title = No puede hacer esto aquí
problem-not-workspace-admin-detail = Solo el propietario o un administrador de este espacio de trabajo puede hacerlo.
problem-team-plan-required-title = Se necesita el plan Team
problem-team-plan-required-detail = Los clientes, sus invitaciones y el enlace de invitación forman parte del plan Team. Este espacio de trabajo tiene el plan { $plan }: su propietario puede cambiar a Team en Configuración → Facturación; después, inténtelo de nuevo.
problem-platform-not-allowed-title = No puede hacer esto aquí
problem-platform-not-allowed-detail = { $platform } no es una de las plataformas permitidas para este cliente, persona o enlace. La agencia decide qué plataformas puede usar cada uno.
problem-disconnect-not-allowed-title = No puede hacer esto aquí
problem-disconnect-not-allowed-detail = Los clientes solo pueden desconectar sus propias cuentas, y solo si el espacio de trabajo lo permite. Pida a la agencia que la desconecte.
problem-two-factor-required-title = Inicie sesión con un segundo factor
problem-two-factor-required-detail = La agencia exige que las personas de este cliente inicien sesión con un segundo factor (un código de una aplicación de autenticación o por correo electrónico, o una llave de seguridad) para aceptar, conectar o desconectar, y este inicio de sesión no lo tenía. Vuelva a iniciar sesión con un segundo factor e inténtelo de nuevo.
problem-connect-link-needs-sign-in-title = Este enlace de conexión ya no funciona
problem-connect-link-needs-sign-in-detail = La agencia exige ahora el inicio de sesión en dos pasos para este cliente, así que su enlace de conexión sin inicio de sesión ya no funciona. Inicie sesión con su propia cuenta y un segundo factor; si no tiene cuenta aquí, pida una invitación a la agencia.
problem-two-factor-client-has-no-link-title = Sin enlace de conexión para un cliente con dos pasos
problem-two-factor-client-has-no-link-detail = Este cliente exige el inicio de sesión en dos pasos, y un enlace de conexión deja entrar a quien lo tenga sin iniciar sesión. Invite en su lugar a las personas del cliente: inician sesión con un segundo factor.

problem-email-mismatch-title = Inicie sesión con la dirección invitada
problem-email-mismatch-detail = Esta invitación se envió a otra dirección de correo electrónico. Inicie sesión como la persona invitada para aceptarla.
problem-email-not-verified-title = Inicie sesión con la dirección invitada
problem-email-not-verified-detail = Su inicio de sesión no incluía una dirección de correo electrónico verificada. Verifique su correo con su proveedor de inicio de sesión e inténtelo de nuevo.
problem-inviter-email-not-verified-title = Correo electrónico de quien invita sin verificar
problem-inviter-email-not-verified-detail = Solo puede invitar una persona cuya propia dirección de correo electrónico esté verificada: las invitaciones salen en su nombre, y un enlace de invitación deja unirse a quien lo tenga. Su inicio de sesión no incluía una dirección verificada. Verifíquela con su proveedor de inicio de sesión, vuelva a iniciar sesión y después invite.
problem-resend-too-soon-title = Reenviada demasiado pronto
problem-resend-too-soon-detail = Esta invitación se envió hace un momento. Espere unos minutos antes de reenviarla.
problem-invitation-quota-reached-title = Límite diario de invitaciones alcanzado
problem-invitation-quota-reached-detail = Este espacio de trabajo ya ha enviado sus { $count } correos de hoy (las invitaciones y los correos de reconexión cuentan igual). Inténtelo de nuevo mañana (UTC).
problem-no-seat-left-title = Este espacio de trabajo está completo
problem-no-seat-left-detail = { $count ->
    [one] La única plaza de este espacio de trabajo está ocupada, y una persona de un cliente que puede publicar ocupa una. La agencia puede añadir una plaza o dejar entrar a esta persona sin el permiso de publicar.
   *[other] Las { $count } plazas de este espacio de trabajo están ocupadas, y una persona de un cliente que puede publicar ocupa una. La agencia puede añadir una plaza o dejar entrar a esta persona sin el permiso de publicar.
}
problem-invitation-already-pending-title = Invitación ya pendiente
problem-invitation-already-pending-detail = { $email } ya tiene una invitación pendiente a este espacio de trabajo. Reenvíe esa invitación para mandar un enlace nuevo.
problem-already-member-title = Ya está en este espacio de trabajo
problem-already-member-detail = { $email } es o fue miembro de este espacio de trabajo. Quien fue eliminado solo vuelve mediante una invitación por correo electrónico.
problem-address-complained-title = La dirección marcó nuestro correo como spam
problem-address-complained-detail = { $email } marcó como spam un correo anterior de este espacio de trabajo, así que no se le vuelve a escribir salvo que usted lo confirme: hable antes con la persona.
problem-invitation-already-accepted-title = Esta invitación ya se aceptó
problem-invitation-already-accepted-detail = Esta invitación ya ha sido aceptada.
problem-not-a-client-title = No es un cliente
problem-not-a-client-detail = Solo se puede eliminar a un cliente que aceptó una invitación; una invitación pendiente se revoca.
problem-invitation-not-found-title = Invitación no encontrada
problem-invitation-not-found-detail = Esta invitación no existe en este espacio de trabajo.
problem-invite-link-not-found-title = Este enlace no funciona
problem-invite-link-not-found-detail = Este enlace no existe o ya no funciona: puede que se haya sustituido o desactivado. Si le enviaron uno más reciente, use ese.
problem-invitation-expired-title = Esta invitación ha caducado
problem-invitation-expired-detail = Esta invitación ha caducado. La agencia puede reenviarla, lo que envía un enlace nuevo.
problem-invitation-revoked-title = Esta invitación se retiró
problem-invitation-revoked-detail = La agencia revocó esta invitación y ya no se puede usar.
problem-email-delivery-failed-title = No se pudo enviar el correo
problem-email-delivery-failed-detail = La invitación se guardó, pero su correo no se pudo enviar. Reenvíela cuando se haya resuelto el problema.

problem-workspace-not-found-title = Espacio de trabajo no encontrado
problem-workspace-not-found-detail = Este espacio de trabajo no existe.
problem-client-not-found-title = Cliente no encontrado
problem-client-not-found-detail = Este cliente no existe en este espacio de trabajo.
problem-person-not-found-title = Persona no encontrada
problem-person-not-found-detail = Aquí no hay tal persona: no es una persona de este cliente ni un miembro de la agencia en este espacio de trabajo.
problem-client-removed-title = Este acceso ha terminado
problem-client-removed-detail = Este cliente se eliminó del espacio de trabajo (o esta persona del cliente): lo eliminado ya no se puede usar.
problem-concurrent-change-title = Cambiado al mismo tiempo
problem-concurrent-change-detail = Otra cosa cambió en el mismo momento. Recargue la página e inténtelo de nuevo.
problem-connections-outside-rights-title = Conexiones fuera de los nuevos permisos
problem-connections-outside-rights-detail = { $count ->
    [one] Este cambio quita { $platforms } al cliente, que tiene una cuenta conectada allí. Indique qué pasa con ella: conservarla o desconectarla.
   *[other] Este cambio quita { $platforms } al cliente, que tiene { $count } cuentas conectadas allí. Indique qué pasa con ellas: conservarlas o desconectarlas.
}

problem-unknown-platform-title = Plataforma desconocida
problem-unknown-platform-detail = { $platform } no es una plataforma que este servicio conecte.
problem-platform-not-configured-title = Plataforma sin configurar
problem-platform-not-configured-detail = Las conexiones de { $platform } aún no están configuradas aquí. Quien gestiona este servicio puede añadirlas.
problem-connection-not-found-title = Esta conexión ya no existe
problem-connection-not-found-detail = Esta conexión no existe en este espacio de trabajo.
problem-not-an-agency-connection-title = No es una conexión de la agencia
problem-not-an-agency-connection-detail = Solo las conexiones propias de la agencia se pueden asignar a un cliente; la conexión de un cliente ya le pertenece.
problem-assignment-not-found-title = Asignación no encontrada
problem-assignment-not-found-detail = Esta cuenta no está asignada a ese cliente.
problem-too-many-assignments-title = Demasiadas asignaciones
problem-too-many-assignments-detail = Una cuenta se puede asignar como máximo a { $count } clientes. Quítesela antes a uno de ellos.
problem-client-cannot-connect-title = El cliente no puede conectar esta plataforma
problem-client-cannot-connect-detail = El cliente no puede conectar cuentas de { $platform }, así que sus propias credenciales nunca podrían publicar en esta cuenta. Dele antes el permiso de conectar { $platform }, o publique para él con las credenciales de la agencia.
problem-assignment-waiting-title = A la espera de la conexión del propio cliente
problem-assignment-waiting-detail = Esta cuenta publica para ese cliente con las credenciales del propio cliente, y el cliente aún no ha conectado la cuenta. Ya se le pidió.
problem-choice-expired-title = Esta elección ha caducado
problem-choice-expired-detail = Esta elección de cuentas ha caducado o ya se hizo. Vuelva a conectar desde la página de conexión.
problem-connection-needs-reconnect-title = Hay que volver a conectar la conexión
problem-connection-needs-reconnect-detail = Hay que volver a conectar esta conexión: la plataforma la rechazó o su acceso caducó.
problem-connection-healthy-title = La conexión funciona
problem-connection-healthy-detail = Esta conexión funciona: no hay nada que volver a conectar.
problem-nobody-to-notify-title = Nadie a quien avisar
problem-nobody-to-notify-detail = No se puede escribir a nadie que pueda volver a conectar esta cuenta: su cliente no tiene ninguna persona activa, o quien conectó la cuenta de la agencia ya no gestiona el espacio de trabajo.
problem-reconnect-email-too-soon-title = Correo de reconexión enviado demasiado pronto
problem-reconnect-email-too-soon-detail = Se escribió hace un momento a las personas que pueden volver a conectar esta cuenta. Espere unos minutos antes de volver a escribirles.
problem-email-quota-reached-title = Límite diario de correos alcanzado
problem-email-quota-reached-detail = Este espacio de trabajo ya ha enviado sus { $count } correos de hoy (las invitaciones y los correos de reconexión cuentan igual), y esto enviaría más. Inténtelo de nuevo mañana (UTC).
problem-reconnect-email-not-sent-title = Correo de reconexión no enviado
problem-reconnect-email-not-sent-detail = El servicio de correo no aceptó ninguno de los correos de reconexión. No se envió nada, así que puede volver a intentarlo en cuanto se resuelva el problema.
problem-platform-unavailable-title = Plataforma no disponible
problem-platform-unavailable-detail = { $platform } no respondió correctamente. Inténtelo de nuevo dentro de un minuto.
