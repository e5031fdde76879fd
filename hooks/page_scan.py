"""What a built page holds that a Content-Security-Policy must allow, or cannot allow.

hooks/security_headers.py hashes the inline scripts this finds and stops the build on the rest:
inline event handlers and styles, `srcdoc`, script types no template writes, and addresses a
browser would run as script (`javascript:`) or open as a page (`data:`), read as the browser
reads them. It is `html.parser`, not a regex: attributes, character references and raw text
are parsed as a browser tokenizes them, and no offsets are needed, only what each tag says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# What a <script> without src may hold: Material's JSON settings are data; every other type a
# browser runs (the JavaScript MIME types of the HTML standard, `module`), or may one day run
# (import maps, speculation rules), must be one of the scripts the templates write.
DATA_TYPES = {"application/json", "application/ld+json"}
JAVASCRIPT_TYPES = {
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript", *(f"text/javascript1.{minor}" for minor in range(6)),
}  # fmt: skip
# Attributes whose value is an address a browser follows or loads. An address in any of them
# is read as the browser reads it (see url_scheme) before its scheme is judged.
ADDRESS_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "ping",
    "manifest", "codebase", "cite", "longdesc", "lowsrc", "dynsrc", "icon", "archive",
}  # fmt: skip
# Where a browser goes, or shows a page, rather than only drawing a picture: no data: there.
NAVIGATING = {"href", "action", "formaction", "xlink:href", "data"}
FRAMES = {"iframe", "frame", "embed", "object"}
SCRIPT_SCHEMES = {"javascript", "vbscript"}
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
REFRESH_ADDRESS = re.compile(r"^[\s\d.]*[;,]?\s*(?:url\s*=\s*)?['\"]?(?P<address>.*)", re.IGNORECASE | re.DOTALL)


@dataclass
class PageScan:
    """What one page holds that a Content-Security-Policy must allow or cannot allow."""

    inline_scripts: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scan = PageScan()
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for name in attributes:
            if name.startswith("on"):
                self.scan.forbidden.append(f"an inline event handler ({name}=)")
            elif name == "style":
                self.scan.forbidden.append(f"a style attribute on <{tag}>")
            elif name == "srcdoc":
                self.scan.forbidden.append(f"a page written into srcdoc= of <{tag}>")
        for name, address in addresses(tag, attributes):
            if problem := address_problem(tag, name, address):
                self.scan.forbidden.append(problem)
        if tag == "style":
            self.scan.forbidden.append("a <style> element")
        elif tag == "script" and "src" not in attributes:
            kind = script_type(attributes)
            if kind in JAVASCRIPT_TYPES:
                self._script = []
            elif kind not in DATA_TYPES:
                self.scan.forbidden.append(f"a <script type={kind!r}>, which no template writes,")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scan.inline_scripts.append("".join(self._script))
            self._script = None


def script_type(attributes: dict[str, str]) -> str:
    """What a browser takes a <script> to be: its type's essence, lower case; "" for JavaScript.
    An old `language="..."` counts as the type "text/..." where there is no type (HTML standard)."""
    if "type" in attributes:
        kind = attributes["type"]
    elif attributes.get("language"):
        kind = "text/" + attributes["language"]
    else:
        kind = ""
    return kind.split(";")[0].strip(" \t\n\f\r").lower()


def addresses(tag: str, attributes: dict[str, str]) -> list[tuple[str, str]]:
    """Every address the element gives a browser to follow or load, by the attribute it is in."""
    found = [(name, value) for name, value in attributes.items() if name in ADDRESS_ATTRIBUTES]
    for name in ("srcset", "imagesrcset"):
        found += [(name, candidate.split()[0]) for candidate in attributes.get(name, "").split(",") if candidate.split()]
    if tag == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh":
        found.append(("content", REFRESH_ADDRESS.match(attributes.get("content", ""))["address"]))
    if tag in ("animate", "set") and attributes.get("attributename", "").strip().lower() in ("href", "xlink:href"):
        found += [(name, value) for name, value in attributes.items() if name in ("to", "from", "values")]
    return found


def url_scheme(address: str) -> str:
    """The scheme a browser reads in an address, lower case ("" for a relative one). Like the
    WHATWG URL parser, it first strips leading and trailing C0 controls and spaces and removes
    every tab and newline, so that `java&#9;script:` and `&#1;javascript:` are what they are."""
    cleaned = re.sub(r"[\t\n\r]", "", address.strip("".join(map(chr, range(0x21)))))
    found = SCHEME.match(cleaned)
    return found[1].lower() if found else ""


def address_problem(tag: str, name: str, address: str) -> str | None:
    scheme = url_scheme(address)
    if scheme in SCRIPT_SCHEMES:
        return f"a {scheme}: address in {name}= of <{tag}>"
    if scheme == "data" and (name in NAVIGATING or tag in FRAMES or name == "content"):
        return f"a data: address in {name}= of <{tag}>"
    return None


def scan_page(html: str) -> PageScan:
    """The inline scripts of a page, and what it holds that no policy without 'unsafe-*' allows."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan
