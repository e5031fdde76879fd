"""Print the breath timer's phase-boundary error on the real clock, its connect time, and its size.

Run: .venv/bin/python benchmarks/timer_benchmark.py [--seconds 30]
It builds the site, serves it on 127.0.0.1, runs a timer in Chromium for the given time
(1 s phases), and compares each breath-timer:phase event with its scheduled moment. Then it
connects 200 timers to a page whose stored preferences are large (1 MB): the element reads
storage once for them all, so this stays a few milliseconds rather than seconds.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from budget import TIMER_BUDGET  # noqa: E402  (benchmarks/, beside this script)
from helpers import CHROMIUM_ARGS, build_site, serve  # noqa: E402

TIMERS = 200

PAGE = """<!doctype html><html lang="en"><head><title>Timer benchmark</title>
<script src="/assets/breath-timer.js" defer></script></head><body>
<breath-timer breaths="{breaths}" sides="1" prepare="1" inhale="1" exhale="1"></breath-timer>
</body></html>"""

RECORD = """() => new Promise((done) => {
  const timer = document.querySelector("breath-timer");
  const times = [];
  timer.addEventListener("breath-timer:phase", () => times.push(performance.now() - pressed));
  timer.addEventListener("breath-timer:done", () => done(times));
  const pressed = performance.now();
  timer.start();
})"""


# A page with the script and no timer yet: the first timer to connect reads storage.
EMPTY_PAGE = """<!doctype html><html lang="en"><head><title>Timer benchmark</title>
<script src="/assets/breath-timer.js" defer></script></head><body></body></html>"""

CONNECT = f"""() => {{
  const started = performance.now();
  for (let i = 0; i < {TIMERS}; i++) document.body.append(document.createElement("breath-timer"));
  return performance.now() - started;
}}"""


@contextmanager
def served_page(site: Path, name: str, body: str) -> Iterator[Page]:
    """A Chromium page at `name` on the built site, whose HTML is `body`, once the element is defined."""
    url, stop = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.route(url + name, lambda route: route.fulfill(body=body, content_type="text/html"))
            page.goto(url + name)
            page.wait_for_function("() => !!customElements.get('breath-timer')")
            yield page
            browser.close()
    finally:
        stop()


def connect_milliseconds(site: Path) -> float:
    """Milliseconds to connect TIMERS timers with a 1 MB stored value, in a fresh page."""
    with served_page(site, "empty.html", EMPTY_PAGE) as page:
        page.evaluate("localStorage.setItem('breath-timer', JSON.stringify({ breaths: 4, notes: 'x'.repeat(1_000_000) }))")
        page.reload()
        page.wait_for_function("() => !!customElements.get('breath-timer')")
        return page.evaluate(CONNECT)


def phase_times(site: Path, seconds: int) -> list[float]:
    """Milliseconds from the start() call to each phase event."""
    breaths = max(1, (seconds - 1) // 2)
    with served_page(site, "bench.html", PAGE.format(breaths=breaths)) as page:
        return page.evaluate(RECORD)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="how long the timer runs (default 30)")
    seconds = parser.parse_args().seconds
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        result = build_site(site)
        if result.returncode:
            sys.exit(result.stderr)
        size = len(gzip.compress((site / "assets" / "breath-timer.js").read_bytes(), 9))
        times = phase_times(site, seconds)
        connecting = connect_milliseconds(site)
    # The first phase begins once start() has made the audio for the tones; every later
    # boundary is timed from that one start.
    late = [abs(time - times[0] - 1000 * index) for index, time in enumerate(times)]
    print(f"start() to the first phase: {times[0]:.1f} ms (the tones' audio is made first)")
    print(f"phase boundaries: {len(times)} over {seconds} s")
    print(f"boundary error: median {statistics.median(late):.1f} ms, max {max(late):.1f} ms (one frame at 60 Hz: 16.7 ms)")
    print(f"{TIMERS} timers connected with a 1 MB stored value: {connecting:.0f} ms")
    print(f"breath-timer.js, its style inside: {size} bytes gzipped, budget {TIMER_BUDGET} ({'within' if size <= TIMER_BUDGET else 'OVER'})")


if __name__ == "__main__":
    main()
