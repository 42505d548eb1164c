"""Fast, bounded text extraction for big HTML pages (trafilatura's cost grows steeply with big tables).

lxml parses the page once; scripts and styles are dropped; block elements and table cells become line
and cell breaks. Used above ``ReadLimits.html_fast_bytes``.
"""
from __future__ import annotations

import re

import lxml.html

DROP = ("script", "style", "noscript", "template", "head", "nav", "footer", "form", "iframe", "svg")
BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
          "blockquote", "pre", "dd", "dt", "title")
CELLS = ("td", "th")
HEAD = re.compile(r"<head[\s>].*?</head\s*>", re.IGNORECASE | re.DOTALL)


def html_text(html: str) -> str:
    """The visible text of a page, one block per line, table cells separated by a space."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:  # noqa: BLE001 - lxml raises several types (ParserError, ValueError) on junk
        return ""
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROP)):
        element.drop_tree()
    for element in tree.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    for element in tree.iter(*CELLS):
        element.tail = " " + (element.tail or "")
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def head_of(html: str) -> str:
    """The page's <head> (where its metadata lives) as a small page of its own, for metadata extraction."""
    match = HEAD.search(html[: 2**20])
    return f"<html>{match.group()}<body></body></html>" if match else "<html><head></head><body></body></html>"
