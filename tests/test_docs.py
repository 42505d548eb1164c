"""Every CLI command is documented in the README and its help ends with an example; the API is as documented."""
import re
from pathlib import Path

import click
import pytest

import analyzer
from analyzer.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = ""):
    """Every command, the lazily loaded ones included (``list_commands`` / ``get_command``, not ``.commands``)."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


COMMANDS = list(commands(main))


def test_every_command_is_listed():
    assert len(COMMANDS) >= 19 and {"extract", "ingest", "eval", "check", "serve"} <= {n for n, _ in COMMANDS}


@pytest.mark.parametrize("name, command", COMMANDS, ids=lambda x: x if isinstance(x, str) else "")
def test_command_documented(name, command):
    assert f"analyzer {name}" in README, f"README does not show `analyzer {name}`"
    assert "Example:" in (command.help or ""), f"help of {name} has no Example:"


def groups(group: click.Group, prefix: str = ""):
    """The command groups under ``group`` (``analyzer model``, ``analyzer reference`` …), ``group`` itself first."""
    yield prefix.strip() or "analyzer", group
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from groups(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name, group", list(groups(main)), ids=lambda x: x if isinstance(x, str) else "")
def test_group_help_has_an_example(name, group):
    """`analyzer reference --help` printed its one command but no example (s24-docs); every group's help shows one,
    as every command's does."""
    assert "Example:" in (group.help or ""), f"help of {name} has no Example:"


def test_public_api_sorted_and_importable():
    assert analyzer.__all__ == sorted(analyzer.__all__)
    for name in analyzer.__all__:
        assert getattr(analyzer, name)


ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def anchors(path: Path) -> set[str]:
    """GitHub's heading anchors of a Markdown file: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def relative_links(path: Path):
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    for target in LINK.findall(text):
        if not re.match(r"[a-z]+:", target):
            yield target


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    """Every relative link of the README and docs/ names a file (and heading) that exists; links that leave the
    repository (../shared/spec) are not checked."""
    broken = []
    for target in relative_links(path):
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if ROOT not in dest.parents and dest != ROOT:
            continue
        if not dest.exists() or (anchor and dest.suffix == ".md" and anchor not in anchors(dest)):
            broken.append(target)
    assert not broken, f"{path.relative_to(ROOT)}: broken links {broken}"


@pytest.mark.parametrize("section", ["Components", "Read-only SQL on PostgreSQL", "Learned model for extraction"])
def test_sections_named_in_code_exist(section):
    """Docstrings and error messages in analyzer/ send readers to these README sections by name."""
    assert section in README
