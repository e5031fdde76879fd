"""Inline the site's SVG pictures (docs/images/*.svg) into the pages that show them.

A picture behind an <img> cannot see the page's colours. Inlined, its `currentColor` and the
CSS custom properties of site.css follow Material's light/dark toggle (`data-md-color-scheme`
on <body>), not only the system setting. Pages keep writing ordinary Markdown images:

    ![What the picture teaches](images/chair-start.svg){ .pose width="220" }

The page's alt text becomes the picture's accessible name (its <title>), so the words that
describe the pose live in the page beside the steps. Every id in the drawing gets a prefix
unique on the page, since one page may show several pictures, or one picture twice.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_words import build_language, site_words

PICTURES_DIR = "images/"
IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
SVG_START = re.compile(r"<svg\b[^>]*>")
VIEW_BOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.DOTALL)
DESCRIPTION = re.compile(r"\s*<desc\b[^>]*>.*?</desc>", re.DOTALL)
ID = re.compile(r'\bid="([^"]+)"')
LABEL = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
# A shown width as Markdown's attribute list gives it: pixels, written as a plain number.
PIXELS = re.compile(r"[0-9]{1,4}(?:\.[0-9]+)?")
PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*", re.DOTALL)


class PictureError(ValueError):
    """A picture cannot be inlined; the message says which and why."""


def picture_uri(src: str, page_url: str) -> str | None:
    """The docs path of an image the page shows, if it is one of the site's SVG pictures."""
    if "://" in src or src.startswith(("/", "data:")):
        return None
    uri = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), src))
    return uri if uri.startswith(PICTURES_DIR) and uri.endswith(".svg") else None


def unique_ids(svg: str, prefix: str) -> str:
    """Prefix every id, and every `#id` reference to one, so that ids stay unique on the page."""
    for name in ID.findall(svg):
        for old, new in (("id=\"{}\"", "id=\"{}\""), ("#{}\"", "#{}\""), ("#{})", "#{})")):
            svg = svg.replace(old.format(name), new.format(f"{prefix}-{name}"))
    return svg


def translate_labels(svg: str, labels: dict[str, str] | None) -> str:
    """The picture's drawn words in the page's language; English needs no table."""
    if labels is None:
        return svg

    def translate(match: re.Match[str]) -> str:
        english = html.unescape(match[2]).strip()
        if english not in labels:
            raise PictureError(f"draws '{english}', which has no translation: add it to picture_labels in hooks/words.yml")
        return f"{match[1]}{html.escape(labels[english])}{match[3]}"

    return LABEL.sub(translate, svg)


def inline_svg(svg: str, image: dict[str, str], prefix: str, labels: dict[str, str] | None = None) -> str:
    """The picture's SVG in place of its <img>: sized like it, named by its alt text."""
    alt = image.get("alt", "").strip()
    if not alt:
        raise PictureError("has no text alternative: give the image alt text that describes the pose")
    view_box = VIEW_BOX.search(svg)
    if not view_box or not TITLE.search(svg):
        raise PictureError('is not one of the site\'s pictures: it needs viewBox="0 0 W H" and a <title>')
    width, height = (float(number) if PIXELS.fullmatch(number) else 0.0 for number in view_box.groups())
    if not width or not height:
        raise PictureError(f'has viewBox="0 0 {view_box[1]} {view_box[2]}"; give its width and height as numbers above 0')
    given = image.get("width", f"{width:g}")
    if not PIXELS.fullmatch(given) or not float(given):
        raise PictureError(f'has width="{given}"; give the width in pixels as a plain number, such as width="220"')
    shown_width = float(given)
    # The attributes come from the page's HTML: read them as text, write them back escaped.
    alt = html.escape(html.unescape(alt), quote=False)
    classes = html.escape(" ".join(["picture", *html.unescape(image.get("class", "")).split()]))
    start = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{shown_width:g}" height="{shown_width * height / width:.0f}" class="{classes}" '
        f'role="img" aria-labelledby="{prefix}-title">'
    )
    svg = unique_ids(PROLOGUE.sub("", svg), prefix)
    svg = SVG_START.sub(start, svg, count=1)
    # The page's words name the picture; the file's own description would be read twice.
    svg = TITLE.sub(lambda _: f'<title id="{prefix}-title">{alt}</title>', svg, count=1)
    svg = DESCRIPTION.sub("", svg)
    return translate_labels(svg, labels).strip()


def inline_pictures(
    page_html: str, page_url: str, read_picture: Callable[[str], str], labels: dict[str, str] | None = None
) -> str:
    """Replace each <img> of a site picture with its SVG; `read_picture(uri)` gives the file,
    `labels` the drawn words in the page's language (None for English, the pictures' own)."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        image = dict(ATTRIBUTE.findall(match[0]))
        uri = picture_uri(html.unescape(image.get("src", "")), page_url)
        if uri is None:
            return match[0]
        count += 1
        stem = posixpath.splitext(posixpath.basename(uri))[0]
        try:
            return inline_svg(read_picture(uri), image, f"{stem}-{count}", labels)
        except (PictureError, OSError) as error:
            raise PictureError(f"picture '{image['src']}' {error}") from None

    return IMAGE.sub(replace, page_html)


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    def read_picture(uri: str) -> str:
        file = files.get_file_from_path(uri)
        if file is None:
            raise PictureError(f"does not exist: there is no docs/{uri}")
        return file.content_string

    try:
        # The words drawn in the pictures in other languages, by their English.
        labels = site_words()[build_language(config)].get("picture_labels")
        return inline_pictures(html_, page.url, read_picture, labels)
    except PictureError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
