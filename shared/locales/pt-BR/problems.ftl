# Os problemas como as páginas os explicam: um título e um detalhe por tipo de problema
# (o slug do `type` da API, que não é traduzido).

problem-other-title = Não foi possível fazer isso
problem-other-detail = Volte e tente novamente. Se continuar acontecendo, informe este código à sua agência: { $code }.

problem-internal-title = Algo deu errado
problem-internal-detail = Algo deu errado do nosso lado. Tente novamente.
problem-unreadable-item-title = Algo deu errado
problem-unreadable-item-detail = Algo salvo para esta página não pode ser lido. Tentar novamente não vai adiantar até que quem opera este serviço faça o reparo.

problem-invalid-parameter-title = Parâmetro inválido
problem-invalid-parameter-detail = O endereço da página ou o formulário tem um valor que esta página não pode usar. Volte e tente novamente.
problem-invalid-body-title = Formulário inválido
problem-invalid-body-detail = O formulário tem um valor que esta página não pode usar. Volte, confira o que você digitou e tente novamente.
problem-invalid-email-title = Endereço de e-mail inválido
problem-invalid-email-detail = Esse não é um endereço de e-mail que possa receber um convite. Confira e tente novamente.
problem-wider-than-client-title = Mais amplo que as permissões do cliente
problem-wider-than-client-detail = Uma pessoa ou um link de um cliente pode receber menos que o cliente, nunca mais. Altere primeiro as permissões do cliente.
problem-batch-empty-title = Ninguém marcado
problem-batch-empty-detail = Marque primeiro pelo menos uma pessoa.
problem-batch-too-large-title = Pessoas demais de uma vez
problem-batch-too-large-detail = Você marcou { $asked } pessoas e uma etapa age sobre no máximo { $max }. Nada foi feito: faça isso em várias etapas.
problem-batch-repeats-a-person-title = Pessoa repetida
problem-batch-repeats-a-person-detail = A mesma pessoa foi marcada mais de uma vez. Nada foi feito: recarregue a página e tente novamente.

problem-invalid-token-title = Entre novamente
problem-invalid-token-detail = Sua sessão terminou ou este formulário está desatualizado. Recarregue a página e tente novamente.
problem-issuer-unavailable-title = Login indisponível
problem-issuer-unavailable-detail = No momento não é possível verificar logins: o provedor de identidade não responde. Tente novamente em um minuto.
problem-not-workspace-member-title = Você não pode fazer isso aqui
problem-not-workspace-member-detail = Você não é membro ativo deste espaço de trabalho, ou o seu papel nele não inclui isso.
problem-not-workspace-admin-title = Você não pode fazer isso aqui
problem-not-workspace-admin-detail = Somente o proprietário ou um administrador deste espaço de trabalho pode fazer isso.
problem-team-plan-required-title = Plano Team necessário
problem-team-plan-required-detail = Clientes, seus convites e o link de convite fazem parte do plano Team. Este espaço de trabalho está no plano { $plan }: o proprietário pode mudar para o Team em Configurações → Cobrança; depois, tente novamente.
problem-platform-not-allowed-title = Você não pode fazer isso aqui
problem-platform-not-allowed-detail = { $platform } não é uma das plataformas permitidas para este cliente, pessoa ou link. A agência decide quais plataformas cada um pode usar.
problem-disconnect-not-allowed-title = Você não pode fazer isso aqui
problem-disconnect-not-allowed-detail = Clientes só podem desconectar as próprias contas, e somente quando o espaço de trabalho permite. Peça à agência para desconectá-la.
problem-two-factor-required-title = Entre com um segundo fator
problem-two-factor-required-detail = A agência exige que as pessoas deste cliente entrem com um segundo fator (um código de um app autenticador ou por e-mail, ou uma chave de segurança) para aceitar, conectar ou desconectar, e este login não tinha. Entre novamente com um segundo fator e tente outra vez.
problem-connect-link-needs-sign-in-title = Este link de conexão não funciona mais
problem-connect-link-needs-sign-in-detail = A agência agora exige login em duas etapas para este cliente, então o link de conexão sem login não funciona mais. Entre com a sua própria conta e um segundo fator; se você não tem conta aqui, peça um convite à agência.
problem-two-factor-client-has-no-link-title = Sem link de conexão para um cliente com duas etapas
problem-two-factor-client-has-no-link-detail = Este cliente exige login em duas etapas, e um link de conexão deixa entrar sem login quem o tiver. Convide as pessoas do cliente: elas entram com um segundo fator.

