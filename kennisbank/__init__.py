import os

# One BLAS thread per process, set before numpy loads: the embedding model gains little from more
# on a small machine, and extra threads only add CPU time that other processes then lack.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
