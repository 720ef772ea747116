"""Production settings: `check --deploy` is clean with the required environment, and the settings
refuse to start on development defaults."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "kennisbank.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DATABASE_URL": "postgres://kennisbank@db.internal:5432/kennisbank",
    "ALLOWED_HOSTS": "kennisbank.example.nl",
    "WAGTAILADMIN_BASE_URL": "https://kennisbank.example.nl",
    "SECURITY_TXT_CONTACT": "mailto:security@example.nl",
    "SECURITY_TXT_EXPIRES": "2099-01-01",
}


def inherited_environment():
    """This process's environment without what a production server would never have: the
    production variables (each test sets its own) and the browser tests' async-unsafe switch."""
    return {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def run_manage(*args, **env):
    environment = inherited_environment()
    environment.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_python(code, **env):
    environment = inherited_environment()
    environment.update({k: v for k, v in env.items() if v is not None})
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def settings_value(expression, **env):
    return run_python(f"from django.conf import settings; print({expression})", **env)


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_security_txt_is_not_configured():
    env = dict(PRODUCTION_ENV, SECURITY_TXT_CONTACT=None, SECURITY_TXT_EXPIRES=None)
    result = run_manage("check", "--deploy", **env)
    assert "operations.W001" in result.stderr + result.stdout
    assert "operations.W002" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "override",
    [
        {"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"},
        {"SECRET_KEY": None},
        {"DATABASE_URL": None},
        {"ALLOWED_HOSTS": None},
        {"WAGTAILADMIN_BASE_URL": None},
        {"DEBUG": "1"},
    ],
    ids=["development key", "no key", "no database", "no hosts", "no base url", "debug on"],
)
def test_production_refuses_to_start_on_development_defaults(override):
    environment = inherited_environment()
    environment.update({k: v for k, v in {**PRODUCTION_ENV, **override}.items() if v is not None})
    result = subprocess.run(
        [sys.executable, "-c", "import kennisbank.settings.production"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


FACTS = (
    "from django.conf import settings; from django.core.files.storage import storages; "
    "from django.core.cache import caches; import json; s = storages['default']; "
    "print(json.dumps({'tasks': settings.TASKS['default']['BACKEND'], "
    "'storage': type(s).__name__, 'bucket': getattr(s, 'bucket_name', None), "
    "'endpoint': getattr(s, 'endpoint_url', None), 'img_src': settings.CSP_EXTRA_SOURCES['img-src'], "
    "'cache': type(caches['default']).__name__}))"
)


@pytest.fixture(scope="module")
def default_production():
    return json.loads(run_python(FACTS, **PRODUCTION_ENV))


@pytest.fixture(scope="module")
def production_with_bucket_and_redis():
    env = dict(
        PRODUCTION_ENV,
        AWS_STORAGE_BUCKET_NAME="kennisbank-media",
        S3_ENDPOINT_URL="https://objects.example.nl",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    code = (
        "from django.core.cache import cache; import uuid, redis; key = uuid.uuid4().hex; "
        "cache.set(key, 'gedeeld', 30); r = redis.Redis.from_url('redis://127.0.0.1:6379/3'); "
        "print(cache.get(key), any(key in k.decode() for k in r.keys('*'))); "
    )
    roundtrip, facts = run_python(code + FACTS, **env).splitlines()
    return {"cache_roundtrip": roundtrip.split(), **json.loads(facts)}


def test_production_queues_background_tasks_in_the_database(default_production):
    assert default_production["tasks"] == "django_tasks_db.DatabaseBackend"


def test_media_stay_on_local_disk_without_a_bucket(default_production):
    assert default_production["storage"] == "FileSystemStorage"


def test_cache_is_local_memory_without_redis_url(default_production):
    assert default_production["cache"] == "LocMemCache"


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_configured(
    production_with_bucket_and_redis,
):
    facts = production_with_bucket_and_redis
    assert (facts["storage"], facts["bucket"], facts["endpoint"]) == (
        "S3Storage",
        "kennisbank-media",
        "https://objects.example.nl",
    )
    assert "https://objects.example.nl" in facts["img_src"]  # the CSP lets bucket images load


def test_cache_is_shared_redis_when_redis_url_is_set(production_with_bucket_and_redis):
    assert production_with_bucket_and_redis["cache"] == "RedisCache"
    assert production_with_bucket_and_redis["cache_roundtrip"] == ["gedeeld", "True"]
