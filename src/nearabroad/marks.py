"""Exact values on hover and tap: where each data mark of a published figure sits, and what value it shows.

`publish` calls `find_marks` on the drawn figure. Every data mark (a line's vertex, a bar, a scatter point, a cell of
a grid) is matched to the row of the plotted data it shows, using what the chart itself says about the mark: its
year or position, the tick label beside it (a country, a resolution), the series it belongs to, its value. The
result goes into the figure's sidecar as positions in percent of the saved image plus a short text taken from the
row (who, what, when, the value as published, the publisher), and the book lays focusable marks over the image. The
downloaded SVG, PNG and PDF files are not touched.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.image import AxesImage

WHO = ("country", "partner", "organisation", "resolution", "series", "label", "category")
WHEN = ("year", "date", "period")
VALUE = ("value", "vote", "verdict", "share", "score", "count", "years_with_data")
SKIP = {"iso3", "source", "source_tier", "source_url", "publisher", "note", "indicator", "basis", "unit"}


def _category_ticks(axis) -> list[tuple[float, str]]:
    """(position, text) of each tick that names a category (e.g. 'Kazakhstan'), not a number on a scale."""
    out = []
    for loc, label in zip(axis.get_ticklocs(), axis.get_ticklabels()):
        text = label.get_text().replace("\n", " ").strip()
        if not text:
            continue
        try:
            float(text.replace("%", "").replace("−", "-"))
        except ValueError:
            out.append((float(loc), text))
    return out


def _at(ticks: list[tuple[float, str]], position: float) -> str | None:
    return next((text for loc, text in ticks if abs(loc - position) < 1e-6), None)


def _series_label(artist, ax) -> str | None:
    label = artist.get_label() or ""
    if not label.startswith("_"):
        return label
    colour = getattr(artist, "get_color", lambda: None)()
    for other in ax.get_lines():  # a segment after a break carries no label: take its series' label by colour
        if other.get_label() and not other.get_label().startswith("_") and other.get_color() == colour:
            return other.get_label()
    return None


def _candidates(ax) -> list[dict]:
    """Every data mark of `ax`: its display position and the hints that identify its row."""
    found = []
    xticks, yticks = _category_ticks(ax.xaxis), _category_ticks(ax.yaxis)
    # a panel's title (one country of several small panels, say) identifies its marks too
    title = " ".join(ax.get_title(loc).replace("\n", " ").strip() for loc in ("left", "center", "right")).strip()

    def add(x, y, *, value=None, series=None, cell_text=None, kind="point"):
        if not (math.isfinite(x) and math.isfinite(y)):
            return
        found.append({"xy": ax.transData.transform((x, y)), "x": x, "y": y, "value": value, "series": series,
                      "kind": kind,
                      "xcat": _at(xticks, x), "ycat": _at(yticks, y), "cell": cell_text, "title": title or None})

    for line in ax.get_lines():
        if line.get_transform() != ax.transData or line.get_marker() in (None, "None", "", " "):
            continue  # reference lines (axvline) and plain connectors are not marks
        series = _series_label(line, ax)
        for x, y in zip(line.get_xdata(), line.get_ydata()):
            add(float(x), float(y), value=float(y), series=series, kind="line")
    in_bars = {id(p) for c in ax.containers if isinstance(c, BarContainer) for p in c.patches}
    texts = {(round(t.get_position()[0], 3), round(t.get_position()[1], 3)): t.get_text() for t in ax.texts}
    for patch in ax.patches:  # cells drawn one by one (a tile map, a one-row vote strip): the centre of each
        if id(patch) in in_bars or not patch.get_fill() or patch.get_data_transform() != ax.transData:
            continue
        box = patch.get_extents().transformed(ax.transData.inverted())
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        text = texts.get((round(cx, 3), round(cy, 3))) or texts.get((round(cx, 3), 0.0) if abs(cy) < 0.05 else None)
        add(cx, cy, cell_text=text)
    for container in ax.containers:
        if isinstance(container, BarContainer):
            vertical = getattr(container, "orientation", "vertical") == "vertical"
            for bar in container.patches:
                x0, y0, w, h = bar.get_x(), bar.get_y(), bar.get_width(), bar.get_height()
                if vertical:
                    add(x0 + w / 2, y0 + h, value=h, series=_series_label(container, ax))
                else:
                    add(x0 + w, y0 + h / 2, value=w, series=_series_label(container, ax))
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_offset_transform() == ax.transData:
            series = coll.get_label() if not coll.get_label().startswith("_") else None
            for x, y in np.asarray(coll.get_offsets()):
                # a dot beside a category label shows its value along the other axis
                across = _at(yticks, float(y)) is not None and _at(xticks, float(x)) is None
                add(float(x), float(y), series=series, value=float(x) if across else float(y))
    for image in ax.get_images():
        if isinstance(image, AxesImage):
            rows, cols = image.get_array().shape[:2]
            for r in range(rows):
                for c in range(cols):
                    text = texts.get((float(c), float(r)))
                    add(float(c), float(r), cell_text=text, value=_number(text))
    return found


def _number(text: str | None) -> float | None:
    try:
        return float(text.replace(",", "").replace("%", "")) if text else None
    except ValueError:
        return None


def _matches(hint: str, cells: set[str]) -> bool:
    """'ES-11/1 (2022)' matches the cell 'ES-11/1': a tick label may add a date to the value it shows."""
    return hint in cells or any(hint.startswith(cell + " ") or cell.startswith(hint + ",")  # 'China' ~ 'China, % of …'
                                for cell in cells if len(cell) > 2)


def _text_cells(row: dict, labels: dict[str, str], names: dict[str, str]) -> set[str]:
    """The words a chart may use for this row: its text cells, plus the names its codes stand for."""
    out = set()
    for name, value in row.items():
        if name in ("source", "source_url", "note") or not isinstance(value, str) or not value:
            continue
        out |= {value, value.removeprefix("A/RES/"), value.replace("_", " ")}
        if name == "iso3" and value in names:
            out.add(names[value])
        if name == "indicator" and value in labels:
            out.add(labels[value])
    return out


def _score(hints: dict, row: dict, cells: set[str], numbers: list[str]) -> int:
    score = 0
    for key in ("xcat", "ycat", "series", "title"):
        if hints[key] and _matches(hints[key], cells):
            score += 2
    if hints["cell"] and any(line.strip() in cells for line in hints["cell"].splitlines()):
        score += 2
    if "year" in row and not hints["xcat"] and not _blank(row["year"]) and abs(float(row["year"]) - hints["x"]) < 1e-6:
        score += 2
    if hints["value"] is not None:
        for col in numbers:
            v = row[col]
            # a computed share is published rounded to two decimals (charts._as_published)
            if not _blank(v) and any(math.isclose(float(v), hints["value"] * k, rel_tol=1e-6, abs_tol=0.005)
                                     for k in (1, 1e6, 1e9)):
                score += 1
                break
    return score


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _show(value, *, grouped: bool = False) -> str:
    """A value as the figure's CSV gives it; a year without '.0'; large values (`grouped`) with thousands
    separators, so 53000000000 reads 53,000,000,000 and 5670903385.51 reads 5,670,903,385.51."""
    if isinstance(value, float) and value.is_integer() and (not grouped or abs(value) >= 10000) and abs(value) < 1e15:
        value = int(value)
    if grouped and isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 10000:
        whole, _, decimals = repr(value).partition(".")
        return f"{int(whole):,}" + (f".{decimals}" if decimals else "")
    return str(value)


def describe(row: dict, labels: dict[str, str], names: dict[str, str], units: dict[str, str] | None = None) -> str:
    """'Tajikistan · Personal remittances received, % of GDP · 2024: 47.88521 % of GDP · World Bank' from one row."""
    who = [_show(row[c]) for c in WHO if c in row and not _blank(row[c])]
    if "country" not in row and not _blank(row.get("iso3")):
        who.insert(0, names.get(row["iso3"], row["iso3"]))
    if "indicator" in row and not _blank(row["indicator"]):
        code, _, how = str(row["indicator"]).partition(" (")  # 'china_share_of_trade_pct (computed)'
        if code in labels:
            who.append(labels[code] + (f" ({how}" if how else ""))
    when = next((_show(row[c]) for c in WHEN if c in row and not _blank(row[c])), "")
    value = next((_show(row[c], grouped=True) for c in VALUE if c in row and not _blank(row[c])), "")
    who = list(dict.fromkeys(who))  # a label column may repeat the indicator's label
    unit = (units or {}).get(row.get("indicator"), "") if "value" in row and not _blank(row.get("value")) else ""
    text = " · ".join(who) + (f" · {when}" if when else "") + (f": {value}" if value else "") + (f" {unit}" if unit else "")
    if "publisher" in row and not _blank(row["publisher"]):
        text += f" · {row['publisher']}"
    return text


def find_marks(fig, bbox, data: pd.DataFrame, *, labels: dict[str, str], names: dict[str, str],
               sources: dict[str, str], units: dict[str, str] | None = None) -> list[dict]:
    """Marks of `fig` saved with `bbox` (inches): [{'x': %, 'y': %, 'text': …}], each matched to a row of `data`.

    A mark is kept only when one row matches it better than any other; its text then comes from that row (and the
    row's source, through `sources`: key -> short citation, where the row names no publisher).
    """
    frame = data.reset_index(drop=True)
    numbers = [c for c in frame.columns if c not in SKIP | {"year"} and pd.api.types.is_numeric_dtype(frame[c])]
    rows = frame.to_dict("records")
    cells = [_text_cells(row, labels, names) for row in rows]
    dpi = fig.dpi
    left, bottom, width, height = bbox.x0 * dpi, bbox.y0 * dpi, bbox.width * dpi, bbox.height * dpi
    marks = []
    for ax in fig.axes:
        for hints in _candidates(ax):
            scores = [_score(hints, row, text_cells, numbers) for row, text_cells in zip(rows, cells)]
            best = max(scores, default=0)
            if best >= 2 and scores.count(best) == 1:
                row = rows[scores.index(best)]
                text = describe(row, labels, names, units)
                if _blank(row.get("publisher")):
                    keys = [k.strip() for k in str(row.get("source", "")).split(";") if k.strip()]
                    if len(keys) > 2:
                        text += f" · {len(keys)} sources (figure data)"
                    elif keys:
                        text += " · " + "; ".join(sources.get(k, k) for k in keys)
            elif hints["value"] is not None and (hints["xcat"] or hints["ycat"] or hints["series"]):
                # a value computed from several rows (a score, a sum): what the chart shows, sources in its data
                who = [h for h in (hints["ycat"], hints["xcat"], hints["series"]) if h]
                when = f" · {hints['x']:g}" if hints["kind"] == "line" and not hints["xcat"] else ""
                shown = f"{hints['value']:,.0f}" if abs(hints["value"]) >= 1000 else f"{hints['value']:.3g}"
                text = " · ".join(dict.fromkeys(who)) + f"{when}: {shown} · sources in the figure's data"
            else:
                continue
            px, py = hints["xy"]
            x, y = (px - left) / width * 100, (bottom + height - py) / height * 100
            if 0 <= x <= 100 and 0 <= y <= 100:
                mark = {"x": round(float(x), 2), "y": round(float(y), 2), "text": text}
                if best >= 2 and scores.count(best) == 1 and isinstance(row.get("iso3"), str):
                    mark["iso3"] = row["iso3"]
                marks.append(mark)
    return marks
