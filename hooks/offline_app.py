"""The hosted site as an installable web app that works offline after one visit, and never goes stale.

A reader on a train or in a basement meeting room still has every page, in both languages, and
the timer. A health site's saved copy must never outlive a correction, so:

- each language has a manifest (`manifest.webmanifest`, `es/manifest.webmanifest`): its name,
  colours from the site's style sheet, the icons of docs/app-icons/ (scripts/draw-app-icons) and
  shortcuts to the tutorials; every page links its language's;
- `service-worker.js`, at the site's root, keeps every file a reader needs (the list below, made
  from the build's own files) in a cache named by a hash of them, so any change to the site is a
  new worker. Pages come from the network first and from the saved copy only when the network
  fails or is slow, with a note on the page that it is a saved copy and from when
  (hooks/offline-app-worker.js);
- `extra.offline_app: false` (declared in hooks/site_settings.py) builds without it, and ships a worker that removes itself and its
  cache (hooks/offline-app-remover.js), so a reader who had the app loses it at the next visit.

No worker is registered where it cannot or must not run: the offline build read from disk
(file://) gets none of this, and embed/ (in another site's frame) loads no registration script.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from offline import SHIM, offline
from site_words import build_language, site_words

SETTING = "offline_app"
WORKER = "service-worker.js"
MANIFEST = "manifest.webmanifest"
REGISTRATION = "javascripts/offline-app.js"
ICONS = "app-icons/"
HOOKS = Path(__file__).parent
STYLE_SHEET = Path(__file__).parent.parent / "docs" / "stylesheets" / "site.css"
PRIMARY_COLOUR = re.compile(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})\s*;")
# Material's files with a hash of their content in their names: a new version is a new address,
# so the worker may answer them from its cache without asking (deploy/nginx/cache-control-map.conf
# keeps them a year for the same reason).
VERSIONED = re.compile(r"assets/.+\.[0-9a-f]{8}\.min\.(css|js)")
# Built, but no reader's browser needs them: server settings, source maps, compressed copies,
# the shim only a copy read from disk loads, and the worker itself. Nor each language's 404
# page, which a server answers with status 404 when asked for it by name (deploy/nginx/site.conf):
# the worker's install, which takes every kept file or none, would fail.
NOT_KEPT = re.compile(r"_headers.*|robots\.txt|(.+/)?404\.html|.*\.(map|gz)|" + re.escape(SHIM) + "|" + re.escape(WORKER))
LUNR_LANGUAGE = re.compile(r"assets/javascripts/lunr/(min/lunr\.(?P<code>[a-z]{2})\.min\.js|tinyseg\.js|wordcut\.js)")


def app_on(config: MkDocsConfig) -> bool:
    """`extra.offline_app`, as hooks/site_settings.py checked it, and never in a copy read from disk."""
    return config.extra[SETTING] and not offline(config)


def theme_colour(style_sheet: str) -> str:
    """The header's colour, which site.css sets for both palettes: the app's bar and splash."""
    found = PRIMARY_COLOUR.search(style_sheet)
    if not found:
        raise PluginError(f"{STYLE_SHEET.name}: no --md-primary-fg-color as #rrggbb, which the app's colours come from")
    return found[1]


def manifest(name: str, language: str, home: str, description: str, colour: str) -> dict[str, Any]:
    """The web app manifest of one language, from the site's texts as MkDocs holds them (escaped
    for HTML by hooks/material_fixes.py). Every address is relative to the manifest, which sits
    in the language's home folder (`home`: "" or "es/"), so the app works below any path."""
    def address(path: str) -> str:
        return posixpath.relpath(path or ".", home or ".") + ("/" if path.endswith("/") or not path else "")

    icon = {"type": "image/png"}
    return {
        "name": html.unescape(name),
        "short_name": html.unescape(name),
        "description": html.unescape(description),
        "lang": language,
        "dir": "ltr",
        "start_url": "./",
        # The whole site, so the language switch stays inside the app.
        "scope": address(""),
        "display": "standalone",
        "theme_color": colour,
        "background_color": colour,
        "icons": [
            icon | {"src": address(f"{ICONS}icon-192.png"), "sizes": "192x192"},
            icon | {"src": address(f"{ICONS}icon-512.png"), "sizes": "512x512"},
            icon | {"src": address(f"{ICONS}icon-maskable-512.png"), "sizes": "512x512", "purpose": "maskable"},
        ],
        # The tutorials, as their pages are built (on_page_context).
        "shortcuts": [],
    }


