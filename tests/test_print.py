"""Printed pages, rendered to PDF by Chromium: one clean, followable sheet per tutorial."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import (
    ROOT,
    TUTORIALS,
    build_site,
    english_in,
    goto_for_instant_navigation,
    new_context,
    pdf_text,
    print_on_each_paper,
    serve,
)
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

PAPER = ["A4", "Letter"]
# Each paper's width between the print margins and its height, in millimetres.
PRINTABLE_MM = {"A4": (190, 297), "Letter": (196, 279.4)}
# Every tutorial's sheet, in English and in Spanish.
SHEETS = TUTORIALS + [f"es/{url}" for url in TUTORIALS]


def language(url: str) -> str:
    return "es" if url.startswith("es/") else "en"


# Text that is on screen but must never reach paper: other pages' nav labels, search, footer,
# the guided start and the timer's settings.
SCREEN_ONLY = {
    "en": ["Why sitting hurts", "How the twist works", "Make it a habit", "Embed the timer", "Search",
           "Unstuck gives general information", "Made with", "Print this page", "Start the guided twist",
           "Breaths each side"],
    "es": ["Por qué duele estar sentado", "Cómo funciona el giro", "Hágalo un hábito", "Ponga el temporizador",
           "Buscar", "Unstuck da información general", "Hecho con", "Imprimir esta página", "Empezar el giro guiado",
           "Respiraciones por lado"],
}


@pytest.fixture(scope="session")
def printed(headless_shell: Browser, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Path]]:
    """A page printed to PDF, once a session for each paper and colour scheme: the file's path.
    A tutorial's sheet, which the tests read on each paper, is printed on both from one load."""
    folder = tmp_path_factory.mktemp("printed")
    context = new_context(headless_shell)
    page = context.new_page()

    @functools.cache
    def pdfs(url: str, papers: tuple[str, ...], scheme: str) -> dict[str, Path]:
        paths = {paper: folder / f"{url.strip('/') or 'home'}-{paper}-{scheme}.pdf" for paper in papers}
        print_on_each_paper(page, site_url + url, paths, scheme)
        return paths

    def pdf(url: str, paper: str = "A4", scheme: str = "light") -> Path:
        return pdfs(url, tuple(PAPER) if url in SHEETS else (paper,), scheme)[paper]

    yield pdf
    context.close()


@functools.cache
def printed_text(pdf: Path) -> str:
    """A printed sheet's text, parsed once a session: several tests read each sheet."""
    return pdf_text(PdfReader(pdf))


def printed_address(site_url: str, url: str, text: str) -> bool:
    """Whether the text carries the page's address, whole or broken between site and page."""
    return site_url + url in text or f"{site_url} {url}" in text


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


# The brief's third edition: one line a reader can act on from the paper alone. In Spanish, the
# top tier's word and the emergency numbers as decided on 2026-12-07.
EMERGENCY_LINE = {
    "en": "Emergency: numbness around your genitals or bottom, new trouble peeing or pooing, or both legs weak or numb?"
          " Call 999 (or your local emergency number) now.",
    "es": "Emergencia: ¿adormecimiento en genitales o nalgas, problemas nuevos para orinar o defecar, o las dos"
          " piernas débiles o dormidas? Llame ya al 112 (Unión Europea) o al 911 (EE. UU., México y la mayoría de"
          " América Latina), o al número de emergencias de su país.",
}

# The rest of the sheet's own words, in each language: the cue, the safety strip's openings, the
# way to the safety page, the week tracker, where the sources are and the poses' captions.
SHEET_WORDS = {
    "en": {
        "cue": "breathe in to lengthen, breathe out to twist",
        "stop": "Stop at once if you feel",
        "check": "Is this twist right for you?",
        "safety": "Full safety advice:",
        "week": "Your week: tick a box each time.",
        "days": "Mon Tue Wed Thu Fri",
        "sources": "Sources: see the page online.",
        "captions": ["1 Sit tall", "2 Turn right", "3 Turn left"],
    },
    "es": {
        "cue": "tome aire para estirarse, suelte el aire para girar",
        "stop": "Pare de inmediato si nota",
        "check": "¿Es este giro para usted?",
        "safety": "Todos los consejos de seguridad:",
        "week": "Su semana: marque una casilla cada vez.",
        "days": "Lun Mar Mié Jue Vie",
        "sources": "Fuentes: vea la página en internet.",
        "captions": ["1 Siéntese recto", "2 Gire a la derecha", "3 Gire a la izquierda"],
    },
}

