"""The data contract in code: read `data/*.csv`, validate each row against `data/datapackage.json`, return DataFrames.

Nothing else in the project reads the CSV files. Every check failure raises `DataError`, whose message names the
file, the line (the header is line 1) and the column, so a reader can open the file and fix the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from .errors import DataError
from .files import problem, read_text
from .sources import ARTICLE_KEY, TIERS, Bibliography

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SCHEMA_FILE = "datapackage.json"
SOURCE_SEPARATOR = ";"
FIELD_TYPES = ("string", "number", "integer", "date")
TABLES = ("countries", "indicator_catalogue", "series_breaks", "indicators", "unga_votes", "memberships", "events")
# A plain decimal number as the data files write it: no exponent (spreadsheets turn 123456789 into 1.23457E+08,
# losing digits), no thousands separator, no sign other than a leading minus, nothing like 'nan' or 'inf'.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def schema(data_dir: Path = DATA_DIR) -> dict:
    """The Frictionless data package descriptor: one resource per table, checked for the parts the loader uses."""
    path = Path(data_dir) / SCHEMA_FILE
    text = read_text(path)
    try:
        desc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(path, exc.lineno, None, f"is not valid JSON at character {exc.colno} of the line ({exc.msg}); "
                        "a comma, quote mark or brace is usually missing or extra there") from None
    _check_schema(path, desc)
    return desc


def cutoff(data_dir: Path = DATA_DIR) -> str:
    """The data cut-off (YYYY-MM-DD): no event, vote, membership date, year or reading of a source is later."""
    return schema(data_dir)["cutoff"]


def resource(name: str, data_dir: Path = DATA_DIR) -> dict:
    for res in schema(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(Path(data_dir) / SCHEMA_FILE, None, None, f"has no table named '{name}'")


def _check_schema(path: Path, desc) -> None:
    def fail(where: str, message: str):
        raise DataError(path, None, None, f"{where}: {message}")

    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list) or not desc["resources"]:
        fail("top level", "needs a non-empty list 'resources'")
    if not isinstance(desc.get("cutoff"), str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", desc["cutoff"]):
        fail("top level", "needs 'cutoff', the data cut-off date as YYYY-MM-DD")
    names = set()
    for i, res in enumerate(desc["resources"]):
        where = f"resources[{i}]"
        if not isinstance(res, dict) or not all(isinstance(res.get(k), str) for k in ("name", "path")):
            fail(where, "needs a 'name' and a 'path'")
        fields = res.get("schema", {}).get("fields") if isinstance(res.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields:
            fail(f"{where} ({res['name']})", "needs 'schema' with a non-empty list 'fields'")
        for j, f in enumerate(fields):
            if not isinstance(f, dict) or not isinstance(f.get("name"), str) or f.get("type") not in FIELD_TYPES:
                fail(f"{where} ({res['name']}) field {j}", f"needs a 'name' and a 'type', one of {', '.join(FIELD_TYPES)}")
            if not isinstance(f.get("constraints", {}), dict):
                fail(f"{where} ({res['name']}) field '{f['name']}'", "'constraints' must be an object")
        field_names = [f["name"] for f in fields]
        for key in res["schema"].get("primaryKey", []):
            if key not in field_names:
                fail(f"{where} ({res['name']})", f"primary key '{key}' is not one of its fields")
        names.add(res["name"])
    for name in TABLES:
        if name not in names:
            fail("resources", f"has no table named '{name}' (the book reads {', '.join(TABLES)})")
    for res in desc["resources"]:
        for fk in res["schema"].get("foreignKeys", []):
            ok = (isinstance(fk, dict) and isinstance(fk.get("reference"), dict)
                  and fk["reference"].get("resource") in names and len(fk.get("fields", [])) == 1)
            if not ok:
                fail(f"table {res['name']}", f"foreign key {fk} must name one field and an existing table")


def table_names(data_dir: Path = DATA_DIR) -> list[str]:
    return [res["name"] for res in schema(data_dir)["resources"]]


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Load one table, validated against its schema, its foreign keys and the bibliography."""
    return _load(name, Path(data_dir).resolve()).copy()


