"""What the About page says about this copy of the guide, from the host's settings.

Whoever hosts the guide fills in, in mkdocs.yml, who publishes it (`extra.publisher`), any
clinical review of this edition (`extra.clinical_review`: the reviewer's role and the date, never
a made-up name) and where readers report a mistake (`extra.report_mistake_url`). A page says
them through markers, `<!-- publisher -->`, `<!-- clinical-review -->` and
`<!-- report-a-mistake -->`, each on a line of its own; a setting left out is said plainly, so a
reader is never told of a review, a publisher or a report address that does not exist. The
settings are checked in hooks/site_settings.py. A clinical review is of the English edition:
a translation says so, never that a clinician read the translation (that is
`extra.translation_review`, hooks/languages.py).
Markers are replaced in the rendered HTML, where a marker shown inside code is already escaped.
"""

from __future__ import annotations

import html
from typing import Any

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_words import build_language, site_words

ENGLISH = "en"


def publisher_words(publisher: str | None, words: dict[str, str]) -> str:
    if publisher:
        return words["publisher"].format(publisher=publisher)
    return words["no_publisher"]


def clinical_review_words(review: dict[str, Any] | None, words: dict[str, str], language: str = "en") -> str:
    """The review, as HTML. It is of the English edition: a translation says so in its own words,
    and the role, as the host wrote it in mkdocs.yml, is marked as English."""
    if not review:
        return html.escape(words["no_clinical_review"])
    role = html.escape(review["role"])
    if language != ENGLISH:
        role = f'<span lang="{ENGLISH}">{role}</span>'
    date = format_date(review["date"], format="long", locale=words["date_locale"])
    said = html.escape(words["clinical_review"]).format(role=role, date=html.escape(date))
    return f"{said[0].upper()}{said[1:]}"


def report_words(address: str | None, publisher: str | None, words: dict[str, str]) -> str:
    if address:
        link = f'<a href="{html.escape(address)}">{html.escape(words["report_link"])}</a>'
        return html.escape(words["report"]).replace("{link}", link)
    who = publisher or words["report_who"]
    return html.escape(words["no_report"].format(who=who))


def about_this_copy(extra: dict[str, Any], language: str = "en") -> dict[str, str]:
    """Each marker and the paragraph that replaces it, from the host's settings, in the page's language."""
    words = site_words()[language]
    publisher = extra.get("publisher")
    return {
        "<!-- publisher -->": html.escape(publisher_words(publisher, words)),
        "<!-- clinical-review -->": clinical_review_words(extra.get("clinical_review"), words, language),
        "<!-- report-a-mistake -->": report_words(extra.get("report_mistake_url"), publisher, words),
    }


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, words in about_this_copy(config.extra, build_language(config)).items():
        html_text = html_text.replace(marker, f"<p>{words}</p>")
    return html_text
