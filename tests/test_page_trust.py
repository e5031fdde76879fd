"""The page-trust hook: review dates, sources and the report address, with one clear line for a
page or setting that gets them wrong."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest
from helpers import ROOT, build_in_process
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(ROOT / "hooks"))
from page_trust import check_page_meta, check_report_address, check_sources  # noqa: E402

SOURCES = {"nhs-back-pain": {"by": "NHS", "title": "Back pain", "url": "https://www.nhs.uk/conditions/back-pain/"}}
DATES = {"reviewed": datetime.date(2026, 11, 25), "review_due": datetime.date(2027, 11, 25)}


def test_page_with_dates_and_known_sources_passes() -> None:
    check_page_meta("safety.md", {**DATES, "sources": ["nhs-back-pain"]}, SOURCES)


@pytest.mark.parametrize("missing", ["reviewed", "review_due"])
def test_page_without_review_dates_is_told_what_to_add(missing: str) -> None:
    meta = {key: value for key, value in DATES.items() if key != missing}
    with pytest.raises(PluginError) as error:
        check_page_meta("new-page.md", meta, SOURCES)
    assert str(error.value).startswith(f"new-page.md: front matter needs {missing}: YYYY-MM-DD")
    assert "reviewed: 2026-11-25" in str(error.value)


def test_review_due_before_the_review_is_refused() -> None:
    with pytest.raises(PluginError, match="review_due .* must come after reviewed"):
        check_page_meta("page.md", {"reviewed": DATES["review_due"], "review_due": DATES["reviewed"]}, SOURCES)


def test_source_outside_the_list_is_refused_with_the_allowed_keys() -> None:
    with pytest.raises(PluginError) as error:
        check_page_meta("page.md", {**DATES, "sources": ["wikipedia"]}, SOURCES)
    assert str(error.value) == "page.md: sources ['wikipedia'] are not in extra.sources; allowed: nhs-back-pain"


@pytest.mark.parametrize("address", [None, "https://forms.example.org/report", "mailto:health@example.org"])
def test_report_address_may_be_unset_a_web_address_or_mailto(address: str | None) -> None:
    check_report_address(address)


@pytest.mark.parametrize("address", ["javascript:alert(1)", "report.html", 42])
def test_report_address_a_browser_cannot_open_is_refused(address: object) -> None:
    with pytest.raises(PluginError, match="extra.report_mistake_url is .*; use an https:// or http:// address"):
        check_report_address(address)


def test_source_without_a_link_is_refused() -> None:
    with pytest.raises(PluginError, match="extra.sources.nhs needs by, title and url"):
        check_sources({"nhs": {"by": "NHS", "title": "Back pain"}})


def test_build_of_a_page_without_review_dates_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "new-page.md").write_text("# New page\n")
    sources = "extra:\n  sources:\n    nhs: {by: NHS, title: Back pain, url: 'https://www.nhs.uk/conditions/back-pain/'}\n"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\nhooks: [{ROOT / 'hooks' / 'page_trust.py'}]\n{sources}")
    result = build_in_process(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  new-page.md: front matter needs reviewed: YYYY-MM-DD (found None); add reviewed: and "
        "review_due: dates, for example reviewed: 2026-11-25 and review_due: 2027-11-25"
    ) in result.stderr.splitlines()
