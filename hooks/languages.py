"""The guide's two languages kept in step: English at the root, Spanish under /es/.

mkdocs-static-i18n builds each language from `docs/page.md` and its twin `docs/page.es.md`.
This hook adds what the plugin leaves to us:

- every page has its twin in every language, or the build stops naming the page;
- the words the theme and the hooks write around a page's own text (hooks/words.yml, one table
  keyed by language), and dates in the page's language through Babel ("25 de noviembre de 2026");
- on every page not in English, the note that it is a translation of the English edition of a
  given date, and who reviewed the translation: `extra.translation_review` (a role and a date,
  never a made-up name), or plainly that no clinician who speaks the language has.
"""

from __future__ import annotations

import datetime
import html
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE
from offline import offline
from site_settings import check_reviews_follow_edition
from site_words import build_language, site_words, template_words
from timer_settings import json_in_script

DEFAULT_LANGUAGE = "en"


class LanguageSwitchHandled(logging.Filter):
    """mkdocs-static-i18n warns that Material's header language switch goes wrong with instant
    navigation; docs/javascripts/language-switch.js points it at each page's twin and loads the
    twin in full (tests/test_languages.py clicks it from every page), so the warning is moot."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "navigation.instant" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(LanguageSwitchHandled())


class SaidOnce(logging.Filter):
    """mkdocs-static-i18n builds the site once for each language, and every hook's on_config
    runs in each build: what a hook says of the site's settings (no SITE_URL, no report address)
    would print once per language. Each message prints once; a message about a page names its
    own file (safety.md, safety.es.md), so each language's page still speaks for itself."""

    def __init__(self) -> None:
        super().__init__()
        self.said: set[tuple[int, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = (record.levelno, record.getMessage())
        first = message not in self.said
        self.said.add(message)
        return first


def say_each_message_once() -> None:
    """On the handlers that print MkDocs' log, one filter each (a handler that counts warnings
    for --strict keeps its own count). MkDocs loads hooks once a process: `mkdocs build` says
    each message once, and `mkdocs serve` once a session, not again at each rebuild."""
    for handler in logging.getLogger("mkdocs").handlers:
        for earlier in [found for found in handler.filters if type(found).__name__ == SaidOnce.__name__]:
            handler.removeFilter(earlier)
        handler.addFilter(SaidOnce())


say_each_message_once()


def long_date(date: datetime.date, language: str) -> str:
    return format_date(date, format="long", locale=site_words()[language]["date_locale"])


def translation_note(edition: datetime.date, review: dict[str, Any] | None, language: str) -> str:
    """What a translated page says of itself: which English edition, and who checked it."""
    words = site_words()[language]
    note = words["translation"].format(date=long_date(edition, language))
    if review:
        checked = words["translation_review"].format(role=review["role"].strip(), date=long_date(review["date"], language))
    else:
        checked = words["no_translation_review"]
    return f"{note} {checked}"


def twin_path(english_path: str, language: str) -> str:
    """docs/about.md in Spanish is docs/about.es.md."""
    return english_path if language == DEFAULT_LANGUAGE else english_path.removesuffix(".md") + f".{language}.md"


def english_path(path: str, languages: list[str]) -> str:
    for language in languages:
        if language != DEFAULT_LANGUAGE and path.endswith(f".{language}.md"):
            return path.removesuffix(f".{language}.md") + ".md"
    return path


def missing_twins(doc_pages: list[str], languages: list[str]) -> list[str]:
    """Each page that lacks its twin in some language, as the file that should be there."""
    present = set(doc_pages)
    pages = sorted({english_path(path, languages) for path in doc_pages})
    return [twin_path(page, language) for page in pages for language in languages if twin_path(page, language) not in present]


def build_languages(config: MkDocsConfig) -> list[str]:
    """The languages mkdocs-static-i18n builds; English alone for a site without it."""
    if "i18n" not in config.plugins:
        return [DEFAULT_LANGUAGE]
    return [language.locale for language in config.plugins["i18n"].config.languages]


# What a translation shares with its English page: the edition it translates, whether it is a
# tutorial (its guided start and printed sheet, emergency line included), its template, its sources.
TWIN_KEYS = ("reviewed", "tutorial", "template", "sources")


def impossible_date(front_matter: str) -> str:
    """The key and text of the date YAML reads as one but no calendar has (2026-02-30)."""
    loader = yaml.SafeLoader(front_matter)
    try:
        root = loader.get_single_node()
        for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
            if value.tag == "tag:yaml.org,2002:timestamp":
                try:
                    loader.construct_object(value, deep=True)
                except ValueError:
                    return f"{key.value} {value.value}"
    finally:
        loader.dispose()
    return "date"


def front_matter(file: File) -> dict[str, Any]:
    """A page's front matter, read before MkDocs reads the page; what is not YAML is left to
    hooks/page_trust.py, which says where it breaks. A date no calendar has would end in a
    traceback naming no file: it stops the build in one line."""
    found = YAML_RE.match(file.content_string)
    if not found:
        return {}
    try:
        data = yaml.safe_load(found[1])
    except yaml.YAMLError:
        return {}
    except ValueError:
        raise PluginError(f"{file.src_uri}: front matter {impossible_date(found[1])} is not a date on the calendar; "
                          "write a real date as YYYY-MM-DD") from None  # fmt: skip
    return data if isinstance(data, dict) else {}


def as_written(value: object) -> str:
    """A front-matter value as YAML writes it, for an error message."""
    if value is None:
        return "unset"
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).removesuffix("\n...\n").strip()


def check_twins_agree(pages: dict[str, dict[str, Any]], languages: list[str]) -> None:
    """A translation says which English edition it translates: its front matter's TWIN_KEYS are
    the English page's, so it never names an edition that does not exist or drops a tutorial."""
    for path, english in pages.items():
        if english_path(path, languages) != path:
            continue
        for language in languages:
            twin = pages.get(twin_path(path, language), english)
            for key in TWIN_KEYS:
                if twin.get(key) != english.get(key):
                    raise PluginError(
                        f"docs/{twin_path(path, language)}: front matter {key} is {as_written(twin.get(key))} but "
                        f"docs/{path} has {as_written(english.get(key))}; a translation keeps its English page's "
                        f"{', '.join(TWIN_KEYS[:-1])} and {TWIN_KEYS[-1]}"
                    )


def edition_date(pages: dict[str, dict[str, Any]]) -> datetime.date | None:
    """The day the edition was complete: the last day one of its pages was reviewed."""
    dates = [meta["reviewed"] for meta in pages.values() if type(meta.get("reviewed")) is datetime.date]
    return max(dates, default=None)


# Before mkdocs-static-i18n's on_files (priority -100), which keeps only the files of the
# language under way.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = [file.src_uri for file in files if file.src_uri.endswith(".md")]
    languages = build_languages(config)
    missing = missing_twins(pages, languages)
    if missing:
        raise PluginError(f"Pages missing in one language: {', '.join(f'docs/{path}' for path in missing)}; "
                          "every page needs its twin in each language, such as docs/about.es.md beside docs/about.md")
    metas = {file.src_uri: front_matter(file) for file in files if file.src_uri.endswith(".md")}
    check_twins_agree(metas, languages)
    check_reviews_follow_edition(config.extra, edition_date(metas))
    return files


def check_words(words: dict[str, dict[str, str]], languages: list[str]) -> None:
    """Every language the site builds has its words (hooks/site_words.py checks each column whole)."""
    missing = [language for language in languages if language not in words]
    if missing:
        raise PluginError(f"hooks/words.yml: {', '.join(missing)} has no words; add a column for each language the site builds")


# After mkdocs-static-i18n's on_config (-100), which sets the language under way, and before
# hooks/material_fixes.py's (-110), which escapes the site's texts: the plugin's own override
# of site_description would meet the escaped text of the English build and refuse it.
@event_priority(-105)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_words(site_words(), build_languages(config))
    language = build_language(config)
    if language != DEFAULT_LANGUAGE:
        config.site_description = site_words()[language]["site_description"]
    return config


# The site's scripts that speak, and their words in hooks/words.yml: a page that loads one
# carries those words, in its language, for the script to read (`script_words`).
SCRIPT_WORDS = {"javascripts/code-actions.js": "code_example", "javascripts/habit.js": "habit"}


def page_scripts(page: Page) -> list[str]:
    """A page's own scripts (overrides/main.html loads them at the end of its content): its front
    matter's `scripts:`, a tutorial's guided start, and the copy buttons' names where it shows code."""
    scripts = list(page.meta.get("scripts") or [])
    if page.meta.get("tutorial"):
        scripts.append("javascripts/guided-start.js")
    if 'class="highlight"' in (page.content or ""):
        scripts.append("javascripts/code-actions.js")
    return scripts


def script_words(scripts: list[str], language: str) -> str:
    """The words a page's scripts say, in its language, as JSON for its head (overrides/main.html),
    which Material's instant navigation brings up to date on every page; none where no script
    speaks. A habit link's ?days= is read in English on every page too (links are shared across
    languages), so the habit page also carries English's day names."""
    words = site_words()
    keys = [SCRIPT_WORDS[script] for script in scripts if script in SCRIPT_WORDS]
    if not keys:
        return ""
    table = {key: words[language][key] for key in keys}
    if "habit" in table:
        table["address_days"] = words[DEFAULT_LANGUAGE]["habit"]["days"]
    return f'<script type="application/json" id="page-words">{json_in_script(table)}</script>'


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    language = build_language(config)
    context["words"] = template_words(language)
    context["page_scripts"] = page_scripts(page)
    context["script_words"] = script_words(context["page_scripts"], language)
    for key in ("reviewed", "review_due"):
        if isinstance(page.meta.get(key), datetime.date):
            context[f"{key}_date"] = long_date(page.meta[key], language)
    if language != DEFAULT_LANGUAGE and isinstance(page.meta.get("reviewed"), datetime.date):
        context["translation_note"] = html.escape(
            translation_note(page.meta["reviewed"], config.extra.get("translation_review"), language)
        )
    return context


def twin_url(page_url: str, language: str, languages: list[str]) -> str:
    """The address of a page's twin in a language, from the site's root: the same slug, under
    the language's folder ("es/safety/"), or at the root for English."""
    slug = page_url
    for other in languages:
        if other != DEFAULT_LANGUAGE and page_url.startswith(f"{other}/"):
            slug = page_url.removeprefix(f"{other}/")
    return slug if language == DEFAULT_LANGUAGE else f"{language}/{slug}"


def page_address(language: str, slug: str, use_directory_urls: bool) -> str:
    """A page of the guide in the given language, from the site's root: about in Spanish is
    "es/about/", so the theme's links (the foot's, the 404's) stay in the reader's language."""
    return twin_url(f"{slug}/" if use_directory_urls else f"{slug}.html", language, [language])


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # Templates outside a page (404.html) need the words too.
    language = build_language(config)
    env.globals["words"] = template_words(language)
    env.globals["page_address"] = lambda slug: page_address(language, slug, config.use_directory_urls)
    return env


def copy_sitemap_where_material_reads_it(site: Path) -> None:
    """Material's language selector reads `sitemap.xml` beside the address of each hreflang link
    in a page's head, taking each for a language's home. Here they are the page itself and its
    twin, as search engines need them, so the one sitemap, which lists both languages, goes into
    every page's folder: each of those requests finds a file, in English and in Spanish.
    (Material's use of it is moot: docs/javascripts/language-switch.js follows the switch.)
    A build for reading from disk has no folder per page: Material reads the languages' homes."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    for page in site.rglob("index.html"):
        if page.parent != site:
            shutil.copyfile(sitemap, page.parent / "sitemap.xml")


def on_pre_template(template: Any, template_name: str, config: MkDocsConfig) -> Any:
    """The 404 page has no twin: its language links lead to each language's home, the plugin's
    own list (the key `alternate`). mkdocs-static-i18n gives each page its twins as the attribute,
    which templates read before the key, and leaves there the twins of the last page the previous
    language built when the next build renders its 404 page, before any page: dropped, it leaves
    templates the key."""
    if template_name == "404.html" and "alternate" in vars(config.extra):
        del config.extra.alternate
    return template


# Material's settings in each page: `base` is where its search finds search/search_index.json.
MATERIAL_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def search_own_language(page_html: str, language: str) -> str:
    """Each language searches its own pages: a translation's search reads the index in its own
    folder (es/search/), which `split_search_index` writes, and so never opens a page of the
    other language under this one's `lang`, header and timer words."""
    if language == DEFAULT_LANGUAGE:
        return page_html
    return MATERIAL_BASE.sub(lambda found: f"{found[1]}{found[2].rstrip('/')}/{language}/{found[3]}", page_html, count=1)


def split_search_index(site: Path, languages: list[str], offline_copy: bool) -> None:
    """Material's search plugin writes one index of both languages (mkdocs-static-i18n adds each
    to it); each language gets its own, with its own word rules, in its own folder. The offline
    copy reads each as a script, as Material's offline plugin writes the whole one."""
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for language in languages:
        prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
        others = tuple(f"{other}/" for other in languages if other not in (DEFAULT_LANGUAGE, language))
        docs = [{**doc, "location": doc["location"].removeprefix(prefix)} for doc in index["docs"]
                if doc["location"].startswith(prefix) and not doc["location"].startswith(others)]  # fmt: skip
        own = {**index, "config": {**index["config"], "lang": [language]}, "docs": docs}
        folder = site / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(own, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if offline_copy:
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return search_own_language(output, build_language(config))


# Last, so what is kept is the page as the other hooks (material_fixes.py) leave it.
@event_priority(-100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Each language's build renders its 404 page to the site's root, and mkdocs-static-i18n
    builds the other languages into the same folder after English: there, the English page is
    kept at the root, read back from where its own build wrote it, and this language's goes to
    its folder. Its links are from the server's root (the site's address, or "/" in a plain
    build), so it holds in its folder too; the offline copy's 404 links from its own folder, and
    no server sends it (file:// has no 404), so that copy keeps the English page alone."""
    if template_name != "404.html":
        return output
    language = build_language(config)
    output = search_own_language(output, language)
    english = Path(config.site_dir) / "404.html"
    if language == DEFAULT_LANGUAGE or not english.is_file():
        return output
    if not offline(config):
        folder = Path(config.site_dir) / language
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "404.html").write_text(output, encoding="utf-8")
    return english.read_text(encoding="utf-8")


# After everything mkdocs-static-i18n does (priority -100): in the first language's build, it
# builds the others, then writes the search index of all of them, which Material's offline
# plugin (-100) copies into a script.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return
    site = Path(config.site_dir)
    copy_sitemap_where_material_reads_it(site)
    split_search_index(site, build_languages(config), offline(config))
