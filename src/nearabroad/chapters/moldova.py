"""Moldova chapter: Gazprom's gas, UN votes, trade, remittances, formal ties, dated events and the verdict.

Every function reads the loaded tables (`nearabroad.data.load_all()`); figures return `(fig, data)` with the plotted
values one row each and their sources, tables return edited HTML through `present`, and `facts` gives the numbers the
prose glues that are not findings (values without a direction word, partial-year figures, dates, the verdict).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch, Rectangle

from .. import analysis as an
from .. import countries, plots, present
from ..charts import PARTNER_COLOURS, VOTE_COLOURS, VOTE_ORDER, new_figure
from ..data import bibliography

ISO3 = "MDA"
GAS_YEARS = range(2016, 2021)  # Gazprom's annual volumes for Moldova (incl. Transnistria), from its own releases
UNPUBLISHED_UNTIL = 2024  # the last full year of Gazprom deliveries (they stopped on 1 January 2025)
# Resolutions that concern Ukraine's territorial integrity (the vote signal of `countries`), then the others.
TERRITORIAL = [*countries.TERRITORIAL["before"], *countries.TERRITORIAL["after"]]
ORGANISATIONS = {"EU": "European Union", "CIS": "Commonwealth of Independent States (CIS)",  # in table order
                 "CIS Inter-Parliamentary Assembly": "CIS Inter-Parliamentary Assembly",
                 "EAEU": "Eurasian Economic Union", "GUAM": "GUAM (with Georgia, Ukraine, Azerbaijan)"}
STATUSES = {"member": "Member", "observer": "Observer", "applicant": "Applicant", "candidate": "Candidate",
            "association_agreement": "Association agreement", "withdrawing": "Withdrawal under way"}
SIGNAL_WORDS = {"votes": "UN votes", "trade": "trade", "opinion": "opinion", "formal": "formal ties"}
DIRECTIONS = {"away": "Away from Russia", "toward": "Toward Russia", "no change": "No change", "no data": "No data",
              "mixed": "Mixed", "already aligned": "Already with the majority every time"}


# ---- helpers --------------------------------------------------------------------------------------------------------

def _rows(tables, indicator: str) -> pd.DataFrame:
    return an.series(tables["indicators"], indicator, ISO3)


def _breaks(tables, indicator: str) -> list[int]:
    b = tables["series_breaks"]
    return sorted(int(y) for y in b[(b["iso3"] == ISO3) & (b["indicator"] == indicator)]["year"])


def _plotted(rows: pd.DataFrame, label: str) -> pd.DataFrame:
    return rows.assign(series=label)[["iso3", "year", "indicator", "series", "value", "publisher", "source"]]


def _years(years) -> str:
    """[2014, 2015, 2016, 2018, 2022] -> '2014–2016, 2018 and 2022'."""
    years, runs = sorted(int(y) for y in years), []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    parts = [f"{a}–{b}" if b > a + 1 else (f"{a}, {b}" if b > a else str(a)) for a, b in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _missing_years(rows: pd.DataFrame, first: int, last: int) -> str:
    return _years(sorted(set(range(first, last + 1)) - set(rows["year"])))


def _best_sources(cell: str) -> str:
    """A row's sources without relays, when a better source supports it ('' if only relays do)."""
    bib = bibliography()
    return ";".join(k for k in cell.split(";") if bib[k].tier != "relay")


def _events(tables, energy: bool) -> pd.DataFrame:
    ev = tables["events"]
    ev = ev[(ev["iso3"] == ISO3) & ((ev["category"] == "energy") == energy)]
    ev = ev.assign(source=ev["source"].map(_best_sources))
    return ev[ev["source"] != ""]


_names = an.country_names


# ---- figures --------------------------------------------------------------------------------------------------------

def figure_gas(tables):
    """Gazprom's deliveries to Moldova including Transnistria, in the full years Gazprom published them; the years
    after, up to 2024, are marked as unpublished (not drawn as zero)."""
    rows = _rows(tables, "gas_imports_from_russia_bcm")
    rows = rows[rows["year"].isin(GAS_YEARS)]
    last = int(rows["year"].max())
    fig, ax = new_figure(6.4, 2.8)
    ax.bar(rows["year"], rows["value"], width=0.6, color=PARTNER_COLOURS["Russia"])
    for x, v in zip(rows["year"], rows["value"]):
        ax.text(x, v + 0.05, f"{v:g}", ha="center", va="bottom", fontsize=8)
    ax.axvspan(last + 0.5, UNPUBLISHED_UNTIL + 0.5, color="#EEEEEE", lw=0)
    ax.text((last + 1 + UNPUBLISHED_UNTIL) / 2, 1.6, "No annual volume\nin these data", ha="center", va="center",
            fontsize=8, color="#555555")
    ax.set_xticks(range(int(rows["year"].min()), UNPUBLISHED_UNTIL + 1))
    ax.set_xlim(rows["year"].min() - 0.6, UNPUBLISHED_UNTIL + 0.5)
    ax.set_ylabel("billion cubic metres")
    ax.set_ylim(0, 3.6)
    return fig, _plotted(rows, "Gazprom deliveries to Moldova incl. Transnistria")


