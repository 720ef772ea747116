"""Gunicorn settings for production, read from the environment (gunicorn loads this file itself
when started from the project folder: `gunicorn kennisbank.wsgi`)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Threads let one process wait on PostgreSQL or Elasticsearch while another request runs.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never takes the site down; rarely, because a
# recycled worker starts with empty caches and under load its restart showed as errors (2,000 did).
# The jitter keeps the workers from restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10))
# Only the reverse proxy on this host may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
