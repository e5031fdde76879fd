"""The page-trust hook: review dates, sources and the report address, with one clear line for a
page or setting that gets them wrong."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, build_in_process
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

sys.path.insert(0, str(ROOT / "hooks"))
from page_trust import check_page_meta  # noqa: E402

SOURCES = {"nhs-back-pain": {"by": "NHS", "title": "Back pain", "url": "https://www.nhs.uk/conditions/back-pain/"}}
DATES = {"reviewed": datetime.date(2026, 11, 25), "review_due": datetime.date(2027, 11, 25)}


TODAY = datetime.date(2026, 11, 30)


def test_page_with_dates_and_known_sources_passes() -> None:
    check_page_meta("safety.md", {**DATES, "sources": ["nhs-back-pain"]}, SOURCES, TODAY)


@pytest.mark.parametrize("missing", ["reviewed", "review_due"])
def test_page_without_review_dates_is_told_what_to_add(missing: str) -> None:
    meta = {key: value for key, value in DATES.items() if key != missing}
    with pytest.raises(PluginError) as error:
        check_page_meta("new-page.md", meta, SOURCES)
    assert str(error.value).startswith(f"new-page.md: front matter needs {missing}: YYYY-MM-DD; add")
    assert "reviewed: 2026-11-25" in str(error.value) and "None" not in str(error.value)


def test_review_due_before_the_review_is_refused() -> None:
    with pytest.raises(PluginError, match="review_due .* must come after reviewed"):
        check_page_meta("page.md", {"reviewed": DATES["reviewed"], "review_due": DATES["reviewed"]}, SOURCES, TODAY)


def test_source_outside_the_list_is_refused_with_the_allowed_keys() -> None:
    with pytest.raises(PluginError) as error:
        check_page_meta("page.md", {**DATES, "sources": ["wikipedia"]}, SOURCES, TODAY)
    assert str(error.value) == "page.md: sources ['wikipedia'] are not in extra.sources; allowed: nhs-back-pain"


def test_build_of_a_page_without_review_dates_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "new-page.md").write_text("# New page\n")
    sources = "extra:\n  sources:\n    nhs: {by: NHS, title: Back pain, url: 'https://www.nhs.uk/conditions/back-pain/'}\n"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\nhooks: [{ROOT / 'hooks' / 'page_trust.py'}]\n{sources}")
    result = build_in_process(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  new-page.md: front matter needs reviewed: YYYY-MM-DD; add reviewed: and "
        "review_due: dates, for example reviewed: 2026-11-25 and review_due: 2027-11-25"
    ) in result.stderr.splitlines()


# Plausible dates, the right kinds of value, readable YAML


@pytest.mark.parametrize(
    ("dates", "problem"),
    [
        ({"reviewed": datetime.date(2099, 1, 1), "review_due": datetime.date(2099, 6, 1)}, "reviewed (2099-01-01) is in the future"),
        ({"reviewed": datetime.date(2026, 11, 25), "review_due": datetime.date(1901, 1, 1)}, "review_due (1901-01-01) must come after reviewed"),
        ({"reviewed": datetime.date(2026, 11, 25), "review_due": datetime.date(2028, 11, 26)}, "more than two years after reviewed"),
        ({"reviewed": datetime.datetime(2026, 11, 25, 10), "review_due": datetime.date(2027, 11, 25)}, "reviewed must be a date written YYYY-MM-DD, with no time"),
        ({"reviewed": "25 November 2026", "review_due": datetime.date(2027, 11, 25)}, "reviewed must be a date written YYYY-MM-DD"),
    ],
)
def test_implausible_review_dates_are_refused_in_one_line(dates: dict, problem: str) -> None:
    with pytest.raises(PluginError) as error:
        check_page_meta("page.md", dates, SOURCES, TODAY)
    assert str(error.value).startswith("page.md: ") and problem in str(error.value)
    assert "\n" not in str(error.value)


def test_a_review_due_on_leap_day_plus_two_years_passes() -> None:
    check_page_meta("page.md", {"reviewed": datetime.date(2024, 2, 29), "review_due": datetime.date(2026, 2, 28)}, SOURCES, datetime.date(2025, 1, 1))


def test_a_page_past_its_review_is_said_at_info_level_naming_the_page(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO")
    check_page_meta("safety.md", DATES, SOURCES, datetime.date(2027, 12, 1))
    assert [(record.levelname, record.getMessage()) for record in caplog.records] == [
        ("INFO", "safety.md: review_due (2027-11-25) has passed, and the page says it is due for review; "
                 "review it and update reviewed: and review_due:"),
    ]


@pytest.mark.parametrize("page", sorted(path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")))
def test_no_page_of_the_project_is_past_its_review_date(page: str) -> None:
    """A lapsed date never stops a host's build (the page says it to its reader): it stops the
    project's own tests, so the project is the one told to review."""
    meta = yaml.safe_load(YAML_RE.match((ROOT / "docs" / page).read_text(encoding="utf-8"))[1])
    if "review_due" in meta:
        assert meta["review_due"] >= datetime.date.today(), (
            f"docs/{page}: review_due {meta['review_due']} has passed; review the page and update reviewed: and review_due:"
        )


