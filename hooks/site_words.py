"""The site's words in each language (hooks/words.yml), and the language of the build under way.

Not a hook: the hooks that write words around a page's text (languages.py, about_this_copy.py,
material_fixes.py, pictures.py) import it. MkDocs loads hooks once a process, so `mkdocs serve`
rebuilds with the same modules: the words are read again whenever the file has changed.

A translator's slip stops the build in one line naming the file, the line, the key and what is
allowed, never a traceback: the file is checked as a whole as it is read. Every language has
every key English has (and a translation's own keys), each a line of text with the same
`{placeholders}` as English, a `date_locale` Babel knows and five `weekdays`. The templates get
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
TRANSLATION_KEYS = {"site_description": set(), "translation": {"date"}, "translation_review": {"role", "date"},
                    "no_translation_review": set()}  # fmt: skip
# English words drawn in the pictures, each with its translation (hooks/pictures.py).
PICTURE_LABELS = "picture_labels"
WEEKDAYS = 5
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


def key_lines(node: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """The line each language and each of its keys starts on, for errors that say where."""
    lines: dict[tuple[str, ...], int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for language, column in node.value:
        lines[(language.value,)] = language.start_mark.line + 1
        if isinstance(column, yaml.MappingNode):
            for key, value in column.value:
                lines[(language.value, key.value)] = value.start_mark.line + 1
    return lines


def placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"{"}  # an unmatched brace: never equal to a real set of places


def check_words_file(words: object, lines: dict[tuple[str, ...], int]) -> None:
    def refuse(where: tuple[str, ...], problem: str) -> None:
        line = lines.get(where) or lines.get(where[:1])
        raise PluginError(f"{SHOWN_FILE}{f', line {line}' if line else ''}: {'.'.join(where)} {problem}")

    if not isinstance(words, dict) or not isinstance(words.get(DEFAULT_LANGUAGE), dict):
        raise PluginError(f"{SHOWN_FILE}: must map each language (en, es) to its words, English first")
    english = words[DEFAULT_LANGUAGE]
    for language, column in words.items():
        if not isinstance(column, dict):
            refuse((str(language),), f"is {column!r}; give the language's words, key: text")
        expected = {key: placeholders(value) for key, value in english.items() if isinstance(value, str)}
        if language != DEFAULT_LANGUAGE:
            expected |= TRANSLATION_KEYS
        for key, value in column.items():
            if key == PICTURE_LABELS:
                if not (isinstance(value, dict) and all(isinstance(x, str) for pair in value.items() for x in pair)):
                    refuse((language, key), "must map each English label to its words, text: text")
                continue
            if key not in expected:
                refuse((language, key), f"is a key English does not have; the keys are {', '.join(sorted(expected))}")
            if not isinstance(value, str):
                refuse((language, key), f"is {value!r}; give a line of text (in quotes if it looks like a number)")
            if placeholders(value) != expected[key]:
                allowed = ", ".join(f"{{{name}}}" for name in sorted(expected[key])) or "no {places}"
                refuse((language, key), f"is {value!r}; its places to fill in must be {allowed}, as in English")
        missing = sorted(set(expected) - set(column))
        if missing:
            refuse((language,), f"lacks {', '.join(missing)}; give each the words in {language}")
        missing = sorted(set(REQUIRED_KEYS) - set(column))
        if missing:
            refuse((language,), f"lacks {', '.join(missing)}; give each the words in {language}")
        try:
            Locale.parse(column["date_locale"])
        except (UnknownLocaleError, ValueError):
            refuse((language, "date_locale"), f"is {column['date_locale']!r}; give a locale Babel knows, such as en_GB or es")
        if len(column["weekdays"].split()) != WEEKDAYS:
            refuse((language, "weekdays"), f"is {column['weekdays']!r}; give {WEEKDAYS} short day names, Monday to Friday")


def build_language(config: MkDocsConfig) -> str:
    """The language of the build under way: mkdocs-static-i18n sets the theme's for each."""
    return config.theme.get("language", "en")
