"""Find `<!-- breath-timer ... -->` markers in a rendered page, and each one's line in its source.

Markdown decides what is code, so markers are matched in the rendered HTML: a marker shown in
code arrives escaped (`&lt;!--`) and stays text. A small tokenizer walks the page once,
knowing comments, tags with their attributes, raw-text elements and the open elements, so it
can tell a marker that stands alone as a block from one that cannot hold a timer there.
Every search that finds no end takes the rest of the page, as a browser does: linear time.

Why not `html.parser`: the hook splices timers into the page's own text, so it needs each
marker's exact offsets, which `html.parser` does not give for text it has unescaped or for a
comment cut short; it must treat every raw-text element (`<textarea>`, `<title>`, `<xmp>`...)
as text, where `html.parser` long knew only `<script>` and `<style>`; and `html.parser`'s
reading of broken comments and raw text has changed between Python patch releases, which
would move the line between a marker and text under an unchanged page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

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
