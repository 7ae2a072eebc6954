# Lembretes: o e-mail que lembra um convite ainda não aceito e a linha do cartão de
# clientes da agência.

reminder-invitation-subject = Lembrete: { $inviter } convida você a conectar suas contas a { $workspace }
reminder-invitation-heading = Seu convite de { $workspace } ainda está aguardando
reminder-invitation-intro = { $inviter } convidou você a conectar suas contas de redes sociais a { $workspace } para que possam publicar por você. Você ainda não aceitou o convite. Você nunca compartilha uma senha: cada plataforma pede seu consentimento na própria página.
reminder-invitation-action = Ver o convite
reminder-invitation-until = Este link funciona até { $until } ({ $left }).
reminder-invitation-copy = Se o botão não funcionar, copie este endereço no seu navegador:
reminder-invitation-ignore = Se você não esperava este convite, pode ignorar este e-mail.
reminder-card-reminded = Lembrete enviado { $when }

reminder-reconnect-subject = Lembrete: reconecte o { $platform } para { $workspace }
reminder-reconnect-heading = { $workspace } ainda aguarda que você reconecte { $account }
reminder-reconnect-intro = Há alguns dias, { $workspace } pediu que você reconectasse a conta { $account } do { $platform }. Enquanto ela não for reconectada, { $workspace } não poderá publicar nela. Leva só um minuto: o { $platform } pede seu consentimento na própria página.
reminder-reconnect-action = Reconectar { $platform }

reminder-assignment-subject = Lembrete: conecte o { $platform } para { $workspace }
reminder-assignment-heading = { $workspace } ainda aguarda que você conecte { $account }
reminder-assignment-intro = Há alguns dias, { $workspace } atribuiu a você a conta { $account } do { $platform } e pediu que você mesmo conectasse essa mesma conta, para que possam publicar por você com o seu próprio acesso. Ela ainda não está conectada. Leva só um minuto: o { $platform } pede seu consentimento na própria página.
reminder-assignment-action = Conectar { $platform }
