"""Options and error handling shared by every command."""
from __future__ import annotations

import errno
import functools
import logging
import math
import os
import sys

import click

from analyzer.errors import AnalyzerError, safe_message
from analyzer.io.writers import FORMATS

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 110}
EXIT_SOME_FAILED, EXIT_ALL_FAILED = 1, 3


def format_option(default: str = "json", choices=FORMATS):
    return click.option("--format", "-f", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def verbose_option(func):
    def set_level(ctx, param, value):
        logging.basicConfig(level=logging.DEBUG if value > 1 else logging.INFO if value else logging.WARNING,
                            format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        if not value:  # a page with no main text is one Error line, not also trafilatura's "discarding data: None"
            logging.getLogger("trafilatura").setLevel(logging.ERROR)
        return value
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=set_level,
                        help="More log output on stderr (-vv for debug).")(func)


class FiniteRange(click.FloatRange):
    """``click.FloatRange`` that refuses NaN, which passes every range check (no comparison with NaN is true), and
    infinity, which passes a range open above (``FiniteRange(min=0)``; the bare ``FiniteRange()`` is a finite float)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        if math.isinf(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def checked_place(ctx, param, value):
    """A ``--place`` must name a place: text that reads as none (blanks, punctuation) is how the national figures are
    kept, so the national series was given in silence as if it were the place asked for."""
    if value is not None:
        from analyzer.taxonomy.entries import compact  # as every place is compared
        if not compact(value):
            raise click.BadParameter(f"{value!r} names no place: give one (天津, 美国), or 全国 for the national "
                                     "figures")
    return value


def checked_filter(ctx, param, value):
    """A text filter (``query --doc``, ``--metric``, ``--search`` …) given empty or blank is refused: it filtered
    nothing, so ``--doc "$ID"`` with ``$ID`` unset printed every stored figure as if they were that document's."""
    if value is not None and not value.strip():
        option = isinstance(param, click.Option)  # timeline's METRIC is an argument: there is no leaving it out
        raise click.BadParameter(f"{value!r} is empty: give a value" + (", or leave the option out" if option else ""))
    return value


def checked_paths(ctx, param, value):
    """An input path given as an empty string is refused: it read as the current folder (``Path("")`` is ``.``), so
    ``analyzer ingest "$DIR"`` with ``$DIR`` unset analyzed and stored every article under the working folder."""
    for path in (value,) if isinstance(value, str) else value or ():
        if path == "":
            raise click.BadParameter("'' is an empty path: name a file or folder (- for stdin)")
    return value


def checked_output(ctx, param, value):
    """An output path given as an empty string is refused as an empty input path is: ``export -o ''`` said
    ``cannot write : Is a directory``, and ``--plot ''`` drew nothing without a word."""
    if value == "":
        raise click.BadParameter("'' is an empty path: name a file, or leave the option out")
    return value


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` on stderr (one line, passwords masked) and exit with ``code``."""
    click.echo(f"Error: {safe_message(message)}", err=True)
    sys.exit(code)


def report_failures(errors: int, total: int) -> None:
    """``Error: N of M inputs failed`` on stderr and exit 1 (some failed) or 3 (all did); nothing if none failed."""
    if errors:
        click.echo(f"Error: {errors} of {total} inputs failed", err=True)
        sys.exit(EXIT_ALL_FAILED if errors == total else EXIT_SOME_FAILED)


def save_plot(draw, *args) -> None:
    """Draw a plot to the path that is ``args[-1]``; a path that cannot be written is one error line."""
    path = args[-1]
    try:
        draw(*args)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    except ValueError as error:  # matplotlib: an unknown image suffix
        fail(f"cannot write {path}: {error}")
    click.echo(f"plot written to {path}", err=True)



class ClosedStream:
    """Stands in for a standard output that was closed (``>&-``): writing to it is an ``OSError``."""

    def write(self, _text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit


def _output_error(error: OSError) -> None:
    """One line for a file or stream that cannot be written: a bad -o/--plot path, a full disk, closed stdout."""
    if error.errno == errno.EPIPE:  # the reader went away (| head): not an error
        _silence_stdout()
        sys.exit(0)
    if error.filename:
        fail(f"{error.filename}: {error.strerror or error}")
    _silence_stdout()
    fail(f"cannot write to standard output: {error.strerror or error}")


def handle_errors(func):
    """Turn library errors into one-line ``Error: …`` messages and exit code 1; output errors (a bad path,
    a full disk, a closed stdout) too. Flushes stdout inside, so a late write error is caught here."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        stream = sys.stdout = _GuardedOutput(ClosedStream() if sys.stdout is None else sys.stdout)
        try:
            result = func(*args, **kwargs)
            sys.stdout.flush()
            return result
        except AnalyzerError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except OSError as error:
            _output_error(error)
        except UnicodeEncodeError as error:
            _argument_error(error)
            raise  # text a codec other than the output's could not take: a bug, with its traceback
        except OutputEncodingError as error:
            _argument_error(error.cause)
            _silence_stdout()
            fail(f"cannot write this text in the output's encoding ({error.cause.encoding}): use a UTF-8 locale or "
                 "set PYTHONIOENCODING=utf-8")
        finally:
            if sys.stdout is stream:
                sys.stdout = stream.stream
    return wrapper


class OutputEncodingError(Exception):
    """Standard output's encoding cannot write a text (PYTHONIOENCODING=ascii, a Latin-1 locale): raised by the
    write itself, so that an encoding error anywhere else is not reported as the output's."""

    def __init__(self, cause: UnicodeEncodeError):
        super().__init__(str(cause))
        self.cause = cause


class _GuardedOutput:
    """Standard output as a command sees it: every write that the stream's encoding refuses is an
    :class:`OutputEncodingError`; everything else is the stream's own."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text) -> int:
        try:
            return self.stream.write(text)
        except UnicodeEncodeError as error:
            raise OutputEncodingError(error) from error

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def _argument_error(error: UnicodeEncodeError) -> None:
    """One line for bytes on the command line that are not UTF-8 (Python keeps them as lone surrogates, which no
    database and no UTF-8 output takes), wherever they failed to encode; nothing for any other text."""
    text = error.object[error.start:error.end] if isinstance(error.object, str) else ""
    if text and all("\udc80" <= character <= "\udcff" for character in text):
        raw = "".join(f"\\x{ord(character) - 0xDC00:02x}" for character in text)
        fail(f"an argument holds bytes that are not UTF-8 text ({raw}): give names, claims and SQL in UTF-8", 2)
