"""The breath-timer hook: markers in, <breath-timer> elements out, clear errors for bad input."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import breath_timer
import html5lib
import markdown
import pytest
import site_address
import timer_settings
from breath_timer import (
    TimerSettingError,
    page_attributes,
    parse_marker,
    render_timer,
    replace_markers,
    settings_table,
    validate_defaults,
)
from bs4 import BeautifulSoup
from helpers import Build, build_site, serve, throwaway_site
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from playwright.sync_api import Page
from timer_settings import words

HOOKS = Path(breath_timer.__file__).parent
SETTINGS = settings_table()
DEFAULTS = validate_defaults({})
GRAMMAR = json.loads((Path(__file__).parent / "number_grammar.json").read_text())
# The site's Markdown extensions, as in mkdocs.yml.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences", "toc"]


def settings_file() -> dict[str, list]:
    """The settings' data file as JSON reads it: the one place the settings are written down."""
    return json.loads((HOOKS / "breath-timer.settings.json").read_text(encoding="utf-8"))


def render(markdown_text: str) -> str:
    """Markdown to HTML with the site's extensions, then the hook, given the source for line numbers."""
    page_html = markdown.markdown(markdown_text, extensions=EXTENSIONS)
    return replace_markers(page_html, DEFAULTS, "page.md", markdown_text)[0]


def refusal(markdown_text: str) -> str:
    with pytest.raises(PluginError) as error:
        render(markdown_text)
    return str(error.value)


def timer_attributes(page_html: str) -> list[dict[str, str]]:
    return [tag.attrs for tag in BeautifulSoup(page_html, "html.parser").find_all("breath-timer")]


# Parsing and defaults


def test_built_in_defaults_pace_thirty_seconds_a_side() -> None:
    # 5 breaths of 2.5 s in and 3.5 s out: 30 s a side, 10 breaths a minute.
    assert {name: DEFAULTS[name] for name in ("breaths", "inhale", "exhale", "sides")} == {"breaths": 5, "inhale": 2.5, "exhale": 3.5, "sides": 2}
    assert DEFAULTS == {name: row[0] for name, row in settings_file().items()}


def test_site_config_overrides_built_in_defaults() -> None:
    assert validate_defaults({"breaths": 8, "inhale": 2.5})["breaths"] == 8
    assert validate_defaults({"breaths": 8, "inhale": 2.5})["inhale"] == 2.5


def test_bare_marker_takes_the_defaults() -> None:
    assert parse_marker("", DEFAULTS) == DEFAULTS


def test_marker_overrides_only_the_keys_it_names() -> None:
    assert parse_marker(" breaths=8 inhale=3.5 ", DEFAULTS) == {**DEFAULTS, "breaths": 8, "inhale": 3.5}


def test_whole_decimal_seconds_are_written_without_a_point() -> None:
    assert 'inhale="3"' in render_timer(parse_marker("inhale=3.0", DEFAULTS))


# Errors name the value and what is allowed


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("breath=6", f"unknown setting 'breath' (allowed: {', '.join(settings_file())})"),
        ("breaths=six", "'breaths' must be a whole number from 1 to 10, got 'six'"),
        ("breaths=6.5", "'breaths' must be a whole number from 1 to 10, got '6.5'"),
        ("breaths=11", "'breaths' must be a whole number from 1 to 10, got '11'"),
        ("inhale=0.5", "'inhale' must be a number of seconds from 1 to 8, got '0.5'"),
        ("exhale=-3", "'exhale' must be a number of seconds from 1 to 8, got '-3'"),
        ("sides=3", "'sides' must be a whole number from 1 to 2, got '3'"),
        ("switch=nan", "'switch' must be a number of seconds from 1 to 20, got 'nan'"),
        ("breaths=6 breaths=7", "'breaths' is given twice"),
        ("breaths", "'breaths' is not of the form key=value"),
        ("breaths=", "'breaths=' is not of the form key=value"),
    ],
)
def test_bad_marker_is_refused_with_the_reason(args: str, expected: str) -> None:
    with pytest.raises(TimerSettingError) as error:
        parse_marker(args, DEFAULTS)
    assert expected in str(error.value)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"breaths": 30}, "'breaths' must be a whole number from 1 to 10, got 30"),
        ({"breaths": True}, "'breaths' must be a whole number from 1 to 10, got True"),
        ({"inhale": "2"}, None),
        ({"pace": 2}, "unknown setting 'pace'"),
        ([6, 2, 3], "must be a mapping of settings"),
    ],
)
def test_bad_site_config_is_refused_with_the_reason(extra: object, expected: str | None) -> None:
    if expected is None:
        assert validate_defaults(extra)["inhale"] == 2
        return
    with pytest.raises(TimerSettingError) as error:
        validate_defaults(extra)
    assert expected in str(error.value)


