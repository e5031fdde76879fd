"""The built pages: structure, plain English, consistent numbers, pictures and links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import outside_references

ROOT = Path(__file__).resolve().parent.parent


def nav_urls() -> list[str]:
    """The URL path of every page in mkdocs.yml's nav, in order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    files = [next(iter(item.values())) for item in config["nav"]]
    return ["" if name == "index.md" else name.removesuffix(".md") + "/" for name in files]


PAGES = nav_urls()
PROSE_PAGES = [url for url in PAGES if url != "embed-the-timer/"]
TUTORIALS = ["chair-twist/", "floor-twist/"]


def article(soup: BeautifulSoup) -> Tag:
    return soup.select_one("article.md-content__inner")


def prose(soup: BeautifulSoup) -> str:
    """The page's own sentences: each paragraph, list item and heading ends a sentence.

    Left out: the timer (its instruction is generated), code, and the review dates.
    """
    body = BeautifulSoup(str(article(soup)), "html.parser")
    for tag in body.select("breath-timer, pre, code, .headerlink, .review-dates"):
        tag.decompose()
    sentences = []
    for block in body.find_all(["p", "li", "h1", "h2", "h3", "h4", "td", "th"]):
        if block.find(["p", "li"]):
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            sentences.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(sentences)


def test_every_nav_page_is_built(site_dir: Path) -> None:
    for url in PAGES:
        assert (site_dir / url / "index.html").is_file(), url


def test_every_page_has_a_unique_title(built_page) -> None:
    titles = [built_page(url).title.string for url in PAGES]
    assert len(set(titles)) == len(titles), titles


def test_every_page_has_a_unique_description_of_search_result_length(built_page) -> None:
    descriptions = [built_page(url).find("meta", attrs={"name": "description"})["content"] for url in PAGES]
    assert len(set(descriptions)) == len(descriptions)
    assert all(50 <= len(text) <= 160 for text in descriptions), descriptions


def test_every_page_has_one_h1(built_page) -> None:
    for url in PAGES:
        assert len(built_page(url).find_all("h1")) == 1, url


def test_headings_never_skip_a_level(built_page) -> None:
    for url in PAGES:
        levels = [int(h.name[1]) for h in article(built_page(url)).find_all(re.compile(r"^h[1-6]$"))]
        assert all(after - before <= 1 for before, after in zip(levels, levels[1:])), (url, levels)


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_links_safety_before_first_step(built_page, url: str) -> None:
    body = article(built_page(url))
    steps = body.find("ol")
    safety_links = [a for a in body.select(".admonition a[href]") if a["href"].endswith("safety/")]
    assert safety_links, "no safety link in a note"
    assert safety_links[0] in steps.find_all_previous("a")


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_steps_are_numbered_one_action_each(built_page, url: str) -> None:
    steps = article(built_page(url)).find("ol").find_all("li", recursive=False)
    assert len(steps) >= 6
    assert all(len(step.get_text().split()) <= 25 for step in steps)


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_teaches_the_hold_and_the_breath_cue(built_page, url: str) -> None:
    text = " ".join(article(built_page(url)).get_text(" ").split())
    assert "5 to 8 deep breaths" in text
    assert "about 15 to 30 seconds" in text
    assert "breathe in to lengthen, breathe out to twist" in text
    assert built_page(url).find("breath-timer") is not None


def test_numbers_agree_with_the_brief_wherever_stated(built_page) -> None:
    for url in PROSE_PAGES:
        text = " ".join(article(built_page(url)).get_text(" ").split())
        for low, high in re.findall(r"(\d+) to (\d+) (?:deep )?breaths", text):
            assert (low, high) == ("5", "8"), url
        for low, high in re.findall(r"(\d+) to (\d+) seconds", text):
            assert (low, high) == ("15", "30"), url


def test_timer_defaults_sit_inside_the_taught_ranges() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    timer = {name: float(value) for name, value in config["extra"]["breath_timer"].items()}
    assert 5 <= timer["breaths"] <= 8
    assert 15 <= timer["breaths"] * (timer["inhale"] + timer["exhale"]) <= 30


def test_every_content_page_shows_its_review_dates(built_page) -> None:
    for url in PROSE_PAGES:
        dates = article(built_page(url)).select_one(".review-dates").get_text(" ")
        assert re.search(r"Page last reviewed: \d+ \w+ \d{4}", dates), url
        assert re.search(r"Next review due: \d+ \w+ \d{4}", dates), url


@pytest.mark.parametrize("url", PROSE_PAGES)
def test_page_reads_in_plain_english(built_page, url: str) -> None:
    text = prose(built_page(url))
    assert textstat.flesch_reading_ease(text) >= 60
    assert textstat.flesch_kincaid_grade(text) <= 8


def test_safety_page_has_three_levels_of_urgency(built_page) -> None:
    boxes = article(built_page("safety/")).select(".admonition")
    kinds = [next(c for c in box["class"] if c != "admonition") for box in boxes]
    assert kinds == ["info", "warning", "danger"]
    assert "999 in the UK, 911 in the US, 112 in the EU" in boxes[2].get_text(" ")


def test_every_image_has_alt_text(built_page) -> None:
    for url in PAGES:
        for image in article(built_page(url)).find_all("img"):
            assert image.get("alt", "").strip(), (url, image)


def test_every_svg_picture_has_a_title_and_description() -> None:
    for svg in (ROOT / "docs" / "images").glob("*.svg"):
        soup = BeautifulSoup(svg.read_text(), "html.parser")
        assert soup.find("title").string.strip() and soup.find("desc").string.strip(), svg.name


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    base = "http://site/"
    ids: dict[Path, set[str]] = {}
    broken = []
    for path in built_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page_url = base + path.relative_to(site_dir).as_posix()
        for tag in soup.find_all(["a", "link", "script", "img"]):
            target = tag.get("href") or tag.get("src")
            if not target or target.startswith(("mailto:", "tel:")):
                continue
            url = urlparse(urljoin(page_url, target))
            if f"{url.scheme}://{url.netloc}/" != base:
                continue
            file = site_dir / url.path.lstrip("/")
            if url.path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append((path.name, target))
            elif url.fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = {tag["id"] for tag in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find_all(id=True)}
                if url.fragment not in ids[file]:
                    broken.append((path.relative_to(site_dir).as_posix(), target))
    assert broken == []


def test_no_script_style_font_or_image_comes_from_another_site(site_dir: Path) -> None:
    assert outside_references(site_dir) == []
