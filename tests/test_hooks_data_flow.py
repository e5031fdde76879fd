"""What the hooks hand on across mkdocs-static-i18n's two builds, seen in a throwaway copy of the
project: the security headers written once, from every page of both languages; each language's
404 page in its place; a page past its review date built under --strict, saying so."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import Build, build_site, copy_of_the_project

HEADERS_WRITTEN = "Security headers for "


def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def set_review_dates(page: Path, reviewed: str, due: str) -> None:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^reviewed: .*$", f"reviewed: {reviewed}", text, count=1, flags=re.MULTILINE)
    page.write_text(re.sub(r"^review_due: .*$", f"review_due: {due}", text, count=1, flags=re.MULTILINE), encoding="utf-8")


class Said(logging.Handler):
    """Every record, each time it is said: MkDocs' own output prints a repeated message once
    (hooks/languages.py), which would hide a hook that ran twice."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def hosted_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build, list[str]]:
    """One --strict build of a copy of the project, for every test here: its safety page in both
    languages past its review date, which the other tests' pages and headers do not touch."""
    project = copy_of_the_project(tmp_path_factory.mktemp("project"))
    for name in ("safety.md", "safety.es.md"):
        set_review_dates(project / "docs" / name, "2025-01-10", "2025-12-01")
    said = Said()
    logger = logging.getLogger("mkdocs.hooks.security_headers")
    logger.addHandler(said)
    try:
        result = build_site(project=project, env={"SITE_URL": "http://127.0.0.1:8000/"}, in_process=True)
    finally:
        logger.removeHandler(said)
    return project / "site", result, said.messages


def test_the_security_headers_are_written_once_a_build_from_both_languages(hosted_build: tuple[Path, Build, list[str]]) -> None:
    site, result, said = hosted_build
    assert result.returncode == 0, result.stderr
    pages = len(list(site.rglob("*.html"))) + len(list(site.rglob("index.html")))
    assert [message for message in said if message.startswith(HEADERS_WRITTEN)] == [
        f"{HEADERS_WRITTEN}{pages} page addresses written to _headers and _headers.nginx.conf"
    ]
    assert "\n/es/safety/\n" in (site / "_headers").read_text(encoding="utf-8")


def test_each_language_keeps_its_own_404_page(hosted_build: tuple[Path, Build, list[str]]) -> None:
    site, _, _ = hosted_build
    assert parsed(site / "404.html").html["lang"] == "en"
    assert parsed(site / "es" / "404.html").html["lang"] == "es"


def test_the_404_pages_link_each_languages_home_not_the_last_page_built(hosted_build: tuple[Path, Build, list[str]]) -> None:
    site, _, _ = hosted_build
    for page in (site / "404.html", site / "es" / "404.html"):
        links = {link["hreflang"]: link["href"] for link in parsed(page).select("link[rel=alternate][hreflang]")}
        assert links == {"en": "/.", "es": "/es/"}, page


def test_a_home_page_links_its_twin_relatively(hosted_build: tuple[Path, Build, list[str]]) -> None:
    site, _, _ = hosted_build
    assert parsed(site / "index.html").find("link", rel="alternate", hreflang="es")["href"] == "es/"
    assert parsed(site / "es" / "index.html").find("link", rel="alternate", hreflang="en")["href"] == ".."


# A lapsed review date


def test_a_page_past_its_review_date_still_builds_strict_and_tells_its_reader(hosted_build: tuple[Path, Build, list[str]]) -> None:
    site, result, _ = hosted_build
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "INFO    -  safety.md: review_due (2025-12-01) has passed, and the page says it is due for review; " \
        "review it and update reviewed: and review_due:" in lines
    assert not [line for line in lines if line.startswith("WARNING")]
    english = parsed(site / "safety" / "index.html").select_one(".review-dates").get_text(" ", strip=True)
    spanish = parsed(site / "es" / "safety" / "index.html").select_one(".review-dates").get_text(" ", strip=True)
    assert "Due for review since 1 December 2025" in english and "Next review due" not in english
    assert "Pendiente de revisión desde el 1 de diciembre de 2025" in spanish and "Próxima revisión" not in spanish
    other = parsed(site / "chair-twist" / "index.html").select_one(".review-dates").get_text(" ", strip=True)
    assert "Next review due" in other
