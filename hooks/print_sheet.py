"""The tutorials' printed sheet: a QR code of the page's address, made at build time.

The sheet itself is `overrides/partials/print-sheet.html`; this hook gives it `qr_code`, an
inline SVG that a phone camera reads to open the page (and its timer) from the paper. A build
without a site address (no `site_url`) prints neither the address nor a QR code, since there
is no address to give (`site_address.py` says so once, at INFO level).
"""

from __future__ import annotations

import html
from typing import Any

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def qr_code(address: str, label_words: str = "QR code: {address}") -> str:
    """An SVG QR code of the address, black on the paper's white, named for screen readers."""
    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(dark="#000", omitsize=True, svgclass="qr-code", lineclass=None)
    label = html.escape(label_words.format(address=address), quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if page.meta.get("tutorial") and page.canonical_url:
        # In the page's language (hooks/languages.py): its words, and its own safety page.
        context["qr_code"] = qr_code(page.canonical_url, context["words"]["qr_label"])
        safety = next(other for other in nav.pages if other.file.src_uri.startswith("safety."))
        context["safety_address"] = safety.canonical_url
    return context
