"""The data set's release archive: byte-identical from run to run, and it loads with the project's own loader."""

import zipfile

import pandas as pd
import pytest

import nearabroad
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


@pytest.mark.built
def test_release_puts_site_pdf_and_data_in_dist_with_checksums(tmp_path):
    import hashlib

    files = release.make_dist(dist=tmp_path / "dist")
    names = sorted(p.name for p in files)
    assert names == sorted(["SHA256SUMS", f"loosening-grip-site-{nearabroad.__version__}.tar.gz",
                            f"loosening-grip-{nearabroad.__version__}.pdf", release.archive_name()])
    for line in (tmp_path / "dist" / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / "dist" / name).read_bytes()).hexdigest() == digest
    again = release.site_archive(release.HTML_DIR, tmp_path / "again.tar.gz").read_bytes()
    assert again == (tmp_path / "dist" / f"loosening-grip-site-{nearabroad.__version__}.tar.gz").read_bytes()
