# A marca de um espaço de trabalho e as palavras da própria agência em um convite.

brand-product = Client Connect
brand-from-name = { $agency } via { $product }
brand-sent-by = Enviado por { $agency } via { $product }.
brand-message-from = Uma mensagem de { $person } ({ $agency }):

brand-invite-message = Mensagem pessoal (opcional)
brand-invite-message-hint = Aparece no e-mail e na página do convite como suas próprias palavras. Texto simples, no máximo 500 caracteres.
brand-invite-language = Idioma dos e-mails
brand-invite-language-workspace = O idioma do espaço de trabalho

brand-nav = Marca
brand-title = Marca · { $workspace }
brand-heading = Marca de { $workspace }
brand-intro = Como seus clientes veem seus e-mails e as páginas deles.
brand-display-name = Nome nos e-mails
brand-display-name-hint = Os e-mails são enviados como “{ $example }”. Deixe em branco para usar { $workspace }.
brand-logo = Endereço do logotipo
brand-logo-hint = Um endereço https de uma imagem PNG, JPEG, WebP ou GIF de no máximo 256 KB. Ela aparece com 48 pixels.
brand-accent = Cor de destaque
brand-accent-hint = Para os botões e links das páginas e dos e-mails dos seus clientes, no formato #rrggbb. Ela precisa ser escura o suficiente para ser lida: um contraste de pelo menos 4,5:1 com o branco.
brand-language = Idioma dos e-mails para seus clientes
brand-language-hint = Cada convite pode escolher outro idioma para a pessoa convidada.
brand-save = Salvar a marca
brand-saved = A marca foi salva.

brand-decimal-separator = ,

problem-invitation-message-too-long-title = Mensagem longa demais
problem-invitation-message-too-long-detail = A mensagem tem { $count } caracteres, e o máximo permitido é 500. Encurte a mensagem e envie o convite novamente.
problem-unsupported-language-title = Idioma indisponível
problem-unsupported-language-detail = Os e-mails podem ser escritos em inglês, espanhol, francês, alemão ou português do Brasil. Escolha um desses idiomas.
problem-accent-colour-low-contrast-title = Cor clara demais para leitura
problem-accent-colour-low-contrast-detail = { $colour } tem contraste de apenas { $ratio }:1 com a página ou com o texto branco dos botões; é preciso pelo menos 4,5:1. Escolha uma cor mais escura.
problem-logo-not-an-image-title = Logotipo inutilizável
problem-logo-not-an-image-detail = O endereço do logotipo não leva a uma imagem PNG, JPEG, WebP ou GIF (imagens SVG não são aceitas). Use outra imagem.
problem-logo-too-large-title = Logotipo grande demais
problem-logo-too-large-detail = O logotipo tem mais de 256 KB. Use uma imagem menor: ele aparece com 48 pixels.
problem-logo-unreachable-title = Logotipo inacessível
problem-logo-unreachable-detail = Não foi possível buscar o logotipo no endereço informado. Verifique se o endereço é público e leva direto à imagem e tente novamente.
