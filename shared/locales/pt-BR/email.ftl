# Os e-mails para as pessoas dos clientes: convite, reconexão e atribuição.
# $workspace é o nome de marca da agência.

email-copy-link = Se o botão não funcionar, copie este endereço no seu navegador:
email-text-link = { $action }: { $link }

email-invitation-subject = { $inviter } convida você a conectar suas contas a { $workspace }
email-invitation-heading = Conecte suas redes sociais a { $workspace }
email-invitation-intro = { $inviter } convidou você a conectar suas contas de redes sociais ao espaço de trabalho { $workspace }, para que possam publicar por você. Você nunca compartilha uma senha: cada plataforma pede o seu consentimento na própria página.
email-invitation-platforms = Você pode conectar: { $platforms }.
email-invitation-action = Ver o convite
email-invitation-until = Este link vale até { $until }.
email-invitation-ignore = Se você não esperava este convite, pode ignorar este e-mail.

email-reconnect-needed-subject = Ação necessária: reconecte { $platform } para { $workspace }
email-reconnect-needed-headline = { $workspace } não consegue mais publicar em { $account }
email-reconnect-needed-explanation = { $platform } deixou de aceitar a conexão de { $account }: o acesso foi retirado ou expirou. Até você reconectar, { $workspace } não poderá publicar lá.
email-reconnect-deadline-subject = Sua conexão do { $platform } para { $workspace } deixa de funcionar em { $day }
email-reconnect-deadline-headline = Reconecte { $account } antes de { $day }
email-reconnect-deadline-explanation = O { $platform } mantém esta conexão ativa só até { $day }, e ela não pode ser renovada sem você. Reconecte antes disso para que { $workspace } continue publicando sem interrupção.
email-reconnect-asked-subject = Por favor, reconecte { $platform } para { $workspace }
email-reconnect-asked-headline = Reconecte { $account }
email-reconnect-asked-explanation = { $workspace } pede que você reconecte esta conta do { $platform } para poder continuar publicando.
email-reconnect-action = Reconectar { $platform }
email-reconnect-how = Reconectar leva um minuto: o { $platform } pede o seu consentimento na própria página, com a mesma conta ({ $account }).
email-reconnect-why = Você recebe este e-mail porque { $workspace } publica nesta conta por você.

email-assignment-removed-subject = { $workspace } não compartilha mais { $account } com você
email-assignment-removed-headline = { $account } ({ $platform }) foi retirada de você
email-assignment-removed-explanation = { $workspace } não mostra mais para você a conta { $account } do { $platform }. Nada mais é publicado por você por meio dela.
email-assignment-headline = { $workspace } atribuiu { $account } ({ $platform }) a você
email-assignment-agency-subject = { $workspace } atribuiu { $account } a você
email-assignment-agency-explanation = { $workspace } publica por você com a própria conta { $account } do { $platform }. { $approval }
email-assignment-client-subject = Ação necessária: conecte { $platform } para { $workspace }
email-assignment-client-explanation = { $workspace } vai publicar por você em { $account } com o seu próprio acesso ao { $platform }. Conecte você mesmo essa mesma conta pela sua página de conexão. { $approval }
email-assignment-approval-needed = As publicações nela aguardam a sua aprovação.
email-assignment-approval-not-needed = As publicações nela não precisam da sua aprovação.
email-assignment-connect-action = Conectar { $platform }
email-assignment-open-page = Abrir sua página de conexão
email-assignment-your-page = Sua página de conexão
email-assignment-why = Você recebe este e-mail porque { $workspace } gerencia redes sociais para você.
