"""The site's words in each language (hooks/words.yml), and the language of the build under way.

Not a hook: the hooks that write words around a page's text (languages.py, about_this_copy.py,
material_fixes.py, pictures.py) import it. MkDocs loads hooks once a process, so `mkdocs serve`
rebuilds with the same modules: the words are read again whenever the file has changed.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

WORDS_FILE = Path(__file__).parent / "words.yml"


def site_words() -> dict[str, dict[str, Any]]:
    """The table, keyed by language: English's keys in every language (languages.py checks)."""
    return read_words(WORDS_FILE.stat().st_mtime_ns)


@functools.cache
def read_words(modified: int) -> dict[str, dict[str, Any]]:
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


def build_language(config: MkDocsConfig) -> str:
    """The language of the build under way: mkdocs-static-i18n sets the theme's for each."""
    return config.theme.get("language", "en")