def load_all(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    return {name: load(name, data_dir) for name in table_names(data_dir)}


def bibliography(data_dir: Path = DATA_DIR) -> Bibliography:
    return _bibliography(Path(data_dir).resolve())


def clear_cache() -> None:
    """Forget loaded tables (tests that rewrite files call this)."""
    _load.cache_clear()
    _bibliography.cache_clear()


@cache
def _bibliography(data_dir: Path) -> Bibliography:
    return Bibliography.from_file(data_dir / "sources.bib", latest=schema(data_dir)["cutoff"])


@cache
def _load(name: str, data_dir: Path) -> pd.DataFrame:
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    rows, lines = _read_rows(path, [f["name"] for f in fields], res.get("mayBeEmpty", False))
    latest = schema(data_dir)["cutoff"]

    records = []
    for row, line in zip(rows, lines):
        record = {f["name"]: _check_cell(path, line, f, row.get(f["name"])) for f in fields}
        for f in fields:
            when = str(record[f["name"]] or "")
            # A year, a month or a full date: compare it with the cut-off cut to the same length.
            if f.get("notAfterCutoff") and when and when > latest[:len(when)]:
                raise DataError(path, line, f["name"], f"{when} is after the data cut-off {latest} (set in "
                                f"{SCHEMA_FILE}); check the date, or move the cut-off if the data were updated")
        records.append(record)

    _check_primary_key(path, res["schema"].get("primaryKey", []), records, lines)
    for fk in res["schema"].get("foreignKeys", []):
        target = _load(fk["reference"]["resource"], data_dir)
        (col,), (target_col,) = fk["fields"], fk["reference"]["fields"]
        known = set(target[target_col])
        for rec, line in zip(records, lines):
            if rec[col] not in known:
                raise DataError(path, line, col, f"unknown {col} '{rec[col]}': it is not in {fk['reference']['resource']}.csv")
    if any(f["name"] == "source" for f in fields):
        keys = _bibliography(data_dir).keys
        for rec, line in zip(records, lines):
            for key in rec["source"].split(SOURCE_SEPARATOR):
                key = key.strip()
                if not key:
                    raise DataError(path, line, "source", "empty source key")
                if key == ARTICLE_KEY:
                    raise DataError(path, line, "source", "the article under test cannot be evidence for its own claims")
                if key not in keys:
                    raise DataError(path, line, "source", f"source key '{key}' is not in sources.bib")
        _check_source_order(path, records, lines, _bibliography(data_dir), relay_alone_allowed=name != "indicators")
    if name == "indicators":
        _check_indicator_ranges(path, records, lines, _load("indicator_catalogue", data_dir))
        _check_one_publisher_per_series(path, records, lines, _load("series_breaks", data_dir))

    frame = pd.DataFrame.from_records(records, columns=[f["name"] for f in fields])
    for f in fields:
        if f["type"] == "date":
            frame[f["name"]] = pd.to_datetime(frame[f["name"]])
        elif f["type"] == "integer":
            frame[f["name"]] = frame[f["name"]].astype("int64")
        elif f["type"] == "number":
            frame[f["name"]] = frame[f["name"]].astype("float64")
    key = res["schema"].get("primaryKey", [])
    return frame.sort_values(key, kind="stable").reset_index(drop=True) if key else frame


def _check_source_order(path: Path, records: list[dict], lines: list[int], bib: Bibliography,
                        relay_alone_allowed: bool) -> None:
    """Sources are listed best tier first (the first is the one a reader should open), and a number never rests on
    relays alone (a relay repeats someone else's figure: find the report or the primary record it repeats)."""
    for rec, line in zip(records, lines):
        keys = [k.strip() for k in rec["source"].split(SOURCE_SEPARATOR)]
        tiers = [bib[k].tier for k in keys]
        if not relay_alone_allowed and all(t == "relay" for t in tiers):
            raise DataError(path, line, "source", f"rests only on relay sources ({', '.join(keys)}); add the report or "
                            "the primary record the relay repeats, listed first")
        order = sorted(keys, key=lambda k: TIERS.index(bib[k].tier))  # stable: equal tiers keep their order
        if order != keys:
            raise DataError(path, line, "source", f"lists its sources out of order ({', '.join(f'{k}: {t}' for k, t in zip(keys, tiers))}); "
                            f"list the best tier first: {SOURCE_SEPARATOR.join(order)}")


def _read_rows(path: Path, expected: list[str], may_be_empty: bool = False) -> tuple[list[dict], list[int]]:
    """Rows as {column: text} with the line each starts on; the header must name each expected column once."""
    reader = csv.reader(io.StringIO(read_text(path)))
    rows, lines = [], []
    try:
        header = next(reader)
        for name in header:
            if header.count(name) > 1:
                raise DataError(path, 1, name, f"column '{name}' appears {header.count(name)} times in the header")
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        if missing or extra:
            raise DataError(path, 1, None, f"the header must be {','.join(expected)}"
                            + "".join(f"; {label} {', '.join(cols)}" for label, cols in (("missing:", missing), ("not expected:", extra)) if cols))
        line = reader.line_num + 1
        for cells in reader:
            if len(cells) > len(header):
                raise DataError(path, line, None, f"has {len(cells)} cells but the header has {len(header)} columns (a comma inside a cell needs quotes)")
            row = dict(zip(header, cells))
            for name, cell in row.items():
                found = problem(cell)
                if found:  # a line break inside a cell usually comes from a stray quote mark
                    raise DataError(path, line, name, found)
            rows.append(row)
            lines.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(path, reader.line_num, None, f"cannot be read as CSV: {exc}") from None
    if not rows and not may_be_empty:
        raise DataError(path, 1, None, "has a header but no rows; restore the rows below it")
    return rows, lines


def _check_cell(path: Path, line: int, field: dict, raw: str | None):
    name, kind = field["name"], field["type"]
    cons = field.get("constraints", {})
    text = (raw or "").strip()
    if raw is None or text != raw:
        raise DataError(path, line, name, f"missing cell or stray spaces around {raw!r}" if raw is not None else "missing cell: the row ends early")
    if not text:
        if cons.get("required"):
            raise DataError(path, line, name, "required value is empty")
        return None if kind in ("number", "integer") else ""
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise DataError(path, line, name, f"'{text}' is not a whole number")
        value = int(text)
    elif kind == "number":
        if not PLAIN_NUMBER.fullmatch(text):
            raise DataError(path, line, name, f"'{text}' is not a number written in plain digits (like 1234567 or 12.5: "
                            "no exponent, no thousands separator, a point for decimals)")
        value = float(text)
    elif kind == "date":
        try:
            value = dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise DataError(path, line, name, f"'{text}' is not a date (YYYY-MM-DD)") from None
        if value != text:
            raise DataError(path, line, name, f"'{text}' is not a date (YYYY-MM-DD)")
    else:
        value = text
    if "enum" in cons and value not in cons["enum"]:
        raise DataError(path, line, name, f"'{value}' is not one of: {', '.join(cons['enum'])}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        raise DataError(path, line, name, f"'{text}' does not have the expected form (pattern {cons['pattern']})")
    if "minimum" in cons and value < cons["minimum"]:
        raise DataError(path, line, name, f"{value} is below the minimum {cons['minimum']}")
    if "maximum" in cons and value > cons["maximum"]:
        raise DataError(path, line, name, f"{value} is above the maximum {cons['maximum']}")
    return value


def _check_primary_key(path: Path, key: list[str], records: list[dict], lines: list[int]) -> None:
    seen: dict[tuple, int] = {}
    for rec, line in zip(records, lines):
        k = tuple(rec[c] for c in key)
        if k in seen:
            raise DataError(path, line, ",".join(key), f"repeats line {seen[k]}: the same {', '.join(key)} ({', '.join(map(str, k))})")
        seen[k] = line


def _check_indicator_ranges(path: Path, records: list[dict], lines: list[int], catalogue: pd.DataFrame) -> None:
    bounds = {r.indicator: (r.min, r.max) for r in catalogue.itertuples()}
    for rec, line in zip(records, lines):
        low, high = bounds[rec["indicator"]]
        if rec["value"] < low or (high == high and rec["value"] > high):  # high is NaN when unbounded
            top = "" if high != high else f"{high:g}"
            raise DataError(path, line, "value", f"{rec['value']:g} is outside the range {low:g} to {top or 'no limit'} set for {rec['indicator']} in indicator_catalogue.csv")


def _check_one_publisher_per_series(path: Path, records: list[dict], lines: list[int], breaks: pd.DataFrame) -> None:
    """A series (country x indicator) keeps one publisher; a change must be recorded in series_breaks.csv."""
    recorded = {(r.iso3, r.indicator, r.year): r.publisher for r in breaks.itertuples()}
    by_series: dict[tuple, list[tuple[int, str, int]]] = {}
    for rec, line in zip(records, lines):
        by_series.setdefault((rec["iso3"], rec["indicator"]), []).append((rec["year"], rec["publisher"], line))
    for (iso3, indicator), rows in by_series.items():
        rows.sort()
        for (_, before, _), (year, after, line) in zip(rows, rows[1:]):
            if after != before and recorded.get((iso3, indicator, year)) != after:
                raise DataError(path, line, "publisher", f"{iso3} {indicator} changes publisher from '{before}' to "
                                f"'{after}' in {year} without a row for it in series_breaks.csv")


def dictionary(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every field of every table, with its type, rules and description, straight from the published schema."""
    rows = []
    desc = schema(data_dir)
    for res in desc["resources"]:
        key = res["schema"].get("primaryKey", [])
        for f in res["schema"]["fields"]:
            cons = f.get("constraints", {})
            rules = []
            if cons.get("required"):
                rules.append("required")
            if f["name"] in key:
                rules.append("key")
            if "enum" in cons:
                rules.append("one of: " + ", ".join(cons["enum"]))
            if "pattern" in cons:
                rules.append(f"pattern {cons['pattern']}")
            low, high = cons.get("minimum"), cons.get("maximum")
            if low is not None and high is not None:
                rules.append(f"range {low}–{high}")
            elif high is not None:
                rules.append(f"at most {high:,}")
            elif low is not None:
                rules.append(f"at least {low}")
            if f.get("notAfterCutoff"):
                rules.append(f"not after the data cut-off ({desc['cutoff']})")
            for fk in res["schema"].get("foreignKeys", []):
                if f["name"] in fk["fields"]:
                    rules.append(f"must exist in {fk['reference']['resource']}")
            rows.append({"table": res["path"], "field": f["name"], "type": f["type"], "rules": "; ".join(rules),
                         "description": f.get("description", "")})
    return pd.DataFrame(rows)
