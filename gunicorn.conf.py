"""Gunicorn settings for production, read from the environment (gunicorn loads this file itself
when started from the project folder: `gunicorn kennisbank.wsgi`)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Threads let one process wait on PostgreSQL or Elasticsearch while another request runs.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# One listening socket shared by the workers: the worker that wakes first accepts most new
# connections (199 of 200 opened one after another, 125 of 200 opened at once, in a test), and a
# kept-alive connection stays with it. GUNICORN_REUSE_PORT=1 gives every worker a socket of its own
# (SO_REUSEPORT) and the kernel spreads connections evenly (101/99), but a worker that is recycled
# (max_requests) then resets the connections still queued on its socket, unless the kernel moves
# them (sysctl net.ipv4.tcp_migrate_req=1, Linux 5.14+): turn it on only together with that.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "0") == "1"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never takes the site down; rarely, because a
# recycled worker starts with empty caches (without Redis: every page rendered anew) and under load
# its restart showed as errors (2,000 did). Static files count too: `make load-test` sends about
# 200,000 requests in six minutes (four static runs at ~1,500 a second), so at 100,000 a worker was
# recycled during its last, heaviest level. The jitter keeps the workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10))
# Only the reverse proxy on this host may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
