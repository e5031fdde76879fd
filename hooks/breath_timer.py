"""Turn `<!-- breath-timer ... -->` markers into `<breath-timer>` elements, and ship the element.

A page places a timer with a marker comment standing alone as a block (on lines of its own),
optionally overriding the site-wide defaults from `extra.breath_timer` in mkdocs.yml:

    <!-- breath-timer -->
    <!-- breath-timer breaths=8 inhale=3 -->

The settings come from the element's own data file (see `timer_settings.py`); the markers are
found by `marker_scanner.py`. A bad marker or setting stops the build with one line naming the
page, the line, the value and what to do; a marker shown in code stays text.

The hook also ships the element as `assets/breath-timer.js`, its style inside it, and adds the
script to the pages that use it. It ships as `scripts/minify-timer` made it from
`hooks/breath-timer.js`, its style and its data files (`hooks/breath-timer.min.js`, committed, so
that the build needs no Node), once `hooks/breath-timer.min.sha256` shows it was made from the
current sources.
"""

from __future__ import annotations

import hashlib
import html
import logging
from typing import Any

from babel.numbers import format_decimal
from languages import build_languages, twin_url
from marker_scanner import CANDIDATE, Marker, check_one_per_line, place_in_source, scan_markers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from site_settings import shown
from site_words import build_language, site_words
from timer_settings import (
    SETTINGS_FILE,
    WIDGET_DIR,
    WORDS_FILE,
    Number,
    TimerSettingError,
    fill,
    languages,
    parse_marker,
    settings_as_written,
    settings_table,
    validate_defaults,
    words,
    words_script,
    words_table,
)

log = logging.getLogger("mkdocs.hooks.breath_timer")

# The element's sources, which scripts/minify-timer makes into one file, and the record of
# which sources that file was made from.
WIDGET_SOURCES = ("breath-timer.js", "breath-timer.css", SETTINGS_FILE, WORDS_FILE)
MINIFIED = "breath-timer.min.js"
MINIFIED_FROM = "breath-timer.min.sha256"
SCRIPT_URI = "assets/breath-timer.js"
# A tutorial's own check, "Is this twist right for you?".
CHECK_ID = "is-this-twist-right-for-you"


# Rendering


def format_number(value: Number) -> str:
    """The shortest text that reads back as the same number, as JavaScript's String() writes it."""
    return str(int(value)) if value == int(value) else repr(float(value))


def seconds(value: Number, language: str = "en") -> str:
    """A number of seconds in words, as the element writes it: "1 second", "2.5 seconds", in
    the language's own decimals ("2,5 segundos")."""
    return fill(words(language)["seconds"][value != 1], n=format_decimal(value, locale=site_words()[language]["date_locale"]))


def breaths(value: Number, language: str = "en") -> str:
    """A number of breaths in words, as the element writes it: "1 breath", "5 breaths"."""
    return fill(words(language)["breaths"][value != 1], n=format_number(value))


def fallback_instruction(settings: dict[str, Number], language: str = "en") -> str:
    """What the paper pacer says, in the element's words (docs/embed/embed.js fills the same)."""
    return fill(
        words(language)["paper"]["fallback"],
        breaths=breaths(settings["breaths"], language),
        inhale=seconds(settings["inhale"], language),
        exhale=seconds(settings["exhale"], language),
    )


def page_attributes(page_html: str) -> dict[str, str]:
    """Where the timer's ready screen links its check: a tutorial's own, above the timer; else
    the safety page its words name (`ready_screen_words`). Every Start still opens the ready
    screen: a reader may come to the timer by a shared link, past the check.
    """
    return {"check": f"#{CHECK_ID}"} if f'id="{CHECK_ID}"' in page_html else {}


def safety_address(page_url: str, language: str, config: MkDocsConfig) -> str:
    """The safety page in a language, from a page: relative, so it holds in a frame, below a
    path and in the copy opened from disk."""
    english = "safety/" if config.use_directory_urls else "safety.html"
    return get_relative_url(twin_url(english, language, build_languages(config)), page_url)


def ready_screen_words(page_url: str, language_codes: list[str], config: MkDocsConfig, floor: bool = False) -> dict[str, dict[str, Any]]:
    """What each language's ready screen takes from the site: from hooks/words.yml the printed
    sheet's emergency line, which a ready screen away from a tutorial's own check shows, and the
    breathing warning after the pace; and the safety page in that language, which the check
    links where the page has no check of its own (the embed page, whose ?lang= picks one). On
    the floor, the change of sides says to swap legs first: words from the page, not bytes in
    the element."""
    table = {}
    for code in language_codes:
        site = site_words()[code]
        table[code] = {
            "emergency": [site["emergency_label"], site["emergency"]],
            "pace": f"{words(code)['pace']} {site['timer_breathing']}",
            "safety": safety_address(page_url, code, config),
        }
        if floor:
            table[code]["switch"] = [words(code)["switch"][0], site["timer_floor_switch"]]
    return table


