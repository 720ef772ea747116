"""Words in most documents ("gemeente" in a knowledge bank of municipalities) never decide the
loosened pass of a search alone: when a question's words all together find too little, a page
must still hold one of its rarer words, or every word. Which words are common is counted in the
index at the time of the search, not listed by hand."""

from search.analysis import QueryPlan

COMMON_SHARE = 0.5  # a word in more than half the searchable documents is common
MIN_DOCUMENTS = 10  # below this, how often a word occurs says little: every word may decide


def group_pages(engine, plan, language, locale_id):
    """Per group of the plan, the ids of the pages it matches on its own."""
    return [
        {row[0] for row in engine.match(QueryPlan(plan.language, (group,)), language, locale_id)}
        for group in plan.groups
    ]


def deciding_groups(counts, total):
    """The positions of the groups (matching `counts` documents each) that are not common among
    `total` documents (all of them when there are too few to tell); empty when all are common."""
    if total < MIN_DOCUMENTS:
        return tuple(range(len(counts)))
    return tuple(position for position, count in enumerate(counts) if count <= COMMON_SHARE * total)
