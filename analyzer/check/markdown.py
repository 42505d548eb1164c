"""A fact-check box in Markdown, to paste into an article draft: the claim, the verdict, and for each figure its
evidence (source, date, sentence, link). Missing metadata is said plainly (来源不详, 日期不详, 无链接)."""
from __future__ import annotations

from analyzer.check.claims import Evidence, Verdict
from analyzer.check.messages import MESSAGES, say
from analyzer.io.markdown import escape
from analyzer.records import web_link

MAX_EVIDENCE = 2


def box_words(lang: str) -> dict[str, str]:
    """The box's words in ``lang`` (``markdown.*`` in messages.toml; ``more`` keeps its {n}), plus the gaps said
    plainly (``source``, ``date``)."""
    words = {key.split(".", 1)[1]: MESSAGES.template(key, lang) for key in MESSAGES.messages
             if key.startswith("markdown.")}
    return {**words, "source": say("unknown.source", lang), "date": say("unknown.date", lang)}


def overall(verdicts: list[Verdict]) -> str:
    for name in ("contradicted", "unverifiable"):
        if any(v.verdict == name for v in verdicts):
            return name
    return "supported" if verdicts else "unverifiable"


def evidence_line(e: Evidence, words: dict) -> str:
    who = escape(e.source) if e.source else words["source"]
    if e.rank == "official":
        who = f"{words['official']} · {who}"
    title = f"《{escape(e.title)}》" if e.title else ""
    link = f"[{words['open']}](<{web_link(e.url)}>)" if web_link(e.url) else f"（{words['link']}）"
    mark = "" if e.agrees is None else ("✓ " if e.agrees else "✗ ")
    sentence = escape((e.sentence or e.text).strip())
    return f">    - {mark}{who}{title}，{e.published or words['date']}：“{sentence}” {link}"


def figure_block(index: int, v: Verdict, words: dict) -> list[str]:
    figure = v.figure
    period = figure.get("period") or {}
    when = period.get("end") if period.get("start") == period.get("end") else \
        f"{period.get('start')}—{period.get('end')}" if period else ""
    head = f"> {index}. **{escape(figure['text'])}**（{escape(figure.get('metric') or '')}{'，' + when if when else ''}）" \
           f"— {words[v.verdict]}"
    if v.slip:
        head += f"（{words['slip']}：`{v.slip}`）"
    if v.basis:
        head += f"（{words['basis']}：{words['official'] if v.basis == 'official' else words['report']}）"
    lines = [head, f">    - {words['why']}：{escape(v.explanation)}"]
    lines += [evidence_line(e, words) for e in v.evidence[:MAX_EVIDENCE]]
    if len(v.evidence) > MAX_EVIDENCE:
        lines.append(f">    - {words['more'].format(n=len(v.evidence) - MAX_EVIDENCE)}")
    return lines


def render_markdown(claim: str, verdicts: list[Verdict], published: str | None = None, lang: str = "zh") -> str:
    """The fact-check box for one claim (or article) and its verdicts."""
    words = box_words(lang)
    title = f"> **{words['title']}**" + (f" · {published}" if published else "")
    lines = [title, ">", f"> **{words['claim']}**：{escape(claim)}", ">",
             f"> **{words['verdict']}**：{words[overall(verdicts)]}", ">"]
    if not verdicts:
        lines.append(f"> {words['none']}")
    for i, verdict in enumerate(verdicts, 1):
        lines += figure_block(i, verdict, words)
    return "\n".join(lines) + "\n"
