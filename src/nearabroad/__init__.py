"""Shared code of the report: data contract, bibliography, chart house style and analysis helpers."""

from importlib.metadata import version as _version

__version__ = _version("nearabroad")

BOOK_TITLE = "Loosening Grip: Russia's Near Abroad after the Invasion of Ukraine"
BOOK_AUTHOR = "Near Abroad Data Report team"
BOOK_YEAR = "2026"
BOOK_SHORT = f"Loosening Grip v{__version__} ({BOOK_YEAR})"
LICENCE_DATA = "CC BY 4.0"


def setup_notebook() -> None:
    """Call once at the top of each chapter: house style, inline SVG without dates, stable pandas display."""
    import pandas as pd
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    from .charts import use_style

    use_style()
    set_matplotlib_formats("svg", bbox_inches="tight", metadata={"Date": None})
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
