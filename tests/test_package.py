"""Installing on a desk laptop: `pip install .` gives `signdesk`, and a one-folder
PyInstaller build starts without Python.

The build takes about a minute; it runs in the suite so that a missing hidden
import or data file is caught before a meeting, not at one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a system test: seconds to minutes

ROOT = Path(__file__).resolve().parent.parent


def _clean_env(**extra: str) -> dict[str, str]:
    # No virtualenv, no PYTHONPATH: the bundle must bring everything itself.
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("PyInstaller is not installed (pip install '.[test]')")
    out = tmp_path_factory.mktemp("pyinstaller")
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pyinstaller"), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
         str(ROOT / "packaging" / "signdesk.spec")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    exe = out / "dist" / "signdesk" / ("signdesk.exe" if os.name == "nt" else "signdesk")
    assert exe.exists()
    return exe


def test_the_bundle_runs_the_command_line(bundle: Path, tmp_path: Path) -> None:
    env = _clean_env()
    subprocess.run([str(bundle), "demo", "d.sqlite", "--no-window"], cwd=tmp_path, env=env,
                   check=True, capture_output=True, timeout=120)
    stats = json.loads(subprocess.run([str(bundle), "stats", "d.sqlite", "--json"], cwd=tmp_path,
                                      env=env, check=True, capture_output=True, text=True,
                                      timeout=60).stdout)
    assert stats["expected"] > 400 and len(stats["branches"]) == 11
    # The PDFs need the bundled CJK font and reportlab's data files.
    subprocess.run([str(bundle), "report", "d.sqlite", "-o", "r.pdf"], cwd=tmp_path, env=env,
                   check=True, capture_output=True, timeout=120)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_bundle_opens_its_windows(bundle: Path, tmp_path: Path) -> None:
    env = _clean_env(QT_QPA_PLATFORM="offscreen", SIGNDESK_QUIT_AFTER_MS="1500",
                     SIGNDESK_LANG="zh_CN")
    subprocess.run([str(bundle), "demo", "d.sqlite", "--no-window"], cwd=tmp_path, env=env,
                   check=True, capture_output=True, timeout=120)
    for args in (["d.sqlite"], ["desk", "d.sqlite", "--name", "1号台", "--no-kiosk"]):
        proc = subprocess.run([str(bundle), *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "Traceback" not in proc.stderr


def test_pip_install_gives_a_signdesk_command(tmp_path: Path) -> None:
    import site
    import sysconfig

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # The dependencies are already installed here: a .pth file lets the fresh
    # venv see them, so the test installs SignDesk itself without the network.
    purelib = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    ours = {sysconfig.get_path("purelib"), *site.getsitepackages()}
    (purelib / "_signdesk_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", str(ROOT)],
                   check=True, timeout=600, capture_output=True)
    out = subprocess.run([str(venv / "bin" / "signdesk"), "demo", str(tmp_path / "d.sqlite"),
                          "--no-window"], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "北郊居民区党员大会" in out.stdout
