"""The guide in Spanish: every page has its twin, linked both ways, built in step with English,
in plain Spanish, with no English left in it, and a header switch that lands on the twin."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import site_words
from bs4 import BeautifulSoup
from helpers import (
    ENGLISH_WORDS,
    NAMES,
    PAGES,
    ROOT,
    WORD,
    article,
    build_site,
    english_in,
    first_visit,
    goto_for_instant_navigation,
    open_language_menu_and_choose,
    prose,
    throwaway_site,
)
from languages import missing_twins, translation_note
from playwright.sync_api import Page, expect

# Every page of the site by its English address, the admins' pages and the bare embed included.
ALL_PAGES = PAGES + ["embed-the-timer/"] * ("embed-the-timer/" not in PAGES)
SPANISH_PROSE = [f"es/{url}" for url in ALL_PAGES]


def twin_url(url: str) -> str:
    return url.removeprefix("es/") if url.startswith("es/") else f"es/{url}"


def english_pages(site: Path) -> list[str]:
    """Every built English page, by its address, the 404 page and search's files aside."""
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("index.html")
        if not path.relative_to(site).as_posix().startswith(("es/", "search/"))
    )


def alternate(soup: BeautifulSoup, language: str) -> str | None:
    link = soup.find("link", rel="alternate", hreflang=language)
    return link["href"] if link else None


def test_every_english_page_has_a_spanish_twin_linked_both_ways(site_dir: Path, built_page, site_url: str) -> None:
    pages = english_pages(site_dir)
    assert len(pages) >= 11
    for url in pages:
        spanish = twin_url(url)
        assert (site_dir / spanish / "index.html").is_file(), f"{url} has no Spanish twin at /{spanish}"
        # Relative on Material's pages, in full on embed/: either way, to the twin.
        assert urljoin(site_url + url, alternate(built_page(url), "es")) == site_url + spanish, url
        assert urljoin(site_url + spanish, alternate(built_page(spanish), "en")) == site_url + url, spanish
        assert built_page(spanish).html["lang"] == "es", spanish
        assert built_page(url).html["lang"] == "en", url


def menu_titles(soup: BeautifulSoup) -> set[str]:
    return {" ".join(link.get_text(" ").split()) for link in soup.select(".md-nav--primary .md-nav__link")}


def test_every_menu_title_has_its_spanish_title(built_page) -> None:
    """A page added to nav without its title in the Spanish nav_translations would keep its
    English title in every Spanish page's menu."""
    english, spanish = menu_titles(built_page("")), menu_titles(built_page("es/"))
    assert len(spanish) == len(english) > 5
    assert english & spanish == set()


def test_sitemap_lists_both_languages_with_their_alternates(site_dir: Path, site_url: str) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for url in PAGES:
        assert f"<loc>{site_url}{url}</loc>" in sitemap and f"<loc>{site_url}es/{url}</loc>" in sitemap, url
        assert f'hreflang="es" href="{site_url}es/{url}"' in sitemap, url


def structure(soup: BeautifulSoup) -> list[str]:
    """What must match between twins: headings by level, boxes by kind with the items of each
    list in them, every list's item count, pictures, buttons and the timer, in page order."""
    shape = []
    body = article(soup)
    for tag in body.find_all(["h1", "h2", "h3", "h4", "ul", "ol", "div", "svg", "figure", "breath-timer", "a", "table", "form"]):
        classes = tag.get("class") or []
        if tag.name in ("ul", "ol"):
            shape.append(f"{tag.name}:{len(tag.find_all('li', recursive=False))}")
        elif tag.name == "div" and "admonition" in classes:
            shape.append(f"box:{classes[1]}")
        elif tag.name == "svg" and "picture" in classes:
            shape.append("picture")
        elif tag.name == "a" and "md-button" in classes:
            shape.append("button")
        elif tag.name in ("h1", "h2", "h3", "h4", "figure", "breath-timer", "table", "form"):
            shape.append(tag.name)
    return shape


@pytest.mark.parametrize("url", ALL_PAGES)
def test_spanish_page_has_the_structure_of_its_english_twin(built_page, url: str) -> None:
    assert structure(built_page(f"es/{url}")) == structure(built_page(url)), f"es/{url} differs from {url or 'home'}"


