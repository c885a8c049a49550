"""The bibliography (`data/sources.bib`): keys, checks, and the short attributions drawn into figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.backends.plaintext import Backend
from pybtex.database import parse_string

from .bibstyle import latex_to_text
from .errors import DataError
from .files import check_text, read_text

_PLAIN = Backend()  # made once: looking the backend up by name per call costs ~12 ms (entry-point scan)

REQUIRED_FIELDS = ("title", "year", "url", "urldate", "tier")
FIELD_HINTS = {"urldate": " (the date the source was read, YYYY-MM-DD)",
               "tier": " (primary, report, secondary or relay: see data/README.md)",
               "url": " (the address of the item itself)", "title": " (the headline as published)"}
# How close a source is to the figure or decision it gives (data/README.md, "Source tiers"), best first.
TIERS = ("primary", "report", "secondary", "relay")
# The article whose claims the book tests: a subject, never evidence for a data row.
ARTICLE_KEY = "trofimov2023"


@dataclass(frozen=True)
class Source:
    key: str
    author: str
    title: str
    year: str
    url: str
    tier: str = "primary"
    urldate: str = ""

    @property
    def short(self) -> str:
        """Author-year form, as used in source lines: 'World Bank (2025)'."""
        return f"{self.author} ({self.year})"


class Bibliography:
    def __init__(self, sources: dict[str, Source]):
        self.sources = sources

    @property
    def keys(self) -> set[str]:
        return set(self.sources)

    def __getitem__(self, key: str) -> Source:
        return self.sources[key]

    @classmethod
    def from_file(cls, path: Path, latest: str | None = None) -> "Bibliography":
        """Read and check `sources.bib`; `latest` is the data cut-off, which no `urldate` may pass."""
        path = Path(path)
        text = read_text(path)
        check_text(path, text)
        _check_outside_entries(path, text)
        try:
            db = parse_string(text, "bibtex")
        except Exception as exc:  # pybtex raises several types; all mean a malformed file
            line = getattr(exc, "lineno", None) or _line_of(text, str(exc).rpartition(": ")[2].strip())
            raise DataError(path, line, None, f"is not valid BibTeX: {exc}") from None
        sources = {}
        for key, entry in db.entries.items():
            line = _line_of(text, key)
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                raise DataError(path, line, "key", f"key '{key}' must be lowercase letters, digits and hyphens")
            for name in REQUIRED_FIELDS:
                if not entry.fields.get(name, "").strip():
                    raise DataError(path, line, name, f"entry '{key}' has no {name}{FIELD_HINTS.get(name, '')}")
            tier = entry.fields["tier"].strip()
            if tier not in TIERS:
                raise DataError(path, line, "tier", f"entry '{key}' has tier '{tier}'; use one of {', '.join(TIERS)}")
            urldate = entry.fields["urldate"].strip()
            if not re.fullmatch(r"20[0-9]{2}-[01][0-9]-[0-3][0-9]", urldate):
                raise DataError(path, line, "urldate", f"entry '{key}' has urldate '{urldate}'; write the date read as YYYY-MM-DD")
            if latest and urldate > latest:
                raise DataError(path, line, "urldate", f"entry '{key}' was read on {urldate}, after the data cut-off {latest}")
            if _plain(entry.fields["title"]).lstrip().startswith("["):
                # a bracketed title is a description of the item, not the title it was published under
                raise DataError(path, line, "title", f"entry '{key}' has a title in square brackets, a description "
                                "rather than the title as published; give the published headline, or cite another source")
            persons = entry.persons.get("author", [])
            if not persons:
                raise DataError(path, line, "author", f"entry '{key}' has no author")
            sources[key] = Source(
                key=key,
                author=_authors(persons),
                title=_plain(entry.fields["title"]),
                year=entry.fields["year"].strip(),
                url=entry.fields["url"].strip(),
                tier=tier,
                urldate=urldate,
            )
        return cls(sources)

    def short(self, keys: list[str] | str) -> str:
        """'A (2023); B (2024)' for the given keys, de-duplicated, sorted for stable output."""
        if isinstance(keys, str):
            keys = [k.strip() for k in keys.split(";")]
        return "; ".join(sorted({self.sources[k].short for k in keys}))


    def best_tier(self, keys: list[str] | str) -> str:
        """The best tier among the given keys ('primary' beats 'report' beats 'secondary' beats 'relay')."""
        if isinstance(keys, str):
            keys = [k.strip() for k in keys.split(";") if k.strip()]
        return min((self.sources[k].tier for k in keys), key=TIERS.index)


_ENTRY_START = re.compile(r"@\w+\s*\{")
_BRACE_OR_TEXT = re.compile(r"\\.|[{}]|@\w+\s*\{|[^\s{}\\@]+|@", re.S)


def _check_outside_entries(path: Path, text: str) -> None:
    """BibTeX ignores text between entries; here it is an error, because a stray '}' turns the rest of an entry into
    such text and its fields would vanish without a word."""
    depth = 0
    for match in _BRACE_OR_TEXT.finditer(text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and _ENTRY_START.fullmatch(token):
            depth = 1
        elif depth == 0:  # anything else at the top level: text outside an entry (an escape \x inside is skipped)
            line = text.count("\n", 0, match.start()) + 1
            raise DataError(path, line, None, f"text outside any entry ({token[:20]!r}); an entry may have lost or "
                            "gained a '}'")
    if depth:
        raise DataError(path, None, None, "an entry is not closed: a '}' is missing")


def _line_of(text: str, key: str) -> int | None:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_LATEX_MARKUP = re.compile(r"[\\$~%&#^_]|--|``|''")


def _plain(value: str) -> str:
    """BibTeX/LaTeX text to plain Unicode (accents, dashes, protective braces)."""
    if not _LATEX_MARKUP.search(value):  # only protective braces: the full parser costs ~1 ms a title
        return value.replace("{", "").replace("}", "").strip()
    return latex_to_text(value).render(_PLAIN).strip()


def _authors(persons) -> str:
    names = [_plain(" ".join(p.last_names) or str(p)) for p in persons]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."
