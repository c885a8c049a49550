"""The bibliography's style in the book: titles exactly as published (proper nouns keep their capitals), the date
each source was read, and nothing about how a source was reached (`howpublished` and `note` stay in sources.bib)."""

from __future__ import annotations

from pybtex.style.formatting.plain import Style as Plain
from pybtex.style.formatting.unsrt import date
from pybtex.style.formatting import toplevel
from pybtex.style.template import field, optional, sentence

NAME = "nearabroad"


class Style(Plain):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)  # as published: no change of case
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
