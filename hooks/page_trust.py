"""What every content page owes its reader: review dates, only the guide's own sources, and a
way to report a mistake.

Each page's front matter names its dates (`reviewed`, `review_due`) and the keys of the sources
it states facts from (`sources`); the theme (overrides/partials/content.html) renders them, so a
page cannot show a source that is not in `extra.sources` or forget its dates. A page with its
own template (the bare timer of embed/) is not a content page.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

REVIEW_KEYS = ("reviewed", "review_due")
REPORT_SCHEMES = ("https://", "http://", "mailto:")

log = logging.getLogger("mkdocs.hooks.page_trust")


def check_report_address(address: object) -> None:
    """The report-a-mistake address is unset, or one a reader's browser can open."""
    if address is None:
        return
    if not isinstance(address, str) or not address.startswith(REPORT_SCHEMES):
        raise PluginError(
            f"mkdocs.yml: extra.report_mistake_url is {address!r}; "
            "use an https:// or http:// address, or mailto:someone@example.org, or leave it out"
        )


def check_sources(sources: object) -> None:
    """Each source in extra.sources has a name, a title and a link."""
    if not isinstance(sources, dict) or not sources:
        raise PluginError("mkdocs.yml: extra.sources must list the guide's sources, each with by, title and url")
    for key, source in sources.items():
        if not isinstance(source, dict) or not all(isinstance(source.get(field), str) for field in ("by", "title", "url")):
            raise PluginError(f"mkdocs.yml: extra.sources.{key} needs by, title and url")


def check_page_meta(path: str, meta: dict[str, Any], known_sources: dict[str, Any]) -> None:
    """A content page states when it was reviewed and is next due, and cites only known sources."""
    for key in REVIEW_KEYS:
        if not isinstance(meta.get(key), datetime.date):
            raise PluginError(
                f"{path}: front matter needs {key}: YYYY-MM-DD (found {meta.get(key)!r}); "
                "add reviewed: and review_due: dates, for example reviewed: 2026-11-25 and review_due: 2027-11-25"
            )
    if meta["review_due"] <= meta["reviewed"]:
        raise PluginError(f"{path}: review_due ({meta['review_due']}) must come after reviewed ({meta['reviewed']})")
    sources = meta.get("sources", [])
    if not isinstance(sources, list):
        raise PluginError(f"{path}: sources must be a list of keys from extra.sources, such as [{next(iter(known_sources))}]")
    unknown = [key for key in sources if key not in known_sources]
    if unknown:
        raise PluginError(f"{path}: sources {unknown!r} are not in extra.sources; allowed: {', '.join(known_sources)}")


def is_local_preview(site_url: str) -> bool:
    """An address only this machine reaches (localhost, 127.0.0.1, ::1): a preview, not a copy hosted for readers."""
    host = urlsplit(site_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warn_if_hosted_without_report_address(site_url: str | None, address: object) -> None:
    """A copy hosted for readers gives them a working way to report a mistake; a local build need not."""
    if site_url and address is None and not is_local_preview(site_url):
        log.warning(
            f"SITE_URL is {site_url} but extra.report_mistake_url is not set: readers of a hosted copy "
            "need a way to report a mistake. Set extra.report_mistake_url in mkdocs.yml to a web form, "
            "an issue tracker or a mailto: address"
        )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_report_address(config.extra.get("report_mistake_url"))
    warn_if_hosted_without_report_address(config.site_url, config.extra.get("report_mistake_url"))
    check_sources(config.extra.get("sources"))
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "template" not in page.meta:
        check_page_meta(page.file.src_uri, page.meta, config.extra["sources"])
    return markdown
