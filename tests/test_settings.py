"""The host's settings (`extra:` in mkdocs.yml), one schema in hooks/site_settings.py: each
hostile or careless value stops the build in one line naming the key, the value and what is
allowed; what a host may rightly write is taken."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from helpers import ROOT, build_site, one_error, throwaway_site
from mkdocs.exceptions import PluginError
from site_settings import HostSettings, check_host_settings, check_reviews_follow_edition

SOURCES = {"nhs": {"by": "NHS", "title": "Back pain", "url": "https://www.nhs.uk/conditions/back-pain/"}}
SOURCES_YAML = "  sources:\n    nhs: {by: NHS, title: Back pain, url: 'https://www.nhs.uk/conditions/back-pain/'}\n"


def refused(key: str, value: object) -> str:
    with pytest.raises(PluginError) as error:
        check_host_settings({"sources": SOURCES, key: value})
    message = str(error.value)
    assert message.startswith(f"mkdocs.yml: extra.{key} is ") and "\n" not in message
    return message


def test_a_sources_words_in_spanish_are_taken_and_a_slip_in_them_is_named() -> None:
    nice = {"by": "NICE guideline NG59", "title": "Low back pain", "url": "https://www.nice.org.uk/guidance/ng59", "detail": "2016",
            "es": {"by": "Guía NICE NG59", "detail": "2016, actualizada en 2020"}}  # fmt: skip
    assert check_host_settings({"sources": {"nice": nice}})["sources"]["nice"]["es"]["by"] == "Guía NICE NG59"
    message = refused("sources", {"nice": {**nice, "es": {"by": "Guía", "titel": "Dolor"}}})
    assert "nice.es needs by or detail as texts, and nothing else" in message and "titel" in message


def test_every_setting_comes_back_checked_with_its_default() -> None:
    checked = check_host_settings({"sources": SOURCES, "social": [{"icon": "x"}]})
    assert checked["embed_frame_ancestors"] == ["*"] and checked["breath_timer"] == {}
    assert checked["report_mistake_url"] is None and "social" not in checked


# report_mistake_url


@pytest.mark.parametrize("address", [
    "https://forms.example.org/report", "HTTPS://example.com/", "Http://intranet.example.com:8080/form?page=1",
    "mailto:health@example.org", "MAILTO:health@example.org", "mailto:health@example.org?subject=Unstuck&body=Page",
])  # fmt: skip
def test_a_report_address_a_browser_opens_is_taken(address: str) -> None:
    assert check_host_settings({"sources": SOURCES, "report_mistake_url": address})["report_mistake_url"] == address


@pytest.mark.parametrize(("address", "problem"), [
    ("javascript:alert(1)", ""),
    ("report.html", ""),
    (42, ""),
    ("mailto:", "it does not name one mailbox"),
    ("https://", ""),
    ("mailto:someone", "it does not name one mailbox"),
    ("https://exa mple.com/report form", "it contains a space or an invisible character"),
    ("mailto:a@b.example?bcc=evil@attacker.example&subject=x", "it sets bcc"),
    ("mailto:a@b.example?CC=evil@attacker.example", "it sets cc"),
    ("mailto:a@b.example%0D%0ABcc:evil@x.example", "it contains an encoded line break"),
    ("https://example.com/\u202egnp.exe", "it contains a space or an invisible character"),
    ("https://example.com/\u200b", "it contains a space or an invisible character"),
])  # fmt: skip
def test_a_report_address_no_reader_can_use_or_that_adds_recipients_is_refused(address: object, problem: str) -> None:
    message = refused("report_mistake_url", address)
    assert problem in message and message.endswith("or leave it out")
    assert "\u202e" not in message  # shown as an escape, so the line reads as it is


# embed_frame_ancestors


@pytest.mark.parametrize(("value", "sources"), [
    ("*", ["*"]),
    ("'none'", ["'none'"]),
    (["'none'"], ["'none'"]),
    (["https://intranet.example.com"], ["https://intranet.example.com"]),
    (["https://*.example.com", "http://localhost:8080", "'self'", "https://xn--bcher-kva.example"], None),
    (["https://*.example.co.uk", "https://intranet.example.com:65535"], None),
])  # fmt: skip
def test_embed_frame_ancestors_takes_what_browsers_honour(value: object, sources: list[str] | None) -> None:
    assert check_host_settings({"sources": SOURCES, "embed_frame_ancestors": value})["embed_frame_ancestors"] == (sources or value)


@pytest.mark.parametrize(("value", "problem"), [
    ("", ""),
    ([], ""),
    (3, ""),
    ("intranet.example.com", "it is not an origin"),
    (["'unsafe-inline'"], "it is not an origin"),
    (["https://a.example; script-src *"], "it is not an origin"),
    ("https://a.example:99999", "its port is not a number from 1 to 65535"),
    ("https://a.example:0", "its port is not a number from 1 to 65535"),
    ("https://a.example:\u0661\u0662", "it is not an origin"),
    ("https://b\u00fccher.example", "international hosts go in their xn-- form"),
    ("https://ex\u0430mple.com", "it is not an origin"),  # a Cyrillic a
    ("https://*.com", "the wildcard covers every site under a public suffix"),
    (["https://intranet.example.com", "https://*.co.uk"], "'https://*.co.uk': the wildcard covers every site"),
    ("https://-.-", "it is not an origin"),
    ("https://intranet.example.com/", "an origin has no path: remove the trailing /"),
    (["'none'", "https://intranet.example.com"], "'none' stands alone"),
])  # fmt: skip
def test_embed_frame_ancestors_a_browser_ignores_or_reads_too_widely_is_refused(value: object, problem: str) -> None:
    message = refused("embed_frame_ancestors", value)
    assert problem in message and "give \"*\" for any site, \"'none'\" for none" in message


# the reviews, the publisher, the sources, the language links


@pytest.mark.parametrize("key", ["clinical_review", "translation_review"])
@pytest.mark.parametrize(("review", "problem"), [
    ({"role": "a physiotherapist", "date": "2026-02-30"}, "2026-02-30 is not a date on the calendar"),
    ({"role": "a physiotherapist", "date": datetime.date(2099, 1, 1)}, "2099-01-01 is in the future"),
    ({"role": "a physiotherapist", "date": datetime.datetime(2026, 12, 1, 10, 30)}, ""),
    ({"role": "a physiotherapist", "date": "soon"}, "soon is not a date on the calendar"),
    ({"date": datetime.date(2026, 12, 1)}, ""),
])  # fmt: skip
def test_a_review_with_no_real_past_date_or_no_role_is_refused(key: str, review: dict, problem: str) -> None:
    message = refused(key, review)
    assert problem in message and "it needs role (the reviewer's job" in message


def test_a_review_is_taken_with_a_real_date_written_plain_or_quoted() -> None:
    review = {"role": " a physiotherapist ", "date": "2026-12-01"}
    assert check_host_settings({"sources": SOURCES, "clinical_review": review})["clinical_review"] == {
        "role": "a physiotherapist", "date": datetime.date(2026, 12, 1)}  # fmt: skip


def test_a_review_dated_before_the_edition_it_reviews_is_refused() -> None:
    review = {"role": "una fisioterapeuta", "date": datetime.date(2020, 1, 1)}
    with pytest.raises(PluginError) as error:
        check_reviews_follow_edition({"translation_review": review}, datetime.date(2026, 11, 30))
    assert str(error.value) == (
        "mkdocs.yml: extra.translation_review date 2020-01-01 is before the edition it reviews (its pages were "
        "reviewed up to 2026-11-30); give the day of a review of this edition, or leave it out"
    )
    check_reviews_follow_edition({"translation_review": {**review, "date": datetime.date(2026, 11, 30)}}, datetime.date(2026, 11, 30))


@pytest.mark.parametrize(("key", "value"), [
    ("publisher", 42), ("publisher", "  "), ("publisher", "Example\u202e Ltd"),
    ("sources", {}), ("sources", {"nhs": {"by": "NHS", "title": "Back pain"}}),
    ("sources", {"nhs": {"by": "NHS", "title": "Back pain", "url": "java\tscript:alert(1)"}}),
    ("sources", {"nhs": {"by": "NHS", "title": "Back pain", "url": "https://nhs.uk/a b"}}),
    ("sources", {"nhs": {"by": "NHS", "title": "Back pain", "url": "\x01javascript:alert(1)"}}),
    ("sources", {"nhs": {"by": "NHS", "title": "Back pain", "url": " https://nhs.uk/"}}),
    ("sources", {"nhs": {**SOURCES["nhs"], "es": "Guía"}}), ("sources", {"nhs": {**SOURCES["nhs"], "es": {"bi": "Guía"}}}),
    ("sources", {"nhs": {**SOURCES["nhs"], "es": {"title": "Dolor"}}}), ("sources", {"nhs": {**SOURCES["nhs"], "es": {}}}),
    ("sources", {"nhs": {**SOURCES["nhs"], "espanol": {"by": "Guía"}}}), ("sources", {"nhs": {**SOURCES["nhs"], "detail": 2023}}),
    ("alternate", [{"name": "English", "link": "/"}]), ("alternate", "es"),
    ("breath_timer", [6]), ("generator", "no"), ("polyfills", "x.js"),
])  # fmt: skip
def test_a_setting_of_the_wrong_shape_is_refused_in_one_line(key: str, value: object) -> None:
    with pytest.raises(PluginError) as error:
        check_host_settings({"sources": SOURCES, key: value})
    assert str(error.value).startswith(f"mkdocs.yml: extra.{key} ") and "\n" not in str(error.value)


# In a build


@pytest.mark.parametrize(("setting", "problem"), [
    ("embed_frame_ancestors: 'https://a.example:99999'", "its port is not a number from 1 to 65535"),
    ("report_mistake_url: 'mailto:a@b.example?bcc=evil@x.example'", "it sets bcc"),
    ("clinical_review: {role: a physiotherapist, date: 2099-01-01}", "2099-01-01 is in the future"),
    ("alternate: [{name: English, link: /}]", "each entry needs name, link and lang"),
])  # fmt: skip
def test_a_bad_setting_stops_the_build_in_one_line(tmp_path: Path, setting: str, problem: str) -> None:
    error = one_error(build_site(project=throwaway_site(tmp_path, config=f"extra:\n{SOURCES_YAML}  {setting}\n", hooks=("site_settings.py",)), in_process=True))
    assert error.startswith("ERROR   -  mkdocs.yml: extra.") and problem in error


def test_the_readme_lists_every_setting_the_schema_declares() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The host's settings", 1)[1].split("\n#", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert listed == [key for key, _ in HostSettings._schema]
