"""Benchmark the report's workflow and the built pages' weight: `make bench` (or `python -m nearabroad.bench`).

Prints a table and writes `_build/benchmark.csv` (times: median of `--runs` runs) and `_build/pageweight.csv`.
Timed: environment set-up on a fresh clone, each notebook's execution, the full nbval pass, a clean build, a rebuild
after a one-line text edit, and the whole test command.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "_build"
VENV_BIN = Path(sys.executable).parent


def timed(cmd: list[str] | str, cwd: Path = ROOT, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   shell=isinstance(cmd, str), env=None if env is None else {**os.environ, **env})
    return time.perf_counter() - start


def median_of(runs: int, fn) -> float:
    return statistics.median(fn() for _ in range(runs))


def setup_fresh_clone() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        return timed(["make", ".venv/.installed"], cwd=clone)


def execute_copy(notebook: Path) -> float:
    """Execute a copy of the notebook (the committed file is left alone)."""
    from .execute import execute

    with tempfile.TemporaryDirectory(dir=notebook.parent) as tmp:
        copy = Path(tmp) / notebook.name
        shutil.copy(notebook, copy)
        return execute(copy)


def kernel_floor(notebooks: list[Path]) -> float:
    """Wall time to start a kernel and run each notebook's imports, two at a time as nbval does: the least any
    proof of the notebooks can cost."""
    import nbformat
    from concurrent.futures import ProcessPoolExecutor

    from .execute import execute

    with tempfile.TemporaryDirectory(dir=ROOT / "book") as tmp:
        copies = []
        for nb in notebooks:
            first = next(c for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code")
            imports = "\n".join(ln for ln in first.source.splitlines() if ln.startswith(("import ", "from ")))
            bare = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(imports)])
            copies.append(Path(tmp) / nb.name)
            nbformat.write(bare, copies[-1])
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2) as pool:
            list(pool.map(execute, copies))
        return time.perf_counter() - start


def make_book(clean: bool) -> float:
    """`make book` as a reader runs it: from no build at all, or again with nothing changed."""
    if clean:
        shutil.rmtree(OUT / "html", ignore_errors=True)
        shutil.rmtree(OUT / ".doctrees", ignore_errors=True)
        shutil.rmtree(OUT / "stamps", ignore_errors=True)
    return timed(["make", "book"])


def rebuild_after_edit() -> float:
    page = ROOT / "book" / "changelog.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\nA one-line edit for the benchmark.\n", encoding="utf-8")
        return timed([str(VENV_BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--quiet"])
    finally:
        page.write_text(original, encoding="utf-8")


def page_weight(base_url: str, path: str, browser) -> dict:
    """Bytes a cold load of one page transfers, raw and gzip-equivalent, split into the page's own and theme bytes."""
    context = browser.new_context()
    page = context.new_page()
    bodies: dict[str, bytes] = {}

    def keep(response):
        try:
            bodies[response.url] = response.body()
        except Exception:  # redirects and aborted loads have no body
            pass

    page.on("response", keep)
    page.goto(f"{base_url}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    row = {"page": path, "own_raw": 0, "own_gzip": 0, "theme_raw": 0, "theme_gzip": 0}
    for url, body in bodies.items():
        part = "theme" if "/_static/" in url or url.endswith("searchindex.js") else "own"
        row[f"{part}_raw"] += len(body)
        row[f"{part}_gzip"] += len(gzip.compress(body, 6, mtime=0))
    row["total_raw"], row["total_gzip"] = row["own_raw"] + row["theme_raw"], row["own_gzip"] + row["theme_gzip"]
    return row


def page_weights() -> list[dict]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from bookserver import pages, serve

    base, stop = serve()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            rows = [page_weight(base, p, browser) for p in pages() if p.startswith("book/")]
            browser.close()
    finally:
        stop()
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-setup", action="store_true", help="skip the fresh-clone set-up (needs the network)")
    parser.add_argument("--skip-test", action="store_true", help="skip timing the whole test command")
    args = parser.parse_args(argv)
    py, jb = str(VENV_BIN / "python"), str(VENV_BIN / "jupyter-book")
    notebooks = sorted((ROOT / "book").glob("*.ipynb"))
    rows = []
    if not args.skip_setup:
        rows.append(("environment set-up (fresh clone)", median_of(args.runs, setup_fresh_clone)))
    for nb in notebooks:
        rows.append((f"execute {nb.name}", median_of(args.runs, lambda nb=nb: execute_copy(nb))))
    nbval = [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "-n", "2", "--dist", "loadfile",
             *map(str, notebooks)]
    build = [jb, "build", ".", "-W", "-n", "--keep-going", "--quiet"]
    quick, full = {"NEARABROAD_EXPORT": "svg"}, {"NEARABROAD_EXPORT": "all"}
    rows.append(("nbval, all notebooks, full export (make test)", median_of(args.runs, lambda: timed(nbval, env=full))))
    rows.append(("nbval, all notebooks, quick export (make book)", median_of(args.runs, lambda: timed(nbval, env=quick))))
    rows.append(("clean build", median_of(args.runs, lambda: (shutil.rmtree(OUT / "html", ignore_errors=True),
                                                               shutil.rmtree(OUT / ".doctrees", ignore_errors=True),
                                                               timed(build))[-1])))
    sphinx = rows[-1][1]
    floor = median_of(args.runs, lambda: kernel_floor(notebooks))
    rows.append(("floor: kernel start + imports, each notebook, 2 at a time", floor))
    rows.append(("floor: that + one bare Sphinx pass (clean build)", floor + sphinx))
    rows.append(("make book, clean (no build, no proof record)", median_of(args.runs, lambda: make_book(True))))
    rows.append(("make book, nothing changed", median_of(args.runs, lambda: make_book(False))))
    rows.append(("rebuild after a one-line text edit", median_of(args.runs, rebuild_after_edit)))
    make_book(True)  # leave the book, and its proof record, as the commit builds it
    print(f"clean make book / floor = {rows[-3][1] / (floor + sphinx):.2f} (target <= 2); "
          f"unchanged make book / Sphinx pass = {rows[-2][1] / sphinx:.2f} (target <= 1.5)")
    if not args.skip_test:
        rows.append(("whole test command (make test)", median_of(args.runs, lambda: timed(["make", "test"]))))

    OUT.mkdir(exist_ok=True)
    with (OUT / "benchmark.csv").open("w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["step", "seconds_median", "runs"])
        writer.writerows((name, f"{sec:.2f}", args.runs) for name, sec in rows)
    print(f"{'step':45s} {'median s':>9s}   (runs: {args.runs})")
    for name, sec in rows:
        print(f"{name:45s} {sec:9.2f}")

    weights = page_weights()
    with (OUT / "pageweight.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(weights[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(weights)
    print(f"\n{'page':28s} {'own KB':>8s} {'own gz':>8s} {'theme KB':>9s} {'total gz KB':>12s}")
    for w in weights:
        print(f"{w['page']:28s} {w['own_raw'] / 1024:8.0f} {w['own_gzip'] / 1024:8.0f} {w['theme_raw'] / 1024:9.0f} "
              f"{w['total_gzip'] / 1024:12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
