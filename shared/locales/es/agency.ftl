# Las páginas de la agencia: la lista de clientes, el enlace de invitación, las
# conexiones, los permisos de un cliente y la elección del espacio de trabajo. El nombre
# accesible (`.aria`) de un botón o enlace empieza por sus palabras visibles.

## Todas las páginas de la agencia

agency-nav = Espacio de trabajo
agency-nav-clients = Clientes
agency-nav-invite-link = Enlace de invitación
agency-nav-connections = Conexiones
agency-copy = Copiar
agency-copied = Copiado
agency-copy-by-hand = Pulse Ctrl+C para copiar
agency-cancel = Cancelar
agency-save = Guardar
agency-next-page = Página siguiente
agency-keep-connections = Mantenerlas para publicar
agency-disconnect-connections = Desconectarlas

## Lo que hizo un botón, dicho en la página a la que vuelve

agency-notice-invited = La invitación está en camino.
agency-notice-resent = Se ha enviado un enlace nuevo; el anterior ya no funciona.
agency-notice-revoked = Se ha retirado la invitación; su enlace ya no funciona.
agency-notice-removed = Se ha quitado a la persona; ya no puede actuar en nombre del cliente.
agency-notice-deleted = Se ha eliminado el cliente; sus personas y su enlace de conexión ya no funcionan.
agency-notice-link-revoked = El enlace de conexión del cliente ya no funciona.
agency-notice-saved = Se ha guardado la configuración del enlace de invitación.
agency-notice-refreshed = Se ha sustituido el enlace de invitación; el anterior ya no funciona.
agency-notice-reconnect-sent = Se ha enviado al cliente un correo con un enlace para volver a conectar.
agency-notice-disconnected = Se ha desconectado la cuenta.
agency-notice-assigned = Se ha guardado la asignación.
agency-notice-unassigned = Se ha retirado la cuenta a ese cliente.
agency-notice-rights-changed = Se han guardado los permisos del cliente; sus personas pueden hacer lo que ahora indican.
agency-notice-link-made = El enlace de conexión funciona hasta el { $until }; cópielo ahora, solo se muestra una vez. Si crea uno nuevo, este dejará de funcionar.

## Elegir un espacio de trabajo

agency-pick-heading = Elija un espacio de trabajo
agency-pick-list = Sus espacios de trabajo

## Lo que pueden hacer las personas de un cliente

agency-permissions = Permisos
agency-platforms = Plataformas
agency-may-connect-and-disconnect = Conectar y desconectar cuentas
agency-may-connect = Conectar cuentas
agency-may-publish = Publicar (ocupa un puesto)
agency-may-see-analytics = Ver estadísticas
agency-may-approve = Aprobar publicaciones
agency-may-manage-inbox = Gestionar la bandeja de entrada social
agency-two-factor = Exigir inicio de sesión en dos pasos

agency-rights-connect = Conectar { $platforms }
agency-rights-see = Ver sus cuentas de { $platforms }
agency-rights-publish = publicar
agency-rights-see-analytics = ver estadísticas
agency-rights-approve = aprobar publicaciones
agency-rights-manage-inbox = gestionar la bandeja de entrada

## La lista de clientes

agency-clients-heading = Clientes de { $workspace }
agency-invite-heading = Invitar a un cliente
agency-invite-client = Cliente
agency-invite-new-client = Un cliente nuevo
agency-invite-client-name = Nombre del cliente nuevo
agency-invite-email = Correo electrónico
agency-invite-name = Nombre completo
agency-invite-rights-hint = Un cliente nuevo recibe los permisos y las plataformas de abajo; una persona de un cliente existente recibe los de ese cliente.
agency-invite-two-factor-hint = Para un cliente nuevo: sus personas inician sesión con un segundo factor para aceptar, conectar y desconectar, y el cliente no recibe enlace de conexión.
agency-invite-send = Enviar la invitación

agency-seats-used = { $used } de { $limit ->
    [one] { $limit } puesto en uso
   *[other] { $limit } puestos en uso
}
agency-seats-over = Este espacio de trabajo usa { $over ->
    [one] { $over } puesto más
   *[other] { $over } puestos más
} de los que paga su plan. Nadie que pueda publicar puede ser invitado ni unirse hasta que se liberen o añadan puestos; las personas que solo conectan cuentas sí pueden.
agency-seats-full = Todos los puestos están ocupados. Nadie que pueda publicar puede ser invitado ni unirse hasta que se libere o añada un puesto; las personas que solo conectan cuentas sí pueden.