def figure_votes(tables):
    """Moldova's vote on every General Assembly resolution on Ukraine: territorial integrity first, then the rest."""
    votes = tables["unga_votes"]
    rows = votes[votes["iso3"] == ISO3]
    order = TERRITORIAL + [r for r in an.resolutions_in_order(votes) if r not in TERRITORIAL]
    rows = rows.set_index("resolution").reindex(order).reset_index()
    fig, ax = new_figure(6.4, 2.3)
    for x, vote in enumerate(rows["vote"]):
        colour = VOTE_COLOURS.get(vote, "#FFFFFF")  # a missing cell stays white, marked "?"
        ax.add_patch(Rectangle((x - 0.45, -0.45), 0.9, 0.9, facecolor=colour, edgecolor="#999999", lw=0.5))
        ax.text(x, 0, {"yes": "Y", "no": "N", "abstain": "A", "absent": "–"}.get(vote, "?"), ha="center",
                va="center", fontsize=8, color="white" if vote in ("yes", "no") else "#333333")
    ax.axvline(len(TERRITORIAL) - 0.5, color="#333333", lw=1)
    ax.text((len(TERRITORIAL) - 1) / 2, 0.75, "Territorial integrity", ha="center", fontsize=8)
    ax.text((len(TERRITORIAL) + len(order) - 1) / 2, 0.75, "Other resolutions on Ukraine", ha="center", fontsize=8)
    labels = [an.RESOLUTION_LABELS[r] + "\n" + an.RESOLUTION_SUBJECTS[r] for r in order]
    ax.set_xticks(range(len(order)), labels, fontsize=7)
    ax.set_yticks([])
    ax.set_xlim(-0.5, len(order) - 0.5)
    ax.set_ylim(-0.5, 1.0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.legend(handles=[Patch(color=VOTE_COLOURS[v], label=lab) for v, lab in
                       zip(VOTE_ORDER, ["Yes (with the majority)", "Abstained", "Did not vote", "No (with Russia)"])],
              loc="upper center", bbox_to_anchor=(0.5, -0.56), ncol=4, fontsize=7)
    data = rows.assign(territorial=rows["resolution"].isin(TERRITORIAL),
                       date=pd.to_datetime(rows["date"]).dt.strftime("%Y-%m-%d"))
    return fig, data[["resolution", "date", "iso3", "territorial", "vote", "source"]]


def figure_trade(tables):
    """Left: the EU's and Russia's shares of Moldova's goods exports (statistics office). Right: China's share of
    Moldova's goods trade, computed from the IMF's partner and total values. Full years only; gaps stay gaps."""
    eu, ru = _rows(tables, "eu_share_of_exports_pct"), _rows(tables, "russia_share_of_exports_pct")
    cn = an.partner_share(tables["indicators"], "china", [ISO3])
    fig, (left, right) = new_figure(6.4, 3.4, ncols=2, width_ratios=[3, 2])
    exports = pd.concat({"EU": eu.set_index("year")["value"], "Russia": ru.set_index("year")["value"]}, axis=1)
    plots.lines(exports, ylabel="% of goods exports", colours=PARTNER_COLOURS, ax=left, percent=True,
                breaks={"EU": _breaks(tables, "eu_share_of_exports_pct"),
                        "Russia": _breaks(tables, "russia_share_of_exports_pct")})
    plots.lines(cn.set_index("year")[["value"]].rename(columns={"value": "China"}), ylabel="% of goods trade",
                colours=PARTNER_COLOURS, ax=right, percent=True)
    left.set_title("Exports: EU and Russia\n(statistics office)", fontsize=9)
    right.set_title("Trade: China\n(IMF, exports + imports)", fontsize=9)
    left.set_ylim(0, 80)
    right.set_ylim(0, 12)
    left.set_xticks(range(2014, 2025, 2))
    right.set_xticks(range(2016, 2025, 2))
    china = cn.assign(indicator="china_share_of_trade_pct (computed)", series="China, % of goods trade")
    data = pd.concat([_plotted(eu, "EU, % of goods exports"), _plotted(ru, "Russia, % of goods exports"),
                      china[["iso3", "year", "indicator", "series", "value", "publisher", "source", "basis"]]])
    return fig, data.reset_index(drop=True)


def figure_remittances(tables):
    """Personal remittances received, % of GDP, as the World Bank publishes them."""
    rows = _rows(tables, "remittances_gdp_pct")
    fig, ax = plots.lines(rows.set_index("year")[["value"]].rename(columns={"value": ISO3}), ylabel="% of GDP",
                          names=_names(tables), percent=True, height=3.0,
                          breaks={ISO3: _breaks(tables, "remittances_gdp_pct")})
    return fig, _plotted(rows, "Personal remittances received, % of GDP")


# ---- tables ---------------------------------------------------------------------------------------------------------

def table_memberships(tables):
    """Moldova's memberships and statuses, with what each start date marks."""
    m = tables["memberships"]
    m = m[m["iso3"] == ISO3]
    m = m.assign(order=m["organisation"].map(list(ORGANISATIONS).index)).sort_values(["order", "start"])
    frame = pd.DataFrame({
        "Organisation": m["organisation"].map(lambda o: ORGANISATIONS.get(o, o)),
        "Status": m["status"].map(STATUSES),
        "From": m["start"].map(present.long_date),
        "Until": m["end"].map(lambda e: present.long_date(e) if e else ""),
        "The start date marks": m["start_marks"],
        "Source": m["source"].map(present.source_links),
    })
    return present.table(frame, html_columns=("Source",))


def events_energy(tables):
    return present.event_list(_events(tables, energy=True), _names(tables), with_country=False)


def events_other(tables):
    return present.event_list(_events(tables, energy=False), _names(tables), with_country=False)


def signals_row(tables) -> pd.Series:
    table = countries.signals(tables, [ISO3])
    return table.iloc[0]


def table_signals(tables):
    """The four signals of the report's verdict for Moldova, with the numbers behind each, then the verdict."""
    row = signals_row(tables)
    frame = pd.DataFrame({
        "Signal": [countries.SIGNAL_LABELS[s] for s in countries.SIGNALS] + ["Verdict"],
        "Moldova": [DIRECTIONS.get(row[s], row[s]) for s in countries.SIGNALS] + [row["verdict"].capitalize()],
        "Behind it": [row[f"{s}_detail"] for s in countries.SIGNALS] + [""],
    })
    return present.table(frame)


# ---- facts ----------------------------------------------------------------------------------------------------------

def facts(tables) -> dict[str, str]:
    """Numbers and words the prose glues that are not findings: values without a direction, partial-year figures,
    dates of formal steps, missing years, and the verdict."""
    ind = tables["indicators"]
    gas = _rows(tables, "gas_imports_from_russia_bcm").set_index("year")["value"]
    china = an.partner_share(ind, "china", [ISO3]).set_index("year")["value"]
    transfers_year, transfers_share = an.latest(ind, ISO3, "russia_share_of_transfers_pct")
    m = tables["memberships"]
    m = m[m["iso3"] == ISO3].set_index(["organisation", "status"])["start"]
    row = signals_row(tables)
    no_data = [SIGNAL_WORDS[s] for s in countries.SIGNALS if row[s] == "no data"]
    return {
        "md_gas_first": str(min(GAS_YEARS)),
        "md_gas_last": str(max(GAS_YEARS)),
        "md_gas_min": f"{gas[list(GAS_YEARS)].min():g}",
        "md_gas_max": f"{gas[list(GAS_YEARS)].max():g}",
        "md_energocom_jan_sep_2024": f"{an.value(ind, ISO3, 'energocom_gas_purchases_jan_sep_mcm', 2024):g}",
        "md_romanian_share_jan_sep_2024":
            f"{an.value(ind, ISO3, 'gas_imports_share_romanian_producers_jan_sep_pct', 2024):g} %",
        "md_china_share_2021": f"{china[2021]:.1f} %",
        "md_china_share_2024": f"{china[2024]:.1f} %",
        "md_china_last_year": str(int(china.index.max())),
        "md_eu_missing": _missing_years(_rows(tables, "eu_share_of_exports_pct"), 2014, 2025),
        "md_russia_missing": _missing_years(_rows(tables, "russia_share_of_exports_pct"), 2014, 2025),
        "md_transfers_russia_share": f"{transfers_share:.0f} %",
        "md_transfers_russia_year": str(transfers_year),
        "md_eu_applied": present.long_date(m[("EU", "applicant")]),
        "md_eu_candidate": present.long_date(m[("EU", "candidate")]),
        "md_eu_association": present.long_date(m[("EU", "association_agreement")]),
        "md_cis_member": present.long_date(m[("CIS", "member")])[-4:],
        "md_cis_withdrawing": present.long_date(m[("CIS", "withdrawing")]),
        "md_ipa_withdrawing": present.long_date(m[("CIS Inter-Parliamentary Assembly", "withdrawing")]),
        "md_eaeu_observer": present.long_date(m[("EAEU", "observer")])[-4:],
        "md_verdict": row["verdict"],
        "md_no_data_signals": " and ".join(no_data) if no_data else "none",
    }