def test_error_names_the_page_the_line_and_the_marker() -> None:
    assert refusal("# Twist\n\nText.\n\n<!-- breath-timer breaths=99 -->\n") == (
        "page.md:5: breath-timer marker '<!-- breath-timer breaths=99 -->': "
        "'breaths' must be a whole number from 1 to 10, got '99'"
    )


def test_settings_come_from_their_data_file() -> None:
    assert {name: [s.default, s.minimum, s.maximum, s.whole] for name, s in SETTINGS.items()} == settings_file()


@pytest.mark.parametrize(
    ("row", "problem"),
    [("[5, 1, 10]", "[5, 1, 10]"), ('["5", 1, 10, true]', "['5', 1, 10, True]"), ("[50, 1, 10, true]", "[50, 1, 10, True]")],
)
def test_a_bad_row_in_the_settings_file_stops_the_build_in_one_line(tmp_path: Path, row: str, problem: str) -> None:
    hooks = copy_of_hooks(tmp_path)
    (hooks / "breath-timer.settings.json").write_text(f'{{"breaths": {row}}}')
    result = cli_build(write_small_site(tmp_path / "site", "# Home\n", "", hook=hooks / "breath_timer.py"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"ERROR   -  hooks/breath-timer.settings.json: 'breaths' is {problem}; a setting is [default, minimum, maximum, whole]"
    ) in result.stderr


def test_a_words_file_that_is_not_json_stops_the_build_in_one_line(tmp_path: Path) -> None:
    hooks = copy_of_hooks(tmp_path)
    (hooks / "breath-timer.words.json").write_text('{"en": {"title": "Before you start",}}')
    result = cli_build(write_small_site(tmp_path / "site", "# Home\n\n<!-- breath-timer -->\n", "", hook=hooks / "breath_timer.py"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "ERROR   -  hooks/breath-timer.words.json: not JSON (Expecting property name enclosed in double quotes: "
        'line 1 column 37 (char 36)); it holds {"en": {"name": "words", ...}, ...}\n'
    ) in result.stderr


def copy_of_hooks(tmp_path: Path) -> Path:
    """A throwaway copy of the hooks folder, the element's sources and data files included."""
    hooks = tmp_path / "hooks"
    shutil.copytree(HOOKS, hooks, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "site").mkdir()
    return hooks


# One number grammar with the element (tests/number_grammar.json)


@pytest.mark.parametrize(("name", "text", "number"), [
    (name, text, number) for name, cases in GRAMMAR.items() if name != "about" for text, number in cases["accept"].items()
])  # fmt: skip
def test_shared_grammar_accepts_plain_ascii_decimals(name: str, text: str, number: float) -> None:
    assert parse_marker(f"{name}={text}", DEFAULTS)[name] == number


@pytest.mark.parametrize(("name", "text"), [
    (name, text) for name, cases in GRAMMAR.items() if name != "about" for text in cases["reject"]
])  # fmt: skip
def test_shared_grammar_rejects_everything_else(name: str, text: str) -> None:
    with pytest.raises(TimerSettingError, match=f"'{name}' must be"):
        timer_settings.validate_setting(name, text)


def test_attribute_keeps_every_digit_it_was_given() -> None:
    assert 'inhale="2.1234567"' in render_timer(parse_marker("inhale=2.1234567", DEFAULTS))
    assert 'exhale="2.1234567"' in render_timer(validate_defaults({"exhale": 2.1234567}))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("name", ["breaths", "sides", "inhale"])
def test_not_a_number_in_the_site_config_is_refused_in_one_line(name: str, value: float) -> None:
    with pytest.raises(TimerSettingError, match=f"'{name}' must be .*, got (nan|inf|-inf)$"):
        validate_defaults({name: value})


def test_a_value_of_thousands_of_digits_is_refused_and_quoted_short() -> None:
    with pytest.raises(TimerSettingError) as error:
        parse_marker("breaths=" + "9" * 5000, DEFAULTS)
    assert str(error.value) == "'breaths' must be a whole number from 1 to 10, got '" + "9" * 39 + "... (5000 characters)"
    with pytest.raises(TimerSettingError, match="'inhale' must be a number of seconds"):
        parse_marker("inhale=1" + "0" * 5000 + ".5", DEFAULTS)


# Rendering


def test_marker_becomes_the_element_with_every_setting() -> None:
    defaults = {name: breath_timer.format_number(row[0]) for name, row in settings_file().items()}
    assert timer_attributes(render("<!-- breath-timer breaths=8 -->")) == [{**defaults, "breaths": "8"}]


def test_fallback_tells_the_breathing_plan_without_javascript() -> None:
    text = BeautifulSoup(render("<!-- breath-timer inhale=3 exhale=4 -->"), "html.parser").get_text(" ")
    assert "Hold each side for 5 breaths" in text
    assert "Breathe in for 3 seconds to lengthen" in text
    assert "breathe out for 4 seconds to twist. Turn only as far as is comfortable." in text
    assert "further" not in text


def test_paper_pacer_has_a_tick_box_per_breath_for_each_side() -> None:
    soup = BeautifulSoup(render("<!-- breath-timer breaths=7 -->"), "html.parser")
    sides = soup.select(".breath-timer-ticks li")
    assert [li.get_text().split(":")[0] for li in sides] == ["Turn right first", "Then turn left"]
    assert all(li.get_text().count("\N{BALLOT BOX}") == 7 for li in sides)


def test_one_sided_timer_has_one_row_of_tick_boxes() -> None:
    soup = BeautifulSoup(render("<!-- breath-timer sides=1 -->"), "html.parser")
    assert [li.get_text().split(":")[0] for li in soup.select(".breath-timer-ticks li")] == ["Turn right"]


def test_marker_in_a_code_block_stays_text() -> None:
    page_html = render("```html\n<!-- breath-timer breaths=8 -->\n```\n")
    assert timer_attributes(page_html) == []
    assert "breath-timer breaths=8" in BeautifulSoup(page_html, "html.parser").get_text()


def test_marker_in_inline_code_stays_text() -> None:
    page_html = render("Write `<!-- breath-timer -->` where the timer goes.")
    assert timer_attributes(page_html) == []
    assert "<!-- breath-timer -->" in BeautifulSoup(page_html, "html.parser").get_text()


def test_several_markers_on_a_page_each_become_a_timer() -> None:
    page_html = render("<!-- breath-timer -->\n\ntext\n\n<!-- breath-timer sides=1 -->\n")
    assert [attrs["sides"] for attrs in timer_attributes(page_html)] == ["2", "1"]


# Where a marker may stand


STAND_ALONE = "put it on a line of its own, with a blank line before and after"


@pytest.mark.parametrize(
    ("page", "line", "problem"),
    [
        ("Turn now <!-- breath-timer --> and breathe.\n", 1, f"it is inside a paragraph: {STAND_ALONE}"),
        ("# Twist\n\n## Pace <!-- breath-timer -->\n", 3, f"it is inside a heading: {STAND_ALONE}"),
        ("- Sit tall <!-- breath-timer -->\n", 1, f"it shares its line with text: {STAND_ALONE}"),
        ("Text\n\n<!--\nOff for now:\n<!-- breath-timer -->\n-->\n\nMore\n", 5,
         "it is inside another HTML comment, and comments do not nest: delete the marker rather than comment it out"),
        ('<a href="#" title="<!-- breath-timer -->">x</a>\n', 1, f"it is inside an attribute of <a>: {STAND_ALONE}"),
        ("<textarea>\n<!-- breath-timer -->\n</textarea>\n", 2,
         f"it is inside <textarea>, whose text is not HTML: {STAND_ALONE}"),
        ('<script type="text/plain">\n<!-- breath-timer -->\n</script>\n', 2,
         f"it is inside <script>, whose text is not HTML: {STAND_ALONE}"),
        ("Text\n\n<!-- breath-timer --> <!-- breath-timer sides=1 -->\n\nMore\n", 3,
         "it is the second marker on its line: put each marker on a line of its own"),
        ("Text\n\n<!-- breath-timer\n\nMore\n", 3, "the marker is never closed: end it with -->"),
        ("<div>\n<!-- breath-timer\n</div>\n\nMore\n", 2, "the marker is never closed: end it with -->"),
    ],
    ids=["sentence", "heading", "list item text", "other comment", "attribute", "textarea", "script",
         "two on a line", "unclosed", "unclosed in html"],
)  # fmt: skip
def test_marker_that_cannot_stand_alone_fails_naming_page_line_and_fix(page: str, line: int, problem: str) -> None:
    message = refusal(page)
    assert message.startswith(f"page.md:{line}: breath-timer marker '<!-- breath-timer")
    assert message.endswith(problem)
    assert "\n" not in message


def test_twenty_thousand_unclosed_openers_end_in_one_clear_error() -> None:
    """How fast is benchmarks/marker_benchmark.py's job; this checks the answer."""
    with pytest.raises(PluginError, match=r"^page.md:2: breath-timer marker '<!-- breath-timer': the marker is never closed"):
        replace_markers("<div>\n" + "<!-- breath-timer\n" * 20_000, DEFAULTS, "page.md")


@pytest.mark.parametrize(
    "page",
    [
        "Text\n<!-- breath-timer -->\nMore text\n",
        "!!! note\n\n    <!-- breath-timer -->\n",
        "1. Sit tall.\n\n    <!-- breath-timer -->\n\n2. Turn.\n",
        "- <!-- breath-timer -->\n",
        "<div markdown>\n\n<!-- breath-timer -->\n\n</div>\n",
        "> <!-- breath-timer -->\n",
        "<!-- breath-timer\n  breaths=8\n-->\n",
    ],
    ids=["between paragraphs", "admonition", "list item block", "tight list item", "html block", "quote", "multiline"],
)
def test_marker_standing_alone_becomes_a_block_holding_its_fallback(page: str) -> None:
    (timer,) = browser_dom(render(page)).iter("{http://www.w3.org/1999/xhtml}breath-timer")
    assert fallback_is_inside(timer)


@pytest.mark.parametrize("near_miss", ["<!-- Breath-Timer -->", "<!-- breath_timer -->", "<!-- BREATH-TIMER -->",
                                       "<!-- breath timer breaths=8 -->"])  # fmt: skip
def test_near_miss_warns_naming_the_page_and_line(near_miss: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        page_html = render(f"# Twist\n\n{near_miss}\n")
    assert timer_attributes(page_html) == []
    assert [record.getMessage() for record in caplog.records] == [
        f"page.md:3: {near_miss!r} is not a timer marker; write <!-- breath-timer --> in lower case, with a hyphen"
    ]


def test_a_comment_that_only_starts_with_the_word_is_no_marker(caplog: pytest.LogCaptureFixture) -> None:
    page_html = render("<!-- breath-timer-notes: try breaths=8 next week -->\n")
    assert timer_attributes(page_html) == [] and caplog.records == []
    assert "<!-- breath-timer-notes" in page_html


def test_near_miss_in_code_stays_text_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    render("```html\n<!-- Breath-Timer --> <!-- breath-timer --> <!-- breath-timer\n```\n")
    assert caplog.records == []


# Random marker text: a clear error or a timer where a browser puts it


XHTML = "{http://www.w3.org/1999/xhtml}"


def browser_dom(page_html: str):
    """The page's body as a browser builds it (html5lib follows the WHATWG parsing algorithm)."""
    return html5lib.parse(f"<!doctype html><html lang=en><title>t</title><body>{page_html}")


def fallback_is_inside(timer) -> bool:
    return any("breath-timer-fallback" in element.get("class", "") for element in timer.iter(f"{XHTML}div"))


# Digits of many scripts: ASCII, Arabic-Indic, Devanagari, full-width, Bengali, Thai, mathematical bold.
DIGITS = "0123456789\u0660\u0666\u096c\uff16\u09ec\u0e56\U0001d7d4"
marker_words = st.lists(st.sampled_from(list(DIGITS + "=<>\"'&/ \t\n-._eEx+abhilnrstw") + ["<!--", "-->"]), max_size=30).map("".join)
setting_words = st.lists(
    st.tuples(st.sampled_from(list(SETTINGS)), st.sampled_from(["1", "2", "2.5", "20", "21", "0", "x", "\u0666", "1e1"])),
    max_size=4,
).map(lambda pairs: " ".join(f"{name}={value}" for name, value in pairs))
surroundings = st.sampled_from([
    "{m}\n", "Text\n\n{m}\n\nMore\n", "Say {m} here.\n", "## A {m}\n", "<!-- off {m} -->\n",
    "- {m}\n", "!!! note\n\n    {m}\n", "{m} {m}\n", "<div title='{m}'>x</div>\n", "`{m}`\n",
])  # fmt: skip


@given(args=marker_words | setting_words, surrounding=surroundings)
def test_any_marker_text_gives_a_block_timer_or_one_clear_error(args: str, surrounding: str) -> None:
    page = surrounding.format(m=f"<!-- breath-timer {args} -->")
    try:
        page_html = render(page)
    except PluginError as error:
        assert str(error).startswith("page.md:") and "breath-timer marker" in str(error)
        assert "\n" not in str(error)
        return
    body = browser_dom(page_html)
    for timer in body.iter(f"{XHTML}breath-timer"):
        assert set(timer.attrib) == set(SETTINGS)
        for name, value in timer.attrib.items():
            assert SETTINGS[name].minimum <= float(value) <= SETTINGS[name].maximum
        assert fallback_is_inside(timer), page
    for element in body.iter():
        if element.tag in {f"{XHTML}p", f"{XHTML}h2", f"{XHTML}a", f"{XHTML}li"} and element.find(f"{XHTML}breath-timer") is not None:
            assert element.tag == f"{XHTML}li" and not (element.text or "").strip(), page


# The hook in a real build


def test_tutorials_carry_the_timer_and_its_script(built_page) -> None:
    for url in ("chair-twist/", "floor-twist/"):
        soup = built_page(url)
        assert soup.find("breath-timer") is not None, url
        assert [s["src"] for s in soup.select("script[src$='breath-timer.js']")] == ["../assets/breath-timer.js"]


def test_pages_without_a_marker_load_no_timer_script(built_page) -> None:
    soup = built_page("why-sitting-hurts/")
    assert soup.select("script[src$='breath-timer.js']") == []


def test_the_element_ships_minified_with_its_style_inside(site_dir: Path) -> None:
    hooks = Path(breath_timer.__file__).parent
    shipped = (site_dir / "assets" / "breath-timer.js").read_text()
    assert shipped == (hooks / "breath-timer.min.js").read_text()
    assert "/*" not in shipped and "\n//" not in shipped
    assert len(shipped) < 0.7 * sum(len((hooks / name).read_text()) for name in breath_timer.WIDGET_SOURCES)
    assert "breath-timer{--bt-right:" in shipped  # the style, minified, in place of its file's name
    assert "breaths:[5,1,10,!0]" in shipped and '"Before you start"' in shipped  # and the data
    assert ".css" not in shipped and ".json" not in shipped
    assert not (site_dir / "assets" / "breath-timer.css").exists()


def test_committed_minified_files_are_what_the_minifier_makes_of_the_sources() -> None:
    root = Path(__file__).parent.parent
    result = subprocess.run([root / "scripts" / "minify-timer", "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# An edit each source may take, which changes what the element ships.
EDITS = {
    "breath-timer.css": lambda text: text + "/* an edit, not yet minified */\n",
    "breath-timer.settings.json": lambda text: text.replace('"breaths": [5, 1, 10, true]', '"breaths": [6, 1, 10, true]'),
    "breath-timer.words.json": lambda text: text.replace('"Before you start"', '"Before you begin"'),
}


@pytest.mark.parametrize("source", EDITS)
def test_a_minified_file_older_than_its_source_stops_the_build_in_one_line(tmp_path: Path, source: str) -> None:
    hooks = copy_of_hooks(tmp_path)
    edited = EDITS[source]((hooks / source).read_text(encoding="utf-8"))
    assert edited != (hooks / source).read_text(encoding="utf-8")
    (hooks / source).write_text(edited, encoding="utf-8")
    result = cli_build(write_small_site(tmp_path / "site", "# Home\n", "", hook=hooks / "breath_timer.py"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"ERROR   -  hooks/breath-timer.min.js was made from an older hooks/{source}: run scripts/minify-timer\n" in result.stderr


def write_small_site(tmp_path: Path, pages: str | dict[str, str], config: str = "", hook: Path | None = None) -> Path:
    """A small project that uses the hook (and the site address hook), ready to build. The languages
    hook gives the project's theme its words."""
    return throwaway_site(tmp_path, pages, config, (hook,) if hook else ("site_address.py", "languages.py", "breath_timer.py"))


def build_small_site(
    tmp_path: Path, pages: str | dict[str, str], config: str = "", env: dict[str, str] | None = None
) -> Build:
    """Build a small site that uses the hook, in this process; the result carries MkDocs' log."""
    return build_site(env=env, project=write_small_site(tmp_path, pages, config), in_process=True)


def cli_build(project: Path) -> Build:
    """`mkdocs build --strict` as a person runs it, for the few tests of what the command line prints."""
    return build_site(project=project)


def test_bad_marker_fails_the_command_line_build_with_one_clear_line(tmp_path: Path) -> None:
    result = cli_build(write_small_site(tmp_path, "# Home\n\n<!-- breath-timer inhale=fast -->\n"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  index.md:3: breath-timer marker '<!-- breath-timer inhale=fast -->': "
        "'inhale' must be a number of seconds from 1 to 8, got 'fast'"
    ) in result.stderr.splitlines()


def test_bad_site_config_fails_the_build_naming_the_setting(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, "# Home\n", "extra:\n  breath_timer:\n    sides: 4\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  mkdocs.yml: extra.breath_timer: 'sides' must be a whole number from 1 to 2, got '4'"
    ) in result.stderr.splitlines()


def test_near_miss_fails_a_strict_build_naming_the_page(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, "# Home\n\n<!-- Breath-Timer -->\n")
    assert result.returncode == 1
    assert "WARNING -  index.md:3: '<!-- Breath-Timer -->' is not a timer marker" in result.stderr


def test_marker_in_a_sentence_fails_the_build_naming_line_and_fix(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, "# Home\n\nBreathe <!-- breath-timer --> now.\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "ERROR   -  index.md:3: breath-timer marker '<!-- breath-timer -->': it is inside a paragraph: "
        "put it on a line of its own, with a blank line before and after"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
@pytest.mark.parametrize("name", ["breaths", "sides"])
def test_not_a_number_in_mkdocs_yml_fails_the_build_in_one_line(tmp_path: Path, name: str, value: str) -> None:
    result = build_small_site(tmp_path, "# Home\n", f"extra:\n  breath_timer:\n    {name}: {value}\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"ERROR   -  mkdocs.yml: extra.breath_timer: '{name}' must be a whole number" in result.stderr


@pytest.mark.parametrize("name", ["breath-timer.css", "breath-timer.settings.json", "breath-timer.words.json"])
def test_missing_widget_file_fails_the_build_in_one_line(tmp_path: Path, name: str) -> None:
    hooks = copy_of_hooks(tmp_path)
    (hooks / name).unlink()
    result = cli_build(write_small_site(tmp_path / "site", "# Home\n\n<!-- breath-timer -->\n", "", hook=hooks / "breath_timer.py"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"ERROR   -  hooks/{name} cannot be read (No such file or directory): " in result.stderr


# The site's address


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ('https://example.com/"><script>alert(1)</script>/', "it contains '\"'"),
        ("https://example.com/<b>/", "it contains '<'"),
        ("https://exa mple.com/", "it contains ' '"),
        ("ftp://example.com/", "it is not an http or https address with a host"),
        ("https://example.com/?a=1", "it has a query or a fragment"),
    ],
)
def test_malformed_site_url_fails_the_build_in_one_line(tmp_path: Path, address: str, problem: str) -> None:
    result = build_small_site(tmp_path, "# Home\n", "site_url: !ENV SITE_URL\n", env={"SITE_URL": address})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "site_url (SITE_URL) " in errors[0] and problem in errors[0], result.stderr
    assert errors[0].endswith("give an address such as https://intranet.example.com/unstuck/")


def test_build_without_site_url_says_so_at_info_and_passes_strict(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, "# Home\n", "site_url: !ENV SITE_URL\n")
    assert result.returncode == 0, result.stderr
    assert "INFO    -  No SITE_URL: pages carry no printed address" in result.stderr


def test_snippets_follow_the_site_url_or_are_marked_for_replacing() -> None:
    page = "```html\n<iframe src=\"https://your-site.example/embed/\"></iframe>\n```\n\nframe-src https://your-site.example\n"
    rendered = markdown.markdown(page, extensions=EXTENSIONS)
    addressed = site_address.address_snippets(rendered, "https://intranet.example.com/unstuck/")
    assert "your-site" not in addressed
    assert "https://intranet.example.com/unstuck/embed/" in addressed
    assert "<p>frame-src https://intranet.example.com</p>" in addressed
    marked = BeautifulSoup(site_address.address_snippets(rendered, None), "html.parser")
    assert [note.get_text() for note in marked.find_all("p")] == [
        "Replace https://your-site.example/ with your site's address.",
        "frame-src https://your-site.example",
    ]


@pytest.mark.parametrize("fence", ["````", "~~~", "`````"])
def test_every_fence_closes_and_gets_its_note(fence: str) -> None:
    page = f"{fence}text\nhttps://your-site.example/daily-habit/\n{fence}\n\nAfter the block.\n\n{fence}\nno address\n{fence}\n"
    rendered = markdown.markdown(page, extensions=EXTENSIONS)
    marked = BeautifulSoup(site_address.address_snippets(rendered, None), "html.parser")
    assert [p.get_text() for p in marked.find_all("p")] == [
        "Replace https://your-site.example/ with your site's address.",
        "After the block.",
    ]


# The project's templates escape what they write


def test_titles_and_descriptions_cannot_break_the_templates(tmp_path: Path) -> None:
    overrides = Path(breath_timer.__file__).parent.parent / "overrides"
    page = '---\ntitle: Why "sitting" <b>hurts</b>\ndescription: A "quoted" <script>alert(1)</script> & more\n---\n\nText.\n'
    config = f"theme:\n  name: material\n  custom_dir: {overrides}\nsite_url: https://example.com/\n"
    result = build_small_site(tmp_path, page, config)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(), "html.parser")
    assert soup.find("meta", property="og:description")["content"] == 'A "quoted" <script>alert(1)</script> & more'
    assert soup.select("article script") == [] and soup.select("article h1 b") == []
    assert soup.find("meta", property="og:url")["content"] == "https://example.com/"


def test_title_with_a_quote_keeps_its_whole_og_title(tmp_path: Path) -> None:
    overrides = Path(breath_timer.__file__).parent.parent / "overrides"
    pages = {"index.md": "# Home\n", "why.md": '# Why "sitting" & <em>long</em> hurts\n\nText.\n'}
    result = build_small_site(tmp_path, pages, f"theme:\n  name: material\n  custom_dir: {overrides}\n")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "why" / "index.html").read_text(), "html.parser")
    assert soup.find("meta", property="og:title")["content"] == 'Why "sitting" & long hurts'


# The timer's words and its ready screen


def test_paper_pacer_speaks_the_elements_own_words() -> None:
    english = json.loads((HOOKS / "breath-timer.words.json").read_text(encoding="utf-8"))["en"]
    assert words() == english
    text = BeautifulSoup(render("<!-- breath-timer breaths=1 inhale=1 exhale=2.5 sides=1 -->"), "html.parser").get_text(" ")
    assert english["paper"]["fallback"].split("{")[0] in text
    assert "Breathe in for 1 second to lengthen, then breathe out for 2.5 seconds to twist." in text
    assert f"{english['paper']['ticks'][0]}:" in text


def test_words_in_a_script_cannot_end_it_or_blank_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON inside <script> escapes <, > and &: "<!--<script>" in a word would otherwise swallow the page."""
    hostile = "Antes <!--<script> de </script> empezar & <b>"
    spanish = {**words("es"), "title": hostile}
    monkeypatch.setattr(timer_settings, "words", lambda language: spanish)
    script = timer_settings.words_script(["es"])
    document = html5lib.parse(f"<!doctype html><html><head><title>t</title>{script}</head><body><p>The page</p></body></html>")
    assert [p.text for p in document.iter(f"{XHTML}p")] == ["The page"]
    (element,) = document.iter(f"{XHTML}script")
    assert json.loads(element.text)["es"]["title"] == hostile


# The settings tables in the README and the embed docs (each language's) match the settings file.
SETTINGS_TABLES = ["README.md", "docs/embed-the-timer.md", "docs/embed-the-timer.es.md"]
SETTING_ROW = re.compile(r"^\| `([a-z]+)` \|.*\| (.+?) \| (.+?) \|$")


def settings_table_problems(markdown_text: str, settings: dict[str, list]) -> list[str]:
    """How a settings table (rows `| `name` | what it sets | default | allowed |`) differs from the
    settings file: a row missing or extra, a default, limits, or decimals said where none are allowed."""
    rows = {found[1]: found.groups()[1:] for found in map(SETTING_ROW.match, markdown_text.splitlines()) if found}
    problems = [f"no row for {name!r}" for name in settings if name not in rows]
    problems += [f"a row for {name!r}, which is no setting" for name in rows if name not in settings]
    for name, (default, allowed) in rows.items():
        if name not in settings:
            continue
        default_value, minimum, maximum, whole = settings[name]
        limits = [breath_timer.format_number(number) for number in (minimum, maximum)]
        if default != breath_timer.format_number(default_value):
            problems.append(f"{name!r}: default {default}, not {default_value}")
        if re.findall(r"[0-9]+(?:\.[0-9]+)?", allowed) != limits:
            problems.append(f"{name!r}: allowed {allowed!r}, not from {limits[0]} to {limits[1]}")
        if ("decimal" in allowed) == whole:
            problems.append(f"{name!r}: allowed {allowed!r} says {'decimals' if whole else 'no decimals'}")
    return problems


@pytest.mark.parametrize("document", SETTINGS_TABLES)
def test_the_docs_settings_tables_match_the_settings_file(document: str) -> None:
    assert settings_table_problems((HOOKS.parent / document).read_text(encoding="utf-8"), settings_file()) == []


def test_a_setting_added_to_the_data_file_reaches_the_element_the_markers_and_the_docs_check(tmp_path: Path, page: Page) -> None:
    hooks = copy_of_hooks(tmp_path)
    settings = {**settings_file(), "newsetting": [3, 1, 9, True]}
    (hooks / "breath-timer.settings.json").write_text(json.dumps(settings), encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    shutil.copy(HOOKS.parent / "scripts" / "minify-timer", tmp_path / "scripts")
    (tmp_path / "node_modules").symlink_to(HOOKS.parent / "node_modules")
    subprocess.run([tmp_path / "scripts" / "minify-timer"], check=True, capture_output=True)
    # The marker grammar takes it, with its limits.
    result = cli_build(write_small_site(tmp_path / "site", "# Home\n\n<!-- breath-timer newsetting=4 -->\n", "", hook=hooks / "breath_timer.py"))
    assert result.returncode == 0, result.stderr
    built = tmp_path / "site" / "site"
    timer = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser").find("breath-timer")
    assert timer["newsetting"] == "4"
    (tmp_path / "refused").mkdir()
    refused = cli_build(write_small_site(tmp_path / "refused", "# Home\n\n<!-- breath-timer newsetting=10 -->\n", "", hook=hooks / "breath_timer.py"))
    assert "'newsetting' must be a whole number from 1 to 9, got '10'" in refused.stderr
    # The element, as it ships, reads it as an attribute and a property.
    (built / "timer.html").write_text(f'<!doctype html><html lang="en"><title>Timer</title><script src="assets/breath-timer.js" defer></script>{timer}', encoding="utf-8")
    url, stop = serve(built)
    try:
        page.goto(url + "timer.html")
        page.wait_for_function("() => !!customElements.get('breath-timer')")
        assert page.evaluate("customElements.get('breath-timer').observedAttributes").count("newsetting") == 1
        assert page.evaluate("document.querySelector('breath-timer').newsetting") == 4
    finally:
        stop()
    # Every settings table in the docs lacks its row until one is written.
    for document in SETTINGS_TABLES:
        assert settings_table_problems((HOOKS.parent / document).read_text(encoding="utf-8"), settings) == ["no row for 'newsetting'"]


def test_comfort_limit_is_in_the_get_ready_and_change_sides_words() -> None:
    for phase in ("prepare", "switch"):
        assert "only as far as is comfortable" in words()[phase][1]
    assert words()["idle"][1] == "Breathe in to lengthen, breathe out to twist"


def test_a_tutorial_timer_links_its_own_check_and_has_no_way_past_the_ready_screen() -> None:
    page = '<h2 id="is-this-twist-right-for-you">Is this twist right for you?</h2>\n<!-- breath-timer -->'
    assert page_attributes(page) == {"check": "#is-this-twist-right-for-you"}
    html_ = replace_markers(page, DEFAULTS, "page.md", extra=page_attributes(page))[0]
    assert 'check="#is-this-twist-right-for-you">' in html_


def test_a_timer_without_a_check_on_its_page_takes_the_safety_page_from_its_words() -> None:
    assert page_attributes("<!-- breath-timer -->") == {}


def test_position_floor_reaches_the_element_and_anything_else_is_refused() -> None:
    assert 'position="floor"' in render("<!-- breath-timer position=floor prepare=10 switch=10 -->")
    assert "position" not in render("<!-- breath-timer position=chair -->")
    with pytest.raises(PluginError, match=r"'position' must be one of chair, floor, got 'sofa'"):
        render("<!-- breath-timer position=sofa -->")


@pytest.mark.parametrize(("name", "value"), [("breaths", 11), ("inhale", 0.5), ("exhale", 9)])
def test_a_pace_outside_what_a_page_could_teach_fails_the_build(name: str, value: float) -> None:
    with pytest.raises(TimerSettingError, match=rf"'{name}' must be .* from 1 to (10|8), got"):
        validate_defaults({name: value})


def test_mkdocs_yml_restates_no_default_of_the_elements() -> None:
    """The settings file is the one place of the defaults; the key stays for overrides."""
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  breath_timer: {}\n" in config