agency-list-clients = Clientes y las personas de cada uno, de más reciente a más antiguo
agency-list-people = Personas, de más reciente a más antigua
agency-filter-status = Estado
agency-filter-all = Todos los clientes
agency-filter-show = Mostrar
agency-none-with-status = Nadie tiene este estado.
agency-no-clients = Todavía no hay clientes: invite a uno arriba.

agency-status-invited = Invitado
agency-status-active = Activo
agency-status-expired = Caducado
agency-status-revoked = Revocado
agency-status-deactivated = Desactivado
agency-client-deleted = Eliminado
agency-delivery-failed = Correo no entregado
agency-delivery-complained = Marcado como spam

agency-client-summary = { $rights } · cliente desde el { $date }
agency-connect-link = Enlace de conexión
agency-new-connect-link = Nuevo enlace de conexión
    .aria = Nuevo enlace de conexión para { $client }
agency-end-connect-link = Desactivar el enlace de conexión
    .aria = Desactivar el enlace de conexión de { $client }
agency-change-rights = Cambiar permisos
    .aria = Cambiar permisos de { $client }
agency-delete-client = Eliminar cliente
    .aria = Eliminar cliente { $client }

agency-person-invited = Invitado por { $inviter }; el enlace funciona hasta el { $when }
agency-person-expired = El enlace caducó el { $when }
agency-person-joined = Se unió
agency-person-joined-at = Se unió el { $when }
agency-person-closed-at = Desde el { $when }
agency-resend = Reenviar
    .aria = Reenviar la invitación a { $email }
agency-resend-anyway = Reenviar de todos modos
    .aria = Reenviar de todos modos a { $email }, que marcó nuestro correo como spam
agency-revoke = Revocar
    .aria = Revocar la invitación de { $email }
agency-remove = Quitar
    .aria = Quitar a { $email }

agency-delete-heading = ¿Eliminar { $client }?
agency-delete-explained = Sus personas pierden el acceso de inmediato y su enlace de conexión deja de funcionar. ¿Qué pasa con sus cuentas conectadas?
agency-delete-connections = Sus cuentas conectadas
agency-delete-confirm = Eliminar { $client }

## Las personas marcadas en la lista de clientes

agency-ticked = Las personas marcadas abajo
agency-ticked-select = Seleccionar a
agency-ticked-resend = Reenviar a las seleccionadas
agency-ticked-revoke = Revocar las seleccionadas
agency-ticked-remove = Quitar a las seleccionadas
agency-ticked-none = Marque primero al menos a una persona.
agency-ticked-too-many = Hay { $asked } personas marcadas; un solo paso actúa sobre { $most } como máximo. No se ha hecho nada: marque menos.
agency-ticked-unreadable = No se han podido leer las personas marcadas: recargue la página y márquelas de nuevo.
agency-ticked-gone = Ninguna de las personas marcadas pertenece ya a este espacio de trabajo.
agency-ticked-resent = Se reenvió la invitación a { $people }.
agency-ticked-revoked = Se revocó la invitación de { $people }.
agency-ticked-removed = Se quitó a { $people }.
agency-ticked-not-resent = No se pudo reenviar a { $person }: { $why }
agency-ticked-not-revoked = No se pudo revocar a { $person }: { $why }
agency-ticked-not-removed = No se pudo quitar a { $person }: { $why }
agency-ticked-unknown = la persona desconocida { $id }

agency-remove-heading = { $count ->
    [one] ¿Quitar a { $count } persona?
   *[other] ¿Quitar a { $count } personas?
}
agency-remove-explained = Quien se haya unido ya no podrá actuar en nombre de su cliente; el enlace de una invitación pendiente deja de funcionar. Sus cuentas conectadas se mantienen.
agency-remove-confirm = { $count ->
    [one] Quitar a { $count } persona
   *[other] Quitar a { $count } personas
}
agency-remove-line = { $person }: { $effect }
agency-remove-named = { $name } ({ $email })
agency-remove-leaves = deja el cliente de inmediato
agency-remove-withdrawn = se retira su invitación
agency-remove-gone = ya no está: no hay nada que hacer