# Who should check first, in each sheet's safety strip: a stop signal and the conditions.
# The heading of a tutorial's own check, the same in every language (README: "Adding a tutorial").
CHECK_ID = "is-this-twist-right-for-you"


def safety_check(built_page: Callable[[str], BeautifulSoup], url: str) -> list[str]:
    """What a tutorial's own check names, from the built page (a new tutorial brings its own):
    the words in bold that lead each item of the list under "Is this twist right for you?"."""
    items = built_page(url).find(id=CHECK_ID).find_next("ul").find_all("li", recursive=False)
    return [" ".join(item.find("strong").get_text(" ").split()).rstrip(":") for item in items]


def safety_address(site_url: str, url: str) -> str:
    """The sheet's way to the full safety advice, in its language, to its language's page."""
    safety_page = "es/safety/" if language(url) == "es" else "safety/"
    return f"{SHEET_WORDS[language(url)]['safety']} {site_url}{safety_page}"


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("url", SHEETS)
def test_printed_tutorial_carries_the_emergency_line_on_its_one_sheet(printed, url: str, paper: str) -> None:
    sheet = PdfReader(printed(url, paper))
    assert len(sheet.pages) == 1
    assert EMERGENCY_LINE[language(url)] in pdf_text(sheet)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("url", SHEETS)
def test_tutorial_prints_on_one_sheet(printed, url: str, paper: str, scheme: str) -> None:
    assert len(PdfReader(printed(url, paper, scheme)).pages) == 1


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("url", SHEETS)
def test_printed_tutorial_has_steps_cue_safety_strip_tracker_and_address(
    printed, built_page, site_url: str, url: str, paper: str
) -> None:
    text = printed_text(printed(url, paper))
    words = SHEET_WORDS[language(url)]
    steps = built_page(url).select_one("article ol").find_all("li", recursive=False)
    for step in steps:
        assert " ".join(step.get_text().split()) in text
    assert words["cue"] in text
    assert words["stop"] in text and words["check"] in text
    assert safety_address(site_url, url) in text
    assert words["week"] in text and words["days"] in text
    assert len(built_page(url).select(".print-sheet .tracker .tick-box")) == 15  # three a day
    assert "\N{BALLOT BOX}" not in text  # the timer's one-use boxes give way to the tracker
    assert printed_address(site_url, url, text)


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("url", SHEETS)
def test_qr_code_on_the_printed_sheet_opens_the_page(printed, site_url: str, tmp_path: Path, url: str, paper: str) -> None:
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg is missing. On Debian/Ubuntu: sudo apt-get install -y zbar-tools"
    pdf = printed(url, paper)
    # Greyscale, as a phone's camera reads a code; a PGM is written in a seventh of a PNG's time.
    subprocess.run(["pdftoppm", "-gray", "-r", "150", "-singlefile", str(pdf), str(tmp_path / "sheet")], check=True)
    found = subprocess.run([zbarimg, "--quiet", "--raw", str(tmp_path / "sheet.pgm")], capture_output=True, text=True)
    assert found.stdout.split() == [site_url + url]


@pytest.mark.parametrize("url", ["chair-twist/", "es/chair-twist/"])
def test_printed_poses_are_large_numbered_and_beside_the_steps(page: Page, site_url: str, url: str) -> None:
    millimetre = 96 / 25.4
    page.set_viewport_size({"width": round(186 * millimetre), "height": 1000})  # A4 within the margins
    page.goto(site_url + url)
    page.emulate_media(media="print")
    # Where the steps' words run: their lines' boxes, not the list's, which runs under the poses.
    steps = page.locator("article ol").first.evaluate(
        """ol => {
          const walker = document.createTreeWalker(ol, NodeFilter.SHOW_TEXT);
          const lines = [];
          while (walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            lines.push(...range.getClientRects());
          }
          return {right: Math.max(...lines.map(r => r.right)), bottom: Math.max(...lines.map(r => r.bottom))};
        }"""
    )
    poses = [svg.bounding_box() for svg in page.locator("article .poses svg").all()]
    assert len(poses) == 3 and all(pose["height"] >= 40 * millimetre for pose in poses)
    assert all(pose["x"] >= steps["right"] for pose in poses), (steps, poses)
    assert poses[0]["y"] < steps["bottom"] and poses[1]["y"] < steps["bottom"]
    expect(page.locator("article .poses figcaption")).to_have_text(SHEET_WORDS[language(url)]["captions"])


