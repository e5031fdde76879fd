"""Mend defects of stock Material for MkDocs in every built page.

Material's search dialog has no accessible name, and its two toggle checkboxes carry an
`autocomplete` attribute that the HTML standard allows only on text-like inputs. Both live in
Material's own templates, so the fix is made on the rendered page instead of copying them.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

FIXES = {
    'data-md-component="search" role="dialog">': 'data-md-component="search" role="dialog" aria-label="Search">',
    'type="checkbox" id="__drawer" autocomplete="off">': 'type="checkbox" id="__drawer">',
    'type="checkbox" id="__search" autocomplete="off">': 'type="checkbox" id="__search">',
}


def mend(html: str) -> str:
    for stock, mended in FIXES.items():
        html = html.replace(stock, mended)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return mend(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Material's 404 page is a template of its own, not a page.
    return mend(output_content)
