"""Turn `<!-- breath-timer ... -->` markers into `<breath-timer>` elements.

A page places a timer with a marker comment, optionally overriding the site-wide
defaults from `extra.breath_timer` in mkdocs.yml:

    <!-- breath-timer -->
    <!-- breath-timer breaths=8 inhale=3 -->

The hook also ships the element's script and style, without their comments, as
`assets/breath-timer.js` and `assets/breath-timer.css`, and adds the script to the
pages that use it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

WIDGET_DIR = Path(__file__).parent
WIDGET_FILES = ("breath-timer.js", "breath-timer.css")
SCRIPT_URI = "assets/breath-timer.js"

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Markdown keeps an HTML comment as raw HTML but escapes one shown in code
# (`&lt;!--`), so matching the rendered page replaces real markers only.
MARKER = re.compile(r"<!--\s*breath-timer\b(?P<args>.*?)-->", re.DOTALL)
DECIMAL = re.compile(r"\d+(\.\d+)?")
WHOLE = re.compile(r"\d+")


@dataclass(frozen=True)
class Setting:
    minimum: int
    maximum: int
    whole: bool
    default: int

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number of seconds"
        return f"{kind} from {self.minimum} to {self.maximum}"


# Same names, ranges and defaults as the element's attributes (breath-timer.js).
SETTINGS = {
    "breaths": Setting(1, 20, whole=True, default=6),
    "inhale": Setting(1, 20, whole=False, default=2),
    "exhale": Setting(1, 20, whole=False, default=3),
    "sides": Setting(1, 2, whole=True, default=2),
    "prepare": Setting(1, 20, whole=False, default=3),
    "switch": Setting(1, 20, whole=False, default=5),
}
ALLOWED = ", ".join(SETTINGS)

Number = int | float


class TimerSettingError(ValueError):
    """A timer setting is unknown, malformed or out of range; the message says which."""


def validate_setting(name: str, value: Any) -> Number:
    """Check one setting, given as a YAML number or as marker text, and return the number."""
    setting = SETTINGS.get(name)
    if setting is None:
        raise TimerSettingError(f"unknown setting '{name}' (allowed: {ALLOWED})")
    if isinstance(value, str):
        pattern = WHOLE if setting.whole else DECIMAL
        number: Number | None = None
        if pattern.fullmatch(value):
            number = int(value) if setting.whole else float(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value if not setting.whole or value == int(value) else None
    else:
        number = None
    if number is None or not setting.minimum <= number <= setting.maximum:
        raise TimerSettingError(f"'{name}' must be {setting.describe()}, got {value!r}")
    return int(number) if setting.whole or number == int(number) else number


def validate_defaults(extra: Any) -> dict[str, Number]:
    """Merge `extra.breath_timer` from mkdocs.yml over the built-in defaults."""
    if extra is None:
        extra = {}
    if not isinstance(extra, dict):
        raise TimerSettingError(f"must be a mapping of settings ({ALLOWED}), got {extra!r}")
    defaults = {name: setting.default for name, setting in SETTINGS.items()}
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
            raise TimerSettingError(f"'{word}' is not of the form key=value (keys: {ALLOWED})")
        if name in seen:
            raise TimerSettingError(f"'{name}' is given twice")
        seen.add(name)
        settings[name] = validate_setting(name, value)
    return settings


def seconds(value: Number) -> str:
    return "1 second" if value == 1 else f"{value:g} seconds"


def render_timer(settings: dict[str, Number]) -> str:
    """The element, holding a paper pacer: the plain instruction and a tick box per breath.

    Readers without JavaScript see it on screen; the upgraded element shows it only in print.
    """
    attributes = " ".join(f'{name}="{settings[name]:g}"' for name in SETTINGS)
    instruction = (
        f"Hold each side for {settings['breaths']} breaths. "
        f"Breathe in for {seconds(settings['inhale'])} to lengthen, "
        f"then breathe out for {seconds(settings['exhale'])} to twist, only as far as is comfortable."
    )
    boxes = " ".join(["\N{BALLOT BOX}"] * int(settings["breaths"]))
    sides = ["Turn right"] if settings["sides"] == 1 else ["Turn right first", "Then turn left"]
    ticks = "\n".join(
        f'<li>{side}: <span class="breath-timer-boxes" aria-hidden="true">{boxes}</span></li>'
        for side in sides
    )
    return (
        f"<breath-timer {attributes}>\n"
        f'<div class="breath-timer-fallback">\n<p>{html.escape(instruction)}</p>\n'
        f'<ul class="breath-timer-ticks">\n{ticks}\n</ul>\n</div>\n'
        "</breath-timer>"
    )


def replace_markers(page_html: str, defaults: dict[str, Number], page_uri: str) -> tuple[str, int]:
    """Replace every marker in a rendered page; return the new HTML and how many there were."""

    def replace(match: re.Match[str]) -> str:
        try:
            return render_timer(parse_marker(match["args"], defaults))
        except TimerSettingError as error:
            raise PluginError(
                f"{page_uri}: breath-timer marker '{match[0]}': {error}"
            ) from None

    return MARKER.subn(replace, page_html)


def compact(source: str, name: str) -> str:
    """The widget's file as served: without comments, indentation and blank lines.

    The sources keep their comments for readers; the timer's budget is counted in bytes
    over the wire. JavaScript comments must stand on lines of their own to be dropped.
    """
    if name.endswith(".css"):
        source = CSS_COMMENT.sub("", source)
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.extra["breath_timer"] = validate_defaults(config.extra.get("breath_timer"))
    except TimerSettingError as error:
        raise PluginError(f"mkdocs.yml: extra.breath_timer: {error}") from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in WIDGET_FILES:
        source = (WIDGET_DIR / name).read_text(encoding="utf-8")
        files.append(File.generated(config, f"assets/{name}", content=compact(source, name)))
    return files


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page_html, count = replace_markers(html_, config.extra["breath_timer"], page.file.src_uri)
    if count:
        script = get_relative_url(SCRIPT_URI, page.url)
        page_html += f'\n<script src="{script}" defer></script>'
    return page_html


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # MkDocs watches the docs and the config; the widget's own files change too.
    server.watch(str(WIDGET_DIR))
    return server