@pytest.mark.parametrize("url", SHEETS)
def test_pose_captions_keep_to_one_line_in_the_drawings_top_corner(page: Page, site_url: str, url: str) -> None:
    # Wrapped, a caption runs down over the drawing, as "Gire a la izquierda" once did on Letter.
    page.goto(site_url + url)
    page.emulate_media(media="print")
    millimetre = 96 / 25.4
    lines = {}
    # Each paper's width between the margins, and its height, which sets the poses' size.
    for paper, (printable_width, height) in PRINTABLE_MM.items():
        page.set_viewport_size({"width": round(printable_width * millimetre), "height": round(height * millimetre)})
        lines[paper] = page.locator("article .poses figcaption").evaluate_all(
            "captions => captions.map(c => c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight))"
        )
    assert all(len(counts) == 3 and all(count < 1.5 for count in counts) for counts in lines.values()), lines


def test_the_timers_own_tick_boxes_still_print_where_it_stands_alone(printed) -> None:
    text = printed_text(printed("embed/"))
    assert "Then turn left" in text
    assert text.count("\N{BALLOT BOX}") == 10  # 5 breaths a side, two sides


@pytest.mark.parametrize("url", SHEETS + ["safety/", "es/safety/"])
def test_printed_page_carries_none_of_the_screen_chrome(printed, url: str) -> None:
    text = printed_text(printed(url))
    assert [words for words in SCREEN_ONLY[language(url)] if words in text] == []


@pytest.mark.parametrize("url", SHEETS)
def test_printed_tutorial_keeps_its_safety_check_and_the_safety_page_address(
    printed, built_page, site_url: str, url: str
) -> None:
    text = printed_text(printed(url))
    words = SHEET_WORDS[language(url)]
    for check in [words["check"], *safety_check(built_page, url)]:
        assert check.lower() in text.lower(), check
    assert safety_address(site_url, url) in text
    assert words["sources"] in text


@pytest.mark.parametrize("url", [f"es/{url}" for url in TUTORIALS])
def test_spanish_sheet_is_spanish_and_says_so(printed, page: Page, site_url: str, url: str) -> None:
    # Every word that reaches paper is marked Spanish, so a screen reader reading the page or
    # the saved PDF says it in Spanish; and none of it is English, addresses aside.
    sheet = PdfReader(printed(url))
    assert sheet.trailer["/Root"]["/Lang"] == "es"
    # Addresses are not words; the sheet's own may break between the site and the page.
    text = pdf_text(sheet).replace(f"{site_url} {url}", "")
    assert english_in(re.sub(r"https?://\S+", "", text)) == []
    page.goto(site_url + url)
    page.emulate_media(media="print")
    languages = page.locator("article").evaluate(
        """article => {
          const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
          const found = new Set();
          while (walker.nextNode()) {
            const element = walker.currentNode.parentElement;
            if (walker.currentNode.textContent.trim() && element.checkVisibility()) found.add(element.closest("[lang]").lang);
          }
          return [...found];
        }"""
    )
    assert languages == ["es"]


def test_printed_links_do_not_spell_out_their_addresses(printed, site_url: str) -> None:
    # Links print as their words; only the sheet's own address and, on a tutorial, the safety
    # page's appear.
    text = printed_text(printed("chair-twist/"))
    assert "https://www.nhs.uk" not in text and "doi.org" not in text
    assert "../safety/" not in text and "#is-this-twist-right-for-you" not in text
    assert text.count("http") == 2
    text = printed_text(printed("how-the-twist-works/"))
    assert text.count("http") == 1 and printed_address(site_url, "how-the-twist-works/", text)


def test_printed_code_has_no_copy_buttons(page: Page, site_url: str) -> None:
    page.goto(site_url + "embed-the-timer/")
    copy_buttons = page.get_by_role("button", name="Copy to clipboard")
    expect(copy_buttons.first).to_be_visible()
    page.emulate_media(media="print")
    for button in copy_buttons.all():
        expect(button).to_be_hidden()