def test_spanish_pages_keep_the_page_rules_of_the_english_ones(built_page, site_url: str) -> None:
    """What tests/test_content.py and test_seo.py ask of every English page, asked of the Spanish:
    a unique title, a unique description of search-result length, one h1, no skipped heading
    level, alt text on every image, the canonical address and the link preview's words."""
    soups = {url: built_page(url) for url in SPANISH_PROSE}
    titles = [soup.title.string for soup in soups.values()]
    descriptions = [soup.find("meta", attrs={"name": "description"})["content"] for soup in soups.values()]
    assert len(set(titles)) == len(titles) and len(set(descriptions)) == len(descriptions), (titles, descriptions)
    assert all(50 <= len(text) <= 160 for text in descriptions), descriptions
    for url, soup in soups.items():
        assert len(soup.find_all("h1")) == 1, url
        levels = [int(h.name[1]) for h in article(soup).find_all(re.compile(r"^h[1-6]$"))]
        assert all(after - before <= 1 for before, after in zip(levels, levels[1:])), (url, levels)
        assert all(image.get("alt", "").strip() for image in article(soup).find_all("img")), url
        assert soup.find("link", rel="canonical")["href"] == site_url + url
        assert soup.find("meta", property="og:title")["content"] in soup.title.string, url
        assert soup.find("meta", property="og:description")["content"] == soup.find("meta", attrs={"name": "description"})["content"]


def test_safety_page_keeps_the_stop_signals_and_the_three_urgency_boxes_item_for_item(built_page) -> None:
    english, spanish = article(built_page("safety/")), article(built_page("es/safety/"))
    for kind in ("info", "warning", "danger"):
        boxes = [page.select_one(f".admonition.{kind}") for page in (english, spanish)]
        assert [len(box.find_all("li")) for box in boxes][0] == [len(box.find_all("li")) for box in boxes][1], kind
    assert "112" in spanish.select_one(".admonition.danger").get_text() and "911" in spanish.select_one(".admonition.danger").get_text()


