"""s21-carry's audit C (models/metric-boundary/audit-s21c.json and real-gold/audits/s21c-institutions.json): blind
material only — ids, text hashes, figure spans with metrics and institution [written, name] pairs, no text of
../shared/data — on 12 documents (4 per source) that no other audit, real-gold or reserved list holds. Where the
archive is present, each hash matches its text and each annotation is found in it (figures in text order)."""
import json
from pathlib import Path

import pytest

from analyzer.io.gold import RESERVED_IDS, find_texts_dir, text_sha256

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "models" / "metric-boundary" / "audit-s21c.json"
INSTITUTIONS = ROOT / "real-gold" / "audits" / "s21c-institutions.json"


def _load():
    return (json.loads(FIGURES.read_text(encoding="utf-8")), json.loads(INSTITUTIONS.read_text(encoding="utf-8")))


def test_audit_c_is_blind_material_on_fresh_documents():
    figures, institutions = _load()
    assert figures["seed"] == institutions["seed"] == 20261270
    ids = set(figures["documents"])
    assert ids == set(institutions["documents"]) and len(ids) == 12
    assert sorted(i.split("-")[0] for i in ids) == ["finna"] * 4 + ["finnl"] * 4 + ["rss"] * 4
    selection = (ROOT / "real-gold" / "selection.tsv").read_text(encoding="utf-8")
    others = {line.split("\t")[0] for line in selection.splitlines() if line}
    for path in FIGURES.parent.glob("audit-*.json"):
        if path != FIGURES:
            others |= set(json.loads(path.read_text(encoding="utf-8"))["documents"])
    assert not ids & (RESERVED_IDS | others)
    for doc_id in ids:
        doc, inst = figures["documents"][doc_id], institutions["documents"][doc_id]
        assert set(doc) == {"text_sha256", "figures"} and set(inst) == {"text_sha256", "institutions"}
        assert doc["text_sha256"] == inst["text_sha256"] and len(doc["text_sha256"]) == 64
        assert all(len(span) <= 20 and len(metric) <= 24 for span, metric in doc["figures"])
        assert all(len(written) <= 20 for written, _ in inst["institutions"])


def test_audit_c_annotations_are_found_in_the_archive_texts():
    folder = find_texts_dir(ROOT)
    if folder is None or not folder.is_dir():
        pytest.skip("audit C's texts need ../shared/data (or $ANALYZER_REAL_TEXTS)")
    figures, institutions = _load()
    texts = {}
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if item["id"] in figures["documents"]:
                    texts[item["id"]] = item["text"]
    for doc_id, doc in figures["documents"].items():
        text = texts[doc_id]
        assert text_sha256(text) == doc["text_sha256"]
        cursor = 0
        for span, _ in doc["figures"]:
            cursor = text.index(span, cursor) + 1
        assert all(written in text for written, _ in institutions["documents"][doc_id]["institutions"])
