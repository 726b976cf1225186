"""Catch-all red flags and activity rules (services, finance, joint ventures, workers)."""

from __future__ import annotations

import pytest

from tradescreen.exc import TransactionError
from tradescreen.model.transaction import Item, Party, Route, Transaction, parse_transaction
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators import RED_FLAG_TESTS, TRIGGER_TESTS
from tradescreen.rules.evaluators.red_flags import evaluate_activities, evaluate_red_flags

CATALOGUE = load_catalogue()

CLEAN_PARTIES = (
    Party("exporter", "Precision Tubes GmbH", "DE", "Industriestr. 5, Stuttgart"),
    Party("consignee", "Kuala Lumpur Engineering Sdn Bhd", "MY", "Jalan Ampang 10"),
)


def _flags(tx: Transaction) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.subject, f.evidence) for f in evaluate_red_flags(tx, CATALOGUE)]


def test_every_named_test_in_the_catalogue_is_run_by_an_evaluator() -> None:
    tests = {f.test for f in CATALOGUE.red_flags.values() if f.test is not None}
    assert tests <= RED_FLAG_TESTS
    assert RED_FLAG_TESTS <= tests  # and no evaluator runs a test no flag names
    triggers = {t for rule in CATALOGUE.rules.values() for t in rule.scope.triggers}
    # designated_party_involved is tested on the party screening's findings (designated.py).
    assert triggers <= TRIGGER_TESTS


def test_clean_order_raises_no_flag() -> None:
    tx = Transaction(
        id="t",
        parties=CLEAN_PARTIES,
        items=(Item("steel flanges", "7307.91", value=80000, currency="EUR"),),
        route=Route("DE", "MY"),
        payment={"method": "letter_of_credit"},
        end_use="flanges for a palm-oil refinery pipeline",
    )
    assert evaluate_red_flags(tx, CATALOGUE) == []


def test_cash_payment_for_high_value_items() -> None:
    items = (Item("CNC lathe", "8458.11", value=48000, currency="USD"),)
    tx = Transaction(id="t", items=items, payment={"method": "Cash"})
    [finding] = evaluate_red_flags(tx, CATALOGUE)
    assert (finding.rule_id, finding.effect, finding.kind) == (
        "RF-BIS-CASH-PAYMENT",
        "review",
        "transaction",
    )
    assert finding.evidence == "payment method cash for items worth 48,000 USD ≥ 10,000 USD"
    assert finding.legal_basis[0].instrument == (
        "BIS Red Flag Indicators (Know Your Customer guidance)"
    )
    assert finding.details["red_flag"] == (
        "customer willing to pay cash for a very expensive item normally financed"
    )
    cheap = (Item("gloves", "6116.10", value=900, currency="USD"),)
    assert _flags(Transaction(id="t", items=cheap, payment={"method": "cash"})) == []


def test_cash_payment_in_any_currency_is_converted_at_a_dated_rate() -> None:
    items = (Item("CNC lathe", "8458.11", value=50000, currency="EUR"),)
    tx = Transaction(id="t", date="2026-05-10", items=items, payment={"method": "cash"})
    [finding] = evaluate_red_flags(tx, CATALOGUE)
    assert finding.rule_id == "RF-BIS-CASH-PAYMENT"
    # 2026-05-10 is a Sunday: the rate is Friday's.
    assert finding.evidence == (
        "payment method cash for items worth 58,805 USD ≥ 10,000 USD (items[0] 50,000 EUR at "
        "the ECB reference rate of 2026-05-08 (1 EUR = 1.1761 USD))"
    )
    # Below the threshold once converted: 900,000 JPY is some 5,800 USD.
    yen = (Item("CNC lathe", "8458.11", value=900000, currency="JPY"),)
    assert (
        _flags(Transaction(id="t", date="2026-05-08", items=yen, payment={"method": "cash"})) == []
    )


def test_cash_payment_in_a_currency_without_a_rate_is_bad_input() -> None:
    items = (
        Item("gloves", "6116.10", value=900, currency="USD"),
        Item("CNC lathe", "8458.11", value=5000000, currency="KPW"),
    )
    with pytest.raises(TransactionError) as caught:
        evaluate_red_flags(Transaction(id="t", items=items, payment={"method": "cash"}), CATALOGUE)
    assert caught.value.pointer == "/items/1/currency"
    assert caught.value.problem.startswith("'KPW' has no ECB reference rate to USD")


def test_vague_end_use() -> None:
    tx = Transaction(
        id="t",
        items=(Item("tube", "7608.20", end_use="Trading"), Item("bar", "7604.29")),
        end_use="aircraft fuel tanks",
    )
    assert _flags(tx) == [
        (
            "RF-BIS-END-USE-RELUCTANT",
            "items[0]",
            "items[0].end_use 'Trading' does not say what the goods are for",
        )
    ]
    # A missing end use is not a flag: the record may just not carry it.
    assert _flags(Transaction(id="t", items=(Item("bar", "7604.29"),))) == []


