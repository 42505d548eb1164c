"""English names for printed output (``--lang en``): mentions, figure links and candidates."""
from __future__ import annotations

import copy

from analyzer.taxonomy import ARRAY_KIND, load_taxonomy


def english_record(record: dict) -> dict:
    """A copy of a record-format dict with every canonical ``name`` and link name in English.

    Offsets and mention texts stay as written; names the taxonomy does not know stay as they are.
    """
    taxonomy = load_taxonomy()
    out = copy.deepcopy(record)
    for array, kind in ARRAY_KIND.items():
        for mention in out.get(array) or []:
            mention["name"] = taxonomy.english(mention["name"], kind)
            for inner in mention.get("nested", []):
                inner["name"] = taxonomy.english(inner["name"], ARRAY_KIND.get(inner["kind"]))
    for figure in out.get("figures") or []:
        for array, names in (figure.get("links") or {}).items():
            figure["links"][array] = [taxonomy.english(n, ARRAY_KIND.get(array)) for n in names]
    return out
