"""One exception hierarchy; every message is one line that names the input and the problem.

    AnalyzerError
    ├── InputError          a file or text that cannot be read (empty, binary, bad encoding, bad JSON)
    ├── StoreError          the database cannot be opened, migrated or written
    ├── TaxonomyError       a taxonomy data file is malformed
    └── ModelError          the learned model cannot be loaded or trained

Messages are made safe for a terminal and a log: control characters in file names or values are escaped
(a name with a newline cannot forge a second ``Error:`` line) and passwords in URLs are masked.
"""
import re

# user:password@ in any URL scheme (postgresql://, mysql://, sqlite+pysqlite://, http://, …), up to the last @ before
# a space: a password may hold an unencoded @ (user:pa@ss@host) or a quote (user:pa'ss@host, which a URL allows)
URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)\S*(?P<tail>@)")
# password=… as a URL query parameter or a libpq keyword (postgresql://host/db?password=…, "host=h password=…")
# (a libpq value may be quoted, password='a b'; an unquoted one runs to the next & or space, quotes and brackets in it
# included: a trailing quote or bracket of the message is masked with it, never a part of the password shown)
PARAM_PASSWORD = re.compile(r"(?i)(?P<head>(?:^|[?&;\s'\"(])(?:ssl)?password=)(?:'[^']*'|[^&\s]+)")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def mask_secrets(text: str) -> str:
    """``mysql://user:secret@host`` → ``mysql://user:***@host``, for every URL in ``text``; ``password=secret``
    (a query parameter or a libpq keyword) → ``password=***``."""
    return PARAM_PASSWORD.sub(r"\g<head>***", URL_PASSWORD.sub(r"\g<head>***\g<tail>", text))


def one_line(text: str) -> str:
    """``text`` with control, line-separator, bidi and lone-surrogate characters escaped (``\\n``, ``\\x1b``)."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def safe_message(text: str) -> str:
    """A message fit to print: one line, no passwords."""
    return one_line(mask_secrets(str(text)))


class AnalyzerError(Exception):
    """Base class: ``str(error)`` is a complete one-line message for the user."""


class InputError(AnalyzerError):
    def __init__(self, source: str, problem: str):
        self.source, self.problem = source, problem
        super().__init__(one_line(f"{source}: {problem}"))


class StoreError(AnalyzerError):
    pass


class TaxonomyError(AnalyzerError):
    pass


class ModelError(AnalyzerError):
    pass