def kept_files(site: Path, languages: list[str]) -> list[str]:
    """What the worker keeps: every file of the build a reader's browser may ask for, by the
    address it asks by (a page by its folder, `chair-twist/`), relative to the site's root.
    Search's word rules only for the site's own languages."""
    kept = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.startswith(".") or NOT_KEPT.fullmatch(name):
            continue
        lunr = LUNR_LANGUAGE.fullmatch(name)
        if lunr and lunr["code"] not in languages:
            continue
        kept.append(name.removesuffix("index.html") if path.name == "index.html" else name)
    return kept


def version(site: Path, kept: list[str], worker: str) -> str:
    """A hash of the worker and every kept file's address and content: any change is a new worker."""
    digest = hashlib.sha256(worker.encode())
    for address in kept:
        path = site / (address + "index.html" if address == "" or address.endswith("/") else address)
        digest.update(address.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_script(site: Path, languages: list[str]) -> str:
    kept = kept_files(site, languages)
    source = (HOOKS / "offline-app-worker.js").read_text(encoding="utf-8")
    settings = {"version": version(site, kept, source), "kept": kept, "versioned": [a for a in kept if VERSIONED.fullmatch(a)]}
    return f"// Made by hooks/offline_app.py from the build's files.\nconst APP = {json.dumps(settings)};\n{source}"


def build_languages(config: MkDocsConfig) -> list[str]:
    if "i18n" not in config.plugins:
        return ["en"]
    return [language.locale for language in config.plugins["i18n"].config.languages]


def language_home(config: MkDocsConfig) -> str:
    """The folder of the build's language: "" for the first (English), "es/" for Spanish."""
    language = build_language(config)
    return "" if language == build_languages(config)[0] else f"{language}/"


# MkDocs events. The manifest of each language built so far, by its home folder: begun when
# the language's build starts, its shortcuts added as its tutorials are built. Module state,
# since mkdocs-static-i18n builds the languages one after the other, changing the config as it
# goes, and MkDocs gives on_post_build no pages: the last build writes every language's.
apps: dict[str, dict[str, Any]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if app_on(config) and REGISTRATION not in config.extra_javascript:
        config.extra_javascript.append(REGISTRATION)
    return config


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    """What overrides/main.html writes: the manifest, the bar's colour and the saved-copy note."""
    language, home = build_language(config), language_home(config)
    colour = theme_colour(STYLE_SHEET.read_text(encoding="utf-8"))
    apps[home] = manifest(config.site_name, language, home, config.site_description, colour)
    env.globals["offline_app"] = app_on(config) and {
        "manifest": home + MANIFEST,
        "icon": f"{ICONS}icon-maskable-512.png",
        "colour": colour,
        "date_locale": site_words()[language]["date_locale"].replace("_", "-"),
    }
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if page.meta.get("tutorial") is True:
        home = language_home(config)
        apps[home]["shortcuts"].append({"name": html.unescape(page.title), "url": posixpath.relpath(page.url, home or ".") + "/"})
    return context


# After mkdocs-static-i18n's on_post_build (-100), which builds the other languages and then
# writes the search index of all: the default language's build comes here last, with every file.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    if offline(config):
        return
    site = Path(config.site_dir)
    if not app_on(config):
        (site / WORKER).write_text((HOOKS / "offline-app-remover.js").read_text(encoding="utf-8"), encoding="utf-8")
        return
    for home, app in apps.items():
        (site / home / MANIFEST).write_text(json.dumps(app, ensure_ascii=False, indent=1), encoding="utf-8")
    (site / WORKER).write_text(worker_script(site, build_languages(config)), encoding="utf-8")
