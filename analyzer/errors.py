"""One exception hierarchy; every message is one line that names the input and the problem.

    AnalyzerError
    ├── InputError          a file or text that cannot be read (empty, binary, bad encoding, bad JSON)
    ├── StoreError          the database cannot be opened, migrated or written
    ├── TaxonomyError       a taxonomy data file is malformed
    └── ModelError          the learned model cannot be loaded or trained
"""


class AnalyzerError(Exception):
    """Base class: ``str(error)`` is a complete one-line message for the user."""


class InputError(AnalyzerError):
    def __init__(self, source: str, problem: str):
        self.source, self.problem = source, problem
        super().__init__(f"{source}: {problem}")


class StoreError(AnalyzerError):
    pass


class TaxonomyError(AnalyzerError):
    pass


class ModelError(AnalyzerError):
    pass
