"""Gold-file helpers: fill in offsets from record texts, and validate a gold file.

Annotators write each record's ``text`` in document order and leave ``start``/``end`` out;
``fill_offsets`` finds each text at or after the previous record of the same array.
``validate`` checks offsets, enums and values against record format v1.

    python -m analyzer.io.gold fill corpus/dev/*.json
    python -m analyzer.io.gold validate corpus/
"""
from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from analyzer.records import COMPARISONS, DOC_KINDS, FORMAT, MEASURES, MENTION_KINDS, QUALIFIERS, UNITS

ARRAYS = ("figures", *MENTION_KINDS, "themes")
THEMES = ("credit_data", "policy_tools", "regulation", "financing_difficulty", "digital_credit",
          "sector_support", "outlook")


def fill_offsets(record: dict) -> list[str]:
    """Set start/end of every record from its text, searching forward in list order."""
    problems = []
    text = record["text"]
    for array in ARRAYS:
        cursor = 0
        for item in record.get(array) or []:
            needle = item["text"]
            if "start" in item and item["start"] is not None and text[item["start"]:item.get("end", -1)] == needle:
                cursor = item["start"] + 1
                continue
            found = text.find(needle, cursor)
            if found < 0:
                problems.append(f"{array}: {needle!r} not found after offset {cursor}")
                continue
            item["start"], item["end"] = found, found + len(needle)
            cursor = found + 1
        items = record.get(array) or []
        order = ["text", "start", "end"]
        record[array] = [{k: it[k] for k in order if k in it} | {k: v for k, v in it.items() if k not in order}
                         for it in items]
    return problems


def _check_decimal(value, where: str, problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        problems.append(f"{where}: value {value!r} must be a string")
        return
    try:
        Decimal(value)
    except InvalidOperation:
        problems.append(f"{where}: value {value!r} is not a decimal")


def validate(record: dict) -> list[str]:
    """Return every problem found in a gold record (empty list when valid)."""
    problems = []
    if record.get("format") != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    doc = record.get("doc") or {}
    if not doc.get("id"):
        problems.append("doc.id missing")
    if doc.get("kind") is not None and doc.get("kind") not in DOC_KINDS:  # a missing kind is allowed (unknown)
        problems.append(f"doc.kind {doc.get('kind')!r} not in {DOC_KINDS}")
    text = record.get("text", "")
    for array in ARRAYS:
        for i, item in enumerate(record.get(array) or []):
            where = f"{array}[{i}] {item.get('text')!r}"
            start, end = item.get("start"), item.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != item.get("text"):
                problems.append(f"{where}: offsets {start}:{end} do not match text")
            if array in MENTION_KINDS and not item.get("name"):
                problems.append(f"{where}: name missing")
            if array == "themes":
                bad = [t for t in item.get("labels", []) if t not in THEMES]
                if bad or not item.get("labels"):
                    problems.append(f"{where}: labels {item.get('labels')} must be non-empty, from {THEMES}")
        for i, fig in enumerate(record.get("figures") or [] if array == "figures" else []):
            where = f"figures[{i}] {fig.get('text')!r}"
            start = fig.get("start")
            if isinstance(start, int) and 0 < start <= len(text) and fig.get("text", "")[:1].isdigit() \
                    and (text[start - 1].isdigit() or text[start - 1] == "."):
                problems.append(f"{where}: span starts inside a longer number (fill matched too early?)")
            _check_decimal(fig.get("value"), where, problems)
            if fig.get("value") is None:
                problems.append(f"{where}: value missing")
            _check_decimal(fig.get("value_high"), where, problems)
            checks = (("unit", UNITS), ("qualifier", QUALIFIERS), ("measure", MEASURES),
                      ("comparison", COMPARISONS))
            for key, allowed in checks:
                if fig.get(key) not in allowed:
                    problems.append(f"{where}: {key} {fig.get(key)!r} not in {allowed}")
            if fig.get("unit") == "count" and not fig.get("counter"):
                problems.append(f"{where}: count without counter")
            period = fig.get("period")
            if period is not None and not (isinstance(period, dict) and period.get("start") and period.get("end")
                                           and period["start"] <= period["end"]):
                problems.append(f"{where}: bad period {period!r}")
    return problems


def _files(paths: list[str]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.json")) if p.is_dir() else [p])
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in ("fill", "validate"):
        print("usage: python -m analyzer.io.gold fill|validate FILE_OR_DIR...", file=sys.stderr)
        return 2
    failed = 0
    for path in _files(argv[1:]):
        record = json.loads(path.read_text(encoding="utf-8"))
        problems = fill_offsets(record) if argv[0] == "fill" else []
        if argv[0] == "fill" and not problems:
            path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        problems += validate(record)
        for problem in problems:
            print(f"{path}: {problem}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
