"""Hostile and careless input that MkDocs or a hook once ended in a traceback, or let through
silently: each stops a throwaway build in one line naming what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, Build, build_site, one_error, throwaway_site

# The host's settings a site needs (hooks/site_settings.py checks them): one source.
SETTINGS = "extra:\n  sources:\n    nhs: {by: NHS, title: Back pain, url: 'https://www.nhs.uk/'}\n"
HEADER_HOOKS = ("site_settings.py", "security_headers.py")


def build(tmp_path: Path, config: str = "", pages: dict[str, str] | None = None, env: dict[str, str] | None = None,
          hooks: tuple[str, ...] = ("site_address.py", "breath_timer.py")) -> Build:  # fmt: skip
    """`mkdocs build --strict` of a small site, in this process (a fraction of a command line's
    time), with MkDocs' log as the command line prints it."""
    return build_site(env=env, project=throwaway_site(tmp_path, pages or "# Home\n", config, hooks), in_process=True)


# The site's address, read raw from SITE_URL


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("http://[/", "it is not an address a browser can read"),
        ("https://example.com:99999/", "it is not an address a browser can read"),
        ("https://example.com:0/", "its port is not a number from 1 to 65535"),
        ("https://user:secret@example.com/", "it carries a user name or password (user:secret@)"),
        ("https://intranet@example.com/", "it carries a user name or password"),
        ("https://example.com/\nhttps://evil.example/", "it contains '\\n'"),
        ("https://exa\tmple.com/", "it contains '\\t'"),
        ("https://example.com/\x01/", "it contains '\\x01'"),
        ("https://exa\u200bmple.com/", "it contains '\\u200b'"),
        ("https://example.com/\u00a0/", "it contains '\\xa0'"),
        ("https://\u0435xample.com/", "it contains '\u0435'"),  # a Cyrillic e
        ("https://" + "a" * 3000 + ".example/", "it is longer than 200 characters"),
    ],
)
def test_a_site_url_that_is_not_a_plain_address_fails_in_one_line(tmp_path: Path, address: str, problem: str) -> None:
    error = one_error(build(tmp_path, env={"SITE_URL": address}))
    assert error.startswith("ERROR   -  site_url (SITE_URL) ") and problem in error
    assert error.endswith("give an address such as https://intranet.example.com/unstuck/")
    assert len(error) < 300


def test_a_site_url_is_used_as_given_with_its_folder_slash(tmp_path: Path) -> None:
    result = build(tmp_path, env={"SITE_URL": "https://intranet.example.com:8443/unstuck"})
    assert result.returncode == 0, result.stderr
    assert "<loc>https://intranet.example.com:8443/unstuck/</loc>" in (tmp_path / "site" / "sitemap.xml").read_text()


# extra.breath_timer, judged as written


@pytest.mark.parametrize("written", ["0x10", "+6", "1_0", "1.0e+1", "0o10", "6.0", ".inf", "~", "[6]", "'6 '"])
def test_extra_breath_timer_follows_the_markers_grammar_as_written(tmp_path: Path, written: str) -> None:
    error = one_error(build(tmp_path, f"extra:\n  breath_timer:\n    breaths: {written}\n"))
    assert error.startswith("ERROR   -  mkdocs.yml: extra.breath_timer: 'breaths' must be a whole number from 1 to 10, got ")


def test_extra_breath_timer_takes_plain_and_quoted_numbers_as_a_marker_would(tmp_path: Path) -> None:
    # 010 is ten, as in a marker, not YAML's octal eight.
    config = "extra:\n  breath_timer:\n    breaths: 010\n    inhale: '2.5'\n    exhale: \"3\"\n"
    result = build(tmp_path, config, {"index.md": "# Home\n\n<!-- breath-timer -->\n"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert '<breath-timer breaths="10" inhale="2.5" exhale="3"' in html


def test_a_timer_of_one_breath_says_one_breath(tmp_path: Path) -> None:
    result = build(tmp_path, pages={"index.md": "# Home\n\n<!-- breath-timer breaths=1 inhale=1 -->\n"})
    assert result.returncode == 0, result.stderr
    assert "Hold each side for 1 breath. Breathe in for 1 second to lengthen" in (tmp_path / "site" / "index.html").read_text()


# Pages and pictures


@pytest.mark.parametrize("name", ["_headers.md", "_headers.nginx.conf", "_headers/index.md"])
def test_a_page_or_file_where_the_header_files_go_fails_in_one_line(tmp_path: Path, name: str) -> None:
    error = one_error(build(tmp_path, SETTINGS, {"index.md": "# Home\n", name: "# Headers\n"}, hooks=HEADER_HOOKS))
    assert error.startswith(f"ERROR   -  {name}: it would be built as _headers")
    assert error.endswith("give it another name")


def test_a_page_named_like_the_header_files_is_fine(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "_headers-guide.md": "# Guide\n"}
    result = build(tmp_path, "theme:\n  name: material\n  font: false\n" + SETTINGS, pages, hooks=HEADER_HOOKS)
    assert result.returncode == 0, result.stderr


def test_a_picture_sized_in_css_units_fails_in_one_line(tmp_path: Path) -> None:
    svg = (ROOT / "docs" / "images" / "chair-start.svg").read_text()
    pages = {"index.md": '# Home\n\n![Sitting tall](images/chair-start.svg){ width="200px" }\n', "images/chair-start.svg": svg}
    result = build(tmp_path, "markdown_extensions: [attr_list]\n", pages, hooks=("pictures.py",))
    assert one_error(result) == (
        "ERROR   -  index.md: picture 'images/chair-start.svg' has width=\"200px\"; "
        "give the width in pixels as a plain number, such as width=\"220\""
    )
