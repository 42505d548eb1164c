"""Every CLI command is documented in the README and its help ends with an example; the API is as documented."""
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


def test_public_api_sorted_and_importable():
    assert analyzer.__all__ == sorted(analyzer.__all__)
    for name in analyzer.__all__:
        assert getattr(analyzer, name)