VOWELS = "aeiouáéíóúü"
# Two of these side by side are two syllables (a hiatus): "le-er", "re-ú-ne".
STRONG = "aeoáéóíú"
def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word by its vowel groups: a weak vowel (i, u, ü unstressed) with
    another vowel is one syllable (a diphthong), two strong vowels are two."""
    word = word.lower()
    if word.endswith("y"):
        word = word[:-1] + "i"
    count, previous = 0, ""
    for letter in word:
        if letter in VOWELS and (previous not in VOWELS or (previous in STRONG and letter in STRONG)):
            count += 1
        previous = letter
    return max(count, 1)


def szigriszt_pazos(text: str) -> float:
    """INFLESZ's figure: 206.835 - 62.3 x syllables a word - words a sentence. textstat 0.7.4
    has it, but counts Spanish syllables with hyphenation rules that miss some ("adormecimiento"
    gives 5, not 6), which flatters a page; so the syllables are counted here."""
    words = WORD.findall(text)
    sentences = max(1, len(re.findall(r"[.!?:](?:\s|$)", text)))
    return 206.835 - 62.3 * sum(map(spanish_syllables, words)) / len(words) - len(words) / sentences


def test_syllable_count_follows_spanish_diphthongs_and_hiatus() -> None:
    counts = {"adormecimiento": 6, "espalda": 3, "leer": 2, "reúne": 3, "cuidado": 3, "hoy": 1, "aorta": 3, "ciática": 3}
    assert {word: spanish_syllables(word) for word in counts} == counts


@pytest.mark.parametrize("url", SPANISH_PROSE)
def test_spanish_page_reads_in_plain_spanish(built_page, url: str) -> None:
    figure = szigriszt_pazos(prose(built_page(url)))
    print(f"{url}: Szigriszt-Pazos {figure:.1f}")
    assert figure >= 65, f"{url}: Szigriszt-Pazos {figure:.1f}, below 65 (INFLESZ 'normal')"


def text_outside_english(soup: BeautifulSoup) -> str:
    """What a Spanish reader sees or hears of a page: its text and text alternatives, but not
    code, the breath timer's element (the timer's own words come with the timer), addresses or
    what is marked as English (the sources' titles, the theme's name)."""
    page = BeautifulSoup(str(soup), "html.parser")
    # The printed sheet's address (".print-link strong") keeps the English slugs, as decided.
    for tag in page.select('[lang="en"], code, pre, kbd, script, style, breath-timer, link, .print-link strong'):
        tag.decompose()
    attributes = [value for tag in page.find_all(True) for name in ("alt", "aria-label", "title", "placeholder")
                  if isinstance(value := tag.get(name), str)]
    text = " ".join([page.body.get_text(" "), page.title.get_text(), *attributes])
    return re.sub(r"https?://\S+", "", text)  # printed addresses are not words


@pytest.mark.parametrize("url", SPANISH_PROSE)
def test_no_english_sentence_left_in_a_spanish_page(built_page, url: str) -> None:
    words = WORD.findall(text_outside_english(built_page(url)))
    english = sorted({word for word in words if word.lower() in ENGLISH_WORDS and word not in NAMES})
    assert english == [], f"{url} has English words: {english}"


@pytest.mark.parametrize("url", SPANISH_PROSE)
def test_spanish_page_says_it_is_a_translation_and_dates_its_reviews_in_spanish(built_page, url: str) -> None:
    soup = built_page(url)
    note = soup.select_one(".translation-note").get_text()
    assert re.search(r"traducción de la edición en inglés del \d+ de \w+ de \d{4}\.", note), url
    assert "Ningún profesional de la salud de habla hispana ha revisado esta traducción." in note
    dates = " ".join(soup.select_one(".review-dates").get_text().split())
    assert re.search(r"Última revisión de la página: \d+ de (noviembre|diciembre) de \d{4}", dates), dates


def test_translation_note_names_a_review_by_role_and_date_when_there_is_one() -> None:
    import datetime

    note = translation_note(datetime.date(2026, 11, 30), {"role": "una fisioterapeuta colegiada", "date": datetime.date(2026, 11, 25)}, "es")
    assert note == ("Esta página es una traducción de la edición en inglés del 30 de noviembre de 2026. "
                    "Revisó la traducción: una fisioterapeuta colegiada, el 25 de noviembre de 2026.")


def test_spanish_sources_are_the_same_links_and_say_they_are_in_english(built_page) -> None:
    english = built_page("safety/").select(".sources li")
    spanish = built_page("es/safety/").select(".sources li")
    assert [item.a["href"] for item in spanish] == [item.a["href"] for item in english]
    assert all(item.get_text().rstrip().endswith("en inglés)") for item in spanish)


def test_spanish_sources_mark_their_english_titles_and_join_them_in_spanish(built_page) -> None:
    """A screen reader says an English title in an English voice (WCAG 3.1.2); the words around
    it are Spanish: "y otros", "actualizada en", "Reino Unido"."""
    items = [item for url in ["es/safety/", "es/daily-habit/", "es/about/"] for item in built_page(url).select(".sources li")]
    assert items and all(item.a["lang"] == "en" for item in items)
    spoken = " ".join(" ".join(BeautifulSoup(str(item), "html.parser").get_text(" ").split()) for item in items)
    for english in ["and others", "updated", "UK", "guideline"]:
        assert english not in text_outside_english(BeautifulSoup(f"<html><title></title><body>{''.join(map(str, items))}</body></html>", "html.parser")), english
    for spanish in ["Hayden y otros", "Quintner, Bove y Cohen", "Guía NICE NG59", "2016, actualizada en 2020; en inglés", "(Reino Unido; en inglés)"]:
        assert spanish in spoken, spanish
    # English pages mark nothing: the whole page is English.
    assert not built_page("safety/").select(".sources [lang]")


def test_a_page_missing_in_either_language_is_named() -> None:
    pages = ["index.md", "index.es.md", "safety.md", "about.es.md"]
    assert missing_twins(pages, ["en", "es"]) == ["about.md", "safety.es.md"]


def test_words_are_read_again_after_an_edit_as_mkdocs_serve_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs keeps its hooks loaded between mkdocs serve's rebuilds: an edited words.yml shows."""
    words = tmp_path / "words.yml"
    text = (ROOT / "hooks" / "words.yml").read_text(encoding="utf-8")
    words.write_text(text, encoding="utf-8")
    monkeypatch.setattr(site_words, "WORDS_FILE", words)
    assert site_words.site_words()["en"]["search"] == "Search"
    words.write_text(text.replace("  search: Search\n", "  search: Find\n", 1), encoding="utf-8")
    os.utime(words, ns=(words.stat().st_atime_ns, words.stat().st_mtime_ns + 1_000_000_000))
    assert site_words.site_words()["en"]["search"] == "Find"


