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
from helpers import (
    PAGES,
    ROOT,
    TUTORIALS,
    Build,
    article,
    build_site,
    built_pages,
    outside_references,
    prose,
    throwaway_site,
)
from timer_settings import validate_defaults

PROSE_PAGES = [url for url in PAGES if url != "embed-the-timer/"]


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


STOP_SIGNALS = ["sharp, stabbing or burning pain", "pain that shoots down an arm or a leg", "new numbness or tingling", "dizzy or faint"]


def first_steps(body: Tag) -> Tag:
    return body.find(id="steps").find_next("ol")


@pytest.mark.parametrize("url", TUTORIALS)
def test_before_you_start_box_lists_every_stop_signal_and_links_the_check(built_page, url: str) -> None:
    box = article(built_page(url)).select_one(".admonition.warning")
    assert box.select_one(".admonition-title").get_text() == "Before you start"
    signals = [" ".join(item.get_text().split()) for item in box.find_all("li")]
    assert signals == STOP_SIGNALS
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
    for condition in [
        "slipped disc",
        "sciatica",
        "spondylolisthesis",
        "osteoporosis",
        "never to your limit",
        "a new hip",
        "surgery on your spine, hip or tummy",
        "a recent birth (most of all by caesarean)",
        "a hernia",
        "pregnant",
        "neck problems, or pins and needles in an arm: turn your head less, or not at all",
        "wheelchair",
    ]:
        assert condition in text, (url, condition)
    safety_links = [a for a in check.find_all_next("a", href=True) if a["href"].endswith("safety/")]
    assert safety_links and safety_links[0] in first_steps(body).find_all_previous("a")


def test_floor_tutorial_sends_new_hips_and_knees_sore_joints_and_the_floor_bound_to_the_chair(built_page) -> None:
    body = article(built_page("floor-twist/"))
    check = " ".join(body.find(id="is-this-twist-right-for-you").find_next("ul").get_text(" ").split())
    assert (
        "A new hip or knee (hip or knee replacement), pain in a hip or knee, a wheelchair, or you cannot get down to the"
        " floor safely: do the chair twist instead."
    ) in check


def test_floor_tutorial_props_up_a_back_that_rounds(built_page) -> None:
    text = " ".join(article(built_page("floor-twist/")).get_text(" ").split())
    assert "If your back rounds with straight legs, sit on a folded towel or cushion, or bend the straight leg a little." in text


