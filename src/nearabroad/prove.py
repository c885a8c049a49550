"""Prove the notebooks' stored outputs with nbval, and say plainly which are stale: `python -m nearabroad.prove`.

Arguments go to pytest (`-n 2 --dist loadfile book/*.ipynb`). When a stored output no longer matches what the
data and code give, pytest's cell diff is followed by one line naming the stale notebooks and the command that
refreshes them.

A notebook already proven with exactly these inputs (its own bytes, the data, seeds, package code, lock file and
committed figure files; see `stamps.py`) is not proven again: the proof's record is kept in `_build/stamps/`, so a
`make book` with nothing changed proves nothing, while a clean checkout (and CI) proves every notebook.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parents[2]

FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+?\.ipynb)::", re.M)


def stale_notebooks(report: str) -> list[str]:
    """The notebooks pytest reported as failing, each once, in order."""
    return sorted(set(FAILED.findall(report)))


def _stamps(notebooks: list[str], mode: str) -> dict[str, str]:
    """Each of the book's notebooks (by its path in the repository) with its input stamp; others have none."""
    from .stamps import notebook_stamps

    inside = [nb for nb in notebooks if Path(nb).resolve().is_relative_to(ROOT_DIR)]
    return notebook_stamps(inside, mode) if inside else {}


def _key(notebook: str) -> str:
    path = Path(notebook).resolve()
    return str(path.relative_to(ROOT_DIR)) if path.is_relative_to(ROOT_DIR) else str(path)


def main(argv: list[str]) -> int:
    from .stamps import read, write

    mode = os.environ.get("NEARABROAD_EXPORT", "all")
    notebooks = [a for a in argv if a.endswith(".ipynb")]
    options = [a for a in argv if not a.endswith(".ipynb")]
    record = read("notebooks")
    # a proof that rewrote every download ("all") also covers the quick one
    proven = set(record.get(mode, {}).values()) | (set(record.get("all", {}).values()) if mode == "svg" else set())
    stamps = _stamps(notebooks, mode)
    to_prove = [nb for nb in notebooks if stamps.get(_key(nb)) not in proven]
    if notebooks and not to_prove:
        print(f"All {len(notebooks)} notebooks already proven with these inputs (record: _build/stamps/notebooks.json).")
        return 0
    if len(to_prove) < len(notebooks):
        print(f"Proving {len(to_prove)} of {len(notebooks)} notebooks (the others are proven with these inputs).")
    code = _pytest([*options, *to_prove])
    if code == 0 and stamps:
        record.setdefault(mode, {}).update(_stamps(notebooks, mode))  # after the run, which rewrote figure files
        write("notebooks", record)
    return code


def _pytest(argv: list[str]) -> int:
    cmd = [sys.executable, "-m", "pytest", "-q", "-rfE", "--nbval", *argv]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:  # echoed as it comes, kept for the summary
        sys.stdout.write(line)
        lines.append(line)
    code = proc.wait()
    stale = stale_notebooks("".join(lines))
    if code and stale:
        print(f"\nStale notebooks: {', '.join(stale)}. Their stored outputs are not what the data and code give "
              "today: run `make execute`, look at what changed, and commit the notebooks with their outputs.")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
