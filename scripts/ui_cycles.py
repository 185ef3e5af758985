#!/usr/bin/env python3
"""Report import cycles among the modules of ui/, counting imports inside functions.

import-linter sees the same imports, but a cycle can hide in a package that no
contract names; this script looks at every module of ui/ and every import in it
(top level, inside functions, under ``if TYPE_CHECKING``), and prints each cycle
it finds. Exit status 1 when there is any, 0 when there is none.

    python scripts/ui_cycles.py [PACKAGE_DIR]      (default: ui/ beside this script)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from pathlib import Path


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module under a package directory, by dotted name (packages by their __init__)."""
    root = package_dir.parent
    names: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterable[str]:
    """Dotted names an AST imports, wherever the import statement stands."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            yield base
            for alias in node.names:  # `from ui.desk import window` imports a module
                yield f"{base}.{alias.name}"


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Which of the package's modules each of its modules imports."""
    modules = module_names(package_dir)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = {t for t in imported_names(tree, name, path.name == "__init__.py") if t in modules}
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(1000, 4 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def one_loop(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A concrete import loop through a cycle group, to show where to cut it."""
    members = set(group)
    start = group[0]
    path, seen = [start], {start}
    while True:
        nxt = sorted(graph[path[-1]] & members)
        back = [n for n in nxt if n == start]
        if back and len(path) > 1:
            return path + [start]
        fresh = [n for n in nxt if n not in seen]
        if not fresh:  # a dead end inside the group: close on the earliest module seen
            loop_to = next(n for n in nxt if n in seen)
            return path[path.index(loop_to):] + [loop_to]
        path.append(fresh[0])
        seen.add(fresh[0])


def main(argv: list[str]) -> int:
    """Print the cycles of the package (default ui/); 1 if any."""
    package_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "ui"
    graph = import_graph(package_dir)
    found = cycles(graph)
    for group in found:
        print(f"import cycle of {len(group)} modules: {', '.join(group)}")
        print("  for example: " + " -> ".join(one_loop(graph, group)))
    if not found:
        print(f"no import cycles among {len(graph)} modules of {package_dir.name}/")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
