"""Gold-file helpers: fill in offsets from record texts, and validate a gold file.

Annotators write each record's ``text`` in document order and leave ``start``/``end`` out;
``fill_offsets`` finds each text at or after the previous record of the same array.
``validate`` checks offsets, enums and values against record format v1.

    python -m analyzer.io.gold fill corpus/dev/*.json
    python -m analyzer.io.gold validate corpus/
    python -m analyzer.io.gold strip OUT_DIR annotated/*.json     # real text: keep id, hash, annotations

Gold files of outside text (``corpus/real/``) carry no ``text``: only ``doc.id``, ``text_sha256`` and the
annotations. ``join_text`` puts the text back from the outside data (``../shared/data/*.jsonl``, or
``$ANALYZER_REAL_TEXTS``) and refuses a text whose hash differs, so offsets can never point into another text.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from analyzer.records import COMPARISONS, DOC_KINDS, FORMAT, MEASURES, MENTION_KINDS, QUALIFIERS, UNITS

# Documents of ../shared/data reserved for outside evaluation (its README): never annotated, tuned on, harvested from
# or loaded for a claim set.
RESERVED_IDS = frozenset({"finnl-train-5196", "finnl-train-5803", "finnl-train-2980", "finnl-eval-233", "rss-1140",
                          "rss-226", "rss-1624", "rss-615", "rss-1592", "rss-43"})

HELD_OUT_LIST = Path("real-gold") / "held-out-ids.txt"


def read_id_list(path) -> set[str]:
    """The ids of a file with one id a line; blank lines and lines starting with # are skipped (``UnicodeDecodeError``
    for a file that is not UTF-8)."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def held_out_ids(root: Path) -> frozenset[str]:
    """Archive documents no rule, harvest or count may read: the reserved ids and ``real-gold/held-out-ids.txt``
    (real-gold/test and the held-out audits) under the repository ``root``."""
    return RESERVED_IDS | frozenset(read_id_list(root / HELD_OUT_LIST))


ARRAYS = ("figures", *MENTION_KINDS, "themes")
THEMES = ("credit_data", "policy_tools", "regulation", "financing_difficulty", "digital_credit",
          "sector_support", "outlook")


TEXT_HASH = "text_sha256"
REAL_TEXTS_ENV = "ANALYZER_REAL_TEXTS"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def strip_text(record: dict) -> dict:
    """A gold record of outside text as the repository keeps it: the text replaced by its hash, the title left
    out and the sentences of ``themes`` kept as offsets only (``join_text`` puts all three back)."""
    kept = {key: value for key, value in record.items() if key != "text"}
    doc = dict(kept.pop("doc"))
    doc["title"] = None
    if kept.get("themes"):
        kept["themes"] = [{key: value for key, value in item.items() if key != "text"} for item in kept["themes"]]
    return {"format": kept.pop("format", FORMAT), "doc": doc, TEXT_HASH: text_sha256(record["text"]), **kept}


def find_texts_dir(start: Path) -> Path | None:
    """``$ANALYZER_REAL_TEXTS``, else the first ``shared/data`` beside ``start`` or one of its parents."""
    if os.environ.get(REAL_TEXTS_ENV):
        return Path(os.environ[REAL_TEXTS_ENV])
    for folder in [start.resolve(), *start.resolve().parents]:
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None


@lru_cache(maxsize=4)
def _texts(folder: Path) -> dict[str, tuple[str, str | None]]:
    """id → (text, title) of every item of the outside data."""
    texts = {}
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    item = json.loads(line)
                    texts[str(item["id"])] = (item["text"], item.get("title") or None)
    return texts


