"""The package's shape: import layers and no cycles (import-linter contracts in pyproject.toml), every function
small (radon: cyclomatic complexity <= 15, <= 60 lines), and a cold start for `analyzer extract` and `--help`
that imports neither pandas nor the store."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from analyzer.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "analyzer"
ALLOWLIST = Path(__file__).with_name("complexity_allowlist.txt")
MAX_COMPLEXITY = 15
MAX_LINES = 60


# --- import contracts -----------------------------------------------------------------------------------------

def test_import_contracts_hold(monkeypatch, capsys):
    """`lint-imports`: layers (text <- extract <- store/check/brief/analysis/evaluate <- cli/serve/cluster), no
    cycles between siblings, and extract's cold start free of pandas/SQLAlchemy/the store."""
    cli = pytest.importorskip("importlinter.cli", reason="import-linter is a dev dependency: pip install -e '.[dev]'")
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    code = cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, "import contracts broken:\n" + capsys.readouterr().out


# --- function size ---------------------------------------------------------------------------------------------

def _functions(blocks, prefix: str = ""):
    """Every function, method and nested function of radon's blocks, with a dotted name (Class.method, f.inner)."""
    for block in blocks:
        if hasattr(block, "methods"):  # a class
            yield from _functions(block.methods, f"{prefix}{block.name}.")
            yield from _functions(block.inner_classes, f"{prefix}{block.name}.")
        else:
            yield f"{prefix}{block.name}", block
            yield from _functions(block.closures, f"{prefix}{block.name}.")


def too_big() -> dict[str, str]:
    """``path:function`` → what is too much, for every function in analyzer/ over the limits."""
    radon = pytest.importorskip("radon.visitors", reason="radon is a dev dependency: pip install -e '.[dev]'")
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        visitor = radon.ComplexityVisitor.from_code(path.read_text(encoding="utf-8"))
        for name, function in _functions([*visitor.functions, *visitor.classes]):
            lines = function.endline - function.lineno + 1
            problems = [f"complexity {function.complexity}"] * (function.complexity > MAX_COMPLEXITY) \
                + [f"{lines} lines"] * (lines > MAX_LINES)
            if problems:
                found[f"{path.relative_to(ROOT).as_posix()}:{name}"] = ", ".join(problems)
    return found


def allowed() -> dict[str, str]:
    """The allow-list: ``path:function  # reason`` a line (blank lines and whole-line comments skipped)."""
    entries = {}
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, reason = line.partition("#")
        entries[key.strip()] = reason.strip()
    return entries


def test_every_function_is_small():
    over = {key: why for key, why in too_big().items() if key not in allowed()}
    assert not over, (f"functions over complexity {MAX_COMPLEXITY} or {MAX_LINES} lines (split them, or turn the "
                      "branches into rule rows):\n" + "\n".join(f"  {k}: {v}" for k, v in sorted(over.items())))


def test_the_allow_list_gives_reasons_and_holds_no_fixed_function():
    entries = allowed()
    assert all(entries.values()), "every allow-list entry needs a reason after #"
    stale = sorted(set(entries) - set(too_big()))
    assert not stale, "fixed (or gone): remove from tests/complexity_allowlist.txt:\n  " + "\n  ".join(stale)


# --- the command line's cold start -----------------------------------------------------------------------------

HEAVY = ("pandas", "sqlalchemy", "matplotlib", "analyzer.store", "analyzer.analysis")


def imported_modules(*args: str, stdin: str | None = None) -> set[str]:
    """The modules ``python cli.py ARGS`` imports (``-X importtime``); its exit status must be 0."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "cli.py"), *args], input=stdin,
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [("--help",), ("extract", "-", "--published", "2025-06-30")],
                         ids=["help", "extract"])
def test_help_and_extract_import_neither_pandas_nor_the_store(args):
    modules = imported_modules(*args, stdin="截至2025年一季度末，普惠小微贷款余额达35.3万亿元。")
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
    assert not heavy, f"`analyzer {' '.join(args)}` imports {heavy[:10]}"


def test_the_database_commands_leave_pandas_to_the_dataframe_api():
    modules = imported_modules("query", "--help")
    assert not {"pandas", "matplotlib"} & modules


def test_the_command_list_repeats_each_commands_own_help():
    """`analyzer --help` lists commands from analyzer.cli.COMMANDS without importing them: each entry's text is the
    first paragraph of the command's own help, and names the command's object."""
    for name, (target, summary) in COMMANDS.items():
        command = main.get_command(None, name)
        assert isinstance(command, click.Command), target
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert first == summary, f"{name}: update COMMANDS in analyzer/cli/__init__.py to:\n{first!r}"


def test_every_command_is_listed_and_runs_its_help():
    runner = CliRunner()
    listing = runner.invoke(main, ["--help"]).output
    for name in COMMANDS:
        assert f"  {name} " in listing
        assert runner.invoke(main, [name, "--help"]).exit_code == 0, name
