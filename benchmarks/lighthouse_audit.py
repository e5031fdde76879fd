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
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "deploy"))
from helpers import CHROMIUM_ARGS, TUTORIALS, build_site, built_pages  # noqa: E402
from local_nginx import NginxError, start_nginx  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
ENFORCED = ("accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
DESKTOP = ["--preset=desktop"]
MOBILE: list[str] = []  # Lighthouse's default
# The pages whose mobile performance is the median of several runs, in each language.
READERS_FIRST = ["", *TUTORIALS]


def chromium() -> str:
    """The Chromium Lighthouse drives: the user's CHROME_PATH, else Debian's chromium."""
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not path:
        sys.exit("Chromium is missing: set CHROME_PATH, or on Debian/Ubuntu: sudo apt-get install -y chromium")
    return path


def audit(url: str, preset: list[str], report: Path, attempts: int = 3) -> dict:
    """One Lighthouse report. On a busy machine Lighthouse sometimes loses its own trace
    (NO_NAVSTART, "Please run Lighthouse again"): that run measured nothing, so it runs again;
    a low score is never retried."""
    for attempt in range(1, attempts + 1):
        run = subprocess.run(
            # The full-page screenshot, a picture for the HTML report, scores nothing: 1.5 s a run.
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}", "--disable-full-page-screenshot",
             f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}", *preset],
            env={**os.environ, "CHROME_PATH": chromium()},
        )
        if run.returncode == 0:
            return json.loads(report.read_text())
        print(f"Lighthouse failed on {url} (attempt {attempt} of {attempts})", file=sys.stderr)
    sys.exit(f"Lighthouse could not audit {url}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def median_run(url: str, preset: list[str], report: Path, runs: int) -> dict:
    """Of several Lighthouse runs, the one whose performance score is the median."""
    reports = sorted((audit(url, preset, report) for _ in range(runs)), key=lambda r: r["categories"]["performance"]["score"])
    return reports[len(reports) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="mobile runs of the home page and each tutorial, for the median (default 3)")
    runs = parser.parse_args().runs
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
            for page in pages:
                audits = [("desktop", DESKTOP, 1)]
                if page.removeprefix("es/") in READERS_FIRST:
                    audits.append(("mobile", MOBILE, runs))
                for name, preset, times in audits:
                    report = median_run(base + page, preset, Path(folder) / "report.json", times)
                    scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
                    metrics = [report["audits"][metric]["displayValue"] for metric in METRICS]
                    print(f"{'/' + page:<24} {name:<8} {scores['performance']:>4} {scores['accessibility']:>4} "
                          f"{scores['best-practices']:>4} {scores['seo']:>4}  " + "  ".join(f"{m:>7}" for m in metrics))
                    failures += [f"/{page} ({name}): {key} {scores[key]}" for key in ENFORCED if scores[key] < 100]
                    performance.append(scores["performance"])
        finally:
            stop()
    print(f"\nPerformance (desktop one run a page; mobile the median of {runs} runs on the home page and the tutorials): "
          f"lowest {min(performance)}, median {statistics.median(performance)}.")
    if failures:
        print("\nBelow 100:\n" + "\n".join(failures))
        return 1
    print("\nAccessibility, best practices and SEO: 100 on every page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
