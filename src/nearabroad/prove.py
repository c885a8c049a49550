"""Prove the notebooks' stored outputs with nbval, and say plainly which are stale: `python -m nearabroad.prove`.

Arguments go to pytest (`-n 2 --dist loadfile book/*.ipynb`). When a stored output no longer matches what the
data and code give, pytest's cell diff is followed by one line naming the stale notebooks and the command that
refreshes them.
"""

from __future__ import annotations

import re
import subprocess
import sys

FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+?\.ipynb)::", re.M)


def stale_notebooks(report: str) -> list[str]:
    """The notebooks pytest reported as failing, each once, in order."""
    return sorted(set(FAILED.findall(report)))


def main(argv: list[str]) -> int:
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
