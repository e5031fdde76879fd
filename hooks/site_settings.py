"""The host's settings (`extra:` in mkdocs.yml): every key a hook or template reads, declared once.

Each key is a MkDocs `config_options` option, with its type, its default and its check; the hook
checks `extra` against them before any other hook reads it, stops the build in one line naming
the key, the value and what is allowed, and puts each checked value back (defaults filled in),
so every hook and template reads `config.extra[key]` as checked here (`.get(key)` for a setting
that may be left out). Adding a setting is one
line in `HostSettings`; the README's settings table lists the same keys (tests/test_settings.py).
Keys this guide does not read (Material's own, such as `social`) pass through untouched.
`extra.breath_timer` is only declared here: hooks/breath_timer.py checks its settings.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def shown(value: object) -> str:
    """A value as an error quotes it: characters a reader cannot see are written as escapes."""
    text = ascii(value) if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else f"{text[:40]}... ({len(str(value))} characters)"


class Refused(c.ValidationError):
    """A value refused: `problem` says what is wrong with it, `allowed` what to give instead."""

    def __init__(self, value: object, allowed: str, problem: str = "") -> None:
        self.value, self.allowed, self.problem = value, allowed, problem
        super().__init__(f"is {shown(value)}{': ' + problem if problem else ''}; {allowed}")


class Checked(c.BaseConfigOption):
    """An option whose check is a function: value in, checked value out, or `Refused`."""

    def __init__(self, check: Any, default: Any = None) -> None:
        super().__init__()
        self.check, self.default = check, default

    def run_validation(self, value: object) -> Any:
        return self.check(value)


def has_hidden_characters(text: str) -> bool:
    """Spaces, controls, and the invisible format characters (bidi overrides, zero widths)."""
    return any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in text)


# ---- report_mistake_url

REPORT_ALLOWED = (
    "give an https:// or http:// address with a host, or mailto:someone@example.org "
    "(with subject= or body= at most), with no spaces, or leave it out"
)
MAILBOX = re.compile(r"[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", re.ASCII)
MAIL_FIELDS = {"subject", "body"}


def report_address(value: object) -> str:
    """Where readers report a mistake: a web address, or one mailbox with no extra recipients."""
    if not isinstance(value, str):
        raise Refused(value, REPORT_ALLOWED)
    if has_hidden_characters(value):
        raise Refused(value, REPORT_ALLOWED, "it contains a space or an invisible character")
    if re.search(r"%0[ad]", value, re.IGNORECASE):
        raise Refused(value, REPORT_ALLOWED, "it contains an encoded line break (%0D or %0A)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:
        raise Refused(value, REPORT_ALLOWED, "a browser cannot read it") from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.hostname and "@" not in parts.netloc:
        return value
    if scheme == "mailto":
        fields = {name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
        if not MAILBOX.fullmatch(unquote(parts.path)):
            raise Refused(value, REPORT_ALLOWED, "it does not name one mailbox, such as someone@example.org")
        if fields - MAIL_FIELDS:
            raise Refused(value, REPORT_ALLOWED, f"it sets {', '.join(sorted(fields - MAIL_FIELDS))}")
        return value
    raise Refused(value, REPORT_ALLOWED)


# ---- embed_frame_ancestors

ANCESTORS_ALLOWED = (
    'give "*" for any site, "\'none\'" for none, or a list of origins such as '
    "https://intranet.example.com, https://*.example.com or 'self'"
)
ORIGIN = re.compile(
    r"(?P<scheme>https?)://(?P<wildcard>\*\.)?(?P<host>[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)"
    r"(:(?P<port>[0-9]{1,5}|\*))?",
    re.ASCII | re.IGNORECASE,
)
# Second-level names shared by many owners under a country's code (example.co.uk, example.com.au).
SHARED_SECOND_LEVELS = {"ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go"}


def wildcard_too_wide(host: str) -> bool:
    """`*.com` or `*.co.uk` would let any site frame the timer: a wildcard covers one owner's domain."""
    labels = host.lower().split(".")
    if len(labels) < 2:
        return True
    return len(labels) == 2 and len(labels[-1]) == 2 and labels[0] in SHARED_SECOND_LEVELS