problem-email-mismatch-title = Entre com o endereço convidado
problem-email-mismatch-detail = Este convite foi enviado para outro endereço de e-mail. Entre como a pessoa convidada para aceitá-lo.
problem-email-not-verified-title = Entre com o endereço convidado
problem-email-not-verified-detail = Seu login não veio com um endereço de e-mail verificado. Verifique seu e-mail com o seu provedor de login e tente novamente.
problem-inviter-email-not-verified-title = E-mail de quem convida não verificado
problem-inviter-email-not-verified-detail = Só pode convidar quem tem o próprio endereço de e-mail verificado: os convites saem em nome dessa pessoa, e um link de convite deixa entrar quem o tiver. Seu login não veio com um endereço de e-mail verificado. Verifique-o com o seu provedor de login, entre novamente e então convide.
problem-resend-too-soon-title = Reenviado cedo demais
problem-resend-too-soon-detail = Este convite foi enviado por e-mail há instantes. Aguarde alguns minutos antes de reenviá-lo.
problem-invitation-quota-reached-title = Limite diário de convites atingido
problem-invitation-quota-reached-detail = Este espaço de trabalho já enviou os seus { $count } e-mails de hoje (convites e e-mails de reconexão contam igualmente). Tente novamente amanhã (UTC).
problem-no-seat-left-title = Este espaço de trabalho está cheio
problem-no-seat-left-detail = { $count ->
    [one] A única vaga deste espaço de trabalho está ocupada, e uma pessoa de um cliente que pode publicar ocupa uma. A agência pode adicionar uma vaga ou deixar esta pessoa entrar sem a permissão de publicar.
   *[other] Todas as { $count } vagas deste espaço de trabalho estão ocupadas, e uma pessoa de um cliente que pode publicar ocupa uma. A agência pode adicionar uma vaga ou deixar esta pessoa entrar sem a permissão de publicar.
}
problem-invitation-already-pending-title = Convite já pendente
problem-invitation-already-pending-detail = { $email } já tem um convite pendente para este espaço de trabalho. Reenvie esse convite para mandar um novo link.
problem-already-member-title = Você já está neste espaço de trabalho
problem-already-member-detail = { $email } é ou foi membro deste espaço de trabalho. Quem foi removido só volta por um convite enviado por e-mail.
problem-address-complained-title = O endereço marcou nosso e-mail como spam
problem-address-complained-detail = { $email } marcou como spam um e-mail anterior deste espaço de trabalho, então não recebe outro sem a sua confirmação: fale antes com a pessoa.
problem-invitation-already-accepted-title = Este convite já foi aceito
problem-invitation-already-accepted-detail = Este convite já foi aceito.
problem-not-a-client-title = Não é um cliente
problem-not-a-client-detail = Só um cliente que aceitou um convite pode ser removido; um convite pendente é revogado.
problem-invitation-not-found-title = Convite não encontrado
problem-invitation-not-found-detail = Este convite não existe neste espaço de trabalho.
problem-invite-link-not-found-title = Este link não funciona
problem-invite-link-not-found-detail = Este link não existe ou não funciona mais: ele pode ter sido substituído ou desativado. Se você recebeu um mais recente, use esse.
problem-invitation-expired-title = Este convite expirou
problem-invitation-expired-detail = Este convite expirou. A agência pode reenviá-lo, o que manda um novo link.
problem-invitation-revoked-title = Este convite foi retirado
problem-invitation-revoked-detail = Este convite foi revogado pela agência e não pode mais ser usado.
problem-email-delivery-failed-title = Falha no envio do e-mail
problem-email-delivery-failed-detail = O convite foi salvo, mas o e-mail não pôde ser enviado. Reenvie-o quando o problema for resolvido.

