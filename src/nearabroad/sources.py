"""The bibliography (`data/sources.bib`): keys, checks, and the short attributions drawn into figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.backends.plaintext import Backend
from pybtex.database import parse_string
from pybtex.richtext import Text

from .errors import DataError

_PLAIN = Backend()  # made once: looking the backend up by name per call costs ~12 ms (entry-point scan)

REQUIRED_FIELDS = ("title", "year", "url", "urldate", "tier")
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
    def from_file(cls, path: Path) -> "Bibliography":
        path = Path(path)
        if not path.exists():
            raise DataError(path, None, None, "file not found")
        text = path.read_text(encoding="utf-8")
        try:
            db = parse_string(text, "bibtex")
        except Exception as exc:  # pybtex raises several types; all mean a malformed file
            raise DataError(path, None, None, f"not valid BibTeX: {exc}") from None
        sources = {}
        for key, entry in db.entries.items():
            line = _line_of(text, key)
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                raise DataError(path, line, "key", f"key '{key}' must be lowercase letters, digits and hyphens")
            for name in REQUIRED_FIELDS:
                if not entry.fields.get(name, "").strip():
                    raise DataError(path, line, name, f"entry '{key}' has no {name}")
            tier = entry.fields["tier"].strip()
            if tier not in TIERS:
                raise DataError(path, line, "tier", f"entry '{key}' has tier '{tier}'; use one of {', '.join(TIERS)}")
            urldate = entry.fields["urldate"].strip()
            if not re.fullmatch(r"20[0-9]{2}-[01][0-9]-[0-3][0-9]", urldate):
                raise DataError(path, line, "urldate", f"entry '{key}' has urldate '{urldate}'; write the date read as YYYY-MM-DD")
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


def _line_of(text: str, key: str) -> int | None:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _plain(value: str) -> str:
    """BibTeX/LaTeX text to plain Unicode (accents, dashes, protective braces)."""
    return Text.from_latex(value).render(_PLAIN).strip()


def _authors(persons) -> str:
    names = [_plain(" ".join(p.last_names) or str(p)) for p in persons]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."
