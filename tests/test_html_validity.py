"""The Nu HTML checker (vnu) finds no error in any built page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(site_dir: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is missing. On Debian/Ubuntu: sudo apt-get install -y default-jre-headless"
    assert VNU.is_file(), "The Nu HTML checker is missing: scripts/setup installs it with npm"
    result = subprocess.run(
        # The checker runs for seconds, too short for Java's optimising compiler to pay back what
        # it costs: the quick compiler alone halves its CPU time. Its code then needs a deeper
        # stack than the default 1 MB to walk the HTML schema, or it stops with StackOverflowError.
        [java, "-XX:TieredStopAtLevel=1", "-Xss4m", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(site_dir)],
        capture_output=True,
        text=True,
    )
    errors = [f"{m['url'].split(site_dir.name)[-1]}: {m['message']}" for m in json.loads(result.stderr)["messages"]]
    assert errors == []
    assert len(list(site_dir.rglob("*.html"))) >= 10
