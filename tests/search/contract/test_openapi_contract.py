"""The search API keeps its own contract: Schemathesis (`st run --checks all`) against the demo site,
reading /api/v1/openapi.json, finds no failure: no schema-valid request refused, no invalid one
accepted, no undocumented status, no 5xx, and 405 for undeclared methods."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ST = Path(sys.executable).with_name("st")


def test_schemathesis_finds_no_failure_in_the_search_api(demo_site):
    run = subprocess.run(
        [
            str(ST),
            "run",
            f"{demo_site.url}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "25",
            "--seed",
            "20",
            "--wait-for-schema",
            "30",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=500,
    )
    summary = run.stdout[-4000:]
    assert run.returncode == 0, summary
    assert "passed" in summary and "failures" not in summary.split("SUMMARY")[-1], summary
