# As páginas do cliente: o convite, a página do link de convite, a página de conexão, a
# escolha de contas após um consentimento e o que elas dizem sobre permissões e
# conexões. Tratamento por "você". O nome acessível de um botão começa pelo texto
# visível: as mensagens *-label começam pela mensagem do botão.

list-and = { $rest } e { $last }

## Comuns ao convite e ao link de convite

client-as-person-of = Como pessoa de { $client }
client-platforms-label = Plataformas que você pode conectar:
client-signed-in-as = Conectado como { $email }.
client-sign-in-or-create = Entrar ou criar uma conta
client-sign-in-second-factor = Entrar com um segundo fator

## A página do convite

invite-title = Convite de { $workspace }
invite-heading = { $inviter } convida você a conectar suas redes sociais a { $workspace }
invite-what-heading = O que pedimos a você
invite-connect-own = Conecte suas próprias contas para que { $workspace } possa publicar por você. Você nunca compartilha uma senha: cada plataforma pede seu consentimento na própria página.
invite-connect-own-may-disconnect = Conecte suas próprias contas para que { $workspace } possa publicar por você. Você nunca compartilha uma senha: cada plataforma pede seu consentimento na própria página, e você pode desconectá-las a qualquer momento.
invite-join-only = Entre em { $workspace } para ver as contas que ela gerencia para você.
invite-valid-until = Este convite para { $email } vale até { $expires }.
invite-two-factor = { $workspace } exige login em duas etapas: ao entrar, você também confirma com um segundo fator (um código do seu app autenticador ou do seu e-mail, ou uma chave de segurança).
invite-signed-in-without-factor = Conectado como { $email }, sem segundo fator.
invite-accept = Aceitar o convite
invite-wrong-account = Você está conectado como { $signed_in }, mas este convite é para { $email }. Entre com esse endereço para aceitá-lo.
invite-sign-in-as = Entrar como { $email }

## A página do link de convite

join-title = Entre em { $workspace } como cliente
join-what-heading = O que significa entrar
join-explained = Você conecta suas próprias redes sociais para que { $workspace } possa publicar por você. Você nunca compartilha uma senha e pode desconectá-las a qualquer momento.
join-button = Entrar em { $workspace }
join-link-gone-title = Este link de convite não funciona mais
join-link-gone-detail = A agência o desativou ou o substituiu por um novo. Peça o link atual; você não entrou em nada.

## A página de conexão

connect-title = Conecte suas contas a { $workspace }
connect-for-client = Para { $client }
connect-may-do-heading = O que você pode fazer
connect-may-do-heading-for = O que você pode fazer por { $client }
connect-platforms-label = Plataformas
connect-granted = Permissões concedidas: { $scopes }
connect-reconnect = Reconectar
connect-reconnect-label = { connect-reconnect } { $platform } @{ $account }
connect-disconnect = Desconectar
connect-disconnect-label = { connect-disconnect } { $platform }
connect-disconnect-account-label = { connect-disconnect } { $platform } @{ $account }
connect-not-connected = Não conectado
connect-another-account = Outra conta ou página do { $platform }
connect-connect = Conectar
connect-connect-label = { connect-connect } { $platform }
connect-connect-another = Conectar outra
connect-connect-another-label = { connect-connect-another } conta do { $platform }
connect-shared-label = Compartilhado com você
connect-shared-heading = Compartilhado com você por { $workspace }
connect-view-only = Somente visualização
connect-assigned-heading = Atribuído a você por { $workspace }
connect-assigned = { $approves ->
    [yes] { $account } no { $platform } (você aprova as publicações)
   *[no] { $account } no { $platform } (as publicações não precisam da sua aprovação)
}
connect-assigned-waiting = Aguardando você: conecte acima esta mesma conta do { $platform }, para que ela publique com o seu próprio acesso.
connect-assigned-waiting-cannot = Aguardando você: ela publica com o seu próprio acesso ao { $platform }, que você ainda não pode conectar; fale com sua agência.
connect-footer = Cada plataforma pede seu consentimento na própria página. { $workspace } nunca vê suas senhas.
connect-reconnect-needed = Sua conexão do { $platform } @{ $account } precisa de você: clique em “Reconectar” e entre na mesma conta.
connect-reconnect-fine = Sua conexão do { $platform } @{ $account } funciona: não há nada a fazer.
connect-reconnect-gone = Essa conexão não está mais aqui: conecte a conta novamente abaixo.
connect-which-workspace-title = Abra o link da sua agência
connect-which-workspace-detail = Você é cliente de vários espaços de trabalho, ou ainda de nenhum. Abra o link do e-mail da sua agência para escolher.

## O que uma pessoa pode fazer

