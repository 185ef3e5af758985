"""The shape of ui/: every module in a layer of the import contract, and no import cycle.

lint-imports (run by scripts/test.sh) checks the layers; these tests check that
the contract still covers every module and that scripts/ui_cycles.py finds a
cycle hidden in a function as well as it passes the real ui/.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "ui_cycles.py"


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "layers" and c["layers"][0] == "ui.launcher")
    return [m.strip() for layer in contract["layers"]
            for m in layer.replace("|", ":").split(":")]


def test_every_ui_module_is_in_a_layer() -> None:
    listed = set(_layers())
    ui = ROOT / "ui"
    modules = {f"ui.{p.stem}" for p in ui.glob("*.py") if p.stem != "__init__"}
    modules |= {f"ui.{p.parent.name}" for p in ui.glob("*/__init__.py")}
    assert modules - listed == set(), "add the new module to a layer in pyproject.toml"
    assert listed - modules == set(), "the contract names a module that does not exist"


def test_ui_has_no_import_cycle() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert "no import cycles" in run.stdout


def test_a_cycle_behind_a_function_level_import_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "ui"
    (pkg / "win").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "win" / "__init__.py").write_text("")
    (pkg / "app.py").write_text("from ui.win.main import run\n")
    (pkg / "words.py").write_text("def locale():\n    from ui.app import run  # hidden\n")
    (pkg / "win" / "main.py").write_text("from ..words import locale\n\ndef run(): ...\n")
    (pkg / "leaf.py").write_text("import ui.words\n")
    run = subprocess.run([sys.executable, str(SCRIPT), str(pkg)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "import cycle of 3 modules: ui.app, ui.win.main, ui.words" in run.stdout
    assert "ui.leaf" not in run.stdout


def test_colours_and_fonts_live_in_style_only() -> None:
    """A colour or a font built by hand elsewhere drifts from the one meaning it should carry."""
    import re

    literal = re.compile(r"""["'][^"'\n]*#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})\b|Qt\.GlobalColor\.|QFont\(\)""")
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "style.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if literal.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == [], "name the colour or font in ui/style.py"
