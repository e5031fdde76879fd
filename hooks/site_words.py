"""The site's words in each language (hooks/words.yml), and the language of the build under way.

Not a hook: the hooks that write words around a page's text (languages.py, about_this_copy.py,
material_fixes.py, pictures.py) import it. MkDocs loads hooks once a process, so `mkdocs serve`
rebuilds with the same modules: the words are read again whenever the file has changed.

A translator's slip stops the build in one line naming the file, the line, the key and what is
allowed, never a traceback: the file is checked as a whole as it is read. Every language has
every key English has (and a translation's own keys), each a line of text with the same
`{placeholders}` as English, a `date_locale` Babel knows, five `weekdays` and seven `habit.days`;
a word that says a number (`habit.breaks`) has a form for some of the plural categories of the
language, as Babel knows them, and `other`. The templates get
the words escaped (`template_words`): a word is text, never markup.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

WORDS_FILE = Path(__file__).parent / "words.yml"
SHOWN_FILE = "hooks/words.yml"
DEFAULT_LANGUAGE = "en"
# What a translated page says of itself (hooks/languages.py), with the places each fills in.
TRANSLATION_KEYS = {"site_description": "", "translation": "{date}", "translation_review": "{role} {date}",
                    "no_translation_review": ""}  # fmt: skip
# English words drawn in the pictures, each with its translation (hooks/pictures.py).
PICTURE_LABELS = "picture_labels"
# Words that are lists of names, by their place in a language's words: how many, and which.
WORD_COUNTS = {("weekdays",): (5, "short day names, Monday to Friday"), ("habit", "days"): (7, "day names, Monday to Sunday")}
# Keys the code reads in every language, English included, beyond the ones it only writes out.
REQUIRED_KEYS = ("date_locale", "weekdays", "search", "section_link")


def site_words() -> dict[str, dict[str, Any]]:
    """The table, keyed by language, checked as a whole."""
    return read_words(WORDS_FILE.stat().st_mtime_ns)


def template_words(language: str) -> dict[str, Any]:
    """A language's words as the templates write them: escaped, so a quote or a `<` stays text."""
    return {key: escape(value) if isinstance(value, str) else value for key, value in site_words()[language].items()}


@functools.cache
def read_words(modified: int) -> dict[str, dict[str, Any]]:
    text = WORDS_FILE.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        words = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise PluginError(f"{SHOWN_FILE}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    check_words_file(words, key_lines(node))
    return words


def key_lines(node: yaml.Node | None, where: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """The line each language, each of its keys and each key of a group starts on, for errors
    that say where."""
    lines: dict[tuple[str, ...], int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        lines[(*where, key.value)] = key.start_mark.line + 1
        lines |= key_lines(value, (*where, key.value))
    return lines


def placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"{"}  # an unmatched brace: never equal to a real set of places


class WordsError(Exception):
    """A slip in the words file: where it is (language, key...) and what is wrong."""

    def __init__(self, where: tuple[str, ...], problem: str) -> None:
        super().__init__(problem)
        self.where = where


def check_words_file(words: object, lines: dict[tuple[str, ...], int]) -> None:
    if not isinstance(words, dict) or not isinstance(words.get(DEFAULT_LANGUAGE), dict):
        raise PluginError(f"{SHOWN_FILE}: must map each language (en, es) to its words, English first")
    try:
        for language, column in words.items():
            check_language(str(language), column, words[DEFAULT_LANGUAGE])
    except WordsError as error:
        line = lines.get(error.where) or lines.get(error.where[:1])
        raise PluginError(f"{SHOWN_FILE}{f', line {line}' if line else ''}: {'.'.join(error.where)} {error}") from None


def check_language(language: str, column: object, english: dict[str, Any]) -> None:
    if not isinstance(column, dict):
        raise WordsError((language,), f"is {column!r}; give the language's words, key: text")
    missing = sorted(set(REQUIRED_KEYS) - set(column))
    if missing:
        raise WordsError((language,), f"lacks {', '.join(missing)}; give each the words in {language}")
    locale = column.get("date_locale")
    try:
        plurals = Locale.parse(locale).plural_form.tags | {"other"}
    except (UnknownLocaleError, ValueError, TypeError):
        raise WordsError((language, "date_locale"), f"is {locale!r}; give a locale Babel knows, such as en_GB or es") from None
    check_group((language,), column, english | ({} if language == DEFAULT_LANGUAGE else TRANSLATION_KEYS), plurals)
    for where, (count, which) in WORD_COUNTS.items():
        names = functools.reduce(lambda group, key: group[key], where, column)
        if len(names.split()) != count:
            raise WordsError((language, *where), f"is {names!r}; give {count} {which}")


def check_group(where: tuple[str, ...], group: dict[str, Any], english: dict[str, Any], plurals: set[str]) -> None:
    """A language's words, or a group of them (`habit`), against English's: the same keys, each
    a line of text with English's {places}, a group where English has one, and for a word that
    says a number, its forms by the language's plural categories (`other` always)."""
    for key, value in group.items():
        here = (*where, key)
        if key == PICTURE_LABELS and len(where) == 1:
            if not (isinstance(value, dict) and all(isinstance(x, str) for pair in value.items() for x in pair)):
                raise WordsError(here, "must map each English label to its words, text: text")
            continue
        if key not in english:
            raise WordsError(here, f"is a key English does not have; the keys are {', '.join(sorted(english))}")
        model = english[key]
        if isinstance(model, dict) and "other" not in model:
            if not isinstance(value, dict):
                raise WordsError(here, f"is {value!r}; give its words as English does, key: text")
            check_group(here, value, model, plurals)
        elif isinstance(model, dict):
            check_plural(here, value, model["other"], plurals)
        else:
            check_text(here, value, model)
    missing = sorted(set(english) - set(group) - ({PICTURE_LABELS} if len(where) == 1 else set()))
    if missing:
        raise WordsError(where, f"lacks {', '.join(missing)}; give each the words in {where[0]}")


def check_plural(where: tuple[str, ...], value: object, english: str, plurals: set[str]) -> None:
    if not isinstance(value, dict) or "other" not in value or not set(value) <= plurals:
        raise WordsError(where, f"is {value!r}; give a form for each plural category of the language, of {', '.join(sorted(plurals))}, with other always")
    for category, text in value.items():
        check_text((*where, category), text, english)


def check_text(where: tuple[str, ...], value: object, english: str) -> None:
    if not isinstance(value, str):
        raise WordsError(where, f"is {value!r}; give a line of text (in quotes if it looks like a number)")
    if placeholders(value) != placeholders(english):
        allowed = ", ".join(f"{{{name}}}" for name in sorted(placeholders(english))) or "no {places}"
        raise WordsError(where, f"is {value!r}; its places to fill in must be {allowed}, as in English")


def build_language(config: MkDocsConfig) -> str:
    """The language of the build under way: mkdocs-static-i18n sets the theme's for each."""
    return config.theme.get("language", "en")
