"""Browsing pages: themes, municipalities, provinces, professional groups and learning forms.

Each page is a listing from the search service (see `practices.listings`), so its count is the
count the search page gives for the same filter.
"""

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale

from home.netherlands_map import neighbour_codes, neighbourhood_map
from practices.figures import figures_table, size_class_label
from practices.listings import (
    Listing,
    build_listing,
    current_language,
    dutch_only_hits,
    facet_counts,
)
from practices.models import (
    LearningForm,
    Municipality,
    MunicipalitySuccession,
    PracticePage,
    ProfessionalGroup,
    Province,
    Theme,
)
from practices.search import SIMILAR_FACET
from search.types import SearchParams, SearchResults

# URL name of each taxonomy's detail page and the facet its slug filters on.
TERM_KINDS = {
    Theme: ("theme_detail", "theme"),
    ProfessionalGroup: ("professional_group_detail", "professional_group"),
    LearningForm: ("learning_form_detail", "learning_form"),
}


def municipality_value(municipality):
    """The search filter value for a municipality: its CBS code (the search service's facet value)."""
    return municipality.cbs_code


def province_value(province):
    return province.slug


def _render(request, template, context, status=200):
    listing = context.get("listing")
    if listing is not None and listing.error:
        status = 404
    return TemplateResponse(request, template, context, status=status)


def _term_in_language(model, slug, language):
    """The term with this slug in `language`; a Dutch term on the English site when it has no translation.

    Returns (term, redirect_to): a Dutch slug whose term does have a translation redirects to it.
    """
    term = model.objects.filter(locale__language_code=language, slug=slug).first()
    if term is not None:
        return term, None
    # A slug of the other language (the language switcher keeps the slug) leads to its translation.
    locale = Locale.objects.get(language_code=language)
    for other in model.objects.filter(slug=slug).select_related("locale"):
        translated = other.get_translation_or_none(locale)
        if translated is not None:
            return None, translated
        if language != "nl" and other.locale.language_code == "nl":
            return other, None
    raise Http404


def _dutch_term(term):
    if term.locale.language_code == "nl":
        return term
    return term.get_translation_or_none(Locale.objects.get(language_code="nl"))


def term_detail(request, model, slug):
    language = current_language()
    term, translated = _term_in_language(model, slug, language)
    url_name, facet = TERM_KINDS[model]
    if translated is not None:
        return redirect(reverse(url_name, kwargs={"slug": translated.slug}), permanent=True)
    untranslated_term = term.locale.language_code != language
    dutch = _dutch_term(term)
    dutch_filters = {facet: (dutch.slug,)} if dutch else None
    if untranslated_term:
        # No case in this language can carry a term that has no translation: only Dutch ones.
        listing = Listing(
            results=SearchResults(
                params=SearchParams(language=language), count=0, hits=[], facets={}
            ),
            untranslated=dutch_only_hits(dutch_filters, language),
        )
    else:
        listing = build_listing(request, {facet: (term.slug,)}, dutch_filters=dutch_filters)
    return _render(
        request,
        "practices/term_page.html",
        {
            "term": term,
            "kind": facet,
            "untranslated_term": untranslated_term,
            "listing": listing,
            "search_query": f"{facet}={term.slug}",
        },
    )


def theme_detail(request, slug):
    return term_detail(request, Theme, slug)


def professional_group_detail(request, slug):
    return term_detail(request, ProfessionalGroup, slug)


def learning_form_detail(request, slug):
    return term_detail(request, LearningForm, slug)


def term_index(request, model):
    """Every term of one kind in the active language, with its number of cases."""
    language = current_language()
    url_name, facet = TERM_KINDS[model]
    counts, _results = facet_counts(language, facet)
    terms = list(model.objects.filter(locale__language_code=language).order_by("name"))
    entries = [
        {
            "term": term,
            "count": counts.get(term.slug, 0),
            "url": reverse(url_name, args=[term.slug]),
        }
        for term in terms
    ]
    untranslated = []
    if language != "nl":
        keys = {term.translation_key for term in terms}
        dutch_counts, _dutch = facet_counts("nl", facet)
        for term in model.objects.filter(locale__language_code="nl").order_by("name"):
            if term.translation_key not in keys:
                untranslated.append(
                    {
                        "term": term,
                        "count": dutch_counts.get(term.slug, 0),
                        "url": reverse(url_name, args=[term.slug]),
                    }
                )
    return TemplateResponse(
        request,
        "practices/term_index.html",
        {"kind": facet, "entries": entries, "untranslated": untranslated},
    )


def theme_index(request):
    return term_index(request, Theme)


def professional_group_index(request):
    return term_index(request, ProfessionalGroup)


def learning_form_index(request):
    return term_index(request, LearningForm)


def by_everyday_name(candidates, slug, names):
    """The one object whose everyday name has this slug (/gemeente/den-haag/ for 's-Gravenhage),
    or None when no name or more than one (Bergen) has it."""
    found = [obj for obj in candidates if slug in {slugify(name) for name in names(obj)}]
    return found[0] if len(found) == 1 else None


