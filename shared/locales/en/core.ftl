# The language itself, dates and times, and the language menu: shared by every page
# and email.

language-name = English
language-menu = Language
language-menu-choose = Read this page in { $language }

date-month-1 = January
date-month-2 = February
date-month-3 = March
date-month-4 = April
date-month-5 = May
date-month-6 = June
date-month-7 = July
date-month-8 = August
date-month-9 = September
date-month-10 = October
date-month-11 = November
date-month-12 = December
# "5 December 2026"
date-day = { $day } { $month } { $year }
# "5 December 2026, 21:32 UTC"
date-time = { $date }, { $hour }:{ $minute } UTC

relative-just-now = just now
relative-in-minutes = { $count ->
    [one] in one minute
   *[other] in { $count } minutes
}
relative-in-hours = { $count ->
    [one] in one hour
   *[other] in { $count } hours
}
relative-in-days = { $count ->
    [one] in one day
   *[other] in { $count } days
}
relative-minutes-ago = { $count ->
    [one] one minute ago
   *[other] { $count } minutes ago
}
relative-hours-ago = { $count ->
    [one] one hour ago
   *[other] { $count } hours ago
}
relative-days-ago = { $count ->
    [one] one day ago
   *[other] { $count } days ago
}
