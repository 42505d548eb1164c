"""A robustness probe of the claim checker: the independent set's dev claims reworded without changing their meaning.

A journalist writes the same claim many ways: with a source in front (据报道，… / 数据显示，… / 据悉，…), with a remark
after it (…，引发市场关注。), or with other words for the same thing (同比 and 较上年同期, 比上年末 and 较上年末, 年末 and
年底, 1—6月 and 上半年, the year before publication and 去年). Each rewording here keeps the claim's meaning, so its
expected verdict and slip are the original's; a verdict that changes with the wording is a checker that depends on
the words, not on the figures. Only the ``dev`` half is reworded (the test half is never read), and only claims with a
source (``unverifiable`` ones stay so under any wording).

    python benchmarks/reworded_claims.py --sample 400 > tests/claims/reworded-s21.jsonl
    python cli.py check --claim-set tests/claims/reworded-s21.jsonl --corpus corpus --shared-data ../shared/data

``--sample N`` keeps a seeded sample of N rewordings (all by default).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
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


def rewordings(claim: dict) -> dict[str, str]:
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
    return {name: reworded for name, reworded in out.items() if reworded != text}


def reworded_set(claims: list[dict]) -> list[dict]:
    """Every rewording of every sourced dev claim, with the original's verdict, slip and source."""
    out = []
    for claim in claims:
        if claim.get("split") != "dev" or claim["verdict"] == "unverifiable":
            continue
        for name, text in rewordings(claim).items():
            out.append({"id": f"{claim['id']}-{name}", "claim": text, "published": claim["published"],
                        "verdict": claim["verdict"], "slip": claim["slip"], "source_doc": claim["source_doc"],
                        "note": f"{claim['id']} reworded ({name})"})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default=str(ROOT / "tests" / "claims" / "independent.jsonl"))
    parser.add_argument("--sample", type=int, default=0, help="a seeded sample of this many rewordings (0: all)")
    parser.add_argument("--seed", type=int, default=20261268)
    args = parser.parse_args(argv)
    claims = [json.loads(line) for line in Path(args.claims).read_text(encoding="utf-8").splitlines() if line.strip()]
    out = reworded_set(claims)
    if args.sample:
        out = sorted(random.Random(args.seed).sample(out, min(args.sample, len(out))), key=lambda c: c["id"])
    for row in out:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
