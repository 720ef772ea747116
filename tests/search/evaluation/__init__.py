"""A realistic Dutch evaluation set (cases and staff questions) and the measures recall@5 and MRR;
reusable for every engine: `create_cases(index)`, then `evaluate(search)`."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from practices.models import Municipality, PracticePage
from tests.factories import (
    LearningFormFactory,
    ProfessionalGroupFactory,
    ThemeFactory,
    make_practice,
)

from .cases import CASES, QUERIES

CUTOFF = 5


def create_cases(practice_index):
    """Publish every evaluation case under `practice_index`; returns {key: page}."""
    pages = {}
    for number, (key, title, code, themes, groups, forms, summary, body) in enumerate(CASES):
        parts = body.split(". ")
        half = max(1, len(parts) // 2)
        pages[key] = make_practice(
            practice_index,
            title,
            municipality=Municipality.objects.get(cbs_code=code),
            themes=[ThemeFactory(name=n, slug=slugify(n)) for n in themes],
            professional_groups=[ProfessionalGroupFactory(name=n, slug=slugify(n)) for n in groups],
            learning_forms=[LearningFormFactory(name=n, slug=slugify(n)) for n in forms],
            summary=summary,
            situation=". ".join(parts[:half]),
            approach=". ".join(parts[half:]),
            slug=f"{slugify(title)[:40]}-{number}",
        )
    return pages


def published_cases():
    """{key: page} of the cases `create_cases` published (as a content template holds them)."""
    return {
        key: PracticePage.objects.get(slug=f"{slugify(title)[:40]}-{number}")
        for number, (key, title, *_rest) in enumerate(CASES)
    }


@dataclass
class Report:
    recall_at_5: float
    mrr: float
    misses: list = field(default_factory=list)  # (query, expected titles, found titles)

    def __str__(self):
        lines = [f"recall@{CUTOFF}={self.recall_at_5:.3f} MRR={self.mrr:.3f}"]
        lines += [f"  miss: {q!r} expected {e} got {f}" for q, e, f in self.misses]
        return "\n".join(lines)


def evaluate(search, pages, queries=QUERIES):
    """`search(query) -> [page id, …]` ranked; recall@5 over relevant cases, MRR of the first."""
    titles = {page.id: page.title for page in pages.values()}
    recall_sum, rr_sum, misses = 0.0, 0.0, []
    for query, keys in queries:
        relevant = {pages[key].id for key in keys}
        ranked = list(search(query))
        top = ranked[:CUTOFF]
        recall_sum += len(relevant & set(top)) / len(relevant)
        rank = next((i for i, pk in enumerate(ranked, 1) if pk in relevant), None)
        rr_sum += 1 / rank if rank else 0.0
        if not relevant <= set(top) or rank != 1:
            misses.append(
                (query, sorted(titles[p] for p in relevant), [titles.get(p, p) for p in top])
            )
    return Report(recall_sum / len(queries), rr_sum / len(queries), misses)
