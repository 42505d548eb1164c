"""Text from documents made safe inside Markdown that people paste into drafts (the fact-check box of `check
--format markdown`, the brief): no emphasis, link, HTML tag, heading or table cell can come from a title, a source
or a sentence."""
from __future__ import annotations

import re

from analyzer.errors import one_line

SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def escape(text: str | None) -> str:
    """Text safe inside Markdown (no accidental emphasis, links or table cells); line breaks become spaces, other
    control characters are escaped (\\x1b) as in messages."""
    return SPECIAL.sub(r"\\\1", one_line(" ".join((text or "").split())))
