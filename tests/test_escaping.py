"""What the templates write from front matter and mkdocs.yml arrives as text: built in a
throwaway site with the project's theme and hooks, served under the policy the build computes,
and read back in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import timer_settings
from helpers import ROOT, Build, build_site, throwaway_site
from local_nginx import start_nginx
from playwright.sync_api import Page

HOST = "127.0.0.3"
WATCH = """
window.policyViolations = [];
addEventListener("securitypolicyviolation", (event) => policyViolations.push(event.violatedDirective));
"""
DESCRIPTION = 'Why "sitting" hurts <script>alert("description")</script> & more'
TITLE = '</title><script>alert("title")</script> "Quoted" & <b>bold</b>'
SITE_NAME = 'Un"stuck" <i>&</i>'
HEADING = "A &lt;/title&gt;&lt;script&gt;alert('heading')&lt;/script&gt; heading"
PAGES = {
    "index.md": "# Home\n\nText.\n",
    "described.md": f"---\ndescription: '{DESCRIPTION}'\nauthor: '\"><script>alert(\"author\")</script>'\n---\n\n# Described\n",
    "titled.md": f"---\ntitle: '{TITLE}'\n---\n\nText.\n",
    "heading.md": f"# {HEADING}\n\nText.\n",
}


def build_themed_site(directory: Path, pages: dict[str, str], settings: str = "", hook_dir: Path = ROOT / "hooks",
                      in_process: bool = False) -> Build:  # fmt: skip
    """A small site with the project's theme, its Material fixes and its header hook. The languages
    hook gives the project's theme its words; the settings hook checks extra, which needs a source.
    In its own process by default: a copy of the hooks (hook_dir) must not meet the project's
    hooks already imported in this one."""
    config = (f"site_description: '{DESCRIPTION}'\ntheme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
              f"extra:\n  sources:\n    nhs: {{by: NHS, title: Back pain, url: 'https://www.nhs.uk/'}}\n{settings}")
    hooks = tuple(hook_dir / name for name in ("site_settings.py", "languages.py", "material_fixes.py", "security_headers.py"))
    return build_site(project=throwaway_site(directory, pages, config, hooks, SITE_NAME), in_process=in_process)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("hostile-text")
    result = build_themed_site(directory, PAGES, "nav:\n  - 'Home <img src=x>': index.md\n  - described.md\n  - titled.md\n  - heading.md\n")
    assert result.returncode == 0, result.stderr
    yield from served_site(directory / "site")


def served_site(site: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    url, stop = start_nginx(site, port, HOST)
    yield url
    stop()


@pytest.fixture
def watched(page: Page) -> Page:
    page.alerts = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.alerts.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.add_init_script(WATCH)
    return page


def read_back(page: Page, url: str) -> dict[str, object]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("""() => ({
        title: document.title,
        description: document.querySelector("meta[name=description]").content,
        author: document.querySelector("meta[name=author]")?.content,
        ogDescription: document.querySelector("meta[property='og:description']").content,
        heading: document.querySelector("article h1").textContent.replace(/\\s+/g, " ").trim(),
        siteName: document.querySelector(".md-header__topic").textContent.trim(),
        menu: [...document.querySelectorAll(".md-nav--primary > .md-nav__list > li > a")].map((a) => a.textContent.trim()),
        violations: policyViolations,
        injected: document.querySelectorAll("article script, header b, header i, nav img").length,
    })""")


def test_a_quoted_description_ships_whole_and_nothing_in_it_runs(watched: Page, served: str) -> None:
    shown = read_back(watched, served + "described/")
    assert shown["description"] == shown["ogDescription"] == DESCRIPTION
    assert shown["author"] == '"><script>alert("author")</script>'
    assert shown["siteName"] == 'Un"stuck" <i>&</i>'
    assert watched.alerts == [] and shown["violations"] == []  # type: ignore[attr-defined]


def test_a_front_matter_title_is_the_pages_title_as_text(watched: Page, served: str) -> None:
    shown = read_back(watched, served + "titled/")
    assert shown["title"] == f"{TITLE} - {SITE_NAME}"
    assert shown["heading"] == TITLE
    assert TITLE in shown["menu"]
    assert watched.alerts == [] and shown["violations"] == []  # type: ignore[attr-defined]


def test_a_headings_escaped_tag_stays_text_in_the_title(watched: Page, served: str) -> None:
    shown = read_back(watched, served + "heading/")
    text = "A </title><script>alert('heading')</script> heading"
    assert shown["title"] == f"{text} - {SITE_NAME}"
    assert shown["heading"].startswith(text)
    assert watched.alerts == [] and shown["violations"] == []  # type: ignore[attr-defined]


def test_the_home_page_and_the_menu_keep_the_site_name_and_nav_titles_as_text(watched: Page, served: str) -> None:
    shown = read_back(watched, served)
    assert shown["title"] == SITE_NAME
    assert shown["menu"][0] == "Home <img src=x>"
    assert shown["injected"] == 0
    assert watched.alerts == [] and shown["violations"] == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(("key", "value"), [("description", "[a, b]"), ("title", "{a: 1}"), ("author", "2026-11-25")])
def test_front_matter_text_that_is_not_text_fails_in_one_line(tmp_path: Path, key: str, value: str) -> None:
    result = build_themed_site(tmp_path, {"index.md": f"---\n{key}: {value}\n---\n\n# Home\n"}, in_process=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"ERROR   -  index.md: front matter {key} must be text, got " in result.stderr


# The site's words (hooks/words.yml) are text wherever the theme writes them.
HOSTILE_WORDS = {
    "search": 'Search "ya" <b>now</b>',
    "how_to_report": "How to report</a><a href=https://evil.example/>a mistake",
    "embed_link": "Embed <script>alert('embed')</script>",
    "sources": "Sources <em>cited",
    "home_page": "home <i>page</i>",
}
DATED_PAGE = "---\nreviewed: 2026-11-30\nreview_due: 2027-11-30\nsources: [nhs]\n---\n\n# Dated\n\nText.\n"


@pytest.fixture(scope="module")
def served_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("hostile-words")
    hooks = shutil.copytree(ROOT / "hooks", directory / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    words = (hooks / "words.yml").read_text(encoding="utf-8")
    for key, value in HOSTILE_WORDS.items():
        words = re.sub(rf"^  {key}: .*$", f"  {key}: {json.dumps(value)}", words, count=1, flags=re.MULTILINE)
    (hooks / "words.yml").write_text(words, encoding="utf-8")
    (directory / "build").mkdir()
    result = build_themed_site(directory / "build", {"index.md": "# Home\n", "dated.md": DATED_PAGE}, hook_dir=hooks)
    assert result.returncode == 0, result.stderr
    yield from served_site(directory / "build" / "site")


def test_the_sites_words_are_written_as_text_in_attributes_links_and_headings(watched: Page, served_words: str) -> None:
    for address in ("dated/", "nowhere/"):
        watched.goto(served_words + address)
        watched.wait_for_load_state("networkidle")
        assert watched.locator("[data-md-component=search][role=dialog]").get_attribute("aria-label") == HOSTILE_WORDS["search"]
        assert watched.locator(".md-copyright a").first.text_content() == HOSTILE_WORDS["embed_link"]
        assert watched.locator("a[href^='https://evil'], article b, article i, article em, footer script").count() == 0
    watched.goto(served_words + "dated/")
    assert watched.locator(".report-mistake a").text_content() == HOSTILE_WORDS["how_to_report"]
    assert watched.locator("#sources").text_content() == HOSTILE_WORDS["sources"]
    watched.goto(served_words + "nowhere/")
    assert HOSTILE_WORDS["home_page"] in watched.locator("article").text_content()
    assert watched.locator("article a").count() == 2  # the 404's two links, its one markup
    assert watched.alerts == []  # type: ignore[attr-defined]


def test_json_in_a_script_element_cannot_end_it_or_open_a_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`<!--<script>` in a word would keep the page's `</script>` from ending the words' script."""
    monkeypatch.setattr(timer_settings, "words", lambda code: {"title": "Antes <!--<script></script> & más"})
    script = timer_settings.words_script(["es"])
    body = script.removeprefix('<script type="application/json" id="breath-timer-words">').removesuffix("</script>")
    assert not re.search(r"[<>&]", body)
    assert json.loads(body) == {"es": {"title": "Antes <!--<script></script> & más"}}
