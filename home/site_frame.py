"""The pages every page's frame links to (home, practice index, publications, the contribution
form, the footer's information pages), read once per content version instead of on every page.

They depend on nothing but the page tree, so a publish, move, unpublish or view restriction (each
a content change, see changes/) renews them in every process at once.
"""

from caching.public_pages import public
from search.versioning import VersionedCache

_frame = VersionedCache()


def _by_language(pages):
    found = {}
    for page in pages:
        found.setdefault(page.locale.language_code, page)
    return found


def _load():
    from contributions.models import ContributionFormPage
    from home.models import HomePage, InformationPage
    from practices.models import PracticeIndexPage
    from publications.models import PublicationIndexPage

    def first_per_language(model, public_only=False):
        pages = model.objects.live().select_related("locale").order_by("path")
        return _by_language(public(pages) if public_only else pages)

    footer = {}
    information = public(InformationPage.objects.live().filter(show_in_menus=True))
    for page in information.select_related("locale").order_by("path"):
        footer.setdefault(page.locale.language_code, []).append(page)
    return {
        "home": first_per_language(HomePage),
        "practice_index": first_per_language(PracticeIndexPage),
        "publication_index": first_per_language(PublicationIndexPage, public_only=True),
        "contribution": first_per_language(ContributionFormPage, public_only=True),
        "footer": footer,
    }


def frame_page(kind, language_code):
    """The live page of `kind` ("home", "practice_index", "publication_index", "contribution") in
    this language, or None."""
    return _frame.get("frame", _load)[kind].get(language_code)


def footer_pages(language_code):
    return _frame.get("frame", _load)["footer"].get(language_code, [])


def locale_code(locale_id):
    """The language code of a locale id, without a query."""
    from wagtail.models import Locale

    codes = _frame.get("locales", lambda: dict(Locale.objects.values_list("id", "language_code")))
    return codes.get(locale_id) or Locale.objects.get(id=locale_id).language_code
