"""Decisions: the findings of every check, combined into one decision.

A decision is prohibited, license_required, review or clear.
"""

from tradescreen.model.findings import DECISIONS, Decision, Finding, LegalBasis

__all__ = ["DECISIONS", "Decision", "Finding", "LegalBasis"]
