"""The security-headers hook: what it hashes, what it refuses, and the two files it writes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(ROOT / "hooks"))
from security_headers import (  # noqa: E402
    COMMON_HEADERS,
    inline_script_hashes,
    nginx_string,
    nginx_variable,
    scan_page,
    script_hash,
    validate_frame_ancestors,
)


def test_hash_is_the_one_browsers_compute_for_the_scripts_exact_text() -> None:
    # The SHA-256 of nothing, as browsers report it for an empty inline script.
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert script_hash("a = 1") != script_hash("a = 1 ")


def test_only_scripts_a_browser_runs_are_hashed() -> None:
    page = """<head><script id="__config" type="application/json">{"a": "</p>"}</script>
    <script src="x.js"></script><script>run()</script><script type="module">go()</script>
    <script>if (a < b && c > d) x("<p>")</script></head>"""
    assert scan_page(page).inline_scripts == ["run()", "go()", 'if (a < b && c > d) x("<p>")']


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ('<p style="color: red">', "a style attribute on <p>"),
        ("<style>p { color: red }</style>", "a <style> element"),
        ('<button onclick="go()">', "an inline event handler (onclick=)"),
        ('<a href="javascript:go()">', "a javascript: address in href="),
    ],
)
def test_a_page_the_policy_would_break_fails_the_build_in_one_line(tmp_path: Path, html: str, what: str) -> None:
    (tmp_path / "tips").mkdir()
    (tmp_path / "tips" / "index.html").write_text(f"<!doctype html><body>{html}</body>")
    with pytest.raises(PluginError) as error:
        inline_script_hashes(tmp_path)
    message = str(error.value)
    assert message.startswith(f"tips/index.html: {what} would be blocked by the site's Content-Security-Policy")
    assert "\n" not in message


@pytest.mark.parametrize(
    "value",
    ["*", ["*"], ["https://intranet.example.com"], ["https://*.example.com", "http://localhost:8080", "'self'"]],
)
def test_embed_frame_ancestors_takes_any_site_or_a_list_of_origins(value) -> None:
    assert validate_frame_ancestors(value) == ([value] if isinstance(value, str) else value)


@pytest.mark.parametrize(
    "value", ["", [], "intranet.example.com", ["'unsafe-inline'"], ["https://a.example; script-src *"], 3, None]
)
def test_a_bad_embed_frame_ancestors_fails_in_one_line_naming_the_value(value) -> None:
    with pytest.raises(PluginError) as error:
        validate_frame_ancestors(value)
    message = str(error.value)
    assert message.startswith(f"mkdocs.yml: extra.embed_frame_ancestors: {value!r} is not allowed")
    assert "\n" not in message


def test_nginx_strings_escape_quotes_and_backslashes() -> None:
    assert nginx_string('a "b" \\c') == '"a \\"b\\" \\\\c"'


def headers_rules(site: Path) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    current = ""
    for line in (site / "_headers").read_text().splitlines():
        if line.startswith("/"):
            current = line
            assert current not in rules, f"{current} has two rules"
            rules[current] = {}
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules[current][name] = value
    return rules


def test_headers_file_gives_every_page_its_policy_from_exactly_one_rule(site_dir: Path) -> None:
    rules = headers_rules(site_dir)
    assert "Content-Security-Policy" not in rules["/*"]
    assert {"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} <= set(rules["/*"])
    for path in sorted(site_dir.rglob("*.html")):
        address = "/" + path.relative_to(site_dir).as_posix()
        for form in {address, address.removesuffix("index.html")}:
            policy = rules[form]["Content-Security-Policy"]
            framing = "*" if form.startswith("/embed/") else "'self'"
            assert policy.endswith(f"frame-ancestors {framing}"), form


def test_nginx_and_headers_file_carry_the_same_values(site_dir: Path) -> None:
    rules = headers_rules(site_dir)
    nginx = (site_dir / "_headers.nginx.conf").read_text()
    for name, value in rules["/*"].items():
        assert f"${nginx_variable(name)} {{\n    default {nginx_string(value)};" in nginx
    assert nginx_string(rules["/chair-twist/"]["Content-Security-Policy"]) in nginx
    assert nginx_string(rules["/embed/"]["Content-Security-Policy"]) in nginx


def test_nginx_sends_every_header_the_build_computes() -> None:
    wired = (ROOT / "deploy" / "nginx" / "security-headers.conf").read_text()
    sent = dict(re.findall(r"^add_header (\S+) \$(\S+) always;$", wired, re.MULTILINE))
    for name in [*COMMON_HEADERS, "Content-Security-Policy"]:
        assert sent.get(name) == nginx_variable(name), name
