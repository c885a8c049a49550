"""Property-based tests of the data contract: corrupt the real files the way editors and spreadsheets do, then load.

The property: loading either gives exactly what the clean files give (for harmless changes: CRLF line ends, a
byte-order mark, reordered columns or rows), or raises `DataError` naming a real file and, where it gives one, a line
inside that file -- never another exception, never a silently changed value. Runs are bounded (fixed examples, no
shrinking past a few seconds) so `make test` stays fast (about 22 s on one core for 300 examples); an example that once failed is kept as a
fixture test in test_data.py.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from nearabroad import claims, data, findings
from nearabroad.errors import DataError

TABLES = data.table_names(ROOT / "data")
SAME, REJECT = "same", "reject"
# Latin letters and the Cyrillic letters that look the same.
LOOKALIKE = dict(zip("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ"))
INVISIBLE = ["\x00", "\x07", "\t", "\x1b", "\x85", "\u200b", "\u200e", "\u2028", "\ufeff"]
BAD_NUMBERS = ["1e3", "1.2E+08", "nan", "NaN", "inf", "-inf", "1,5", "1_000", "+5", ".5", "5.", "12.5%", "-3",
               "1" + "0" * 16, "0x1F", "٣"]
BAD_YEARS = ["1999", "2027", "3000", "-1", "2022.0", "20 22", "MMXXII"]
# the first day a date may not take: the day after the data cut-off in datapackage.json
DAY_AFTER_CUTOFF = str(date.fromisoformat(data.cutoff()) + timedelta(days=1))
BAD_DATES = [DAY_AFTER_CUTOFF, "2031-01-01", "2023-02-30", "2023-13-01", "02-03-2022", "2022/03/02", "2022-3-2"]
BAD_PARTIAL_DATES = ["2027", "2030-01", "2026-12-31", "22-06", "2022-6"]
EXAMPLES = dict(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A copy of the real data folder, its clean tables and each file's original bytes (restored after every example)."""
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(ROOT / "data", folder)
    data.clear_cache()
    clean = data.load_all(folder)
    originals = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    yield folder, clean, originals
    data.clear_cache()


def _restore(folder, originals):
    for name, raw in originals.items():
        (folder / name).write_bytes(raw)


def _check(folder, clean, expected, reload_bib):
    """Load every table after the corruption and hold the result to the property."""
    data._load.cache_clear()
    if reload_bib:
        data._bibliography.cache_clear()
    try:
        tables = data.load_all(folder)
    except DataError as err:
        _located(err, folder)
        return
    assert expected == SAME, "a corrupted file was accepted without a word"
    for name, frame in clean.items():
        pd.testing.assert_frame_equal(tables[name], frame)