def test_freight_forwarder_as_consignee() -> None:
    tx = Transaction(
        id="t",
        parties=(
            Party("exporter", "Alu GmbH", "DE"),
            Party("consignee", "Sunrise International Logistics Ltd", "HK"),
            Party("end_user", "Golden Star Trading", "CN"),
            Party("freight_forwarder", "Golden  Star Trading", "CN"),
        ),
    )
    assert _flags(tx) == [
        (
            "RF-BIS-FORWARDER-DESTINATION",
            "parties[1]",
            "consignee 'Sunrise International Logistics Ltd' (parties[1]) is named as a "
            "forwarding firm ('logistics')",
        ),
        (
            "RF-BIS-FORWARDER-DESTINATION",
            "parties[2]",
            "end_user 'Golden Star Trading' (parties[2]) is also the freight forwarder",
        ),
    ]


def test_consignee_in_a_transshipment_hub() -> None:
    tx = Transaction(
        id="t",
        parties=(
            Party("exporter", "Dandong Export Co", "CN", "Dandong"),  # exporters are not flagged
            Party("consignee", "Hongxiang Industrial", "CN", "No. 8, Dandong, Liaoning"),
        ),
    )
    [finding] = evaluate_red_flags(tx, CATALOGUE)
    assert (finding.rule_id, finding.kind, finding.subject) == (
        "RF-DPRK-TRANSSHIPMENT-HUB",
        "party",
        "parties[1]",
    )
    assert finding.evidence == (
        "consignee 'Hongxiang Industrial' (parties[1]) address 'No. 8, Dandong, Liaoning' "
        "is in Dandong (CN)"
    )
    assert finding.verify is True


def test_third_party_and_crypto_payment() -> None:
    tx = Transaction(
        id="t",
        parties=CLEAN_PARTIES,
        payment={"method": "crypto", "third_party_payer": True, "payer_country": "SG"},
    )
    assert [(r, e) for r, _, e in _flags(tx)] == [
        ("RF-DPRK-THIRD-PARTY-PAYMENT", "payment method crypto"),
        (
            "RF-DPRK-THIRD-PARTY-PAYMENT",
            "payment.third_party_payer: paid by a third party in SG, not the buyer",
        ),
    ]
    paid_by_buyer = {"method": "wire", "third_party_payer": False}
    assert _flags(Transaction(id="t", parties=CLEAN_PARTIES, payment=paid_by_buyer)) == []


def test_third_party_payer_from_a_checked_transaction() -> None:
    data = {"id": "t", "payment": {"method": "wire", "third_party_payer": True}}
    assert [e for _, _, e in _flags(parse_transaction(data))] == [
        "payment.third_party_payer: paid by a third party, not the buyer"
    ]
    # `payer` is no field of the schema: refused like any unknown field, never read.
    with pytest.raises(TransactionError) as caught:
        parse_transaction({"id": "t", "payment": {"method": "wire", "payer": "Ocean Trust"}})
    assert caught.value.pointer == "/payment"
    assert "'payer' was unexpected" in caught.value.problem


def test_activities_with_kp_involved() -> None:
    tx = Transaction(
        id="t",
        parties=(Party("exporter", "Shenyang Co", "CN"), Party("buyer", "Korea Mining", "KP")),
        activities=("joint_venture", "export_credit", "employ_dprk_nationals"),
    )
    found = [(f.rule_id, f.effect, f.subject) for f in evaluate_activities(tx, CATALOGUE)]
    assert found == [
        ("DPRK-TRADE-FINANCE-SUPPORT", "requires_exemption", "activities[1]"),
        ("DPRK-JOINT-VENTURES", "requires_exemption", "activities[0]"),
        ("DPRK-WORKERS", "prohibited", "activities[2]"),
    ]
    jv = evaluate_activities(tx, CATALOGUE)[1]
    assert jv.evidence == (
        "activity joint_venture (activities[0]) with KP involved: buyer (parties[1]) in KP"
    )
    assert [ex["id"] for ex in jv.details["exemptions"]] == [
        "EX-JV-COMMITTEE",
        "EX-JV-HYDRO-RAJIN-KHASAN",
    ]
    assert jv.legal_basis[1].paragraph == "18"
    # evaluate_red_flags includes the activity findings.
    assert [f.rule_id for f in evaluate_red_flags(tx, CATALOGUE)][-3:] == [
        "DPRK-TRADE-FINANCE-SUPPORT",
        "DPRK-JOINT-VENTURES",
        "DPRK-WORKERS",
    ]


def test_activities_without_kp_are_not_this_regimes_business() -> None:
    tx = Transaction(
        id="t",
        parties=CLEAN_PARTIES,
        route=Route("DE", "MY"),
        activities=("joint_venture", "technical_training"),
    )
    assert evaluate_activities(tx, CATALOGUE) == []
