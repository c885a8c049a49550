"""The one error a reader sees for bad data: it names the file, the line and the column."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file breaks the contract. `path`, `line` and `column` say where."""

    def __init__(self, path: Path | str, line: int | None, column: str | None, message: str):
        self.path, self.line, self.column = Path(path), line, column
        where = str(path)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")
