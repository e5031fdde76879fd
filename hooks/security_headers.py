"""The site's security headers, computed from the built pages, written for nginx and `_headers`.

Material's pages carry small inline scripts whose text changes with a page's depth and with
Material's version, so a Content-Security-Policy without `'unsafe-inline'` must list their
hashes. After every build this hook reads every built page, hashes each inline script it finds
and writes the headers once, for two kinds of host:

- `_headers.nginx.conf`: one nginx `map` per header, included at `http` level;
  deploy/nginx/security-headers.conf sends them with `add_header`;
- `_headers`: the file Netlify and Cloudflare Pages read from the site's root.

One policy lists every page's hashes, because Material's instant navigation swaps pages in
under the policy of the first page loaded. Only `embed/` may be shown in another site's frame,
by the origins `extra.embed_frame_ancestors` names in mkdocs.yml.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

NGINX_FILE = "_headers.nginx.conf"
HEADERS_FILE = "_headers"
EMBED_PREFIX = "/embed/"

# What a <script> without src may hold: Material's JSON settings are data; every other type a
# browser runs (the JavaScript MIME types of the HTML standard, `module`), or may one day run
# (import maps, speculation rules), must be one of the scripts the templates write.
DATA_TYPES = {"application/json", "application/ld+json"}
JAVASCRIPT_TYPES = {
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript", *(f"text/javascript1.{minor}" for minor in range(6)),
}  # fmt: skip
# A template's inline script, as the build writes it: `{{ ... }}` becomes an address (base_url,
# the palette's scope), which can hold no quote, backslash or tag to step out of its string.
TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
ADDRESS_TEXT = r"[\w.~/:%+-]*"
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
FRAME_ANCESTOR = re.compile(r"\*|'self'|https?://(\*\.)?[a-z0-9.-]+(:(\d+|\*))?", re.IGNORECASE)

# The same on every response. Why each is there: deploy/nginx/security-headers.conf.
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # Features the site uses, for itself only; every other powerful feature denied. Only
    # names Chromium knows: an unknown one is a console error on every page.
    "Permissions-Policy": ", ".join(
        ["fullscreen=(self)", "screen-wake-lock=(self)"]
        + [f"{feature}=()" for feature in (
            "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
            "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
            "serial", "usb", "xr-spatial-tracking",
        )]
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}


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


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def template_scripts(template_dirs: list[Path]) -> list[re.Pattern[str]]:
    """The inline scripts the theme's templates write (Material's and overrides/), as patterns
    of their built text: only these get a hash. A script from anywhere else (a page's Markdown,
    a front-matter value a template wrote unescaped) stops the build instead of being blessed."""
    patterns = set()
    for directory in template_dirs:
        for template in sorted(Path(directory).rglob("*.html")):
            for found in TEMPLATE_SCRIPT.finditer(template.read_text(encoding="utf-8")):
                tag = f"<script{found['attributes']}>"
                if "src=" in tag or found["body"].strip().startswith("{{"):
                    continue  # a file by its address, or Material's JSON settings
                parts = TEMPLATE_VALUE.split(found["body"])
                patterns.add(ADDRESS_TEXT.join(re.escape(part) for part in parts))
    return [re.compile(pattern) for pattern in sorted(patterns)]


def shown_script(script: str) -> str:
    text = " ".join(script.split())
    return repr(text if len(text) <= 60 else text[:60] + "...")


def inline_script_hashes(site: Path, known_scripts: list[re.Pattern[str]]) -> list[str]:
    """Hashes of the templates' inline scripts in every built page; a page the policy cannot
    serve, or with an inline script no template writes, fails the build."""
    hashes: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        scan = scan_page(path.read_text(encoding="utf-8"))
        page = path.relative_to(site).as_posix()
        if scan.forbidden:
            raise PluginError(
                f"{page}: {scan.forbidden[0]} would be blocked by the site's Content-Security-Policy "
                "or run where there is none; move it into a script or style sheet file"
            )
        for script in scan.inline_scripts:
            if not any(known.fullmatch(script) for known in known_scripts):
                raise PluginError(
                    f"{page}: an inline script no template writes ({shown_script(script)}) would get no hash; "
                    "move it into a file under docs/javascripts/ and list it in extra_javascript"
                )
        hashes.update(script_hash(script) for script in scan.inline_scripts)
    return sorted(hashes)


def validate_frame_ancestors(value: object) -> list[str]:
    """`extra.embed_frame_ancestors`: "*" (any site) or a list of origins allowed to frame embed/."""
    sources = [value] if isinstance(value, str) else value
    if not isinstance(sources, list) or not sources or not all(
        isinstance(source, str) and FRAME_ANCESTOR.fullmatch(source) for source in sources
    ):
        raise PluginError(
            f"mkdocs.yml: extra.embed_frame_ancestors: {value!r} is not allowed; give \"*\" for any "
            "site or a list of origins such as https://intranet.example.com or https://*.example.com"
        )
    return sources


def content_security_policy(hashes: list[str], frame_ancestors: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *hashes],
        # Material draws its icons as data: SVG in its style sheets.
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


@dataclass(frozen=True)
class SiteHeaders:
    """Every header the site sends, by kind of response: the one source for every host's file."""

    common: dict[str, str]
    content_policy: str
    embed_policy: str

    def nginx_maps(self) -> str:
        """An nginx variable per header, `$unstuck_<name>`, chosen by the request's path."""
        blocks = []
        for name, value in self.common.items():
            blocks.append(f"map $uri ${nginx_variable(name)} {{\n    default {nginx_string(value)};\n}}")
        blocks.append(
            f"map $uri ${nginx_variable('Content-Security-Policy')} {{\n"
            f"    ~^{EMBED_PREFIX} {nginx_string(self.embed_policy)};\n"
            f"    default {nginx_string(self.content_policy)};\n}}"
        )
        return GENERATED + "\n\n".join(blocks) + "\n"

    def headers_file(self, page_paths: list[str]) -> str:
        """Netlify and Cloudflare Pages `_headers`: the policy on each page, the rest everywhere.

        The two hosts merge a header set by two matching rules differently (joined into two
        policies, or the narrower rule wins), so each page gets its policy from one rule only.
        """
        rules = ["/*\n" + "".join(f"  {name}: {value}\n" for name, value in self.common.items())]
        for path in page_paths:
            policy = self.embed_policy if path.startswith(EMBED_PREFIX) else self.content_policy
            rules.append(f"{path}\n  Content-Security-Policy: {policy}\n")
        return GENERATED + "\n".join(rules)


