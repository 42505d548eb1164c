"""rulebook.parse_toml: tomllib's answer, kept as a marshal cache in this user's private cache folder; rulebook.regex:
re's compiled patterns, kept as their code there."""
import datetime
import marshal
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analyzer import rulebook

PACKAGE = Path(rulebook.__file__).parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYZER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_every_package_toml_parses_as_tomllib_does_cached_or_not(cache_dir):
    for path in sorted(PACKAGE.rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        expected = tomllib.loads(text)
        assert rulebook.parse_toml(text) == expected, path  # parsed, cache written
        assert rulebook.parse_toml(text) == expected, path  # read from the cache
    assert list(cache_dir.glob("analyzer-toml-*.marshal"))


def test_dates_come_back_as_dates(cache_dir):
    text = ("a = 1979-05-27T07:32:00-08:00\nb = 07:32:00\nc = 1979-05-27T00:32:00.999999\n"
            "[[rows]]\nd = [1979-05-27, 2]\n")
    rulebook.parse_toml(text)
    cached = rulebook.parse_toml(text)
    assert cached == tomllib.loads(text)
    assert type(cached["rows"][0]["d"][0]) is datetime.date and type(cached["a"]) is datetime.datetime


def test_broken_cache_is_parsed_again_and_bad_toml_raises(cache_dir):
    text = 'x = "一"\n'
    rulebook.parse_toml(text)
    (cache,) = cache_dir.glob("analyzer-toml-*.marshal")
    cache.write_bytes(b"not marshal")
    assert rulebook.parse_toml(text) == {"x": "一"}
    with pytest.raises(tomllib.TOMLDecodeError):
        rulebook.parse_toml("x = ")
    assert len(list(cache_dir.glob("analyzer-toml-*.marshal"))) == 1


def test_cache_folder_is_private_and_made_with_mode_0700(cache_dir):
    assert rulebook.cache_folder() == cache_dir
    assert cache_dir.stat().st_mode & 0o777 == 0o700


def test_a_folder_others_can_write_is_never_used(cache_dir, monkeypatch):
    """A cache another user could plant would change the rules a process reads: such a folder is not used."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(cache_dir, 0o777)
    text = 'x = "一"\n'
    assert rulebook.cache_folder() is None
    assert rulebook.parse_toml(text) == {"x": "一"}
    assert not list(cache_dir.iterdir())


def test_default_folder_is_under_the_users_cache_home(tmp_path, monkeypatch):
    monkeypatch.delenv("ANALYZER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rulebook.cache_folder() == tmp_path / "analyzer"


# --- rulebook.regex: compiled patterns kept as their code ------------------------------------------------------

@pytest.fixture
def fresh_regex(cache_dir, monkeypatch):
    """rulebook.regex as a new process finds it: nothing built or loaded yet."""
    def reset():
        monkeypatch.setattr(rulebook, "_REGEX_BUILT", {})
        monkeypatch.setattr(rulebook, "_REGEX_CODE", {})
        monkeypatch.setattr(rulebook, "_REGEX_STATE", {"loaded": False, "missed": False})
    monkeypatch.setattr(rulebook.atexit, "register", lambda function: None)
    reset()
    return reset


SAMPLE_PATTERNS = [(r"(?P<num>\d+(?:\.\d+)?)(?P<scale>万亿|亿|万)?元", 0), (r"(?<![A-Za-z])usd\s?(?=\d)", re.IGNORECASE),
                   (r"^(?:同比|环比)(?:增长|下降)(?P<x>[^，。]{0,6}?)$", re.MULTILINE), (r"[\u4e00-\u9fff]{2,4}(?:银行|证券)", 0),
                   (r"(a)(b)?(?P<c>c)\2?", 0)]


def test_a_kept_pattern_is_the_pattern_re_compiles(fresh_regex):
    """Written at exit, read by the next process: the pattern built from its kept code equals re's (Pattern
    equality compares the flags, the pattern and the compiled code), groups and names included."""
    first = [rulebook.regex(pattern, flags) for pattern, flags in SAMPLE_PATTERNS]
    assert rulebook._REGEX_STATE["missed"]
    rulebook._write_regex_cache()
    assert list(rulebook.cache_folder().glob("analyzer-regex-*.marshal"))
    fresh_regex()
    kept = rulebook._read_regex_cache()
    assert set(kept) == {(pattern, int(flags)) for pattern, flags in SAMPLE_PATTERNS}
    for (pattern, flags), before in zip(SAMPLE_PATTERNS, first):
        built = rulebook.regex(pattern, flags)
        expected = re.compile(pattern, flags)
        assert built == expected and built == before
        assert (built.groups, built.groupindex, built.flags) == (expected.groups, expected.groupindex, expected.flags)
        assert rulebook.regex(pattern, flags) is built  # built once a process
    assert not rulebook._REGEX_STATE["missed"]  # every one came from the file
    assert rulebook.regex(SAMPLE_PATTERNS[0][0]).fullmatch("35.3万亿元").group("num", "scale") == ("35.3", "万亿")


def test_every_pipeline_pattern_is_built_equal_from_its_code():
    """All the patterns the pipeline compiles (the rule tables' included) come back equal from their code."""
    from analyzer import Document, Pipeline
    Pipeline().analyze(Document(id="x", text="截至2025年一季度末，普惠小微贷款余额达35.3万亿元，同比增长12.3%。"))
    assert len(rulebook._REGEX_BUILT) > 100
    for pattern, flags in rulebook._REGEX_BUILT:
        if type(pattern) is str:
            assert rulebook._built_from(pattern, rulebook._regex_code(pattern, flags)) == re.compile(pattern, flags)


def test_a_broken_or_foreign_cache_is_compiled_again(fresh_regex):
    folder = rulebook.cache_folder()
    path = rulebook._regex_cache_path()
    pattern = SAMPLE_PATTERNS[0][0]
    for content in (b"not marshal", marshal.dumps({(pattern, 0): (32, b"\x01\x02", 0, {}, ())}),
                    marshal.dumps({(pattern, 0): "nonsense"}), marshal.dumps(["a list"])):
        path.write_bytes(content)
        fresh_regex()
        assert rulebook.regex(pattern) == re.compile(pattern)
    assert folder == path.parent
    compiled = re.compile(pattern)
    assert rulebook.regex(compiled) is compiled and rulebook.regex(b"\\d+") == re.compile(b"\\d+")


def test_the_pipeline_compiles_the_same_patterns_under_any_hash_seed(tmp_path):
    """Patterns built from sets of words list them in one order whatever the hash seed, so the next process finds
    them in the cache (a seed-dependent order would miss it every start)."""
    script = ("import hashlib\nfrom analyzer import Document, Pipeline, rulebook\n"
              "Pipeline().analyze(Document(id='x', text='普惠小微贷款余额达35.3万亿元，同比增长12.3%。'))\n"
              "print(hashlib.sha1(repr(sorted(k for k in rulebook._REGEX_BUILT if type(k[0]) is str)).encode()).hexdigest())")
    seen = set()
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "ANALYZER_CACHE_DIR": str(tmp_path / seed),
                       "PYTHONPATH": str(PACKAGE.parent)}
        done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
        seen.add(done.stdout.strip())
    assert len(seen) == 1
