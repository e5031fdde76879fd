"""The security-headers hook: what it hashes, what it refuses, and the two files it writes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(ROOT / "hooks"))
from mkdocs.config import load_config  # noqa: E402
from page_scan import scan_page, url_scheme  # noqa: E402
from playwright.sync_api import Page  # noqa: E402
from security_headers import (  # noqa: E402
    COMMON_HEADERS,
    inline_script_hashes,
    nginx_string,
    nginx_variable,
    script_hash,
    template_scripts,
)

KNOWN_SCRIPTS = template_scripts(load_config(str(ROOT / "mkdocs.yml")).theme.dirs)


def test_hash_is_the_one_browsers_compute_for_the_scripts_exact_text() -> None:
    # The SHA-256 of nothing, as browsers report it for an empty inline script.
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert script_hash("a = 1") != script_hash("a = 1 ")


def test_a_browser_reads_the_scheme_after_stripping_controls_tabs_and_newlines() -> None:
    assert url_scheme("\x00\x1f java\tscr\nipt\r:go()") == "javascript"
    assert url_scheme("chair-twist/#javascript:") == ""
    assert url_scheme("HTTPS://example.org/") == "https"


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
        ('<a href="javascript:go()">', "a javascript: address in href= of <a>"),
        ('<a href="java&#9;script:go()">', "a javascript: address in href= of <a>"),
        ('<a href="java\tscript:go()">', "a javascript: address in href= of <a>"),
        ('<a href="&#1;javascript:go()">', "a javascript: address in href= of <a>"),
        ('<a href="\x01 JavaScript:go()">', "a javascript: address in href= of <a>"),
        ('<a href="java&NewLine;script:go()">', "a javascript: address in href= of <a>"),
        ('<a href="vbscript:go()">', "a vbscript: address in href= of <a>"),
        ('<a href="data:text/html,<script>go()</script>">', "a data: address in href= of <a>"),
        ('<form><button formaction="javascript:go()">Go</button></form>', "a javascript: address in formaction= of <button>"),
        ('<form action=" javascript:go()"></form>', "a javascript: address in action= of <form>"),
        ('<svg><a xlink:href="javascript:go()"><text>Go</text></a></svg>', "a javascript: address in xlink:href= of <a>"),
        ('<svg><a><animate attributeName="href" values="javascript:go()"/></a></svg>', "a javascript: address in values= of <animate>"),
        ('<meta http-equiv="refresh" content="0; url=javascript:go()">', "a javascript: address in content= of <meta>"),
        ("<meta http-equiv=Refresh content=\"0;URL='data:text/html,x'\">", "a data: address in content= of <meta>"),
        ('<iframe srcdoc="<script>go()</script>"></iframe>', "a page written into srcdoc= of <iframe>"),
        ('<iframe src="javascript:go()"></iframe>', "a javascript: address in src= of <iframe>"),
        ('<video poster="javascript:go()"></video>', "a javascript: address in poster= of <video>"),
        ('<object data="javascript:go()"></object>', "a javascript: address in data= of <object>"),
        ('<img srcset="a.png 1x, javascript:go() 2x" alt="">', "a javascript: address in srcset= of <img>"),
        ('<script type="importmap">{}</script>', "a <script type='importmap'>, which no template writes,"),
        ('<script type="text/template"><p>x</p></script>', "a <script type='text/template'>, which no template writes,"),
    ],
)
def test_a_page_the_policy_would_break_fails_the_build_in_one_line(tmp_path: Path, html: str, what: str) -> None:
    (tmp_path / "tips").mkdir()
    (tmp_path / "tips" / "index.html").write_text(f"<!doctype html><body>{html}</body>")
    with pytest.raises(PluginError) as error:
        inline_script_hashes(tmp_path, KNOWN_SCRIPTS)
    message = str(error.value)
    assert message.startswith(f"tips/index.html: {what} would be blocked by the site's Content-Security-Policy")
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
            # Every language's embed page, as the Spanish "Embed the timer" tells admins to frame es/embed/.
            framing = "*" if form.startswith(("/embed/", "/es/embed/")) else "'self'"
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


# What the templates write, and nothing else, gets a hash


def write_page(site: Path, body: str) -> None:
    (site / "tips").mkdir(exist_ok=True)
    (site / "tips" / "index.html").write_text(f"<!doctype html><head>{body}</head>")


def test_the_templates_scripts_are_hashed_at_any_depth(tmp_path: Path) -> None:
    scope = (
        '__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}'
    )
    write_page(tmp_path, f"<script>{scope.format('..')}</script><script>{scope.format('../..')}</script>")
    assert len(inline_script_hashes(tmp_path, KNOWN_SCRIPTS)) == 2


@pytest.mark.parametrize(
    "tag", ["<script>", '<script type="text/ecmascript">', '<script type=" Application/X-JavaScript ">',
            '<script type="text/javascript1.5">', '<script language="jscript">', '<script type="module">'],
)
def test_a_script_of_any_type_a_browser_runs_must_be_the_templates(tmp_path: Path, tag: str) -> None:
    write_page(tmp_path, f"{tag}alert(1)</script>")
    with pytest.raises(PluginError, match="^tips/index.html: an inline script no template writes \\('alert\\(1\\)'\\)"):
        inline_script_hashes(tmp_path, KNOWN_SCRIPTS)


@pytest.mark.parametrize(
    "script",
    [
        "alert(1)",
        # A template's script with an address that steps out of its string.
        '__md_scope=new URL("x",alert(1)),location),__md_hash=e=>0',
        # Material's config with a script hidden in a value is still data, but a script after it is not.
        '"undefined"!=typeof __md_analytics&&__md_analytics();alert(1)',
    ],
)
def test_an_inline_script_no_template_writes_fails_the_build_naming_the_page(tmp_path: Path, script: str) -> None:
    write_page(tmp_path, f"<script>{script}</script>")
    with pytest.raises(PluginError) as error:
        inline_script_hashes(tmp_path, KNOWN_SCRIPTS)
    message = str(error.value)
    assert message.startswith("tips/index.html: an inline script no template writes (")
    assert "\n" not in message


def test_materials_json_settings_are_data_not_script(tmp_path: Path) -> None:
    write_page(tmp_path, '<script id="__config" type="application/json">{"a": "</p>"}</script>')
    assert inline_script_hashes(tmp_path, KNOWN_SCRIPTS) == []


# Each refused address runs in a browser that has no policy to stop it (the offline zip)

RUNS_WITHOUT_A_POLICY = {
    "tab inside": ('<a href="java&#9;script:alert(1)">go</a>', "a"),
    "control before": ('<a href="&#1;javascript:alert(1)">go</a>', "a"),
    "newline inside": ('<a href="java&#10;script:alert(1)">go</a>', "a"),
    "formaction": ('<form><button formaction="javascript:alert(1)">go</button></form>', "button"),
    "xlink:href": ('<svg width="100" height="40"><a xlink:href="javascript:alert(1)"><text y="20">go</text></a></svg>', "text"),
    "srcdoc": ('<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>', None),
}


@pytest.mark.parametrize("case", RUNS_WITHOUT_A_POLICY)
def test_every_refused_address_would_run_a_script_in_chromium(page: Page, tmp_path: Path, case: str) -> None:
    markup, click = RUNS_WITHOUT_A_POLICY[case]
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    (tmp_path / "page.html").write_text(f"<!doctype html><title>t</title>{markup}")
    page.goto((tmp_path / "page.html").as_uri())
    if click:
        page.locator(click).first.click()
    page.wait_for_timeout(300)
    assert alerts == ["1"]
    assert scan_page(markup).forbidden, "the build lets it through"
