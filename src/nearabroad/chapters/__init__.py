"""One module per chapter: its figures, tables and the facts its prose glues."""
