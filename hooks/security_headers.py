"""The site's security headers, computed from the built pages, written for nginx and `_headers`.

Material's pages carry small inline scripts whose text changes with a page's depth and with
Material's version, so a Content-Security-Policy without `'unsafe-inline'` must list their
hashes. After every build this hook reads every built page, hashes each inline script it finds
and writes the headers once, for two kinds of host:

- `_headers.nginx.conf`: one nginx `map` per header, included at `http` level;
  deploy/nginx/security-headers.conf sends them with `add_header`;
- `_headers`: the file Netlify and Cloudflare Pages read from the site's root.

One policy lists every page's hashes, because Material's instant navigation swaps pages in
under the policy of the first page loaded. Only the embed pages (`embed/`, `es/embed/`) may be
shown in another site's frame, by the origins `extra.embed_frame_ancestors` names in mkdocs.yml.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from page_scan import scan_page

log = logging.getLogger("mkdocs.hooks.security_headers")

NGINX_FILE = "_headers.nginx.conf"
HEADERS_FILE = "_headers"
# Every language's embed page: /embed/, /es/embed/.
EMBED_PAGE = re.compile(r"/([a-z]+(-[a-z0-9]+)*/)?embed/")

# A template's inline script, as the build writes it: `{{ ... }}` becomes an address (base_url,
# the palette's scope), which can hold no quote, backslash or tag to step out of its string.
TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
ADDRESS_TEXT = r"[\w.~/:%+-]*"

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
            f"    {nginx_string('~^' + EMBED_PAGE.pattern)} {nginx_string(self.embed_policy)};\n"
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
            policy = self.embed_policy if EMBED_PAGE.match(path) else self.content_policy
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


def every_language_built(config: MkDocsConfig) -> bool:
    """mkdocs-static-i18n builds each language after the first inside the first build's
    on_post_build (its priority -100), each with every hook's events, and flags `building`
    while it does. Headers written in those builds would come from a site not yet whole (the
    first sees English only) and be written again: they are written once, after them."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building


# After every other hook and plugin (hooks/languages.py finishes each language's search index at
# -110, once mkdocs-static-i18n has built every language at -100), so it reads the finished site.
@event_priority(-120)
def on_post_build(config: MkDocsConfig) -> None:
    if not every_language_built(config):
        return
    site = Path(config.site_dir)
    # Checked in hooks/site_settings.py.
    headers = site_headers(site, config.extra["embed_frame_ancestors"], template_scripts(config.theme.dirs))
    (site / NGINX_FILE).write_text(headers.nginx_maps(), encoding="utf-8")
    pages = page_paths(site)
    (site / HEADERS_FILE).write_text(headers.headers_file(pages), encoding="utf-8")
    log.info(f"Security headers for {len(pages)} page addresses written to {HEADERS_FILE} and {NGINX_FILE}")
