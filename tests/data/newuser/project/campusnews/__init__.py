from gettext import gettext as _
from gettext import ngettext, npgettext, pgettext


def banner(university, city):
    return _("%(university)s opens a new campus in %(city)s") % {
        "university": university, "city": city}


def students(n):
    return ngettext("%(count)d new student enrolled", "%(count)d new students enrolled",
                    n) % {"count": n}


def deadline(date):
    return _("Applications close on {date}.").format(date=date)


def menu():
    return [pgettext("menu", "News"), pgettext("verb", "Apply"),
            _("Contact the press office.")]


def labs(n, city):
    return npgettext("lab", "{n} laboratory in {city}", "{n} laboratories in {city}",
                     n).format(n=n, city=city)


def visit(city):
    # Translators: a city name follows
    return _("Visit our campus in %s") % city
