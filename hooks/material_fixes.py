"""Mend defects of stock Material for MkDocs in every built page.

Material's search dialog has no accessible name, and its two toggle checkboxes carry an
`autocomplete` attribute that the HTML standard allows only on text-like inputs. On a page kept
out of the nav (`not_in_nav`), the table of contents' title is a label for a `__toc` checkbox
that only the nav draws. All live in Material's own templates, so the fix is made on the
rendered page instead of copying them.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

FIXES = {
    'data-md-component="search" role="dialog">': 'data-md-component="search" role="dialog" aria-label="Search">',
    'type="checkbox" id="__drawer" autocomplete="off">': 'type="checkbox" id="__drawer">',
    'type="checkbox" id="__search" autocomplete="off">': 'type="checkbox" id="__search">',
}


TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def mend(html: str) -> str:
    for stock, mended in FIXES.items():
        html = html.replace(stock, mended)
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return mend(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Material's 404 page is a template of its own, not a page.
    return mend(output_content)