def join_text(record: dict, texts_dir: Path | None) -> dict:
    """The record with its text put back (a record that has ``text`` is returned as it is).
    Raises ``ValueError`` with a one-line reason when the text is missing or its hash differs."""
    if "text" in record or TEXT_HASH not in record:
        return record
    doc_id = str((record.get("doc") or {}).get("id"))
    if texts_dir is None:
        raise ValueError(f"{doc_id}: the outside texts are not here (set ${REAL_TEXTS_ENV} to ../shared/data)")
    found = _texts(texts_dir).get(doc_id)
    if found is None:
        raise ValueError(f"{doc_id}: no document with this id in {texts_dir}")
    text, title = found
    if text_sha256(text) != record[TEXT_HASH]:
        raise ValueError(f"{doc_id}: the text in {texts_dir} differs from the annotated one (sha256 mismatch)")
    joined = {key: value for key, value in record.items() if key != TEXT_HASH}
    doc = dict(joined.pop("doc"))
    doc["title"] = doc.get("title") or title
    if joined.get("themes"):
        joined["themes"] = [{"text": text[item["start"]:item["end"]], **item} for item in joined["themes"]]
    return {"format": joined.pop("format", FORMAT), "doc": doc, "text": text, **joined}


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


MAX_EXPONENT = 100  # as the store holds a value (analyzer/store/validate.py): |exponent| at most 100


