"""Template tags for the site frame: the language switcher and the current locale's root pages."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from home import site_frame
from home.site_frame import frame_page

register = template.Library()


def _home_for(language_code):
    return frame_page("home", language_code)


UNTRANSLATED_PARAM = "untranslated"
TRANSLATIONS_ATTRIBUTE = "live_translations_by_language"
NEAREST_ATTRIBUTE = "nearest_translated_by_language"
ANCESTORS_ATTRIBUTE = "ancestors_in_frame"


def frame_ancestors(page):
    """The page's ancestors below the tree root and the page itself, root first; read once per page
    object (the breadcrumbs and the language switch both need them)."""
    known = vars(page).get(ANCESTORS_ATTRIBUTE)
    if known is None:
        known = vars(page)[ANCESTORS_ATTRIBUTE] = list(
            page.get_ancestors(inclusive=True).filter(depth__gt=1)
        )
    return known


def _nearest_translated(page, language_code):
    """The closest ancestor of `page` with a live translation in `language_code` (the parent, the
    index, at worst the home page): the place in that language a reader of the page would want."""
    ancestors = [ancestor for ancestor in frame_ancestors(page) if ancestor.pk != page.pk]
    found = {
        translated.translation_key: translated
        for translated in Page.objects.live().filter(
            locale__language_code=language_code,
            translation_key__in=[ancestor.translation_key for ancestor in ancestors],
        )
    }
    for ancestor in reversed(ancestors):
        if ancestor.translation_key in found:
            return found[ancestor.translation_key]
    return _home_for(language_code)


@register.simple_tag(takes_context=True)
def untranslated_origin(context):
    """The live page the visitor came from through the language switch because it has no
    translation here (from `?untranslated=<id>`), or None."""
    request = context.get("request")
    raw = request.GET.get(UNTRANSLATED_PARAM, "") if request is not None else ""
    if not raw.isdigit() or len(raw) > 12:
        return None
    return Page.objects.live().public().filter(pk=int(raw)).specific().first()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where to go for this page in that language.

    A Wagtail page leads to its live translation; without one, to the nearest page that is
    translated (its parent, the index, the home page), marked as such so the switcher can say the
    page is not translated and the page there can say which one.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = vars(page).get(TRANSLATIONS_ATTRIBUTE)
        if translations is None:  # the head and the switcher ask the same page once
            translations = vars(page)[TRANSLATIONS_ATTRIBUTE] = {
                other.locale.language_code: other
                for other in page.get_translations(inclusive=True).live().select_related("locale")
            }
    for code, name in settings.LANGUAGES:
        entry = {"code": code, "name": name, "is_current": code == current, "translated": True}
        if isinstance(page, Page) and page.pk:
            target = translations.get(code)
            if target is None:
                nearest = vars(page).setdefault(NEAREST_ATTRIBUTE, {})
                if code not in nearest:
                    nearest[code] = _nearest_translated(page, code)
                target = nearest[code]
                entry["translated"] = False
            entry["url"] = target.get_url(request) if target else "/"
            if not entry["translated"]:
                # The page there says which page is not translated, with a link back to it.
                entry["url"] += "?" + urlencode({UNTRANSLATED_PARAM: page.pk})
        elif context.get("not_found"):
            # The missing address does not exist in the other language either: offer its home.
            home = _home_for(code)
            entry["url"] = home.get_url(request) if home else "/"
        elif request is not None:
            entry["url"] = translate_url(request.get_full_path(), code)
        else:
            entry["url"] = "/"
        links.append(entry)
    return links


@register.simple_tag
def home_page():
    """The home page in the active language (Dutch when there is none)."""
    return _home_for(translation.get_language()) or _home_for(settings.LANGUAGE_CODE)


@register.simple_tag
def practice_index_page():
    """The live practice index in the active language (Dutch when there is none)."""
    return _in_active_language("practice_index")


@register.simple_tag
def active_locale():
    return Locale.get_active()


# Listing overviews for the breadcrumbs of the browsing pages: kind -> (label, URL name).
BROWSE_KINDS = {
    "theme": (_("Thema’s"), "theme_index"),
    "professional_group": (_("Beroepsgroepen"), "professional_group_index"),
    "learning_form": (_("Werkvormen"), "learning_form_index"),
    "municipality": (_("Gemeenten"), "municipality_index"),
    "province": (_("Gemeenten"), "municipality_index"),
}


def _home_crumb(request=None):
    home = home_page()
    return {"label": _("Home"), "url": home.get_url(request) if home else "/"}


@register.simple_tag(takes_context=True)
def browse_breadcrumbs(context, kind, *labels):
    """Home › overview of this kind › the page itself (labels, the last one current)."""
    request = context.get("request")
    crumbs = [_home_crumb(request)]
    label, url_name = BROWSE_KINDS[kind]
    crumbs.append({"label": label, "url": reverse(url_name)})
    current = request.path if request is not None else ""
    for extra in labels:
        if isinstance(extra, dict):
            crumbs.append(extra)
        else:
            crumbs.append({"label": extra, "url": current})
    return crumbs


@register.simple_tag(takes_context=True)
def here_breadcrumbs(context, label):
    """Home › this page, for pages outside the page tree (search)."""
    request = context.get("request")
    return [_home_crumb(request), {"label": label, "url": request.path if request else ""}]


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page):
    """Home › … › this page, from the page tree (the site root counts as home)."""
    request = context.get("request")
    crumbs = []
    for ancestor in frame_ancestors(page):
        crumbs.append({"label": ancestor.title, "url": ancestor.get_url(request)})
    if crumbs:
        crumbs[0]["label"] = _("Home")
    return crumbs


@register.simple_tag(takes_context=True)
def browse_links(context):
    """The overviews in the main menu: themes, municipalities, professional groups."""
    request = context.get("request")
    path = request.path if request is not None else ""
    links = []
    for label, url_name in (
        (_("Thema’s"), "theme_index"),
        (_("Gemeenten"), "municipality_index"),
        (_("Beroepsgroepen"), "professional_group_index"),
    ):
        url = reverse(url_name)
        links.append({"label": label, "url": url, "current": path == url})
    return links


def _in_active_language(kind):
    """The frame's page of `kind` in the active language, else in Dutch."""
    for code in (translation.get_language(), settings.LANGUAGE_CODE):
        found = frame_page(kind, code)
        if found:
            return found
    return None


@register.simple_tag
def contribution_page():
    """The live "Deel je praktijkvoorbeeld" form in the active language (Dutch when there is none)."""
    return _in_active_language("contribution")


@register.simple_tag
def footer_pages():
    """The information pages editors show in menus (contact, privacy, …), in page-tree order."""
    for code in (translation.get_language(), settings.LANGUAGE_CODE):
        found = site_frame.footer_pages(code)
        if found:
            return found
    return []


@register.simple_tag(takes_context=True)
def frame_publication_index(context):
    """The live, public publication overview in the active language, for the main menu."""
    request = context.get("request")
    page = frame_page("publication_index", translation.get_language())
    if page is not None and request is not None and page.get_url(request) is None:
        return None
    return page
