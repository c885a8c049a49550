"""What a change to the data or code did to the book: `python -m nearabroad.impact [notebooks]` (`make execute`).

It re-executes the notebooks in place, then compares the book with its committed state (git HEAD): per figure, the
plotted values that changed (from the figure CSVs); per edited table, the rows that changed; per finding and claim,
the verdicts that flipped and the words that changed; per glued number in the prose, old and new value. The report
goes to `_build/impact.md` and a few lines are printed. Nothing is committed: the reader looks, then commits.

Outside a git checkout the baseline is the files as they were before the re-execution, and verdicts are not compared.
"""

from __future__ import annotations

import ast
import html
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import DataError

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
FIGURES = BOOK / "_extra" / "figures"
REPORT = ROOT / "_build" / "impact.md"
# Columns that say which value a figure row holds (the rest are values or their provenance), in reading order.
ROW_LABELS = ("country", "region", "partner", "organisation", "resolution", "indicator", "family", "claim", "period",
              "year", "label", "category")
PROVENANCE = {"source", "source_tier", "source_url", "publisher", "note"}


@dataclass
class State:
    """What a reader sees of the book, reduced to comparable pieces."""
    figures: dict[str, pd.DataFrame] = field(default_factory=dict)  # figure id -> plotted data
    glue: dict[tuple[str, str], str] = field(default_factory=dict)  # (notebook, key) -> glued text
    tables: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (notebook, n) -> row texts
    findings: dict[str, tuple[bool, str]] | None = None  # finding id -> (holds, words); None: not compared
    claims: dict[str, str] | None = None  # claim id -> verdict
    not_compared: str = ""  # why findings and verdicts could not be compared, if they could not


# ---- reading a state -----------------------------------------------------------------------------------------------

def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=True).stdout


def in_git() -> bool:
    try:
        return _git("rev-parse", "--is-inside-work-tree").strip() == b"true"
    except (OSError, subprocess.CalledProcessError):
        return False


def _notebook_parts(nb: dict, name: str, state: State) -> None:
    """Glued values and edited tables from a notebook's stored outputs."""
    n = 0
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            data, meta = out.get("data", {}), out.get("metadata", {})
            if "scrapbook" in meta:
                plain = next((v for k, v in sorted(data.items()) if k.endswith("text/plain")), "")
                state.glue[(name, meta["scrapbook"]["name"])] = _unquoted(_text(plain))
            elif "book-table" in _text(data.get("text/html", "")):
                n += 1
                state.tables[(name, n)] = table_rows(_text(data["text/html"]))


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _unquoted(text: str) -> str:
    """A glued string is stored as its repr ('46 %'); show the text the prose carries."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def table_rows(markup: str) -> list[str]:
    """Each row of an edited HTML table as plain text, cells joined by ' | '."""
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", markup, flags=re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows.append(" | ".join(cells))
    return rows


def _verdicts(data_dir: Path, seeds_dir: Path, state: State) -> None:
    from . import claims as cl
    from . import countries as cty
    from .data import clear_cache, load_all
    from .findings import evaluate, load_findings

    clear_cache()
    tables = load_all(data_dir)
    state.findings = {}
    for item in load_findings(seeds_dir / "findings"):
        out = evaluate(item["rule"], tables)
        state.findings[item["id"]] = (out.holds, out.text)
    results = cl.evaluate_all(cl.load_claims(seeds_dir / "claims.yml"), tables,
                              lambda iso3: cty.thesis_verdict(tables, iso3))
    state.claims = dict(zip(results["id"], results["verdict"]))
    clear_cache()


def committed_state() -> State:
    """The book as committed: figure CSVs and notebooks from HEAD; verdicts from HEAD's data and seeds."""
    state = State()
    with tempfile.TemporaryDirectory() as tmp:
        archive = _git("archive", "--format=tar", "HEAD", "data", "seeds", "book")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        _files_state(Path(tmp) / "book", state)
        try:
            _verdicts(Path(tmp) / "data", Path(tmp) / "seeds", state)
        except DataError as err:  # the change made the loader stricter than the committed data
            state.findings = state.claims = None
            state.not_compared = (f"the committed data do not pass the current loader ({str(err).replace(tmp + '/', '')}), so findings and "
                                  "claim verdicts were not compared")
    return state


