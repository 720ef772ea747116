"""Quality of the matching on a judged set (questions with the trainers and practices an expert
would pick): precision@3 of the trainer proposals and recall@5 of the intake results."""

import json
from dataclasses import dataclass

from colleagues.intake import find_existing
from colleagues.matching import propose


@dataclass
class Scores:
    questions: int
    precision_at_3: float
    intake_recall_at_5: float
    strict_precision_at_3: float  # right proposals / 3, even when fewer than 3 are right
    misses: list


def evaluate(path, language="nl"):
    with open(path, encoding="utf-8") as handle:
        judged = json.load(handle)
    precisions, strict, recalls, misses = [], [], [], []
    for item in judged:
        proposals = [p.colleague.slug for p in propose(item["q"], language=language)]
        wanted = set(item["trainers"])
        # Precision over what could be right: with one right trainer, finding them first is 1.0.
        hits = len([slug for slug in proposals[:3] if slug in wanted])
        precisions.append(hits / min(3, len(wanted)))
        strict.append(hits / 3)
        groups, _count = find_existing(item["q"], language)
        titles = [hit.title for group in groups for hit in group.hits]
        ranked = _top_results(item["q"], language)
        found = [p for p in item["practices"] if any(t.startswith(p) for t in ranked[:5])]
        recalls.append(len(found) / len(item["practices"]))
        if hits < min(3, len(wanted)) or len(found) < len(item["practices"]):
            misses.append((item["q"], proposals, titles[:5]))
    count = len(judged)
    return Scores(count, sum(precisions) / count, sum(recalls) / count, sum(strict) / count, misses)


def _top_results(query, language):
    from search.service import search
    from search.types import SearchParams

    return [
        hit.title for hit in search(SearchParams(query=query, language=language, page_size=5)).hits
    ]
