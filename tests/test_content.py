"""The built pages: structure, plain English, consistent numbers, pictures and links."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import PAGES, ROOT, TUTORIALS, built_pages, outside_references

PROSE_PAGES = [url for url in PAGES if url != "embed-the-timer/"]


def article(soup: BeautifulSoup) -> Tag:
    return soup.select_one("article.md-content__inner")


def prose(soup: BeautifulSoup) -> str:
    """The page's own sentences: each paragraph, list item and heading ends a sentence.

    Left out: the timer (its instruction is generated), code, and the page's foot (sources,
    review dates, report link), which are titles and dates rather than prose.
    """
    body = BeautifulSoup(str(article(soup)), "html.parser")
    for tag in body.select("breath-timer, pre, code, .headerlink, .sources, .review-dates, .report-mistake"):
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


def first_steps(body: Tag) -> Tag:
    return body.find(id="steps").find_next("ol")


@pytest.mark.parametrize("url", TUTORIALS)
def test_before_you_start_box_lists_every_stop_signal_and_links_the_check(built_page, url: str) -> None:
    box = article(built_page(url)).select_one(".admonition.warning")
    assert box.select_one(".admonition-title").get_text() == "Before you start"
    signals = [" ".join(item.get_text().split()) for item in box.find_all("li")]
    assert signals == ["sharp, stabbing or burning pain", "pain that shoots down a leg", "new numbness or tingling", "dizzy or faint"]
    assert box.find("a", href="#is-this-twist-right-for-you") is not None


@pytest.mark.parametrize("url", TUTORIALS)
def test_who_should_not_twist_comes_before_the_first_step(built_page, url: str) -> None:
    body = article(built_page(url))
    check = body.find(id="is-this-twist-right-for-you")
    assert check in first_steps(body).find_all_previous("h2")
    text = ""
    for sibling in check.find_next_siblings():
        if sibling.get("id") == "steps":
            break
        text += " " + sibling.get_text(" ")
    text = " ".join(text.split()).lower()
    for condition in ["slipped disc", "sciatica", "spondylolisthesis", "osteoporosis", "never to your limit", "hip replacement", "surgery on your spine or hip", "pregnant", "wheelchair"]:
        assert condition in text, (url, condition)
    safety_links = [a for a in check.find_all_next("a", href=True) if a["href"].endswith("safety/")]
    assert safety_links and safety_links[0] in first_steps(body).find_all_previous("a")


def test_floor_tutorial_sends_hip_replacements_and_the_floor_bound_to_the_chair(built_page) -> None:
    body = article(built_page("floor-twist/"))
    check = " ".join(body.find(id="is-this-twist-right-for-you").find_next("ul").get_text(" ").split())
    assert "hip replacement): not the floor twist" in check
    assert "cannot get down to the floor safely" in check


def test_chair_tutorial_asks_for_a_chair_that_does_not_spin(built_page) -> None:
    text = " ".join(article(built_page("chair-twist/")).get_text(" ").split())
    assert "Use a chair without wheels, or lock its wheels." in text


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_steps_are_numbered_one_action_each(built_page, url: str) -> None:
    steps = article(built_page(url)).find("ol").find_all("li", recursive=False)
    assert len(steps) >= 6
    assert all(len(step.get_text().split()) <= 25 for step in steps)


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_teaches_the_hold_the_own_pace_and_the_breath_cue(built_page, url: str) -> None:
    text = " ".join(article(built_page(url)).get_text(" ").split())
    assert "5 to 8 slow, easy breaths, about half a minute" in text
    assert "Go at your own pace, never force it." in text
    assert "Stop if you feel dizzy" in text
    assert "breathe in to lengthen, breathe out to twist" in text
    assert built_page(url).find("breath-timer") is not None


def test_numbers_agree_with_the_brief_wherever_stated(built_page) -> None:
    for url in PROSE_PAGES:
        text = " ".join(article(built_page(url)).get_text(" ").split())
        for low, high in re.findall(r"(\d+) to (\d+) (?:[a-z, ]+ )?breaths", text):
            assert (low, high) == ("5", "8"), url
        # 8 slow breaths cannot fit in 15 seconds: the hold is "about half a minute".
        assert not re.search(r"\d+ to \d+ seconds", text), url


def test_no_page_asks_you_to_turn_a_little_further(built_page) -> None:
    for url in PAGES:
        assert "a little further" not in article(built_page(url)).get_text(" "), url


def test_timer_defaults_sit_inside_the_taught_ranges() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    timer = {name: float(value) for name, value in config["extra"]["breath_timer"].items()}
    assert 5 <= timer["breaths"] <= 8
    assert timer["breaths"] * (timer["inhale"] + timer["exhale"]) == 30


@pytest.mark.parametrize("url", PROSE_PAGES)
def test_page_reads_in_plain_english(built_page, url: str) -> None:
    text = prose(built_page(url))
    assert textstat.flesch_reading_ease(text) >= 70
    assert textstat.flesch_kincaid_grade(text) <= 6


def test_every_image_has_alt_text(built_page) -> None:
    for url in PAGES:
        for image in article(built_page(url)).find_all("img"):
            assert image.get("alt", "").strip(), (url, image)


def test_every_svg_picture_has_a_title_and_description() -> None:
    for svg in (ROOT / "docs" / "images").glob("*.svg"):
        soup = BeautifulSoup(svg.read_text(), "html.parser")
        assert soup.find("title").string.strip() and soup.find("desc").string.strip(), svg.name


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    base = "http://site/"
    ids: dict[Path, set[str]] = {}
    broken = []
    for path in built_pages(site_dir).values():
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


def test_safety_page_has_three_levels_of_urgency(built_page) -> None:
    boxes = article(built_page("safety/")).select(".admonition")
    kinds = [next(c for c in box["class"] if c != "admonition") for box in boxes]
    assert kinds == ["info", "warning", "danger"]
    assert "999 in the UK, 911 in the US, 112 in the EU" in boxes[2].get_text(" ")


def test_no_box_title_ends_mid_sentence(built_page) -> None:
    for url in PAGES:
        for title in article(built_page(url)).select(".admonition-title"):
            last_word = title.get_text().split()[-1].lower()
            assert last_word not in {"and", "or", "if", "the", "a", "to", "with", "but"}, (url, title.get_text())


RED_FLAGS = {
    "info": ["not got better after a few weeks", "stops you doing everyday things", "very bad or getting worse", "worried about it"],
    "warning": [
        "a high temperature",
        "lost weight without trying",
        "a lump or swelling on your back",
        "does not get better when you rest, or is worse at night",
        "sneeze, cough or poo",
        "between your shoulder blades",
    ],
    "danger": [
        "numbness in both legs",
        "genitals, bottom or inner thighs",
        "when you wipe",
        "cannot control when you pee or poo",
        "new problems with sex",
        "chest pain",
        "serious fall or accident",
        "cauda equina syndrome",
    ],
}


@pytest.mark.parametrize("kind", RED_FLAGS)
def test_each_red_flag_sits_in_its_own_urgency_box(built_page, kind: str) -> None:
    boxes = {kind: " ".join(box.get_text(" ").split()) for box in article(built_page("safety/")).select(".admonition") for kind in box["class"] if kind != "admonition"}
    for flag in RED_FLAGS[kind]:
        assert flag in boxes[kind], (kind, flag)
        assert all(flag not in text for other, text in boxes.items() if other != kind), (kind, flag)


def test_safety_page_names_the_risk_factors_and_what_to_expect(built_page) -> None:
    text = " ".join(article(built_page("safety/")).get_text(" ").split())
    for words in [
        "have had cancer",
        "steroid tablets",
        "over 50 and have back pain for the first time",
        "an infection recently",
        "gets better within a few weeks",
        "Ask a pharmacist about painkillers",
        "Stretching on its own has not been shown to help much",
    ]:
        assert words in text, words


def brief_sources() -> dict[str, str]:
    """The links of the brief's source table, the only sources a page may cite."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    return {key: source["url"] for key, source in config["extra"]["sources"].items()}