STALE_PAGE = "---\nreviewed: 2025-01-01\nreview_due: 2025-06-01\n---\n\n# {title}\n"


def test_each_warning_prints_once_naming_the_spanish_page_where_it_is_about_one(tmp_path: Path) -> None:
    """The plugin builds the site once per language: a warning about the site's settings prints
    once, not once per language, and a page's warning names the page's own file."""
    pages = {"index.md": STALE_PAGE.format(title="Home"), "index.es.md": STALE_PAGE.format(title="Inicio")}
    config = (
        "extra: {sources: {nhs: {by: NHS, title: Back pain, url: https://www.nhs.uk/}}}\n"
        "plugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: en, default: true, name: English}\n        - {locale: es, name: Español}\n"
    )
    project = throwaway_site(tmp_path, pages, config, ("site_address.py", "languages.py", "page_trust.py"))
    result = build_site(env={"SITE_URL": "https://health.example.com/"}, project=project, strict=False)
    assert result.returncode == 0, result.stderr
    # The lapsed review date is said at INFO level, so that --strict builds pass.
    said = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("WARNING") or "has passed" in line]
    assert [message.split(" ")[0] for message in said] == ["SITE_URL", "index.md:", "index.es.md:"], result.stderr
    assert "extra.report_mistake_url is not set" in said[0] and "review_due (2025-06-01) has passed" in said[2]


@pytest.mark.parametrize("url", ALL_PAGES)
def test_language_switch_lands_on_the_twin_and_back(tab: Page, site_url: str, url: str) -> None:
    first_visit(tab, site_url + url)
    open_language_menu_and_choose(tab, "es")
    expect(tab).to_have_url(site_url + "es/" + url)
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    open_language_menu_and_choose(tab, "en")
    expect(tab).to_have_url(site_url + url)
    expect(tab.locator("html")).to_have_attribute("lang", "en")


