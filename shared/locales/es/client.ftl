# Las páginas del cliente: la invitación, la página del enlace de invitación, la página
# de conexión, la elección de cuentas tras un consentimiento, y lo que dicen de los
# permisos y las conexiones. Trato de usted. El nombre accesible de un botón empieza
# por su texto visible: los mensajes *-label empiezan por el mensaje del botón.

list-and = { $rest } y { $last }

## Comunes a la invitación y al enlace de invitación

client-as-person-of = Como miembro de { $client }
client-platforms-label = Plataformas que puede conectar:
client-signed-in-as = Sesión iniciada como { $email }.
client-sign-in-or-create = Iniciar sesión o crear una cuenta
client-sign-in-second-factor = Iniciar sesión con un segundo factor

## La página de la invitación

invite-title = Invitación de { $workspace }
invite-heading = { $inviter } le invita a conectar sus redes sociales a { $workspace }
invite-what-heading = Qué se le pide
invite-connect-own = Conecte sus propias cuentas para que { $workspace } pueda publicar por usted. Nunca comparte una contraseña: cada plataforma le pide su consentimiento en su propia página.
invite-connect-own-may-disconnect = Conecte sus propias cuentas para que { $workspace } pueda publicar por usted. Nunca comparte una contraseña: cada plataforma le pide su consentimiento en su propia página, y puede desconectarlas en cualquier momento.
invite-join-only = Únase a { $workspace } para ver las cuentas que gestiona para usted.
invite-valid-until = Esta invitación para { $email } es válida hasta el { $expires }.
invite-two-factor = { $workspace } exige el inicio de sesión en dos pasos: al iniciar sesión, confirmará también con un segundo factor (un código de su aplicación de autenticación o de su correo electrónico, o una llave de seguridad).
invite-signed-in-without-factor = Sesión iniciada como { $email }, sin segundo factor.
invite-accept = Aceptar la invitación
invite-wrong-account = Ha iniciado sesión como { $signed_in }, pero esta invitación es para { $email }. Inicie sesión con esa dirección para aceptarla.
invite-sign-in-as = Iniciar sesión como { $email }

## La página del enlace de invitación

join-title = Únase a { $workspace } como cliente
join-what-heading = Qué significa unirse
join-explained = Usted conecta sus propias redes sociales para que { $workspace } pueda publicar por usted. Nunca comparte una contraseña y puede desconectarlas en cualquier momento.
join-button = Unirse a { $workspace }
join-link-gone-title = Este enlace de invitación ya no funciona
join-link-gone-detail = La agencia lo desactivó o lo sustituyó por uno nuevo. Pídale el enlace vigente; no se ha unido a nada.

## La página de conexión

connect-title = Conecte sus cuentas a { $workspace }
connect-for-client = Para { $client }
connect-may-do-heading = Qué puede hacer
connect-may-do-heading-for = Qué puede hacer para { $client }
connect-platforms-label = Plataformas
connect-granted = Permisos concedidos: { $scopes }
connect-reconnect = Volver a conectar
connect-reconnect-label = { connect-reconnect } { $platform } @{ $account }
connect-disconnect = Desconectar
connect-disconnect-label = { connect-disconnect } { $platform }
connect-disconnect-account-label = { connect-disconnect } { $platform } @{ $account }
connect-not-connected = Sin conectar
connect-another-account = Otra cuenta o página de { $platform }
connect-connect = Conectar
connect-connect-label = { connect-connect } { $platform }
connect-connect-another = Conectar otra
connect-connect-another-label = { connect-connect-another } cuenta de { $platform }
connect-shared-label = Compartido con usted
connect-shared-heading = Compartido con usted por { $workspace }
connect-view-only = Solo lectura
connect-assigned-heading = Asignado a usted por { $workspace }
connect-assigned = { $approves ->
    [yes] { $account } en { $platform } (usted aprueba sus publicaciones)
   *[no] { $account } en { $platform } (sus publicaciones no necesitan su aprobación)
}
connect-assigned-waiting = A la espera de usted: conecte arriba esta misma cuenta de { $platform }, para que publique con su propio acceso.
connect-assigned-waiting-cannot = A la espera de usted: publica con su propio acceso a { $platform }, que aún no puede conectar; consulte a su agencia.
connect-footer = Cada plataforma le pide su consentimiento en su propia página. { $workspace } nunca ve sus contraseñas.
connect-reconnect-needed = Su conexión de { $platform } @{ $account } le necesita: pulse «Volver a conectar» e inicie sesión en la misma cuenta.
connect-reconnect-fine = Su conexión de { $platform } @{ $account } funciona: no tiene que hacer nada.
connect-reconnect-gone = Esa conexión ya no está aquí: vuelva a conectar la cuenta más abajo.
connect-which-workspace-title = Abra el enlace de su agencia
connect-which-workspace-detail = Es cliente de varios espacios de trabajo, o todavía de ninguno. Abra el enlace del correo electrónico de su agencia para elegir.

## Lo que puede hacer una persona