def municipality_detail(request, slug):
    municipality = Municipality.objects.select_related("province").filter(slug=slug).first()
    if municipality is None:
        everyday = by_everyday_name(
            Municipality.objects.filter(is_current=True).exclude(everyday_names=""),
            slug,
            lambda m: m.everyday_names.split(","),
        )
        if everyday is None:
            raise Http404
        return redirect(reverse("municipality_detail", args=[everyday.slug]), permanent=True)
    if not municipality.is_current and municipality.successor_id:
        # A former municipality's cases are listed on its successor's page.
        return redirect(
            reverse("municipality_detail", args=[municipality.successor.slug]), permanent=True
        )
    former = list(
        MunicipalitySuccession.objects.filter(new=municipality)
        .exclude(old=municipality)
        .select_related("old")
        .order_by("-year", "old__name")
    )
    # Each neighbour with its number of cases, so a visitor sees where a click leads before making it.
    counts, everything = facet_counts(current_language(), "municipality")
    neighbours = [
        {"municipality": neighbour, "count": counts.get(municipality_value(neighbour), 0)}
        for neighbour in Municipality.objects.filter(
            cbs_code__in=neighbour_codes(municipality.cbs_code), is_current=True
        ).order_by("name")
    ]
    # Cases filed under a former municipality are found by its own code: ask for those too.
    former_codes = {succession.old.cbs_code for succession in former}
    former_codes |= set(municipality.predecessors.values_list("cbs_code", flat=True))
    value = municipality_value(municipality)
    values = (value, *sorted(former_codes - {value}))
    listing = build_listing(
        request, {"municipality": values}, dutch_filters={"municipality": values}
    )
    return _render(
        request,
        "practices/municipality_page.html",
        {
            **municipality_figures_context(municipality, counts, everything),
            "municipality": municipality,
            "former": former,
            "neighbours": neighbours,
            "neighbourhood": neighbourhood_map(municipality.cbs_code),
            "listing": listing,
            # Cards of cases set elsewhere say this municipality is involved ("Utrecht · met Zwolle").
            "listed_municipality": municipality,
            "listed_municipality_codes": values,
            "search_query": "&".join(f"municipality={code}" for code in values),
        },
    )


def municipality_figures_context(municipality, counts, everything):
    """The municipality's CBS figures and "Gemeenten zoals …" with their numbers of cases, from the
    figures held in memory and a search already made (`counts`: cases per municipality)."""
    table = figures_table()
    figures = table.figures.get(municipality.cbs_code)
    if figures is None:
        return {"figures": None, "similar": [], "similar_count": 0}
    similar = [
        {"figures": table.figures[code], "count": counts.get(code, 0)}
        for code in table.similar.get(municipality.cbs_code, ())
    ]
    like = {v.value: v.count for v in everything.facets.get(SIMILAR_FACET, [])}
    return {
        "figures": figures,
        "size_class": size_class_label(figures.size_class),
        "similar": similar,
        "similar_count": like.get(municipality.cbs_code, 0),
        "similar_facet": SIMILAR_FACET,
    }


# Provinces known by another name in everyday Dutch and in English (CBS lists the official one).
PROVINCE_EVERYDAY_NAMES = {"Fryslân": ["Friesland"]}


def province_detail(request, slug):
    province = Province.objects.filter(slug=slug).first()
    if province is None:
        everyday = by_everyday_name(
            Province.objects.filter(name__in=PROVINCE_EVERYDAY_NAMES),
            slug,
            lambda p: PROVINCE_EVERYDAY_NAMES[p.name],
        )
        if everyday is None:
            raise Http404
        return redirect(reverse("province_detail", args=[everyday.slug]), permanent=True)
    value = province_value(province)
    listing = build_listing(request, {"province": (value,)}, dutch_filters={"province": (value,)})
    counts = {item.value: item.count for item in listing.results.facets.get("municipality", [])}
    municipalities = [
        {"municipality": m, "count": counts.get(municipality_value(m), 0)}
        for m in province.municipalities.filter(is_current=True).order_by("name")
    ]
    from home.map_context import municipality_map

    shaded, rows = municipality_map(current_language(), province=province)
    return _render(
        request,
        "practices/province_page.html",
        {
            "province": province,
            "municipalities": municipalities,
            "map": shaded,
            "map_rows": rows,
            "listing": listing,
            "search_query": f"province={value}",
        },
    )


def municipality_index(request):
    """Municipalities with cases, by province, with the map."""
    from home.map_context import municipality_map

    shaded, rows = municipality_map(current_language())
    provinces = {}
    for row in rows:
        provinces.setdefault(row["province"], []).append(row)
    return TemplateResponse(
        request,
        "practices/municipality_index.html",
        {"map": shaded, "map_rows": rows, "provinces": sorted(provinces.items())},
    )


@csrf_exempt  # reveals information only and changes nothing; cached pages carry no CSRF token
@never_cache
def contact_email(request, page_id):
    """Show a practice's contact e-mail address after a visitor asks for it (a POST, so crawlers don't)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = (
        PracticePage.objects.live()
        .public()
        .filter(id=page_id)
        .exclude(contact_email="")
        .only("id", "title", "url_path", "contact_name", "contact_email", "locale")
        .first()
    )
    if page is None:
        raise Http404
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"email": page.contact_email, "name": page.contact_name})
    else:
        response = TemplateResponse(request, "practices/contact_email.html", {"practice": page})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
