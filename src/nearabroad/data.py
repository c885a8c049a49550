"""The data contract in code: read `data/*.csv`, validate each row against `data/datapackage.json`, return DataFrames.

Nothing else in the project reads the CSV files. Every check failure raises `DataError`, whose message names the
file, the line (the header is line 1) and the column, so a reader can open the file and fix the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from .errors import DataError
from .sources import ARTICLE_KEY, Bibliography

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SCHEMA_FILE = "datapackage.json"
SOURCE_SEPARATOR = ";"


def schema(data_dir: Path = DATA_DIR) -> dict:
    """The Frictionless data package descriptor: one resource per table."""
    return json.loads((Path(data_dir) / SCHEMA_FILE).read_text(encoding="utf-8"))


def resource(name: str, data_dir: Path = DATA_DIR) -> dict:
    for res in schema(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no table '{name}' in {Path(data_dir) / SCHEMA_FILE}")


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
    return Bibliography.from_file(data_dir / "sources.bib")


@cache
def _load(name: str, data_dir: Path) -> pd.DataFrame:
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    rows, lines = _read_rows(path, [f["name"] for f in fields])

    records = []
    for row, line in zip(rows, lines):
        records.append({f["name"]: _check_cell(path, line, f, row[f["name"]]) for f in fields})

    _check_primary_key(path, res["schema"].get("primaryKey", []), records, lines)
    for fk in res["schema"].get("foreignKeys", []):
        target = _load(fk["reference"]["resource"], data_dir)
        (col,), (target_col,) = fk["fields"], fk["reference"]["fields"]
        known = set(target[target_col])
        for rec, line in zip(records, lines):
            if rec[col] not in known:
                raise DataError(path, line, col, f"unknown {col} '{rec[col]}' (not in {fk['reference']['resource']})")
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


def _read_rows(path: Path, expected: list[str]) -> tuple[list[dict], list[int]]:
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        if missing or extra:
            raise DataError(path, 1, None, f"header must be {expected}; missing {missing}, unexpected {extra}")
        rows, lines = [], []
        for row in reader:
            if None in row:  # more cells than header columns
                raise DataError(path, reader.line_num, None, f"{len(header) + len(row[None])} cells, expected {len(header)}")
            rows.append(row)
            lines.append(reader.line_num)
    return rows, lines


def _check_cell(path: Path, line: int, field: dict, raw: str | None):
    name, kind = field["name"], field["type"]
    cons = field.get("constraints", {})
    text = (raw or "").strip()
    if raw is None or text != raw:
        raise DataError(path, line, name, f"missing cell or stray spaces around {raw!r}")
    if not text:
        if cons.get("required"):
            raise DataError(path, line, name, "required value is empty")
        return None if kind in ("number", "integer") else ""
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise DataError(path, line, name, f"'{text}' is not an integer")
        value = int(text)
    elif kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise DataError(path, line, name, f"'{text}' is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise DataError(path, line, name, f"'{text}' is not a finite number")
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
        raise DataError(path, line, name, f"'{value}' is not one of {cons['enum']}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        raise DataError(path, line, name, f"'{text}' does not match {cons['pattern']}")
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
            raise DataError(path, line, ",".join(key), f"duplicate key {k} (first on line {seen[k]})")
        seen[k] = line


def _check_indicator_ranges(path: Path, records: list[dict], lines: list[int], catalogue: pd.DataFrame) -> None:
    bounds = {r.indicator: (r.min, r.max) for r in catalogue.itertuples()}
    for rec, line in zip(records, lines):
        low, high = bounds[rec["indicator"]]
        if rec["value"] < low or (high == high and rec["value"] > high):  # high is NaN when unbounded
            top = "" if high != high else f"{high:g}"
            raise DataError(path, line, "value", f"{rec['value']:g} is outside [{low:g}, {top}] for {rec['indicator']}")


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
    for res in schema(data_dir)["resources"]:
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
            if "minimum" in cons or "maximum" in cons:
                rules.append(f"range {cons.get('minimum', '')}–{cons.get('maximum', '')}")
            for fk in res["schema"].get("foreignKeys", []):
                if f["name"] in fk["fields"]:
                    rules.append(f"must exist in {fk['reference']['resource']}")
            rows.append({"table": res["path"], "field": f["name"], "type": f["type"], "rules": "; ".join(rules),
                         "description": f.get("description", "")})
    return pd.DataFrame(rows)
