"""How long the breath-timer hook takes to find markers in a page, as the page grows.

Run: .venv/bin/python benchmarks/marker_benchmark.py
Prints, for each kind of hostile or busy page, the seconds the hook's marker matching takes at
5,000, 10,000, 20,000 and 40,000 repeats, and the ratio between the last two: about 2 means
linear time (doubling the page doubles the time); 4 would mean quadratic.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from breath_timer import replace_markers, validate_defaults  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

SIZES = (5_000, 10_000, 20_000, 40_000)
# Rendered pages as Markdown could hand them to the hook, each made of `n` repeats.
PAGES: dict[str, Callable[[int], str]] = {
    "unterminated openers (raw)": lambda n: "<div>\n" + "<!-- breath-timer\n" * n,
    "unterminated openers (escaped)": lambda n: "<p>" + "&lt;!-- breath-timer\n" * n + "</p>",
    "unterminated attribute quotes": lambda n: '<a title="<!-- breath-timer ' * n,
    "unclosed textareas": lambda n: "<textarea><!-- breath-timer " * n,
    "markers, each a timer": lambda n: "<p>Step.</p>\n<!-- breath-timer breaths=8 -->\n" * n,
    "markers in code": lambda n: "<pre><code>&lt;!-- breath-timer --&gt;\n</code></pre>\n" * n,
}


def seconds_to_match(page_html: str) -> float:
    defaults = validate_defaults({})
    started = time.perf_counter()
    try:
        replace_markers(page_html, defaults, "page.md", page_html)
    except PluginError:
        pass  # a hostile page ends in one clear error: the time to reach it is what counts
    return time.perf_counter() - started


def main() -> None:
    print(f"{'page':<32}" + "".join(f"{size:>10,}" for size in SIZES) + "   last ratio")
    for name, make in PAGES.items():
        times = [min(seconds_to_match(make(size)) for _ in range(3)) for size in SIZES]
        print(f"{name:<32}" + "".join(f"{t:>9.3f}s" for t in times) + f"   {times[-1] / times[-2]:>5.2f}")


if __name__ == "__main__":
    main()
