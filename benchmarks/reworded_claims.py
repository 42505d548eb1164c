"""A robustness probe of the claim checker: the independent set's dev claims reworded without changing their meaning.

A journalist writes the same claim many ways: with a source in front (据报道，… / 数据显示，… / 据悉，…), with a remark
after it (…，引发市场关注。), or with other words for the same thing (同比 and 较上年同期, 比上年末 and 较上年末, 年末 and
年底, 1—6月 and 上半年, the year before publication and 去年). Each rewording here keeps the claim's meaning, so its
expected verdict and slip are the original's; a verdict that changes with the wording is a checker that depends on
the words, not on the figures. Further operations (the fourteenth session) write what a journalist writes
in other words without changing what is claimed: the period another way (``period``: 1—4月 and 前4个月, 2024年末 and
2024年12月末, 一季度 and 第一季度, 9月 and 9月份, the year before publication as 上年, the opening period moved to after the statistic's name), a figure of a supported claim
rounded down under 超/逾 (``round_down``: 增长5.3% → 增长超5%, 4059亿元 → 逾4050亿元; a weaker claim that is still
true), and the unit written another way with the value scaled (``unit``: 38074亿元 → 3.8074万亿元, 2000万元 →
0.2亿元, 414.6亿元 → 414.6亿). Only the ``dev`` half is reworded (the test half is never read), and only claims with a
source (``unverifiable`` ones stay so under any wording).

    python benchmarks/reworded_claims.py --sample 400 > tests/claims/reworded-s21.jsonl
    python cli.py check --claim-set tests/claims/reworded-s21.jsonl --corpus corpus --shared-data ../shared/data
    python benchmarks/reworded_claims.py --ops further --upto 668 > tests/claims/reworded-s22.jsonl

``--sample N`` keeps a seeded sample of N rewordings (all by default).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A source or a way of hearing it, in front of the claim.
LEADS = ("据报道，", "记者获悉，", "官方数据显示，", "最新数据显示，", "公开数据显示，", "据国家统计局数据，", "据悉，",
         "报道指出，", "有媒体报道称，", "数据显示，")
# A remark after the claim's last figure.
REMARKS = ("，引发市场关注。", "，显示经济持续恢复。")
# (pattern, replacement): one word for another with the same meaning; the first match only.
SYNONYMS = (
    (r"比上年末", "较上年末"), (r"比上年(?!末)", "较上年"), (r"比上月", "较上月"), (r"同比(?!增长|下降)", "较上年同期"),
    (r"同比增长", "比上年同期增长"), (r"(?<=\d)月末", "月底"), (r"年末", "年底"), (r"(?<=\d)亿元(?!人民币)", "亿元人民币"),
    (r"达到", "达"), (r"(?<![\d年])1[—\-－至]6月(份)?", "上半年"), (r"上半年", "1—6月"), (r"前三季度", "1—9月"),
    (r"(?<![\d年])1[—\-－至]9月(份)?", "前三季度"),
)


# (pattern, replacement): the claim's period written another way; the first match only.
_FIRST = {"两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "十": "10", "十一": "11"}
PERIODS = (
    (r"(?<![\d—\-－至])1[—\-－至]([2-9]|1[01])月(?:份)?(?![末底])", r"前\1个月"),
    (r"前(\d{1,2}|两|三|四|五|六|七|八|九|十一|十)个月", lambda m: f"1—{_FIRST.get(m[1], m[1])}月"),
    (r"(\d{4})年(?:末|底)", r"\1年12月末"), (r"(?<![第前\d])([一二三四])季度", r"第\1季度"),
    (r"第([一二三四])季度", r"\1季度"), (r"(?<=年)(\d{1,2})月(?![份末底中初\d])", r"\1月份"),
    (r"(?<!\d)(\d{1,2})月份", r"\1月"),
)
# A figure with its unit, for round_down: the number not inside a date, the unit one a journalist rounds.
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=%|个百分点|个基点|万亿|亿|万(?:元|辆|人|户|吨|台|头)|元|家)")
_BOUND_BEFORE = ("约", "近", "超", "逾", "过", "破", "足", "于", "多", "少", "至", "到", "高", "低", "余", "将")
_VERBS = ("达到", "为", "达")


# A claim that opens with its period (2025年9月，…) has it moved to after the statistic's name, before its verb or
# figure (…PMI2025年9月录得49.8%), as a journalist writes it in a headline.
_LEAD_PERIOD = re.compile(r"^((?:截至|截止)?(?:今年|去年|\d{4}年)?(?:前三季度|[上下]半年|全年|第?[一二三四]季度|前\d+个月|"
                          r"前[两三四五六七八九十]个月|1[—\-－至]\d+月份?|\d{1,2}月份?)?(?:末|底)?)，(.+)$")
_PERIOD_SLOT = re.compile(r"同比|环比|比上|较上|比年初|较年初|达到|达|为|录得|增长|下降|上涨|下跌|增加(?!值)|减少|累计|约|近|超过|超|逾|"
                          r"突破|破|(?<![A-Za-z\d.])\d(?![\d.]*[A-Za-z])")


def period_moved(text: str) -> str | None:
    """The claim's opening period moved to after the statistic's name: 今年前5个月，社会消费品零售总额达20.6万亿元 →
    社会消费品零售总额今年前5个月达20.6万亿元."""
    lead = _LEAD_PERIOD.match(text)
    if not lead or len(lead[1]) < 2:
        return None
    rest = lead[2]
    slot = _PERIOD_SLOT.search(rest, 2)
    if slot is None or re.match(r"\d[\d.]*[^\d，。；]{0,3}的", rest[slot.start():]):
        return None  # not inside a noun phrase (额度2000亿元的再贷款)
    return rest[: slot.start()] + lead[1] + rest[slot.start():]


def _rounded_down(number: str) -> str | None:
    """The number with its last digit dropped (5.36 → 5.3, 4059 → 4050), when that is smaller and not zero."""
    whole, _, decimals = number.partition(".")
    down = f"{whole}.{decimals[:-1]}".rstrip(".") if decimals else (whole[:-1] + "0" if len(whole) >= 3 else None)
    if down is None or Decimal(down) >= Decimal(number) or Decimal(down) == 0:
        return None
    return down


def round_down(text: str, word: str) -> str | None:
    """The first figure without a bound written rounded down under ``word`` (超 or 逾): 增长5.3% → 增长超5%,
    为18.39% → 超18.3%. A supported claim stays supported (the figure is above the rounded number)."""
    for match in _FIGURE.finditer(text):
        head = text[: match.start()]
        if head.endswith(_BOUND_BEFORE) or re.match(r"[^\d，。；、]{0,4}[至到—\-~～]\d", text[match.end():]):
            continue  # a bound already, or one end of a range (10.8亿元至12亿元)
        down = _rounded_down(match.group(1))
        if down is None:
            continue
        verb = next((v for v in _VERBS if head.endswith(v)), "")
        return head[: len(head) - len(verb)] + word + down + text[match.end():]
    return None


def _scaled(number: str, factor: int) -> str:
    return format((Decimal(number) / factor).normalize(), "f")


def unit_rewording(text: str) -> str | None:
    """The first amount in another unit with its value scaled: 亿 of 10000 or more → 万亿, 万元 of 10000 or more →
    亿元, else 亿元 → 亿 (the 元 left out, as headlines write it)."""
    big = re.search(r"(?<![\d.])(\d{5,}(?:\.\d+)?)亿(元|美元)", text)
    if big:
        return text[: big.start()] + _scaled(big[1], 10000) + "万亿" + big[2] + text[big.end():]
    small = re.search(r"(?<![\d.])(\d{5,}(?:\.\d+)?)万元", text)
    if small:
        return text[: small.start()] + _scaled(small[1], 10000) + "亿元" + text[small.end():]
    plain = re.search(r"(?<=\d)亿元(?!人民币)", text)
    return text[: plain.start()] + "亿" + text[plain.end():] if plain else None


def further_rewordings(claim: dict) -> dict[str, str]:
    """The fourteenth session's operations: ``period0``…, ``round_down`` (supported claims only), ``unit``."""
    text, year = claim["claim"], int(claim["published"][:4])
    out = {f"period{i}": re.sub(pattern, replacement, text, count=1) for i, (pattern, replacement) in enumerate(PERIODS)}
    out["period_moved"] = period_moved(text)
    if re.search(rf"(?<!\d){year - 1}年(?!\d)", text):
        out["last_year_official"] = re.sub(rf"(?<!\d){year - 1}年", "上年", text, count=1)
    if claim["verdict"] == "supported":
        out["round_down"] = round_down(text, "超" if int(re.sub(r"\D", "", claim["id"]) or 0) % 2 else "逾")
    out["unit"] = unit_rewording(text)
    return {name: reworded for name, reworded in out.items() if reworded and reworded != text}


