"""Content stamps, so `make book` redoes only what its inputs changed: `python -m nearabroad.stamps check|write NAME`.

A stamp is a SHA-256 over the bytes (and paths) of everything a step reads, kept under `_build/stamps/`. The notebook
proof stamps each notebook with its own bytes plus the shared inputs (data, seeds, package code, lock file, the
committed figure files, the export mode); the HTML build stamps the whole source of the book. A clean checkout has
no stamps, so CI and a first `make book` prove and build everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAMPS = ROOT / "_build" / "stamps"
SHARED = ("data", "seeds", "src/nearabroad", "book/_extra/figures", "requirements.lock", "pyproject.toml")
# What the HTML build reads besides the shared inputs: every page, the theme, the configuration, the bibliography.
BOOK = ("book", "_config.yml", "_toc.yml")
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", "_build", ".pytest_cache"}


def _files(paths: tuple[str, ...]) -> list[Path]:
    out = []
    for name in paths:
        path = ROOT / name
        if path.is_file():
            out.append(path)
        elif path.is_dir():
            # a hidden ".name.PID.tmp" is a figure being replaced by the proof running beside the build: not an input
            out += [p for p in path.rglob("*") if p.is_file() and not SKIP_PARTS & set(p.parts)
                    and not (p.name.startswith(".") and p.name.endswith(".tmp"))]
    return sorted(set(out))


def digest(paths: tuple[str, ...], extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for path in _files(paths):
        try:
            content = path.read_bytes()
        except FileNotFoundError:  # removed between listing and reading (a temporary file of a concurrent writer)
            continue
        h.update(str(path.relative_to(ROOT)).encode() + b"\0")
        h.update(hashlib.sha256(content).digest())
    return h.hexdigest()


def notebook_stamps(notebooks: list[Path], mode: str) -> dict[str, str]:
    """Per notebook: its own bytes with the shared inputs and the export mode."""
    shared = digest(SHARED, f"export={mode}")
    return {str(Path(nb).resolve().relative_to(ROOT)): hashlib.sha256(shared.encode() + Path(nb).read_bytes()).hexdigest()
            for nb in notebooks}


def book_stamp() -> str:
    return digest(SHARED + BOOK)


def read(name: str) -> dict:
    path = STAMPS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write(name: str, stamps: dict) -> None:
    STAMPS.mkdir(parents=True, exist_ok=True)
    (STAMPS / f"{name}.json").write_text(json.dumps(stamps, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """`check html`: exit 0 when the built book is current (nothing to do), 1 otherwise; `write html` after a build."""
    action, name = argv
    if name != "html":
        raise SystemExit("only the html stamp is kept from the command line")
    current = {"book": book_stamp(), "exists": (ROOT / "_build" / "html" / "index.html").exists()}
    if action == "check":
        fresh = current["exists"] and read("html").get("book") == current["book"]
        if fresh:
            print("The built book is current (no source changed since it was built): nothing to rebuild.")
        return 0 if fresh else 1
    write("html", {"book": current["book"]})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
