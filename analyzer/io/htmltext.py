"""Fast, bounded text extraction for big HTML pages (trafilatura's cost grows steeply with big tables).

lxml's HTML parser streams events to a collector, so no tree is built and memory stays near the size of
the text: scripts, styles and page furniture are dropped, block elements become line breaks and table
cells are separated by a space. Used above ``ReadLimits.html_fast_bytes``.
"""
from __future__ import annotations

import re

from lxml import etree

DROP = {"script", "style", "noscript", "template", "head", "nav", "footer", "form", "iframe", "svg", "select"}
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
          "blockquote", "pre", "dd", "dt", "ul", "ol"}
CELLS = {"td", "th"}
HEAD = re.compile(r"<head[\s>].*?</head\s*>", re.IGNORECASE | re.DOTALL)
CHUNK = 2**20


class TextCollector:
    """An lxml parser target: keeps visible text in document order, with breaks for blocks and cells."""

    def __init__(self):
        self.parts: list[str] = []
        self.skipping = 0

    def start(self, tag, _attrib):
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag in DROP:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag in CELLS:
            self.parts.append(" ")

    def end(self, tag):
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag in DROP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def data(self, text):
        if not self.skipping:
            self.parts.append(text)

    def close(self) -> str:
        return "".join(self.parts)


def html_text(html: str) -> str:
    """The visible text of a page, one block per line, table cells separated by a space."""
    collector = TextCollector()
    parser = etree.HTMLParser(target=collector, encoding="utf-8", remove_comments=True, remove_pis=True)
    data = html.encode("utf-8", "replace")
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start:start + CHUNK])
        text = parser.close()
    except etree.LxmlError:
        text = collector.close()
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def head_of(html: str) -> str:
    """The page's <head> (where its metadata lives) as a small page of its own, for metadata extraction."""
    match = HEAD.search(html[: 2**20])
    return f"<html>{match.group()}<body></body></html>" if match else "<html><head></head><body></body></html>"