may-connect-and-disconnect = Você pode conectar e desconectar contas do { $platforms }.
may-connect-only = Você pode conectar contas do { $platforms }; só a agência pode desconectá-las.
may-only-see = Você pode ver suas contas, mas não conectá-las nem desconectá-las.
may-publish = Você pode publicar.
may-approve = As publicações precisam da sua aprovação antes de sair.
may-analytics = Você pode ver as estatísticas.
may-inbox = Você pode ler e responder comentários e mensagens na caixa de entrada social.

## O estado de uma conexão

consent-health-connected = Conectado como @{ $account }
consent-health-expiring = Conectado como @{ $account }; deixa de funcionar em { $day } ({ $relative }): reconecte para mantê-lo
consent-health-expiring-soon = Conectado como @{ $account }; reconecte em breve para mantê-lo
consent-health-expired = Precisa reconectar (@{ $account }): o acesso expirou { $relative }
consent-health-refresh-lost = Precisa reconectar (@{ $account }): a plataforma não aceita mais o acesso salvo
consent-health-withdrawn = Precisa reconectar (@{ $account }): o acesso foi retirado na plataforma

## O aviso após o consentimento em uma plataforma

consent-the-platform = a plataforma
consent-connected = Conexão com { $platform } concluída.
consent-disconnected = { $platform } foi desconectado.
consent-cancelled = Nada foi conectado de { $platform }.
consent-choice-expired = Essa escolha levou mais de 15 minutos ou já tinha sido feita. Conecte novamente.
consent-access-denied = Você recusou em { $platform }; nada foi conectado.
consent-state-expired = Isso levou mais de 15 minutos. Conecte novamente.
consent-connected-elsewhere = Esta conta do { $platform } já foi conectada por outra pessoa neste espaço de trabalho.
consent-platform-error = { $platform } não concluiu a conexão. Tente novamente em instantes.
consent-cannot-publish = Você não pode mais publicar nesta página do { $platform }: peça ao administrador dela a tarefa “Criar conteúdo” e depois reconecte. Nada foi alterado: a conexão mantém o acesso que tinha.
consent-wrong-account = Você entrou no { $platform } com uma conta diferente da desta conexão. Nada foi alterado: reconecte com a mesma conta.
consent-permissions-missing = { $platform } não permitiu { $lost }, que é necessário para publicar. Nada foi salvo: conecte novamente e mantenha todas as permissões marcadas.
consent-some-permissions = algumas permissões
consent-failed = Não foi possível concluir a conexão. Comece de novo a partir desta página.

## A escolha de contas após um consentimento

choose-title = Escolha o que conectar a { $workspace }
choose-intro = { $platform } deu acesso a mais de uma conta. Marque aquelas em que { $workspace } pode publicar; cada uma vira uma conexão separada.
choose-accounts-label = Contas
choose-cannot-publish = Você não pode publicar nesta página: peça ao administrador dela a tarefa “Criar conteúdo”.
choose-connect = Conectar as marcadas
choose-cancel = Cancelar: não conectar nenhuma
choose-footer = Nada é conectado até você clicar em um botão; esta escolha expira 15 minutos depois de você começar.
choose-expired-title = Esta escolha expirou
choose-expired-detail = Levou mais de 15 minutos, ou as contas já tinham sido escolhidas. Nada mais foi conectado: conecte novamente pela página de conexão.

## Páginas de login e do link de conexão

session-second-factor-detail = Sua agência exige login em duas etapas para sua conta aqui: para aceitar um convite, conectar ou desconectar uma conta, entre novamente e confirme com seu segundo fator (um código do seu app autenticador ou do seu e-mail, ou uma chave de segurança). Nada foi alterado.
session-link-gone-title = Este link de conexão não funciona mais
session-link-gone-detail = A agência o revogou ou substituiu, ou ele expirou. Peça um novo link; nada foi conectado.
session-agency-only-title = Esta página é para os proprietários e administradores do espaço de trabalho
session-agency-only-detail = Sua conta não pode gerenciar os clientes deste espaço de trabalho. Se você foi convidado como cliente, abra o link do e-mail da sua agência.

## O que cada permissão de uma plataforma permite

scope-youtube-upload = enviar vídeos
scope-youtube-readonly = ler o canal
scope-tiktok-user-info-basic = ler o perfil
scope-tiktok-video-upload = enviar rascunhos
scope-tiktok-video-publish = publicar vídeos
scope-instagram-business-basic = ler o perfil
scope-instagram-business-content-publish = publicar
scope-facebook-pages-show-list = listar as páginas
scope-facebook-pages-manage-posts = publicar na página
scope-facebook-pages-read-engagement = ler a página
scope-linkedin-openid = entrar
scope-linkedin-profile = ler o perfil
scope-linkedin-w-member-social = publicar
scope-linkedin-r-organization-admin = listar as páginas da sua organização
scope-linkedin-w-organization-social = publicar nas páginas da sua organização
scope-x-tweet-read = ler publicações
scope-x-tweet-write = publicar
scope-x-users-read = ler o perfil
scope-x-offline-access = continuar conectado sem você
