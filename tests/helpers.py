"""What the tests and benchmarks share: the site's pages and tutorials, builds, servers, Chromium.

Fixtures live in conftest.py; this is a plain module, imported by name (`from helpers import ...`).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import jinja2
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.config_options import Hooks
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.theme import Theme
from playwright.sync_api import Browser, BrowserContext, Frame, Locator, Page, expect
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent

# Flags that keep Chromium from calling home: this machine, and an intranet, may have no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Two builds of Debian's Chromium 156, launched by path. Most tests drive its headless shell: the
# same engine without the browser's own windows, at a third of the CPU a page (the suite is
# CPU-bound on two cores). Tests marked full_chromium (tests/conftest.py) drive the whole
# browser, for what only it does as a reader's browser does: show notifications, and go in and
# out of full screen with the timing the timer's focus handling is tested against.
CHROMIUM_PROGRAMS = {"headless_shell": "chromium-headless-shell", "full_chromium": "chromium"}

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices. Every rule runs; only the
# violations are reported in full (axe otherwise lists every element that passed each rule, which
# doubles its time and sends Python half a megabyte a page).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


# The site's pages


def page_url(source: str) -> str:
    """A page's address in the built site from its Markdown file's name: index.md is ""."""
    return "" if source == "index.md" else source.removesuffix(".md") + "/"


def nav_sources() -> list[str]:
    """The Markdown file of every page in mkdocs.yml's nav, in order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [next(iter(item.values())) for item in config["nav"]]


def front_matter(source: str) -> dict:
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}


# The pages in the readers' menu, in order, and those among them that teach the twist step by
# step (`tutorial: true` in their front matter): printed sheet, guided start, poses.
PAGES = [page_url(source) for source in nav_sources()]
TUTORIALS = [page_url(source) for source in nav_sources() if front_matter(source).get("tutorial") is True]


def every_page() -> list[str]:
    """The address of every HTML page a build writes, known before it builds, so that a sweep can
    be a test a page: each Markdown page of docs/ in both languages, and each language's 404."""
    english = sorted(path.relative_to(ROOT / "docs") for path in (ROOT / "docs").rglob("*.md") if not path.name.endswith(".es.md"))
    addresses = [(f"{source.parent.as_posix()}/" if source.parent.name else "") + page_url(source.name) for source in english]
    return [*addresses, "404.html", *("es/" + address for address in [*addresses, "404.html"])]


