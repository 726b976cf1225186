"""Evaluators: pure functions from a transaction and a catalogue to findings.

Each evaluator owns the named tests it runs: the ``scope.triggers`` of rules
(``TRIGGER_TESTS``) and the ``test`` of red flags (``RED_FLAG_TESTS``).
"""

from tradescreen.rules.evaluators import catch_all, designated, red_flags, routes, vessels
from tradescreen.rules.evaluators.catch_all import evaluate_catch_all
from tradescreen.rules.evaluators.categories import evaluate_item_categories
from tradescreen.rules.evaluators.designated import evaluate_designated_party
from tradescreen.rules.evaluators.hs_codes import evaluate_hs_codes, validate_hs_codes
from tradescreen.rules.evaluators.red_flags import evaluate_activities, evaluate_red_flags
from tradescreen.rules.evaluators.routes import evaluate_route
from tradescreen.rules.evaluators.vessels import DesignatedVessel, VesselIndex, evaluate_vessel

#: Every trigger name some evaluator tests.
TRIGGER_TESTS = (
    frozenset(routes.TRIGGER_TESTS) | frozenset(vessels.TRIGGER_TESTS) | {designated.TRIGGER}
)
#: Every red-flag test some evaluator runs.
RED_FLAG_TESTS = (
    red_flags.RED_FLAG_TESTS
    | routes.RED_FLAG_TESTS
    | vessels.RED_FLAG_TESTS
    | catch_all.RED_FLAG_TESTS
)

__all__ = [
    "RED_FLAG_TESTS",
    "TRIGGER_TESTS",
    "DesignatedVessel",
    "VesselIndex",
    "evaluate_activities",
    "evaluate_catch_all",
    "evaluate_designated_party",
    "evaluate_hs_codes",
    "evaluate_item_categories",
    "evaluate_red_flags",
    "evaluate_route",
    "evaluate_vessel",
    "validate_hs_codes",
]
