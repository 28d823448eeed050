"""Layer rules import-linter cannot express: services use QtCore only."""

import ast
from pathlib import Path

import desktop

PACKAGE = Path(desktop.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_services_import_only_qtcore():
    for path in (PACKAGE / "services").glob("*.py"):
        qt = {m for m in imported_modules(path) if m.startswith("PySide6")}
        assert qt <= {"PySide6.QtCore"}, (path.name, qt)

