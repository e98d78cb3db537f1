"""Reconciling the fitted model with the market and cost methods, in words for the report."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ..valuation import MIN_COMPARABLES, Valuation, money


def reconcile_fitted(
    fitted, *, version: int, error: dict, liquidation: Decimal | None = None, life_months: float | None = None
) -> Valuation:
    """The fitted model with market and cost, weighed by their measured error (`fitted` is an
    appraisal.pricing Estimate; `error` the group's measured error on sales it had not seen)."""
    methods = {name: figure for name, figure in fitted.methods.items() if figure is not None}
    reconciled = error.get("reconciled", {})
    explanation = [
        _(
            "Fitted model v%(version)s (%(sales)s sales): ¥%(figure)s. Measured on sales it had not seen: "
            "mean error %(mape)s%%, the 80%% range held the price %(coverage)s%% of the time."
        )
        % {
            "version": version,
            "sales": error.get("sales", "?"),
            "figure": fitted.methods["model"],
            "mape": round(100 * reconciled.get("mape", 0), 1),
            "coverage": round(100 * reconciled.get("coverage", 0), 1),
        }
    ]
    if "market" in methods:
        explanation.append(
            _("Market comparison: %(n)s comparable sales of the same brand and model, ¥%(market)s.")
            % {"n": fitted.comparables, "market": methods["market"]}
        )
    else:
        explanation.append(
            _("Market comparison not possible: %(found)s comparable sales found, %(needed)s needed.")
            % {"found": fitted.comparables, "needed": MIN_COMPARABLES}
        )
    if "cost" in methods:
        explanation.append(
            _(
                "Cost method: replacement cost new × newness rate fitted from sales "
                "(life %(life)s months) = ¥%(cost)s."
            )
            % {"life": round(life_months or 0), "cost": methods["cost"]}
        )
    if liquidation is not None:
        methods["liquidation"] = money(liquidation)
        explanation.append(
            _("Liquidation value for a quick sale: ¥%(value)s (not weighed in).")
            % {"value": money(liquidation)}
        )
    weights = {name: Decimal(str(w)) for name, w in fitted.weights.items() if w}
    explanation.append(
        _("Reconciled by measured error: %(weights)s = ¥%(estimate)s, 80%% range ¥%(low)s–¥%(high)s.")
        % {
            "weights": ", ".join(f"{name} {int(round(w * 100))}%" for name, w in weights.items()),
            "estimate": fitted.estimate,
            "low": fitted.low,
            "high": fitted.high,
        }
    )
    if fitted.factors:
        explanation.append(
            _("Strongest factors: %(factors)s.") % {"factors": "；".join(f["text"] for f in fitted.factors)}
        )
    return Valuation(
        estimate=fitted.estimate,
        low=fitted.low,
        high=fitted.high,
        methods=methods,
        weights=weights,
        explanation=explanation,
    )