def test_language_switch_follows_instant_navigation(page: Page, site_url: str) -> None:
    goto_for_instant_navigation(page, site_url)
    page.evaluate("window.samePage = true")
    for url in ["safety/", "daily-habit/", "chair-twist/"]:
        page.locator(f".md-nav--primary a[href$='{url}']").first.click()
        expect(page).to_have_url(site_url + url)
    assert page.evaluate("window.samePage"), "Material's instant navigation did not run"
    open_language_menu_and_choose(page, "es")
    expect(page).to_have_url(site_url + "es/chair-twist/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_contain_text("Giro en la silla")


def test_instant_navigation_works_between_spanish_pages(page: Page, site_url: str) -> None:
    goto_for_instant_navigation(page, site_url + "es/")
    page.evaluate("window.samePage = true")
    page.locator(".md-nav--primary a[href$='safety/']").first.click()
    expect(page).to_have_url(site_url + "es/safety/")
    expect(page.locator("h1")).to_contain_text("Seguridad")
    assert page.evaluate("window.samePage"), "Material's instant navigation did not run"


# With the service worker running: the test hears every warning and error the pages say, and
# where the browser blocks the worker, the page warns that it keeps no offline copy.
@pytest.mark.service_worker
def test_spanish_timer_keeps_its_words_after_instant_navigation(page: Page, site_url: str) -> None:
    """Reached from another Spanish page without a full load, the timer still speaks Spanish:
    Material runs the content's inline scripts again without their type and id, so the words
    travel in the head."""
    said: list[str] = []
    page.on("console", lambda message: message.type in ("warning", "error") and said.append(message.text))
    goto_for_instant_navigation(page, site_url + "es/")
    page.evaluate("window.samePage = true")
    for url in ("es/chair-twist/", "es/safety/", "es/floor-twist/"):
        page.locator(f".md-nav--primary a[href$='{url.removeprefix('es/')}']").first.click()
        expect(page).to_have_url(site_url + url)
        if url != "es/safety/":
            expect(page.locator("breath-timer .bt-buttons .bt-toggle")).to_have_text("Empezar")
    assert page.evaluate("window.samePage"), "Material's instant navigation did not run"
    assert said == []


def test_spanish_search_finds_spanish_pages(page: Page, site_url: str) -> None:
    page.goto(site_url + "es/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("hormigueo", delay=50)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ documentos? encontrados?$"), timeout=10_000)
    links = page.locator(".md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all("/es/" in href for href in hrefs), hrefs


def pages_saying(site: Path, word: str) -> set[str]:
    """The Spanish pages whose search entries hold a word, as Material's index gives them."""
    index = json.loads((site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {"es/" + doc["location"].split("#")[0] for doc in index["docs"]
            if word in WORD.findall((doc["title"] + " " + doc["text"]).lower())}


def test_spanish_search_finds_a_words_forms_by_its_beginning_with_lunrs_spanish_rules_from_the_site(
    page: Page, site_url: str, site_dir: Path
) -> None:
    """Search runs lunr's Spanish rules (stop words), loaded from the site itself. It does not
    stem (see mkdocs.yml); the beginning of a word finds each of its forms instead."""
    singular, plural = pages_saying(site_dir, "respiración"), pages_saying(site_dir, "respiraciones")
    assert singular - plural and plural - singular
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "es/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("respira", delay=50)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ documentos? encontrados?$"), timeout=10_000)
    links = page.locator(".md-search-result__link")
    found = {links.nth(i).evaluate("link => link.pathname").removeprefix("/") for i in range(links.count())}
    assert singular | plural <= found, (singular | plural) - found
    scripts = {url.rsplit("/", 1)[1]: url for url in requested if "/lunr/" in url}
    assert {"lunr.stemmer.support.min.js", "lunr.es.min.js"} <= set(scripts), requested
    assert all(url.startswith(site_url) for url in scripts.values()), scripts
    config = json.loads((site_dir / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["es"]


@pytest.mark.parametrize(("home", "word"), [("", "silla"), ("", "NHS"), ("es/", "sciatica"), ("es/", "NHS")])
def test_each_language_searches_its_own_pages(page: Page, site_url: str, home: str, word: str) -> None:
    """English search never opens a Spanish page under English `lang` and header, nor the reverse."""
    page.goto(site_url + home)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(word, delay=50)
    expect(page.locator(".md-search-result__meta")).not_to_have_text("", timeout=10_000)
    page.wait_for_timeout(500)
    links = page.locator(".md-search-result__link")
    paths = [links.nth(i).evaluate("link => link.pathname").removeprefix("/") for i in range(links.count())]
    assert all(path.startswith("es/") == (home == "es/") for path in paths), paths
    if word == "NHS":  # in both languages' pages: each finds its own
        assert paths


# Every utterance the timer asks for, with its language; a voice, so the Voice cue is kept.
RECORD_SPEECH = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", { value: {
  getVoices: () => [{ lang: "es-ES" }], cancel() {}, addEventListener() {}, removeEventListener() {},
  speak: (utterance) => window.spoken.push([utterance.text, utterance.lang]),
} });
"""


def test_spanish_timer_speaks_spanish_with_a_spanish_lang_and_shows_only_spanish(page: Page, site_url: str) -> None:
    page.clock.install()
    page.add_init_script(RECORD_SPEECH)
    page.goto(site_url + "es/chair-twist/")
    timer = page.locator("breath-timer")
    timer.locator("input[value='voice']").check()
    shown_before = timer.evaluate("t => t.querySelector('.bt-ui').innerText")
    timer.locator(".bt-buttons .bt-toggle").click()  # the ready screen, then its Start
    timer.locator(".bt-buttons .bt-toggle").click()
    page.clock.run_for(75_000)
    spoken = page.evaluate("window.spoken")
    said = " ".join(text for text, _ in spoken)
    assert spoken and {lang for _, lang in spoken} == {"es"}, spoken
    assert "Prepárese" in said and "Cambie de lado" in said and "Muy bien" in said, said
    assert english_in(said) == [] and english_in(shown_before) == [], (said, shown_before)
    labels = timer.evaluate("t => [...t.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')).join(' ')")
    assert english_in(labels) == [], labels


def test_spanish_timer_live_region_and_paper_pacer_are_spanish(page: Page, site_url: str, built_page) -> None:
    fallback = built_page("es/chair-twist/").select_one("breath-timer .breath-timer-fallback").get_text(" ")
    assert "Mantenga el giro 5 respiraciones en cada lado" in fallback and english_in(fallback) == [], fallback
    page.clock.install()
    page.goto(site_url + "es/chair-twist/")
    timer = page.locator("breath-timer")
    timer.locator("input[value='tones']").check()
    timer.locator(".bt-buttons .bt-toggle").click()  # the ready screen, then its Start
    timer.locator(".bt-buttons .bt-toggle").click()
    expect(timer.locator(".bt-live")).to_contain_text("Prepárese")
    page.clock.run_for(4_000)
    expect(timer.locator(".bt-live")).to_have_text("1 de 5, tome aire")


def test_embed_takes_its_language_from_the_address(page: Page, site_url: str) -> None:
    page.goto(site_url + "embed/?lang=es&breaths=4")
    # The Spanish embed page, whole: its heading and title too, with the address's settings.
    expect(page).to_have_url(site_url + "es/embed/?lang=es&breaths=4")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name("Temporizador de la respiración")
    expect(page).to_have_title(re.compile("^Temporizador de la respiración"))
    expect(page.locator("breath-timer .bt-buttons .bt-toggle")).to_have_text("Empezar")
    expect(page.locator(".breath-timer-fallback p")).to_contain_text("Mantenga el giro 4 respiraciones en cada lado")


@pytest.mark.parametrize(("address", "language", "start"), [
    ("embed/?lang=fr", "en", "Start"), ("embed/?lang=zz-Latn", "en", "Start"), ("es/embed/?lang=iw", "es", "Empezar"),
])  # fmt: skip
def test_embed_keeps_its_own_language_for_one_it_does_not_carry_and_says_so(
    page: Page, site_url: str, address: str, language: str, start: str
) -> None:
    said: list[str] = []
    page.on("console", lambda message: message.type == "warning" and said.append(message.text))
    page.goto(site_url + address)
    expect(page.locator("breath-timer .bt-buttons .bt-toggle")).to_have_text(start)
    assert page.evaluate("document.querySelector('breath-timer').closest('[lang]').lang") == language
    assert any("is not one of this page's languages (en, es)" in line for line in said), said


def test_english_element_ships_without_other_languages_words(site_dir: Path) -> None:
    shipped = (site_dir / "assets" / "breath-timer.js").read_text(encoding="utf-8")
    assert "Prepárese" not in shipped and "Get ready" in shipped


def test_calendar_file_from_the_spanish_page_reads_in_spanish(page: Page, site_url: str) -> None:
    from icalendar import Calendar

    page.goto(site_url + "es/daily-habit/#calendar")
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar el archivo de calendario").click()
    assert download.value.suggested_filename == "pausas-para-girar.ics"
    events = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert len(events) == 3
    for event in events:
        assert str(event["SUMMARY"]) == "Pausa para girar"
        description = str(event["DESCRIPTION"])
        assert description.startswith("Consulte antes a un médico o fisioterapeuta si ha tenido hace poco una hernia de disco")
        assert "dolor que baja por un brazo o una pierna" in description
        assert "tome aire para estirarse, suelte el aire para girar" in description
        # The tutorial page itself, where the check comes before the steps.
        assert description.endswith(f"Pasos y temporizador: {site_url}es/chair-twist/")
        assert str(event["URL"]) == f"{site_url}es/chair-twist/"
        assert english_in(re.sub(r"https?://\S+", "", description)) == [], description
    status = page.locator("#habit-calendar .habit-status")
    expect(status).to_contain_text("Descargado pausas-para-girar.ics")
    expect(status).to_contain_text("de lunes a viernes, a las 10:30, 14:00 y 16:00")


# The site's scripts that speak, and the words each takes from the page (hooks/words.yml).
SPEAKING_SCRIPTS = {"code-actions.js": "code_example", "habit.js": "habit"}


def page_words(soup: BeautifulSoup) -> dict[str, object]:
    carried = soup.select_one("script#page-words")
    return json.loads(carried.string) if carried else {}


def test_each_page_carries_its_scripts_words_from_the_words_file(built_page) -> None:
    """One source: what the habit forms and the code blocks' buttons say is hooks/words.yml's."""
    seen = set()
    for url in ALL_PAGES + SPANISH_PROSE:
        soup = built_page(url)
        language = soup.html["lang"]
        loaded = {script["src"].rsplit("/", 1)[-1] for script in soup.select("script[src]")}
        expected = {key: site_words.site_words()[language][key] for script, key in SPEAKING_SCRIPTS.items() if script in loaded}
        carried = page_words(soup)
        if "habit" in expected:
            # A habit link's ?days= is read in English on every page.
            expected["address_days"] = site_words.site_words()["en"]["habit"]["days"]
        assert carried == expected, url
        seen |= {(language, key) for key in carried}
    assert {(language, key) for language in ("en", "es") for key in SPEAKING_SCRIPTS.values()} <= seen


def as_a_third_language(page: Page, address: str, words: dict[str, object]) -> None:
    """The page served as if built in Portuguese: its lang, and its scripts' words laid over."""
    def serve(route) -> None:
        html = route.fetch().text()
        soup = BeautifulSoup(html, "html.parser")
        carried = page_words(soup)
        for key, value in words.items():
            carried[key] = carried[key] | value if isinstance(value, dict) else value
        soup.select_one("script#page-words").string = json.dumps(carried, ensure_ascii=False)
        soup.html["lang"] = "pt"
        route.fulfill(body=str(soup), content_type="text/html; charset=utf-8")

    page.route(address, serve)
    page.goto(address)


