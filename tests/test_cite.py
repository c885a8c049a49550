"""Figure citations paste into a manuscript: BibTeX that parses with every TeX special escaped, RIS with its tags."""

import re

from pybtex.database import parse_string

from nearabroad.cite import figure_citation, tex_escape

AWKWARD = "Russia's share (%) of trade & transfers: $ and # in_titles {braces} ~ ^ \\ back"


ESCAPE = re.compile(r"\\(textbackslash|textasciitilde|textasciicircum)\{\}|\\[{}%&$#_]")
UNESCAPE = {"textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^"}


def test_tex_escape_leaves_no_bare_special_character_and_can_be_undone():
    assert tex_escape("50% & more_") == r"50\% \& more\_"
    escaped = tex_escape(AWKWARD)
    assert not set(ESCAPE.sub("", escaped)) & set("\\{}%&$#_~^")
    undone = ESCAPE.sub(lambda m: UNESCAPE.get(m.group(1), m.group()[1:]), escaped)
    assert undone == AWKWARD


def test_bibtex_parses_and_gives_back_the_title_unchanged():
    cite = figure_citation("fig-x-y", "3.2", AWKWARD, "World Bank; SIPRI.", "book/x.html", "https://example.org/nab/")
    db = parse_string(cite["bibtex"], "bibtex")
    entry = db.entries["loosening-grip-fig-x-y"]
    assert entry.fields["title"] == tex_escape(f"Figure 3.2: {AWKWARD}")
    assert entry.fields["url"] == "https://example.org/nab/book/x.html#fig-x-y"
    assert entry.fields["version"] and entry.fields["year"] == "2026"


def test_ris_has_type_first_end_last_and_only_well_formed_tags():
    ris = figure_citation("fig-x-y", "3.2", AWKWARD, "World Bank.", "book/x.html", "https://example.org")["ris"]
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - FIGURE" and lines[-2] == "ER  - " and lines[-1] == ""
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    assert "UR  - https://example.org/book/x.html#fig-x-y" in lines
    assert f"TI  - Figure 3.2: {AWKWARD}" in lines


def test_without_a_base_address_no_url_is_invented():
    cite = figure_citation("fig-x-y", "3.2", "A title", "World Bank.", "book/x.html", "")
    assert cite["url"] == ""
    assert "http" not in cite["plain"] + cite["bibtex"] + cite["ris"]
    assert "version" in cite["plain"] and "fig-x-y" in cite["plain"]
    assert "url" not in parse_string(cite["bibtex"], "bibtex").entries["loosening-grip-fig-x-y"].fields
