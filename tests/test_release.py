"""The data set's release archive: byte-identical from run to run, and it loads with the project's own loader."""

import zipfile

import pandas as pd

from nearabroad import data, release


def test_archive_is_byte_identical_and_carries_no_build_time(tmp_path):
    first = release.write_archive(tmp_path / "a" / release.archive_name()).read_bytes()
    second = release.write_archive(tmp_path / "b" / release.archive_name()).read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / release.archive_name()) as archive:
        assert {info.date_time for info in archive.infolist()} == {release.FIXED_TIME}
        names = archive.namelist()
    folder = release.archive_name().removesuffix(".zip")
    assert names == [name for name, _ in release.members()]
    for expected in ("datapackage.json", "sources.bib", "README.md", "CITATION.cff", "indicators.csv", "unga_votes.csv"):
        assert f"{folder}/{expected}" in names


def test_unzipped_release_loads_with_the_loader_and_equals_the_data(tmp_path):
    target = release.write_archive(tmp_path / release.archive_name())
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "out")
    unpacked = tmp_path / "out" / release.archive_name().removesuffix(".zip")
    data.clear_cache()
    try:
        released = data.load_all(unpacked)
    finally:
        data.clear_cache()
    for name, frame in data.load_all().items():
        pd.testing.assert_frame_equal(released[name], frame)
