"""Reading the files an editor saves (CSV, BibTeX, YAML, JSON): plain text checks shared by every reader.

A spreadsheet or an editor can save a file in another encoding, add a byte-order mark, cut it short or slip in an
invisible character. Each of these becomes one `DataError` naming the file and the line, never a traceback and never
a silently changed value.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from .errors import DataError

BOM = "\ufeff"
# Characters that change a value without showing on screen: control characters (a line break inside a cell too),
# zero-width characters, line/paragraph separators and a byte-order mark anywhere but at the start.
_URL = re.compile(r"https?://[^\s}]+")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile("[A-Za-z]")
_OTHER_SCRIPT = re.compile("[\u0370-\u03ff\u0400-\u04ff]")
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff\ufffe]")


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a leading byte-order mark is accepted and dropped), not empty, not cut short."""
    path = Path(path)
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(path, line, None, f"is not UTF-8 text (byte number {exc.start} has value 0x{raw[exc.start]:02x}); "
                        "save it again as UTF-8 (in a spreadsheet: 'CSV UTF-8')") from None
    text = text.removeprefix(BOM)
    if not text.strip():
        raise DataError(path, None, None, "is empty")
    if not text.endswith("\n"):
        raise DataError(path, text.count("\n") + 1, None,
                        "does not end with a line break, so it may have been cut short; check the last line and end it with Enter")
    return text.replace("\r\n", "\n")


def invisible_character(value: str) -> str | None:
    """A description of the first invisible character in `value` ('U+200B ZERO WIDTH SPACE'), or None."""
    match = _INVISIBLE.search(value)
    if not match:
        return None
    char = match.group()
    names = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}
    return names.get(char) or f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def mixed_word(value: str) -> str | None:
    """The first word mixing Latin with Cyrillic or Greek letters ('Kаzakhstan' with a Cyrillic 'а'), or None."""
    for word in _WORD.findall(value):
        if _LATIN.search(word) and _OTHER_SCRIPT.search(word):
            return word
    return None


def problem(value: str) -> str | None:
    """What is wrong with a piece of text an editor cannot see on screen, or None."""
    found = invisible_character(value)
    if found == "a line break":
        return "holds a line break, usually left by a stray quote mark (\") opening a cell; remove or close the quote"
    if found:
        return f"contains {found}; delete it and retype the text around it"
    word = mixed_word(_URL.sub(" ", value))  # an address is spelt as its publisher made it
    if word:
        return f"has the word '{word}', which mixes Latin and Cyrillic or Greek letters (a look-alike letter); retype it"
    return None


def check_text(path: Path, text: str) -> None:
    """Reject a text file holding an invisible character or a look-alike letter, naming its line (YAML, BibTeX)."""
    for number, line in enumerate(text.split("\n"), start=1):
        found = problem(line)
        if found:
            raise DataError(path, number, None, found)


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key given twice in one mapping is an error (YAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"'{key}' is given twice (first on line {seen[key]})",
                                                        key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def read_yaml_list(path: Path, what: str) -> list[tuple[int, dict]]:
    """A YAML file holding a list of mappings (claims, findings): each item with the line it starts on."""
    path = Path(path)
    text = read_text(path)
    check_text(path, text)
    try:
        node = yaml.compose(text, Loader=_UniqueKeyLoader)
        items = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, line, None, f"is not valid YAML: {exc.problem or exc.context}") from None
    if items is None:
        raise DataError(path, None, None, f"holds no {what}")
    if not isinstance(items, list):
        raise DataError(path, node.start_mark.line + 1, None, f"must be a list of {what} (each starting with '- ')")
    out = []
    for item, item_node in zip(items, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise DataError(path, line, None, f"each of the {what} must be a set of 'field: value' lines")
        out.append((line, item))
    return out


def checked_records(path: Path, noun: str, required: tuple, optional: tuple, seen: dict):
    """Each item of a YAML list of records (claims, findings) with a `fail(column, message)` that raises a located
    error; required and unknown fields and the id (text, unique across `seen`) are checked first."""
    for line, item in read_yaml_list(path, f"{noun}s"):
        def fail(column, message, item=item, line=line):
            raise DataError(path, line, column, f"{noun} '{item.get('id', '?')}' {message}")

        missing = [k for k in required if k not in item]
        if missing:
            fail(missing[0], f"lacks {', '.join(missing)}")
        unknown = [k for k in item if k not in required + optional]
        if unknown:
            fail(str(unknown[0]), f"has unknown field '{unknown[0]}'; the fields are {', '.join(required + optional)}")
        if not isinstance(item["id"], str) or not item["id"]:
            fail("id", "needs an id written as text")
        if item["id"] in seen:
            fail("id", f"repeats an id first used in {seen[item['id']]}")
        seen[item["id"]] = f"{Path(path).name}, line {line}"
        yield item, fail


def between_markers(text: str, start: str, end: str, body: str) -> str:
    """`text` with what lies between the marker lines `start` and `end` replaced by `body` (generated sections)."""
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{body}\n{end}{tail}"