def _files_state(book: Path, state: State) -> None:
    for path in sorted((book / "_extra" / "figures").glob("fig-*.csv")):
        state.figures[path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
    for path in sorted(book.glob("*.ipynb")):
        _notebook_parts(json.loads(path.read_text(encoding="utf-8")), path.name, state)


def current_state(verdicts: bool = True) -> State:
    state = State()
    _files_state(BOOK, state)
    if verdicts:
        _verdicts(ROOT / "data", ROOT / "seeds", state)
    return state


# ---- comparing -----------------------------------------------------------------------------------------------------

def _row_label(row: pd.Series) -> str:
    parts = [row[c] for c in ROW_LABELS if c in row.index and row[c] != ""]
    if "country" not in row.index and "iso3" in row.index and row["iso3"] != "":
        parts.insert(0, row["iso3"])  # a figure whose data name the country only by its code
    return ", ".join(parts) if parts else ", ".join(row.iloc[:2])


def figure_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Lines such as 'Tajikistan, latest, 2024, value: 47.88521 → 46.5', one per changed plotted value."""
    if list(old.columns) != list(new.columns):
        return [f"columns changed: {', '.join(old.columns)} → {', '.join(new.columns)}"]
    keys = [c for c in old.columns if c in ROW_LABELS or c in ("iso3", "indicator")]
    values = [c for c in old.columns if c not in keys and c not in PROVENANCE]
    lines = []
    if keys:
        merged = old.merge(new, on=keys, how="outer", suffixes=(" old", " new"), indicator=True, sort=False)
        for _, row in merged.iterrows():
            label = _row_label(row)
            if row["_merge"] == "left_only":
                lines.append(f"{label}: removed")
            elif row["_merge"] == "right_only":
                lines.append(f"{label}: added")
            else:
                for col in values + sorted(PROVENANCE & set(old.columns)):
                    if row[f"{col} old"] != row[f"{col} new"]:
                        lines.append(f"{label}, {col}: {row[f'{col} old'] or '–'} → {row[f'{col} new'] or '–'}")
        return lines
    gone = sorted(set(map(tuple, old.to_numpy())) - set(map(tuple, new.to_numpy())))
    came = sorted(set(map(tuple, new.to_numpy())) - set(map(tuple, old.to_numpy())))
    return [f"row removed: {', '.join(r)}" for r in gone] + [f"row added: {', '.join(r)}" for r in came]


@dataclass
class Report:
    baseline: str
    figures: dict[str, list[str]]
    unchanged_figures: list[str]
    tables: dict[tuple[str, int], list[str]]
    findings: list[str]
    claims: list[str]
    glue: list[str]
    failures: dict[str, str]
    not_compared: str = ""

    def summary(self) -> str:
        flips = sum("no longer holds" in f or "now holds" in f for f in self.findings)
        return (f"Change report ({REPORT.relative_to(ROOT)}), against {self.baseline}: "
                f"{len(self.figures)} figure(s) changed, {len(self.unchanged_figures)} unchanged; "
                f"{len(self.tables)} table(s) changed; {flips} finding(s) flipped, {len(self.findings) - flips} reworded; "
                f"{len(self.claims)} claim verdict(s) changed; {len(self.glue)} glued value(s) changed; "
                f"{len(self.failures)} notebook(s) stopped with an error.")

    def markdown(self) -> str:
        out = ["# What the change did", "", f"Compared with {self.baseline}.", ""]
        if self.failures:
            out += ["## Notebooks that stopped", ""]
            out += [f"- `{nb}`: {msg}" for nb, msg in sorted(self.failures.items())] + [""]
        out += ["## Figures", ""]
        for fig_id, lines in sorted(self.figures.items()):
            out.append(f"- **{fig_id}**: {len(lines)} change(s)")
            out += [f"  - {line}" for line in lines]
        out += [f"- Unchanged: {', '.join(self.unchanged_figures) or 'none'}", "", "## Tables", ""]
        for (nb, n), lines in sorted(self.tables.items()):
            out.append(f"- **{nb}, table {n}**")
            out += [f"  - {line}" for line in lines]
        if not self.tables:
            out.append("- No table changed.")
        out += ["", "## Findings", ""]
        out += [f"- Not compared: {self.not_compared}."] if self.not_compared else \
            ([f"- {line}" for line in self.findings] or ["- No finding changed."])
        out += ["", "## Claim verdicts", ""] + ([f"- {line}" for line in self.claims] or ["- No verdict changed."])
        out += ["", "## Glued values in the prose", ""] + ([f"- {line}" for line in self.glue] or ["- No glued value changed."])
        return "\n".join(out) + "\n"


def compare(before: State, after: State, baseline: str, failures: dict[str, str] | None = None) -> Report:
    figures, unchanged = {}, []
    for fig_id in sorted(set(before.figures) | set(after.figures)):
        if fig_id not in after.figures:
            figures[fig_id] = ["figure removed"]
        elif fig_id not in before.figures:
            figures[fig_id] = ["new figure"]
        else:
            lines = figure_changes(before.figures[fig_id], after.figures[fig_id])
            if lines:
                figures[fig_id] = lines
            else:
                unchanged.append(fig_id)
    tables = {}
    for key in sorted(set(before.tables) | set(after.tables)):
        old, new = before.tables.get(key, []), after.tables.get(key, [])
        if old != new:
            tables[key] = [f"was: {r}" for r in old if r not in new] + [f"now: {r}" for r in new if r not in old]
    findings, claims = [], []
    if before.findings is not None and after.findings is not None:
        for fid in sorted(set(before.findings) | set(after.findings)):
            old, new = before.findings.get(fid), after.findings.get(fid)
            if old is None or new is None:
                findings.append(f"{fid}: {'new finding' if old is None else 'finding removed'}")
            elif old[0] != new[0]:
                findings.append(f"{fid}: {'now holds' if new[0] else 'no longer holds'} (was: {old[1]}; now: {new[1]})")
            elif old[1] != new[1]:
                findings.append(f"{fid}: still holds, in new words (was: {old[1]}; now: {new[1]})")
        for cid in sorted(set(before.claims) | set(after.claims)):
            old, new = before.claims.get(cid, "–"), after.claims.get(cid, "–")
            if old != new:
                claims.append(f"{cid}: {old} → {new}")
    glue = []
    stopped = set(failures or {})
    for key in sorted(set(before.glue) | set(after.glue)):
        if key[0] in stopped:
            continue  # its outputs were not rewritten; the findings above say what moved
        old, new = before.glue.get(key, "–"), after.glue.get(key, "–")
        if old != new:
            glue.append(f"{key[0]}, `{key[1]}`: {old} → {new}")
    return Report(baseline, figures, unchanged, tables, findings, claims, glue, dict(failures or {}), before.not_compared)


# ---- running -------------------------------------------------------------------------------------------------------

def _execute(path: Path | str) -> str | None:
    """Execute one notebook in place, or write one country's profile ('profile:KAZ'); the error if it stopped."""
    from .execute import execute

    try:
        if isinstance(path, str) and path.startswith("profile:"):
            from .charts import use_style
            from .profiles import build

            use_style()
            build(countries=[path.removeprefix("profile:")])
        else:
            execute(path)
    except Exception as error:  # a stopped notebook is reported, not fatal: the report says why
        lines = [ln for ln in re.sub(r"\x1b\[[0-9;]*m", "", str(error)).splitlines() if ln.strip()]
        # the exception the notebook raised ("FindingFailed: …") and the indented lines that follow it
        starts = [i for i, ln in enumerate(lines) if re.match(r"[A-Z]\w*(Error|Failed|Exception): ", ln)]
        tail = lines[starts[-1]:] if starts else lines[-1:]
        return " ".join(ln.strip() for ln in tail[:6]) or type(error).__name__
    return None


def run(notebooks: list[Path], profiles: list[str] = ()) -> Report:
    """Re-execute `notebooks` and regenerate the `profiles` (country codes), then compare with the baseline."""
    git = in_git()
    before = committed_state() if git else current_state(verdicts=False)
    tasks = [*notebooks, *(f"profile:{code}" for code in profiles)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        names = [t if isinstance(t, str) else t.name for t in tasks]
        errors = dict(zip(names, pool.map(_execute, tasks)))
    failures = {name: msg for name, msg in errors.items() if msg}
    after = current_state(verdicts=git)
    baseline = "the committed book (git HEAD)" if git else "the files before re-execution (not a git checkout)"
    return compare(before, after, baseline, failures)


def main(argv: list[str]) -> int:
    """No arguments: every notebook and every country profile; else the notebooks named (and no profile)."""
    from .countries import FOCUS

    notebooks = [Path(p).resolve() for p in argv] or sorted(BOOK.glob("*.ipynb"))
    report = run(notebooks, [] if argv else FOCUS)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report.markdown(), encoding="utf-8")
    print(report.summary())
    for fig_id, lines in sorted(report.figures.items()):
        print(f"  {fig_id}: {lines[0]}" + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""))
    for line in report.findings + report.claims:
        print(f"  {line}")
    for name, msg in sorted(report.failures.items()):
        print(f"  {name} stopped: {msg}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
