"""A stale notebook is named in one plain line with the command that refreshes it (after nbval's own diff)."""

import subprocess
import sys

import nbformat

from nearabroad.prove import stale_notebooks

REPORT = """..F.....
FAILED book/data.ipynb::Cell 1 - Notebook cell execution failed
FAILED book/data.ipynb::Cell 4 - Notebook cell execution failed
ERROR book/belarus.ipynb::Cell 0 - nbval error
1 failed, 66 passed in 35.56s
"""


def test_failing_notebooks_are_named_once():
    assert stale_notebooks(REPORT) == ["book/belarus.ipynb", "book/data.ipynb"]
    assert stale_notebooks("69 passed in 18.26s") == []


def test_a_notebook_whose_stored_output_is_out_of_date_is_named_with_the_fix(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1 + 1)", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="3\n")]  # what an older version printed
    nb.cells = [cell]
    path = tmp_path / "old.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run([sys.executable, "-m", "nearabroad.prove", "-p", "no:cacheprovider", str(path)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode != 0
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("Stale notebooks: ") and "old.ipynb" in last and "make execute" in last