def frame_ancestor(source: object) -> str:
    """One CSP source for frame-ancestors, as a browser will honour it."""
    if not isinstance(source, str):
        raise Refused(source, ANCESTORS_ALLOWED)
    if source in ("*", "'self'"):
        return source
    if source.endswith("/") and ORIGIN.fullmatch(source[:-1]):
        raise Refused(source, ANCESTORS_ALLOWED, "an origin has no path: remove the trailing /")
    found = ORIGIN.fullmatch(source)
    if not found:
        raise Refused(source, ANCESTORS_ALLOWED, "it is not an origin (international hosts go in their xn-- form)")
    if found["port"] not in (None, "*") and not 1 <= int(found["port"]) <= 65535:
        raise Refused(source, ANCESTORS_ALLOWED, "its port is not a number from 1 to 65535")
    if found["wildcard"] and wildcard_too_wide(found["host"]):
        raise Refused(source, ANCESTORS_ALLOWED, "the wildcard covers every site under a public suffix")
    return source


def frame_ancestors(value: object) -> list[str]:
    """`extra.embed_frame_ancestors`: who may show embed/ in a frame, as a list of CSP sources."""
    sources = [value] if isinstance(value, str) else value
    if not isinstance(sources, list) or not sources:
        raise Refused(value, ANCESTORS_ALLOWED)
    if "'none'" in sources:
        if len(sources) > 1:
            raise Refused(value, ANCESTORS_ALLOWED, "'none' stands alone")
        return sources
    if isinstance(value, str):
        return [frame_ancestor(value)]
    try:
        return [frame_ancestor(source) for source in sources]
    except Refused as refused:
        raise Refused(value, refused.allowed, f"{shown(refused.value)}: {refused.problem}" if refused.problem else "") from None


# ---- publisher, reviews, sources, language links


def text(allowed: str) -> Any:
    def check(value: object) -> str:
        if not (isinstance(value, str) and value.strip()) or has_hidden_characters(value.replace(" ", "")):
            raise Refused(value, allowed)
        return value

    return check


def review(example_role: str) -> Any:
    """A review the host names: the reviewer's role (never a name) and the day, a real date not
    in the future. The day the edition it reviews was made is checked with the pages
    (hooks/about_this_copy.py)."""
    allowed = f"it needs role (the reviewer's job, such as '{example_role}', not a name) and date (YYYY-MM-DD), or leave it out"

    def check(value: object) -> dict[str, Any]:
        role = value.get("role") if isinstance(value, dict) else None
        date = value.get("date") if isinstance(value, dict) else None
        if isinstance(date, str):
            try:
                date = datetime.date.fromisoformat(date)
            except ValueError:
                raise Refused(value, allowed, f"{date} is not a date on the calendar") from None
        if not (isinstance(role, str) and role.strip() and type(date) is datetime.date):
            raise Refused(value, allowed)
        if date > datetime.date.today():
            raise Refused(value, allowed, f"{date} is in the future")
        return {"role": role.strip(), "date": date}

    return check


SOURCE_ADDRESS = re.compile(r"https?://[\x21-\x7e]+", re.IGNORECASE)


def sources(value: object) -> dict[str, Any]:
    """The only sources pages may cite, each with a name, a title and a link."""
    allowed = "list the guide's sources by key, each with by, title and url (an https:// or http:// address)"
    if not isinstance(value, dict) or not value:
        raise Refused(value, allowed)
    for key, source in value.items():
        if not isinstance(source, dict) or not all(isinstance(source.get(field), str) for field in ("by", "title", "url")):
            raise Refused(source, allowed, f"{key} needs by, title and url")
        if not SOURCE_ADDRESS.fullmatch(source["url"]):
            raise Refused(source["url"], allowed, f"{key}.url is not an address with no spaces or control characters")
        if not isinstance(source.get("detail", ""), str):
            raise Refused(source["detail"], allowed, f"{key}.detail is not a text (quote a year: \"2023\")")
        for language, form in source.items():
            if language not in SOURCE_FIELDS:
                check_source_language_form(key, language, form)
    return value


# What a source says in English, and what a language's form of it may say in its own words:
# the title stays in English (overrides/partials/content.html marks it so).
SOURCE_FIELDS = ("by", "title", "url", "detail")
SOURCE_LANGUAGE_FIELDS = ("by", "detail")


