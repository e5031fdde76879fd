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
import logging
import shutil
from pathlib import Path
from typing import Any

from about_this_copy import check_review
from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from site_words import build_language, site_words

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


# Before mkdocs-static-i18n's on_files (priority -100), which keeps only the files of the
# language under way.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = [file.src_uri for file in files if file.src_uri.endswith(".md")]
    missing = missing_twins(pages, build_languages(config))
    if missing:
        raise PluginError(f"Pages missing in one language: {', '.join(f'docs/{path}' for path in missing)}; "
                          "every page needs its twin in each language, such as docs/about.es.md beside docs/about.md")
    return files


def check_words(words: dict[str, dict[str, str]], languages: list[str]) -> None:
    """Every language says everything English says, so no page falls back to English words."""
    for language in languages:
        missing = sorted(set(words[DEFAULT_LANGUAGE]) - set(words.get(language, {})))
        if missing:
            raise PluginError(f"hooks/words.yml: {language} lacks {', '.join(missing)}; give each the words in {language}")


# After mkdocs-static-i18n's on_config (-100), which sets the language under way, and before
# hooks/material_fixes.py's (-110), which escapes the site's texts: the plugin's own override
# of site_description would meet the escaped text of the English build and refuse it.
@event_priority(-105)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_words(site_words(), build_languages(config))
    check_review("translation_review", config.extra.get("translation_review"), "una fisioterapeuta colegiada")
    language = build_language(config)
    if language != DEFAULT_LANGUAGE:
        config.site_description = site_words()[language]["site_description"]
    return config


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    language = build_language(config)
    context["words"] = site_words()[language]
    for key in ("reviewed", "review_due"):
        if isinstance(page.meta.get(key), datetime.date):
            context[f"{key}_date"] = long_date(page.meta[key], language)
    if language != DEFAULT_LANGUAGE and isinstance(page.meta.get("reviewed"), datetime.date):
        context["translation_note"] = html.escape(
            translation_note(page.meta["reviewed"], config.extra.get("translation_review"), language)
        )
    return context


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # Templates outside a page (404.html) need the words too.
    env.globals["words"] = site_words()[build_language(config)]
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


# Last, so what is kept is the page as the other hooks (material_fixes.py) leave it.
@event_priority(-100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Each language's build renders its 404 page to the site's root, and mkdocs-static-i18n
    builds the other languages into the same folder after English: there, the English page is
    kept at the root, read back from where its own build wrote it, and this language's goes to
    its folder. Its links are from the site's root: only with an address (SITE_URL) do they hold
    there, so a copy without one has the English page alone."""
    language = build_language(config)
    english = Path(config.site_dir) / "404.html"
    if template_name != "404.html" or language == DEFAULT_LANGUAGE or not english.is_file():
        return output
    if config.site_url:
        folder = Path(config.site_dir) / language
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "404.html").write_text(output, encoding="utf-8")
    return english.read_text(encoding="utf-8")


def on_post_build(config: MkDocsConfig) -> None:
    if build_language(config) != DEFAULT_LANGUAGE:
        copy_sitemap_where_material_reads_it(Path(config.site_dir))