may-connect-and-disconnect = Puede conectar y desconectar cuentas de { $platforms }.
may-connect-only = Puede conectar cuentas de { $platforms }; solo la agencia puede desconectarlas.
may-only-see = Puede ver sus cuentas, pero no conectarlas ni desconectarlas.
may-publish = Puede publicar.
may-approve = Las publicaciones necesitan su aprobación antes de salir.
may-analytics = Puede ver las estadísticas.
may-inbox = Puede leer y responder comentarios y mensajes en la bandeja de entrada social.

## El estado de una conexión

consent-health-connected = Conectada como @{ $account }
consent-health-expiring = Conectada como @{ $account }; deja de funcionar el { $day } ({ $relative }): vuelva a conectarla para conservarla
consent-health-expiring-soon = Conectada como @{ $account }; vuelva a conectarla pronto para conservarla
consent-health-expired = Hay que volver a conectarla (@{ $account }): su acceso caducó { $relative }
consent-health-refresh-lost = Hay que volver a conectarla (@{ $account }): la plataforma ya no acepta el acceso guardado
consent-health-withdrawn = Hay que volver a conectarla (@{ $account }): el acceso se retiró en la plataforma

## El aviso tras el consentimiento de una plataforma

consent-the-platform = la plataforma
consent-connected = Conexión con { $platform } realizada.
consent-disconnected = Se ha desconectado { $platform }.
consent-cancelled = No se ha conectado nada de { $platform }.
consent-choice-expired = Esa elección tardó más de 15 minutos o ya se había hecho. Vuelva a conectar.
consent-access-denied = Lo rechazó en { $platform }; no se ha conectado nada.
consent-state-expired = Tardó más de 15 minutos. Vuelva a conectar.
consent-connected-elsewhere = Otra persona de este espacio de trabajo ya ha conectado esta cuenta de { $platform }.
consent-platform-error = { $platform } no completó la conexión. Inténtelo de nuevo dentro de un momento.
consent-cannot-publish = Ya no puede publicar en esta página de { $platform }: pida a su administrador la tarea «Crear contenido» y vuelva a conectar. No se ha cambiado nada: la conexión conserva el acceso que tenía.
consent-wrong-account = Inició sesión en { $platform } con una cuenta distinta de la de esta conexión. No se ha cambiado nada: vuelva a conectar con la misma cuenta.
consent-permissions-missing = { $platform } no permitió { $lost }, necesario para publicar. No se ha guardado nada: vuelva a conectar y deje marcados todos los permisos.
consent-some-permissions = algunos permisos
consent-failed = No se pudo completar la conexión. Vuelva a empezar desde esta página.

## La elección de cuentas tras un consentimiento

choose-title = Elija qué conectar a { $workspace }
choose-intro = { $platform } dio acceso a más de una cuenta. Marque aquellas en las que { $workspace } puede publicar; cada una será una conexión propia.
choose-accounts-label = Cuentas
choose-cannot-publish = No puede publicar en esta página: pida a su administrador la tarea «Crear contenido».
choose-connect = Conectar las marcadas
choose-cancel = Cancelar: no conectar ninguna
choose-footer = No se conecta nada hasta que pulse un botón; esta elección caduca 15 minutos después de empezar.
choose-expired-title = Esta elección ha caducado
choose-expired-detail = Tardó más de 15 minutos o las cuentas ya se habían elegido. No se ha conectado nada más: vuelva a conectar desde la página de conexión.

## Páginas de inicio de sesión y del enlace de conexión

session-second-factor-detail = Su agencia exige el inicio de sesión en dos pasos para su cuenta: para aceptar una invitación o conectar o desconectar una cuenta, vuelva a iniciar sesión y confirme con su segundo factor (un código de su aplicación de autenticación o de su correo electrónico, o una llave de seguridad). No se ha cambiado nada.
session-link-gone-title = Este enlace de conexión ya no funciona
session-link-gone-detail = La agencia lo revocó o lo sustituyó, o ha caducado. Pídale un enlace nuevo; no se ha conectado nada.
session-agency-only-title = Esta página es para los propietarios y administradores del espacio de trabajo
session-agency-only-detail = Su cuenta no puede gestionar los clientes de este espacio de trabajo. Si le invitaron como cliente, abra el enlace del correo electrónico de su agencia.

## Lo que permite cada permiso de una plataforma

scope-youtube-upload = subir vídeos
scope-youtube-readonly = leer el canal
scope-tiktok-user-info-basic = leer el perfil
scope-tiktok-video-upload = subir borradores
scope-tiktok-video-publish = publicar vídeos
scope-instagram-business-basic = leer el perfil
scope-instagram-business-content-publish = publicar
scope-facebook-pages-show-list = ver la lista de páginas
scope-facebook-pages-manage-posts = publicar en la página
scope-facebook-pages-read-engagement = leer la página
scope-linkedin-openid = iniciar sesión
scope-linkedin-profile = leer el perfil
scope-linkedin-w-member-social = publicar
scope-linkedin-r-organization-admin = ver la lista de páginas de su organización
scope-linkedin-w-organization-social = publicar en las páginas de su organización
scope-x-tweet-read = leer publicaciones
scope-x-tweet-write = publicar
scope-x-users-read = leer el perfil
scope-x-offline-access = seguir conectado sin usted