def rewordings(claim: dict, further: bool = True) -> dict[str, str]:
    """The claim's rewordings by name (``lead3``, ``remark0``, ``synonym5``, ``last_year``, ``this_year``)."""
    text, year = claim["claim"], int(claim["published"][:4])
    out = {f"lead{i}": lead + text for i, lead in enumerate(LEADS)}
    out.update({f"remark{i}": re.sub("。$", "", text) + remark for i, remark in enumerate(REMARKS)})
    for i, (pattern, replacement) in enumerate(SYNONYMS):
        out[f"synonym{i}"] = re.sub(pattern, replacement, text, count=1)
    if re.search(rf"(?<!\d){year - 1}年", text):
        out["last_year"] = re.sub(rf"(?<!\d){year - 1}年", "去年", text, count=1)
    if re.search(rf"(?<!\d){year}年", text):
        out["this_year"] = re.sub(rf"(?<!\d){year}年", "今年", text, count=1)
    out.update(further_rewordings(claim) if further else {})
    return {name: reworded for name, reworded in out.items() if reworded != text}


def reworded_set(claims: list[dict], ops: str = "all") -> list[dict]:
    """Every rewording of every sourced dev claim, with the original's verdict, slip and source (``ops``: ``all``,
    ``first`` for the thirteenth session's operations only, ``further`` for the fourteenth session's only)."""
    out = []
    for claim in claims:
        if claim.get("split") != "dev" or claim["verdict"] == "unverifiable":
            continue
        reworded = further_rewordings(claim) if ops == "further" else rewordings(claim, further=ops == "all")
        for name, text in reworded.items():
            out.append({"id": f"{claim['id']}-{name}", "claim": text, "published": claim["published"],
                        "verdict": claim["verdict"], "slip": claim["slip"], "source_doc": claim["source_doc"],
                        "note": f"{claim['id']} reworded ({name})"})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default=str(ROOT / "tests" / "claims" / "independent.jsonl"))
    parser.add_argument("--sample", type=int, default=0, help="a seeded sample of this many rewordings (0: all)")
    parser.add_argument("--seed", type=int, default=20261268)
    parser.add_argument("--ops", choices=("all", "first", "further"), default="all",
                        help="first: the thirteenth session's operations (reworded-s21.jsonl); further: the new ones")
    parser.add_argument("--upto", type=int, default=0,
                        help="only claims ind-001 … ind-N (the set as it was: 668 for reworded-s22.jsonl; 0: all)")
    args = parser.parse_args(argv)
    claims = [json.loads(line) for line in Path(args.claims).read_text(encoding="utf-8").splitlines() if line.strip()]
    claims = [c for c in claims if not args.upto or int(c["id"].rsplit("-", 1)[1]) <= args.upto]
    out = reworded_set(claims, args.ops)
    if args.sample:
        out = sorted(random.Random(args.seed).sample(out, min(args.sample, len(out))), key=lambda c: c["id"])
    for row in out:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
