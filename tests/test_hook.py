"""The breath-timer hook: markers in, <breath-timer> elements out, clear errors for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import breath_timer  # noqa: E402
from breath_timer import SETTINGS, TimerSettingError, parse_marker, render_timer, replace_markers, validate_defaults  # noqa: E402

DEFAULTS = validate_defaults({})


def render(markdown_text: str) -> str:
    """Markdown to HTML with the site's code-block extension, then the hook."""
    page_html = markdown.markdown(markdown_text, extensions=["pymdownx.superfences"])
    return replace_markers(page_html, DEFAULTS, "page.md")[0]


def timer_attributes(page_html: str) -> list[dict[str, str]]:
    return [tag.attrs for tag in BeautifulSoup(page_html, "html.parser").find_all("breath-timer")]


# Parsing and defaults


def test_built_in_defaults_pace_thirty_seconds_a_side() -> None:
    assert DEFAULTS == {"breaths": 6, "inhale": 2, "exhale": 3, "sides": 2, "prepare": 3, "switch": 5}


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
        ("breath=6", "unknown setting 'breath' (allowed: breaths, inhale, exhale, sides, prepare, switch)"),
        ("breaths=six", "'breaths' must be a whole number from 1 to 20, got 'six'"),
        ("breaths=6.5", "'breaths' must be a whole number from 1 to 20, got '6.5'"),
        ("breaths=21", "'breaths' must be a whole number from 1 to 20, got '21'"),
        ("inhale=0.5", "'inhale' must be a number of seconds from 1 to 20, got '0.5'"),
        ("exhale=-3", "'exhale' must be a number of seconds from 1 to 20, got '-3'"),
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
        ({"breaths": 30}, "'breaths' must be a whole number from 1 to 20, got 30"),
        ({"breaths": True}, "'breaths' must be a whole number from 1 to 20, got True"),
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


def test_error_names_the_page_and_the_marker() -> None:
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as error:
        replace_markers("<!-- breath-timer breaths=99 -->", DEFAULTS, "chair-twist.md")
    assert str(error.value) == (
        "chair-twist.md: breath-timer marker '<!-- breath-timer breaths=99 -->': "
        "'breaths' must be a whole number from 1 to 20, got '99'"
    )


# Rendering


def test_marker_becomes_the_element_with_every_setting() -> None:
    assert timer_attributes(render("<!-- breath-timer breaths=8 -->")) == [
        {"breaths": "8", "inhale": "2", "exhale": "3", "sides": "2", "prepare": "3", "switch": "5"}
    ]


def test_fallback_tells_the_breathing_plan_without_javascript() -> None:
    text = BeautifulSoup(render("<!-- breath-timer inhale=3 exhale=4 -->"), "html.parser").get_text(" ")
    assert "Hold each side for 6 breaths" in text
    assert "Breathe in for 3 seconds to lengthen" in text
    assert "breathe out for 4 seconds to twist" in text


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


marker_text = st.text(alphabet=st.sampled_from(list("=<>\"'&/ -.0123456789abehilnprswtxz")), max_size=40)
setting_words = st.lists(
    st.tuples(st.sampled_from(list(SETTINGS)), st.sampled_from(["1", "2", "2.5", "20", "21", "0", "x"])),
    max_size=4,
).map(lambda pairs: " ".join(f"{name}={value}" for name, value in pairs))


@given(args=marker_text | setting_words)
def test_any_marker_text_gives_a_valid_element_or_a_clear_error(args: str) -> None:
    try:
        page_html = replace_markers(f"<!-- breath-timer {args} -->", DEFAULTS, "page.md")[0]
    except breath_timer.PluginError as error:
        assert str(error).startswith("page.md: breath-timer marker ")
        return
    soup = BeautifulSoup(page_html, "html.parser")
    (timer,) = soup.find_all("breath-timer")
    assert set(timer.attrs) == set(SETTINGS)
    for name, value in timer.attrs.items():
        assert SETTINGS[name].minimum <= float(value) <= SETTINGS[name].maximum
    assert {tag.name for tag in timer.find_all(True)} == {"div", "p", "ul", "li", "span"}


# The hook in a real build


def test_tutorials_carry_the_timer_and_its_script(built_page) -> None:
    for url in ("chair-twist/", "floor-twist/"):
        soup = built_page(url)
        assert soup.find("breath-timer") is not None, url
        assert [s["src"] for s in soup.select("script[src$='breath-timer.js']")] == ["../assets/breath-timer.js"]


def test_pages_without_a_marker_load_no_timer_script(built_page) -> None:
    soup = built_page("why-sitting-hurts/")
    assert soup.select("script[src$='breath-timer.js']") == []


def test_widget_files_ship_with_the_site_without_comments(site_dir: Path) -> None:
    for name in ("breath-timer.js", "breath-timer.css"):
        shipped = (site_dir / "assets" / name).read_text()
        source = (Path(breath_timer.__file__).parent / name).read_text()
        assert shipped == breath_timer.compact(source, name)
        assert "/*" not in shipped and "\n//" not in shipped
        assert len(shipped) < len(source)


def test_compact_keeps_code_and_drops_comments() -> None:
    assert breath_timer.compact("/* a\n b */\nx {\n  color: red; /* c */\n}\n", "x.css") == "x {\ncolor: red;\n}\n"
    assert breath_timer.compact("// why\n  const a = 1; // note\n\n  f();\n", "x.js") == "const a = 1; // note\nf();\n"


def build_small_site(tmp_path: Path, page: str, config: str = "") -> subprocess.CompletedProcess[str]:
    """Build a one-page site that uses the hook; the result carries MkDocs' log."""
    hook = Path(breath_timer.__file__)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\nhooks: [{hook}]\n{config}")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True
    )


def test_bad_marker_fails_the_build_with_one_clear_line(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, "# Home\n\n<!-- breath-timer inhale=fast -->\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  index.md: breath-timer marker '<!-- breath-timer inhale=fast -->': "
        "'inhale' must be a number of seconds from 1 to 20, got 'fast'"
    ) in result.stderr.splitlines()


def test_bad_site_config_fails_the_build_naming_the_setting(tmp_path: Path) -> None:
    result = build_small_site(tmp_path, "# Home\n", "extra:\n  breath_timer:\n    sides: 4\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  mkdocs.yml: extra.breath_timer: 'sides' must be a whole number from 1 to 2, got 4"
    ) in result.stderr.splitlines()
