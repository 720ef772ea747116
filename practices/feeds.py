"""Atom and RSS 2.0 feeds of the newest practices: for everything, a theme, or any search.

A feed takes the same query string as the search page (`?theme=inkoop&theme=jeugdzorg&q=…`) and
asks the same search service, so a reader can follow exactly what they searched for.
"""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from search.params import parse_params
from search.registry import facet_names
from search.service import search
from search.types import MAX_PAGE_SIZE

FEED_SIZE = 20
FEED_KINDS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}

NEVER_PUBLISHED = datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclasses.dataclass
class FeedSource:
    """One feed's content: the search it follows and its newest hits with their publication dates."""

    params: object
    results: object
    hits: list
    published: dict
    updated: dict
    feed_url: str


def current_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def feed_query(params):
    """The query string of a search, without paging or sorting: what the feed follows."""
    items = [("q", params.query)] if params.query else []
    for name in facet_names():
        items += [(name, value) for value in params.filters.get(name, ())]
    return urlencode(items)


def chosen_labels(results):
    """The labels of the filters in force, as the search service names them ("Inkoop")."""
    labels = []
    for name in facet_names():
        chosen = set(results.params.filters.get(name, ()))
        for value in results.facets.get(name, []):
            if value.value in chosen:
                labels.append(value.label)
                chosen.discard(value.value)
        labels += sorted(chosen)  # a value without results has no facet entry: show it as given
    return labels


class PracticeFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        params, _errors = parse_params(request.GET, current_language())
        # The newest publications among the results: fetch a full page, order by publication.
        params = dataclasses.replace(params, sort="newest", page=1, page_size=MAX_PAGE_SIZE)
        results = search(params)
        dates = {
            pk: (first, last)
            for pk, first, last in Page.objects.filter(
                pk__in=[hit.page_id for hit in results.hits]
            ).values_list("pk", "first_published_at", "last_published_at")
        }
        hits = sorted(
            (hit for hit in results.hits if hit.page_id in dates and hit.url),
            # A page made live without publishing (e.g. by an import) has no publication dates.
            key=lambda hit: dates[hit.page_id][0] or dates[hit.page_id][1] or NEVER_PUBLISHED,
            reverse=True,
        )[:FEED_SIZE]
        return FeedSource(
            params=params,
            results=results,
            hits=hits,
            published={pk: first or last for pk, (first, last) in dates.items()},
            updated={pk: last or first for pk, (first, last) in dates.items()},
            feed_url=request.build_absolute_uri(),
        )

    def title(self, source):
        site = _("Lerend Werken kennisbank")
        scope = chosen_labels(source.results)
        if source.params.query:
            scope.insert(0, f"“{source.params.query}”")
        if not scope:
            return _("%(site)s: nieuwste praktijkvoorbeelden") % {"site": site}
        return _("%(site)s: nieuwste praktijkvoorbeelden over %(scope)s") % {
            "site": site,
            "scope": " + ".join(scope),
        }

    def link(self, source):
        query = feed_query(source.params)
        return reverse("search") + (f"?{query}" if query else "")

    def description(self, source):
        return _("De nieuwste praktijkvoorbeelden van gemeenten die leren van elkaars ervaringen.")

    def feed_url(self, source):
        return source.feed_url

    def feed_guid(self, source):
        return source.feed_url

    def author_name(self, source):
        return _("Lerend Werken kennisbank")

    def items(self, source):
        return [(hit, source) for hit in source.hits]

    def item_title(self, item):
        return item[0].title

    def item_description(self, item):
        hit = item[0]
        places = hit.terms.get("municipality", [])
        where = places[0].label if places else ""
        return f"{where}: {hit.summary}" if where else hit.summary

    def item_link(self, item):
        return item[0].url

    def item_pubdate(self, item):
        hit, source = item
        return source.published.get(hit.page_id)

    def item_updateddate(self, item):
        hit, source = item
        return source.updated.get(hit.page_id)

    def item_categories(self, item):
        return [term.label for term in item[0].terms.get("theme", [])]


class AtomPracticeFeed(PracticeFeed):
    feed_type = Atom1Feed
    subtitle = PracticeFeed.description


FEEDS = {"rss": PracticeFeed(), "atom": AtomPracticeFeed()}


def practice_feed(request, kind):
    feed = FEEDS.get(kind)
    if feed is None:
        raise Http404(_("Deze feed bestaat niet: kies rss of atom."))
    return feed(request)


def feed_links(request, results=None):
    """The feeds that follow what this page shows: its search or filters, else all practices."""
    query = feed_query(results.params) if results is not None else ""
    links = []
    for kind, content_type in FEED_KINDS.items():
        address = reverse("practice_feed", kwargs={"kind": kind})
        links.append(
            {
                "kind": kind,
                "type": content_type,
                "url": address + (f"?{query}" if query else ""),
                "name": "RSS" if kind == "rss" else "Atom",
            }
        )
    return {"links": links, "follows_search": bool(query)}
