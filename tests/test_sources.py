"""The source register: every raw document is registered, unedited and described."""

from __future__ import annotations

import re
import shutil

import pandas as pd
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


# --------------------------------------------------------------------------- add-source
NEW_DOC = (
    "Lào Cai, ngày 15 tháng 1 năm 2025\n\n"
    "Năm 2024, giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt 51.300 tỷ đồng, tăng 11,3% so với năm 2023.\n"
)


def _snapshot(d):
    return {p.name: p.read_bytes() for p in d.iterdir()}


def test_add_source_copies_the_file_and_appends_an_entry_keeping_comments(tmp_path):
    from helpers.figures.sources import add_source

    (tmp_path / "raw").mkdir()
    reg = _copy_register(tmp_path / "raw")
    doc = tmp_path / "new.txt"
    doc.write_text(NEW_DOC, encoding="utf-8")
    before = reg.read_text(encoding="utf-8")
    added = add_source(doc, title="Tổng kết 2024", publisher="Báo Lào Cai", date="2025-01-15", yaml_path=reg)
    after = reg.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and order kept, the entry appended
    assert added.path.read_bytes() == doc.read_bytes()
    n = max(int(p.name[:3]) for p in paths.DATA_RAW.glob("[0-9][0-9][0-9]_*"))
    assert added.path.name == f"{n + 1:03d}_{sha256_file(doc)[:16]}.txt"
    sources = load_sources(reg)
    assert sources[-1].id == "laocai-2025" and sources[-1].sha256 == sha256_file(doc)
    assert [s.id for s in sources[:-1]] == [s.id for s in load_sources()]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "empty.txt").write_text("  \n") and d / "empty.txt", "empty"),
        (lambda d: (d / "latin.txt").write_bytes("Lào Cai".encode("cp1258")) and d / "latin.txt", "not UTF-8"),
        (
            lambda d: (d / "u16.txt").write_bytes("Lào Cai đạt 100 tỷ đồng".encode("utf-16")) and d / "u16.txt",
            r"saved as UTF-16; convert it once: iconv -f utf-16 -t utf-8 .*register the converted text",
        ),
        (
            lambda d: (d / "nul.txt").write_bytes(b"L\x00a\x00o\x00 \x00C\x00a\x00i\x00") and d / "nul.txt",
            "UTF-16 text",
        ),
        (lambda d: d / "dup.txt", "already registered as 'congthuong-2012'"),
    ],
)
def test_add_source_refuses_bad_files_and_changes_nothing(tmp_path, make, message):
    from helpers.figures.sources import add_source

    raw = tmp_path / "raw"
    raw.mkdir()
    reg = _copy_register(raw)
    outside = tmp_path / "in"
    outside.mkdir()
    shutil.copy(raw / "000_673ea9d4629f096f.txt", outside / "dup.txt")
    before = _snapshot(raw)
    with pytest.raises(SourceError, match=message):
        add_source(make(outside), title="T", publisher="P", date="2024", yaml_path=reg)
    assert _snapshot(raw) == before


@pytest.mark.parametrize("name", ["sources.yaml", "new.txt"])
def test_add_source_refuses_a_file_of_data_raw_itself_and_changes_nothing(tmp_path, name):
    """The register, or a document saved straight into data/raw, is not a new source: the
    command asks for a copy from outside and leaves the folder as it was."""
    from helpers.figures.sources import add_source

    raw = tmp_path / "raw"
    raw.mkdir()
    reg = _copy_register(raw)
    if name == "new.txt":
        (raw / name).write_text(NEW_DOC, encoding="utf-8")
    before = _snapshot(raw)
    with pytest.raises(SourceError, match=rf"{re.escape(name)}: is in .*register a copy saved outside it"):
        add_source(raw / name, title="T", publisher="P", date="2024", yaml_path=reg)
    assert _snapshot(raw) == before


