# As páginas da agência: a lista de clientes, o link de convite, as conexões, as
# permissões de um cliente e a escolha do espaço de trabalho. O nome acessível (`.aria`)
# de um botão ou link começa pelas suas palavras visíveis.

## Todas as páginas da agência

agency-nav = Espaço de trabalho
agency-nav-clients = Clientes
agency-nav-invite-link = Link de convite
agency-nav-connections = Conexões
agency-copy = Copiar
agency-copied = Copiado
agency-copy-by-hand = Pressione Ctrl+C para copiar
agency-cancel = Cancelar
agency-save = Salvar
agency-next-page = Próxima página
agency-keep-connections = Manter para publicação
agency-disconnect-connections = Desconectar

## O que um botão fez, dito na página para onde ele volta

agency-notice-invited = O convite está a caminho.
agency-notice-resent = Um novo link está a caminho; o anterior não funciona mais.
agency-notice-revoked = O convite foi retirado; o link dele não funciona mais.
agency-notice-removed = A pessoa foi removida; ela não pode mais agir pelo cliente.
agency-notice-deleted = O cliente foi excluído; as pessoas dele e o link de conexão não funcionam mais.
agency-notice-link-revoked = O link de conexão do cliente não funciona mais.
agency-notice-saved = As configurações do link de convite foram salvas.
agency-notice-refreshed = O link de convite foi substituído; o anterior não funciona mais.
agency-notice-reconnect-sent = O cliente recebeu por e-mail um link para reconectar.
agency-notice-disconnected = A conta foi desconectada.
agency-notice-assigned = A atribuição foi salva.
agency-notice-unassigned = A conta foi retirada desse cliente.
agency-notice-rights-changed = As permissões do cliente foram salvas; as pessoas dele agora podem fazer o que elas indicam.
agency-notice-link-made = O link de conexão funciona até { $until }; copie-o agora, ele só é exibido uma vez. Criar um novo encerra este.

## Escolher um espaço de trabalho

agency-pick-heading = Escolha um espaço de trabalho
agency-pick-list = Seus espaços de trabalho

## O que as pessoas de um cliente podem fazer

agency-permissions = Permissões
agency-platforms = Plataformas
agency-may-connect-and-disconnect = Conectar e desconectar contas
agency-may-connect = Conectar contas
agency-may-publish = Publicar (ocupa um assento)
agency-may-see-analytics = Ver estatísticas
agency-may-approve = Aprovar publicações
agency-may-manage-inbox = Gerenciar a caixa de entrada social
agency-two-factor = Exigir login em duas etapas

agency-rights-connect = Conectar { $platforms }
agency-rights-see = Ver as próprias contas de { $platforms }
agency-rights-publish = publicar
agency-rights-see-analytics = ver estatísticas
agency-rights-approve = aprovar publicações
agency-rights-manage-inbox = gerenciar a caixa de entrada

## A lista de clientes

agency-clients-heading = Clientes de { $workspace }
agency-invite-heading = Convidar cliente
agency-invite-client = Cliente
agency-invite-new-client = Um novo cliente
agency-invite-client-name = Nome do novo cliente
agency-invite-email = E-mail
agency-invite-name = Nome completo
agency-invite-rights-hint = Um novo cliente recebe as permissões e plataformas abaixo; uma pessoa de um cliente existente recebe as desse cliente.
agency-invite-two-factor-hint = Para um novo cliente: as pessoas dele entram com um segundo fator para aceitar, conectar e desconectar, e ele não recebe link de conexão.
agency-invite-send = Enviar o convite

agency-seats-used = { $used } de { $limit ->
    [one] { $limit } assento em uso
   *[other] { $limit } assentos em uso
}
agency-seats-over = Este espaço de trabalho usa { $over ->
    [one] { $over } assento
   *[other] { $over } assentos
} a mais do que o plano paga. Ninguém que possa publicar pode ser convidado ou entrar até que assentos sejam liberados ou adicionados; pessoas que apenas conectam contas ainda podem.
agency-seats-full = Todos os assentos estão ocupados. Ninguém que possa publicar pode ser convidado ou entrar até que um assento seja liberado ou adicionado; pessoas que apenas conectam contas ainda podem.

