"""scripts/system-packages on the machines newcomers bring, with stand-ins on PATH for the tools it
asks (dpkg-query, apt-get, id, sudo, npm): which packages it asks apt for, above all never Debian's
npm where NodeSource's Node.js brings its own. That nodejs package Conflicts with npm, so an
apt-get line naming npm there installs nothing at all, Chromium included."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

SCRIPT = ROOT / "scripts" / "system-packages"

# The nodejs package as dpkg knows it on each kind of machine: its fields, as in its control file.
NODESOURCE_NODEJS = {
    "db:Status-Status": "installed",
    "Version": "20.20.2-1nodesource1",
    "Provides": "nodejs-dev, nodejs-doc, nodejs-legacy, npm",
    "Conflicts": "nodejs-dev, nodejs-doc, nodejs-legacy, npm",
}
DEBIAN_NODEJS = {
    "db:Status-Status": "installed",
    "Version": "18.20.4+dfsg-1~deb12u3",
    "Provides": "node-types-node (= 18.18.14~18.20.4+dfsg-1~deb12u3)",
    "Conflicts": "nodejs-legacy",
}
# NodeSource's nodejs removed with `apt-get remove`: dpkg keeps its fields, but no npm is left.
REMOVED_NODESOURCE_NODEJS = {**NODESOURCE_NODEJS, "db:Status-Status": "config-files"}

# Answers `dpkg-query -W -f=FORMAT PACKAGE` from the fields above, as dpkg-query does: each
# ${Field} replaced, "\n" a newline; a package it does not know is "no packages found", status 1.
FAKE_DPKG_QUERY = r'''#!{python}
import re, sys
packages = {packages!r}
args = sys.argv[1:]
fmt = next(arg.split("=", 1)[1] for arg in args if arg.startswith(("-f=", "--showformat=")))
name = args[-1]
if name not in packages:
    sys.exit(f"dpkg-query: no packages found matching {{name}}")
fields = packages[name]
sys.stdout.write(re.sub(r"\$\{{([^}}]+)\}}", lambda m: fields.get(m[1], ""), fmt).replace("\\n", "\n"))
'''

# Records each call, one a line, and succeeds, as apt-get (or sudo) would on a machine with a mirror.
RECORDER = """#!/bin/sh
echo "${{0##*/}} $*" >> "{log}"
{then}
"""


def stand_in_machine(tmp_path: Path, *, uid: int = 0, nodejs: dict | None = None, npm: bool = False,
                     sudo: bool = False, libatomic: bool = True, tools: tuple[str, ...] = ()) -> Path:
    """A folder to be the whole PATH: bash, env, tr and true (the script and sudo need them), a dpkg-query that knows
    the given nodejs package and (where `libatomic`) libatomic1, apt-get and sudo that record their calls, an `id` that
    says the uid, and the commands named in `tools` (plus npm, where `npm`), each a stand-in."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "tr", "true"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    packages = {"libatomic1": {"db:Status-Status": "installed"}} if libatomic else {}
    if nodejs:
        packages["nodejs"] = nodejs
    log = tmp_path / "calls.log"
    scripts = {
        "dpkg-query": FAKE_DPKG_QUERY.format(python=sys.executable, packages=packages),
        "id": f'#!/bin/sh\n[ "$1" = -u ] && echo {uid}\n',
        "apt-get": RECORDER.format(log=log, then="exit 0"),
        **({"sudo": RECORDER.format(log=log, then='[ "$1" = -n ] && shift; exec "$@"')} if sudo else {}),
        **{tool: "#!/bin/sh\nexit 0\n" for tool in (*tools, *(["npm"] if npm else []))},
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def run_script(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], env={"PATH": str(bin_dir)}, capture_output=True, text=True,
                          timeout=30)


