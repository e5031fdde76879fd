"""The site's address: checked once, then written into the embedding snippets.

`site_url` (from `SITE_URL`) gives canonical links, the sitemap, the printed sheets' address
and QR code, and the address in the snippets an admin copies from "Embed the timer". A
malformed address stops the build in one line. A build without one (a plain build, the offline
zip) says so once, at INFO level so `--strict` builds pass, and its snippets keep the stand-in
address with a note to replace it.

The snippets are rewritten in the rendered page, where Markdown has already decided what is a
code block, so no fence of any length or kind can hide one from the hook.
"""

from __future__ import annotations

import html
import logging
import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from timer_settings import shown

log = logging.getLogger("mkdocs.hooks.site_address")

# The stand-in address of the embedding snippets, replaced by the site's own when it has one.
PLACEHOLDER_ADDRESS = "https://your-site.example/"
PLACEHOLDER_ORIGIN = PLACEHOLDER_ADDRESS.rstrip("/")
PLACEHOLDER_NOTE = f"<p>Replace <code>{PLACEHOLDER_ADDRESS}</code> with your site's address.</p>"
UNSAFE_IN_ADDRESS = re.compile(r"""[\s"'<>`\\{}|^]""")
# A rendered code block: highlighted ones come wrapped in <div class="highlight">.
CODE_BLOCK = re.compile(r'(<div class="highlight">)?<pre[\s>].*?</pre>(?(1)\s*</div>)', re.DOTALL)


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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if check_site_url(config.site_url) is None:
        log.info("No SITE_URL: pages carry no printed address or QR code, and the embedding snippets "
                 f"show {PLACEHOLDER_ADDRESS} to replace")  # fmt: skip
        config.site_url = None
    return config


def on_page_content(page_html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return address_snippets(page_html, config.site_url)