agency-list-clients = Clientes e as pessoas de cada um, dos mais recentes aos mais antigos
agency-list-people = Pessoas, das mais recentes às mais antigas
agency-filter-status = Status
agency-filter-all = Todos os clientes
agency-filter-show = Mostrar
agency-none-with-status = Ninguém tem este status.
agency-no-clients = Ainda não há clientes: convide um acima.

agency-status-invited = Convidado
agency-status-active = Ativo
agency-status-expired = Expirado
agency-status-revoked = Revogado
agency-status-deactivated = Desativado
agency-client-deleted = Excluído
agency-delivery-failed = E-mail não entregue
agency-delivery-complained = Marcado como spam

agency-client-summary = { $rights } · cliente desde { $date }
agency-connect-link = Link de conexão
agency-new-connect-link = Novo link de conexão
    .aria = Novo link de conexão para { $client }
agency-end-connect-link = Encerrar link de conexão
    .aria = Encerrar link de conexão de { $client }
agency-change-rights = Alterar permissões
    .aria = Alterar permissões de { $client }
agency-delete-client = Excluir cliente
    .aria = Excluir cliente { $client }

agency-person-invited = Convidado por { $inviter }; o link funciona até { $when }
agency-person-expired = O link expirou em { $when }
agency-person-joined = Entrou
agency-person-joined-at = Entrou em { $when }
agency-person-closed-at = Desde { $when }
agency-resend = Reenviar
    .aria = Reenviar o convite para { $email }
agency-resend-anyway = Reenviar mesmo assim
    .aria = Reenviar mesmo assim para { $email }, que marcou nosso e-mail como spam
agency-revoke = Revogar
    .aria = Revogar o convite de { $email }
agency-remove = Remover
    .aria = Remover { $email }

agency-delete-heading = Excluir { $client }?
agency-delete-explained = As pessoas dele perdem o acesso na hora e o link de conexão deixa de funcionar. O que acontece com as contas conectadas dele?
agency-delete-connections = As contas conectadas dele
agency-delete-confirm = Excluir { $client }

## As pessoas marcadas na lista de clientes

agency-ticked = As pessoas marcadas abaixo
agency-ticked-select = Selecionar
agency-ticked-resend = Reenviar para as selecionadas
agency-ticked-revoke = Revogar as selecionadas
agency-ticked-remove = Remover as selecionadas
agency-ticked-none = Marque pelo menos uma pessoa primeiro.
agency-ticked-too-many = { $asked } pessoas estão marcadas; uma etapa age sobre no máximo { $most }. Nada foi feito: marque menos.
agency-ticked-unreadable = Não foi possível ler as pessoas marcadas: recarregue a página e marque-as de novo.
agency-ticked-gone = Nenhuma das pessoas marcadas faz mais parte deste espaço de trabalho.
agency-ticked-resent = Convite reenviado para { $people }.
agency-ticked-revoked = Convites revogados: { $people }.
agency-ticked-removed = Pessoas removidas: { $people }.
agency-ticked-not-resent = Não foi possível reenviar para { $person }: { $why }
agency-ticked-not-revoked = Não foi possível revogar o convite de { $person }: { $why }
agency-ticked-not-removed = Não foi possível remover { $person }: { $why }
agency-ticked-unknown = a pessoa desconhecida { $id }

agency-remove-heading = { $count ->
    [one] Remover { $count } pessoa?
   *[other] Remover { $count } pessoas?
}
agency-remove-explained = Quem entrou não pode mais agir pelo cliente; o link de um convite pendente deixa de funcionar. As contas conectadas continuam.
agency-remove-confirm = { $count ->
    [one] Remover { $count } pessoa
   *[other] Remover { $count } pessoas
}
agency-remove-line = { $person }: { $effect }
agency-remove-named = { $name } ({ $email })
agency-remove-leaves = sai do cliente na hora
agency-remove-withdrawn = o convite é retirado
agency-remove-gone = já saiu: nada a fazer

