"""Printed pages, rendered to PDF by Chromium: one clean, followable sheet per tutorial."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

TUTORIALS = ["chair-twist/", "floor-twist/"]
PAPER = ["A4", "Letter"]
# Text that is on screen but must never reach paper: other pages' nav labels, search, footer.
SCREEN_ONLY = [
    "Why sitting hurts",
    "How the twist works",
    "Make it a habit",
    "Embed the timer",
    "Search",
    "Unstuck gives general information",
    "Made with",
    "Print this page",
    "Pace and sound",
]


def print_to_pdf(page: Page, url: str, paper: str, path: Path, scheme: str = "light") -> PdfReader:
    """Print as a reader would, but with background graphics on, so a dark background shows."""
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    page.wait_for_function("() => !document.querySelector('breath-timer') || !!customElements.get('breath-timer')")
    page.emulate_media(media="print", color_scheme=scheme)
    page.pdf(path=path, format=paper, print_background=True)
    return PdfReader(path)


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sheet_shades(pdf: Path) -> tuple[int, int]:
    """Grey levels (0 black, 255 white) of the first page's corner, in the margin, and of its
    commonest pixel, the background under the text; from a small greyscale rendering."""
    image = subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", "-f", "1", "-l", "1", str(pdf)], capture_output=True, check=True
    ).stdout
    # A binary PGM: "P5", width, height, max value, then one byte a pixel.
    magic, width, height, _, pixels = image.split(maxsplit=4)
    assert magic == b"P5"
    pixels = pixels[: int(width) * int(height)]
    return pixels[0], max(set(pixels), key=pixels.count)


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_prints_on_one_sheet(page: Page, site_url: str, tmp_path: Path, url: str, paper: str) -> None:
    assert len(print_to_pdf(page, site_url + url, paper, tmp_path / "sheet.pdf").pages) == 1


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("url", TUTORIALS)
def test_printed_tutorial_has_steps_safety_note_pacer_and_address(
    page: Page, built_page, site_url: str, tmp_path: Path, url: str, paper: str
) -> None:
    text = pdf_text(print_to_pdf(page, site_url + url, paper, tmp_path / "sheet.pdf"))
    steps = built_page(url).select_one("article ol").find_all("li", recursive=False)
    for step in steps:
        assert " ".join(step.get_text().split()) in text
    assert "Before you start" in text and "Stop at once" in text
    assert "breathe in to lengthen, breathe out to twist" in text
    assert "Turn right first" in text and "Then turn left" in text
    assert text.count("\N{BALLOT BOX}") == 12
    assert site_url + url in text


@pytest.mark.parametrize("url", TUTORIALS + ["safety/"])
def test_printed_page_carries_none_of_the_screen_chrome(page: Page, site_url: str, tmp_path: Path, url: str) -> None:
    text = pdf_text(print_to_pdf(page, site_url + url, "A4", tmp_path / "sheet.pdf"))
    assert [words for words in SCREEN_ONLY if words in text] == []


def test_printed_links_do_not_spell_out_their_addresses(page: Page, site_url: str, tmp_path: Path) -> None:
    # The safety note links to the safety page; only the sheet's own address may print.
    text = pdf_text(print_to_pdf(page, site_url + "chair-twist/", "A4", tmp_path / "sheet.pdf"))
    assert "when to stop and get help" in text
    assert "safety/" not in text


def test_printed_code_has_no_copy_buttons(page: Page, site_url: str) -> None:
    page.goto(site_url + "embed-the-timer/")
    copy_buttons = page.get_by_role("button", name="Copy to clipboard")
    expect(copy_buttons.first).to_be_visible()
    page.emulate_media(media="print")
    for button in copy_buttons.all():
        expect(button).to_be_hidden()


@pytest.mark.parametrize("url", TUTORIALS + ["safety/"])
def test_dark_palette_still_prints_dark_on_white(page: Page, site_url: str, tmp_path: Path, url: str) -> None:
    pdf = tmp_path / "sheet.pdf"
    print_to_pdf(page, site_url + url, "A4", pdf, scheme="dark")
    assert sheet_shades(pdf) == (255, 255)
    # Every printed text colour near black: each channel dark, and hardly transparent.
    colours = page.eval_on_selector_all(
        "article p, article li, article h1, article h2",
        "els => els.filter(el => el.getClientRects().length).map(el => getComputedStyle(el).color.match(/[\\d.]+/g).map(Number))",
    )
    assert all(max(red, green, blue) <= 80 and (alpha or [1])[0] >= 0.8 for red, green, blue, *alpha in colours)


def test_closed_details_print_open_and_close_again_after(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "safety/")
    page.locator("article").evaluate(
        "article => article.insertAdjacentHTML('beforeend',"
        " '<details class=\"note\"><summary>More</summary><p>Words behind a summary</p></details>')"
    )
    page.emulate_media(media="print")
    page.pdf(path=tmp_path / "sheet.pdf")  # fires beforeprint and afterprint, as printing does
    text = pdf_text(PdfReader(tmp_path / "sheet.pdf"))
    assert "Words behind a summary" in text
    assert page.locator("article details").evaluate("details => details.open") is False


def test_printed_text_is_at_least_12_points(page: Page, site_url: str) -> None:
    page.goto(site_url + "chair-twist/")
    page.emulate_media(media="print")
    sizes = page.eval_on_selector_all(
        "article ol li, article .admonition p, article > p:not(.review-dates, .print-address)", "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert min(sizes) >= 16  # CSS pixels: 12 pt


def test_print_button_prints_and_stays_off_paper(page: Page, site_url: str) -> None:
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site_url + "chair-twist/")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()


def test_print_button_works_after_instant_navigation(page: Page, site_url: str) -> None:
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site_url)
    page.evaluate("window.arrivedByInstantNavigation = true")
    page.locator(".md-nav__link", has_text="Floor twist").first.click()
    page.wait_for_url("**/floor-twist/")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("[window.arrivedByInstantNavigation, window.printed]") == [True, 1]


def test_only_tutorials_have_a_print_button(built_page) -> None:
    assert built_page("safety/").select(".print-button") == []
    assert len(built_page("floor-twist/").select(".print-button")) == 1