problem-workspace-not-found-title = Espaço de trabalho não encontrado
problem-workspace-not-found-detail = Este espaço de trabalho não existe.
problem-client-not-found-title = Cliente não encontrado
problem-client-not-found-detail = Este cliente não existe neste espaço de trabalho.
problem-person-not-found-title = Pessoa não encontrada
problem-person-not-found-detail = Essa pessoa não está aqui: não é uma pessoa deste cliente nem um membro da agência neste espaço de trabalho.
problem-client-removed-title = Este acesso terminou
problem-client-removed-detail = Este cliente foi removido do espaço de trabalho (ou esta pessoa do cliente): o que foi removido não pode mais ser usado.
problem-concurrent-change-title = Alterado ao mesmo tempo
problem-concurrent-change-detail = Outra coisa mudou no mesmo momento. Recarregue a página e tente novamente.
problem-connections-outside-rights-title = Conexões fora das novas permissões
problem-connections-outside-rights-detail = { $count ->
    [one] Esta alteração tira { $platforms } do cliente, que tem uma conta conectada lá. Diga o que acontece com ela: manter ou desconectar.
   *[other] Esta alteração tira { $platforms } do cliente, que tem { $count } contas conectadas lá. Diga o que acontece com elas: manter ou desconectar.
}

problem-unknown-platform-title = Plataforma desconhecida
problem-unknown-platform-detail = { $platform } não é uma plataforma que este serviço conecta.
problem-platform-not-configured-title = Plataforma não configurada
problem-platform-not-configured-detail = As conexões do { $platform } ainda não estão configuradas aqui. Quem opera este serviço pode adicioná-las.
problem-connection-not-found-title = Esta conexão não existe mais
problem-connection-not-found-detail = Esta conexão não existe neste espaço de trabalho.
problem-not-an-agency-connection-title = Não é uma conexão da agência
problem-not-an-agency-connection-detail = Só as conexões da própria agência podem ser atribuídas a um cliente; a conexão de um cliente já pertence a ele.
problem-assignment-not-found-title = Atribuição não encontrada
problem-assignment-not-found-detail = Esta conta não está atribuída a esse cliente.
problem-too-many-assignments-title = Atribuições demais
problem-too-many-assignments-detail = Uma conta pode ser atribuída a no máximo { $count } clientes. Retire-a antes de um deles.
problem-client-cannot-connect-title = O cliente não pode conectar esta plataforma
problem-client-cannot-connect-detail = O cliente não pode conectar contas do { $platform }, então as credenciais dele nunca poderiam publicar nesta conta. Dê a ele primeiro a permissão de conectar o { $platform }, ou publique por ele com as credenciais da agência.
problem-assignment-waiting-title = Aguardando a conexão do próprio cliente
problem-assignment-waiting-detail = Esta conta publica para esse cliente com as credenciais do próprio cliente, e ele ainda não conectou a conta. Isso já foi pedido a ele.
problem-choice-expired-title = Esta escolha expirou
problem-choice-expired-detail = Esta escolha de contas expirou ou já foi feita. Conecte novamente pela página de conexão.
problem-connection-needs-reconnect-title = A conexão precisa ser refeita
problem-connection-needs-reconnect-detail = Esta conexão precisa ser refeita: a plataforma a recusou ou o acesso expirou.
problem-connection-healthy-title = A conexão está funcionando
problem-connection-healthy-detail = Esta conexão está funcionando: não há nada para reconectar.
problem-nobody-to-notify-title = Ninguém para avisar
problem-nobody-to-notify-detail = Ninguém que possa reconectar esta conta pode receber e-mail: o cliente não tem nenhuma pessoa ativa, ou quem conectou a conta da agência não gerencia mais o espaço de trabalho.
problem-reconnect-email-too-soon-title = E-mail de reconexão enviado cedo demais
problem-reconnect-email-too-soon-detail = As pessoas que podem reconectar esta conta receberam um e-mail sobre isso há instantes. Aguarde alguns minutos antes de escrever de novo.
problem-email-quota-reached-title = Limite diário de e-mails atingido
problem-email-quota-reached-detail = Este espaço de trabalho já enviou os seus { $count } e-mails de hoje (convites e e-mails de reconexão contam igualmente), e isto enviaria mais. Tente novamente amanhã (UTC).
problem-reconnect-email-not-sent-title = E-mail de reconexão não enviado
problem-reconnect-email-not-sent-detail = O serviço de e-mail não aceitou nenhum dos e-mails de reconexão. Nada foi enviado, então você pode tentar novamente assim que o problema for resolvido.
problem-platform-unavailable-title = Plataforma indisponível
problem-platform-unavailable-detail = { $platform } não respondeu corretamente. Tente novamente em um minuto.
