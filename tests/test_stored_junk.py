"""What a reader's browser has stored, when it is junk, is ignored: the page works as on a first visit."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

# Material keeps the reader's palette choice as JSON under the site's path: {"index": 1, "color": {...}}.
PALETTE_KEY = "/.__palette"
JUNK_PALETTES = [
    {"index": 7, "color": {"scheme": "slate"}},
    {"index": -1, "color": {"scheme": "slate"}},
    {"index": 0.5, "color": {}},
    {"index": "1", "color": {"scheme": "slate"}},
    {"index": 0, "color": "slate"},
    {"index": 0, "color": {"scheme": {"a": 1}}},
    {"index": 0},
    {"color": {"media": "(prefers-color-scheme)"}},
    [1, 2],
    "slate",
    42,
    True,
]


@pytest.mark.parametrize("junk", JUNK_PALETTES, ids=json.dumps)
def test_a_junk_palette_in_storage_leaves_the_toggle_working(page: Page, site_url: str, junk: object) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(f"localStorage.setItem({json.dumps(PALETTE_KEY)}, {json.dumps(json.dumps(junk))})")
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "chair-twist/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.get_by_title("Switch to dark mode").click(timeout=3_000)
    page.wait_for_function(f"{scheme} === 'slate'", timeout=3_000)
    page.get_by_title("Switch to light mode").click(timeout=3_000)
    page.wait_for_function(f"{scheme} === 'default'", timeout=3_000)
    assert errors == []
