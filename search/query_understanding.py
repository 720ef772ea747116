"""Reading a question as people mean it: a place named in the query ("gemeente Emmen",
"Zelfsturende teams Gelderland", "Den Haag", "Friesland") becomes that facet's filter, shown as a
removable filter with a link to the search on all the typed words; a name several places share
(Bergen, Utrecht) becomes suggestions with their counts. The names come from the content apps
(`registry.register_query_names`); search knows no place itself."""

import dataclasses
import re
from dataclasses import dataclass, field

from search import registry
from search.analysis import STOPWORDS, tokenize
from search.versioning import VersionedCache

MAX_SUGGESTIONS = 4
QUOTED_RE = re.compile(r'"[^"]*"?')
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Place:
    """A value of a facet a query may name: "gemeente" + "Emmen", filtering on its values.

    `kind` is the word the content app registered (a lazy translation): the places are cached
    across requests and languages, so it is translated when shown, in the request's language, and
    left out of comparisons (the facet says which kind a place is)."""

    facet: str
    kind: object = field(compare=False)
    label: str
    values: tuple[str, ...]

    def __str__(self):
        return f"{self.kind} {self.label}"


@dataclass(frozen=True)
class Mention:
    """Where a query names places: its characters (with a kind word before it) and the places."""

    start: int
    end: int
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Suggestion:
    place: Place
    count: int
    params: object  # the SearchParams of the suggested search


@dataclass(frozen=True)
class Reading:
    """How a query was read: the words as typed, the places applied as filters (the words then
    searched are the results' query), the places suggested, and the places that found nothing
    with the other words (then all typed words were searched)."""

    typed: str
    places: tuple[Place, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    not_found: tuple[Place, ...] = ()


# --- the names ---------------------------------------------------------------------------------

_names = VersionedCache()  # a place renamed or added is a content change


@dataclass(frozen=True)
class NameIndex:
    names: dict  # token tuple -> [Place]
    prefixes: dict  # kind word -> {facet}
    longest: int


def name_index(version=None):
    def load():
        names, prefixes = {}, {}
        for source in registry.query_names():
            for prefix in source.prefixes:
                prefixes.setdefault(prefix, set()).add(source.facet)
            for name, values, label in source.names():
                tokens = tuple(tokenize(name))
                if tokens:
                    place = Place(source.facet, source.kind, label, tuple(values))
                    found = names.setdefault(tokens, [])
                    if place not in found:
                        found.append(place)
        longest = max((len(tokens) for tokens in names), default=0)
        return NameIndex(names, prefixes, longest)

    return _names.get("names", load, version)


# --- reading ------------------------------------------------------------------------------------


def _words(query):
    """(folded token, start, end) of the query's words, outside quoted phrases (asked literally)."""
    quoted = [match.span() for match in QUOTED_RE.finditer(query)]
    words = []
    for match in WORD_RE.finditer(query):
        if any(start <= match.start() < end for start, end in quoted):
            words.append((None, match.start(), match.end()))  # breaks a name, matches nothing
            continue
        for token in tokenize(match.group()):
            words.append((token, match.start(), match.end()))
    return words


def mentions(query, filters=None, version=None):
    """The places the query names, left to right, longest name first. Facets the visitor already
    filters on are left to the visitor."""
    index = name_index(version)
    if not index.names:
        return []
    chosen = {name for name, values in (filters or {}).items() if values}
    words = _words(query)
    found, i = [], 0
    while i < len(words):
        kind_facets = index.prefixes.get(words[i][0])
        start = i + 1 if kind_facets else i
        match = None
        for length in range(min(index.longest, len(words) - start), 0, -1):
            tokens = tuple(word[0] for word in words[start : start + length])
            places = [p for p in index.names.get(tokens, ()) if p.facet not in chosen]
            if kind_facets:
                places = [p for p in places if p.facet in kind_facets] or places
            if places:
                match = (length, places)
                break
        if match is None:
            i += 1
            continue
        length, places = match
        last = words[start + length - 1]
        found.append(Mention(words[i][1], last[2], tuple(places)))
        i = start + length
    return found


def without(query, spans):
    """The query with these character spans taken out (and what only joined them, like 's-)."""
    kept, position = [], 0
    for start, end in sorted(spans):
        kept.append(query[position:start])
        position = end
    kept.append(query[position:])
    chunks = [c for c in " ".join(kept).split() if tokenize(c) or '"' in c]
    stop = set().union(*STOPWORDS.values())
    # "in de gemeente Emmen" leaves "in de": nothing left to search for.
    remaining = " ".join(chunks)
    if '"' not in remaining and all(token in stop for token in tokenize(remaining)):
        return ""
    return remaining


def with_place(params, place, query):
    filters = dict(params.filters)
    filters[place.facet] = tuple(dict.fromkeys([*filters.get(place.facet, ()), *place.values]))
    sort = "newest" if not query and params.sort == "relevance" else params.sort
    return dataclasses.replace(params, query=query, filters=filters, sort=sort, page=params.page)


def search_as_meant(search, params):
    """`search(params)` with the places the query names as filters; the results carry the
    `Reading` (None when the query names no place)."""
    found = mentions(params.query, params.filters)
    if not found:
        return search(params)
    typed = params.query
    applied = [m for m in found if len(m.places) == 1]
    ambiguous = [m for m in found if len(m.places) > 1]
    if applied:
        query = without(typed, [(m.start, m.end) for m in applied])
        meant = params
        for mention in applied:
            meant = with_place(meant, mention.places[0], query)
        results = search(meant)
        places = tuple(m.places[0] for m in applied)
        if results.count:
            suggestions = _suggestions(search, meant, typed, applied, ambiguous)
            return dataclasses.replace(
                results, reading=Reading(typed, places=places, suggestions=suggestions)
            )
        results = search(params)
        return dataclasses.replace(results, reading=Reading(typed, not_found=places))
    results = search(params)
    return dataclasses.replace(
        results,
        reading=Reading(typed, suggestions=_suggestions(search, params, typed, [], ambiguous)),
    )


def _suggestions(search, params, typed, applied, ambiguous):
    """Each place an ambiguous name may mean, with the results it gives (none: not suggested)."""
    suggestions = []
    for mention in ambiguous:
        spans = [(m.start, m.end) for m in [*applied, mention]]
        query = without(typed, spans)
        for place in mention.places[:MAX_SUGGESTIONS]:
            suggested = with_place(params, place, query)
            count = search(dataclasses.replace(suggested, page=1, page_size=1)).count
            if count:
                suggestions.append(Suggestion(place, count, dataclasses.replace(suggested, page=1)))
    return tuple(suggestions)
