"""A brief as Markdown (for people) or JSON (for programs)."""
from __future__ import annotations

import json

from analyzer.brief.build import Brief, ThemeSection, cite
from analyzer.brief.messages import pick, say, setting
from analyzer.brief.themes import load_words
from analyzer.io.markdown import escape

FORMATS = ("md", "json")


def _label(key: str, lang: str) -> str:
    """A section word of words.toml [labels] with its colon: "Policy tools: " / "政策工具："."""
    return pick(load_words()["labels"][key], lang) + say("render.colon", lang)


def _section_lines(section: ThemeSection, lang: str) -> list[str]:
    """A theme: its facts with citations, its other sentences (where the language quotes them), the tools and
    sectors involved, and the paragraphs it covers."""
    lines = [f"## {section.title}", ""]
    lines += [f"- {escape(fact.text)} {cite(fact.paragraphs)}" for fact in section.facts]
    quoted = section.sentences if setting(lang, "quote_sentences") else []
    lines += [f"- {_label('sentences', lang)}{escape(sentence.text)} {cite([sentence.paragraph])}"
              for sentence in quoted]
    if section.facts or quoted:
        lines.append("")
    separator = say("render.separator", lang)
    for key, refs in (("tools", section.policy_tools), ("sectors", section.sectors)):
        if refs:
            lines.append(_label(key, lang) + separator.join(f"{escape(ref.name)} {cite(ref.paragraphs)}" for ref in refs)
                         + "  ")
    return lines + [f"{_label('paragraphs', lang)}{cite(section.paragraphs)}", ""]


def render_markdown(brief: Brief) -> str:
    """Title, source line, then one section per theme (``_section_lines``) and the classifier used. Whatever comes
    from the document (title, source, sentences, names) is escaped: no link, HTML tag or heading of its own."""
    lang, doc = brief.lang, brief.document
    lines = [f"# {escape(doc.title or doc.id)}", ""]
    meta = " · ".join(escape(x) for x in (doc.source, doc.published) if x)
    if meta:
        lines += [meta, ""]
    for section in brief.themes:
        lines += _section_lines(section, lang)
    choice = brief.classifier
    how = choice.kind + (f" ({choice.path})" if choice.path else "")
    lines.append(f"_{_label('classifier', lang)}{how}" + (f" — {choice.note}" if choice.note else "") + "_")
    return "\n".join(lines) + "\n"


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(brief: Brief, fmt: str = "md") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    return render_markdown(brief) if fmt == "md" else render_json(brief)