def test_a_third_languages_words_reach_the_habit_forms_and_the_code_buttons(page: Page, site_url: str) -> None:
    """No script falls back on English words of its own: a language the page carries is spoken."""
    as_a_third_language(page, site_url + "daily-habit/", {"habit": {"remove": "Remover", "break_label": "Pausa {n}",
                                                                     "removed": {"one": "Removida. Resta {left}.", "other": "Removida. Restam {left}."}}})  # fmt: skip
    expect(page.locator(".habit-remove-time").first).to_have_text("Remover")
    expect(page.get_by_label("Pausa 1", exact=True)).to_have_count(1)
    page.locator(".habit-remove-time").first.click()
    expect(page.locator(".habit-calendar [role=status]")).to_have_text("Removida. Restam 2.")
    as_a_third_language(page, site_url + "embed-the-timer/", {"code_example": "Exemplo de código"})
    expect(page.locator(".md-code__nav").first).to_have_attribute("aria-label", "Exemplo de código 1")


def test_language_switch_carries_a_habit_links_choices(page: Page, site_url: str) -> None:
    """An admin's link with choices (`?times=…&days=…#calendar`) keeps them in the other language."""
    choices = "?times=10:30,15:00&days=mon,wed&length=7#calendar"
    page.goto(site_url + "daily-habit/" + choices)
    open_language_menu_and_choose(page, "es")
    expect(page).to_have_url(site_url + "es/daily-habit/" + choices)
    expect(page.get_by_label("Pausa 1", exact=True)).to_have_value("10:30")
    expect(page.get_by_label("Pausa 2", exact=True)).to_have_value("15:00")
    expect(page.get_by_label("Pausa 3", exact=True)).to_have_count(0)