## O link de convite

agency-invite-link-heading = Link de convite de { $workspace }
agency-invite-link-the-link = O link
agency-invite-link-explained = Qualquer pessoa com este link pode entrar como cliente depois de fazer login.
agency-invite-link-refresh-hint = Renovar cria um novo link; o atual deixa de funcionar na hora.
agency-invite-link-refresh = Renovar o link
agency-invite-link-off = O link de convite está desativado: ninguém pode entrar com ele.
agency-invite-link-settings = Configurações
agency-invite-link-on = O link de convite está ativado
agency-invite-link-joiners = Quem entra se torna
agency-invite-link-new-client = Cada um, um novo cliente
agency-invite-link-people-of = Pessoas de { $client }
agency-invite-link-permissions = Permissões de quem entra
agency-invite-link-platforms = Plataformas que quem entra pode conectar

## As permissões de um cliente

agency-rights-heading = Permissões de { $client }
agency-rights-what = O que as pessoas dele podem fazer
agency-rights-explained = Cada pessoa de { $client } recebe no máximo estas permissões; quem foi convidado com menos continua com menos. Sem nada marcado, o acesso é somente leitura: elas veem as contas e não alteram nada.
agency-rights-platforms = Plataformas que as pessoas dele podem conectar
agency-rights-two-factor-hint = As pessoas dele passam a entrar com um segundo fator para aceitar, conectar e desconectar, e o link de conexão dele deixa de funcionar.
agency-rights-outside = As contas conectadas dele em { $platforms }
agency-rights-save = Salvar as permissões
agency-rights-ask = Esta alteração retira { $platforms } do cliente, que tem { $count ->
    [one] { $count } conta conectada
   *[other] { $count } contas conectadas
} lá. Escolha abaixo se elas serão mantidas ou desconectadas e salve de novo.

## As conexões

agency-connections-heading = Conexões de { $workspace }
agency-connections-list = Contas conectadas, das mais recentes às mais antigas
agency-connections-none = Ainda não há contas conectadas.
agency-health-healthy = Funcionando
agency-health-expiring = Expirando
agency-health-needs-reconnect = Precisa reconectar
agency-owner-agency = A agência
agency-owner-removed = Um cliente excluído
agency-health-since = desde { $when }
agency-connected-by = Conectada por { $person } em { $when }
agency-connected-by-someone-gone = alguém que não está mais aqui

agency-assignment = visível para { $client } · { $approval } · { $credentials }
agency-assignment-removed-client = um cliente excluído
agency-assignment-approves = o cliente aprova as publicações
agency-assignment-no-approval = sem aprovação
agency-assignment-agency-publishes = publica com as credenciais da agência
agency-assignment-client-publishes = publica com a própria conexão do cliente
agency-assignment-waiting-for-client = aguardando o cliente conectar esta conta
agency-assignments = Clientes aos quais { $account } está atribuída
agency-assignment-waiting = Aguardando
agency-assignment-client-approves = { $client } aprova as publicações
agency-assignment-credentials-of = Com quais credenciais publicar para { $client }
agency-credentials-agency = As credenciais da agência
agency-credentials-client = A própria conexão do cliente
agency-assignment-save = Salvar
    .aria = Salvar a atribuição de { $account } a { $client }
agency-take-away = Retirar
    .aria = Retirar { $account } de { $client }

agency-reconnect-email = Enviar e-mail de reconexão
    .aria = Enviar e-mail de reconexão para { $account }
agency-assign-to = Atribuir { $account } a
agency-assign-approves = O cliente aprova as publicações
agency-assign-credentials = Com quais credenciais publicar
agency-assign = Atribuir
    .aria = Atribuir { $account }
agency-disconnect = Desconectar
    .aria = Desconectar { $account }

agency-own-heading = Conectar as contas da própria agência
agency-connect-own = { $platform }
    .aria = { $platform }: conectar uma conta da agência
