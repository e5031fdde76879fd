"""Keep the offline build (OFFLINE=true, Material's offline plugin) free of outside requests.

The offline plugin adds a web-worker shim, which search needs under file://, by its address
on a public CDN. This serves the site's own copy of the same file instead.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

SHIM = "javascripts/vendor/iframe-worker-1.0.4.js"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [SHIM if "iframe-worker" in url else url for url in polyfills]
    return config
