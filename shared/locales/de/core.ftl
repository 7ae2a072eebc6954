# Die Sprache, Datum und Uhrzeit und das Sprachmenü: gemeinsam für alle Seiten und
# E-Mails.

language-name = Deutsch
language-menu = Sprache
language-menu-choose = Diese Seite auf { $language } anzeigen

date-month-1 = Januar
date-month-2 = Februar
date-month-3 = März
date-month-4 = April
date-month-5 = Mai
date-month-6 = Juni
date-month-7 = Juli
date-month-8 = August
date-month-9 = September
date-month-10 = Oktober
date-month-11 = November
date-month-12 = Dezember
date-day = { $day }. { $month } { $year }
date-time = { $date }, { $hour }:{ $minute } Uhr UTC

relative-just-now = gerade eben
relative-in-minutes = { $count ->
    [one] in einer Minute
   *[other] in { $count } Minuten
}
relative-in-hours = { $count ->
    [one] in einer Stunde
   *[other] in { $count } Stunden
}
relative-in-days = { $count ->
    [one] in einem Tag
   *[other] in { $count } Tagen
}
relative-minutes-ago = { $count ->
    [one] vor einer Minute
   *[other] vor { $count } Minuten
}
relative-hours-ago = { $count ->
    [one] vor einer Stunde
   *[other] vor { $count } Stunden
}
relative-days-ago = { $count ->
    [one] vor einem Tag
   *[other] vor { $count } Tagen
}
