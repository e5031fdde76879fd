"""What every content page owes its reader: review dates, only the guide's own sources, and a
way to report a mistake.

Each page's front matter names its dates (`reviewed`, `review_due`) and the keys of the sources
it states facts from (`sources`); the theme (overrides/partials/content.html) renders them, so a
page cannot show a source that is not in `extra.sources` or forget its dates. A page with its
own template (the bare timer of embed/) is not a content page.

Dates must be plausible: reviewed today or before, and due after that, within two years. A
page past its due date still builds, even under `--strict`: a lapsed date never stops a host's
build. The page tells its reader it is due for review since that day, and the build says so at
INFO level; the project's own tests fail on it (tests/test_page_trust.py), so the project, not
every host, is the one told to review. Front matter that is not YAML, or a value of the wrong kind, stops
the build in one line naming the page and the key.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

log = logging.getLogger("mkdocs.hooks.page_trust")

REVIEW_KEYS = ("reviewed", "review_due")
# The bare timer of embed/: it states no facts and has no place to show dates. Any other
# `template:` is still a content page, checked like every other.
BARE_TEMPLATES = {"embed.html"}
LONGEST_REVIEW = "two years"
def two_years_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 2, day=28)


def review_date(path: str, meta: dict[str, Any], key: str) -> datetime.date:
    example = "for example reviewed: 2026-11-25 and review_due: 2027-11-25"
    if key not in meta:
        raise PluginError(f"{path}: front matter needs {key}: YYYY-MM-DD; add reviewed: and review_due: dates, {example}")
    value = meta[key]
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        found = value if isinstance(value, datetime.date) else repr(value)
        raise PluginError(f"{path}: front matter {key} must be a date written YYYY-MM-DD, with no time, found {found}; {example}")
    return value


def check_review_dates(path: str, meta: dict[str, Any], today: datetime.date) -> None:
    """Reviewed on a day that has been, due after it within two years; a passed due date is said."""
    reviewed, due = (review_date(path, meta, key) for key in REVIEW_KEYS)
    if reviewed > today:
        raise PluginError(f"{path}: reviewed ({reviewed}) is in the future; give the day the page was reviewed")
    if due <= reviewed:
        raise PluginError(f"{path}: review_due ({due}) must come after reviewed ({reviewed})")
    if due > two_years_after(reviewed):
        raise PluginError(f"{path}: review_due ({due}) is more than {LONGEST_REVIEW} after reviewed ({reviewed})")
    if review_lapsed(due, today):
        log.info(f"{path}: review_due ({due}) has passed, and the page says it is due for review; "
                 "review it and update reviewed: and review_due:")  # fmt: skip


def review_lapsed(due: object, today: datetime.date) -> bool:
    return isinstance(due, datetime.date) and due < today


def check_page_meta(
    path: str, meta: dict[str, Any], known_sources: dict[str, Any], today: datetime.date | None = None
) -> None:
    """A content page states when it was reviewed and is next due, and cites only known sources."""
    check_review_dates(path, meta, today or datetime.date.today())
    sources = meta.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(key, str) for key in sources):
        raise PluginError(
            f"{path}: sources must be a list of keys from extra.sources, such as [{next(iter(known_sources))}], "
            f"found {sources!r}"
        )
    unknown = [key for key in sources if key not in known_sources]
    if unknown:
        raise PluginError(f"{path}: sources {unknown!r} are not in extra.sources; allowed: {', '.join(known_sources)}")
    if not isinstance(meta.get("tutorial", False), bool):
        raise PluginError(f"{path}: tutorial must be true or false, found {meta['tutorial']!r}")


def check_front_matter_parsed(path: str, markdown: str) -> None:
    """MkDocs drops front matter it cannot read and keeps it as text; say why instead."""
    found = YAML_RE.match(markdown)
    if found is None:
        return
    try:
        data = yaml.safe_load(found[1])
    except yaml.YAMLError as error:
        # Where the unfinished part began (an open bracket), else where reading stopped.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(error, "problem", None) or "it cannot be read"
        raise PluginError(f"{path}: front matter is not valid YAML{where}: {problem}") from None
    raise PluginError(f"{path}: front matter must be key: value lines, found {type(data).__name__} {data!r:.60}")


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
    # The address itself and extra.sources are checked in hooks/site_settings.py.
    warn_if_hosted_without_report_address(config.site_url, config.extra.get("report_mistake_url"))
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = page.file.src_uri
    check_front_matter_parsed(path, markdown)
    template = page.meta.get("template")
    if template is not None and not isinstance(template, str):
        raise PluginError(f"{path}: template must be the name of a template file, found {template!r}")
    if template not in BARE_TEMPLATES:
        check_page_meta(path, page.meta, config.extra["sources"])
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    # overrides/partials/content.html then says "due for review since", not "next review due".
    context["review_lapsed"] = review_lapsed(page.meta.get("review_due"), datetime.date.today())
    return context