def built_pages(site: Path) -> dict[str, Path]:
    """Every HTML page a build wrote, by its address: "" for home, "safety/", "404.html"."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        address = path.relative_to(site).as_posix()
        pages[address.removesuffix("index.html") if path.name == "index.html" else address] = path
    return pages


def outside_references(site: Path) -> list[tuple[str, str]]:
    """Every script, style, font, image or frame that a built page would fetch from elsewhere."""
    outside = []
    for path in built_pages(site).values():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img", "source", "iframe", "video", "audio"]):
            target = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            # A canonical or hreflang link names the page's own address; no browser fetches it.
            if target and urlparse(target).netloc and tag.get("rel") not in (["canonical"], ["alternate"]):
                outside.append((path.relative_to(site).as_posix(), target))
    for path in site.rglob("*.css"):
        outside += [(path.name, url) for url in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", path.read_text())]
    return outside


# Reading pages


def article(soup: BeautifulSoup) -> Tag:
    return soup.select_one("article.md-content__inner")


def prose(soup: BeautifulSoup) -> str:
    """The page's own sentences: each paragraph, list item and heading ends a sentence.

    Left out: the timer (its instruction is generated), code, and the page's foot (sources,
    review dates, report link), which are titles and dates rather than prose.
    """
    body = BeautifulSoup(str(article(soup)), "html.parser")
    for tag in body.select("breath-timer, pre, code, .headerlink, .sources, .review-dates, .report-mistake"):
        tag.decompose()
    sentences = []
    for block in body.find_all(["p", "li", "h1", "h2", "h3", "h4", "td", "th"]):
        if block.find(["p", "li"]):
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            sentences.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(sentences)


# A word in English or Spanish letters.
WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
# Words that a Spanish sentence never needs but an English one nearly always has.
ENGLISH_WORDS = {"the", "and", "you", "your", "with", "this", "that", "what", "when", "from", "have", "not", "for",
                 "is", "are", "it", "of", "to", "be", "do", "page", "breathe", "twist", "timer", "click", "open"}
# Names that stay as they are: the NHS, calendars and code.
NAMES = {"NHS", "Outlook", "Google", "Calendar", "Apple", "Unstuck", "JavaScript", "Material", "MkDocs"}


def english_in(text: str) -> list[str]:
    return sorted({word for word in WORD.findall(text) if word.lower() in ENGLISH_WORDS and word not in NAMES})


# Builds


def copy_of_the_project(destination: Path) -> Path:
    """The project's sources in another folder, sharing this checkout's installed packages."""
    for name in ("docs", "hooks", "overrides", "deploy", "scripts"):
        shutil.copytree(ROOT / name, destination / name, symlinks=True)
    for name in ("mkdocs.yml", "requirements.txt"):
        shutil.copy(ROOT / name, destination / name)
    (destination / ".venv").symlink_to((ROOT / ".venv").resolve())
    return destination


def throwaway_site(
    folder: Path, pages: str | dict[str, str] = "# Home\n", config: str = "", hooks: tuple[str | Path, ...] = (),
    site_name: str = "Test",
) -> Path:
    """A small project in `folder`, ready to build: its pages under docs/ (a home page's Markdown, or
    Markdown by file name), and a mkdocs.yml naming the hooks (a file in hooks/, or a path) and the
    rest of the config."""
    for name, text in ({"index.md": pages} if isinstance(pages, str) else pages).items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text)
    hook_paths = ", ".join(str(ROOT / "hooks" / hook) for hook in hooks)  # a path stays itself
    # JSON is YAML: the name arrives as written, quotes and all.
    (folder / "mkdocs.yml").write_text(f"site_name: {json.dumps(site_name)}\nhooks: [{hook_paths}]\n{config}")
    return folder


@dataclass
class Build:
    returncode: int
    stderr: str  # MkDocs' log, each line as the command line prints it: "ERROR   -  ..."


def one_error(result: Build) -> str:
    """The one error line a failed build printed, with no traceback."""
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR") and "Error reading page" not in line]
    assert len(errors) == 1, result.stderr
    return errors[0]


def build_environment(env: dict[str, str] | None) -> dict[str, str]:
    """This process's environment less the address and the offline switch, which a build must be
    given on purpose, plus `env`."""
    return {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "OFFLINE")} | (env or {})


def build_site(
    site_dir: Path | None = None, env: dict[str, str] | None = None, *, project: Path = ROOT,
    config: str | None = None, strict: bool = True, in_process: bool = False,
) -> Build:
    """`mkdocs build --strict` (or without --strict) of project's mkdocs.yml, or of `config` (a
    mkdocs.yml's text, read as if it stood in the project), into site_dir (else project/site),
    with the environment build_environment(env) gives. As a person runs it, by default: the
    project's own builds keep their hooks apart from those the tests import, and some tests read
    what the command line prints. `in_process` builds in this process, in a fraction of the time,
    for a build whose log and pages are all a test reads: MkDocs logs each error in one line and
    aborts, as its command line does. Not for a copy of the hooks with a file changed: the hooks
    import their sibling modules by name, once a process, so the copy would run the project's."""
    if in_process:
        return build_in_process(project, build_environment(env), site_dir, strict, config)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         *(["--site-dir", str(site_dir)] if site_dir else []), *(["-f", "-"] if config is not None else [])],
        cwd=project, input=config, env=build_environment(env), capture_output=True, text=True,
    )
    return Build(result.returncode, result.stderr)


@contextlib.contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    """os.environ as `env`, for as long as a build reads it."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for every build in this process. Each build
    makes new Jinja environments that compile Material's templates afresh: two fifths of an
    in-process build. Jinja checks each template's source against its checksum, so a template
    that differs gets compiled anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


@contextlib.contextmanager
def sharing_compiled_templates() -> Iterator[None]:
    """Every Jinja environment a build makes while this lasts uses COMPILED_TEMPLATES."""
    get_env = Theme.get_env

    def get_env_sharing_compiled_templates(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    Theme.get_env = get_env_sharing_compiled_templates  # type: ignore[method-assign]
    try:
        yield
    finally:
        Theme.get_env = get_env  # type: ignore[method-assign]


def build_in_process(project: Path, env: dict[str, str], site_dir: Path | None, strict: bool, text: str | None) -> Build:
    lines: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: lines.append(f"{record.levelname:<8}-  {record.getMessage()}")  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    returncode = 0
    # MkDocs loads each hook once a process; a new `mkdocs build` loads them afresh, module state
    # and log filters (hooks/languages.py's SaidOnce) included, and so does each build here.
    Hooks._load_hook.cache_clear()
    try:
        with environment(env), sharing_compiled_templates():
            # A config given as text is read as if it were the project's mkdocs.yml, as `-f -` reads it.
            config = load_config(config_file=io.StringIO(text) if text is not None else str(project / "mkdocs.yml"),
                                 config_file_path=str(project / "mkdocs.yml"), strict=strict,
                                 **({"site_dir": str(site_dir)} if site_dir else {}))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except Abort:
        returncode = 1
    except MkDocsException as error:  # a config the CLI refuses before building
        lines.append(f"ERROR   -  {error}")
        returncode = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Build(returncode, "\n".join(lines))


# Serving


def free_port(host: str = "127.0.0.1") -> int:
    """A port no one listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page mid-download closes its connection: no error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def handler_with_policy(policy: str) -> type[QuietHandler]:
    class PolicyHandler(QuietHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    return PolicyHandler


def serve(
    directory: Path, port: int = 0, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler
) -> tuple[str, Callable[[], None]]:
    """Serve a directory on 127.0.0.1 (any free port by default); return its base URL and a stop function."""
    server = QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}/", stop