GENERATED = "# Generated by hooks/security_headers.py from the built pages on every build: do not edit.\n\n"


def nginx_variable(header: str) -> str:
    return "unstuck_" + header.lower().replace("-", "_")


def nginx_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_paths(site: Path) -> list[str]:
    """Every address a built page answers at: `/x/` and `/x/index.html`, `/404.html`."""
    paths = []
    for path in sorted(site.rglob("*.html")):
        address = "/" + path.relative_to(site).as_posix()
        if path.name == "index.html":
            paths.append(address.removesuffix("index.html"))
        paths.append(address)
    return paths


def site_headers(site: Path, frame_ancestors: list[str], known_scripts: list[re.Pattern[str]]) -> SiteHeaders:
    hashes = inline_script_hashes(site, known_scripts)
    return SiteHeaders(
        common=COMMON_HEADERS,
        content_policy=content_security_policy(hashes, ["'self'"]),
        embed_policy=content_security_policy(hashes, frame_ancestors),
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    validate_frame_ancestors(config.extra.get("embed_frame_ancestors", "*"))
    return config


def check_header_files_are_free(files: Files) -> None:
    """No page or file of the site may be built where the header files go (docs/_headers.md
    would be /_headers/, a folder where the `_headers` file must be written)."""
    for file in files:
        if file.dest_uri in (NGINX_FILE, HEADERS_FILE) or file.dest_uri.startswith((f"{NGINX_FILE}/", f"{HEADERS_FILE}/")):
            raise PluginError(
                f"{file.src_uri}: it would be built as {file.dest_uri}, where the build writes its header "
                f"files ({HEADERS_FILE}, {NGINX_FILE}); give it another name"
            )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    check_header_files_are_free(files)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    frame_ancestors = validate_frame_ancestors(config.extra.get("embed_frame_ancestors", "*"))
    headers = site_headers(site, frame_ancestors, template_scripts(config.theme.dirs))
    (site / NGINX_FILE).write_text(headers.nginx_maps(), encoding="utf-8")
    (site / HEADERS_FILE).write_text(headers.headers_file(page_paths(site)), encoding="utf-8")
