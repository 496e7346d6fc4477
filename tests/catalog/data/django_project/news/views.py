"""A Django app's view module: eager and lazy gettext calls, contexts and plurals."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext, pgettext, pgettext_lazy

TITLE = gettext_lazy("News of the university")
MONTH = pgettext_lazy("month name", "May")


def summary(count: int, name: str) -> str:
    # Translators: the verb, as in "you may"
    verb = pgettext("verb", "May")
    articles = ngettext("%(count)d new article", "%(count)d new articles", count)
    releases = npgettext("press", "{n} release by {name}", "{n} releases by {name}", count)
    return " ".join((verb, articles % {"count": count}, releases.format(n=count, name=name),
                     _("Hello, %(name)s!") % {"name": name}))
