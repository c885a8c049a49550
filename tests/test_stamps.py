"""Content stamps: what counts as an input of a step."""

from nearabroad import stamps


def test_a_figure_being_replaced_beside_the_build_is_not_an_input(tmp_path, monkeypatch):
    """`make book` proves the notebooks and builds the HTML side by side; the proof replaces each figure file through
    a hidden temporary file, which the build's stamp must neither read nor count (it may vanish between the two)."""
    monkeypatch.setattr(stamps, "ROOT", tmp_path)
    figures = tmp_path / "book" / "_extra" / "figures"
    figures.mkdir(parents=True)
    (figures / "fig-a.svg").write_text("a", encoding="utf-8")
    before = stamps.digest(("book",))
    (figures / ".fig-a.svg.123.tmp").write_text("half written", encoding="utf-8")
    assert stamps.digest(("book",)) == before
    (figures / "fig-a.svg").write_text("b", encoding="utf-8")
    assert stamps.digest(("book",)) != before
