"""The timer's settings and words, read from the element's own tables.

The element (`const SETTINGS` and `const WORDS` in breath-timer.js) is the one place the
settings and the timer's words are written down, so the hook and the element cannot disagree.
This module reads those tables and checks a value given in mkdocs.yml (`extra.breath_timer`)
or in a marker's `key=value` words against them.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

WIDGET_DIR = Path(__file__).parent
SETTINGS_TABLE = re.compile(r"const SETTINGS = (\{.*?\});", re.DOTALL)
WORDS_TABLE = re.compile(r"const WORDS = (\{.*?\n  \});", re.DOTALL)

# Where the twist is done: the ready screen adds the floor's own condition. Not a number, so
# not in the element's SETTINGS; a marker gives it as `position=floor`.
POSITIONS = ("chair", "floor")

# The one number grammar, shared with the element: plain decimal, ASCII digits only.
WHOLE = re.compile(r"[0-9]+")
SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?")

Number = int | float


class TimerSettingError(ValueError):
    """A timer setting is unknown, malformed or out of range; the message says which."""


@dataclass(frozen=True)
class Setting:
    default: Number
    minimum: Number
    maximum: Number
    whole: bool

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number of seconds"
        return f"{kind} from {self.minimum} to {self.maximum}"


def element_table(pattern: re.Pattern[str], shape: str) -> Any:
    """One of the element's JSON tables, read from its script; `shape` says what it should be."""
    path = WIDGET_DIR / "breath-timer.js"
    try:
        found = pattern.search(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PluginError(f"{path.name} cannot be read ({error.strerror}): the hook ships it with the site") from None
    try:
        return json.loads(found[1])
    except (TypeError, ValueError):  # no table (None[1]), or not JSON
        raise PluginError(f"{path.name}: no JSON table '{shape}'") from None


@functools.cache
def settings_table() -> dict[str, Setting]:
    """The element's table of settings, `name: [default, minimum, maximum, whole]`, read from its script."""
    shape = 'const SETTINGS = {"name": [default, minimum, maximum, whole], ...};'
    try:
        return {name: Setting(*row) for name, row in element_table(SETTINGS_TABLE, shape).items()}
    except (TypeError, AttributeError):
        raise PluginError(f"breath-timer.js: no JSON table '{shape}'") from None


@functools.cache
def words(language: str = "en") -> dict[str, Any]:
    """The timer's words in one language: a column of the element's `const WORDS` table."""
    shape = 'const WORDS = {"en": {"name": "words", ...}, ...};'
    table = element_table(WORDS_TABLE, shape)
    if not isinstance(table, dict) or not isinstance(table.get(language), dict):
        raise PluginError(f"breath-timer.js: no {language!r} column in the JSON table '{shape}'")
    return table[language]


def languages() -> list[str]:
    """The languages the element's words table has a column for."""
    return list(element_table(WORDS_TABLE, 'const WORDS = {"en": {...}, ...};'))


def words_script(language_codes: list[str], paper: bool = False, page_words: dict[str, dict[str, Any]] | None = None) -> str:
    """The element's words in other languages, for a page: JSON the element reads by its id;
    with the paper pacer's words where the page writes its own (the embed page), and what the
    page adds to each language's column (`page_words`)."""
    table = {
        code: {key: text for key, text in words(code).items() if paper or key != "paper"} | (page_words or {}).get(code, {})
        for code in language_codes
    }
    text = json.dumps(table, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="breath-timer-words">{text}</script>'


def fill(text: str, **values: Any) -> str:
    """A line of the words table with its `{name}` places filled, as the element fills them."""
    return text.format_map(values)


def allowed_names() -> str:
    return ", ".join(settings_table())


def shown(value: Any) -> str:
    """A value as an error message quotes it: a value of thousands of characters is cut short."""
    text = str(value)
    return repr(value) if len(text) <= 40 else f"{text[:20] + '...'!r} ({len(text)} characters)"


def read_number(value: Any, setting: Setting) -> Decimal | None:
    """The exact number a marker's text or a YAML value gives, or None when it breaks the grammar."""
    if isinstance(value, str):
        return Decimal(value) if (WHOLE if setting.whole else SECONDS).fullmatch(value) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number if not setting.whole or number == number.to_integral_value() else None


def validate_setting(name: str, value: Any) -> Number:
    """Check one setting, given as a YAML number or as marker text, and return the number."""
    setting = settings_table().get(name)
    if setting is None:
        raise TimerSettingError(f"unknown setting {shown(name)} (allowed: {allowed_names()})")
    number = read_number(value, setting)
    if number is None or not setting.minimum <= number <= setting.maximum:
        raise TimerSettingError(f"'{name}' must be {setting.describe()}, got {shown(value)}")
    return int(number) if number == number.to_integral_value() else float(number)


def mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)


def settings_as_written(config_file: str | None, extra: Any) -> Any:
    """`extra.breath_timer` with each plain value as mkdocs.yml writes it, for the markers' grammar.

    YAML reads 0x10 as 16, 010 as 8 (where a marker's 010 is 10), +6, 1_0 and 1.0e+1 as numbers;
    the text as written is what the grammar judges. A value mkdocs.yml does not write itself
    (inherited through INHERIT) keeps the value YAML gave.
    """
    if not isinstance(extra, dict) or not config_file:
        return extra
    try:
        with open(config_file, encoding="utf-8") as stream:
            root = yaml.compose(stream, yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return extra
    node = mapping_value(mapping_value(root, "extra"), "breath_timer")
    written = {
        name.value: value.value
        for name, value in (node.value if isinstance(node, yaml.MappingNode) else [])
        if isinstance(name, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    }
    return {name: written.get(str(name), value) for name, value in extra.items()}


def validate_defaults(extra: Any) -> dict[str, Number]:
    """Merge `extra.breath_timer` from mkdocs.yml over the element's defaults."""
    if extra is None:
        extra = {}
    if not isinstance(extra, dict):
        raise TimerSettingError(f"must be a mapping of settings ({allowed_names()}), got {shown(extra)}")
    defaults = {name: setting.default for name, setting in settings_table().items()}
    for name, value in extra.items():
        defaults[name] = validate_setting(str(name), value)
    return defaults


def parse_marker(args: str, defaults: dict[str, Number]) -> dict[str, Number]:
    """Read a marker's `key=value` words over the defaults."""
    settings = dict(defaults)
    seen: set[str] = set()
    for word in args.split():
        name, equals, value = word.partition("=")
        if not equals or not name or not value:
            raise TimerSettingError(f"{shown(word)} is not of the form key=value (keys: {allowed_names()})")
        if name in seen:
            raise TimerSettingError(f"'{name}' is given twice")
        seen.add(name)
        if name == "position" and value not in POSITIONS:
            raise TimerSettingError(f"'position' must be one of {', '.join(POSITIONS)}, got {shown(value)}")
        settings[name] = value if name == "position" else validate_setting(name, value)
    return settings
