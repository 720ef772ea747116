"""Which xdist worker runs what, so that both workers finish together.

pytest-xdist's `--dist loadfile` hands out whole files, the ones with most tests first. The cost of
a file has little to do with its number of tests, though: the crawl or the browser tests take a
minute, most files a second. Handed out late, one slow file keeps a worker busy while the other has
long finished. So here:

- the files go out slowest first, by the time their tests took in the last run (kept in pytest's
  cache, .pytest_cache; `FALLBACK_SECONDS` when there is none, as in a fresh CI checkout), and the
  many quick files fill up the end;
- the live-site packages (`WHOLE`) stay together on one worker: each starts one server with its
  content and one Chromium for all its tests.

At the end the summary says per worker how many tests it ran, their time, and its CPU time, and
which groups cost the most CPU time (each test's CPU time on its worker: the worker process and the
processes it started and has waited for, such as Chromium or the search engine, counted when they
end).
"""

import resource
import time

import pytest
from xdist.scheduler import LoadScopeScheduling

CACHE_KEY = "kennisbank/test-seconds"

# Packages that run whole on one worker (their fixtures are package-wide).
WHOLE = ("tests/browser/", "tests/crawl/")

# Seconds per group on a quiet 2-core machine, for a run without a cache; the cache takes over
# after the first run. Groups not listed count as quick.
FALLBACK_SECONDS = {
    "tests/crawl": 60,
    "tests/browser": 60,
}
QUICK_TEST_SECONDS = 0.2


def group_of(nodeid):
    """The unit of work a test belongs to: its package in `WHOLE`, else its file."""
    path = nodeid.split("::", 1)[0]
    for package in WHOLE:
        if path.startswith(package):
            return package.rstrip("/")
    return path


class SlowestFirstScheduling(LoadScopeScheduling):
    """`--dist loadfile`, with the units of `group_of`, handed out in collection order (which
    `order_slowest_first` made slowest first) instead of by their number of tests."""

    def _split_scope(self, nodeid):
        return group_of(nodeid)


def expected_seconds(items, remembered):
    """Seconds per group: what its tests took last time, else the fallback, else a guess."""
    seconds = {}
    for item in items:
        group = group_of(item.nodeid)
        seconds[group] = seconds.get(group, 0.0) + remembered.get(item.nodeid, QUICK_TEST_SECONDS)
    if not remembered:
        for group in seconds:
            seconds[group] = max(seconds[group], FALLBACK_SECONDS.get(group, 0))
    return seconds


def remembered_seconds(config):
    cache = getattr(config, "cache", None)
    return (cache.get(CACHE_KEY, None) if cache else None) or {}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """On an xdist worker: the groups slowest first, each group's tests in their own order. Every
    worker collects the same way, so they agree (as xdist requires)."""
    if not hasattr(config, "workerinput"):
        return
    seconds = expected_seconds(items, remembered_seconds(config))
    position = {}
    for index, item in enumerate(items):
        position.setdefault(group_of(item.nodeid), index)
    items.sort(key=lambda item: (-seconds[group_of(item.nodeid)], position[group_of(item.nodeid)]))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None
    config.option.loadscopereorder = False  # keep the slowest-first order
    return SlowestFirstScheduling(config, log)


def cpu_seconds(with_children=True):
    """User and system CPU time of this process (and of the processes it started and waited for)."""
    used = [resource.getrusage(resource.RUSAGE_SELF)]
    if with_children:
        used.append(resource.getrusage(resource.RUSAGE_CHILDREN))
    return sum(usage.ru_utime + usage.ru_stime for usage in used)


_cpu_mark = []


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    if hasattr(session.config, "workerinput"):
        _cpu_mark[:] = [cpu_seconds()]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On an xdist worker: the CPU time since the last report goes with this one (`Timings`)."""
    report = yield
    if hasattr(item.config, "workerinput") and _cpu_mark:
        now = cpu_seconds()
        report.cpu_seconds = round(now - _cpu_mark[0], 3)
        _cpu_mark[0] = now
    return report


class Timings:
    """On the controlling process: each test's time (setup, call and teardown), per worker too;
    remembered for the next run's order, and summed up at the end."""

    def __init__(self, config):
        self.config = config
        self.seconds = {}
        self.worker_seconds = {}
        self.worker_tests = {}
        self.worker_cpu = {}
        self.worker_ended = {}
        self.group_cpu = {}
        self.group_seconds = {}
        self.started = time.monotonic()

    def pytest_runtest_logreport(self, report):
        node = getattr(report, "node", None)
        worker = node.gateway.id if node is not None else "main"
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration
        self.worker_seconds[worker] = self.worker_seconds.get(worker, 0.0) + report.duration
        group = group_of(report.nodeid)
        self.group_seconds[group] = self.group_seconds.get(group, 0.0) + report.duration
        cpu = getattr(report, "cpu_seconds", None)
        if cpu is not None:
            self.group_cpu[group] = self.group_cpu.get(group, 0.0) + cpu
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.worker_tests[worker] = self.worker_tests.get(worker, 0) + 1

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        self.worker_ended[node.gateway.id] = time.monotonic() - self.started
        output = getattr(node, "workeroutput", None) or {}
        if "cpu_seconds" in output:
            self.worker_cpu[node.gateway.id] = output["cpu_seconds"]

    def pytest_sessionfinish(self, session):
        cache = getattr(self.config, "cache", None)
        if cache is not None and self.seconds:
            remembered = remembered_seconds(self.config)
            remembered.update({nodeid: round(s, 3) for nodeid, s in self.seconds.items()})
            cache.set(CACHE_KEY, remembered)

    def pytest_terminal_summary(self, terminalreporter):
        if not self.worker_cpu:
            return  # not an xdist run
        write = terminalreporter.write_line
        terminalreporter.section("time per worker")
        for worker in sorted(self.worker_seconds):
            cpu = self.worker_cpu.get(worker)
            write(
                f"{worker}: {self.worker_tests.get(worker, 0)} tests,"
                f" {self.worker_seconds[worker]:.0f} s in tests"
                + (f", {cpu:.0f} CPU-s" if cpu is not None else "")
                + (
                    f", done at {self.worker_ended[worker]:.0f} s"
                    if worker in self.worker_ended
                    else ""
                )
            )
        costly = sorted(self.group_cpu, key=self.group_cpu.get, reverse=True)[:15]
        if costly:
            write("most CPU time:")
        for group in costly:
            write(
                f"  {self.group_cpu[group]:6.1f} CPU-s {self.group_seconds[group]:6.1f} s  {group}"
            )
        total = sum(self.worker_cpu.values()) + cpu_seconds(with_children=False)
        write(
            f"CPU time: {total:.0f} s (the workers, the processes they started, and this one);"
            f" wall {time.monotonic() - self.started:.0f} s"
        )


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(Timings(config), "kennisbank-timings")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    """A worker tells the controlling process its CPU time (see `Timings`)."""
    if hasattr(session.config, "workerinput"):
        session.config.workeroutput["cpu_seconds"] = cpu_seconds()