@pytest.mark.parametrize("url", SHEETS + ["safety/", "es/safety/"])
def test_dark_palette_still_prints_dark_on_white(printed, page: Page, site_url: str, url: str) -> None:
    assert sheet_shades(printed(url, "A4", "dark")) == (255, 255)
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + url)
    page.emulate_media(media="print", color_scheme="dark")
    # Every printed text colour near black: each channel dark, and hardly transparent.
    colours = page.eval_on_selector_all(
        "article p, article li, article h1, article h2",
        "els => els.filter(el => el.getClientRects().length).map(el => getComputedStyle(el).color.match(/[\\d.]+/g).map(Number))",
    )
    assert all(max(red, green, blue) <= 80 and (alpha or [1])[0] >= 0.8 for red, green, blue, *alpha in colours)
    # The pictures too: a black figure, and gaps the colour of the paper.
    paint = page.eval_on_selector_all(
        "article svg.picture", "svgs => svgs.map(svg => [getComputedStyle(svg).color, ...[...svg.querySelectorAll('.pic-gap')].map(gap => getComputedStyle(gap).stroke)])"
    )
    assert all(figure == "rgb(0, 0, 0)" and set(gaps) <= {"rgb(255, 255, 255)"} for figure, *gaps in paint)


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


@pytest.mark.parametrize("url", SHEETS)
def test_printed_text_is_at_least_12_points(page: Page, site_url: str, url: str) -> None:
    page.goto(site_url + url)
    page.emulate_media(media="print")
    assert page.locator(".print-emergency").evaluate("p => parseFloat(getComputedStyle(p).fontSize)") >= 16  # the emergency line too
    sizes = page.eval_on_selector_all(
        "article ol li, article ul li, article .admonition p, article > p:not(.review-dates, .print-address),"
        " .print-sheet p, .print-sheet th, .poses figcaption",
        "els => els.filter(el => el.getClientRects().length).map(el => parseFloat(getComputedStyle(el).fontSize))",
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
    goto_for_instant_navigation(page, site_url)
    page.evaluate("window.arrivedByInstantNavigation = true")
    page.locator(".md-nav__link", has_text="Floor twist").first.click()
    page.wait_for_url("**/floor-twist/")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("[window.arrivedByInstantNavigation, window.printed]") == [True, 1]


def test_only_tutorials_have_a_print_button(built_page) -> None:
    assert built_page("safety/").select(".print-button") == []
    assert len(built_page("floor-twist/").select(".print-button")) == 1


@pytest.fixture(scope="module")
def site_without_address(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built with no site address, as a plain build or the offline zip is; and its log."""
    site = tmp_path_factory.mktemp("no-address")
    result = build_site(site, {"SITE_URL": ""}, in_process=True)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def test_without_a_site_address_the_sheet_prints_no_address_and_no_qr_code(site_without_address: tuple[Path, str]) -> None:
    site, log = site_without_address
    for url in SHEETS:
        sheet = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(".print-sheet")
        assert sheet.select(".qr-code, .print-link") == []
        assert "http" not in sheet.get_text() and SHEET_WORDS[language(url)]["week"] in " ".join(sheet.get_text().split())
        assert " ".join(sheet.select_one(".print-emergency").get_text().split()) == EMERGENCY_LINE[language(url)]
    assert [line for line in log.splitlines() if "No SITE_URL" in line] == [
        "INFO    -  No SITE_URL: pages carry no printed address or QR code, and the embedding snippets "
        "show https://your-site.example/ to replace"
    ]


LONG_SITE_URL = "https://wellbeing.intranet.example-company.com/unstuck/"


@pytest.fixture(scope="module")
def site_with_a_long_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for a long intranet address (with a report address, as a hosted copy
    needs), served from 127.0.0.1: what prints is the built address, not the one served."""
    site = tmp_path_factory.mktemp("long-address")
    config = (ROOT / "mkdocs.yml").read_text().replace("\nextra:\n", "\nextra:\n  report_mistake_url: mailto:health@example.org\n", 1)
    result = build_site(site, {"SITE_URL": LONG_SITE_URL}, config=config, in_process=True)
    assert result.returncode == 0, result.stderr
    url, stop = serve(site)
    yield url
    stop()


@pytest.mark.parametrize("url", SHEETS)
def test_a_long_site_address_neither_widens_nor_spills_the_sheet(page: Page, site_with_a_long_address: str, tmp_path: Path, url: str) -> None:
    sheets = print_on_each_paper(page, site_with_a_long_address + url, {paper: tmp_path / f"{paper}.pdf" for paper in PAPER})
    assert {paper: len(sheet.pages) for paper, sheet in sheets.items()} == {"A4": 1, "Letter": 1}
    # Wider than the paper, Chromium would shrink the whole sheet, its text below 12 pt.
    for paper, (printable_width, _) in PRINTABLE_MM.items():
        page.set_viewport_size({"width": round(printable_width * 96 / 25.4), "height": 1000})
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), paper
