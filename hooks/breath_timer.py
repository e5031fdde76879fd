"""Turn `<!-- breath-timer ... -->` markers into `<breath-timer>` elements.

A page places a timer with a marker comment standing alone as a block (on lines of its own),
optionally overriding the site-wide defaults from `extra.breath_timer` in mkdocs.yml:

    <!-- breath-timer -->
    <!-- breath-timer breaths=8 inhale=3 -->

The settings' names, ranges and defaults are read from the element's own table
(`const SETTINGS` in breath-timer.js), so the hook and the element cannot disagree. A bad
marker, setting or address stops the build with one line naming the page, the line, the
value and what to do; a marker shown in code stays text.

The hook also ships the element's script and style, minified, as
`assets/breath-timer.js` and `assets/breath-timer.css`, adds the script to the pages that use
it, checks the site's address, and writes it into the embedding snippets.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import rcssmin
import rjsmin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.breath_timer")

WIDGET_DIR = Path(__file__).parent
WIDGET_FILES = ("breath-timer.js", "breath-timer.css")
SCRIPT_URI = "assets/breath-timer.js"
SETTINGS_TABLE = re.compile(r"const SETTINGS = (\{.*?\});", re.DOTALL)

# The one number grammar, shared with the element: plain decimal, ASCII digits only.
WHOLE = re.compile(r"[0-9]+")
SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?")

# The stand-in address of the embedding snippets, replaced by the site's own when it has one.
PLACEHOLDER_ADDRESS = "https://your-site.example/"
PLACEHOLDER_NOTE = f"Replace `{PLACEHOLDER_ADDRESS}` with your site's address."

Number = int | float


class TimerSettingError(ValueError):
    """A timer setting is unknown, malformed or out of range; the message says which."""


@dataclass(frozen=True)
class Setting:
    default: Number
    minimum: Number
    maximum: Number
    whole: bool

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number of seconds"
        return f"{kind} from {self.minimum} to {self.maximum}"


# Settings


@functools.cache
def settings_table() -> dict[str, Setting]:
    """The element's table of settings, `name: [default, minimum, maximum, whole]`, read from its script."""
    path = WIDGET_DIR / "breath-timer.js"
    try:
        found = SETTINGS_TABLE.search(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PluginError(f"{path.name} cannot be read ({error.strerror}): the hook ships it with the site") from None
    try:
        table = json.loads(found[1]) if found else None
        return {name: Setting(*row) for name, row in table.items()}
    except (TypeError, ValueError, AttributeError):
        raise PluginError(
            f"{path.name}: no JSON table 'const SETTINGS = {{\"name\": [default, minimum, maximum, whole], ...}};'"
        ) from None


def allowed_names() -> str:
    return ", ".join(settings_table())


def shown(value: Any) -> str:
    """A value as an error message quotes it: a value of thousands of characters is cut short."""
    text = str(value)
    return repr(value) if len(text) <= 40 else f"{text[:20] + '...'!r} ({len(text)} characters)"


def read_number(value: Any, setting: Setting) -> Decimal | None:
    """The exact number a marker's text or a YAML value gives, or None when it breaks the grammar."""
    if isinstance(value, str):
        return Decimal(value) if (WHOLE if setting.whole else SECONDS).fullmatch(value) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number if not setting.whole or number == number.to_integral_value() else None


def validate_setting(name: str, value: Any) -> Number:
    """Check one setting, given as a YAML number or as marker text, and return the number."""
    setting = settings_table().get(name)
    if setting is None:
        raise TimerSettingError(f"unknown setting {shown(name)} (allowed: {allowed_names()})")
    number = read_number(value, setting)
    if number is None or not setting.minimum <= number <= setting.maximum:
        raise TimerSettingError(f"'{name}' must be {setting.describe()}, got {shown(value)}")
    return int(number) if number == number.to_integral_value() else float(number)


def validate_defaults(extra: Any) -> dict[str, Number]:
    """Merge `extra.breath_timer` from mkdocs.yml over the element's defaults."""
    if extra is None:
        extra = {}
    if not isinstance(extra, dict):
        raise TimerSettingError(f"must be a mapping of settings ({allowed_names()}), got {shown(extra)}")
    defaults = {name: setting.default for name, setting in settings_table().items()}
    for name, value in extra.items():
        defaults[name] = validate_setting(str(name), value)
    return defaults


def parse_marker(args: str, defaults: dict[str, Number]) -> dict[str, Number]:
    """Read a marker's `key=value` words over the defaults."""
    settings = dict(defaults)
    seen: set[str] = set()
    for word in args.split():
        name, equals, value = word.partition("=")
        if not equals or not name or not value:
            raise TimerSettingError(f"{shown(word)} is not of the form key=value (keys: {allowed_names()})")
        if name in seen:
            raise TimerSettingError(f"'{name}' is given twice")
        seen.add(name)
        settings[name] = validate_setting(name, value)
    return settings


# Rendering


def format_number(value: Number) -> str:
    """The shortest text that reads back as the same number, as JavaScript's String() writes it."""
    return str(int(value)) if value == int(value) else repr(float(value))


def seconds(value: Number) -> str:
    return "1 second" if value == 1 else f"{format_number(value)} seconds"


def fallback_instruction(settings: dict[str, Number]) -> str:
    """What the paper pacer says; docs/embed/embed.js says the same for the embed page's query."""
    return (
        f"Hold each side for {settings['breaths']} breaths. "
        f"Breathe in for {seconds(settings['inhale'])} to lengthen, "
        f"then breathe out for {seconds(settings['exhale'])} to twist. "
        "Turn only as far as is comfortable."
    )


def render_timer(settings: dict[str, Number]) -> str:
    """The element, holding a paper pacer: the plain instruction and a tick box per breath.

    Readers without JavaScript see it on screen; the upgraded element shows it only in print.
    """
    attributes = " ".join(f'{name}="{format_number(settings[name])}"' for name in settings_table())
    boxes = " ".join(["\N{BALLOT BOX}"] * int(settings["breaths"]))
    sides = ["Turn right"] if settings["sides"] == 1 else ["Turn right first", "Then turn left"]
    ticks = "\n".join(
        f'<li>{side}: <span class="breath-timer-boxes" aria-hidden="true">{boxes}</span></li>'
        for side in sides
    )
    return (
        f"<breath-timer {attributes}>\n"
        f'<div class="breath-timer-fallback">\n<p>{html.escape(fallback_instruction(settings))}</p>\n'
        f'<ul class="breath-timer-ticks">\n{ticks}\n</ul>\n</div>\n'
        "</breath-timer>"
    )


# Finding markers in a rendered page
#
# Markdown decides what is code, so markers are matched in the rendered HTML: a marker shown
# in code arrives escaped (`&lt;!--`) and stays text. A small tokenizer walks the page once,
# knowing comments, tags with their attributes, raw-text elements and the open elements, so it
# can tell a marker that stands alone as a block from one that cannot hold a timer there.
# Every search that finds no end takes the rest of the page, as a browser does: linear time.

# `breath-timer` as a whole word: `<!-- breath-timer-notes -->` is no marker.
CANDIDATE = re.compile(r"(?P<open><|&lt;)!--\s*(?P<word>breath[-_ ]?timer)(?=--|[^\w-]|$)", re.IGNORECASE)
TOKEN = re.compile(r"<!--|<(?P<end>/)?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)")
# Possessive, so a tag left open fails in one pass instead of backtracking.
TAG_REST = re.compile(r"""(?:[^>"']|"[^"]*+"|'[^']*+')*+>""")
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CODE = {"code", "pre", "kbd", "samp"}
# Where a timer can stand as a block of its own.
FLOW = {"", "div", "section", "article", "aside", "main", "blockquote", "details", "li", "dd", "figure", "td", "th"}
BLOCK = FLOW | {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "table", "thead", "tbody", "tfoot",
    "tr", "hr", "pre", "summary", "figcaption", "header", "footer", "nav", "form", "fieldset", "address",
    "breath-timer",
}  # fmt: skip
PLACES = {"p": "a paragraph", "h1": "a heading", "a": "a link", "span": "a span", "em": "emphasis", "strong": "bold text"}
PLACES |= {f"h{level}": "a heading" for level in range(2, 7)}

STAND_ALONE = "put it on a line of its own, with a blank line before and after"
NEVER_CLOSED = "the marker is never closed: end it with -->"
DELETE = "delete the marker rather than comment it out"


@dataclass
class Marker:
    """A marker-like text in the rendered page: where it is, what it says, what is wrong with it."""

    start: int
    end: int
    text: str
    args: str = ""
    problem: str | None = None
    line: int | None = None

    @property
    def words(self) -> str:
        return marker_words(self.text)


def marker_words(text: str) -> str:
    """A marker's words, for comparing one in the page with one in the source."""
    return " ".join(html.unescape(text).removeprefix("<!--").removesuffix("-->").split())


@dataclass
class Scan:
    markers: list[Marker]  # real markers, each to become a timer unless it has a problem
    near_misses: list[Marker]  # comments such as <!-- Breath-Timer -->: warned about
    as_text: list[Marker]  # in code, text, attributes or raw text: left alone unless broken

    def in_page_order(self) -> list[Marker]:
        return sorted(self.markers + self.near_misses + self.as_text, key=lambda marker: marker.start)


class MarkerScanner:
    """One pass over a rendered page, sorting every marker-like text into markers, near misses and text."""

    def __init__(self, page_html: str) -> None:
        self.html = page_html
        self.open: list[str] = []
        self.scan = Scan([], [], [])
        self.inline_before = False  # text or an inline element since the last block boundary
        self.waiting: Marker | None = None  # the last marker, which nothing inline may follow

    def run(self) -> Scan:
        position = 0
        while (token := TOKEN.search(self.html, position)) is not None:
            self.text(position, token.start())
            if token[0] == "<!--":
                position = self.comment(token.start())
            elif token["end"]:
                position = self.end_tag(token)
            else:
                position = self.start_tag(token)
        self.text(position, len(self.html))
        return self.scan

    @property
    def parent(self) -> str:
        return self.open[-1] if self.open else ""

    def block_boundary(self) -> None:
        self.inline_before = False
        self.waiting = None

    def inline(self) -> None:
        if self.waiting is not None and self.waiting.problem is None:
            self.waiting.problem = f"it shares its line with text: {STAND_ALONE}"
        self.waiting = None
        self.inline_before = True

    def as_text(self, start: int, end: int, problem: str | None) -> None:
        """Marker-like text that is no comment: a marker there is broken (`problem`), or meant as text."""
        in_code = any(name in CODE for name in self.open)
        close = start
        for found in CANDIDATE.finditer(self.html, start, end):
            marker = Marker(found.start(), found.end(), found[0])
            if 0 <= close < found.end():
                close = self.html.find("--&gt;", found.end(), end)  # searched again only once passed
            if found["open"] == "<" and found["word"] == "breath-timer":
                marker.problem = problem
            elif problem is None and not in_code and close < 0:
                marker.problem = NEVER_CLOSED  # Markdown escapes an unclosed comment into the text
            self.scan.as_text.append(marker)

    def text(self, start: int, end: int) -> None:
        self.as_text(start, end, None)
        if not self.html[start:end].isspace() and start < end:
            self.inline()

    def comment(self, start: int) -> int:
        close = self.html.find("-->", start + 4)
        end = len(self.html) if close < 0 else close + 3
        # `<!-- off <!-- breath-timer --> -->`: comments do not nest, so the outer one ends early.
        self.as_text(start + 4, end, f"it is inside another HTML comment, and comments do not nest: {DELETE}")
        opening = CANDIDATE.match(self.html, start)
        if opening is None:
            return end
        text = self.html[start:end] if close >= 0 else opening[0]
        marker = Marker(start, end, text, self.html[opening.end() : close if close >= 0 else end])
        if opening["word"] != "breath-timer":
            self.scan.near_misses.append(marker)
            return end
        if close < 0:
            marker.problem = NEVER_CLOSED
        elif self.parent not in FLOW:
            marker.problem = f"it is inside {PLACES.get(self.parent, f'<{self.parent}>')}: {STAND_ALONE}"
        elif self.inline_before:
            marker.problem = f"it shares its line with text: {STAND_ALONE}"
        self.scan.markers.append(marker)
        self.waiting = marker
        return end

    def start_tag(self, token: re.Match[str]) -> int:
        name = token["name"].lower()
        rest = TAG_REST.match(self.html, token.end())
        end = rest.end() if rest else len(self.html)
        self.as_text(token.end(), end, f"it is inside an attribute of <{name}>: {STAND_ALONE}")
        if name in BLOCK:
            if self.parent == "p":
                self.open.pop()  # a block's start closes an open paragraph
            self.block_boundary()
        else:
            self.inline()
        if name in RAW_TEXT:
            return self.raw_text(name, end)
        if name not in VOID and not self.html[token.start() : end].endswith("/>"):
            self.open.append(name)
        return end

    def raw_text(self, name: str, start: int) -> int:
        """The text of <script>, <textarea> and the like is not HTML: a comment there is plain text."""
        close = re.compile(rf"</{name}", re.IGNORECASE).search(self.html, start)
        end = close.start() if close else len(self.html)
        self.as_text(start, end, f"it is inside <{name}>, whose text is not HTML: {STAND_ALONE}")
        self.open.append(name)
        return end

    def end_tag(self, token: re.Match[str]) -> int:
        name = token["name"].lower()
        close = self.html.find(">", token.end())
        if name in self.open:
            while self.open.pop() != name:
                pass
        if name in BLOCK:
            self.block_boundary()
        else:
            self.inline()
        return len(self.html) if close < 0 else close + 1


def scan_markers(page_html: str) -> Scan:
    return MarkerScanner(page_html).run()


def source_markers(source: str) -> list[tuple[int, str]]:
    """Each marker-like text in a page's Markdown source, in order: its line and its words."""
    found, line, counted, close = [], 1, 0, 0
    for match in CANDIDATE.finditer(source):
        line += source.count("\n", counted, match.start())
        counted = match.start()
        if 0 <= close < match.end():
            close = source.find("-->", match.end())  # searched again only once passed: linear
        words = marker_words(source[match.start() : close + 3 if close >= 0 else match.end()])
        found.append((line, words))
    return found


def place_in_source(scan: Scan, source: str) -> None:
    """Give every marker-like text of the page its line in the Markdown source.

    Markdown keeps them in order, raw or escaped, so the n-th in the page is the n-th in the
    source. Where an extension added or moved one (two markers on a line: Markdown moves the
    second to the end of the page), each takes the first source line with the same words.
    """
    in_page, in_source = scan.in_page_order(), source_markers(source)

    def same(marker: Marker, words: str) -> bool:
        return marker.words == words if marker.text.endswith("-->") else words.startswith(marker.words)

    if len(in_page) == len(in_source) and all(map(same, in_page, (words for _, words in in_source))):
        for marker, (line, _) in zip(in_page, in_source):
            marker.line = line
        return
    first_line: dict[str, int] = {}
    for line, words in in_source:
        first_line.setdefault(words, line)
        first_line.setdefault(words.split(" ")[0], line)
    for marker in in_page:
        marker.line = first_line.get(marker.words) or first_line.get(marker.words.split(" ")[0])


def check_one_per_line(markers: list[Marker]) -> None:
    by_line: dict[int | None, int] = {}
    for marker in markers:
        by_line[marker.line] = by_line.get(marker.line, 0) + 1
        if marker.line is not None and by_line[marker.line] > 1 and marker.problem is None:
            marker.problem = "it is the second marker on its line: put each marker on a line of its own"


def replace_markers(
    page_html: str, defaults: dict[str, Number], page_uri: str, source: str | None = None
) -> tuple[str, int]:
    """Replace every marker in a rendered page; return the new HTML and how many there were.

    `source`, the page's Markdown, gives errors their line numbers. A marker that cannot stand
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
            timer = render_timer(parse_marker(marker.args, defaults))
        except TimerSettingError as error:
            raise PluginError(f"{where(marker)}: breath-timer marker {shown(marker.text)}: {error}") from None
        pieces += [page_html[position : marker.start], timer]
        position = marker.end
    pieces.append(page_html[position:])
    return "".join(pieces), len(scan.markers)


# The site's address


UNSAFE_IN_ADDRESS = re.compile(r"""[\s"'<>`\\{}|^]""")


def check_site_url(site_url: str | None) -> str | None:
    """The site's address as given, or None for a build without one; a malformed one is refused."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    problem = None
    if unsafe := UNSAFE_IN_ADDRESS.search(site_url):
        problem = f"it contains {unsafe[0]!r}"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "it is not an http or https address with a host"
    elif parts.query or parts.fragment:
        problem = "it has a query or a fragment"
    if problem:
        raise PluginError(
            f"site_url (SITE_URL) {shown(site_url)} is not a usable address: {problem}; "
            "give an address such as https://intranet.example.com/unstuck/"
        )
    return site_url


def address_snippets(markdown: str, site_url: str | None) -> str:
    """Write the site's address into the embedding snippets, or mark the stand-in for replacing."""
    if PLACEHOLDER_ADDRESS not in markdown:
        return markdown
    if site_url:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
        return markdown.replace(PLACEHOLDER_ADDRESS, site_url).replace(PLACEHOLDER_ADDRESS.rstrip("/"), origin)
    lines, fence, holds = [], "", False
    for line in markdown.splitlines():
        lines.append(line)
        stripped = line.strip()
        if not fence and stripped.startswith(("```", "~~~")):
            fence, holds = stripped[:3], False
        elif fence and stripped == fence:
            fence = ""
            if holds:
                lines += ["", PLACEHOLDER_NOTE]
        elif fence and PLACEHOLDER_ADDRESS.rstrip("/") in line:
            holds = True
    return "\n".join(lines) + "\n"


# The widget's files


def minified(source: str, name: str) -> str:
    """The widget's file as served: the sources keep their comments for readers, and the
    timer's budget is counted in bytes over the wire."""
    return rcssmin.cssmin(source) if name.endswith(".css") else rjsmin.jsmin(source)


def read_widget_file(name: str) -> str:
    try:
        return (WIDGET_DIR / name).read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"hooks/{name} cannot be read ({error.strerror}): the timer's files ship with the site") from None


# MkDocs events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings_table.cache_clear()  # `mkdocs serve` rebuilds after the element's file changes
    if check_site_url(config.site_url) is None:
        log.info("No SITE_URL: pages carry no printed address, and the embedding snippets show "
                 f"{PLACEHOLDER_ADDRESS} to replace")  # fmt: skip
        config.site_url = None
    try:
        config.extra["breath_timer"] = validate_defaults(config.extra.get("breath_timer"))
    except TimerSettingError as error:
        raise PluginError(f"mkdocs.yml: extra.breath_timer: {error}") from None
    return config


# After mkdocs-static-i18n's on_files (priority -100), which rebuilds the file list for each
# language and would not know these generated files.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in WIDGET_FILES:
        files.append(File.generated(config, f"assets/{name}", content=minified(read_widget_file(name), name)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return address_snippets(markdown, config.site_url)


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    defaults = config.extra["breath_timer"]
    page_html, count = replace_markers(html_, defaults, page.file.src_uri, page.file.content_string)
    if count:
        script = get_relative_url(SCRIPT_URI, page.url)
        page_html += f'\n<script src="{script}" defer></script>'
    return page_html


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # MkDocs watches the docs and the config; the widget's own files change too.
    server.watch(str(WIDGET_DIR))
    return server
