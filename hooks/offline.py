"""Keep the offline build (OFFLINE=true, Material's offline plugin) free of outside requests.

The offline plugin adds a web-worker shim, which search needs under file://, by its address
on a public CDN. This serves the site's own copy of the same file instead.

MkDocs gives the 404 page links from the server's root (/about.html), so that it works at any
depth on a server; read from disk, there is no server and no root. The offline build's 404
page links relative to itself instead, as every other page does.
"""

from __future__ import annotations

from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig

SHIM = "javascripts/vendor/iframe-worker-1.0.4.js"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [SHIM if "iframe-worker" in url else url for url in polyfills]
    return config


def offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html" and offline(config):
        relative = get_context(context["nav"], context["pages"], config, base_url=".")
        for key in ("base_url", "extra_css", "extra_javascript"):
            context[key] = relative[key]
    return context
