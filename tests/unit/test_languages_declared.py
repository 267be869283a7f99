"""A language is declared, not branched on (issue 52: 1): what code asks of a language is
a field of its profile (`tts_assets/languages/`), so no module outside that package (and
the numbers classes, one per language by design: `readings/numbers/`) compares a language
code with a literal. A new `if lang == "ko":` fails here: give the profile a field."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import REPO
from tts_assets.languages import LANGUAGES

PACKAGE = REPO / "tts_assets"
DECLARED = (PACKAGE / "languages", PACKAGE / "readings" / "numbers")


def _codes(node: ast.AST) -> list[str]:
    """The language codes a literal (a string, or a tuple, list or set of them) names."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if node.value in LANGUAGES else []
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [code for element in node.elts for code in _codes(element)]
    return []


def _branches(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        literals: list[str] = []
        if isinstance(node, ast.Compare):
            literals = [c for part in (node.left, *node.comparators) for c in _codes(part)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith")
        ):
            literals = [c for arg in node.args for c in _codes(arg)]
        if literals:
            where = path.relative_to(REPO)
            found.append(f"{where}:{getattr(node, 'lineno', 0)}: {', '.join(literals)}")
    return found


def test_no_module_branches_on_a_language_code() -> None:
    modules = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(path.is_relative_to(folder) for folder in DECLARED)
    ]
    assert len(modules) > 100
    branches = [line for path in modules for line in _branches(path)]
    assert branches == [], "declare it in the language's profile (tts_assets/languages/)"


def test_the_check_finds_a_branch() -> None:
    assert _codes(ast.parse('lang in ("ja", "zh")').body[0].value.comparators[0])  # type: ignore[attr-defined]
    tree = ast.parse('if base_code(lang) == "ko":\n    pass\nx.startswith("th")\ny == "kana"')
    compares = [n for n in ast.walk(tree) if isinstance(n, ast.Compare)]
    assert [c for n in compares for part in (n.left, *n.comparators) for c in _codes(part)] == [
        "ko"
    ]