def _check_decimal(value, where: str, problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        problems.append(f"{where}: value {value!r} must be a string")
        return
    try:
        number = Decimal(value)
    except InvalidOperation:
        problems.append(f"{where}: value {value!r} is not a decimal")
        return
    if not number.is_finite() or abs(number.adjusted()) > MAX_EXPONENT:
        problems.append(f"{where}: value {value!r} is not a finite decimal with an exponent within ±{MAX_EXPONENT}")


def format_problem(record) -> str | None:
    """A record that names a format other than v1 (a later or foreign one, read as v1 field by field before):
    what to say; None for v1 or no ``format`` at all (gold files may leave it out)."""
    found = record.get("format") if isinstance(record, dict) else None
    if found in (None, FORMAT):
        return None
    return f"format {found!r} is not {FORMAT!r}, the record format this analyzer reads"


def shape_problems(record, values: bool = True) -> list[str]:
    """What keeps a record from being read at all: no JSON object, a ``doc`` that is no object, a ``text`` that is
    no string, an array that is no list of objects, and (``values``) a figure value that is no bounded decimal.
    ``validate`` and the scorers may then read the record's fields as the format says."""
    if not isinstance(record, dict):
        return [f"a record must be a JSON object, not {type(record).__name__}"]
    problems = [problem] if (problem := format_problem(record)) else []
    if not isinstance(record.get("doc") or {}, dict):
        problems.append(f"doc must be an object, not {type(record['doc']).__name__}")
    if not isinstance(record.get("text", ""), str):
        problems.append(f"text must be a string, not {type(record['text']).__name__}")
    for array in ARRAYS:
        items = record.get(array) or []
        if not isinstance(items, list):
            problems.append(f"{array} must be a list, not {type(items).__name__}")
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append(f"{array}[{i}] must be an object, not {type(item).__name__}")
            elif array == "figures" and values:
                for key in ("value", "value_high"):
                    _check_decimal(item.get(key), f"{array}[{i}] {item.get('text')!r}", problems)
    return problems


REQUIRED = {"figures": ("text", "start", "end", "value", "unit"), **{kind: ("text", "start", "end", "name")
                                                                   for kind in MENTION_KINDS}}


def record_problem(record) -> str | None:
    """Why ``Record.from_dict`` cannot read ``record``, in the format's words (``figures[0] has no 'value'``,
    ``figures[0].value 'abc' is not a decimal``): the first such problem, or None."""
    problems = shape_problems(record, values=False)
    if problems:
        return problems[0]
    for array, keys in REQUIRED.items():
        for i, item in enumerate(record.get(array) or []):
            problems += [f"{array}[{i}] has no {key!r}" for key in keys if key not in item]
            if array == "figures":
                problems += [f"figures[{i}].{key} {item[key]!r} is not a decimal" for key in ("value", "value_high")
                             if item.get(key) is not None and not _reads_as_decimal(item[key])]
                if not isinstance(item.get("period") or {}, dict):
                    problems.append(f"figures[{i}].period must be an object, not {type(item['period']).__name__}")
    return problems[0] if problems else None


def _reads_as_decimal(value) -> bool:
    try:
        Decimal(str(value))
    except (InvalidOperation, ValueError):
        return False
    return True


def validate(record: dict) -> list[str]:
    """Return every problem found in a gold record (empty list when valid)."""
    shape = shape_problems(record, values=False)
    if shape:
        return shape
    problems = _document_problems(record)
    text = record.get("text", "")
    for array in ARRAYS:
        items = record.get(array) or []
        for i, item in enumerate(items):
            problems.extend(_item_problems(array, f"{array}[{i}] {item.get('text')!r}", item, text))
        if array == "figures":
            for i, fig in enumerate(items):
                problems.extend(_figure_problems(f"figures[{i}] {fig.get('text')!r}", fig, text))
    return problems


def _document_problems(record: dict) -> list[str]:
    problems = []
    if record.get("format") != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    doc = record.get("doc") or {}
    if not doc.get("id"):
        problems.append("doc.id missing")
    if doc.get("kind") is not None and doc.get("kind") not in DOC_KINDS:  # a missing kind is allowed (unknown)
        problems.append(f"doc.kind {doc.get('kind')!r} not in {DOC_KINDS}")
    return problems


def _item_problems(array: str, where: str, item: dict, text: str) -> list[str]:
    """Offsets of any annotated item, a mention's name, a theme's labels."""
    problems = []
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != item.get("text"):
        problems.append(f"{where}: offsets {start}:{end} do not match text")
    if array in MENTION_KINDS and not item.get("name"):
        problems.append(f"{where}: name missing")
    if array == "themes":
        labels = item.get("labels")
        # empty: a sentence about none of the themes (most sentences of real market news)
        if not isinstance(labels, list) or any(t not in THEMES for t in labels):
            problems.append(f"{where}: labels {labels} must be a list of themes from {THEMES}")
    return problems


FIGURE_CHOICES = (("unit", UNITS), ("qualifier", QUALIFIERS), ("measure", MEASURES), ("comparison", COMPARISONS))


def _figure_problems(where: str, fig: dict, text: str) -> list[str]:
    """A figure's span start, values, closed-vocabulary fields, counter and period."""
    problems = []
    if _starts_inside_number(fig, text):
        problems.append(f"{where}: span starts inside a longer number (fill matched too early?)")
    _check_decimal(fig.get("value"), where, problems)
    if fig.get("value") is None:
        problems.append(f"{where}: value missing")
    _check_decimal(fig.get("value_high"), where, problems)
    for key, allowed in FIGURE_CHOICES:
        if fig.get(key) not in allowed:
            problems.append(f"{where}: {key} {fig.get(key)!r} not in {allowed}")
    if fig.get("unit") == "count" and not fig.get("counter"):
        problems.append(f"{where}: count without counter")
    if not _period_ok(fig.get("period")):
        problems.append(f"{where}: bad period {fig.get('period')!r}")
    return problems


def _starts_inside_number(fig: dict, text: str) -> bool:
    start = fig.get("start")
    return isinstance(start, int) and 0 < start <= len(text) and fig.get("text", "")[:1].isdigit() \
        and (text[start - 1].isdigit() or text[start - 1] == ".")


def _period_ok(period) -> bool:
    return period is None or (isinstance(period, dict) and bool(period.get("start") and period.get("end"))
                              and period["start"] <= period["end"])


def _files(paths: list[str]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.json")) if p.is_dir() else [p])
    return out


def strip_files(out_dir: Path, paths: list[Path]) -> int:
    """Write each annotated file (text included) to ``out_dir`` with its text replaced by the hash."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        target = out_dir / f"{record['doc']['id']}.json"
        target.write_text(json.dumps(strip_text(record), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in ("fill", "validate", "strip"):
        print("usage: python -m analyzer.io.gold fill|validate FILE_OR_DIR... | strip OUT_DIR FILE_OR_DIR...",
              file=sys.stderr)
        return 2
    if argv[0] == "strip":
        return strip_files(Path(argv[1]), _files(argv[2:]))
    failed = 0
    for path in _files(argv[1:]):
        try:
            record = join_text(json.loads(path.read_text(encoding="utf-8")), find_texts_dir(path))
        except ValueError as error:
            print(f"{path}: {error}")
            failed += 1
            continue
        problems = fill_offsets(record) if argv[0] == "fill" else []
        if argv[0] == "fill" and not problems:
            kept = record if "text" in json.loads(path.read_text(encoding="utf-8")) else strip_text(record)
            path.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        problems += validate(record)
        for problem in problems:
            print(f"{path}: {problem}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
