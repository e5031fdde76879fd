"""The pictures: inlined into the page, named by their alt text, and in the palette the reader chose."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pictures import PictureError, inline_pictures
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent

PICTURES = sorted((ROOT / "docs" / "images").glob("*.svg"))
PAGES_WITH_PICTURES = ["chair-twist/", "floor-twist/", "how-the-twist-works/"]


def read_picture(uri: str) -> str:
    return (ROOT / "docs" / uri).read_text(encoding="utf-8")


def inline(page_html: str) -> BeautifulSoup:
    return BeautifulSoup(inline_pictures(page_html, "chair-twist/", read_picture), "html.parser")


# The hook


def test_a_site_picture_is_inlined_and_named_by_its_alt_text() -> None:
    soup = inline('<p><img alt="Sitting tall" src="../images/chair-start.svg" width="200" class="pose"></p>')
    svg = soup.find("svg")
    assert soup.find("img") is None
    assert svg["role"] == "img" and svg["class"] == ["picture", "pose"]
    assert (svg["width"], svg["height"]) == ("200", "240")
    assert soup.find(id=svg["aria-labelledby"]).get_text() == "Sitting tall"
    assert svg.find("desc") is None


def test_the_same_picture_twice_on_a_page_has_unique_ids() -> None:
    image = '<img alt="Turning right" src="../images/chair-turn-right.svg">'
    ids = [tag["id"] for tag in inline(image + image).find_all(id=True)]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_other_images_are_left_alone() -> None:
    page_html = '<img alt="A photo" src="../photo.png"><img alt="Far" src="https://example.org/images/x.svg">'
    assert inline_pictures(page_html, "chair-twist/", read_picture) == page_html


def test_a_picture_without_alt_text_fails_with_one_clear_line() -> None:
    with pytest.raises(PictureError, match=r"^picture '../images/chair-start.svg' has no text alternative"):
        inline('<img alt="" src="../images/chair-start.svg">')


@pytest.mark.parametrize("width", ["200px", "50%", "-1", "0", "1e3", "", "99999"])
def test_a_width_that_is_not_plain_pixels_fails_with_one_clear_line(width: str) -> None:
    with pytest.raises(PictureError) as error:
        inline(f'<img alt="Sitting tall" src="../images/chair-start.svg" width="{width}">')
    assert str(error.value) == (
        f"picture '../images/chair-start.svg' has width=\"{width}\"; give the width in pixels as a plain number, such as width=\"220\""
    )


def test_a_drawing_with_an_empty_view_box_fails_with_one_clear_line() -> None:
    def flat(uri: str) -> str:
        return read_picture(uri).replace('viewBox="0 0 200 240"', 'viewBox="0 0 0 240"')

    with pytest.raises(PictureError, match=r'has viewBox="0 0 0 240"; give its width and height as numbers above 0'):
        inline_pictures('<img alt="Sitting" src="../images/chair-start.svg">', "chair-twist/", flat)


def test_alt_text_and_classes_stay_text_inside_the_drawing() -> None:
    soup = inline('<img alt="&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" src="../images/chair-start.svg" class="pose&quot;">')
    svg = soup.find("svg")
    assert svg.find("script") is None
    assert soup.find(id=svg["aria-labelledby"]).get_text() == "<script>alert(1)</script> & more"
    assert svg["class"] == ["picture", 'pose"']


def test_a_missing_picture_fails_with_one_clear_line() -> None:
    with pytest.raises(PictureError, match=r"^picture '../images/nope.svg' .*nope.svg"):
        inline('<img alt="Nothing" src="../images/nope.svg">')


# The files


@pytest.mark.parametrize("svg", PICTURES, ids=lambda path: path.name)
def test_picture_file_has_no_inline_style_and_no_fixed_backdrop(svg: Path) -> None:
    # A strict Content-Security-Policy without 'unsafe-inline' drops style attributes and elements.
    soup = BeautifulSoup(svg.read_text(), "html.parser")
    assert soup.find("style") is None and soup.select("[style]") == []
    assert soup.find("image") is None
    assert [tag for tag in soup.find_all(fill=True) if tag["fill"].lower() in ("#fff", "#ffffff", "white")] == []


@pytest.mark.parametrize("svg", PICTURES, ids=lambda path: path.name)
def test_picture_file_stays_small(svg: Path) -> None:
    assert svg.stat().st_size < 4096


# The built pages


@pytest.mark.parametrize("url", PAGES_WITH_PICTURES)
def test_every_picture_on_the_page_has_a_text_alternative(built_page, url: str) -> None:
    pictures = built_page(url).select("article svg.picture")
    assert pictures and built_page(url).select("article img[src$='.svg']") == []
    for svg in pictures:
        title = built_page(url).find(id=svg["aria-labelledby"])
        assert svg["role"] == "img" and title.name == "title" and len(title.get_text().split()) >= 8


def test_no_page_repeats_an_id(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        ids = Counter(tag["id"] for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(id=True))
        assert [name for name, count in ids.items() if count > 1] == [], path


@pytest.mark.parametrize("url", ["chair-twist/", "floor-twist/"])
def test_tutorial_shows_three_numbered_poses(built_page, url: str) -> None:
    figures = built_page(url).select("article .poses figure")
    assert [figure.select_one(".pose-number").get_text() for figure in figures] == ["1", "2", "3"]
    assert [" ".join(figure.figcaption.get_text().split()[1:]) for figure in figures] == ["Sit tall", "Turn right", "Turn left"]
    assert all(figure.select_one("svg.picture") for figure in figures)


# In the browser: the palette the reader picks with the toggle, not only the system's

# Each drawn shape's colour: its fill where it is filled, its stroke otherwise; gaps apart.
PAINT = """svg => {
  const paint = (el) => {
    const style = getComputedStyle(el);
    return style.fill === "none" ? style.stroke : style.fill;
  };
  const shapes = [...svg.querySelectorAll("path, circle, rect, text")];
  return {
    figure: getComputedStyle(svg).color,
    gaps: shapes.filter((el) => el.matches(".pic-gap")).map(paint),
    drawn: shapes.filter((el) => !el.matches(".pic-gap")).map(paint),
  };
}"""


def relative_luminance(colour: str) -> float:
    channels = [int(value) / 255 for value in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def picture_paint(page: Page) -> tuple[str, list[dict]]:
    """The page's background colour and, for each picture, the colours it is drawn in."""
    background = page.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor")
    if background == "rgba(0, 0, 0, 0)":
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return background, page.locator("article svg.picture").evaluate_all(f"svgs => svgs.map({PAINT})")


@pytest.mark.parametrize("url", PAGES_WITH_PICTURES)
def test_pictures_follow_the_palette_toggle(page: Page, site_url: str, url: str) -> None:
    page.emulate_media(color_scheme="light")  # the system says light; the reader picks dark
    page.goto(site_url + url)
    seen = {}
    for scheme in ("light", "dark"):
        if scheme == "dark":
            page.get_by_title("Switch to dark mode").click()
            page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        background, pictures = picture_paint(page)
        for picture in pictures:
            # Gaps take the page's own background, so no white box or outline shows on dark;
            # everything drawn stands out from it at 3:1 or more (WCAG's non-text contrast).
            assert set(picture["gaps"]) <= {background}, (scheme, picture["gaps"], background)
            assert min(contrast(colour, background) for colour in picture["drawn"]) >= 3, (scheme, picture)
        seen[scheme] = pictures
    assert all(relative_luminance(picture["figure"]) < 0.1 for picture in seen["light"])
    assert all(relative_luminance(picture["figure"]) > 0.5 for picture in seen["dark"])