def check_source_language_form(key: str, language: str, form: object) -> None:
    """A source's words in another language (`es: {by: Guía NICE NG59}`): a language code over
    texts for by or detail, so a typo is refused rather than left out of the Spanish page."""
    allowed = "give a language code over by or detail in that language, such as es: {by: Guía NICE NG59}"
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise Refused(language, allowed, f"{key} has a field {language!r} that is neither by, title, url, detail nor a language")
    if not isinstance(form, dict) or not form or not all(field in SOURCE_LANGUAGE_FIELDS and isinstance(text, str) for field, text in form.items()):
        raise Refused(form, allowed, f"{key}.{language} needs by or detail as texts, and nothing else")


def alternates(value: object) -> list[dict[str, str]]:
    """The header's language links (Material's `extra.alternate`): each a name, a link and a lang."""
    allowed = "each entry needs name, link and lang, such as {name: Español, link: /es/, lang: es}"
    if not isinstance(value, list):
        raise Refused(value, allowed)
    for entry in value:
        if not (isinstance(entry, dict) and all(isinstance(entry.get(key), str) and entry[key] for key in ("name", "link", "lang"))):
            raise Refused(entry, allowed)
    return value


def true_or_false(value: object) -> bool:
    """`offline_app`: true or false as YAML writes them, not "yes" in quotes or 1. (Not named on_...: MkDocs
    takes a hook's on_ functions for its events.)"""
    if not isinstance(value, bool):
        raise Refused(value, "give true (an installable app that works offline) or false (none, and a worker "
                             "that removes itself for readers who had it)")  # fmt: skip
    return value


def mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Refused(value, "give a mapping of settings, such as {breaths: 6}, or {}")
    return value


class HostSettings(Config):
    """What a host may set under `extra:`, the one list of them."""

    embed_frame_ancestors = Checked(frame_ancestors, default=["*"])
    report_mistake_url = c.Optional(Checked(report_address))
    publisher = c.Optional(Checked(text("give the name of the organisation or team that publishes this copy, "
                                        "such as 'Example Ltd health and safety team', or leave it out")))  # fmt: skip
    clinical_review = c.Optional(Checked(review("a chartered physiotherapist")))
    translation_review = c.Optional(Checked(review("una fisioterapeuta colegiada")))
    sources = Checked(sources, default={})
    breath_timer = Checked(mapping, default={})
    # The installable app that works offline (hooks/offline_app.py).
    offline_app = Checked(true_or_false, default=True)
    alternate = c.Optional(Checked(alternates))
    # Material's: its offline plugin's scripts (hooks/offline.py swaps one), its footer's credit.
    polyfills = c.ListOfItems(c.Type(str), default=[])
    generator = c.Type(bool, default=True)


def check_host_settings(extra: dict[str, Any], config_file: str | None = None) -> dict[str, Any]:
    """`extra` with each declared key checked and filled in; the first mistake stops the build in one line."""
    settings = HostSettings(config_file_path=config_file)
    keys = [key for key, _ in HostSettings._schema]
    settings.load_dict({key: extra[key] for key in keys if key in extra})
    failed, _ = settings.validate()
    if failed:
        key, error = failed[0]
        raise PluginError(f"mkdocs.yml: extra.{key} {error}")
    return {key: settings[key] for key in keys}


def check_reviews_follow_edition(extra: dict[str, Any], edition: datetime.date | None) -> None:
    """A review the host names read the edition the pages make: it is dated on or after the
    last day one of them was reviewed (hooks/languages.py finds that day in the pages)."""
    for key in ("clinical_review", "translation_review"):
        review = extra.get(key)
        if review and edition and review["date"] < edition:
            raise PluginError(
                f"mkdocs.yml: extra.{key} date {review['date']} is before the edition it reviews (its pages were "
                f"reviewed up to {edition}); give the day of a review of this edition, or leave it out"
            )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # A setting left out stays out (Material and mkdocs-static-i18n tell an unset
    # `alternate` from an empty one); the others come back checked, defaults filled in.
    for key, value in check_host_settings(dict(config.extra), config.config_file_path).items():
        if value is not None:
            config.extra[key] = value
    return config
