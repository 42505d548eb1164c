"""Group a `perf report` of `cli.py extract` by what a compiler could change (issue 17, s17-speed).

cProfile's per-call cost inflates the share of small Python functions; a sampling profile of the whole process
(perf, no Python frames needed) does not. The groups: the bytecode interpreter itself and frame handling (what a
compiler removes), regex matching (sre), other C libraries (Aho-Corasick, json), and the object work both
interpreted and compiled code do (dict and attribute lookups, allocation, str methods, garbage collection).

Usage:
  perf record -F 999 -o perf.data -- python cli.py extract IN.jsonl --format jsonl > /dev/null
  perf report -i perf.data --no-children --sort dso,sym --stdio -g none | python benchmarks/compiled/perf_share.py
"""
import re
import sys
from collections import defaultdict

INTERPRETER = ("_PyEval_EvalFrameDefault", "_PyFrame_", "initialize_locals", "_PyEvalFramePush",
               "_PyEval_Vector", "_PyFunction_Vectorcall", "vgetargs", "_PyArg_", "_PyEval_SliceIndex")
GROUPS = (("regex (sre)", lambda dso, sym: sym.startswith("sre_") or "_sre" in dso),
          ("bytecode interpreter, frames, argument parsing",
           lambda dso, sym: dso.startswith("libpython") and sym.startswith(INTERPRETER)),
          ("other C extensions (ahocorasick, json, …)", lambda dso, sym: dso.endswith(".so") and "cpython" in dso),
          ("kernel", lambda dso, sym: dso == "[kernel.kallsyms]"),
          ("object work in libpython/libc (lookups, alloc, str, gc)", lambda dso, sym: True))
ROW = re.compile(r"^\s*([\d.]+)%\s+(\S+)\s+\[.\]\s+(\S+)")


def main() -> None:
    shares: dict[str, float] = defaultdict(float)
    for line in sys.stdin:
        row = ROW.match(line)
        if row:
            share, dso, sym = float(row[1]), row[2], row[3]
            group = next(name for name, test in GROUPS if test(dso, sym))
            shares[group] += share
    for name, share in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"  {name:58} {share:5.1f}%")


if __name__ == "__main__":
    main()