BRIEF_SOURCE_LINKS = {
    "https://www.nhs.uk/conditions/back-pain/",
    "https://www.nhs.uk/conditions/sciatica/",
    "https://www.nhs.uk/conditions/cauda-equina-syndrome/",
    "https://www.nice.org.uk/guidance/ng59",
    "https://doi.org/10.1002/14651858.CD009790.pub2",
    "https://doi.org/10.1136/bjsports-2019-100886",
    "https://doi.org/10.1002/14651858.CD010912.pub5",
    "https://www.hse.gov.uk/msd/dse/",
    "https://doi.org/10.1007/s00198-014-2881-4",
}


def test_site_sources_are_exactly_the_briefs() -> None:
    assert set(brief_sources().values()) == BRIEF_SOURCE_LINKS


def test_every_link_in_a_sources_list_is_one_of_the_briefs_sources(built_page) -> None:
    cited = 0
    for url in PAGES:
        for link in article(built_page(url)).select(".sources a[href]"):
            assert link["href"] in BRIEF_SOURCE_LINKS, (url, link["href"])
            assert link.get_text().strip(), (url, link["href"])
            cited += 1
    assert cited


@pytest.mark.parametrize(("url", "source"), [
    ("safety/", "https://www.nhs.uk/conditions/back-pain/"),
    ("safety/", "https://www.nhs.uk/conditions/cauda-equina-syndrome/"),
    ("safety/", "https://doi.org/10.1136/bjsports-2019-100886"),
    ("chair-twist/", "https://doi.org/10.1007/s00198-014-2881-4"),
    ("floor-twist/", "https://doi.org/10.1007/s00198-014-2881-4"),
    ("daily-habit/", "https://www.hse.gov.uk/msd/dse/"),
    ("why-sitting-hurts/", "https://doi.org/10.1002/14651858.CD010912.pub5"),
    ("how-the-twist-works/", "https://doi.org/10.1002/14651858.CD009790.pub2"),
])
def test_page_that_states_a_sourced_fact_cites_it(built_page, url: str, source: str) -> None:
    assert article(built_page(url)).select_one(f'.sources a[href="{source}"]') is not None


