"""What the About page says about this copy of the guide, from the host's settings.

Whoever hosts the guide fills in, in mkdocs.yml, who publishes it (`extra.publisher`), any
clinical review of this edition (`extra.clinical_review`: the reviewer's role and the date, never
a made-up name) and where readers report a mistake (`extra.report_mistake_url`). A page says
them through markers, `<!-- publisher -->`, `<!-- clinical-review -->` and
`<!-- report-a-mistake -->`, each on a line of its own; a setting left out is said plainly, so a
reader is never told of a review, a publisher or a report address that does not exist.
Markers are replaced in the rendered HTML, where a marker shown inside code is already escaped.
"""

from __future__ import annotations

import datetime
import html
from typing import Any

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_words import build_language, site_words


def check_publisher(publisher: object) -> None:
    if publisher is not None and not (isinstance(publisher, str) and publisher.strip()):
        raise PluginError(
            f"mkdocs.yml: extra.publisher is {publisher!r}; give the name of the organisation or team "
            "that publishes this copy, such as 'Example Ltd health and safety team', or leave it out"
        )


def check_review(setting: str, review: object, example_role: str) -> None:
    """A review the host names in `extra.<setting>`: who reviewed, as a role (never a name), and when.
    hooks/languages.py checks the translation's review with it too."""
    if review is None:
        return
    role = review.get("role") if isinstance(review, dict) else None
    date = review.get("date") if isinstance(review, dict) else None
    if not (isinstance(role, str) and role.strip() and isinstance(date, datetime.date)):
        raise PluginError(
            f"mkdocs.yml: extra.{setting} is {review!r}; it needs role (the reviewer's job, such as "
            f"'{example_role}', not a name) and date (YYYY-MM-DD), or leave it out"
        )


def publisher_words(publisher: str | None, words: dict[str, str]) -> str:
    if publisher:
        return words["publisher"].format(publisher=publisher)
    return words["no_publisher"]


def clinical_review_words(review: dict[str, Any] | None, words: dict[str, str]) -> str:
    if review:
        role, date = review["role"].strip(), review["date"]
        said = words["clinical_review"].format(role=role, date=format_date(date, format="long", locale=words["date_locale"]))
        return f"{said[0].upper()}{said[1:]}"
    return words["no_clinical_review"]


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
        "<!-- clinical-review -->": html.escape(clinical_review_words(extra.get("clinical_review"), words)),
        "<!-- report-a-mistake -->": report_words(extra.get("report_mistake_url"), publisher, words),
    }


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_publisher(config.extra.get("publisher"))
    check_review("clinical_review", config.extra.get("clinical_review"), "a chartered physiotherapist")
    return config


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, words in about_this_copy(config.extra, build_language(config)).items():
        html_text = html_text.replace(marker, f"<p>{words}</p>")
    return html_text
