"""The installable app (hooks/offline_app.py): a manifest per language, and a service worker that
keeps every page after one visit and never serves a stale page to a reader who is online.

In Chromium: installable by Chromium's own check; every page of both languages and the timer
with the network off; a corrected build found at the next online load; a build with the app
turned off leaves no worker behind; behind the project's nginx, no policy violation.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from helpers import (
    CHROMIUM_ARGS,
    CHROMIUM_PROGRAMS,
    ROOT,
    axe_violations,
    build_site,
    built_pages,
    copy_of_the_project,
    free_port,
    serve,
)
from local_nginx import start_nginx
from mkdocs.exceptions import PluginError
from offline_app import theme_colour
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from site_settings import check_host_settings

# Its browser tests run the site's service worker, which the other tests' browsers block.
pytestmark = pytest.mark.service_worker

HOMES = {"en": "", "es": "es/"}
SAVED_COPY = {"en": "saved on this device on", "es": "guardada en este dispositivo el"}
CORRECTION = "A corrected sentence that only the second build has."
WATCH = """
window.policyViolations = [];
addEventListener("securitypolicyviolation", (event) => policyViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
window.timerDone = 0;
addEventListener("breath-timer:done", () => timerDone++);
"""


def kept_by_the_worker(site: Path) -> dict:
    found = re.search(r"^const APP = (\{.*\});$", (site / "service-worker.js").read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "service-worker.js carries no APP"
    return json.loads(found[1])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def manifest_of(site: Path, language: str) -> dict:
    return json.loads((site / HOMES[language] / "manifest.webmanifest").read_text(encoding="utf-8"))


def from_manifest(language: str, address: str) -> str:
    """A manifest's address as the site's path from its root: "../app-icons/x.png" -> "app-icons/x.png"."""
    return urljoin("http://site/" + HOMES[language], address).removeprefix("http://site/")


# --- What the build writes ------------------------------------------------------------------


@pytest.mark.parametrize("language", HOMES)
def test_each_language_has_a_manifest_with_its_name_colours_icons_and_tutorials(site_dir: Path, language: str) -> None:
    app = manifest_of(site_dir, language)
    assert app["lang"] == language and app["name"] == app["short_name"] == "Unstuck" and app["display"] == "standalone"
    assert from_manifest(language, app["start_url"]) == HOMES[language]
    assert from_manifest(language, app["scope"]) == ""  # the whole site: the language switch stays in the app
    primary = theme_colour((ROOT / "docs" / "stylesheets" / "site.css").read_text(encoding="utf-8"))
    assert app["theme_color"] == app["background_color"] == primary == "#00695c"
    sizes = {}
    for icon in app["icons"]:
        size = png_size(site_dir / from_manifest(language, icon["src"]))
        assert icon["sizes"] == f"{size[0]}x{size[1]}" and icon["type"] == "image/png"
        sizes.setdefault(icon.get("purpose", "any"), []).append(size)
    assert sizes == {"any": [(192, 192), (512, 512)], "maskable": [(512, 512)]}
    shortcuts = {from_manifest(language, shortcut["url"]): shortcut["name"] for shortcut in app["shortcuts"]}
    names = {"en": ["Chair twist", "Floor twist"], "es": ["Giro en la silla", "Giro en el suelo"]}[language]
    assert shortcuts == {f"{HOMES[language]}chair-twist/": names[0], f"{HOMES[language]}floor-twist/": names[1]}


def test_every_page_links_its_languages_manifest_and_registers_the_worker_but_embed(site_dir: Path) -> None:
    for address, path in built_pages(site_dir).items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one('link[rel="manifest"]')
        scripts = [script["src"] for script in soup.select("script[src]") if "offline-app" in script["src"]]
        if "embed/" in address and "embed-the-timer" not in address:
            assert link is None and scripts == [], address  # in another site's frame: no app, no worker
            continue
        language = "es" if address.startswith("es/") else "en"
        page = "http://site/" + address
        assert urljoin(page, link["href"]) == f"http://site/{HOMES[language]}manifest.webmanifest", address
        assert [urljoin(page, src) for src in scripts] == ["http://site/javascripts/offline-app.js"], address


def test_the_worker_keeps_every_page_of_both_languages_the_timer_pictures_and_search(site_dir: Path) -> None:
    app = kept_by_the_worker(site_dir)
    pages = set(built_pages(site_dir))
    # The 404 pages answer 404 asked for by name (deploy/nginx/site.conf): one would fail the install.
    not_found = {"404.html", "es/404.html"}
    assert not_found <= pages and not not_found & set(app["kept"])
    assert pages - not_found <= set(app["kept"])
    assert {"assets/breath-timer.js", "search/search_index.json", "images/chair-start.svg", "app-icons/icon-192.png",
            "manifest.webmanifest", "es/manifest.webmanifest", "assets/javascripts/lunr/min/lunr.es.min.js"} <= set(app["kept"])  # fmt: skip
    assert all((site_dir / (a + "index.html" if a == "" or a.endswith("/") else a)).is_file() for a in app["kept"])
    # What no reader's browser asks for stays out: server files, source maps, other languages' search rules.
    assert not [a for a in app["kept"] if a.startswith("_headers") or a.endswith(".map") or "lunr.fr" in a]
    assert app["versioned"] and all(re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", a) for a in app["versioned"])


def test_the_offline_zip_has_no_worker_manifest_or_registration(offline_site: Path) -> None:
    assert not (offline_site / "service-worker.js").exists()
    assert not list(offline_site.rglob("*.webmanifest"))
    for path in offline_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "offline-app.js" not in text and 'rel="manifest"' not in text and "data-saved-copy" not in text, path


def test_the_policy_allows_the_worker_and_manifests_from_the_site_only_and_headers_never_cache_the_worker(site_dir: Path) -> None:
    headers = (site_dir / "_headers").read_text(encoding="utf-8")
    assert "/service-worker.js\n  Cache-Control: no-cache\n" in headers
    assert "worker-src 'self'; manifest-src 'self'" in headers


@pytest.mark.parametrize("value", ["yes", "true", 1, ["true"]])
def test_offline_app_must_be_true_or_false(value: object) -> None:
    with pytest.raises(PluginError) as raised:
        check_host_settings({"sources": {"nhs": {"by": "NHS", "title": "Back pain", "url": "https://www.nhs.uk/"}}, "offline_app": value})
    assert str(raised.value).startswith("mkdocs.yml: extra.offline_app is ") and "; give true" in str(raised.value)
    assert "\n" not in str(raised.value)


# --- Builds of one's own, for what a host changes --------------------------------------------


def build_variant(destination: Path, site_url: str, change: Callable[[Path], None]) -> Path:
    """The project, changed by `change`, built for site_url into destination/site."""
    project = copy_of_the_project(destination / "project")
    change(project)
    result = build_site(destination / "site", {"SITE_URL": site_url}, project=project, in_process=True)
    assert result.returncode == 0, result.stderr
    return destination / "site"


def corrected(project: Path) -> None:
    page = project / "docs" / "chair-twist.md"
    text = page.read_text(encoding="utf-8")
    assert "\n# Chair twist\n" in text
    page.write_text(text.replace("\n# Chair twist\n", f"\n# Chair twist\n\n{CORRECTION}\n", 1))


def app_turned_off(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("offline_app: true", "offline_app: false"))


@dataclass
class ChangingSite:
    """One address that serves, in turn, the session's build, a corrected build and one with the
    app turned off: `switch("corrected")` puts a build in place, as a host's deploy does."""

    url: str
    builds: dict[str, Path]
    switch: Callable[[str], None]


@pytest.fixture(scope="module")
def changing_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChangingSite]:
    port = free_port()
    base = tmp_path_factory.mktemp("changing")
    builds = {
        "first": site_dir,
        "corrected": build_variant(base / "corrected", f"http://127.0.0.1:{port}/", corrected),
        "off": build_variant(base / "off", f"http://127.0.0.1:{port}/", app_turned_off),
    }
    served = base / "served"

    def switch(name: str) -> None:
        shutil.rmtree(served, ignore_errors=True)
        shutil.copytree(builds[name], served)

    switch("first")
    url, stop = serve(served, port)
    yield ChangingSite(url, builds, switch)
    stop()


