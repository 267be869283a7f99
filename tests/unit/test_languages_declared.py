"""A language is declared, not branched on: what code asks of a language is
a field of its profile (`tts_assets/languages/`), so no module outside that package (and
the languages' own packages, `tts_assets/lang/`) compares a language code with a literal.
A new `if lang == "ko":` fails here: give the profile a field."""

from __future__ import annotations

import ast
import functools
import types
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path

from tests.support import REPO
from tts_assets.languages import LANGUAGES

PACKAGE = REPO / "tts_assets"
DECLARED = (PACKAGE / "languages", PACKAGE / "lang")


@functools.cache
def _parsed(path: Path) -> ast.Module:
    """The module at `path`, parsed once a process for the checks below (parsing the
    package is most of their time)."""
    return ast.parse(path.read_text("utf-8"))


@functools.cache
def _compiled(path: Path) -> types.CodeType:
    """The module at `path` compiled: a quarter of parsing it into a tree (no node is made
    an object), and what a check asks first. A module whose code holds no language code
    among its constants cannot compare one (every literal of the source is a constant of
    its code, as written or folded: `"j" "a"`, `"\\x6aa"`); only those that do are
    parsed. What the compiler drops is not looked at: code after a `return` or `raise`,
    which never runs. The code is the one an import runs: its compiled file where it is
    as new as the source (the package's modules are imported by then: 0.25 s of
    compiling spared), else compiled from the source as an import compiles it."""
    code = SourceFileLoader(path.stem, str(path)).get_code(path.stem)
    assert code is not None, path
    return code


def _constants(code: types.CodeType) -> Iterator[object]:
    """Every constant of `code` and the functions and classes in it, a tuple's or
    frozenset's (`lang in ("ja", "zh")`) one by one."""
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _constants(const)
        else:
            yield from _flat(const)


def _flat(const: object) -> Iterator[object]:
    if isinstance(const, tuple | frozenset):
        for element in const:
            yield from _flat(element)
    else:
        yield const


def _names(code: types.CodeType) -> Iterator[str]:
    """Every name `code` and the functions and classes in it use (an attribute's too:
    `profile.reading_script`)."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names(const)


def _may_name_a_code(code: types.CodeType) -> bool:
    return any(isinstance(c, str) and c in LANGUAGES for c in _constants(code))


def _codes(node: ast.AST) -> list[str]:
    """The language codes a literal (a string, or a tuple, list or set of them) names."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if node.value in LANGUAGES else []
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [code for element in node.elts for code in _codes(element)]
    return []


def _branches(path: Path) -> list[str]:
    if not _may_name_a_code(_compiled(path)):
        return []
    found = []
    for node in ast.walk(_parsed(path)):
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


def test_a_module_with_a_branch_is_one_the_check_parses() -> None:
    """What `_compiled` reads before a module is parsed lets through every shape of a
    branch `_branches` finds, in a function, a class, a tuple, a set, a nested tuple, a
    literal written in pieces or escaped; and a module that names no code is not parsed."""
    for source in (
        'if base_code(lang) == "ko":\n    pass',
        'def f(lang):\n    return lang in ("ja", "zh")',
        'class A:\n    def f(self, lang):\n        return lang in {"th", "vi"}',
        'x = lang in (("en", "x"), "y")',
        'y = lang.startswith("j" "a")',
        'z = lang == "\\x6aa"',
        'w = f"{lang}" == "de"',
        "lambda lang: lang != 'pl'",
    ):
        code = compile(source, "m", "exec", dont_inherit=True)
        assert _may_name_a_code(code), source
    assert not _may_name_a_code(compile('x == "kana" or y in ("x", 3)', "m", "exec"))
    assert "reading_script" in set(
        _names(compile("def f(p):\n    return p.reading_script", "m", "exec"))
    )


def test_every_language_is_spoken_by_a_built_in_engine_or_says_why_not() -> None:
    from importlib.metadata import entry_points

    from tts_assets.languages import LANGUAGES

    engines = [e.load() for e in entry_points(group="tts_assets.providers")]
    built_in = [cls for cls in engines if cls.__module__.startswith("tts_assets.")]
    assert len(built_in) >= 6
    for code, profile in LANGUAGES.items():
        speakers = [cls.name for cls in built_in if code in cls.languages_spoken()]
        assert bool(speakers) != bool(profile.unspoken), (code, speakers, profile.unspoken)


def test_an_engine_says_what_it_speaks_from_its_data_and_the_page_shows_it() -> None:
    from tts_assets.providers.elevenlabs import ElevenLabsProvider
    from tts_assets.providers.espeak import EspeakProvider
    from tts_assets.providers.kokoro import KokoroProvider

    assert KokoroProvider.languages_spoken()["ja"] == "`jf_alpha`"
    assert KokoroProvider.languages_spoken()["zh"].endswith("(pull)")
    assert "th" not in EspeakProvider.languages_spoken()  # its Thai voice is unfit
    assert ElevenLabsProvider.languages_spoken()["th"] == "`eleven_v3` (paid)"
    page = (Path(__file__).parents[2] / "docs/languages.md").read_text(encoding="utf-8")
    assert "| Thai | `th` | `eleven_v3` (paid) | — |" in page


TAGS = frozenset(
    ["reading_script", "romanization", "listening_form", "letter_chart", "own_letters", "own_words"]
)
"""Profile fields whose values each name one language (KANA is Japanese's, `hangul` a
Korean chart): compared with a value outside the languages' homes, they are a branch on
that language in disguise."""


def _tag_comparisons(path: Path) -> list[str]:
    if TAGS.isdisjoint(_names(_compiled(path))):
        return []  # no attribute of that name anywhere in it (`_compiled`)
    found = []
    for node in ast.walk(_parsed(path)):
        if (
            isinstance(node, ast.Compare)
            and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops)
            and any(
                isinstance(part, ast.Attribute) and part.attr in TAGS
                for part in (node.left, *node.comparators)
            )
        ):
            found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_no_module_compares_a_languages_tag() -> None:
    """What differs by language is asked of the profile as a hook or a value that owns its
    behaviour (`romanization.looks`, `listening_form`'s fold), never compared with a tag."""
    modules = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(path.is_relative_to(folder) for folder in DECLARED)
    ]
    assert [line for path in modules for line in _tag_comparisons(path)] == []
    assert _tag_comparisons(Path(__file__)) == []  # and the check itself finds one:
    tree = ast.parse("known.reading_script == KANA")
    assert any(isinstance(n, ast.Compare) for n in ast.walk(tree))


def test_a_language_has_capitals_by_its_scripts() -> None:
    # Thai, Korean and Chinese write no capitals: a name there is not told by its first
    # letter (the abbreviation rules read a Thai word after `อ.` as a name's place).
    cased = {code for code, profile in LANGUAGES.items() if profile.capitals}
    assert {"de", "en", "vi", "pl"} <= cased
    assert not cased & {"th", "ko", "zh", "ja"}
