"""The change report: a one-value edit in a copy of the repository, re-executed, names exactly what moved."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from nearabroad import data
from nearabroad.impact import State, compare, figure_changes, table_rows

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".venv", "_build", "dist", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A copy of the working tree whose committed state is the tree as it is now (so only the test's edit differs)."""
    dest = tmp_path / "main"
    shutil.copytree(ROOT, dest, ignore=SKIP)
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "--allow-empty", "-m", "baseline")
    return dest


def _edit(repo: Path, prefix: str, old: str, new: str) -> None:
    """Replace one value on the single line of data/indicators.csv that starts with `prefix`."""
    path = repo / "data" / "indicators.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert len(hits) == 1 and f",{old}," in lines[hits[0]]
    lines[hits[0]] = lines[hits[0]].replace(f",{old},", f",{new},", 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _impact(repo: Path, *notebooks: str) -> tuple[subprocess.CompletedProcess, str]:
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}  # the copy's package, so its data and figures are used
    run = subprocess.run([sys.executable, "-m", "nearabroad.impact", *notebooks], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=600)
    report = (repo / "_build" / "impact.md").read_text(encoding="utf-8")
    return run, report


def test_a_changed_value_is_named_in_its_figure_and_glued_numbers(repo):
    _edit(repo, "TJK,2024,remittances_gdp_pct,", "47.88521", "46.5")
    run, report = _impact(repo, "book/overview.ipynb")
    assert run.returncode == 0, run.stdout + run.stderr
    figures = report.split("## Figures")[1].split("## Tables")[0]
    assert "**fig-overview-remittances**: 1 change(s)" in figures
    assert "Tajikistan, remittances_gdp_pct, latest, 2024, value: 47.88521 → 46.5" in figures
    unchanged = next(line for line in figures.splitlines() if line.startswith("- Unchanged:"))
    assert "fig-overview-trade" in unchanged and "fig-overview-remittances" not in unchanged
    # the finding that Tajikistan's remittances rose still holds, with its new end value
    assert "ov-tjk-remittances-rose: still holds, in new words" in report
    assert "no longer holds" not in report
    glue = report.split("## Glued values in the prose")[1]
    assert "overview.ipynb, `ov-tjk-remittances-rose.end`: 48 % → 46 %" in glue
    assert "No verdict changed." in report
    assert "1 figure(s) changed" in run.stdout and "0 notebook(s) stopped" in run.stdout
    # nothing is committed for the reader
    status = subprocess.run(["git", "-C", str(repo), "log", "--oneline"], capture_output=True, text=True).stdout
    assert len(status.splitlines()) == len(subprocess.run(["git", "-C", str(ROOT), "log", "--oneline"],
                                                          capture_output=True, text=True).stdout.splitlines()) + 1


def test_a_value_that_breaks_a_finding_names_the_finding_and_the_stopped_notebook(repo):
    _edit(repo, "TJK,2024,remittances_gdp_pct,", "47.88521", "1.5")
    run, report = _impact(repo, "book/overview.ipynb")
    assert run.returncode == 1
    assert "ov-tjk-remittances-rose: no longer holds" in report
    assert "ov-tjk-remittances-top: no longer holds" in report
    assert "overview.ipynb` stopped" not in report and "- `overview.ipynb`: " in report
    assert "overview.ipynb stopped:" in run.stdout and "ov-tjk-remittances-rose" in run.stdout


def test_a_value_that_flips_a_claim_names_the_claim_and_its_old_and_new_verdict(repo):
    _edit(repo, "ARM,2023,nk_refugees_armgov_persons,", "100417", "80000")
    run, report = _impact(repo, "book/claims.ipynb")
    assert "sc-nk-displaced: supported → not supported" in report
    assert "sc-nk-displaced: supported → not supported" in run.stdout


def test_figure_changes_name_added_removed_and_changed_rows():
    old = pd.DataFrame({"country": ["Armenia", "Georgia"], "year": ["2021", "2021"], "value": ["1", "2"],
                        "source": ["a", "b"]})
    new = pd.DataFrame({"country": ["Armenia", "Moldova"], "year": ["2021", "2021"], "value": ["1.5", "3"],
                        "source": ["a", "b"]})
    assert figure_changes(old, new) == ["Armenia, 2021, value: 1 → 1.5", "Georgia, 2021: removed", "Moldova, 2021: added"]
    assert figure_changes(old, old) == []


def test_tables_are_compared_row_by_row_as_text():
    before = State(tables={("x.ipynb", 1): table_rows("<tr><th>Country</th></tr><tr><td>Armenia &amp; co</td></tr>")})
    after = State(tables={("x.ipynb", 1): table_rows("<tr><th>Country</th></tr><tr><td>Georgia</td></tr>")})
    report = compare(before, after, "test")
    assert report.tables == {("x.ipynb", 1): ["was: Armenia & co", "now: Georgia"]}
    assert "No finding changed." in report.markdown()  # verdicts not compared outside git


def test_committed_data_that_fail_a_stricter_loader_are_named_not_a_crash(repo):
    """A change that makes the loader stricter (and fixes the data) still gets its report: the committed data cannot
    be evaluated, and the report says why instead of stopping."""
    path = repo / "data" / "indicators.csv"
    good = path.read_text(encoding="utf-8")
    bib = data.bibliography(repo / "data")
    line, keys = next((ln, cell.split(";")) for ln in good.split("\n")[1:] if ln
                      for cell in [next(csv.reader([ln]))[5]]
                      if ";" in cell and bib[cell.split(";")[0]].tier != bib[cell.split(";")[1]].tier)
    swapped = ";".join([keys[1], keys[0], *keys[2:]])
    path.write_text(good.replace(line, line.replace(";".join(keys), swapped, 1)), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "sources out of order")
    path.write_text(good, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    code = "from nearabroad.impact import committed_state; print(committed_state().not_compared)"
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout
    assert out.startswith("the committed data do not pass the current loader (data/indicators.csv, line ")
    assert "lists its sources out of order" in out and "claim verdicts were not compared" in out
    report = compare(State(not_compared="why"), State(findings={}, claims={}), "test")
    assert "- Not compared: why." in report.markdown()
