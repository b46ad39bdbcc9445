"""The admin report's chart: the funnel and sessions held per month, as a PNG (matplotlib's Agg backend: no
display). Bars and points about fewer than 5 people are left out and labelled "fewer than 5"."""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bot.domain.report import FUNNEL, SUPPRESSED, Report, shown


def chart_png(report: Report) -> bytes:
    fig, (funnel_ax, trend_ax) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=100)
    try:
        counts = [shown(report.funnel.get(stage, 0)) for stage in FUNNEL]
        bars = funnel_ax.barh(list(FUNNEL)[::-1], [c or 0 for c in counts][::-1], color="#4a7ebb")
        for bar, count in zip(bars, counts[::-1], strict=True):
            funnel_ax.annotate(SUPPRESSED if count is None else f"{count:,}", (bar.get_width(), bar.get_y() + 0.4),
                               xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        funnel_ax.set_title("Funnel (people)")
        funnel_ax.margins(x=0.25)
        months = sorted(report.held_by_month)
        values = [shown(report.held_by_month[m]) for m in months]
        trend_ax.plot(months, [v if v is not None else float("nan") for v in values], marker="o", color="#2e8b57")
        for month, value in zip(months, values, strict=True):
            if value is None:
                trend_ax.annotate(SUPPRESSED, (month, 0), fontsize=7, rotation=90, va="bottom", ha="center")
        trend_ax.set_title("Sessions held per month")
        trend_ax.set_ylim(bottom=0)
        trend_ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        fig.suptitle(f"Mentoring report: {report.program}")
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
