"""The bibliography's style in the book: titles exactly as published (proper nouns keep their capitals), the date
each source was read, and nothing about how a source was reached (`howpublished` and `note` stay in sources.bib)."""

from __future__ import annotations

from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as Plain
from pybtex.style.formatting.unsrt import date
from pybtex.style.formatting import toplevel
from pybtex.style.template import field, node, optional, sentence

NAME = "nearabroad"


def latex_to_text(value: str) -> Text:
    """A BibTeX field as rich text: pybtex decodes accents, braces and \\%, but leaves an escaped dollar sign
    (needed by LaTeX in 'US\\$') as two characters."""
    return Text.from_latex(value.replace("\\$", "$"))


@node
def published(children, context, name):
    """The field exactly as published: no change of case, TeX escapes decoded."""
    assert not children
    return latex_to_text(context["entry"].fields[name])


class Style(Plain):
    def format_title(self, e, which_field, as_sentence=True):
        title = published(which_field)
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e):
        return sentence[optional[self.format_url(e), optional[" (read ", field("urldate"), ")"]]]

    def get_misc_template(self, e):
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[optional[date]],
            self.format_web_refs(e),
        ]


def register() -> None:
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.style.formatting", NAME, Style)
