"""Article briefs: an article's facts grouped by theme, each citing the paragraphs it comes from.

    from analyzer.brief import brief_document, choose_classifier, render
    brief = brief_document(document, lang="en", choice=choose_classifier("auto"))
    print(render(brief, "md"))

Themes are the fixed set of ``themes.toml``; sentences get them from the learned model (``analyzer.model``,
imported only when used) or from the keyword baseline (``keywords.toml``).
"""
from analyzer.brief.build import Brief, Fact, NameRef, Sentence, ThemeSection, brief_document, build_brief, cite
from analyzer.brief.classify import (CLASSIFIERS, DEFAULT_MODEL_DIR, ClassifierChoice, KeywordClassifier,
                                     ThemeClassifier, choose_classifier, learned_model_available)
from analyzer.brief.render import FORMATS, render, render_json, render_markdown
from analyzer.brief.themes import Theme, load_themes, theme_ids

__all__ = ["Brief", "CLASSIFIERS", "ClassifierChoice", "DEFAULT_MODEL_DIR", "FORMATS", "Fact", "KeywordClassifier",
           "NameRef", "Sentence", "Theme", "ThemeClassifier", "ThemeSection", "brief_document", "build_brief",
           "choose_classifier", "cite", "learned_model_available", "load_themes", "render", "render_json",
           "render_markdown", "theme_ids"]