def _located(err: DataError, folder) -> None:
    assert err.path.parent == folder and err.path.exists(), err
    assert str(err).startswith(str(err.path)), err
    if err.line is not None:
        lines = err.path.read_bytes().count(b"\n") + 1
        assert 1 <= err.line <= lines, err


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _write_rows(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _structured(res: dict) -> set[str]:
    """Columns whose every character matters: codes, keys, numbers, dates, enums, source keys."""
    fks = {f for fk in res["schema"].get("foreignKeys", []) for f in fk["fields"]}
    out = set()
    for f in res["schema"]["fields"]:
        cons = f.get("constraints", {})
        if f["type"] != "string" or "pattern" in cons or "enum" in cons or f["name"] in fks | {"source", "indicator"}:
            out.add(f["name"])
    return out


def _whole_file(draw, text: str, kind: str):
    """Corruptions any text file can suffer: Windows line ends and a byte-order mark (harmless), another encoding,
    a cut inside a line."""
    if kind == "crlf":
        return text.replace("\n", "\r\n"), SAME
    if kind == "bom":
        return "\ufeff" + text, SAME
    if kind == "utf16":
        return text.encode("utf-16"), REJECT
    cut = draw(st.integers(1, len(text) - 2))
    assume(text[cut - 1] != "\n")
    return text[:cut], REJECT


WHOLE_FILE = ("crlf", "bom", "utf16", "truncate")


def _corrupt_csv(draw, text: str, res: dict) -> tuple[str, str]:
    """One corruption of a table's text, and whether the loader must give the same tables or reject it."""
    rows = _rows(text)
    header, body = rows[0], rows[1:]
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    kind = draw(st.sampled_from(["crlf", "bom", "reorder_columns", "reorder_rows", "encoding", "empty", "header_only",
                                 "truncate", "drop_column", "duplicate_column", "duplicate_row", "quote",
                                 "invisible", "lookalike", "bad_cell", "unknown_key"]))
    event(kind)
    r = draw(st.integers(0, len(body) - 1))
    if kind in WHOLE_FILE:
        return _whole_file(draw, text, kind)
    if kind == "reorder_columns":
        order = draw(st.permutations(range(len(header))))
        return _write_rows([[row[i] for i in order] for row in rows]), SAME
    if kind == "reorder_rows":
        return _write_rows([header] + draw(st.permutations(body))), SAME
    if kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-32", "cp1252", "cp1251", "latin-1"]))
        try:
            raw = text.encode(codec)
        except UnicodeEncodeError:
            assume(False)
        return raw, SAME if raw == text.encode("utf-8") else REJECT
    if kind == "empty":
        return draw(st.sampled_from(["", "\n", "\r\n", " \n"])), REJECT
    if kind == "header_only":
        return _write_rows([header]), REJECT
    if kind == "drop_column":
        i = draw(st.integers(0, len(header) - 1))
        return _write_rows([row[:i] + row[i + 1:] for row in rows]), REJECT
    if kind == "duplicate_column":
        i = draw(st.integers(0, len(header) - 1))
        return _write_rows([row + [row[i]] for row in rows]), REJECT
    if kind == "duplicate_row":
        return _write_rows([header] + body + [body[r]]), REJECT
    c = draw(st.integers(0, len(header) - 1))
    cell = body[r][c]
    if kind == "quote":  # a stray quote mark opening a cell runs it into the following lines
        lines = text.split("\n")
        lines[r + 1] = _raw_quote(lines[r + 1], c)
        assume(lines[r + 1] is not None)
        return "\n".join(lines), REJECT
    if kind == "invisible":
        at = draw(st.integers(0, len(cell)))
        body[r][c] = cell[:at] + draw(st.sampled_from(INVISIBLE)) + cell[at:]
        return _write_rows([header] + body), REJECT
    if kind == "lookalike":  # one Latin letter of a word with other Latin letters becomes its Cyrillic twin
        spots = [i for i, ch in enumerate(cell) if ch in LOOKALIKE and _latin_word_at(cell, i)]
        assume(spots)
        i = draw(st.sampled_from(spots))
        body[r][c] = cell[:i] + LOOKALIKE[cell[i]] + cell[i + 1:]
        return _write_rows([header] + body), REJECT
    name = header[c]
    field = fields[name]
    if kind == "bad_cell":
        assume(name in _structured(res) and field["type"] != "string")
        if field["type"] == "number":
            assume(res["name"] == "indicators")  # catalogue bounds are editorial; values must stay in them
            bad = draw(st.sampled_from(BAD_NUMBERS))
        elif field["type"] == "integer":
            bad = draw(st.sampled_from(BAD_YEARS))
        else:
            bad = draw(st.sampled_from(BAD_DATES))
        body[r][c] = bad
        return _write_rows([header] + body), REJECT
    # unknown_key: a code, key or source key that exists nowhere, in the right format
    if name in ("start", "end"):
        body[r][c] = draw(st.sampled_from(BAD_PARTIAL_DATES))
    elif name == "iso3":
        body[r][c] = draw(st.sampled_from(["XYZ", "QQQ", "RUX"]))
    elif name in ("indicator", "source"):
        body[r][c] = draw(st.sampled_from(["gdp_usd_zz", "no-such-source-2024", "trofimov2023"]))
    else:
        assume(False)
    assume(res["name"] not in ("countries", "indicator_catalogue"))  # those keys are targets, not references
    return _write_rows([header] + body), REJECT


def _raw_quote(line: str, column: int) -> str | None:
    """The raw CSV line with a double quote opening cell `column` (None if that cell is already quoted)."""
    starts, inside = [0], False
    for i, ch in enumerate(line):
        if ch == '"':
            inside = not inside
        elif ch == "," and not inside:
            starts.append(i + 1)
    at = starts[column]
    return None if line[at:at + 1] == '"' else line[:at] + '"' + line[at:]


def _latin_word_at(text: str, i: int) -> bool:
    lo, hi = i, i + 1
    while lo > 0 and text[lo - 1].isalpha():
        lo -= 1
    while hi < len(text) and text[hi].isalpha():
        hi += 1
    word = text[lo:hi]
    return len(word) >= 2 and word.isascii()


@settings(**EXAMPLES)
@given(st.data())
def test_corrupted_tables_are_rejected_with_their_place_or_read_unchanged(work, draw_data):
    folder, clean, originals = work
    table = draw_data.draw(st.sampled_from(TABLES), label="table")
    res = data.resource(table, folder)
    path = folder / res["path"]
    assume(table != "series_breaks")  # may legitimately be empty; its rows are fuzzed through indicators' breaks
    text = originals[path.name].decode("utf-8")
    new, expected = _corrupt_csv(draw_data.draw, text, res)
    try:
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        _check(folder, clean, expected, reload_bib=False)
    finally:
        _restore(folder, originals)


@settings(**{**EXAMPLES, "max_examples": 80})
@given(st.data())
def test_corrupted_bibliography_is_rejected_with_its_place(work, draw_data):
    folder, clean, originals = work
    text = originals["sources.bib"].decode("utf-8")
    draw = draw_data.draw
    kind = draw(st.sampled_from(["crlf", "bom", "utf16", "truncate", "drop_brace", "extra_brace", "duplicate_entry",
                                 "drop_field", "bad_tier", "future_read", "invisible"]))
    event(kind)
    lines = text.split("\n")
    field_lines = [i for i, line in enumerate(lines) if line.strip().startswith(("title =", "url =", "urldate =",
                                                                                  "tier =", "year =", "author ="))]
    expected = REJECT
    if kind in WHOLE_FILE:
        new, expected = _whole_file(draw, text, kind)
    elif kind in ("drop_brace", "extra_brace"):
        braces = [i for i, ch in enumerate(text) if ch in "{}" and text[i - 1] != "\\"]
        i = draw(st.sampled_from(braces))
        new = text[:i] + text[i + 1:] if kind == "drop_brace" else text[:i] + "}" + text[i:]
    elif kind == "duplicate_entry":
        entries = text.split("\n\n")
        new = text + "\n" + draw(st.sampled_from(entries[:-1])).strip() + "\n"
    elif kind == "drop_field":
        i = draw(st.sampled_from(field_lines))
        new = "\n".join(lines[:i] + lines[i + 1:])
    elif kind == "bad_tier":
        tiers = [i for i in field_lines if lines[i].strip().startswith("tier =")]
        i = draw(st.sampled_from(tiers))
        lines[i] = "  tier = {" + draw(st.sampled_from(["blog", "Primary", "", "primary?", "tier-1"])) + "},"
        new = "\n".join(lines)
    elif kind == "future_read":
        dates = [i for i in field_lines if lines[i].strip().startswith("urldate =")]
        i = draw(st.sampled_from(dates))
        lines[i] = "  urldate = {" + draw(st.sampled_from([DAY_AFTER_CUTOFF, "2031-01-01", "2026-13-01", "30.11.2026"])) + "},"
        new = "\n".join(lines)
    else:
        i = draw(st.sampled_from(field_lines))
        at = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + draw(st.sampled_from(INVISIBLE)) + lines[i][at:]
        new = "\n".join(lines)
    path = folder / "sources.bib"
    try:
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        _check(folder, clean, expected, reload_bib=True)
    finally:
        _restore(folder, originals)
        data._bibliography.cache_clear()


@settings(**{**EXAMPLES, "max_examples": 40})
@given(st.data())
def test_damaged_package_descriptor_is_rejected_with_its_place(work, draw_data):
    folder, clean, originals = work
    text = originals["datapackage.json"].decode("utf-8")
    desc = json.loads(text)
    draw = draw_data.draw
    kind = draw(st.sampled_from(["crlf", "bom", "truncate", "drop_syntax", "bad_type", "drop_fields", "no_resources",
                                 "bad_key", "rename_table", "bad_cutoff", "earlier_cutoff", "not_object"]))
    event(kind)
    expected = REJECT
    res = draw(st.sampled_from(desc["resources"]))
    if kind in WHOLE_FILE:
        new, expected = _whole_file(draw, text, kind)
    elif kind == "drop_syntax":
        spots = [i for i, ch in enumerate(text) if ch in '{}[]:,"']
        i = draw(st.sampled_from(spots))
        new = text[:i] + text[i + 1:]
    else:
        if kind == "bad_type":
            draw(st.sampled_from(res["schema"]["fields"]))["type"] = draw(st.sampled_from(["nummber", "", "float", None]))
        elif kind == "drop_fields":
            del res["schema"]["fields"]
        elif kind == "no_resources":
            desc["resources"] = draw(st.sampled_from([[], {}, None]))
        elif kind == "bad_key":
            res["schema"]["primaryKey"] = ["no_such_column"]
        elif kind == "rename_table":
            res["name"] = res["name"] + "_old"
        elif kind == "bad_cutoff":
            desc["cutoff"] = draw(st.sampled_from(["", "2026-12", "02.12.2026", None, 20261202]))
        elif kind == "earlier_cutoff":  # rows and readings after an earlier cut-off must be refused
            desc["cutoff"] = "2025-06-30"
        else:
            desc = draw(st.sampled_from([[], "resources", 42]))
        new = json.dumps(desc, indent=2) + "\n"
    path = folder / "datapackage.json"
    try:
        path.write_bytes(new.encode("utf-8"))
        _check(folder, clean, expected, reload_bib=True)
    finally:
        _restore(folder, originals)
        data._bibliography.cache_clear()


YAML_FILES = [ROOT / "seeds" / "claims.yml", *sorted((ROOT / "seeds" / "findings").glob("*.yml"))]


@settings(**{**EXAMPLES, "max_examples": 60})
@given(st.data())
def test_corrupted_claims_and_findings_are_rejected_with_their_place(tmp_path, draw_data):
    draw = draw_data.draw
    source = draw(st.sampled_from(YAML_FILES), label="file")
    is_claims = source.name == "claims.yml"
    folder = tmp_path / "seeds"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / source.name
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    key_lines = [i for i, line in enumerate(lines) if line.lstrip("- ").split(":")[0] in ("id", "rule", "chapter",
                                                                                           "region", "basis", "measure")
                 and line.startswith(("- ", "  ")) and not line.startswith("    ")]
    kind = draw(st.sampled_from(["crlf", "bom", "utf16", "truncate", "invisible", "duplicate_key", "lookalike_key",
                                 "tab_indent", "empty", "not_a_list"]))
    event(kind)
    expected = REJECT
    if kind in WHOLE_FILE:
        new, expected = _whole_file(draw, text, kind)
    elif kind == "invisible":
        i = draw(st.integers(0, len(lines) - 2))
        at = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + draw(st.sampled_from(INVISIBLE)) + lines[i][at:]
        new = "\n".join(lines)
    elif kind == "duplicate_key":  # the same key twice in one item: YAML would keep the second silently
        i = draw(st.sampled_from(key_lines))
        assume(":" in lines[i] and lines[i].split(":", 1)[1].strip())  # a one-line value
        lines.insert(i + 1, "  " + lines[i].lstrip("- "))
        new = "\n".join(lines)
    elif kind == "lookalike_key":
        i = draw(st.sampled_from(key_lines))
        key_end = lines[i].index(":")
        spots = [k for k, ch in enumerate(lines[i][:key_end]) if ch in LOOKALIKE]
        assume(spots)
        j = draw(st.sampled_from(spots))
        lines[i] = lines[i][:j] + LOOKALIKE[lines[i][j]] + lines[i][j + 1:]
        new = "\n".join(lines)
    elif kind == "tab_indent":
        i = draw(st.sampled_from(key_lines))
        lines[i] = "\t" + lines[i]
        new = "\n".join(lines)
    elif kind == "empty":
        new = draw(st.sampled_from(["", "\n", "# nothing yet\n"]))
    else:
        new = draw(st.sampled_from(["id: a\n", "just text\n", "{}\n"]))
    path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir()
    shutil.copy(source, clean / source.name)

    def load(folder_or_file):
        return claims.load_claims(folder_or_file / source.name) if is_claims else findings.load_findings(folder_or_file)

    try:
        loaded = load(folder)
    except DataError as err:
        assert err.path == path, err
        if err.line is not None:
            assert 1 <= err.line <= path.read_bytes().count(b"\n") + 1, err
        return
    assert expected == SAME, "a corrupted file was accepted without a word"
    assert loaded == load(clean)