# In Chromium


def new_context(browser: Browser, *, service_worker: bool = False, **options: object) -> BrowserContext:
    """A first-time reader's browser, with Playwright's context options. The site's service worker
    is blocked unless asked for: on a first visit it saves every page of both languages, about a
    second of CPU a test that only the offline app's own tests need."""
    return browser.new_context(service_workers="allow" if service_worker else "block", **options)


def first_visit(tab: Page, url: str) -> None:
    """Open a page in a tab that has shown others (conftest's `tab`) as on a first visit: the
    site's storage (the palette chosen, the timer's settings) cleared while the tab is away from
    the site: cleared under an open page of the site, the next page still found the palette of
    the one before."""
    tab.goto("about:blank")
    address = urlparse(url)
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Storage.clearDataForOrigin", {"origin": f"{address.scheme}://{address.netloc}", "storageTypes": "all"})
    cdp.detach()
    tab.goto(url)


def open_language_menu_and_choose(page: Page, language: str) -> None:
    """The header's language switch, as a reader uses it: the menu opened, a language chosen."""
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-select__link[hreflang='{language}']").click()


def goto_for_instant_navigation(page: Page, url: str) -> None:
    """Opens a page as a reader finds it a moment later: Material's instant navigation takes its
    links once it has read the site's sitemap.xml, which it fetches after the page loads (a
    link clicked sooner loads its page afresh). The language links' own sitemaps are not found."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml") and response.ok) as sitemap:
        page.goto(url)
    sitemap.value.finished()


def dark_palette(page: Page) -> None:
    """The page as loaded, now in the dark palette, as a reader whose system is dark sees it: the
    media query for style sheets, and Material's palette (chosen at load) switched by its toggle,
    as a reader switches it. Judged once Material's colour transitions have ended."""
    page.emulate_media(color_scheme="dark")
    toggle = page.locator("[data-md-component=palette] label:visible")
    if toggle.count():
        toggle.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    transitions_ended(page.locator(":root"))


def transitions_ended(element: Locator) -> None:
    """Wait until the element's transitions and those inside it have run their course, so a
    check judges what the reader sees once it is still (Material fades and grows things in)."""
    element.evaluate("(element) => Promise.all(element.getAnimations({subtree: true}).map((animation) => animation.finished))")


# axe-core as axe-playwright-python ships it, read once a process.
AXE_SCRIPT = Axe().axe_script


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds wrong in the page once it is still: each rule with the elements that
    break it. (Mid-fade, text is fainter than the reader ever sees it.)"""
    transitions_ended(page.locator(":root"))
    if not page.evaluate("'axe' in window"):  # once a page load: the script is half a megabyte
        page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("(options) => axe.run(document, options).then((results) => results.violations)", AXE_OPTIONS)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in violations]


def run_framed_session(page: Page, url: str) -> Frame:
    """Open a page that frames embed/, run a whole session in the frame on the test clock, and
    return the frame, once its timer is done."""
    page.clock.install(time=0)
    page.goto(url)
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("button", name="Start")).to_be_visible()
    page.clock.pause_at(60_000)
    frame.get_by_role("button", name="Start").click()  # the ready screen first
    frame.get_by_role("button", name="Start").click()
    page.clock.run_for(20_000)
    timer_frame = page.frames[1]
    assert timer_frame.evaluate("timerDone") == 1
    return timer_frame


def print_to_pdf(page: Page, url: str, paper: str, path: Path, scheme: str = "light") -> PdfReader:
    """Print as a reader would, but with background graphics on, so a dark background shows;
    tagged, so the PDF carries the page's language for a screen reader."""
    return print_on_each_paper(page, url, {paper: path}, scheme)[paper]


def print_on_each_paper(page: Page, url: str, paths: dict[str, Path], scheme: str = "light") -> dict[str, PdfReader]:
    """print_to_pdf on each paper (by name, to its path) from one load of the page, as a reader
    who prints again: the page puts itself back after each printing."""
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    page.wait_for_function("() => !document.querySelector('breath-timer') || !!customElements.get('breath-timer')")
    page.emulate_media(media="print", color_scheme=scheme)
    for paper, path in paths.items():
        page.pdf(path=path, format=paper, print_background=True, tagged=True)
    return {paper: PdfReader(path) for paper, path in paths.items()}


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
