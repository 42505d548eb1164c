"""Compile the hot modules in place, or remove what was compiled (issue 17, s17-speed experiment).

  python benchmarks/compiled/build.py cython [MODULE ...]   # cythonize -i, pure-Python mode, unchanged .py files
  python benchmarks/compiled/build.py mypyc [MODULE ...]    # mypyc (needs the modules to type-check)
  python benchmarks/compiled/build.py clean                 # remove every .so and Cython .c under analyzer/

An extension module beside a .py file shadows it on import (the import system tries extension suffixes first),
so a clean leaves the pure-Python package. MODULE is a path under the repository root; the default is HOT, the
modules holding the package's own Python time in the profile of 400 archive articles (profile_share.py).

mypyc needs modules that type-check; MYPYC_CLEAN are those of HOT that do, less lazy.py (a native class's
__doc__ is read-only: `lazy.__init__` fails) and text/pos.py (nested class definitions are not supported).
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOT = ["analyzer/extract/figures.py", "analyzer/extract/metrics.py", "analyzer/extract/mentions.py",
       "analyzer/extract/organizations.py", "analyzer/extract/periods.py", "analyzer/text/pos.py",
       "analyzer/extract/links.py", "analyzer/extract/measures.py", "analyzer/taxonomy/entries.py",
       "analyzer/extract/places.py", "analyzer/extract/numbers.py", "analyzer/text/debris.py",
       "analyzer/text/sentences.py", "analyzer/extract/lists.py", "analyzer/lazy.py", "analyzer/records.py",
       "analyzer/text/document.py", "analyzer/extract/number_forms.py", "analyzer/normalize.py"]

MYPYC_CLEAN = ["analyzer/extract/places.py", "analyzer/extract/numbers.py", "analyzer/text/sentences.py",
               "analyzer/extract/lists.py", "analyzer/records.py", "analyzer/extract/number_forms.py",
               "analyzer/normalize.py"]


def clean() -> None:
    for path in [*ROOT.glob("analyzer/**/*.so"), *ROOT.glob("analyzer/**/*.c"), *ROOT.glob("*__mypyc.*.so")]:
        path.unlink()
    for path in ROOT.glob("build/**/*"):
        if path.is_file():
            path.unlink()


def cython(modules: list[str]) -> None:
    subprocess.run([sys.executable, "-m", "Cython.Build.Cythonize", "-i", "-3", "-j", "2", *modules],
                   cwd=ROOT, check=True)


def mypyc(modules: list[str]) -> None:
    subprocess.run([sys.executable, "-m", "mypyc", "--ignore-missing-imports", "--follow-imports=silent", *modules],
                   cwd=ROOT, check=True)


def main(argv: list[str]) -> None:
    action, modules = argv[0], argv[1:] or HOT
    if action == "clean":
        clean()
    else:
        {"cython": cython, "mypyc": mypyc}[action](modules)


if __name__ == "__main__":
    main(sys.argv[1:])
