"""A brief as Markdown (for people) or JSON (for programs)."""
from __future__ import annotations

import json

from analyzer.brief.build import Brief, cite
from analyzer.brief.themes import load_words

FORMATS = ("md", "json")


def _label(key: str, lang: str) -> str:
    zh, en = load_words()["labels"][key]
    return en if lang == "en" else zh


def render_markdown(brief: Brief) -> str:
    """Title, source line, then one section per theme: facts with citations, (zh) the theme's other sentences,
    the tools and sectors involved, and the paragraphs the theme covers."""
    lang, doc = brief.lang, brief.document
    colon = ": " if lang == "en" else "："
    separator = "; " if lang == "en" else "；"
    lines = [f"# {doc.title or doc.id}", ""]
    meta = " · ".join(x for x in (doc.source, doc.published) if x)
    if meta:
        lines += [meta, ""]
    for section in brief.themes:
        lines += [f"## {section.title}", ""]
        for fact in section.facts:
            lines.append(f"- {fact.text} {cite(fact.paragraphs)}")
        if lang == "zh":
            for sentence in section.sentences:
                lines.append(f"- {_label('sentences', lang)}{colon}{sentence.text} {cite([sentence.paragraph])}")
        if section.facts or (lang == "zh" and section.sentences):
            lines.append("")
        for key, refs in (("tools", section.policy_tools), ("sectors", section.sectors)):
            if refs:
                lines.append(f"{_label(key, lang)}{colon}"
                             + separator.join(f"{ref.name} {cite(ref.paragraphs)}" for ref in refs) + "  ")
        lines += [f"{_label('paragraphs', lang)}{colon}{cite(section.paragraphs)}", ""]
    choice = brief.classifier
    how = choice.kind + (f" ({choice.path})" if choice.path else "")
    lines.append(f"_{_label('classifier', lang)}{colon}{how}" + (f" — {choice.note}" if choice.note else "") + "_")
    return "\n".join(lines) + "\n"


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(brief: Brief, fmt: str = "md") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    return render_markdown(brief) if fmt == "md" else render_json(brief)
