"""Paired whole-process CPU time of `cli.py extract` in two checkouts, run in turns (issue 17, s17-speed).

On a shared machine wall time drifts; CPU time (user + system of the finished child, from os.wait4) drifts less,
and taking the ratio pair by pair (A B A B ...) keeps it meaningful when the machine's speed changes during the run.
Prints the median CPU seconds of each side, the median pair ratio A/B with its min and max, and each side's peak RSS.

Usage: python benchmarks/compiled/pair.py A_DIR B_DIR INPUT [RUNS]   (INPUT: a .jsonl or .txt file)
"""
import os
import statistics
import subprocess
import sys


def _run(directory: str, source: str) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of one `cli.py extract` process in ``directory``."""
    child = subprocess.Popen([sys.executable, "cli.py", "extract", source, "--format", "jsonl"], cwd=directory,
                             stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{directory}: exit status {status}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(a_dir: str, b_dir: str, source: str, runs: int = 10) -> None:
    _run(a_dir, source), _run(b_dir, source)  # warm-up: caches, page cache
    pairs = [(_run(a_dir, source), _run(b_dir, source)) for _ in range(runs)]
    ratios = [a[0] / b[0] for a, b in pairs]
    for name, side in (("A", 0), ("B", 1)):
        cpu = statistics.median(pair[side][0] for pair in pairs)
        peak = max(pair[side][1] for pair in pairs)
        print(f"{name} cpu s median {cpu:.3f}  peak MB {peak:.1f}")
    print(f"A/B cpu median {statistics.median(ratios):.3f}  min {min(ratios):.3f}  max {max(ratios):.3f}  "
          f"({runs} pairs)")


if __name__ == "__main__":
    main(*sys.argv[1:4], *(int(a) for a in sys.argv[4:5]))
