"""The set-up files (.ci/bootstrap, .ci/run, Makefile, the package list) and the test fixtures.

.ci/bootstrap's apt step is driven with stand-in `id`, `dpkg-query`, `apt-get` and `sudo`
commands on PATH, so these tests install nothing and need no root.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from editor.archive.database import default_archive_url

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / ".ci"


def package_list() -> list[str]:
    lines = (CI / "debian-packages.txt").read_text().splitlines()
    return [name for line in lines if (name := line.split("#", 1)[0].strip())]


# ---------------------------------------------------------------------------- the files


def test_package_list_is_clean_and_holds_what_the_app_needs() -> None:
    packages = package_list()
    assert len(packages) == len(set(packages)), "a package is listed twice"
    for name in packages:
        assert re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", name), f"not a Debian package name: {name}"
    for needed in (
        "libenchant-2-2",
        "hunspell-en-us",
        "libxcb-cursor0",
        "libnss3",
        "fonts-noto-cjk",
        "xvfb",
        "xauth",
        "postgresql",
        "chromium",
    ):
        assert needed in packages


@pytest.mark.parametrize("name", ["run", "bootstrap", "check"])
def test_ci_scripts_are_executable_bash(name: str) -> None:
    script = CI / name
    assert script.read_text().startswith("#!/usr/bin/env bash\n")
    assert script.stat().st_mode & stat.S_IXUSR, f"chmod +x .ci/{name}"
    assert "set -" in script.read_text()
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_ci_run_is_make_test() -> None:
    assert "\nmake test\n" in (CI / "run").read_text()


def test_makefile_has_the_documented_targets() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    assert {"run", "test", "bench", "lint", "typecheck", "format", "clean"} <= targets
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make run") < readme.index("## What the two commands do")
    assert readme.index("make test") < readme.index("## What the two commands do")


# ---------------------------------------------------------------------------- .ci/bootstrap


def fake_command(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/usr/bin/env bash\n{body}\n")
    path.chmod(0o755)


def run_bootstrap(
    tmp_path: Path, *, uid: int, installed: list[str], sudo_works: bool = False
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `.ci/bootstrap system` with stand-ins; return its result and the apt/sudo calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.log"
    status = "\n".join(f"{name} installed" for name in installed)
    fake_command(bin_dir, "id", f'[ "$1" = -u ] && echo {uid}')
    fake_command(bin_dir, "dpkg-query", f"cat <<'EOF'\n{status}\nEOF\nexit 1")
    fake_command(bin_dir, "apt-get", f'echo "apt-get $*" >> {calls}')
    fake_command(
        bin_dir,
        "sudo",
        f'[ "$*" = "-n true" ] && exit {0 if sudo_works else 1}\n[ "$1" = -n ] && shift\n"$@"',
    )
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "PYTHON": shutil.which("python3") or "python3",
    }
    result = subprocess.run(
        ["bash", str(CI / "bootstrap"), "system"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result, calls.read_text().splitlines() if calls.exists() else []


def test_bootstrap_installs_nothing_when_everything_is_there(tmp_path: Path) -> None:
    result, calls = run_bootstrap(tmp_path, uid=0, installed=[*package_list(), "python3-venv"])
    assert result.returncode == 0, result.stderr
    assert calls == []
    assert "all present" in result.stdout


def test_bootstrap_as_root_updates_once_then_installs_only_the_missing(tmp_path: Path) -> None:
    missing = {"fonts-noto-cjk", "xvfb"}
    present = [p for p in package_list() if p not in missing] + ["python3-venv"]
    result, calls = run_bootstrap(tmp_path, uid=0, installed=present)
    assert result.returncode == 0, result.stderr
    assert len(calls) == 2
    assert " update" in calls[0]
    assert " install " in calls[1]
    assert set(calls[1].split()) & set(package_list()) == missing


def test_bootstrap_uses_passwordless_sudo(tmp_path: Path) -> None:
    present = [p for p in package_list() if p != "xvfb"] + ["python3-venv"]
    result, calls = run_bootstrap(tmp_path, uid=1000, installed=present, sudo_works=True)
    assert result.returncode == 0, result.stderr
    assert calls[-1].endswith(" xvfb")


def test_bootstrap_without_root_prints_the_exact_command_and_goes_on(tmp_path: Path) -> None:
    present = [p for p in package_list() if p not in {"postgresql", "chromium"}]
    result, calls = run_bootstrap(tmp_path, uid=1000, installed=[*present, "python3-venv"])
    assert result.returncode == 0, result.stderr
    assert calls == []
    assert "sudo apt-get install -y --no-install-recommends postgresql chromium" in result.stdout


# ---------------------------------------------------------------------------- the fixtures


def test_user_folders_and_default_archive_are_in_tmp_path(tmp_path: Path) -> None:
    for folder in (
        platformdirs.user_data_dir("ZoneDesk", appauthor=False),
        platformdirs.user_config_dir("ZoneDesk", appauthor=False),
        str(Path.home()),
    ):
        assert Path(folder).is_relative_to(tmp_path)
    assert str(tmp_path) in default_archive_url()
    assert "ZONEDESK_LANG" not in os.environ
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


@pytest.mark.postgres
def test_each_pg_test_gets_a_fresh_migrated_database(pg_url: str, pg_server_url: str) -> None:
    name = make_url(pg_url).database
    assert name is not None
    assert name.startswith("zd_")
    assert name != make_url(pg_server_url).database
    engine = create_engine(pg_url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert "alembic_version" in inspect(conn).get_table_names()
            assert conn.scalar(text("SELECT count(*) FROM article")) == 0
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_a_throwaway_cluster_starts_answers_and_stops(throwaway_pg_cluster: Any) -> None:
    cluster = throwaway_pg_cluster
    engine = create_engine(cluster.url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT current_user")) == "postgres"
            assert conn.scalar(text("SHOW port")) == str(cluster.port)
    finally:
        engine.dispose()
    assert (cluster.folder / "data" / "PG_VERSION").is_file()
