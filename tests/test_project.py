"""Project-wide promises: the real data validate, every source resolves, versions agree, citation file is valid."""

import json
import re
from pathlib import Path

import yaml

import nearabroad
from nearabroad import data

ROOT = Path(__file__).resolve().parents[1]


def test_real_data_validate_and_every_row_has_a_resolvable_source():
    tables = data.load_all()
    keys = data.bibliography().keys
    for name in ("indicators", "unga_votes", "memberships", "events"):
        frame = tables[name]
        assert len(frame) > 0
        for cell in frame["source"]:
            assert cell and all(k in keys for k in cell.split(";")), f"{name}: unresolvable source {cell!r}"


def test_every_bib_entry_has_an_address_and_is_used_or_cited():
    bib = data.bibliography()
    assert all(s.url.startswith("http") for s in bib.sources.values())
    used = {k for name in ("indicators", "unga_votes", "memberships", "events")
            for cell in data.load(name)["source"] for k in cell.split(";")}
    book = " ".join(p.read_text() for p in (ROOT / "book").glob("*.*") if p.suffix in (".md", ".ipynb"))
    cited = set(re.findall(r"\{cite:[pt]\}`([^`]+)`", book))
    assert bib.keys - used - cited == set()


def test_indicator_catalogue_lists_exactly_the_indicators_used():
    tables = data.load_all()
    assert set(tables["indicators"]["indicator"]) == set(tables["indicator_catalogue"]["indicator"])


def test_version_agrees_everywhere():
    version = nearabroad.__version__
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["version"] == cff["preferred-citation"]["version"] == version
    assert version not in (ROOT / "_config.yml").read_text()  # the footer takes the package's version
    assert "Version {glue:text}`book_version`" in (ROOT / "book" / "intro.ipynb").read_text()  # glued from the package
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["version"] == version
    assert f"## {version}" in (ROOT / "book" / "changelog.md").read_text()
    assert yaml.safe_load((ROOT / "data" / "datapackage.json").read_text())["version"] == version


def test_citation_cff_is_valid():
    """Checked against the rules of the Citation File Format 1.2.0 that apply to this file."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "date-released", "license", "preferred-citation"):
        assert cff.get(key), key
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    assert cff["preferred-citation"]["type"] == "report"
    for person in cff["authors"] + cff["preferred-citation"]["authors"]:
        assert person.get("name") or person.get("family-names")
    assert cff["license"] in {"CC-BY-4.0", "MIT"}


def test_notebooks_are_committed_executed_without_errors_or_stderr():
    """nbval skips unexecuted cells, so a notebook with cleared outputs would pass it: refuse that here."""
    import json

    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = json.loads(path.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1)), f"{path.name}: not run in order"
        for cell in code:
            for out in cell["outputs"]:
                assert out["output_type"] != "error", path.name
                assert not (out["output_type"] == "stream" and out["name"] == "stderr"), f"{path.name}: stderr output"
        assert "/work/" not in path.read_text() and "/tmp/" not in path.read_text(), f"{path.name}: machine path"


def test_claims_file_has_no_quotation_from_the_article():
    """Claims are paraphrased: no run of 8+ words may match the article, where the article is available."""
    article = ROOT.parent / "shared" / "seeds" / "article.txt"
    if not article.exists():
        return  # the article is copyrighted and lives outside the repository; CI has it beside the clone
    words = re.findall(r"[a-z']+", article.read_text().lower().replace("’", "'"))
    grams = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
    prose = [ROOT / "seeds" / "claims.yml", ROOT / "data" / "README.md", *sorted((ROOT / "seeds" / "findings").glob("*.yml")),
             *sorted((ROOT / "book").glob("*.ipynb")), *sorted((ROOT / "book").glob("*.md"))]
    for path in prose:
        text = re.findall(r"[a-z']+", path.read_text().lower().replace("’", "'"))
        hits = {" ".join(text[i:i + 8]) for i in range(len(text) - 7)} & grams
        assert not hits, f"{path.name} repeats the article: {sorted(hits)[:3]}"


def test_bibtex_is_safe_for_latex():
    """TeX special characters in sources.bib text fields are escaped, so the BibTeX works in a LaTeX manuscript."""
    text = (ROOT / "data" / "sources.bib").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip().split(" = ")[0]
        if name in ("url", "urldate") or " = " not in line:
            continue
        assert not re.search(r"(?<!\\)[%&#]", line), f"sources.bib line {number}: unescaped TeX character: {line}"


def test_citation_file_takes_its_address_from_the_book_configuration():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    base = config["sphinx"]["config"]["html_baseurl"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    if base:
        assert cff.get("url") == base and cff["preferred-citation"].get("url") == base
    else:  # none is invented while the book has no public address
        assert "url" not in cff and "url" not in cff["preferred-citation"]


def test_zenodo_metadata_can_mint_a_doi():
    from nearabroad.data import bibliography
    from nearabroad.sources import ARTICLE_KEY

    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    for key in ("title", "description", "creators", "license", "keywords", "upload_type"):
        assert zenodo[key], key
    assert zenodo["title"] == nearabroad.BOOK_TITLE and zenodo["creators"] == [{"name": nearabroad.BOOK_AUTHOR}]
    assert zenodo["license"] == "CC-BY-4.0"
    article = bibliography()[ARTICLE_KEY].url  # the article the report reviews, at the address the bibliography gives
    assert [r["identifier"] for r in zenodo["related_identifiers"]] == [article]


def test_changelog_section_since_the_article_is_what_the_data_give_today():
    from nearabroad import changes

    text = changes.CHANGELOG.read_text(encoding="utf-8")
    assert changes.START in text and text == changes.changelog_with_section(text), "run python -m nearabroad.changes"