def render_timer(settings: dict[str, Number | str], extra: dict[str, str] | None = None, language: str = "en") -> str:
    """The element, holding a paper pacer: the plain instruction and a tick box per breath.

    Readers without JavaScript see it on screen; the upgraded element shows it only in print.
    `extra` holds the page's attributes for the ready screen (see `page_attributes`).
    """
    attributes = " ".join(f'{name}="{format_number(settings[name])}"' for name in settings_table())
    if settings.get("position", "chair") != "chair":
        attributes += f' position="{settings["position"]}"'
    for name, value in (extra or {}).items():
        attributes += f' {name}="{html.escape(value)}"' if value else f" {name}"
    boxes = " ".join(["\N{BALLOT BOX}"] * int(settings["breaths"]))
    turns = words(language)["paper"]["ticks"]
    sides = turns[:1] if settings["sides"] == 1 else turns[1:]
    ticks = "\n".join(
        f'<li>{side}: <span class="breath-timer-boxes" aria-hidden="true">{boxes}</span></li>'
        for side in sides
    )
    return (
        f"<breath-timer {attributes}>\n"
        f'<div class="breath-timer-fallback">\n<p>{html.escape(fallback_instruction(settings, language))}</p>\n'
        f'<ul class="breath-timer-ticks">\n{ticks}\n</ul>\n</div>\n'
        "</breath-timer>"
    )


# Finding and replacing markers


def replace_markers(
    page_html: str,
    defaults: dict[str, Number],
    page_uri: str,
    source: str | None = None,
    extra: dict[str, str] | None = None,
    language: str = "en",
) -> tuple[str, int]:
    """Replace every marker in a rendered page; return the new HTML and how many there were.

    `source`, the page's Markdown, gives errors their line numbers; `extra`, the page's
    attributes for every timer's ready screen. A marker that cannot stand
    as a block, or a bad setting, raises one PluginError; a near miss logs a warning.
    """
    if CANDIDATE.search(page_html) is None:
        return page_html, 0  # most pages: no need to walk them
    scan = scan_markers(page_html)
    place_in_source(scan, page_html if source is None else source)
    check_one_per_line(sorted(scan.markers, key=lambda marker: marker.line or 0))

    def where(marker: Marker) -> str:
        return f"{page_uri}:{marker.line}" if marker.line else page_uri

    for near in scan.near_misses:
        log.warning(f"{where(near)}: {shown(near.text)} is not a timer marker; write <!-- breath-timer --> "
                    "in lower case, with a hyphen")  # fmt: skip
    for marker in scan.in_page_order():
        if marker.problem:
            raise PluginError(f"{where(marker)}: breath-timer marker {shown(html.unescape(marker.text))}: {marker.problem}")
    pieces, position = [], 0
    for marker in scan.markers:
        try:
            timer = render_timer(parse_marker(marker.args, defaults), extra, language)
        except TimerSettingError as error:
            raise PluginError(f"{where(marker)}: breath-timer marker {shown(marker.text)}: {error}") from None
        pieces += [page_html[position : marker.start], timer]
        position = marker.end
    pieces.append(page_html[position:])
    return "".join(pieces), len(scan.markers)


# The widget's files


def read_widget_file(name: str) -> str:
    try:
        return (WIDGET_DIR / name).read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"hooks/{name} cannot be read ({error.strerror}): the timer's files ship with the site") from None


def shipped_widget() -> str:
    """The minified element, once the recorded hashes show it was made from the current sources."""
    recorded = [line.split("  ", 1) for line in read_widget_file(MINIFIED_FROM).splitlines()]
    for name in WIDGET_SOURCES:
        current = hashlib.sha256(read_widget_file(name).encode("utf-8")).hexdigest()
        if [current, f"hooks/{name}"] not in recorded:
            raise PluginError(f"hooks/{MINIFIED} was made from an older hooks/{name}: run scripts/minify-timer")
    return read_widget_file(MINIFIED)


# MkDocs events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings_table.cache_clear()  # `mkdocs serve` rebuilds after the element's files change
    words_table.cache_clear()
    words("en")  # read now, so a broken words file stops the build before anything uses it
    try:
        written = settings_as_written(config.config_file_path, config.extra.get("breath_timer"))
        config.extra["breath_timer"] = validate_defaults(written)
    except TimerSettingError as error:
        raise PluginError(f"mkdocs.yml: extra.breath_timer: {error}") from None
    return config


# After mkdocs-static-i18n's on_files (priority -100), which rebuilds the file list for each
# language and would not know these generated files.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, SCRIPT_URI, content=shipped_widget()))
    return files


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    defaults = config.extra["breath_timer"]
    language = build_language(config)
    extra = page_attributes(html_)
    page_html, count = replace_markers(html_, defaults, page.file.src_uri, page.file.content_string, extra, language)
    if count:
        script = get_relative_url(SCRIPT_URI, page.url)
        page_html += f'\n<script src="{script}" defer></script>'
    return page_html


def timer_words(page_html: str, page_url: str, config: MkDocsConfig, embed: bool) -> str:
    """The timer's words a page carries, for its template's head: none without a timer.

    The element ships with English only, less the paper pacer's words and what the site adds
    (`ready_screen_words`): a page carries its language's words, and the bare embed page every
    language's whole, for its ?lang= and its paper pacer. They go in the page's head (overrides/main.html,
    overrides/embed.html), not beside the timer: Material's instant navigation runs each
    inline script of the content it brings in again, as a new <script> without its type and
    id, so the words would run as JavaScript (which the Content-Security-Policy refuses) and
    the element would not find them.
    """
    if "<breath-timer " not in page_html:
        return ""
    carried = languages() if embed else [build_language(config)]
    floor = 'position="floor"' in page_html
    return words_script(carried, paper=embed, page_words=ready_screen_words(page_url, carried, config, floor))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    embed = page.meta.get("template") == "embed.html"
    context["timer_words"] = timer_words(page.content or "", page.url, config, embed)
    return context


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # MkDocs watches the docs and the config; the widget's own files change too.
    server.watch(str(WIDGET_DIR))
    return server