def test_every_content_page_shows_its_review_dates(built_page) -> None:
    for url in PAGES:
        dates = " ".join(article(built_page(url)).select_one(".review-dates").get_text(" ").split())
        assert re.fullmatch(r"Page last reviewed: \d{1,2} [A-Z][a-z]+ \d{4} Next review due: \d{1,2} [A-Z][a-z]+ \d{4}", dates), url


def test_every_content_page_links_to_report_a_mistake(built_page) -> None:
    for url in PAGES:
        link = article(built_page(url)).select_one(".report-mistake a")
        assert link.get_text() == "Report a mistake on this page", url
        # No address is set in mkdocs.yml: the link leads to the About page's words on it.
        assert urljoin(f"http://site/{url}", link["href"]) == "http://site/about/#report-a-mistake", url


def test_about_page_says_what_the_guide_is_and_how_to_report_a_mistake(built_page) -> None:
    body = article(built_page("about/"))
    headings = [h.get_text(" ", strip=True).removesuffix(" ¶").strip() for h in body.find_all("h2")]
    for heading in ["Who it is for", "How it was written", "What it is not", "How often it is reviewed", "Report a mistake"]:
        assert heading in " | ".join(headings), heading
    assert body.find(id="report-a-mistake") is not None


def word_runs(text: str, length: int) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def run_hash(run: str) -> str:
    return hashlib.sha256(run.encode()).hexdigest()[:16]


def test_no_run_of_nine_words_is_copied_from_the_source_article(built_page) -> None:
    lines = (Path(__file__).parent / "source-article-runs.txt").read_text().splitlines()
    source_runs = {line for line in lines if not line.startswith("#")}
    for url in PAGES:
        copied = {run for run in word_runs(article(built_page(url)).get_text(" "), 9) if run_hash(run) in source_runs}
        assert copied == set(), (url, copied)
