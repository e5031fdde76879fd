"""A translation kept honest, in small throwaway sites of two languages with the project's
theme and hooks: twins that disagree, a date no calendar has, a review dated before its edition,
each stop the build in one line; the Spanish About never claims the English edition's clinical
review for itself; a plain build (no SITE_URL) has its Spanish 404 too."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, Build, build_site, one_error

SOURCES = "  sources:\n    nhs: {by: NHS, title: Back pain, url: 'https://www.nhs.uk/'}\n"
PAGE = "---\nreviewed: 2026-11-30\nreview_due: 2027-11-30\nsources: [nhs]\n{more}---\n\n# {title}\n\n{text}\n"
HOOKS = ("site_settings.py", "site_address.py", "languages.py", "material_fixes.py", "page_trust.py", "about_this_copy.py")
PAGES = {
    "index.md": PAGE.format(title="Home", more="", text="Text."),
    "index.es.md": PAGE.format(title="Inicio", more="", text="Texto."),
    "about.md": PAGE.format(title="About", more="", text="<!-- clinical-review -->"),
    "about.es.md": PAGE.format(title="Sobre", more="", text="<!-- clinical-review -->"),
}


def build_bilingual(directory: Path, pages: dict[str, str] | None = None, settings: str = "",
                    env: dict[str, str] | None = None) -> Build:  # fmt: skip
    """`mkdocs build --strict` of a small two-language site, in this process: its log and pages are
    what these tests read."""
    (directory / "docs").mkdir()
    for name, text in {**PAGES, **(pages or {})}.items():
        (directory / "docs" / name).write_text(text, encoding="utf-8")
    hooks = ", ".join(str(ROOT / "hooks" / name) for name in HOOKS)
    (directory / "mkdocs.yml").write_text(
        f"site_name: Test\nhooks: [{hooks}]\nextra:\n{SOURCES}{settings}"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      reconfigure_material: true\n      languages:\n"
        "        - {locale: en, default: true, name: English}\n        - {locale: es, name: Español}\n",
        encoding="utf-8",
    )
    return build_site(env=env, project=directory, in_process=True)


@pytest.mark.parametrize(("front_matter", "key", "english"), [
    ("reviewed: 2025-06-01\nreview_due: 2026-06-01\nsources: [nhs]\n", "reviewed", "2026-11-30"),
    ("reviewed: 2026-11-30\nreview_due: 2027-11-30\nsources: [nhs]\ntutorial: false\n", "tutorial", "true"),
    ("reviewed: 2026-11-30\nreview_due: 2027-11-30\nsources: [nhs]\ntutorial: true\ntemplate: embed.html\n", "template", "unset"),
    ("reviewed: 2026-11-30\nreview_due: 2027-11-30\nsources: []\ntutorial: true\n", "sources", "[nhs]"),
])  # fmt: skip
def test_a_twin_that_differs_from_its_english_page_stops_the_build_naming_both(
    tmp_path: Path, front_matter: str, key: str, english: str
) -> None:
    pages = {"twist.md": PAGE.format(title="Twist", more="tutorial: true\n", text="Text."),
             "twist.es.md": f"---\n{front_matter}---\n\n# Giro\n"}  # fmt: skip
    error = one_error(build_bilingual(tmp_path, pages))
    assert error.startswith(f"ERROR   -  docs/twist.es.md: front matter {key} is ")
    assert f"but docs/twist.md has {english}; a translation keeps its English page's reviewed, tutorial, template and sources" in error


@pytest.mark.parametrize("page", ["index.md", "index.es.md"])
def test_a_date_no_calendar_has_in_front_matter_stops_the_build_naming_the_page(tmp_path: Path, page: str) -> None:
    error = one_error(build_bilingual(tmp_path, {page: PAGE.replace("2026-11-30", "2026-02-30").format(title="x", more="", text="")}))
    assert error == f"ERROR   -  {page}: front matter reviewed 2026-02-30 is not a date on the calendar; write a real date as YYYY-MM-DD"


@pytest.mark.parametrize("key", ["clinical_review", "translation_review"])
def test_a_review_dated_before_the_edition_it_reviews_stops_the_build(tmp_path: Path, key: str) -> None:
    error = one_error(build_bilingual(tmp_path, settings=f"  {key}: {{role: a physiotherapist, date: 2020-01-01}}\n"))
    assert error.startswith(f"ERROR   -  mkdocs.yml: extra.{key} date 2020-01-01 is before the edition it reviews")


def article_text(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text().split())


def test_the_spanish_about_says_the_clinical_review_was_of_the_english_edition_in_spanish(tmp_path: Path) -> None:
    result = build_bilingual(tmp_path, settings="  clinical_review: {role: a chartered physiotherapist, date: 2026-12-01}\n")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert "A chartered physiotherapist reviewed this edition on 1 December 2026." in article_text(site, "about/index.html")
    spanish = article_text(site, "es/about/index.html")
    assert ("Un profesional clínico revisó la edición en inglés, de la que esta es una traducción, el 1 de diciembre de "
            "2026: a chartered physiotherapist.") in spanish  # fmt: skip
    assert "Revisó esta edición" not in spanish
    role = BeautifulSoup((site / "es/about/index.html").read_text(encoding="utf-8"), "html.parser").find("span", lang="en")
    assert role.get_text() == "a chartered physiotherapist"


def test_a_plain_build_has_a_spanish_404_with_spanish_links(tmp_path: Path) -> None:
    result = build_bilingual(tmp_path)
    assert result.returncode == 0, result.stderr
    spanish = BeautifulSoup((tmp_path / "site" / "es" / "404.html").read_text(encoding="utf-8"), "html.parser")
    title = yaml.safe_load((ROOT / "hooks" / "words.yml").read_text(encoding="utf-8"))["es"]["not_found_title"]
    assert spanish.html["lang"] == "es" and spanish.h1.get_text() == title
    assert spanish.title.get_text() == f"{title} - Test"
    assert [link["href"] for link in spanish.select("article a")] == ["/es/", "/es/chair-twist/"]
