"""A mechanical probe of the claim checker: gold figures restated as claims, true and with each slip.

Each gold figure of ``corpus/dev`` and ``real-gold/dev`` (never ``real-gold/test``, never a reserved id) that has a
metric needing no owner, a period a journalist writes (a year, a half, a quarter, the months 1—M, a month, a day, a
month's or year's end), an exact value and a measure the templates cover (amounts, counts, growth rates, market moves,
changes in points, rates) becomes a claim stating it (expected ``supported``) and claims that change it by one slip,
each with its expected verdict and slip, and rounded as journalists write it (约 to two significant digits, 超过 the
number rounded down, 近 rounded up: supported; 超过 rounded up: a wrong value). The slips:

- ``value``: the number 1.37 times over, to its last written digit (never a number the document states);
- ``scale``: 亿 for 万亿 and the reverse (户 for 万户 on counts);
- ``percent_vs_point`` and ``bp_vs_point``: a change in percentage points written with % or 个基点 (and basis points
  with 个百分点); ``direction``: 下降 for 增长, 下跌 for 上涨 (growth rates and changes);
- ``growth_as_level``: a year-on-year growth rate written as a share (占比); ``level_as_growth``: a stock at a
  period's end written as its increase (较上年末增加);
- ``wrong_period``: the number of the same metric at another period of the same document;
- ``wrong_metric``: the number of another metric of the same document, period, measure, unit and counter.

A figure whose metric and period the document gives two numbers (a reading and its revision) is left out, and so is
a number two of its gold figures state, from the period and metric slips. A seeded sample of up to ``--per-slip``
claims a slip (three times as many restated, half as many of each rounding word) from each of corpus/dev and
real-gold/dev.

The claims are short restatements built from the gold fields (metric, period, value), never the document's text.
Real-gold documents are loaded by id from ``--shared-data`` when scored (their ``source_doc``).

    python benchmarks/synth_claims.py > tests/claims/synth-s19.jsonl
    python cli.py check --claim-set tests/claims/synth-s19.jsonl --corpus corpus --shared-data ../shared/data
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.io.gold import RESERVED_IDS  # noqa: E402

QUARTERS = {(1, 3): "一季度", (4, 6): "二季度", (7, 9): "三季度", (10, 12): "四季度", (1, 6): "上半年",
            (7, 12): "下半年", (1, 9): "前三季度"}
CLEAN_METRIC = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()]{3,16}$")
OWNERS_NEEDED = frozenset(("股价", "净利润", "利润", "营收", "收入", "营业收入", "营业总收入", "市值", "归母净利润",
                           "销量", "出货量", "估值", "成交额", "募资", "价格", "订单", "净息差", "不良贷款率"))
OWNER_ENDINGS = ("股价", "净利润", "营收", "市值", "估值")  # H股股价: whose?
MEASURES = {("level", "CNY"), ("flow", "CNY"), ("level", "USD"), ("flow", "USD"), ("growth_rate", "percent"),
            ("level", "count"), ("flow", "count"),
            ("change", "percentage_point"), ("change", "basis_point"), ("rate", "percent")}


def period_text(period: dict | None) -> str | None:
    """How a journalist writes the period, or None for one the templates leave out."""
    if not period:
        return None
    start, end = dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])
    last_day = (end + dt.timedelta(days=1)).day == 1
    if start == end:
        if not last_day:
            return f"{end.year}年{end.month}月{end.day}日"
        return f"{end.year}年末" if end.month == 12 else f"{end.year}年{end.month}月末"
    if start.year != end.year or start.day != 1 or not last_day:
        return None
    months = (start.month, end.month)
    if months == (1, 12):
        return f"{end.year}年"
    if months in QUARTERS:
        return f"{end.year}年{QUARTERS[months]}"
    if start.month == end.month:
        return f"{end.year}年{end.month}月"
    return f"{end.year}年1—{end.month}月" if start.month == 1 else None


def number(value: Decimal) -> str:
    """The number as written: the gold value keeps its written precision (3.0%, not 3%: 3% would cover 2.7%)."""
    return format(value, "f")


def amount(value: Decimal, unit: str, counter: str | None = None) -> str | None:
    """An amount written with 万亿, 亿 or 万 and its unit word (元, 美元, or a count's counter: 86万户)."""
    word = {"CNY": "元", "USD": "美元"}.get(unit, counter)
    if not word or unit == "count" and value <= 0:
        return None
    for scale, name in ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(value) >= scale:
            return f"{format((value / scale).normalize(), 'f')}{name}{word}"
    return f"{number(value)}{word}" if unit == "count" else None


VERBS = {"yoy": ("增长", "下降"), "point": ("上升", "下降"), "move": ("上涨", "下跌")}


def statement(metric: str, kind: tuple, value: Decimal, counter: str | None = None) -> str | None:
    """The figure's statement after the period (metric, verb and number), or None when no template fits. ``kind``:
    (measure, unit, comparison)."""
    measure, unit, comparison = kind
    up, down = VERBS[_verbs(kind)]
    verb, size = (up if value >= 0 else down), number(abs(value))
    if unit in ("CNY", "USD", "count") and measure in ("level", "flow"):
        written = amount(value, unit, counter)
        return written and (f"{metric}为{written}" if measure == "level" else f"{metric}{written}")
    templates = {("growth_rate", "percent", "yoy"): f"{metric}同比{verb}{size}%",
                 ("growth_rate", "percent", None): f"{metric}{verb}{size}%",
                 ("change", "percentage_point", "yoy"): f"{metric}比上年同期{verb}{size}个百分点",
                 ("change", "basis_point", None): f"{metric}{verb}{size}个基点",
                 ("change", "basis_point", "mom"): f"{metric}{verb}{size}个基点",
                 ("change", "basis_point", "prev"): f"{metric}{verb}{size}个基点",
                 ("rate", "percent", None): f"{metric}为{number(value)}%"}
    return templates.get(kind)


def _verbs(kind: tuple) -> str:
    measure, _, comparison = kind
    if measure != "growth_rate":
        return "point"
    return "yoy" if comparison == "yoy" else "move"


def flipped(text: str, kind: tuple) -> str:
    """The statement with its verb of change the other way (增长 ↔ 下降, 上升 ↔ 下降, 上涨 ↔ 下跌)."""
    up, down = VERBS[_verbs(kind)]
    return text.replace(up, "@").replace(down, up).replace("@", down)


def slips_of(metric: str, figure: dict, value: Decimal, taken: dict) -> list[tuple[str, str]]:
    """(statement, slip) for each slip this figure's kind allows (a wrong value only where no figure of the document
    has that number: 7% may be another statistic's, a wrong_metric rather than a wrong value)."""
    kind, counter = (figure["measure"], figure["unit"], figure.get("comparison")), figure.get("counter")
    measure, unit, _ = kind
    out = []
    wrong = statement(metric, kind, _wrong_value(value), counter)
    if wrong and (unit, abs(_wrong_value(value))) not in taken:
        out.append((wrong, "value"))
    right = statement(metric, kind, value, counter)
    if right:
        out += _restated_slips(right, kind, value)
    if kind == ("growth_rate", "percent", "yoy") and value > 0:
        out.append((f"{metric}占比{number(value)}%", "growth_as_level"))
    if measure == "level" and unit == "CNY" and figure["period"]["start"] == figure["period"]["end"]:
        out.append((f"{metric}较上年末增加{amount(value, unit)}", "level_as_growth"))
    return out


def _restated_slips(right: str, kind: tuple, value: Decimal) -> list[tuple[str, str]]:
    """The slips written by changing the true statement's words: the scale (亿 for 万亿), the direction, and % or
    基点 for 个百分点 (or the reverse)."""
    measure, unit, _ = kind
    out = []
    if abs(value) >= 10 ** 4 and unit in ("CNY", "USD", "count"):
        rescaled = _rescaled(right)
        if unit != "count" or "." not in rescaled:  # 3.6个 is no count anyone writes
            out.append((rescaled, "scale"))
    if measure in ("growth_rate", "change") and value != 0:
        out.append((flipped(right, kind), "direction"))
    if unit == "percentage_point":
        out.append((right.replace("个百分点", "%"), "percent_vs_point"))
        out.append((right.replace("个百分点", "个基点"), "bp_vs_point"))
    if unit == "basis_point":
        out.append((right.replace("个基点", "个百分点"), "bp_vs_point"))
    return out


def _rescaled(text: str) -> str:
    """万亿 for 亿 and the reverse; on counts and amounts in 万, the 万 dropped (户 for 万户)."""
    if "万亿" in text:
        return text.replace("万亿", "亿")
    return text.replace("亿", "万亿") if "亿" in text else text.replace("万", "")


def _wrong_value(value: Decimal) -> Decimal:
    """The value 1.37 times over, written to the gold number's last digit, and at least one unit of that digit off
    (0.1 does not become 0.14, which 0.1 covers)."""
    exponent = value.as_tuple().exponent
    exponent = value.normalize().as_tuple().exponent if exponent >= 0 else exponent
    unit = Decimal(1).scaleb(exponent)
    wrong = (value * Decimal("1.37")).quantize(unit)
    return wrong if wrong != value else value + (unit if value >= 0 else -unit)


def usable(figure: dict) -> bool:
    """A figure the templates restate: a clean metric that is not a company's (净利润 names no one), its measure, an
    exact value and a period a journalist writes."""
    return bool(figure.get("metric")) and CLEAN_METRIC.match(figure["metric"]) is not None \
        and figure["metric"] not in OWNERS_NEEDED and not figure["metric"].endswith(OWNER_ENDINGS) \
        and (figure["measure"], figure["unit"]) in MEASURES and not figure.get("qualifier") \
        and figure.get("value_high") is None and period_text(figure.get("period")) is not None


def taken_numbers(figures: list[dict]) -> dict[tuple, set]:
    """(unit, number) → the (metric, period) pairs of the document's gold figures that state it."""
    taken: dict[tuple, set] = {}
    for figure in figures:
        period = tuple(sorted((figure.get("period") or {}).items()))
        taken.setdefault((figure["unit"], abs(Decimal(figure["value"]))), set()).add((figure.get("metric"), period))
    return taken


def document_claims(doc: dict, figures: list[dict], published: str, taken: dict) -> list[dict]:
    """The claims of one document's usable figures: each restated, each slip, and the other-period and
    other-metric numbers of the same document (``taken``: the numbers its gold figures state)."""
    out = []
    for figure in [f for f in figures if not _restated(f, figures)]:
        metric, value, when = _metric(figure), Decimal(figure["value"]), period_text(figure["period"])
        right = statement(metric, (figure["measure"], figure["unit"], figure.get("comparison")), value,
                          figure.get("counter"))
        if not right:
            continue
        out.append(_claim(doc, published, f"{when}，{right}", "supported", None, figure))
        out += [_claim(doc, published, f"{when}，{text}", verdict, slip, figure, form)
                for text, verdict, slip, form in paraphrases(right)]
        out += [_claim(doc, published, f"{when}，{text}", "contradicted", slip, figure)
                for text, slip in slips_of(metric, figure, value, taken)]
        if len(taken[(figure["unit"], abs(value))]) == 1:  # a number of one statistic and period only
            out += _cross(doc, published, figure, figures)
    return out


NUMBER = re.compile(r"(为)?(\d+(?:\.\d+)?)(万亿|亿|万)?(元|美元|%|个百分点|个基点)")


def paraphrases(right: str) -> list[tuple[str, str, str | None, str]]:
    """The statement's number as journalists round it (text, verdict, slip, form): 约 and the number to two
    significant digits, 超过 the number rounded down and 近 rounded up (supported), and 超过 the number rounded up
    (contradicted: the source is below it)."""
    match = list(NUMBER.finditer(right))[-1:] or None
    if match is None:
        return []
    match = match[0]
    value = Decimal(match.group(2))
    digits = value.adjusted() - 1  # two significant digits
    unit = Decimal(1).scaleb(digits)
    down, up = value.quantize(unit, "ROUND_FLOOR"), value.quantize(unit, "ROUND_CEILING")
    if down == value or digits > 0:  # already two digits or fewer, or a whole number rounded to tens
        return []
    near = value.quantize(unit, "ROUND_HALF_UP")

    def said(qualifier: str, number: Decimal) -> str:
        return right[:match.start()] + qualifier + format(number.normalize(), "f") + "".join(
            g or "" for g in match.groups()[2:]) + right[match.end():]

    return [(said("约", near), "supported", None, "约"), (said("超过", down), "supported", None, "超过"),
            (said("近", up), "supported", None, "近"), (said("超过", up), "contradicted", "value", "超过")]


def _restated(figure: dict, figures: list[dict]) -> bool:
    """The document gives the figure's metric and period another number too (a first reading and its revision, a
    forecast): which is meant is not mechanical."""
    return any(o["metric"] == figure["metric"] and o.get("period") == figure.get("period")
               and o["measure"] == figure["measure"] and o["unit"] == figure["unit"]
               and Decimal(o["value"]) != Decimal(figure["value"]) for o in figures)


def _cross(doc: dict, published: str, figure: dict, figures: list[dict]) -> list[dict]:
    """The figure's number claimed for its metric at another period (wrong_period) or for another metric of the same
    period, measure and unit (wrong_metric), where the document's own figure there differs."""
    out, kind = [], (figure["measure"], figure["unit"], figure.get("comparison"))
    for other in figures:
        if other is figure or (other["measure"], other["unit"], other.get("comparison")) != kind \
                or other.get("counter") != figure.get("counter") \
                or Decimal(other["value"]) == Decimal(figure["value"]):
            continue
        same_metric = other["metric"] == figure["metric"]
        same_period = other["period"] == figure["period"]
        if same_metric and not same_period:
            slip = "wrong_period"
        elif same_period and not same_metric and other["metric"] not in figure["metric"] \
                and figure["metric"] not in other["metric"]:
            slip = "wrong_metric"
        else:
            continue
        text = statement(_metric(other), kind, Decimal(figure["value"]), figure.get("counter"))
        if text:
            out.append(_claim(doc, published, f"{period_text(other['period'])}，{text}", "contradicted", slip, other))
    return out


def _metric(figure: dict) -> str:
    return unicodedata.normalize("NFKC", figure["metric"])


def _claim(doc: dict, published: str, text: str, verdict: str, slip: str | None, figure: dict,
           form: str = "") -> dict:
    """One claim; ``form``: the journalist's rounding word it uses (约, 超过, 近), if any."""
    return {"claim": text + "。", "published": published, "verdict": verdict, "slip": slip, "source_doc": doc["id"],
            "note": f"synth{' ' + form if form else ''}: gold figure {figure['text']!s} ({figure['metric']}, "
                    f"{figure['measure']})"}


def gold_documents(shared: Path) -> list[tuple[dict, list[dict], str, dict]]:
    """(doc, usable figures, published, the numbers its figures state) of corpus/dev and real-gold/dev; a real-gold
    document's date from the shared data."""
    dates = _shared_dates(shared)
    out = []
    for path in sorted((ROOT / "corpus" / "dev").glob("*.json")) + sorted((ROOT / "real-gold" / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["doc"]["origin"] = path.parent.parent.name
        doc = gold["doc"]
        published = doc.get("published") or dates.get(doc["id"])
        if doc["id"] in RESERVED_IDS or not published:
            continue
        figures = [f for f in gold["figures"] if usable(f)]
        out.append((doc, figures, str(published)[:10], taken_numbers(gold["figures"])))
    return out


def _shared_dates(shared: Path) -> dict[str, str]:
    dates = {}
    for path in sorted(shared.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if item.get("published"):
                    dates[item["id"]] = item["published"]
    return dates


def _quota(per_slip: int, slip: str | None, form: str) -> int:
    """Claims kept of a group: three times ``per_slip`` restated as written, half of it of a rounding word (约, 超过,
    近), ``per_slip`` of a slip."""
    if form != "synth":
        return per_slip // 2
    return per_slip * 3 if slip is None else per_slip


def main(argv: list[str] | None = None) -> None:
    """Write the synthetic claim set (JSON Lines) to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--per-slip", type=int, default=30, help="claims kept of each slip from each of corpus/dev "
                        "and real-gold/dev (a seeded sample); supported claims: three times as many")
    parser.add_argument("--seed", type=int, default=20261219)
    args = parser.parse_args(argv)
    documents = gold_documents(Path(args.shared_data))
    origin = {doc["id"]: doc["origin"] for doc, *_ in documents}
    claims = [c for doc, figures, published, taken in documents
              for c in document_claims(doc, figures, published, taken)]
    claims = list({c["claim"]: c for c in claims}.values())
    random.Random(args.seed).shuffle(claims)
    kept, seen = [], {}
    for claim in claims:  # up to --per-slip of each slip from each of corpus/dev and real-gold/dev
        form = claim["note"].split(":")[0]
        group = (claim["slip"], origin[claim["source_doc"]], form)
        seen[group] = seen.get(group, 0) + 1
        if seen[group] <= _quota(args.per_slip, claim["slip"], form):
            kept.append(claim)
    for number_, claim in enumerate(sorted(kept, key=lambda c: (c["source_doc"], c["claim"])), 1):
        print(json.dumps({"id": f"syn-{number_:03d}", **claim}, ensure_ascii=False))


if __name__ == "__main__":
    main()
