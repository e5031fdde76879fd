"""The built site behind real nginx (deploy/nginx.conf), with the headers the build computes.

nginx listens on 127.0.0.2 at the session's site port: Material's instant navigation matches
links against its sitemap by port (it takes the host from the page), so the session's build
works unchanged, and 127.0.0.1 stays free for a second origin that frames the site.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import (
    ROOT,
    build_site,
    built_pages,
    copy_of_the_project,
    free_port,
    open_language_menu_and_choose,
    run_framed_session,
    serve,
)
from local_nginx import start_nginx, worker_user
from mkdocs.config import load_config
from playwright.sync_api import Page, expect
from security_headers import COMMON_HEADERS, inline_script_hashes, template_scripts

HOST = "127.0.0.2"
SECRET = "this file lives outside site/"
SECURITY_HEADERS = ("Content-Security-Policy", *COMMON_HEADERS)
WATCH = """
window.policyViolations = [];
addEventListener("securitypolicyviolation", (event) =>
  policyViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`));
window.timerDone = 0;
addEventListener("breath-timer:done", () => timerDone++);
"""

Fetch = Callable[..., http.client.HTTPResponse]


@pytest.fixture(scope="module")
def nginx(site_dir: Path, site_port: int) -> Iterator[str]:
    (site_dir.parent / "secret.txt").write_text(SECRET)
    url, stop = start_nginx(site_dir, site_port, HOST)
    yield url
    stop()


@pytest.fixture(scope="module")
def fetch(nginx: str) -> Fetch:
    """GET a raw path (sent exactly as written, encoded dots and all) from nginx."""
    port = urlsplit(nginx).port

    def get(path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response

    return get


def served_paths(site: Path) -> list[str]:
    """The address of every file the build made, pages by their folder address."""
    paths = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.name.startswith("_headers"):
            address = "/" + path.relative_to(site).as_posix()
            paths.append(address.removesuffix("index.html") if path.name == "index.html" else address)
    return paths


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


# --- Headers --------------------------------------------------------------------------------


def test_every_page_asset_and_the_404_carry_the_security_headers(fetch: Fetch, site_dir: Path) -> None:
    paths = served_paths(site_dir) + ["/no-such-page/"]
    missing = {}
    for path in paths:
        response = fetch(path)
        missing[path] = [name for name in SECURITY_HEADERS if not response.getheader(name)]
    assert {path: names for path, names in missing.items() if names} == {}
    assert len(paths) > 60


def test_policy_is_strict_and_lets_only_embed_be_framed_by_other_sites(fetch: Fetch) -> None:
    content = directives(fetch("/chair-twist/").getheader("Content-Security-Policy"))
    embed = directives(fetch("/embed/").getheader("Content-Security-Policy"))
    assert content["default-src"] == ["'self'"]
    assert content["script-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in content["script-src"][1:])
    assert content["img-src"] == ["'self'", "data:"]
    assert content["object-src"] == ["'none'"]
    assert content["base-uri"] == content["form-action"] == ["'self'"]
    assert content["frame-ancestors"] == ["'self'"]
    assert embed["frame-ancestors"] == ["*"]
    assert {k: v for k, v in embed.items() if k != "frame-ancestors"} == {k: v for k, v in content.items() if k != "frame-ancestors"}
    assert not re.search(r"unsafe-|\bhttps?:", fetch("/").getheader("Content-Security-Policy"))


def test_policy_lists_the_hash_of_every_inline_script_in_every_built_page(fetch: Fetch, site_dir: Path) -> None:
    allowed = set(directives(fetch("/").getheader("Content-Security-Policy"))["script-src"])
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            if not script.get("src") and script.get("type") in (None, "text/javascript", "module"):
                digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
                found.setdefault(f"'sha256-{digest}'", path.relative_to(site_dir).as_posix())
    assert {source: page for source, page in found.items() if source not in allowed} == {}
    assert len(found) >= 4  # Material's scope, palette and anchor scripts, at two depths


def test_other_headers_say_nosniff_same_origin_and_allow_only_fullscreen_and_wake_lock(fetch: Fetch) -> None:
    response = fetch("/")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    features = dict(feature.split("=") for feature in response.getheader("Permissions-Policy").split(", "))
    assert {name for name, allow in features.items() if allow != "()"} == {"fullscreen", "screen-wake-lock"}
    assert features["fullscreen"] == features["screen-wake-lock"] == "(self)"
    assert {"camera", "microphone", "geolocation"} <= set(features)


def test_a_missing_page_gets_the_sites_404_page_with_status_404(fetch: Fetch, site_dir: Path) -> None:
    response = fetch("/no/such/page/")
    assert response.status == 404
    assert response.body == (site_dir / "404.html").read_bytes()
    assert response.getheader("Cache-Control") == "no-cache"


def test_a_missing_spanish_page_gets_the_spanish_404_page(fetch: Fetch, site_dir: Path) -> None:
    response = fetch("/es/no/such/page/")
    assert response.status == 404
    assert response.body == (site_dir / "es" / "404.html").read_bytes()
    assert BeautifulSoup(response.body, "html.parser").html["lang"] == "es"
    assert response.getheader("Content-Security-Policy") and response.getheader("Cache-Control") == "no-cache"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_404_page_asked_for_by_name_answers_404_and_asks_not_to_be_listed(fetch: Fetch, site_dir: Path, language: str) -> None:
    """Search engines list an address that answers 200: the 404 page would show in results."""
    page = "404.html" if language == "en" else "es/404.html"
    response = fetch(f"/{page}")
    assert response.status == 404
    assert response.body == (site_dir / page).read_bytes()
    robots = BeautifulSoup(response.body, "html.parser").select_one('meta[name="robots"]')
    assert robots and robots["content"] == "noindex"


def test_a_folder_without_its_slash_is_redirected_to_it_by_a_relative_address(fetch: Fetch) -> None:
    response = fetch("/embed")
    assert (response.status, response.getheader("Location")) == (301, "/embed/")


# --- Compression and caching ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["html", "css", "js", "json"])
def test_text_is_gzipped_when_the_browser_asks(fetch: Fetch, site_dir: Path, kind: str) -> None:
    path = {"html": "/chair-twist/", "json": "/search/search_index.json"}.get(kind) or next(
        p for p in served_paths(site_dir) if p.startswith("/assets/") and p.endswith(f".min.{kind}")
    )
    plain = fetch(path)
    zipped = fetch(path, {"Accept-Encoding": "gzip, deflate, br"})
    assert plain.getheader("Content-Encoding") is None
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert zipped.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(zipped.body) == plain.body
    assert len(zipped.body) < len(plain.body) / 2.5


def test_a_ready_made_gz_file_is_sent_as_it_is(fetch: Fetch, site_dir: Path) -> None:
    response = fetch("/sitemap.xml", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.body == (site_dir / "sitemap.xml.gz").read_bytes()


def test_materials_fingerprinted_files_are_kept_a_year(fetch: Fetch, site_dir: Path) -> None:
    fingerprinted = [p for p in served_paths(site_dir) if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", p)]
    assert len(fingerprinted) >= 4  # bundle, search worker, main and palette style sheets
    for path in fingerprinted:
        assert fetch(path).getheader("Cache-Control") == "public, max-age=31536000, immutable", path


@pytest.mark.parametrize(
    "path",
    ["/", "/chair-twist/", "/assets/breath-timer.js", "/stylesheets/site.css",
     "/search/search_index.json", "/embed/embed.js"],
)
def test_pages_and_unfingerprinted_files_are_revalidated_every_time(fetch: Fetch, path: str) -> None:
    first = fetch(path)
    assert first.getheader("Cache-Control") == "no-cache"
    again = fetch(path, {"If-None-Match": first.getheader("ETag")})
    assert again.status == 304
    assert again.getheader("Content-Security-Policy")


# --- Nothing outside site/ ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt", "/chair-twist/../../secret.txt", "/chair-twist/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/%252e%252e/secret.txt", "/..%5csecret.txt", "/..\\secret.txt",
        "//../secret.txt", "/./../secret.txt", "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd", "/../../../../etc/passwd",
    ],
)
def test_a_path_outside_the_site_never_escapes(fetch: Fetch, path: str) -> None:
    response = fetch(path)
    assert response.status in (400, 404), (path, response.status)
    assert SECRET.encode() not in response.body and b"root:" not in response.body


@pytest.mark.parametrize("path", ["/_headers", "/_headers.nginx.conf"])
def test_the_builds_header_files_are_not_served(fetch: Fetch, path: str) -> None:
    assert fetch(path).status == 404


def test_a_symbolic_link_out_of_the_site_is_refused(site_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(site_dir / "_headers.nginx.conf", site)
    shutil.copy(site_dir / "404.html", site)
    (tmp_path / "secret.txt").write_text(SECRET)
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    url, stop = start_nginx(site, port, HOST)
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        connection.request("GET", "/leak.txt")
        response = connection.getresponse()
        assert response.status in (403, 404) and SECRET.encode() not in response.read()
    finally:
        stop()


@pytest.fixture
def site_with_public_and_leftover_files(site_dir: Path, tmp_path: Path) -> Iterator[Fetch]:
    """A copy of the site holding what a server finds beside the build: a certificate challenge
    and security.txt, a page whose name begins like the header files, and editors' leftovers."""
    site = shutil.copytree(site_dir, tmp_path / "site")
    for path, text in {
        ".well-known/security.txt": "Contact: mailto:security@example.org\n",
        ".well-known/acme-challenge/token": "token.key\n",
        "_headers-guide/index.html": "<!doctype html><title>Guide</title><p>Guide</p>",
        "chair-twist/index.html~": "old",
        "chair-twist/#index.html#": "autosave",
        "chair-twist/index.html.swp": "swap",
        ".git/config": "[core]",
        "es/.git/config": "[core]",
        "es/chair-twist/index.html~": "old",
    }.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    port = free_port(HOST)
    url, stop = start_nginx(site, port, HOST)

    def get(path: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response

    yield get
    stop()


def test_well_known_and_pages_named_like_the_header_files_are_served(site_with_public_and_leftover_files: Fetch) -> None:
    get = site_with_public_and_leftover_files
    assert get("/.well-known/security.txt").body == b"Contact: mailto:security@example.org\n"
    assert get("/.well-known/acme-challenge/token").status == 200
    assert get("/_headers-guide/").status == 200
    for refused in ("/_headers", "/_headers.nginx.conf", "/_headers%2enginx.conf", "//_headers", "/.git/config",
                    "/.well-known/../.git/config", "/chair-twist/index.html~", "/chair-twist/%23index.html%23",
                    "/chair-twist/index.html.swp"):  # fmt: skip
        assert get(refused).status in (400, 404), refused


@pytest.mark.parametrize("path", ["/es/.git/config", "/es/.git/", "/es/chair-twist/index.html~", "/es/x~",
                                  "/es/..%5c..%5c_headers", "/es/chair-twist/%23index.html%23"])
def test_a_blocked_name_under_es_gets_the_spanish_404(site_with_public_and_leftover_files: Fetch, site_dir: Path, path: str) -> None:
    response = site_with_public_and_leftover_files(path)
    assert response.status == 404
    assert BeautifulSoup(response.body, "html.parser").html["lang"] == "es"
    assert response.body == (site_dir / "es" / "404.html").read_bytes()


def test_the_build_leaves_editors_leftovers_out_and_publishes_well_known(tmp_path: Path) -> None:
    project = copy_of_the_project(tmp_path / "unstuck")
    for leftover in ("chair-twist.md~", "#chair-twist.md#", "chair-twist.md.swp", ".chair-twist.md.swp", "images/x.svg~"):
        (project / "docs" / leftover).write_text("leftover")
    (project / "docs" / ".well-known").mkdir()
    (project / "docs" / ".well-known" / "security.txt").write_text("Contact: mailto:security@example.org\n")
    result = build_site(project=project, in_process=True)
    assert result.returncode == 0, result.stderr
    published = [path.name for path in (project / "site").rglob("*")]
    assert [name for name in published if name.endswith(("~", "#", ".swp"))] == []
    assert (project / "site" / ".well-known" / "security.txt").is_file()


def nginx_workers_users(parent: int) -> list[int]:
    """The user id of every nginx worker whose master is a child of `parent`."""
    def status(pid: str) -> dict[str, str]:
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            return {}
        return dict(line.split(":\t", 1) for line in lines if ":\t" in line)

    processes = {pid: status(pid) for pid in os.listdir("/proc") if pid.isdigit()}
    masters = {pid for pid, info in processes.items() if info.get("PPid") == str(parent) and info.get("Name") == "nginx"}
    return [int(info["Uid"].split()[0]) for info in processes.values() if info.get("PPid") in masters]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can start workers as another user")
def test_workers_never_run_as_root_even_when_root_owns_the_site(site_dir: Path, tmp_path: Path) -> None:
    assert site_dir.stat().st_uid == 0
    line, served = worker_user(site_dir, tmp_path)
    assert line in ("user nobody nogroup;", "user www-data www-data;") and served != site_dir  # a copy others can read
    url, stop = start_nginx(site_dir, free_port(HOST), HOST)
    try:
        workers = nginx_workers_users(os.getpid())
        assert workers and 0 not in workers
        connection = http.client.HTTPConnection(HOST, urlsplit(url).port, timeout=10)
        connection.request("GET", "/chair-twist/")
        assert connection.getresponse().status == 200
    finally:
        stop()


@pytest.mark.parametrize("port", ["abc", "99999", "0", "80a", "-1"])
def test_host_refuses_a_port_that_is_not_one_before_building(tmp_path: Path, port: str) -> None:
    result = subprocess.run([ROOT / "scripts" / "host"], env={**os.environ, "PORT": port}, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "Serving" not in result.stdout
    assert result.stderr == f"PORT={port} is not a port: give a number from 1 to 65535, such as PORT=8080\n"


def test_host_serves_from_a_folder_whose_path_has_a_space(tmp_path: Path) -> None:
    project = copy_of_the_project(tmp_path / "my projects" / "unstuck")
    port = free_port("127.0.0.1")
    environment = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "OFFLINE")}
    # Its log goes to a file: a pipe nobody reads fills up with the build's lines, and the
    # script would wait on it for ever before it says "Serving".
    log = tmp_path / "host.log"
    with log.open("w") as errors:
        host = subprocess.Popen([project / "scripts" / "host"], env={**environment, "PORT": str(port)},
                                stdout=subprocess.PIPE, stderr=errors, text=True)  # fmt: skip
    try:
        said = host.stdout.readline()  # type: ignore[union-attr]
        assert said.startswith(f"Serving site through nginx at http://127.0.0.1:{port}/"), log.read_text()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/chair-twist/")
        assert connection.getresponse().status == 200
    finally:
        host.terminate()
        host.wait(timeout=20)


def test_host_says_serving_only_once_nginx_answers(tmp_path: Path, site_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([sys.executable, ROOT / "deploy" / "local_nginx.py", site_dir, str(port)],
                                capture_output=True, text=True, timeout=30)  # fmt: skip
    assert result.returncode == 1 and "Serving" not in result.stdout
    assert result.stderr == f"127.0.0.1:{port} cannot be served (Address already in use); choose another, such as PORT=8081\n"
    assert time.monotonic() - started < 15


# --- In Chromium ----------------------------------------------------------------------------


@pytest.fixture
def watched(page: Page) -> Page:
    """A page that records policy violations and console errors, in itself and in its frames."""
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.add_init_script(WATCH)
    return page


def assert_no_violation(page: Page) -> None:
    assert page.evaluate("policyViolations") == []
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_every_page_runs_without_a_policy_violation(watched: Page, nginx: str, site_dir: Path) -> None:
    for url in [url for url in built_pages(site_dir) if not url.endswith(".html")]:  # pages, not 404.html
        watched.goto(nginx + url)
        watched.wait_for_load_state("networkidle")
        assert watched.evaluate("policyViolations") == [], url
    assert watched.console_errors == []  # type: ignore[attr-defined]


def test_the_404_page_runs_without_a_policy_violation(watched: Page, nginx: str) -> None:
    response = watched.goto(nginx + "no/such/page/")
    assert response and response.status == 404
    expect(watched.locator("h1")).to_have_text("404 - Not found")
    watched.wait_for_load_state("networkidle")
    assert watched.evaluate("policyViolations") == []
    # The one error a browser logs for a 404: the status itself.
    assert [e for e in watched.console_errors if "404" not in e] == []  # type: ignore[attr-defined]


def test_clicking_through_both_languages_asks_for_nothing_missing(watched: Page, nginx: str) -> None:
    """A reader's round: every page of the menu by instant navigation, in English and in Spanish,
    the language switch both ways, and each language's 404 page and its links. Material's
    language selector asks for sitemap.xml beside each page and its twin; nothing ends in an
    error but the missing pages themselves."""
    failed: list[str] = []
    watched.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    for home, other in (("", "es"), ("es/", "en")):
        watched.goto(nginx + home)
        menu = watched.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
        for index in range(menu.count()):
            address = menu.nth(index).evaluate("link => link.href")
            menu.nth(index).click()
            expect(watched).to_have_url(address)
        open_language_menu_and_choose(watched, other)
        expect(watched.locator("html")).to_have_attribute("lang", other)
        watched.wait_for_load_state("networkidle")
    for missing, other in (("no/such/page/", "es"), ("es/no/such/page/", "en")):
        watched.goto(nginx + missing)
        watched.wait_for_load_state("networkidle")
        open_language_menu_and_choose(watched, other)
        expect(watched.locator("html")).to_have_attribute("lang", other)
        watched.wait_for_load_state("networkidle")
    assert failed == [f"404 {nginx}no/such/page/", f"404 {nginx}es/no/such/page/"]
    assert watched.evaluate("policyViolations") == []
    assert [error for error in watched.console_errors if "404" not in error] == []  # type: ignore[attr-defined]


def test_search_and_its_worker_run_under_the_policy(watched: Page, nginx: str) -> None:
    watched.goto(nginx)
    watched.locator(".md-search__input").click()
    watched.locator(".md-search__input").press_sequentially("sit bones", delay=50)
    expect(watched.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ matching documents?$"), timeout=10_000)
    expect(watched.locator(".md-search-result__item").first).to_be_visible()
    assert_no_violation(watched)


def test_instant_navigation_runs_each_pages_scripts_under_the_first_pages_policy(watched: Page, nginx: str) -> None:
    watched.goto(nginx)
    watched.evaluate("window.sameDocument = true")
    watched.locator(".md-nav__link", has_text="Chair twist").first.click()
    expect(watched).to_have_url(nginx + "chair-twist/")
    watched.locator(".md-nav__link", has_text="Make it a habit").first.click()
    expect(watched).to_have_url(nginx + "daily-habit/")
    watched.go_back()
    expect(watched).to_have_url(nginx + "chair-twist/")
    watched.wait_for_load_state("networkidle")
    assert watched.evaluate("window.sameDocument") is True  # no full page load happened
    assert_no_violation(watched)


def test_the_print_button_prints_under_the_policy(watched: Page, nginx: str) -> None:
    watched.add_init_script("window.printed = 0; window.print = () => printed++;")
    watched.goto(nginx + "chair-twist/")
    watched.get_by_role("button", name="Print this page").click()
    assert watched.evaluate("printed") == 1
    assert_no_violation(watched)


def test_the_guided_twist_runs_a_whole_session_under_the_policy(watched: Page, nginx: str) -> None:
    watched.clock.install(time=0)
    watched.goto(nginx + "chair-twist/")
    watched.clock.pause_at(60_000)
    # The reader's way in: the guided start opens the timer's follow-along view (full screen)
    # on its ready screen, whose Start begins the session.
    watched.get_by_role("button", name="Start the guided twist").click()
    watched.locator("breath-timer").get_by_role("button", name="Start").click()
    watched.clock.run_for(120_000)
    assert watched.evaluate("timerDone") == 1
    assert_no_violation(watched)


# --- Framed by another site -----------------------------------------------------------------

FRAME_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><main><h1>Take a break</h1>
<iframe src="{src}" title="Unstuck" width="360" height="640" allow="fullscreen; screen-wake-lock"></iframe>
</main></body></html>"""


@pytest.fixture
def intranet(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Another origin, 127.0.0.1 on its own port, serving a page that frames a given address."""
    (tmp_path / "favicon.ico").write_bytes(b"")
    url, stop = serve(tmp_path)

    def framing(src: str) -> str:
        (tmp_path / "frame.html").write_text(FRAME_PAGE.format(src=src))
        return url + "frame.html"

    yield framing
    stop()


def test_another_site_can_frame_embed_and_run_a_session(watched: Page, nginx: str, intranet) -> None:
    timer_frame = run_framed_session(watched, intranet(nginx + "embed/?breaths=2&sides=1"))
    assert timer_frame.evaluate("policyViolations") == []
    assert_no_violation(watched)


def test_another_site_can_frame_the_spanish_embed_page_the_spanish_docs_give(watched: Page, nginx: str, intranet) -> None:
    watched.goto(intranet(nginx + "es/embed/?breaths=2&sides=1"))
    frame = watched.frame_locator("iframe")
    expect(frame.get_by_role("button", name="Empezar")).to_be_visible()
    assert watched.frames[1].url.startswith(nginx + "es/embed/")
    assert_no_violation(watched)


def test_another_site_cannot_frame_a_content_page(watched: Page, nginx: str, intranet) -> None:
    watched.goto(intranet(nginx + "chair-twist/"))
    watched.wait_for_load_state("networkidle")
    framed = watched.frames[1]
    assert not framed.url.startswith(nginx)
    assert framed.locator("article").count() == 0
    assert any("frame-ancestors" in error for error in watched.console_errors)  # type: ignore[attr-defined]


# --- A new inline script --------------------------------------------------------------------

NEW_SCRIPT_TEXT = "document.documentElement.dataset.injected = 'ran'"
NEW_SCRIPT = f"<script>{NEW_SCRIPT_TEXT}</script>"


@pytest.fixture
def site_with_a_new_inline_script(site_dir: Path, tmp_path: Path) -> Path:
    """A copy of the built site where one page gained an inline script after the headers were made,
    as after a Material upgrade whose headers nobody regenerated."""
    site = shutil.copytree(site_dir, tmp_path / "site")
    page = site / "chair-twist" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", NEW_SCRIPT + "</body>"), encoding="utf-8")
    return site


def test_a_new_inline_script_without_its_hash_is_caught(
    watched: Page, site_dir: Path, site_with_a_new_inline_script: Path
) -> None:
    known = template_scripts(load_config(str(ROOT / "mkdocs.yml")).theme.dirs)
    upgraded = [*known, re.compile(re.escape(NEW_SCRIPT_TEXT))]  # the new template writes it
    stale = set(inline_script_hashes(site_dir, known))
    fresh = set(inline_script_hashes(site_with_a_new_inline_script, upgraded))
    assert len(fresh - stale) == 1  # the generator covers the new script...
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    url, stop = start_nginx(site_with_a_new_inline_script, port, HOST)
    try:
        watched.goto(url + "chair-twist/")
        watched.wait_for_load_state("networkidle")
        # ...and served with the stale headers, the browser blocks it and the watch sees it.
        assert watched.evaluate("document.documentElement.dataset.injected") is None
        assert any(v.startswith("script-src") for v in watched.evaluate("policyViolations"))
    finally:
        stop()


# --- The admin's instructions ---------------------------------------------------------------


def test_embed_docs_show_the_iframe_permissions_and_the_frame_ancestors_setting(built_page) -> None:
    code = [block.get_text() for block in built_page("embed-the-timer/").select("pre code")]
    assert any('allow="fullscreen; screen-wake-lock"' in block for block in code)
    assert any("embed_frame_ancestors:" in block and "https://" in block for block in code)
