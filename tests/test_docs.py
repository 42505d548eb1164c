"""Every CLI command is documented in the README and its help ends with an example; the API is as documented."""
from pathlib import Path

import click
import pytest

import analyzer
from analyzer.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


@pytest.mark.parametrize("name, command", list(commands(main)), ids=lambda x: x if isinstance(x, str) else "")
def test_command_documented(name, command):
    assert f"analyzer {name}" in README, f"README does not show `analyzer {name}`"
    assert "Example:" in (command.help or ""), f"help of {name} has no Example:"


def test_public_api_sorted_and_importable():
    assert analyzer.__all__ == sorted(analyzer.__all__)
    for name in analyzer.__all__:
        assert getattr(analyzer, name)