## El enlace de invitación

agency-invite-link-heading = Enlace de invitación de { $workspace }
agency-invite-link-the-link = El enlace
agency-invite-link-explained = Cualquiera que tenga este enlace puede unirse como cliente después de iniciar sesión.
agency-invite-link-refresh-hint = Al renovarlo se crea un enlace nuevo; el actual deja de funcionar de inmediato.
agency-invite-link-refresh = Renovar el enlace
agency-invite-link-off = El enlace de invitación está desactivado: nadie puede unirse con él.
agency-invite-link-settings = Configuración
agency-invite-link-on = El enlace de invitación está activado
agency-invite-link-joiners = Quienes se unen pasan a ser
agency-invite-link-new-client = Cada uno, un cliente nuevo
agency-invite-link-people-of = Personas de { $client }
agency-invite-link-permissions = Permisos que reciben quienes se unen
agency-invite-link-platforms = Plataformas que pueden conectar quienes se unen

## Los permisos de un cliente

agency-rights-heading = Permisos de { $client }
agency-rights-what = Lo que pueden hacer sus personas
agency-rights-explained = Cada persona de { $client } recibe como máximo estos permisos; quien fue invitado con menos conserva menos. Sin nada marcado, el acceso es de solo lectura: ven sus cuentas y no cambian nada.
agency-rights-platforms = Plataformas que pueden conectar sus personas
agency-rights-two-factor-hint = Sus personas inician sesión entonces con un segundo factor para aceptar, conectar y desconectar, y su enlace de conexión deja de funcionar.
agency-rights-outside = Sus cuentas conectadas en { $platforms }
agency-rights-save = Guardar los permisos
agency-rights-ask = Este cambio retira { $platforms } al cliente, que tiene { $count ->
    [one] { $count } cuenta conectada
   *[other] { $count } cuentas conectadas
} allí. Elija abajo si se mantienen o se desconectan y vuelva a guardar.

## Las conexiones

agency-connections-heading = Conexiones de { $workspace }
agency-connections-list = Cuentas conectadas, de más reciente a más antigua
agency-connections-none = Todavía no hay cuentas conectadas.
agency-health-healthy = En buen estado
agency-health-expiring = Por caducar
agency-health-needs-reconnect = Requiere reconexión
agency-owner-agency = La agencia
agency-owner-removed = Un cliente eliminado
agency-health-since = desde el { $when }
agency-connected-by = Conectada por { $person } el { $when }
agency-connected-by-someone-gone = alguien que ya no está

agency-assignment = visible para { $client } · { $approval } · { $credentials }
agency-assignment-removed-client = un cliente eliminado
agency-assignment-approves = aprueba sus publicaciones
agency-assignment-no-approval = sin aprobación
agency-assignment-agency-publishes = publica con las credenciales de la agencia
agency-assignment-client-publishes = publica con su propia conexión
agency-assignment-waiting-for-client = a la espera de que conecte esta cuenta
agency-assignments = Clientes a los que está asignada { $account }
agency-assignment-waiting = En espera
agency-assignment-client-approves = { $client } aprueba las publicaciones
agency-assignment-credentials-of = Con qué credenciales se publica para { $client }
agency-credentials-agency = Las credenciales de la agencia
agency-credentials-client = La propia conexión del cliente
agency-assignment-save = Guardar
    .aria = Guardar la asignación de { $account } a { $client }
agency-take-away = Retirar
    .aria = Retirar { $account } a { $client }

agency-reconnect-email = Enviar correo de reconexión
    .aria = Enviar correo de reconexión para { $account }
agency-assign-to = Asignar { $account } a
agency-assign-approves = El cliente aprueba las publicaciones
agency-assign-credentials = Con qué credenciales se publica
agency-assign = Asignar
    .aria = Asignar { $account }
agency-disconnect = Desconectar
    .aria = Desconectar { $account }

agency-own-heading = Conectar las cuentas propias de la agencia
agency-connect-own = { $platform }
    .aria = { $platform }: conectar una cuenta de la agencia
