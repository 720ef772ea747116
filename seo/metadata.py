"""What a page says about itself to search engines and social sites: canonical address, language
versions, OpenGraph card and, for a practice, schema.org JSON-LD."""

import json
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import Truncator
from wagtail.models import Page

from seo.urls import absolute

OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
IGNORED_QUERY_PARAMS = ("utm_", "fbclid", "gclid", "mc_")

# JSON inside <script>: no "</script>" or HTML comment can end the block early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def canonical_url(request, page=None):
    if isinstance(page, Page) and page.pk:
        original = page.alias_of.specific if page.alias_of_id else page
        return absolute(request, original.get_url(request))
    if request is None or request.resolver_match is None:
        return ""  # an error page has no address of its own
    kept = [
        (key, value)
        for key, value in parse_qsl(request.META.get("QUERY_STRING", ""))
        if not key.startswith(IGNORED_QUERY_PARAMS)
    ]
    return absolute(request, request.path + ("?" + urlencode(kept) if kept else ""))


def language_versions(context):
    """[(language code, absolute URL)] of the versions of this page that really exist."""
    from home.templatetags.site_tags import language_links

    request = context.get("request")
    return [
        (link["code"], absolute(request, link["url"]))
        for link in language_links(context)
        if link.get("translated", True) and link.get("url")
    ]


def description_of(page):
    for field in ("search_description", "summary", "introduction"):
        value = getattr(page, field, "") or ""
        if value.strip():
            return Truncator(" ".join(value.split())).chars(300)
    return ""


def hero_image_url(request, page):
    image = getattr(page, "hero_image", None)
    if image is None:
        return ""
    try:
        return absolute(request, image.get_rendition("fill-1200x630|format-jpeg").url)
    except Exception:  # a missing source file must not take the page down
        return ""


def term_url(route, slug, language):
    try:
        with translation.override(language):
            return reverse(route, kwargs={"slug": slug})
    except NoReverseMatch:
        return ""


def practice_terms(context, page):
    """The practice's terms and places: those the practice page shows (practice_context)."""
    if "themes" in context and "involved_municipalities" in context:
        main = context.get("main_municipality")
        return {
            "themes": context["themes"],
            "professional_groups": context.get("professional_groups", []),
            "learning_forms": context.get("learning_forms", []),
            "municipalities": ([main] if main else []) + list(context["involved_municipalities"]),
        }
    from practices.practice_context import practice_context

    shown = practice_context(page)  # computed once per page object: the body reuses it
    main = shown["main_municipality"]
    return {
        "themes": shown["themes"],
        "professional_groups": shown["professional_groups"],
        "learning_forms": shown["learning_forms"],
        "municipalities": ([main] if main else []) + list(shown["involved_municipalities"]),
    }


def practice_json_ld(request, page, url, terms):
    """schema.org Article for a practice: what it is about, where and when it happened."""
    from home.site_frame import locale_code

    language = locale_code(page.locale_id)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(page.title).chars(110),
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": language,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.practice_date:
        data["temporalCoverage"] = page.practice_date.isoformat()
    about = []
    for theme in terms["themes"]:
        term = {"@type": "DefinedTerm", "name": theme.name, "termCode": theme.slug}
        address = term_url("theme_detail", theme.slug, language)
        if address:
            term["url"] = absolute(request, address)
        about.append(term)
    if about:
        data["about"] = about
        data["keywords"] = ", ".join(term["name"] for term in about)
    places = []
    for municipality in terms["municipalities"]:
        place = {
            "@type": "AdministrativeArea",
            "name": municipality.name,
            "identifier": municipality.cbs_code,
            "containedInPlace": {"@type": "AdministrativeArea", "name": municipality.province.name},
        }
        address = term_url("municipality_detail", municipality.slug, language)
        if address:
            place["url"] = absolute(request, address)
        places.append(place)
    if places:
        data["spatialCoverage"] = places[0] if len(places) == 1 else places
    audiences = [
        {"@type": "Audience", "audienceType": group.name} for group in terms["professional_groups"]
    ]
    if audiences:
        data["audience"] = audiences
    learning_forms = [form.name for form in terms["learning_forms"]]
    if learning_forms:
        data["learningResourceType"] = learning_forms
    image = hero_image_url(request, page)
    if image:
        data["image"] = image
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


def shown_results(context):
    """The search results the page shows (the search page, a listing), if any."""
    results = context.get("results")
    if results is None and getattr(context.get("listing"), "results", None) is not None:
        results = context["listing"].results
    return results if hasattr(results, "params") else None


def feeds_for(context):
    from practices.feeds import feed_links

    try:
        return feed_links(context.get("request"), shown_results(context))
    except NoReverseMatch:
        return {"links": [], "follows_search": False}


def head_metadata(context):
    """Everything templates/seo/head.html prints, computed once per page."""
    from practices.models import PracticePage

    request = context.get("request")
    page = context.get("page")
    is_page = isinstance(page, Page) and bool(page.pk)
    language = translation.get_language() or settings.LANGUAGE_CODE
    canonical = canonical_url(request, page if is_page else None)
    versions = language_versions(context) if canonical else []
    title = (page.seo_title or page.title) if is_page else context.get("seo_title", "")
    meta = {
        "canonical": canonical,
        "alternates": versions if len(versions) > 1 else [],
        "x_default": next((url for code, url in versions if code == "nl"), ""),
        "og_type": "website",
        "og_title": title,
        "og_description": description_of(page) if is_page else "",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            OG_LOCALES.get(code, code) for code, _url in versions if code != language
        ],
        "og_image": "",
        "og_image_alt": "",
        "json_ld": "",
    }
    meta["feeds"] = feeds_for(context)
    if is_page and isinstance(page, PracticePage):
        meta["og_type"] = "article"
        meta["og_image"] = hero_image_url(request, page)
        meta["og_image_alt"] = page.hero_image_alt
        meta["published"] = page.first_published_at
        meta["modified"] = page.last_published_at
        terms = practice_terms(context, page)
        meta["tags"] = [theme.name for theme in terms["themes"]]
        meta["json_ld"] = practice_json_ld(request, page, canonical, terms)
    return meta
