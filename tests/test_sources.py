"""The source register: every raw document is registered, unedited and described."""

from __future__ import annotations

import shutil

import pytest
import yaml

from helpers.common import paths
from helpers.figures.sources import SourceError, load_sources, sha256_file


def test_every_raw_text_is_registered_and_matches_its_hash():
    sources = load_sources()
    registered = {s.file for s in sources}
    on_disk = {p.name for p in paths.DATA_RAW.glob("*.txt")}
    assert registered == on_disk
    for s in sources:
        assert sha256_file(s.path()) == s.sha256
        assert s.language in {"vi", "en"}
        assert 1990 < s.year < 2100


def _copy_register(tmp_path):
    for f in paths.DATA_RAW.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(paths.SOURCES_YAML, tmp_path / "sources.yaml")
    return tmp_path / "sources.yaml"


def test_edited_file_is_an_error_naming_the_source(tmp_path):
    reg = _copy_register(tmp_path)
    target = tmp_path / "000_673ea9d4629f096f.txt"
    target.write_text(target.read_text(encoding="utf-8") + " sửa", encoding="utf-8")
    with pytest.raises(SourceError, match=r"congthuong-2012.*000_673ea9d4629f096f\.txt.*sha256"):
        load_sources(reg)


def test_missing_file_is_an_error_naming_it(tmp_path):
    reg = _copy_register(tmp_path)
    (tmp_path / "003_6a0f3795b4146f2c.txt").unlink()
    with pytest.raises(SourceError, match="ubnd-ct04-2020.*missing"):
        load_sources(reg)


def test_entry_lacking_a_field_is_an_error(tmp_path):
    reg = _copy_register(tmp_path)
    doc = yaml.safe_load(reg.read_text(encoding="utf-8"))
    del doc["sources"][1]["sha256"]
    reg.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SourceError, match="entry 2 .*lacks sha256"):
        load_sources(reg)
