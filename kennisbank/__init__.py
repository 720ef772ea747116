"""The Wagtail project package.

One BLAS thread per process: the search-by-meaning model (search.semantic) multiplies small
matrices per query, where a second thread only waits on the other processes of a busy server (query
encoding p50 284 ms with two threads under load, 5 ms with one). Set before numpy is first imported;
an operator may still choose otherwise in the environment.
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