@pytest.mark.parametrize("sources", [[["x"]], "nhs-back-pain", [{"a": 1}], [3]])
def test_sources_that_are_not_a_list_of_keys_are_refused(sources: object) -> None:
    with pytest.raises(PluginError, match=r"^page.md: sources must be a list of keys from extra.sources"):
        check_page_meta("page.md", {**DATES, "sources": sources}, SOURCES, TODAY)


CONFIG = (
    "site_name: Test\nhooks: [{hook}]\n"
    "extra:\n  sources:\n    nhs: {{by: NHS, title: Back pain, url: 'https://www.nhs.uk/conditions/back-pain/'}}\n"
)


def build_pages(tmp_path: Path, pages: dict[str, str]):
    (tmp_path / "docs").mkdir()
    for name, text in pages.items():
        (tmp_path / "docs" / name).write_text(text)
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(hook=ROOT / "hooks" / "page_trust.py"))
    return build_in_process(tmp_path)


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("reviewed: 2026-11-25 10:00:00\nreview_due: 2027-11-25",
         "page.md: front matter reviewed must be a date written YYYY-MM-DD, with no time, found 2026-11-25 10:00:00; for example"),
        ("reviewed: 2026-11-25\nreview_due: 2027-11-25\nsources: [[x]]", "page.md: sources must be a list of keys from extra.sources"),
        ("reviewed: 2026-11-25\nreview_due: 2027-11-25\ntutorial: yes please", "page.md: tutorial must be true or false, found 'yes please'"),
        ("template: main.html", "page.md: front matter needs reviewed: YYYY-MM-DD"),
        ("template: [main.html]", "page.md: template must be the name of a template file, found ['main.html']"),
        ("reviewed: 2026-11-25\nreview_due: [2027", "page.md: front matter is not valid YAML at line 3: expected ',' or ']'"),
        ("reviewed: 2026-11-25\n  review_due: 2027-11-25", "page.md: front matter is not valid YAML at line 3: mapping values are not allowed here"),
        ("- reviewed: 2026-11-25", "page.md: front matter must be key: value lines, found list"),
    ],
)
def test_bad_front_matter_fails_the_build_in_one_line(tmp_path: Path, front_matter: str, line: str) -> None:
    result = build_pages(tmp_path, {"page.md": f"---\n{front_matter}\n---\n\n# Page\n"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # MkDocs adds its own "Error reading page" line before ours.
    errors = [text for text in result.stderr.splitlines() if text.startswith("ERROR") and "Error reading page" not in text]
    assert len(errors) == 1 and errors[0].startswith(f"ERROR   -  {line}"), result.stderr
    assert "found None" not in result.stderr

