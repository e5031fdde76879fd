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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def check_publisher(publisher: object) -> None:
    if publisher is not None and not (isinstance(publisher, str) and publisher.strip()):
        raise PluginError(
            f"mkdocs.yml: extra.publisher is {publisher!r}; give the name of the organisation or team "
            "that publishes this copy, such as 'Example Ltd health and safety team', or leave it out"
        )


def check_clinical_review(review: object) -> None:
    if review is None:
        return
    role = review.get("role") if isinstance(review, dict) else None
    date = review.get("date") if isinstance(review, dict) else None
    if not (isinstance(role, str) and role.strip() and isinstance(date, datetime.date)):
        raise PluginError(
            f"mkdocs.yml: extra.clinical_review is {review!r}; it needs role (the reviewer's job, such as "
            "'a chartered physiotherapist', not a name) and date (YYYY-MM-DD), or leave it out"
        )


def publisher_words(publisher: str | None) -> str:
    if publisher:
        return f"This copy of the guide is published by {publisher}."
    return "This copy does not say who publishes it. Whoever hosts it has not filled in their name."


def clinical_review_words(review: dict[str, Any] | None) -> str:
    if review:
        role, date = review["role"].strip(), review["date"]
        return f"{role[0].upper()}{role[1:]} reviewed this edition on {date.day} {date:%B %Y}."
    return "No clinician, such as a doctor or a physiotherapist, has reviewed this edition."


def report_words(address: str | None, publisher: str | None) -> str:
    if address:
        link = f'<a href="{html.escape(address)}">report a mistake here</a>'
        return f"You can {link}, or use the link at the foot of any page. Say which page it is and what is wrong."
    who = publisher or "whoever shared this guide with you, such as your intranet team or your health and safety team"
    return (
        "This copy has no way set up to report a mistake. "
        f"Please tell {html.escape(who)}. Say which page it is and what is wrong."
    )


def about_this_copy(extra: dict[str, Any]) -> dict[str, str]:
    """Each marker and the paragraph that replaces it, from the host's settings."""
    publisher = extra.get("publisher")
    return {
        "<!-- publisher -->": html.escape(publisher_words(publisher)),
        "<!-- clinical-review -->": html.escape(clinical_review_words(extra.get("clinical_review"))),
        "<!-- report-a-mistake -->": report_words(extra.get("report_mistake_url"), publisher),
    }


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_publisher(config.extra.get("publisher"))
    check_clinical_review(config.extra.get("clinical_review"))
    return config


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, words in about_this_copy(config.extra).items():
        html_text = html_text.replace(marker, f"<p>{words}</p>")
    return html_text
