"""The data set as a release: `nearabroad-data-<version>.zip` and one CSV link per table, written by the book build.

The archive holds the tables, `datapackage.json`, `sources.bib`, the codebook (`README.md`) and `CITATION.cff` in
one folder. It is byte-identical from run to run: members in a fixed order, with a fixed timestamp and permissions.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import shutil
import tarfile
import zipfile
from pathlib import Path

from . import __version__
from .data import DATA_DIR, SCHEMA_FILE, schema

ROOT = DATA_DIR.parent
HTML_DIR = ROOT / "_build" / "html"
DIST = ROOT / "dist"
DOWNLOADS = "downloads"  # folder of the built book that holds the release
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can record: no build date leaks in


def archive_name(version: str = __version__) -> str:
    return f"nearabroad-data-{version}.zip"


def members(data_dir: Path = DATA_DIR) -> list[tuple[str, Path]]:
    """(name inside the archive, file) for everything the release holds, in a fixed order."""
    folder = archive_name().removesuffix(".zip")
    tables = [res["path"] for res in schema(data_dir)["resources"]]
    files = [*tables, SCHEMA_FILE, "sources.bib", "README.md"]
    return [(f"{folder}/{name}", Path(data_dir) / name) for name in files] + [(f"{folder}/CITATION.cff", ROOT / "CITATION.cff")]


def write_archive(target: Path, data_dir: Path = DATA_DIR) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name, path in members(data_dir):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return target


def write_downloads(outdir: Path, data_dir: Path = DATA_DIR) -> None:
    """The archive and each table as its own CSV, under `<outdir>/downloads/`."""
    folder = Path(outdir) / DOWNLOADS
    write_archive(folder / archive_name(), data_dir)
    for res in schema(data_dir)["resources"]:
        shutil.copyfile(Path(data_dir) / res["path"], folder / res["path"])


def links_html(prefix: str, data_dir: Path = DATA_DIR) -> str:
    """The download links as the book shows them; `prefix` leads from the page to the book's root ('../')."""
    name = archive_name()
    size = sum(path.stat().st_size for _, path in members(data_dir)) / 1e6
    tables = " · ".join(
        f'<a href="{prefix}{DOWNLOADS}/{res["path"]}" download>{html.escape(res["path"])}</a>'
        for res in schema(data_dir)["resources"])
    return (f'<p class="data-download"><strong>Download the data set:</strong> '
            f'<a href="{prefix}{DOWNLOADS}/{name}" download>{name}</a> (the tables, their schema, the sources with '
            f'their tiers, the codebook and how to cite; {size:.1f} MB before compression).</p>'
            f'<p class="data-download">Each table as one CSV file: {tables}.</p>')


def site_archive(html_dir: Path, target: Path) -> Path:
    """The built site as a .tar.gz with fixed order, times and owners (the PDF and data archive travel beside it)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(p for p in Path(html_dir).rglob("*") if p.is_file() and p.suffix != ".pdf"):
            info = tarfile.TarInfo(f"loosening-grip-site-{__version__}/{path.relative_to(html_dir).as_posix()}")
            info.size, info.mtime, info.mode, info.uid, info.gid = path.stat().st_size, 0, 0o644, 0, 0
            with path.open("rb") as fh:
                tar.addfile(info, fh)
    with gzip.GzipFile(filename="", mode="wb", fileobj=target.open("wb"), mtime=0) as gz:
        gz.write(buffer.getvalue())
    return target


def make_dist(html_dir: Path = HTML_DIR, dist: Path = DIST) -> list[Path]:
    """`make release`: the site (tarball), the PDF edition and the data archive in `dist/`, with SHA256SUMS."""
    from .pdf import pdf_name

    dist = Path(dist)
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    pdf, data = Path(html_dir) / DOWNLOADS / pdf_name(), Path(html_dir) / DOWNLOADS / archive_name()
    for needed, command in ((pdf, "make pdf"), (data, "make book")):
        if not needed.is_file():
            raise FileNotFoundError(f"{needed} is missing: run {command} first")
    files = [site_archive(html_dir, dist / f"loosening-grip-site-{__version__}.tar.gz"),
             Path(shutil.copyfile(pdf, dist / pdf.name)), Path(shutil.copyfile(data, dist / data.name))]
    sums = "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(files))
    (dist / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return [*files, dist / "SHA256SUMS"]


if __name__ == "__main__":
    for path in make_dist():
        print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