def internal_links(soup: BeautifulSoup, page_address: str, site_url: str) -> list[str]:
    """Where each link of a page leads within the site, from the site's root; the language switch
    and the hreflang links, which lead to the twin on purpose, aside."""
    found = []
    for link in soup.select("a[href]"):
        if link.get("hreflang") or "md-select__link" in link.get("class", []):
            continue
        address = urljoin(site_url + page_address, link["href"]).split("#")[0]
        if address.startswith(site_url):
            found.append(address.removeprefix(site_url))
    return found


@pytest.mark.parametrize("url", [f"es/{url}" for url in ALL_PAGES] + ["es/404.html"])
def test_a_spanish_page_links_only_into_spanish_pages(built_page, site_url: str, url: str) -> None:
    """The foot's "Cómo avisar de un error", the footer's embed link and the 404's links stay in
    Spanish: instant navigation would show an English page under the Spanish header."""
    soup = built_page(url)
    links = internal_links(soup, url, site_url)
    assert links and [link for link in links if not link.startswith(("es/", "assets/", "javascripts/"))] == []


def test_the_language_switch_says_each_language_in_its_own_language(built_page) -> None:
    for url in ("", "es/safety/"):
        switch = built_page(url).select(".md-select__link")
        assert {(link["hreflang"], link.get("lang")) for link in switch} == {("en", "en"), ("es", "es")}


def test_each_headings_permanent_link_is_named_in_the_pages_language(built_page) -> None:
    for url, name in (("safety/", "Link to this section"), ("es/safety/", "Enlace a esta sección")):
        links = built_page(url).select("a.headerlink")
        assert {(link["title"], link["aria-label"]) for link in links} == {(name, name)}


