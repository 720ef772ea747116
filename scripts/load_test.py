"""Load run: 1, 10, 50 and 200 concurrent anonymous visitors over the home, index, search and
practice pages of a site with 10,000 practices, served by gunicorn with production settings.

Per level three runs of the same length against the same server: the **mix** (home, index, searches,
500 practice pages), the **newsletter** (one practice page and the home page take two thirds of the
requests, as when a newsletter goes out, while the rest of the mix goes on), and a **static** file
(WhiteNoise, the same server and client) as the yardstick of what this machine and client can do.
Prints, per run: requests, throughput (req/s), p50/p95/p99 latency and error count, then a table.
Before the first level the mix's distinct addresses are asked for by as many connections as the
workers have threads, then the mix itself runs a few seconds (caches, connections and compiled templates warm, as on a site that has been up
a while); errors are split by page kind and status (0: no answer at all).
Usage: `make load-test` (or `scripts/load_test.py --practices 10000 --seconds 30 --users 1,10,50,200`).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.harness import (  # noqa: E402
    Server,
    collect_static,
    ensure_cluster,
    ensure_database,
    log,
    page_paths,
    production_env,
    run_load,
)

SEARCH_TERMS = [
    "intervisie",
    "keukentafel",
    "wijkteam",
    "jeugdhulp",
    "bedoeling",
    "netwerk leren",
    "samenwerking vertrouwen",
    "gesprekken",  # plural of a word in the texts
]


def visitor_paths(database, sample_size=500, seed=7):
    rng = random.Random(seed)
    practices = page_paths(database, "practicepage")
    indexes = page_paths(database, "practiceindexpage")
    if not practices:
        raise SystemExit("no practices in the database: the generator did not run")
    paths = ["/", "/en/"] * 5
    paths += indexes * 5 + [f"{indexes[0]}?page=2"] * 2 if indexes else []
    paths += [f"/zoeken/?q={term.replace(' ', '+')}" for term in SEARCH_TERMS]
    paths += rng.sample(practices, min(sample_size, len(practices)))
    return paths, len(practices)


def newsletter_paths(paths, hot_practice):
    """The mix with one practice page and the home page making up two thirds of the requests."""
    return paths + [hot_practice, "/"] * len(paths)


def kind_of(path):
    if path in ("/", "/en/"):
        return "home"
    if path.startswith("/zoeken/"):
        return "search"
    if path.startswith("/static/"):
        return "static"
    if "?page" in path or path.count("/") <= 2:
        return "index"
    return "practice"


def warm_up(port, paths, connections, seconds):
    """The distinct addresses (each about equally often) for `seconds`, then the mix for half."""
    started = time.monotonic()
    distinct = sorted(set(paths))
    result = run_load(port, distinct, users=connections, seconds=seconds)
    run_load(port, paths, users=connections, seconds=max(1.0, seconds / 2))
    log(
        f"warm-up: {len(result.samples)} requests over {len(distinct)} addresses, "
        f"{time.monotonic() - started:.0f} s"
    )


def error_split(results):
    """{(run, users, page kind, status): count} of the answers that were not 2xx/3xx."""
    counts = {}
    for name, result in results:
        for sample in result.samples:
            if not 200 <= sample.status < 400:
                key = (name, result.users, kind_of(sample.path), sample.status)
                counts[key] = counts.get(key, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0, help="per run")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of the mix first")
    parser.add_argument("--users", default="1,10,50,200")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database", default="", help="database name (default kb_load_N)")
    parser.add_argument(
        "--scenarios", default="mix,newsletter,static", help="which runs per level, in order"
    )
    args = parser.parse_args()

    ensure_cluster()
    database = args.database or f"kb_load_{args.practices}"
    url = ensure_database(database, args.practices)
    env = production_env(url, 0)
    collect_static(env)
    paths, count = visitor_paths(database)
    hot_practice = next(path for path in paths if kind_of(path) == "practice")
    scenarios = {
        "mix": paths,
        "newsletter": newsletter_paths(paths, hot_practice),
        "static": ["/static/css/kennisbank.css"],
    }
    chosen = [name for name in args.scenarios.split(",") if name in scenarios]
    log(f"site: {count} live practices; {len(paths)} distinct addresses in the mix")
    log(f"newsletter: {hot_practice} and / take two thirds of the requests")

    table = []
    with Server(env, workers=args.workers, threads=args.threads) as server:
        log(f"gunicorn: {args.workers} workers x {args.threads} threads on :{server.port}")
        # /healthz answered, but the other workers may still be importing: let them finish.
        time.sleep(2)
        warm_up(server.port, paths, args.workers * args.threads, args.warmup)
        first_workers = server.worker_pids()
        results = []
        for users in [int(u) for u in args.users.split(",")]:
            row = {"users": users}
            for name in chosen:
                started = time.process_time()
                result = run_load(server.port, scenarios[name], users=users, seconds=args.seconds)
                client_cpu = time.process_time() - started
                # The client shares the machine: its CPU per second of the run is what the
                # server could not have; the load average says what else was running.
                log(
                    result.summary(f"{name:<10} ")
                    + f"  client CPU {client_cpu / result.duration:.2f} s/s"
                    + f"  load {os.getloadavg()[0]:.1f}"
                )
                results.append((name, result))
                ok = [s for s in result.samples if 200 <= s.status < 400]
                row[name] = {
                    "rps": len(result.samples) / result.duration,
                    "p95": result.percentile(0.95) * 1000,
                    "errors": len(result.samples) - len(ok),
                    "client_cpu": client_cpu,
                }
                if name == "newsletter":
                    hot = [s for s in result.samples if s.path in (hot_practice, "/")]
                    row[name]["hot_p95"] = result.percentile(0.95, hot) * 1000 if hot else 0
            table.append(row)
        # A restarted worker (max_requests) starts with an empty page cache: say so.
        restarted = len(server.worker_pids() - first_workers)
        log(f"gunicorn workers restarted during the runs: {restarted}")
        name, last = results[-1] if results else ("", None)
        if last is not None:
            by_kind = {}
            for sample in last.samples:
                by_kind.setdefault(kind_of(sample.path), []).append(sample)
            log(f"{name} at {last.users} users, by page kind:")
            for kind, samples in sorted(by_kind.items()):
                log(
                    f"  {kind:<9} {len(samples):>6} requests  p50 "
                    f"{last.percentile(0.5, samples) * 1000:7.1f} ms  p95 "
                    f"{last.percentile(0.95, samples) * 1000:7.1f} ms"
                )
    log("")
    log("| users | " + " | ".join(f"{n} req/s (p95 ms, errors)" for n in chosen) + " |")
    log("| ---: | " + " | ".join("---:" for _ in chosen) + " |")
    for row in table:
        cells = []
        for name in chosen:
            cell = row[name]
            text = f"{cell['rps']:.1f} ({cell['p95']:.0f}, {cell['errors']})"
            if "static" in row and name != "static" and row["static"]["rps"]:
                text += f" = {cell['rps'] / row['static']['rps']:.2f}x static"
            cells.append(text)
        log(f"| {row['users']} | " + " | ".join(cells) + " |")
    errors = error_split(results)
    log(f"total errors: {sum(errors.values())}")
    for (name, users, kind, status), count in sorted(errors.items()):
        label = "no answer" if status == 0 else f"HTTP {status}"
        log(f"  {name} at {users} users, {kind}: {count} x {label}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
