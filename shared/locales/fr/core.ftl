# La langue, les dates et heures, et le menu des langues : communs à toutes les pages
# et à tous les e-mails.

language-name = Français
language-menu = Langue
language-menu-choose = Afficher cette page en { $language }

date-month-1 = janvier
date-month-2 = février
date-month-3 = mars
date-month-4 = avril
date-month-5 = mai
date-month-6 = juin
date-month-7 = juillet
date-month-8 = août
date-month-9 = septembre
date-month-10 = octobre
date-month-11 = novembre
date-month-12 = décembre
date-day = { $day } { $month } { $year }
date-time = { $date } à { $hour } h { $minute } UTC

relative-just-now = à l’instant
relative-in-minutes = { $count ->
    [one] dans une minute
   *[other] dans { $count } minutes
}
relative-in-hours = { $count ->
    [one] dans une heure
   *[other] dans { $count } heures
}
relative-in-days = { $count ->
    [one] dans un jour
   *[other] dans { $count } jours
}
relative-minutes-ago = { $count ->
    [one] il y a une minute
   *[other] il y a { $count } minutes
}
relative-hours-ago = { $count ->
    [one] il y a une heure
   *[other] il y a { $count } heures
}
relative-days-ago = { $count ->
    [one] il y a un jour
   *[other] il y a { $count } jours
}
