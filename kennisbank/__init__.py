"""The Wagtail project package, and two settings of the Python process made before anything else.

One BLAS thread per process: the search-by-meaning model (search.semantic) multiplies small
matrices per query, where a second thread only waits on the other processes of a busy server (query
encoding p50 284 ms with two threads under load, 5 ms with one). Set before numpy is first imported;
an operator may still choose otherwise in the environment.

Garbage collection: a search on a common word reads thousands of rows; with Python's default first
threshold (700 new objects) they set off collections in the middle of a request that move them into
the oldest generation, whose collections then walk the whole heap (Django, Wagtail, the facet
index, the vectors). In 200 searches at 10,000 practices that was 19 full collections of up to
290 ms, 4.4 s in all; with a first threshold of 20,000, 4 of them and 0.7 s (README, "Zoeken op
betekenis"). `PYTHON_GC_THRESHOLD` ("700,10,10") chooses otherwise.
"""

import gc
import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

try:
    gc.set_threshold(
        *(int(part) for part in os.environ.get("PYTHON_GC_THRESHOLD", "20000,10,10").split(","))
    )
except (ValueError, TypeError):  # a malformed value: Python's own thresholds stay
    pass