def test_chair_tutorial_asks_for_a_chair_that_neither_rolls_nor_swivels(built_page) -> None:
    text = " ".join(article(built_page("chair-twist/")).get_text(" ").split())
    assert "Use a steady chair that does not roll or swivel, such as a kitchen or meeting-room chair." in text
    assert "Locking the wheels does not stop a seat from turning." in text


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_steps_are_numbered_one_action_each(built_page, url: str) -> None:
    steps = article(built_page(url)).find("ol").find_all("li", recursive=False)
    assert len(steps) >= 6
    assert all(len(step.get_text().split()) <= 25 for step in steps)


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_teaches_the_hold_the_own_pace_and_the_breath_cue(built_page, url: str) -> None:
    text = " ".join(article(built_page(url)).get_text(" ").split())
    assert "5 to 8 easy breaths at your own pace, about half a minute" in text
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
    """The element's defaults, with mkdocs.yml's overrides laid over them as the hook does."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    timer = validate_defaults({name: float(value) for name, value in (config["extra"]["breath_timer"] or {}).items()})
    assert 5 <= timer["breaths"] <= 8
    assert timer["breaths"] * (timer["inhale"] + timer["exhale"]) == 30
    assert 60 / (timer["inhale"] + timer["exhale"]) <= 10  # breaths a minute


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
    assert kinds == ["danger", "warning", "info"]
    assert "999 in the UK, 911 in the US, 112 in the EU" in boxes[0].get_text(" ")


# The fourth edition of the brief (2026-12-07): its items, on the built pages.

URGENCY_JUMPS = {"": ["Emergency", "Same day", "See a doctor"], "es/": ["Emergencia", "El mismo día", "Vaya al médico"]}


@pytest.mark.parametrize("language", URGENCY_JUMPS)
def test_safety_page_jumps_to_each_urgency_box_from_under_its_title(built_page, language: str) -> None:
    """Four phone screens down, the emergency box is one tap away from the top of the page."""
    body = article(built_page(f"{language}safety/"))
    first_section = body.find("h2")
    jumps = [link for link in body.select('a.md-button[href^="#"]') if link in first_section.find_all_previous("a")]
    assert [text_of(link) for link in jumps] == URGENCY_JUMPS[language]
    boxes = [body.find(id=link["href"][1:]) for link in jumps]
    assert [box["class"] for box in boxes] == [["admonition", kind] for kind in ("danger", "warning", "info")]


def test_safety_page_says_what_to_expect_before_the_warning_signs(built_page) -> None:
    body = article(built_page("safety/"))
    assert body.find(id="what-to-expect") in body.select_one(".admonition").find_all_previous("h2")
    assert "It usually gets better within a few weeks or months." in text_of(article_section(built_page("safety/"), "what-to-expect"))


def test_a_burst_aneurysm_needs_an_ambulance_and_each_sign_counts_on_its_own(built_page) -> None:
    box = article(built_page("safety/")).select_one(".admonition.danger")
    lead = next(p for p in box.find_all("p") if "for an ambulance" in text_of(p))
    signs = [text_of(item) for item in lead.find_next("ul").find_all("li")]
    assert signs == [
        "sudden, severe pain in your tummy or lower back",
        "you feel dizzy, sweaty or clammy",
        "your heart beats fast",
        "you are short of breath",
        "you faint or pass out",
        "chest pain",
    ]
    after = text_of(lead.find_next("ul").find_next("p"))
    assert after.startswith("Do not drive yourself.") and "burst aortic aneurysm" in after
    assert "with dizziness" not in text_of(box)


def test_cauda_equina_signs_send_you_to_hospital_and_not_at_the_wheel(built_page) -> None:
    box = article(built_page("safety/")).select_one(".admonition.danger")
    lead = next(p for p in box.find_all("p") if "emergency department" in text_of(p))
    assert "numbness in both legs" in text_of(lead.find_next("ul"))
    assert text_of(lead.find_next("ul").find_next("p")) == "Do not drive yourself. Do not wait to see if it gets better."


def test_warning_signs_say_most_not_all_follow_the_nhs(built_page) -> None:
    text = text_of(article_section(built_page("safety/"), "when-to-get-help"))
    assert "Most of these warning signs follow the advice of the NHS" in text
    assert "A few, such as leg weakness that is getting worse, come from what doctors do in practice." in text


def test_past_cancer_and_a_sudden_pain_on_weak_bones_get_a_deadline(built_page) -> None:
    items = [text_of(li) for li in article_section(built_page("safety/"), "when-to-see-a-doctor-even-without-these-signs").find_all("li")]
    assert items[0].startswith("You have had cancer, and your back pain is new: see a doctor within a few days, and say that you had cancer.")
    assert "Go the same day if you also have pain at night, pain high in your back, or you feel unwell." in items[0]
    assert "even after a small fall, a lift or a cough: see a doctor the same day." in items[1]
    assert article(built_page("safety/")).select_one('.sources a[href="https://www.nice.org.uk/guidance/ng234"]') is not None


def test_chair_twist_gives_weak_bones_no_lever_and_everyone_no_pull(built_page) -> None:
    body = article(built_page("chair-twist/"))
    weak_bones = text_of(next(li for li in body.find_all("li") if "(osteoporosis)" in li.get_text()))
    assert "Cross your arms on your chest or rest your hands on your thighs: do not hold the chair." in weak_bones
    steps = [text_of(step) for step in first_steps(body).find_all("li", recursive=False)]
    assert "Rest your hands lightly on your thighs or on the chair. Never pull with them." in steps
    assert not [step for step in steps if "Hold the back of the chair" in step]
    # The base is set before the turn.
    assert steps.index("Set your hips and knees facing forward. Keep them still from now on.") < next(
        i for i, step in enumerate(steps) if "turn your ribs and chest" in step
    )


TITLES_THAT_STATE_A_CAUSE = ["why sitting hurts", "ease the ache", "hand the job to others", "what a day in a chair can do"]


def test_no_title_or_heading_states_a_contested_cause_or_benefit(built_page) -> None:
    for url in PAGES:
        soup = built_page(url)
        headings = [soup.title.get_text(), *(h.get_text() for h in article(soup).find_all(["h1", "h2", "h3"]))]
        headings += [link.get_text() for link in soup.select(".md-nav__link")]
        for heading in headings:
            assert not [claim for claim in TITLES_THAT_STATE_A_CAUSE if claim in heading.lower()], (url, heading)
    assert "Why long sitting can leave you stiff" in built_page("why-sitting-hurts/").title.get_text()


def test_the_therapists_account_of_tired_muscles_is_marked_untested(built_page) -> None:
    text = text_of(article_section(built_page("why-sitting-hurts/"), "one-therapists-view-tired-muscles"))
    assert "This explanation has not been tested in research." in text
    assert "In the therapist's view, deep, small muscles" in text


def test_the_neck_turns_most_and_the_mid_back_most_below_it(built_page) -> None:
    text = text_of(article(built_page("how-the-twist-works/")))
    assert "Your neck turns the most. Below the neck, most of the turning happens in your mid-back." in text
    assert "it turns only a few degrees" in text
    labels = [text_of(label) for label in article(built_page("how-the-twist-works/")).select("svg text")]
    assert "Below the neck," in labels and "Most turning" not in labels


def test_mistakes_page_gives_weak_bones_their_own_heading_linked_to_the_check(built_page) -> None:
    section = article_section(built_page("mistakes/"), "if-you-have-weak-bones")
    assert section.find("a", href=re.compile(r"chair-twist/#is-this-twist-right-for-you$")) is not None


def test_no_box_title_ends_mid_sentence(built_page) -> None:
    for url in PAGES:
        for title in article(built_page(url)).select(".admonition-title"):
            last_word = title.get_text().split()[-1].lower()
            assert last_word not in {"and", "or", "if", "the", "a", "to", "with", "but"}, (url, title.get_text())


RED_FLAGS = {
    "info": [
        "not got better after a few weeks",
        "stops you doing everyday things",
        "very bad or getting worse",
        "worried about it",
        # Inflammatory back pain (NHS, "Ankylosing spondylitis").
        "back stiffness for 3 months or more that came on slowly, began before you were 45",
        "is worst in the morning, and lasts more than 30 minutes",
        "gets better when you move, not when you rest",
        "wakes you in the second half of the night",
    ],
    "warning": [
        "NHS 111 (in England and Wales) or your local urgent-care line",
        "a high temperature",
        "lost weight without trying",
        "a lump or swelling on your back",
        "does not get better when you rest, or is worse at night",
        "sneeze, cough or poo",
        "between your shoulder blades",
        "weakness in a leg that is getting worse, such as tripping, or a foot that slaps down",
    ],
    "danger": [
        "numbness in both legs",
        "genitals, bottom or inner thighs",
        "when you wipe",
        "cannot control when you pee or poo",
        "you do not notice when you need to pee or poo",
        "you have lost feeling when you pee or poo",
        "Do not wait to see if it gets better.",
        "sudden, severe pain in your tummy or lower back",
        "you feel dizzy, sweaty or clammy",
        "your heart beats fast",
        "you are short of breath",
        "you faint or pass out",
        "for an ambulance",
        "burst aortic aneurysm",
        "new problems with sex",
        "chest pain",
        "serious fall or accident",
        "Do not drive yourself.",
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
        "You have had cancer",
        "steroid tablets",
        "over 50 and have back pain for the first time",
        "an infection recently",
        "gets better within a few weeks or months",
        "Ask a pharmacist about painkillers",
        "Try a heat or cold pack, or a warm bath.",
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
    # Added by the third edition.
    "https://www.nhs.uk/conditions/abdominal-aortic-aneurysm/",
    "https://doi.org/10.1002/14651858.CD012487.pub2",
    "https://doi.org/10.1093/rheumatology/keu471",
    "https://www.nhs.uk/live-well/exercise/sitting-exercises/",
    "https://www.nhs.uk/conditions/ankylosing-spondylitis/",
    # Added by the fourth edition.
    "https://www.nice.org.uk/guidance/ng234",
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
    ("how-the-twist-works/", "https://doi.org/10.1136/bjsports-2019-100886"),
    ("how-the-twist-works/", "https://www.nhs.uk/live-well/exercise/sitting-exercises/"),
    ("safety/", "https://www.nhs.uk/conditions/abdominal-aortic-aneurysm/"),
    ("safety/", "https://www.nhs.uk/conditions/ankylosing-spondylitis/"),
    ("safety/", "https://www.nhs.uk/conditions/sciatica/"),
    ("safety/", "https://www.nice.org.uk/guidance/ng59"),
    ("safety/", "https://www.nice.org.uk/guidance/ng234"),
    ("why-sitting-hurts/", "https://doi.org/10.1002/14651858.CD012487.pub2"),
    ("why-sitting-hurts/", "https://doi.org/10.1093/rheumatology/keu471"),
    ("daily-habit/", "https://doi.org/10.1002/14651858.CD012487.pub2"),
    ("", "https://www.nhs.uk/conditions/back-pain/"),
    ("mistakes/", "https://doi.org/10.1007/s00198-014-2881-4"),
])
def test_page_that_states_a_sourced_fact_cites_it(built_page, url: str, source: str) -> None:
    assert article(built_page(url)).select_one(f'.sources a[href="{source}"]') is not None


def test_every_content_page_shows_its_review_dates(built_page) -> None:
    for url in PAGES:
        line = BeautifulSoup(str(article(built_page(url)).select_one(".review-dates")), "html.parser")
        for paper_note in line.select(".print-only"):
            paper_note.decompose()
        dates = " ".join(line.get_text(" ").split())
        assert re.fullmatch(r"Page last reviewed: \d{1,2} [A-Z][a-z]+ \d{4} Next review due: \d{1,2} [A-Z][a-z]+ \d{4}", dates), url


def test_without_a_report_address_each_page_says_how_to_report_and_about_does_not_point_back(built_page) -> None:
    for url in PAGES:
        link = article(built_page(url)).select_one(".report-mistake a")
        # No address is set in mkdocs.yml: the link promises the way, not a report form.
        assert link.get_text() == "How to report a mistake", url
        assert urljoin(f"http://site/{url}", link["href"]) == "http://site/about/#report-a-mistake", url
    section = article_section(built_page("about/"), "report-a-mistake")
    assert section.find("a") is None  # nothing that leads back to the same words
    assert "This copy has no way set up to report a mistake. Please tell whoever shared this guide with you" in text_of(section)


def article_section(soup: BeautifulSoup, heading_id: str) -> BeautifulSoup:
    """What follows a heading, up to the next heading of its level or the page's foot (its
    sources and review dates), as its own document."""
    heading = article(soup).find(id=heading_id)
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in (heading.name, "section") or "review-dates" in sibling.get("class", []):
            break
        parts.append(str(sibling))
    return BeautifulSoup("".join(parts), "html.parser")


def text_of(tag: Tag | BeautifulSoup) -> str:
    return " ".join(tag.get_text(" ").split())


def test_about_page_says_what_the_guide_is_and_how_to_report_a_mistake(built_page) -> None:
    body = article(built_page("about/"))
    headings = [h.get_text(" ", strip=True).removesuffix(" ¶").strip() for h in body.find_all("h2")]
    for heading in ["Who it is for", "Who publishes it", "How it was written", "Clinical review", "What it is not", "How often it is reviewed", "Report a mistake"]:
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


# The third edition of the brief (2026-11-30): its corrections, on the built pages.

REMOVED_CLAIMS = [
    "exercise of any kind",  # Owen 2020 found stretching no better than control
    "your office chair",  # most office chairs roll and swivel
    "as far as you can",  # the limit is comfort, not reach
    "Only a health professional can",  # most often no single cause is found
    "Old studies found",  # the disc-pressure history has no checked source
    "measured the load inside the body",
    "call a seated twist a stretch",  # the NHS page says no such thing
    "health services say that changing your posture",
    "best guardian of your own health",  # a motivational-poster line
    "A pharmacist works in",
    "Your belly and chest turn together",  # reads as a turn of the low back
    "pain that shoots down a leg",  # the stop signal names an arm too
    "refer yourself",  # no checked source covers self-referral
    "self-referral",
    "can break a bone",  # "may raise the risk" is what the source supports
    # Taken back by the fourth edition.
    "with dizziness, sweating or fainting",  # each sign of a burst aneurysm counts on its own
    "You are not alone",  # a stock phrase
    "A physiotherapist is a health worker",  # an explainer, like the pharmacist one
    "2 centimetres",  # an invented figure
    "in your chair",  # the desk chair, which rolls and swivels
    "twist you can do at your desk",
    "Hold the back of the chair",  # a lever to the end of the turn, which weak bones must avoid
    "as far as your surgeon allows",  # surgeons set when, not how far
    "Your neck turns only as much as your chest",  # reads two ways
    "slow the timer down",  # says what, not how
]


def test_claims_the_third_edition_removed_are_gone(built_page) -> None:
    for url in PAGES:
        text = text_of(built_page(url))
        assert [claim for claim in REMOVED_CLAIMS if claim.lower() in text.lower()] == [], url


def test_every_page_that_names_the_stop_signals_names_them_alike(built_page) -> None:
    for url in TUTORIALS + ["safety/"]:
        text = text_of(article(built_page(url)))
        assert all(signal in text for signal in STOP_SIGNALS), url


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_says_where_to_turn_if_a_stop_signal_does_not_settle(built_page, url: str) -> None:
    body = article(built_page(url))
    line = next(p for p in body.find_all("p") if "does not settle soon after you stop" in p.get_text())
    assert line.find("a")["href"].endswith("safety/")
    assert line in first_steps(body).find_all_previous("p")


def test_safety_page_warns_against_heat_on_numb_skin_beside_the_heat_advice(built_page) -> None:
    items = [text_of(li) for li in article(built_page("safety/")).find_all("li")]
    heat = next(i for i, item in enumerate(items) if item.startswith("Try a heat or cold pack"))
    assert items[heat + 1] == "Do not put heat, such as a hot water bottle, on skin that feels numb. The heat can burn you."


@pytest.mark.parametrize("url", TUTORIALS + ["safety/", "mistakes/"])
def test_weak_bones_ask_first_then_turn_small_and_slow(built_page, url: str) -> None:
    item = text_of(next(block for block in article(built_page(url)).find_all(["li", "p"]) if "(osteoporosis), or a" in block.get_text()))
    assert item.index("ask a doctor or physiotherapist first") < item.index("If they agree") < item.index("small, slow turn")
    if url in ("safety/", "mistakes/"):
        assert "may raise the risk of breaking a bone in the spine" in item


def test_safety_page_says_a_cause_is_often_not_found_and_most_need_no_scan(built_page) -> None:
    text = text_of(article_section(built_page("safety/"), "when-to-get-help"))
    assert "A doctor or physiotherapist can check your back." in text
    assert "Often no single cause is found, and most people with low back pain do not need a scan." in text


@pytest.mark.parametrize("url", ["how-the-twist-works/", "safety/"])
def test_exercise_is_put_as_the_reviews_found_it(built_page, url: str) -> None:
    text = text_of(article(built_page(url)))
    # Hayden 2021 found small to moderate effects.
    assert "Research shows that regular exercise can help a little with back pain that lasts a long time. Walking, exercises that make you stronger, and Pilates" in text
    assert "Stretching on its own has not been shown to help much." in text
    assert "No study has tested this twist on its own for back pain." in text


def test_why_sitting_hurts_gives_posture_and_crossed_legs_as_views_not_facts(built_page) -> None:
    body = article(built_page("why-sitting-hurts/"))
    text = text_of(body)
    assert "But in this guide's view, a better posture alone is unlikely to fix back pain." in text
    assert "The therapist finds that crossing your legs" in text and "In the therapist's view, sitting on one buttock" in text
    pointer = next(p for p in body.find_all("p") if "If pain runs down your leg, read" in p.get_text())
    assert pointer.find("a")["href"].endswith("safety/#when-to-get-help")


def test_sitting_studies_are_cited_only_for_what_they_measured(built_page) -> None:
    for url in ["why-sitting-hurts/", "daily-habit/"]:
        text = text_of(article(built_page(url)))
        assert "can cut the time people spend sitting. It is not yet clear that these changes ease aches and pains." in text


def test_the_twist_is_explained_as_the_ribs_turning_on_still_hips(built_page) -> None:
    text = text_of(article(built_page("how-the-twist-works/")))
    assert "Your ribs and chest turn. The muscles of your belly do the turning. Your hips stay put." in text
    assert "Here is one explanation." in text
    assert "The NHS lists a seated twist of the upper body among its everyday sitting exercises." in text


def test_mistakes_page_keeps_the_comfort_limit_and_gives_harms_as_advice(built_page) -> None:
    text = text_of(article(built_page("mistakes/")))
    assert "keep both sit bones down, as if glued to the seat. Turn only as far as is comfortable. If one sit bone starts to lift, come back a little." in text
    assert "can strain your back" in text and "can strain your neck" in text
    assert "Take it as good advice, not as proven fact." in text


@pytest.mark.parametrize("url", TUTORIALS)
def test_tutorial_states_the_timers_default_pace_and_not_to_hurry_the_breath(built_page, url: str) -> None:
    text = text_of(article(built_page(url)))
    # The timer's default since 2026-11-30: 5 breaths of 2.5 s in and 3.5 s out, 30 s a side.
    assert "The timer paces you: 5 slow breaths on each side, right first. Each side takes half a minute." in text
    assert "Do not breathe deeper or faster to keep up. If you feel light-headed, breathe normally, then press Pace and choose Slow." in text


def test_floor_timer_gives_ten_seconds_to_get_down_and_to_change_legs(built_page) -> None:
    body = article(built_page("floor-twist/"))
    assert "You get 10 seconds to get ready, and 10 seconds to change legs." in text_of(body)
    timer = body.find("breath-timer")
    assert (timer["prepare"], timer["switch"]) == ("10", "10")


def test_about_page_is_honest_about_the_copy_when_the_host_fills_nothing_in(built_page) -> None:
    body = article(built_page("about/"))
    assert text_of(article_section(built_page("about/"), "who-publishes-it")) == (
        "This copy does not say who publishes it. Whoever hosts it has not filled in their name."
    )
    assert text_of(article_section(built_page("about/"), "clinical-review")) == (
        "No clinician, such as a doctor or a physiotherapist, has reviewed this edition."
    )
    text = text_of(body)
    assert "an article by a massage therapist, who is not named here" in text
    assert "Every fact was" not in text
    assert "A page is checked sooner if one of its sources changes, or if someone reports a mistake in it." in text


HOST_SETTINGS = (
    "extra:\n"
    "  publisher: Example Ltd health and safety team\n"
    "  clinical_review: {role: a chartered physiotherapist, date: 2026-12-05}\n"
    "  report_mistake_url: mailto:health@example.org\n"
)


def build_with(tmp_path: Path, site_url: str, extra_settings: str = "") -> Build:
    """A throwaway `mkdocs build --strict` of this site, with host settings added to extra; in this
    process, since these tests read only its log and pages."""
    config = (ROOT / "mkdocs.yml").read_text()
    if extra_settings:
        config = config.replace("\nextra:\n", "\n" + extra_settings, 1)
    return build_site(tmp_path / "site", {"SITE_URL": site_url}, config=config, in_process=True)


def test_about_page_names_the_publisher_and_the_review_the_host_fills_in(tmp_path: Path) -> None:
    result = build_with(tmp_path, "https://health.example.com/", HOST_SETTINGS)
    assert result.returncode == 0, result.stderr
    about = BeautifulSoup((tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert text_of(article_section(about, "who-publishes-it")) == "This copy of the guide is published by Example Ltd health and safety team."
    assert text_of(article_section(about, "clinical-review")) == "A chartered physiotherapist reviewed this edition on 5 December 2026."
    assert article_section(about, "report-a-mistake").find("a", href="mailto:health@example.org") is not None
    link = article(about).select_one(".report-mistake a")
    assert (link.get_text(), link["href"]) == ("Report a mistake on this page", "mailto:health@example.org")


def test_hosted_build_without_a_report_address_warns_what_to_set(tmp_path: Path) -> None:
    result = build_with(tmp_path, "https://health.example.com/")
    assert result.returncode == 1  # --strict: the warning stops the build
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  SITE_URL is https://health.example.com/ but extra.report_mistake_url is not set: readers of a "
        "hosted copy need a way to report a mistake. Set extra.report_mistake_url in mkdocs.yml to a web form, an "
        "issue tracker or a mailto: address"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("site_url", ["", "http://127.0.0.1:8000/", "http://localhost:8000/"])
def test_local_build_without_a_report_address_stays_quiet(tmp_path: Path, site_url: str) -> None:
    """A small site with the hooks that read the address and judge it (site_address.py,
    page_trust.py): a whole site's build, as the test above makes, adds only time."""
    config = "extra:\n  sources:\n    nhs: {by: NHS, title: Back pain, url: 'https://www.nhs.uk/'}\n"
    page = "---\nreviewed: 2026-11-25\nreview_due: 2027-11-25\nsources: [nhs]\n---\n\n# Home\n"
    project = throwaway_site(tmp_path, page, config, ("site_settings.py", "site_address.py", "page_trust.py"))
    result = build_site(env={"SITE_URL": site_url}, project=project, in_process=True)
    assert result.returncode == 0, result.stderr
    assert "report_mistake_url" not in result.stderr


@pytest.mark.parametrize(("setting", "value"), [
    ("clinical_review", "{role: Dr Smith}"),
    ("clinical_review", "{role: a physiotherapist, date: soon}"),
    ("translation_review", "{date: 2026-11-25}"),
    ("publisher", "42"),
])
def test_host_setting_the_about_page_cannot_say_fails_the_build_in_one_line(tmp_path: Path, setting: str, value: str) -> None:
    result = build_with(tmp_path, "", f"extra:\n  {setting}: {value}\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and f"mkdocs.yml: extra.{setting} is " in errors[0] and "or leave it out" in errors[0], result.stderr
