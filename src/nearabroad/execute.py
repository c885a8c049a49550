"""Re-execute the book's notebooks in place, after a data or code change: `python -m nearabroad.execute [files]`.

Each notebook runs in a fresh kernel with its own folder as working directory, without per-cell timestamps, so the
saved file changes only when an output does. Notebooks run in parallel, one per core.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BOOK_DIR = Path(__file__).resolve().parents[2] / "book"


def execute(path: Path) -> float:
    """Execute one notebook in place; return the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or sorted(BOOK_DIR.glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        for path, seconds in zip(paths, pool.map(execute, paths)):
            print(f"{seconds:5.1f} s  {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
