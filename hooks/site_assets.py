"""The site's own scripts and style sheets, minified as they ship.

`docs/javascripts/` and `docs/stylesheets/` keep their comments for the next person to read;
a reader downloads them without, through rjsmin and rcssmin (pure Python, at build time).
On a tutorial that is about 2.7 KB gzipped of comments and spaces. Vendored files come
minified already and ship as they are.
"""

from __future__ import annotations

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

SITE_FOLDERS = ("javascripts/", "stylesheets/")


def minified(source: str, name: str) -> str:
    """A script or style sheet as served: comments and needless spaces gone."""
    return rcssmin.cssmin(source) if name.endswith(".css") else rjsmin.jsmin(source)


# After mkdocs-static-i18n's on_files (priority -100), which reads each file from its source
# path: a file with new content has none.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files:
        uri = file.src_uri
        if uri.startswith(SITE_FOLDERS) and "/vendor/" not in uri and uri.endswith((".js", ".css")):
            file.content_string = minified(file.content_string, uri)
    return files
