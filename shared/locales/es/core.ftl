# El idioma, las fechas y horas, y el menú de idiomas: comunes a todas las páginas y
# correos.

language-name = Español
language-menu = Idioma
language-menu-choose = Ver esta página en { $language }

date-month-1 = enero
date-month-2 = febrero
date-month-3 = marzo
date-month-4 = abril
date-month-5 = mayo
date-month-6 = junio
date-month-7 = julio
date-month-8 = agosto
date-month-9 = septiembre
date-month-10 = octubre
date-month-11 = noviembre
date-month-12 = diciembre
date-day = { $day } de { $month } de { $year }
date-time = { $date }, { $hour }:{ $minute } UTC

relative-just-now = ahora mismo
relative-in-minutes = { $count ->
    [one] dentro de un minuto
   *[other] dentro de { $count } minutos
}
relative-in-hours = { $count ->
    [one] dentro de una hora
   *[other] dentro de { $count } horas
}
relative-in-days = { $count ->
    [one] dentro de un día
   *[other] dentro de { $count } días
}
relative-minutes-ago = { $count ->
    [one] hace un minuto
   *[other] hace { $count } minutos
}
relative-hours-ago = { $count ->
    [one] hace una hora
   *[other] hace { $count } horas
}
relative-days-ago = { $count ->
    [one] hace un día
   *[other] hace { $count } días
}