def test_unregistered_file_in_raw_is_an_error_naming_it_and_the_command(tmp_path):
    reg = _copy_register(tmp_path)
    (tmp_path / "stray.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SourceError, match=r"stray\.txt.*not registered.*laocai add-source") as err:
        load_sources(reg)
    # the command it suggests registers a copy outside data/raw, which add-source accepts
    suggested = re.search(r"`laocai add-source (\S+)", str(err.value)).group(1)
    assert "stray.txt" in suggested and not suggested.startswith(str(tmp_path))


def test_hash_mismatch_shows_both_whole_hashes_and_the_side_to_fix(tmp_path):
    reg = _copy_register(tmp_path)
    target = tmp_path / "001_5fe2c348c2262560.txt"
    target.write_bytes(target.read_bytes() + b"\n")
    recorded = load_sources(verify=False)[1].sha256
    with pytest.raises(SourceError) as err:
        load_sources(reg)
    msg = str(err.value)
    assert recorded in msg and sha256_file(target) in msg and "fix the file" in msg


def test_add_source_command_prints_the_figures_found(tmp_path, monkeypatch, capsys):
    from helpers import cli

    raw = tmp_path / "raw"
    raw.mkdir()
    reg = _copy_register(raw)
    monkeypatch.setattr(paths, "SOURCES_YAML", reg)
    doc = tmp_path / "new.txt"
    doc.write_text(NEW_DOC, encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        cli.main(
            [
                "add-source",
                str(doc),
                "--title",
                "T",
                "--publisher",
                "baolaocai.vn",
                "--date",
                "2025-01-15",
                "--no-rebuild",
            ]
        )
    assert done.value.code in (0, None)
    out = capsys.readouterr().out
    assert "registered 'baolaocai-2025'" in out and "51,300.0" in out and "2010" in out and "next:" in out
    assert "region / scope" in out
    with pytest.raises(SystemExit) as again:
        cli.main(["add-source", str(doc), "--title", "T", "--publisher", "P", "--date", "2025"])
    assert again.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already registered as 'baolaocai-2025'" in err[0]
    # an option it does not accept is a bad parameter (2), as those the command line checks
    other = tmp_path / "other.txt"
    other.write_text(NEW_DOC.replace("51.300", "51.400"), encoding="utf-8")
    for option, value, said in (("--date", "early 2014", "give YYYY"), ("--language", "fr", "accepted values")):
        args = {"--title": "T", "--publisher": "P", "--date": "2025", option: value}
        with pytest.raises(SystemExit) as bad:
            cli.main(["add-source", str(other), *[x for kv in args.items() for x in kv], "--no-rebuild"])
        assert bad.value.code == 2
        assert said in capsys.readouterr().err


def test_vietnamese_pages_show_the_registers_vietnamese_description():
    from helpers.figures.present import sources_table
    from helpers.figures.sources import Source

    described = Source("a", "a.txt", "0" * 64, "Untitled article (text body)", "Some paper, reposted", "2020", "vi",
                       title_vi="Bài không có tiêu đề (phần nội dung)", publisher_vi="Một tờ báo, bản đăng lại")  # fmt: skip
    plain = Source("b", "b.txt", "1" * 64, "Tiêu đề như đã đăng", "Báo Lào Cai", "2021", "vi")
    vi = sources_table([described, plain], "vi").data
    en = sources_table([described, plain], "en").data
    assert list(vi["title"]) == ["Bài không có tiêu đề (phần nội dung)", "Tiêu đề như đã đăng"]
    assert list(vi["publisher"]) == ["Một tờ báo, bản đăng lại", "Báo Lào Cai"]
    assert list(en["title"]) == ["Untitled article (text body)", "Tiêu đề như đã đăng"]


def test_every_english_description_of_the_register_has_a_vietnamese_one():
    """Register descriptions written in English (untitled, reposted, via ...) are given in
    Vietnamese too, so that a Vietnamese page is wholly Vietnamese."""
    english = ("untitled", "reposted", "text body", " via ", "e-magazine", "republishing", "review of")
    for s in load_sources():
        for text, vi in ((s.title, s.title_vi), (s.publisher, s.publisher_vi)):
            if any(w in text.lower() for w in english):
                assert vi, f"sources.yaml {s.id}: {text!r} needs a Vietnamese description (title_vi / publisher_vi)"


def test_a_new_figure_that_disagrees_with_those_held_is_named_after_the_rebuild():
    """A document whose 2021 level is ten times the one held: the new flagged check naming its
    figure and the series year it moved are each one line; an old flag, another document's
    flag and a year that moved little are not repeated."""
    from helpers.figures.sources import Processed, rebuild_warnings

    def checks(*rows):
        cols = ["check_id", "check", "figure_ids", "year", "result", "message"]
        return pd.DataFrame(list(rows), columns=cols)

    def series(values):
        return pd.DataFrame({"year": list(values), "value": list(values.values())})

    old_flag = ("C02", "growth", "a@1;b@2", 2016, "flag", "12.1% stated, 8.9% implied")
    before = Processed(checks(old_flag), series({2020: 37050.8, 2021: 41200.0, 2022: 44000.0}))
    after = Processed(
        checks(
            old_flag,
            ("C07", "growth", "new-2022@126;x@9", 2021, "flag", "11.2% stated; the figures imply 1012.0%"),
            ("C08", "growth", "other@5;x@9", 2021, "flag", "not this document's"),
            ("C09", "growth", "new-2022@126>2020;x@9", 2020, "ok", "fine"),
        ),
        series({2020: 37050.8, 2021: 412000.0, 2022: 46000.0}),
    )
    lines = rebuild_warnings(before, after, "new-2022")
    assert lines == [
        "check C07 (growth, 2021) flags new-2022@126, x@9: 11.2% stated; the figures imply 1012.0%",
        "series 2021: 41,200 -> 412,000 bn VND at 2010 prices (+900%)",
    ]
    assert rebuild_warnings(before, before, "new-2022") == []
    assert rebuild_warnings(Processed(pd.DataFrame(), pd.DataFrame()), after, "none") == []
