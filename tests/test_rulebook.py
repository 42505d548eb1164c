"""rulebook.parse_toml: tomllib's answer, kept as a marshal cache in this user's private cache folder."""
import os
import datetime
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
