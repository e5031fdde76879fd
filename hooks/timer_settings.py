"""The timer's settings and words, read from the data files the element is made with.

`breath-timer.settings.json` (`"name": [default, minimum, maximum, whole]`) and
`breath-timer.words.json` (a column of words a language) are the one place the settings and
the timer's words are written down: scripts/minify-timer bundles them into the element, and
this module reads them, so the hook and the element cannot disagree. It checks a value given
in mkdocs.yml (`extra.breath_timer`) or in a marker's `key=value` words against them.
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
from site_settings import shown

WIDGET_DIR = Path(__file__).parent
SETTINGS_FILE = "breath-timer.settings.json"
WORDS_FILE = "breath-timer.words.json"

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


def data_file(name: str, shape: str) -> dict[str, Any]:
    """One of the element's data files, a JSON object; `shape` says what it should hold."""
    path = WIDGET_DIR / name
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PluginError(f"hooks/{name} cannot be read ({error.strerror}): the timer is made from it") from None
    except ValueError as error:  # JSONDecodeError, or text that is not UTF-8
        raise PluginError(f"hooks/{name}: not JSON ({error}); it holds {shape}") from None
    if not isinstance(table, dict):
        raise PluginError(f"hooks/{name}: it holds {shape}, not {shown(table)}")
    return table


@functools.cache
def settings_table() -> dict[str, Setting]:
    """The element's settings, `name: [default, minimum, maximum, whole]`, from its data file."""
    rows = data_file(SETTINGS_FILE, '{"name": [default, minimum, maximum, whole], ...}')
    return {name: setting_row(name, row) for name, row in rows.items()}


def setting_row(name: str, row: Any) -> Setting:
    """A row of the settings file, checked: three numbers, the default in range, and true or false."""
    def is_number(value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    well_formed = isinstance(row, list) and len(row) == 4 and all(map(is_number, row[:3])) and isinstance(row[3], bool)
    if not well_formed or not row[1] <= row[0] <= row[2]:
        raise PluginError(
            f"hooks/{SETTINGS_FILE}: {name!r} is {shown(row)}; a setting is [default, minimum, maximum, whole], "
            "the default from minimum to maximum, whole true or false"
        )
    return Setting(*row)


@functools.cache
def words_table() -> dict[str, Any]:
    """The timer's words, a column a language, from the element's data file."""
    return data_file(WORDS_FILE, '{"en": {"name": "words", ...}, ...}')


def words(language: str = "en") -> dict[str, Any]:
    """The timer's words in one language: a column of its words table."""
    column = words_table().get(language)
    if not isinstance(column, dict):
        raise PluginError(f"hooks/{WORDS_FILE}: no {language!r} column of words")
    return column


def languages() -> list[str]:
    """The languages the element's words table has a column for."""
    return list(words_table())


# In a <script>, "<!--" and "<script" change how the browser finds the element's end, and
# "</script>" ends it: JSON there writes <, > and & as escapes, which JSON reads as the same text.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_in_script(value: Any) -> str:
    """JSON to write inside a <script> element, however its texts read."""
    return json.dumps(value, ensure_ascii=False).translate(SCRIPT_SAFE)


def words_script(language_codes: list[str], paper: bool = False, page_words: dict[str, dict[str, Any]] | None = None) -> str:
    """The element's words in other languages, for a page: JSON the element reads by its id;
    with the paper pacer's words where the page writes its own (the embed page), and what the
    page adds to each language's column (`page_words`)."""
    table = {
        code: {key: text for key, text in words(code).items() if paper or key != "paper"} | (page_words or {}).get(code, {})
        for code in language_codes
    }
    return f'<script type="application/json" id="breath-timer-words">{json_in_script(table)}</script>'


def fill(text: str, **values: Any) -> str:
    """A line of the words table with its `{name}` places filled, as the element fills them."""
    return text.format_map(values)


def allowed_names() -> str:
    return ", ".join(settings_table())


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
