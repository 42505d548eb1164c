"""Harvest listed firms' short names from an archive of news (the source of ``listed_firms.toml``).

A listed firm's short name is written in shapes that say it is one: right before its stock code (长鑫科技(688825.SH),
贵州茅台（600519）), after 证券简称/股票简称 (（证券简称：岩石股份）), or at a clause start as the subject of an
announcement (粤水电2月9日晚间公告, 新致软件发布公告). A name is kept when it is seen so at least ``MIN_SEEN`` times
(a stock code or 证券简称 counts double: it names the firm whatever the clause), is no name of the taxonomy, and
passes the organisation grammar's test of a name of its own (``OrganizationFinder.is_listed_firm``): three
characters or more, no generic, board or concept word, no place or person alone, not one common dictionary word.
The ``[[not_listed]]`` rows of ``listed_firms.toml`` hold names the harvest picks up wrongly; they stay out.

Documents reserved for outside evaluation, the real-gold test split and the held-out audits are never read
(``excluded_ids``).

Rerun (from the repository root, the archive at ../shared/data):

    python -m analyzer.extract.firm_harvest ../shared/data > /tmp/firms.toml

and merge by hand: the output is the ``firm`` array of ``listed_firms.toml`` (name, a document id that shows the
shape, how often the shape was seen); review new names against the archive before keeping them.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from analyzer import rulebook
from analyzer.extract.organizations import OrganizationFinder, holds_institution, listed_firm_data, tag
from analyzer.io.gold import held_out_ids
from analyzer.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
MIN_SEEN = 2
SUFFIXED = ("集团", "股份", "控股")  # the words the ``suffixed`` shape ends a name with
# jieba tags of a first word that is the clause's, not the name's (截至, 根据, 维持, 同日, 将); numerals and
# quantifiers start names (千里科技, 三六零)
CLAUSE_TAGS = frozenset({"p", "c", "d", "r", "v", "vd", "t", "tg", "f", "u", "uj", "ul", "uz", "ug", "uv", "ud"})
_BREAK = r"(?:^|(?<=[【】\[\]，。；：！？,.;:!?\s“”\"、）)]))"
_NAME = r"(\*?ST)?([\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]{1,6}?)"
# (shape, weight, pattern): group 2 is the name
SHAPES = (
    ("stock_code", 2, rulebook.regex(_BREAK + _NAME + r"\s?[(（](?:\d{6}|\d{5}|\d{4})(?:\.(?:SH|SZ|BJ|HK))?[)）]")),
    ("short_name", 2, rulebook.regex(r"(?:证券|股票)简称[：:为\s]*[“\"]?()([\u4e00-\u9fffA-Za-z*]{2,8}?)[”\"）),，；;\s]")),
    ("announcement", 1, rulebook.regex(_BREAK + _NAME + r"(?:(?:\d{1,2}月)?\d{1,2}日)?(?:晚间|早间)?(?:发布|披露)?公告")),
    # a short name with its group or share word, standing as a word of its own at a clause start (雪人股份，; 三环集团发布):
    # 集团/股份/控股 end most listed firms' short names and the names groups go by (s19-inst)
    ("suffixed", 1, rulebook.regex(_BREAK + r"(\*?ST)?([\u4e00-\u9fff][\u4e00-\u9fff]{1,5}?(?:集团|股份|控股))"
                                   r"(?=[，。、；：！？\s和及与（(]|发布|公告|披露|宣布|表示|称|旗下)")),
)


def excluded_ids(root: Path = ROOT) -> frozenset[str]:
    """The reserved ids, the real-gold test ids (``real-gold/selection.tsv``, split ``test``) and the held-out
    audits' documents (``real-gold/held-out-ids.txt``)."""
    rows = (line.split("\t") for line in (root / "real-gold" / "selection.tsv").read_text(encoding="utf-8").splitlines())
    return held_out_ids(root) | {row[0] for row in rows if len(row) > 1 and row[1] == "test"}


def documents(data_dir: Path, skip: frozenset[str]):
    """(id, text) of every archive document outside ``skip``."""
    for path in sorted(data_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                doc = json.loads(line)
                if doc["id"] not in skip:
                    yield doc["id"], doc.get("text") or ""


def sightings(docs) -> tuple[Counter, dict[str, str]]:
    """How often (weighted) each name is written in a listed firm's shape, and the first document of each."""
    seen: Counter = Counter()
    example: dict[str, str] = {}
    for doc_id, text in docs:
        for _shape, weight, pattern in SHAPES:
            for match in pattern.finditer(text):
                name = match.group(2)
                seen[name] += weight
                example.setdefault(name, doc_id)
    return seen, example


def harvest(data_dir: Path) -> list[tuple[str, str, int]]:
    """(name, example id, times seen) of the names kept, most seen first."""
    seen, example = sightings(documents(data_dir, excluded_ids()))
    finder = OrganizationFinder()
    known = {name for entry in load_taxonomy() for name in entry.names}
    refused = set(listed_firm_data()["not_listed"])
    kept = [(name, example[name], count) for name, count in seen.items()
            if count >= MIN_SEEN and name not in known and name not in refused and is_firm_name(finder, name)]
    return sorted(kept, key=lambda row: (-row[2], row[0]))


def is_firm_name(finder: OrganizationFinder, name: str) -> bool:
    """A name the shapes caught that may stand for its firm anywhere: three characters or more; no clause word in
    front (截至本, 发布, 维持快手, 公司同日: a stop word, a word of ``CLAUSE_TAGS`` or a pronoun or body word first); no
    generic, concept or board word, no person, no place alone; no taxonomy institution inside (腾讯控股: the
    taxonomy's 腾讯 names it); not one dictionary word of a common kind (最新, 公司)."""
    words = tag(name)
    first, first_tag = words[0]
    if len(name) < 3 or first in finder.stop_words or first_tag in CLAUSE_TAGS or first in finder.not_subjects \
            or finder.refuses(name):
        return False
    if name.endswith(finder.not_subject_endings) or holds_institution(name) or finder.is_person(name, words):
        return False
    if _suffixed_clause(finder, name):
        return False
    if len(words) == 1 and words[0][1] not in finder.proper_tags and words[0][1] != "x":
        return False
    return len(words) > 1 or not finder.is_place(first, first_tag)  # 五洲新春 is two place words to jieba


def _suffixed_clause(finder: OrganizationFinder, name: str) -> bool:
    """A name of the ``suffixed`` shape that is the clause's words before 集团/股份/控股, not a firm's (合计减持公司股份,
    拟转让股份)."""
    return name.endswith(SUFFIXED) and (finder.clause_words(tag(name[:-2])) or "公司" in name)


def main(argv: list[str]) -> None:
    data_dir = Path(argv[0]) if argv else ROOT.parent / "shared" / "data"
    for name, doc_id, count in harvest(data_dir):
        print(f'  {{name = "{name}", example = "{doc_id}", seen = {count}}},')


if __name__ == "__main__":
    main(sys.argv[1:])
