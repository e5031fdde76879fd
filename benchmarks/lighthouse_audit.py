"""Lighthouse on every built page, desktop and mobile, served from 127.0.0.1 as in production:
through the project's nginx configuration (deploy/nginx.conf), as scripts/host serves it, with
its security headers, compression and caching.

Run: scripts/audit [--runs 3]
Prints a table of the four scores and the key performance metrics. Every page has one desktop
run: it gates accessibility, best practices and SEO at 100, which are stable from run to run, so
one run each says it (axe checks the same pages in the tests). Performance depends on the
machine's load, so it is reported, not enforced: one desktop run everywhere, and on mobile, where
it is lower and readers are, the median of three runs (with the metrics of that run) on the pages
most readers open, the home page and the tutorials, in each language. benchmarks/budget.py gates
the bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "deploy"))
from helpers import CHROMIUM_ARGS, CHROMIUM_PROGRAMS, TUTORIALS, build_site, built_pages, free_port  # noqa: E402
from local_nginx import NginxError, start_nginx  # noqa: E402

# One Node.js process runs every Lighthouse run in one Chromium (it says why).
RUNNER = ROOT / "benchmarks" / "lighthouse_runs.mjs"
ENFORCED = ("accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
# The pages whose mobile performance is the median of several runs, in each language.
READERS_FIRST = ["", *TUTORIALS]


def chromium() -> str:
    """The Chromium Lighthouse drives: the user's CHROME_PATH, else Debian's chromium."""
    path = os.environ.get("CHROME_PATH") or shutil.which(CHROMIUM_PROGRAMS["full_chromium"])
    if not path:
        sys.exit("Chromium is missing: set CHROME_PATH, or on Debian/Ubuntu: sudo apt-get install -y chromium")
    return path


def planned_runs(pages: list[str], mobile_runs: int) -> list[tuple[str, str]]:
    """(page, preset) for every run: one desktop run a page, and the mobile runs of the pages
    readers open first."""
    runs = [(page, "desktop") for page in pages]
    return runs + [(page, "mobile") for page in pages if page.removeprefix("es/") in READERS_FIRST for _ in range(mobile_runs)]


def lighthouse(base: str, runs: list[tuple[str, str]]) -> Iterator[dict]:
    """Each run's report (scores and metrics), as it ends."""
    plan = {"chromePath": chromium(), "chromeFlags": ["--headless=new", *CHROMIUM_ARGS], "metrics": list(METRICS),
            "runs": [{"url": base + page, "preset": preset} for page, preset in runs]}
    with subprocess.Popen(["node", str(RUNNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as runner:
        runner.stdin.write(json.dumps(plan))
        runner.stdin.close()
        yield from (json.loads(line) for line in runner.stdout)
    if runner.returncode:
        sys.exit(f"Lighthouse stopped: {RUNNER.name} exited with {runner.returncode}")


def median(reports: list[dict]) -> dict:
    """Of several runs of a page, the one whose performance score is the median."""
    reports = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    return reports[len(reports) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="mobile runs of the home page and each tutorial, for the median (default 3)")
    mobile_runs = parser.parse_args().runs
    failures = []
    performance = []
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        port = free_port()
        # Built for the address it is served at, as scripts/host does.
        result = build_site(site, {"SITE_URL": f"http://127.0.0.1:{port}/"})
        if result.returncode:
            sys.exit(result.stderr)
        try:
            base, stop = start_nginx(site, port)
        except NginxError as error:
            sys.exit(str(error))
        try:
            print(f"{'page':<24} {'preset':<8} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4}  " + "  ".join(f"{m:>7}" for m in METRICS.values()))
            pages = [url for url in built_pages(site) if not url.endswith(".html")]
            runs = planned_runs(pages, mobile_runs)
            reports: dict[tuple[str, str], list[dict]] = {}
            for report in lighthouse(base, runs):
                page, preset = report["url"].removeprefix(base), report["preset"]
                reports.setdefault((page, preset), []).append(report)
                if len(reports[page, preset]) < runs.count((page, preset)):
                    continue
                report = median(reports[page, preset])
                scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
                metrics = [report["audits"][metric]["displayValue"] for metric in METRICS]
                print(f"{'/' + page:<24} {preset:<8} {scores['performance']:>4} {scores['accessibility']:>4} "
                      f"{scores['best-practices']:>4} {scores['seo']:>4}  " + "  ".join(f"{m:>7}" for m in metrics), flush=True)
                failures += [f"/{page} ({preset}): {key} {scores[key]}" for key in ENFORCED if scores[key] < 100]
                performance.append(scores["performance"])
        finally:
            stop()
    print(f"\nPerformance (desktop one run a page; mobile the median of {mobile_runs} runs on the home page and the tutorials): "
          f"lowest {min(performance)}, median {statistics.median(performance)}.")
    if failures:
        print("\nBelow 100:\n" + "\n".join(failures))
        return 1
    print("\nAccessibility, best practices and SEO: 100 on every page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