# The fourth edition's Spanish (2026-12-07): words a native reader stumbled on, and what says it
# right in their place.

SPANISH_WORDS_GONE = [
    "fractura antigua",  # narrows "a past break": a break last year counts too
    "Urgencia",  # the same-day tier's word; the top tier is «Emergencia»
    "vaso de sangre",  # reads as "a glass of blood"
    "tirón",  # a jerk, or a pulled muscle: not the good stretch
    "cuando está sentado",  # "take breaks while seated", not "break up your sitting"
    "mitad de la espalda",  # "half of the back"
    "Espalda media",
    "Espalda baja",
    "(Europa)",  # 112 is the European Union's; 911 is not all of America
    "(América)",
    "Hágalo un hábito",
    "en su propio sitio",  # "put it back in its place"
    "Tirar de sí mismo",
]


@pytest.mark.parametrize("url", SPANISH_PROSE)
def test_spanish_page_has_none_of_the_words_the_native_read_took_back(built_page, url: str) -> None:
    soup = built_page(url)
    text = " ".join([soup.title.get_text(), soup.body.get_text(" ")])
    assert [words for words in SPANISH_WORDS_GONE if words in text] == [], url


SPANISH_WORDS_IN_PLACE = [
    *[(url, "alguna fractura de columna, reciente o antigua") for url in ["es/chair-twist/", "es/floor-twist/", "es/safety/", "es/mistakes/"]],
    ("es/safety/", "Emergencia: pida ayuda ya"),
    ("es/safety/", "la arteria principal del abdomen"),
    ("es/safety/", "o vaya hoy a su centro de salud o a un servicio de urgencias"),
    ("es/safety/", "una tensión suave y constante"),
    ("es/how-the-twist-works/", "zona media (dorsal)"),
    ("es/how-the-twist-works/", "zona baja (lumbar)"),
    ("es/how-the-twist-works/", "Zona media"),  # the picture's label, as the text names it
    ("es/how-the-twist-works/", "romper las horas seguidas sentado"),
    ("es/safety/", "romper las horas seguidas sentado"),
    ("es/daily-habit/", "Conviértalo en un hábito"),
]


@pytest.mark.parametrize(("url", "words"), SPANISH_WORDS_IN_PLACE)
def test_spanish_page_says_it_as_the_native_read_asked(built_page, url: str, words: str) -> None:
    assert words in " ".join(article(built_page(url)).get_text(" ").split()), (url, words)


def test_spanish_emergency_numbers_stand_out_as_decided(built_page) -> None:
    box = article(built_page("es/safety/")).select_one(".admonition.danger")
    assert box.select_one(".admonition-title").get_text().startswith("Emergencia")
    assert [number.get_text() for number in box.select("p strong")][:2] == ["112", "911"]
    assert ("Llame al 112 (Unión Europea) o al 911 (EE. UU., México y la mayoría de América Latina), o al número de"
            " emergencias de su país, para pedir una ambulancia") in " ".join(box.get_text(" ").split())


def test_spanish_timer_and_its_paper_write_decimals_with_a_comma(page: Page, site_url: str, built_page) -> None:
    """Spanish readers expect «2,5 segundos»; the attributes stay 2.5 (the brief's fourth edition)."""
    paper = built_page("es/chair-twist/").select_one("breath-timer .breath-timer-fallback p").get_text()
    assert "2,5 segundos" in paper and "3,5 segundos" in paper
    assert built_page("es/chair-twist/").select_one("breath-timer")["inhale"] == "2.5"
    page.goto(site_url + "es/chair-twist/")
    timer = page.locator("breath-timer")
    timer.locator(".bt-buttons .bt-toggle").click()
    expect(timer.locator(".bt-pace")).to_contain_text("tome aire durante 2,5 segundos y suéltelo durante 3,5 segundos")
    page.goto(site_url + "embed/?lang=es&inhale=3.5")
    expect(page.locator(".breath-timer-fallback p")).to_contain_text("3,5 segundos")
    page.goto(site_url + "chair-twist/")
    page.locator("breath-timer .bt-buttons .bt-toggle").click()
    expect(page.locator("breath-timer .bt-pace")).to_contain_text("breathe in for 2.5 seconds")
