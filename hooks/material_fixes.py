"""Mend defects of stock Material for MkDocs in every built page.

Material's search dialog has no accessible name, and its two toggle checkboxes carry an
`autocomplete` attribute that the HTML standard allows only on text-like inputs. On a page kept
out of the nav (`not_in_nav`), the table of contents' title is a label for a `__toc` checkbox
that only the nav draws. The language menu's items are named in their own language but read
in the page's voice: they carry `lang` beside `hreflang`. A heading's permanent link is a "¶"
that a screen reader reads as "pilcrow", titled in English on every page: it is named and
titled in the page's language instead. All live in Material's own templates, so the fix is
made on the rendered page instead of copying them.

Material's templates also write text from front matter and mkdocs.yml (a page's title,
description and author; the site's name and description; the menu's titles) into HTML
unescaped, as MkDocs' Jinja has no autoescape: `description: Why "sitting" hurts` would end
the meta description at `Why `, and a `<script>` in it would run. Rather than copy the many
templates that write them (Material reaches its end of life on 5 May 2027), this hook hands
them to the templates already escaped, as `Markup`: written as they are, they are safe text;
the project's own templates' `| e` leaves them as they are; `striptags` reads them back to
plain text. A heading's title is HTML already, and overrides/main.html's `htmltitle` block
escapes what `striptags` reads back from it.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from site_words import build_language, site_words

FIXES = {
    # Named in the page's language: {search} is filled in from hooks/words.yml.
    'data-md-component="search" role="dialog">': 'data-md-component="search" role="dialog" aria-label="{search}">',
    'type="checkbox" id="__drawer" autocomplete="off">': 'type="checkbox" id="__drawer">',
    'type="checkbox" id="__search" autocomplete="off">': 'type="checkbox" id="__search">',
}

# The toc extension's permanent link after each heading, with its `permalink_title`.
SECTION_LINK = re.compile(r'(<a class="headerlink" href="#[^"]*") title="[^"]*">')


TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# The header's language switch names each language in that language ("Español" on an English
# page): marked so, a screen reader says it in that language's voice.
LANGUAGE_LINK = re.compile(r'hreflang="(?P<lang>[A-Za-z0-9-]+)"(?= class="md-select__link")')

# Front matter and settings that Material's templates write as HTML.
PAGE_TEXT = ("title", "description", "author")
SITE_TEXT = ("site_name", "site_description", "site_author")


def as_text(value: object, where: str) -> Markup | None:
    """A front-matter or setting value as escaped text for the templates; None stays None."""
    if value is None or isinstance(value, Markup):
        return value
    if not isinstance(value, str):
        raise PluginError(f"{where} must be text, got {value!r}; write it as a plain line of text")
    return escape(value)


def escape_nav_titles(items: list) -> None:
    """Titles given in mkdocs.yml's nav; a page's own title comes from its front matter or heading."""
    for item in items:
        if isinstance(item, (Section, Link)):
            item.title = as_text(item.title, f"mkdocs.yml: nav title {item.title!r}")
        elif isinstance(item, Page) and "title" in vars(item):
            item.title = as_text(item.title, f"mkdocs.yml: nav title {item.title!r}")
        if isinstance(item, Section):
            escape_nav_titles(item.children)


def mend(html: str, words: dict[str, str]) -> str:
    for stock, mended in FIXES.items():
        html = html.replace(stock, mended.replace("{search}", escape(words["search"])))
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    section_link = escape(words["section_link"])
    html = SECTION_LINK.sub(lambda link: f'{link[1]} title="{section_link}" aria-label="{section_link}">', html)
    return LANGUAGE_LINK.sub(r'\g<0> lang="\g<lang>"', html)


# After mkdocs-static-i18n's on_config (priority -100) and hooks/languages.py's (-105), which
# set each language's own site description: the plugin takes only plain text.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for key in SITE_TEXT:
        config[key] = as_text(config[key], f"mkdocs.yml: {key}")
    return config


def page_words(config: MkDocsConfig) -> dict[str, str]:
    return site_words()[build_language(config)]


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    escape_nav_titles(nav.items)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for key in PAGE_TEXT:
        if key in page.meta:
            page.meta[key] = as_text(page.meta[key], f"{page.file.src_uri}: front matter {key}")
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return mend(output, page_words(config))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Material's 404 page is a template of its own, not a page.
    return mend(output_content, page_words(config))
