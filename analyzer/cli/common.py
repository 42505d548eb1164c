"""Options and error handling shared by every command."""
from __future__ import annotations

import functools
import logging
import sys

import click

from analyzer.errors import AnalyzerError
from analyzer.io.writers import FORMATS

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


def format_option(default: str = "json", choices=FORMATS):
    return click.option("--format", "-f", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def verbose_option(func):
    def set_level(ctx, param, value):
        logging.basicConfig(level=logging.DEBUG if value > 1 else logging.INFO if value else logging.WARNING,
                            format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        return value
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=set_level,
                        help="More log output on stderr (-vv for debug).")(func)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn library errors into one-line ``Error: …`` messages and exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AnalyzerError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)
    return wrapper
