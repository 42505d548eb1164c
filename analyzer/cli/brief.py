"""``analyzer brief``: an article's facts grouped by theme, with paragraph citations."""
from __future__ import annotations

import sys

import click

from analyzer.brief import brief_document, choose_classifier, render
from analyzer.cli import main
from analyzer.cli.common import checked_paths, fail, handle_errors, verbose_option
from analyzer.cli.extract import document_options, overrides
from analyzer.errors import InputError
from analyzer.io.readers import read_documents
from analyzer.wording import LANGS


@main.command(name="brief")
@click.argument("path", callback=checked_paths)
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="Language of the brief (English from the taxonomy's names; no machine translation).")
@click.option("--format", "-f", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True,
              help="Output format.")
@click.option("--classifier", type=click.Choice(["auto", "model", "keywords"]), default="auto", show_default=True,
              help="Theme classifier: auto uses the learned model when torch is installed and the model is the "
                   "default (or --model is given), else keywords.")
@click.option("--model", "model_path", type=click.Path(exists=True, file_okay=False),
              help="Local Hugging Face checkpoint folder of a theme model (default: models/theme-classifier).")
@document_options
@verbose_option
@handle_errors
def brief_command(path, lang, fmt, classifier, model_path, title, source, published, kind):
    """Write the brief of the article in PATH (a .txt, .html or .json file, or - for stdin).

    Sentences get themes (credit data, policy tools, regulation, financing difficulties, digital credit, sector
    support, outlook); each theme lists its facts as statements made from the extracted figures, the tools and
    sectors involved, and citations to paragraph numbers like [2]. Without torch the keyword classifier is used
    and a note says so on stderr (and in the json's "classifier" field).

    Example: analyzer brief corpus/dev/b-2025-05-26-jjrb-sme-finance.json --lang en
    """
    documents = list(read_documents([path], overrides(title, source, published, kind)))
    if not documents:
        fail(f"{path}: no document found")
    if len(documents) > 1:
        fail(f"{path}: holds {len(documents)} documents; brief one article at a time")
    document = documents[0]
    if isinstance(document, InputError):
        fail(str(document))
    choice = choose_classifier(classifier, model_path)
    if choice.fallback:
        click.echo(f"Note: {choice.note}", err=True)
    sys.stdout.write(render(brief_document(document, lang, choice), fmt))
