"""Quoted phrases ("tijd voor reflectie") match as phrases: the engines find the pages holding the
phrase's words, and a page counts as matching the phrase only when its text (title, summary and
sections: the passages snippets are cut from) holds the words in that order. A quoted phrase is
asked for as typed: a page without it is not a result, however loose the pass. The Elasticsearch
engine asks the same of its raw passages with `match_phrase` (search/engines/elasticsearch.py)."""

from wagtail.models import Page

from changes.version import current_version
from search.analysis import QueryPlan, tokenize
from search.documents import snippet_passages

_words = {"version": None, "pages": {}}  # page id -> its folded words, until the content changes


def page_words(ids):
    version = current_version()
    if _words["version"] != version:
        _words.update(version=version, pages={})
    known = _words["pages"]
    missing = [pk for pk in ids if pk not in known]
    for page in Page.objects.filter(id__in=missing).specific():
        known[page.id] = tuple(tokenize(" ".join([page.title, *snippet_passages(page)])))
    return {pk: known.get(pk, ()) for pk in ids}


def holds(words, phrase):
    n = len(phrase)
    first = phrase[0]
    return any(words[i : i + n] == phrase for i, word in enumerate(words) if word == first)


def checked(engine, plan, language, locale_id, rows, require_all):
    """`engine.match` rows of the pages that hold every quoted phrase as a phrase: a phrase is
    asked for as typed, so a loosened pass never drops it."""
    groups = [group for group in plan.groups if group.phrase]
    if not groups or not rows:
        return rows
    kept = {row[0] for row in rows}
    for group in groups:
        if not require_all:
            single = QueryPlan(plan.language, (group,))
            kept &= {row[0] for row in engine.match(single, language, locale_id)}
        words = page_words(kept)
        kept = {pk for pk in kept if holds(words[pk], group.phrase)}
    return [row for row in rows if row[0] in kept]
