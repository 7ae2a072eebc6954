# O idioma, datas e horários, e o menu de idiomas: comuns a todas as páginas e e-mails.

language-name = Português (Brasil)
language-menu = Idioma
language-menu-choose = Ver esta página em { $language }

date-month-1 = janeiro
date-month-2 = fevereiro
date-month-3 = março
date-month-4 = abril
date-month-5 = maio
date-month-6 = junho
date-month-7 = julho
date-month-8 = agosto
date-month-9 = setembro
date-month-10 = outubro
date-month-11 = novembro
date-month-12 = dezembro
date-day = { $day } de { $month } de { $year }
date-time = { $date }, { $hour }:{ $minute } UTC

relative-just-now = agora mesmo
relative-in-minutes = { $count ->
    [one] em um minuto
   *[other] em { $count } minutos
}
relative-in-hours = { $count ->
    [one] em uma hora
   *[other] em { $count } horas
}
relative-in-days = { $count ->
    [one] em um dia
   *[other] em { $count } dias
}
relative-minutes-ago = { $count ->
    [one] há um minuto
   *[other] há { $count } minutos
}
relative-hours-ago = { $count ->
    [one] há uma hora
   *[other] há { $count } horas
}
relative-days-ago = { $count ->
    [one] há um dia
   *[other] há { $count } dias
}
