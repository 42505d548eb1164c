"""s25-probe2: hostile inputs to the commands journalists and researchers run on a store (`check`, `brief`,
`export`, `timeline`, `query`). Each test failed on main before its fix."""
from __future__ import annotations

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.io.readers import ReadLimits


def test_a_claim_on_stdin_keeps_the_one_document_limit():
    """`check -` read all of stdin (6.6 MB: 39 s and 1.3 GB); it now keeps the limit `check --file -` keeps."""
    limit = ReadLimits().max_document_bytes
    result = CliRunner().invoke(main, ["check", "-", "--consistency"], input=b"x" * (limit + 1))
    assert result.exit_code == 2
    assert f"more than {limit:,} bytes" in result.output and "Traceback" not in result.output


def test_a_claim_on_stdin_is_decoded_as_files_are():
    """GB18030 on stdin is read as `--file -` reads it (before: undecodable bytes were replaced in silence)."""
    text = "存款准备金率由2%降至1.75%，下调0.25个百分点。"
    result = CliRunner().invoke(main, ["check", "-", "--consistency"], input=text.encode("gb18030"))
    assert result.exit_code == 0, result.output
    assert "0.25个百分点" in result.output


def test_an_empty_or_blank_claim_is_a_usage_error():
    """`check ""` and `check "   "` said "no figures found" with exit 0, where an empty --file is exit 2."""
    for claim in ("", "   ", "\u3000\n"):
        for extra in ([], ["--consistency"]):
            result = CliRunner().invoke(main, ["check", claim, *extra])
            assert result.exit_code == 2, (claim, extra, result.output)
            assert "the claim is empty" in result.output
