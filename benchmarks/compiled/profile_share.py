"""Where the time of `cli.py extract` goes, by own time (cProfile tottime) and by file (issue 17, s17-speed).

Sums tottime per source file and per kind: the package's own Python (what a compiler could speed up), built-in
C calls (regex, str methods, dict/list: a compiler cannot make them faster, only the call into them cheaper),
other Python (stdlib, click, jieba).

Usage: python benchmarks/compiled/profile_share.py PROFILE.pstats [TOP]
  (make PROFILE.pstats with: python -m cProfile -o PROFILE.pstats cli.py extract IN.jsonl --format jsonl)
"""
import pstats
import sys
from collections import defaultdict


def _kind(filename: str) -> str:
    if filename == "~":
        return "built-in (C)"
    if "/analyzer/" in filename or filename.startswith("analyzer/"):
        return "analyzer (own Python)"
    return "other Python"


def main(path: str, top: int = 25) -> None:
    stats = pstats.Stats(path).stats
    total = sum(entry[2] for entry in stats.values())
    by_kind: dict[str, float] = defaultdict(float)
    by_file: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), entry in stats.items():
        by_kind[_kind(filename)] += entry[2]
        if _kind(filename) == "analyzer (own Python)":
            by_file[filename[filename.index("analyzer/"):]] += entry[2]
    print(f"total own time {total:.3f} s")
    for kind, seconds in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:24} {seconds:7.3f} s  {seconds / total:6.1%}")
    print("own Python by file:")
    for name, seconds in sorted(by_file.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:40} {seconds:7.3f} s  {seconds / total:6.1%}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
