"""What the in-process facet index (search/facet_index.py) costs per web process as the bank grows:
build time and memory of one locale's snapshot for 1,000 / 10,000 / 50,000 practices, with the
facet values a generated practice carries (1-3 themes, 0-2 groups, 0-2 learning forms, one
municipality of 342 and its province, a year, the type).

Usage: `.venv/bin/python scripts/facet_index_cost.py [1000,10000,50000]`. Each process holds one
snapshot per language (×2), rebuilt after every content change on the first search that follows.
`snapshot_cost` is what `manage.py bench_search --sizes` measures the real snapshot with.
"""

import os
import random
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path


def snapshot_cost(make_docs):
    """(CPU seconds to build, bytes held) of a FacetIndex over `make_docs()`: built once for the
    time, then again under tracemalloc (which slows it down) for the memory of docs and bitsets."""
    from search.facet_index import FacetIndex

    made = make_docs()
    started = time.process_time()
    FacetIndex("v", made, terms=None)
    built = time.process_time() - started
    del made
    tracemalloc.start()  # docs and bitsets alike: the snapshot holds both
    before = tracemalloc.get_traced_memory()[0]
    index = FacetIndex("v", make_docs(), terms=None)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del index
    return built, held


def docs(count, rng):
    from search.pipeline import Doc

    made = []
    for page_id in range(1, count + 1):
        municipality = rng.randrange(342)
        made.append(
            Doc(
                page_id,
                date(2015 + rng.randrange(11), 1 + rng.randrange(12), 1),
                "practice",
                {
                    "theme": [f"theme-{rng.randrange(20)}" for _ in range(rng.randint(1, 3))],
                    "professional_group": [
                        f"group-{rng.randrange(15)}" for _ in range(rng.randint(0, 2))
                    ],
                    "learning_form": [
                        f"form-{rng.randrange(10)}" for _ in range(rng.randint(0, 2))
                    ],
                    "municipality": [f"GM{municipality:04d}"],
                    "province": [f"province-{municipality % 12}"],
                    "year": [str(2015 + rng.randrange(11))],
                    "type": ["practice"],
                },
            )
        )
    return made


def main():
    sizes = [int(n) for n in (sys.argv[1] if len(sys.argv) > 1 else "1000,10000,50000").split(",")]
    print(
        "| practices | build (s, CPU) | snapshot memory (MiB, one language) | per process (2 languages) |"
    )
    print("| ---: | ---: | ---: | ---: |")
    for size in sizes:
        built, held = snapshot_cost(lambda size=size: docs(size, random.Random(size)))
        print(f"| {size:,} | {built:.2f} | {held / 2**20:.1f} | {2 * held / 2**20:.1f} |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings.test")
    import django

    django.setup()
    main()