def apt_calls(bin_dir: Path) -> list[str]:
    log = bin_dir.parent / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize(("nodejs", "npm", "asks_for_npm"), [
    pytest.param(NODESOURCE_NODEJS, True, False, id="NodeSource's Node.js with its npm"),
    pytest.param(NODESOURCE_NODEJS, False, False, id="NodeSource's Node.js, its npm off PATH"),
    pytest.param(None, True, False, id="npm from elsewhere (nvm), no nodejs package"),
    pytest.param(DEBIAN_NODEJS, False, True, id="Debian's Node.js, which comes without npm"),
    pytest.param(None, False, True, id="no Node.js at all"),
    pytest.param(REMOVED_NODESOURCE_NODEJS, False, True, id="NodeSource's Node.js removed"),
])
def test_npm_is_asked_for_only_where_no_npm_is_and_node_brings_none(
        tmp_path: Path, nodejs: dict | None, npm: bool, asks_for_npm: bool) -> None:
    result = run_script(stand_in_machine(tmp_path, nodejs=nodejs, npm=npm))
    assert result.returncode == 0, result.stderr
    lacking = result.stdout.split()
    assert ("npm" in lacking) == asks_for_npm
    assert "chromium" in lacking, "the stand-in PATH has no chromium"


def test_as_root_on_nodesource_node_apt_installs_the_rest_and_leaves_nodejs_alone(tmp_path: Path) -> None:
    bin_dir = stand_in_machine(tmp_path, nodejs=NODESOURCE_NODEJS, npm=True)
    result = run_script(bin_dir, "--install")
    assert result.returncode == 0, result.stderr
    update, install = apt_calls(bin_dir)
    assert update == "apt-get -qq update"
    asked = install.removeprefix("apt-get -qq install -y ").split()
    assert {"chromium", "chromium-headless-shell", "poppler-utils", "zbar-tools", "default-jre-headless"} <= set(asked)
    assert not {"npm", "nodejs"} & set(asked)
    assert result.stdout.startswith(f"Installing the system packages this machine lacks: {' '.join(asked)} ")


def test_an_ordinary_user_with_sudo_that_needs_no_password_installs_through_it(tmp_path: Path) -> None:
    bin_dir = stand_in_machine(tmp_path, uid=1000, nodejs=NODESOURCE_NODEJS, npm=True, sudo=True)
    result = run_script(bin_dir, "--install")
    assert result.returncode == 0, result.stderr
    sudo_calls = [call for call in apt_calls(bin_dir) if call.startswith("sudo ") and "apt-get" in call]
    assert [call.split()[:3] for call in sudo_calls] == [["sudo", "-n", "env"]] * 2
    assert "npm" not in sudo_calls[-1].split()


def test_an_ordinary_user_without_sudo_gets_one_line_naming_the_command_and_no_npm(tmp_path: Path) -> None:
    bin_dir = stand_in_machine(tmp_path, uid=1000, nodejs=NODESOURCE_NODEJS, npm=True)
    result = run_script(bin_dir, "--install")
    assert result.returncode == 1
    assert apt_calls(bin_dir) == []
    assert result.stdout == ""
    line, = result.stderr.splitlines()
    command = re.fullmatch(r"Missing system packages; install them with: (sudo apt-get install -y .+)", line)[1]
    assert "chromium" in command.split() and "npm" not in command.split()


def test_a_machine_that_has_everything_installs_nothing_and_says_nothing(tmp_path: Path) -> None:
    bin_dir = stand_in_machine(tmp_path, nodejs=NODESOURCE_NODEJS, npm=True,
                               tools=("chromium", "chromium-headless-shell", "pdftoppm", "zbarimg", "java", "nginx", "python3", "shellcheck"))
    result = run_script(bin_dir, "--install")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert apt_calls(bin_dir) == []


@pytest.mark.parametrize("libatomic", [True, False])
def test_libatomic_is_asked_for_where_dpkg_has_not_installed_it(tmp_path: Path, libatomic: bool) -> None:
    # Playwright's own Node.js, which drives Chromium, will not start without libatomic.so.1.
    result = run_script(stand_in_machine(tmp_path, nodejs=NODESOURCE_NODEJS, npm=True, libatomic=libatomic))
    assert ("libatomic1" in result.stdout.split()) != libatomic
