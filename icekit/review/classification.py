"""How the review's access diff classifies one change: from the broadening and narrowing reasons the
pattern comparison found, overruled by the evaluator's verdict (icekit.review.exact) when it has one."""

from __future__ import annotations

from icekit.report.model import Classification

__all__ = ["classify", "judged"]


def classify(broadening: list[str], narrowing: list[str]) -> Classification:
    if broadening:
        return "broadening"
    return "narrowing" if narrowing else "neutral"


_EXACT_REASONS: dict[Classification, str] = {
    "broadening": "allows requests the base did not (evaluated)",
    "narrowing": "refuses requests the base allowed (evaluated)",
    "neutral": "no access changed (evaluated)",
}


def judged(
    heuristic: Classification, reasons: tuple[str, ...], exact: Classification | None
) -> tuple[Classification, tuple[str, ...]]:
    """The evaluator's classification when it has one; the pattern comparison's reasons are kept, with a
    word that the evaluator overruled them."""
    if exact is None or exact == heuristic:
        return heuristic, reasons
    return exact, (*reasons, _EXACT_REASONS[exact])