# --- In Chromium -----------------------------------------------------------------------------


def wait_for_the_worker(page: Page) -> None:
    """Until the worker has kept every file and taken charge of the page."""
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def saved_copy_note(page: Page) -> Locator:
    return page.locator("[data-saved-copy]")


@pytest.mark.parametrize("language", HOMES)
def test_chromium_finds_each_language_installable(browser: Browser, site_url: str, tmp_path: Path, language: str) -> None:
    # Chromium checks installability only in a profile of its own, not in an incognito one; and
    # the whole browser, which installs apps, not its headless shell.
    with browser.browser_type.launch_persistent_context(tmp_path, executable_path=shutil.which(CHROMIUM_PROGRAMS["full_chromium"]), args=CHROMIUM_ARGS) as context:
        page = context.new_page()
        page.goto(site_url + HOMES[language])
        wait_for_the_worker(page)
        errors = context.new_cdp_session(page).send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
        manifest = context.new_cdp_session(page).send("Page.getAppManifest")
        assert manifest["url"] == f"{site_url}{HOMES[language]}manifest.webmanifest" and manifest["errors"] == []


def visited_once_then_offline(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url)
    wait_for_the_worker(page)
    page.close()
    context.set_offline(True)


@pytest.mark.parametrize("language", HOMES)
def test_after_one_visit_every_page_of_each_language_loads_offline_and_says_it_is_a_saved_copy(
    context: BrowserContext, site_url: str, site_dir: Path, language: str
) -> None:
    visited_once_then_offline(context, site_url)
    page = context.new_page()
    pages = {address: path for address, path in built_pages(site_dir).items() if address.startswith("es/") == (language == "es")}
    for address, path in pages.items():
        if address.endswith("404.html"):
            continue
        response = page.goto(site_url + address)
        assert response and response.ok, address
        expect(page).to_have_title(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").title.string)
        if "embed/" in address and "embed-the-timer" not in address:
            continue  # the bare timer for frames: nothing around the timer
        expect(saved_copy_note(page)).to_be_visible()
        expect(saved_copy_note(page)).to_contain_text(SAVED_COPY[language])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*Z", saved_copy_note(page).locator("time").get_attribute("datetime"))
    assert len(pages) >= 11
    page.goto(site_url + HOMES[language] + "chair-twist/")
    assert axe_violations(page) == []  # the note included


def test_after_one_visit_the_guided_twist_runs_offline_through_the_ready_screen(context: BrowserContext, site_url: str) -> None:
    visited_once_then_offline(context, site_url)
    page = context.new_page()
    page.add_init_script(WATCH)
    page.clock.install(time=0)
    page.goto(site_url + "es/chair-twist/")
    expect(saved_copy_note(page)).to_be_visible()
    page.clock.pause_at(60_000)
    page.get_by_role("button", name="Empezar el giro guiado").click()
    page.locator("breath-timer").get_by_role("button", name="Empezar").click()
    page.clock.run_for(120_000)
    assert page.evaluate("timerDone") == 1


def test_a_correction_reaches_the_reader_at_the_next_online_load_and_then_offline(
    context: BrowserContext, changing_site: ChangingSite
) -> None:
    url, switch = changing_site.url, changing_site.switch
    page = context.new_page()
    page.goto(url + "chair-twist/")
    wait_for_the_worker(page)
    expect(page.get_by_text(CORRECTION)).to_have_count(0)
    switch("corrected")
    try:
        page.goto(url + "chair-twist/")
        expect(page.get_by_text(CORRECTION)).to_be_visible()
        expect(saved_copy_note(page)).to_be_hidden()
        context.set_offline(True)
        page.goto(url + "chair-twist/")
        expect(saved_copy_note(page)).to_be_visible()
        expect(page.get_by_text(CORRECTION)).to_be_visible()  # the copy kept is the last one read
    finally:
        context.set_offline(False)
        switch("first")


def test_turning_the_app_off_leaves_a_reader_who_had_it_no_worker_and_no_saved_copy(
    context: BrowserContext, changing_site: ChangingSite
) -> None:
    url, switch = changing_site.url, changing_site.switch
    off = changing_site.builds["off"]
    assert "unregister()" in (off / "service-worker.js").read_text(encoding="utf-8")
    assert not list(off.rglob("*.webmanifest"))
    assert not [path for path in off.rglob("*.html") if "offline-app.js" in path.read_text(encoding="utf-8")]
    page = context.new_page()
    page.goto(url)
    wait_for_the_worker(page)
    switch("off")
    try:
        # The browser looks for a new worker as a page of the site loads, and installs it soon after.
        no_worker = "navigator.serviceWorker.getRegistrations().then((all) => all.length === 0)"
        page.goto(url + "safety/")
        if not page.evaluate(no_worker):
            page.wait_for_timeout(5_000)
            page.goto(url + "safety/")  # a second visit
        page.wait_for_function(no_worker, timeout=10_000)
        page.wait_for_function("caches.keys().then((names) => names.length === 0)")
        page.reload()
        assert page.evaluate("navigator.serviceWorker.controller") is None
    finally:
        switch("first")


@pytest.fixture(scope="module")
def nginx(site_dir: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.3", 0))
        port = probe.getsockname()[1]
    url, stop = start_nginx(site_dir, port, "127.0.0.3")
    yield url
    stop()


def test_behind_nginx_the_worker_installs_and_runs_with_no_policy_violation(page: Page, nginx: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.add_init_script(WATCH)
    worker = page.request.get(nginx + "service-worker.js")
    assert worker.headers["cache-control"] == "no-cache" and worker.headers["content-type"].startswith("application/javascript")
    assert page.request.get(nginx + "es/manifest.webmanifest").headers["content-type"].startswith("application/manifest+json")
    page.goto(nginx + "es/")
    wait_for_the_worker(page)
    page.goto(nginx + "chair-twist/")
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == nginx + "service-worker.js"
    page.context.set_offline(True)
    page.goto(nginx + "es/safety/")
    expect(saved_copy_note(page)).to_be_visible()
    assert page.evaluate("policyViolations") == [] and errors == []
    page.context.set_offline(False)
