"""The site's address: checked once, then written into the embedding snippets.

`site_url` (from `SITE_URL`) gives canonical links, the sitemap, the printed sheets' address
and QR code, and the address in the snippets an admin copies from "Embed the timer". A
malformed address stops the build in one line. A build without one (a plain build, the offline
zip) says so once, at INFO level so `--strict` builds pass, and its snippets keep the stand-in
address with a note to replace it.

The address is read from the `SITE_URL` environment variable by this hook, as raw text, not
through `site_url: !ENV SITE_URL` in mkdocs.yml: MkDocs' own check of `site_url` drops a
newline without a word, keeps `user:secret@` and port 99999, and ends `http://[/` in a
traceback, all before any hook could see the text. A `site_url` written in mkdocs.yml itself
is checked the same way after MkDocs has read it; `mkdocs serve` uses its own address.

The snippets are rewritten in the rendered page, where Markdown has already decided what is a
code block, so no fence of any length or kind can hide one from the hook.
"""

from __future__ import annotations

import html
import logging
import os
import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_settings import shown

log = logging.getLogger("mkdocs.hooks.site_address")

# The stand-in address of the embedding snippets, replaced by the site's own when it has one.
PLACEHOLDER_ADDRESS = "https://your-site.example/"
PLACEHOLDER_ORIGIN = PLACEHOLDER_ADDRESS.rstrip("/")
PLACEHOLDER_NOTE = f"<p>Replace <code>{PLACEHOLDER_ADDRESS}</code> with your site's address.</p>"
# Printable ASCII only: no control character (a newline would end the address early), no
# zero-width or look-alike letter; an international host goes in its xn-- form.
UNSAFE_IN_ADDRESS = re.compile(r"""[^\x21-\x7e]|["'<>`\\{}|^]""")
# It is printed on paper and in every tutorial's QR code.
LONGEST_ADDRESS = 200
# A rendered code block: highlighted ones come wrapped in <div class="highlight">.
CODE_BLOCK = re.compile(r'(<div class="highlight">)?<pre[\s>].*?</pre>(?(1)\s*</div>)', re.DOTALL)


def address_problem(site_url: str) -> str | None:
    """What makes the text unusable as the site's address, or None."""
    if len(site_url) > LONGEST_ADDRESS:
        return f"it is longer than {LONGEST_ADDRESS} characters"
    if unsafe := UNSAFE_IN_ADDRESS.search(site_url):
        return f"it contains {unsafe[0]!r}"
    try:
        parts = urlsplit(site_url)
        port = parts.port
    except ValueError:
        return "it is not an address a browser can read (a bracket or port out of place)"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "it is not an http or https address with a host"
    if "@" in parts.netloc:
        return "it carries a user name or password (user:secret@), which every page and QR code would show"
    if port == 0 or parts.netloc.endswith(":"):
        return "its port is not a number from 1 to 65535"
    if parts.query or parts.fragment:
        return "it has a query or a fragment"
    return None


def check_site_url(site_url: str | None) -> str | None:
    """The site's address, ending in "/", or None for a build without one; a malformed one is refused."""
    if not site_url:
        return None
    if problem := address_problem(site_url):
        raise PluginError(
            f"site_url (SITE_URL) {shown(site_url)} is not a usable address: {problem}; "
            "give an address such as https://intranet.example.com/unstuck/"
        )
    return site_url if site_url.endswith("/") else site_url + "/"


def address_snippets(page_html: str, site_url: str | None) -> str:
    """Write the site's address into a rendered page's snippets, or note each stand-in to replace."""
    if PLACEHOLDER_ORIGIN not in page_html:
        return page_html
    if site_url:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
        return page_html.replace(PLACEHOLDER_ADDRESS, html.escape(site_url)).replace(PLACEHOLDER_ORIGIN, html.escape(origin))

    def with_note(block: re.Match[str]) -> str:
        return f"{block[0]}\n{PLACEHOLDER_NOTE}" if PLACEHOLDER_ORIGIN in block[0] else block[0]

    return CODE_BLOCK.sub(with_note, page_html)


class RelativeHomeLinksMeant(logging.Filter):
    """mkdocs-static-i18n reads its list of homes again in each later language's build and says
    that a link should start at the server's root: these do not, on purpose (below)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'link' option that should be an absolute path" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(RelativeHomeLinksMeant())


def link_language_homes_from_the_site(config: MkDocsConfig) -> None:
    """mkdocs-static-i18n links each language's home from the server's root ("/", "/es/"),
    which a copy read from disk or hosted below a path cannot follow. Its own `fixed_link`
    option, set before its on_config (priority -100) reads it, links them from the site's own
    folder instead: Material's `url` filter makes that relative to each page, and from the site's
    root on the 404 page, as every other link of that page. Every other page's twins the plugin
    links by their own addresses."""
    if "i18n" not in config.plugins:
        return
    index = "" if config.use_directory_urls else "index.html"
    for language in config.plugins["i18n"].config.languages:
        folder = "" if language.default else f"{language.locale}/"
        language.fixed_link = folder + index or "."


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # `mkdocs serve` has set its own address by now; a build takes SITE_URL's.
    config.site_url = check_site_url(config.site_url or os.environ.get("SITE_URL"))
    link_language_homes_from_the_site(config)
    if config.site_url is None:
        log.info("No SITE_URL: pages carry no printed address or QR code, and the embedding snippets "
                 f"show {PLACEHOLDER_ADDRESS} to replace")  # fmt: skip
    return config


def on_page_content(page_html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return address_snippets(page_html, config.site_url)
