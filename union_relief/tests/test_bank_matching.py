"""Proposals for a bank statement line: exact amounts, ranked by the evidence."""

from decimal import Decimal

from union_relief.bank_matching import (
    AMOUNT,
    PARTNER,
    REFERENCE,
    SAME_GROUP,
    SAME_PARTNER,
    SAME_REFERENCE,
    OpenItem,
    StatementLine,
    find_reference,
    propose,
    settles,
    unambiguous,
)

D = Decimal


def line(amount, partner=None, *texts):
    return StatementLine(D(amount), partner, tuple(texts))


def item(item_id, residual, partner=None, references=(), group=None, group_name=""):
    return OpenItem(item_id, D(residual), partner, tuple(references), group, group_name)


def test_run_named_in_label_comes_first():
    items = [
        item(1, "-900", references=("RLF/2026/0007",)),
        item(2, "-900", references=("PAYRUN/0001",)),
        item(3, "900", references=("PAYRUN/0001",)),  # a receipt: wrong side
        item(4, "-899.99", references=("PAYRUN/0001",)),
    ]
    proposals = propose(line("-900", None, "代发 PAYRUN/0001 困难职工生活救助"), items)
    assert [p.item_ids for p in proposals] == [(2,), (1,)]
    assert proposals[0].codes == (AMOUNT, REFERENCE)
    assert proposals[0].reasons[-1].value == "PAYRUN/0001"
    assert proposals[1].codes == (AMOUNT,)
    assert unambiguous(proposals).item_ids == (2,)


def test_partner_ranks_after_reference():
    items = [item(1, "100", partner=7), item(2, "100", references=("JZ20260042",)), item(3, "100")]
    proposals = propose(line("100", 7, "捐款 JZ20260042"), items)
    assert [p.item_ids for p in proposals] == [(2,), (1,), (3,)]
    assert proposals[1].codes == (AMOUNT, PARTNER)


def test_equal_evidence_is_ambiguous():
    proposals = propose(line("100"), [item(1, "100"), item(2, "100")])
    assert len(proposals) == 2
    assert unambiguous(proposals) is None
    assert unambiguous(propose(line("100"), [item(1, "100")])).item_ids == (1,)
    assert unambiguous([]) is None


def test_reference_found_whatever_the_separators_but_not_inside_a_longer_code():
    assert find_reference(["PAYRUN/0001"], ["payrun 0001 代发"]) == "PAYRUN/0001"
    assert find_reference(["PAYRUN/0001"], ["代发PAYRUN0001工资"]) == "PAYRUN/0001"
    assert find_reference(["PAYRUN/0001"], ["PAYRUN/00012"]) is None
    assert find_reference(["PAYRUN/0001"], ["XPAYRUN/0001"]) is None
    assert find_reference(["PAYRUN/0001"], ["PAYRUN/0001 PAYRUN/0002"]) == "PAYRUN/0001"
    # too short to be looked for
    assert find_reference(["A1"], ["A1 A1"]) is None
    assert find_reference(["", "JZ0001"], [None, "jz0001"]) == "JZ0001"


def test_receipts_of_one_collection_sheet_together():
    items = [
        item(1, "300", group=5, group_name="变电运维一班收款单"),
        item(2, "200", group=5, group_name="变电运维一班收款单"),
        item(3, "500", group=6, group_name="营销班收款单"),
        item(4, "250", group=6, group_name="营销班收款单"),
    ]
    proposals = propose(line("500", None, "变电运维一班收款单 爱心捐款"), items)
    assert [p.item_ids for p in proposals] == [(1, 2), (3,)]
    assert proposals[0].codes == (AMOUNT, SAME_GROUP, REFERENCE)
    assert proposals[0].reasons[1].count == 2


def test_items_of_one_reference_or_one_partner_together():
    same_ref = [item(1, "-400", references=("PAYRUN/0002",)), item(2, "-500", references=("PAYRUN/0002",))]
    proposals = propose(line("-900"), same_ref)
    assert [(p.item_ids, p.codes) for p in proposals] == [((1, 2), (AMOUNT, SAME_REFERENCE))]
    assert proposals[0].reasons[1].value == "PAYRUN/0002"
    partner = [item(1, "60", partner=3), item(2, "40", partner=3), item(3, "40", partner=4)]
    proposals = propose(line("100", 3), partner)
    assert [(p.item_ids, p.codes) for p in proposals] == [((1, 2), (AMOUNT, SAME_PARTNER, PARTNER))]
    # all the partner's items or nothing: no subset search
    assert propose(line("100", 3), [*partner, item(4, "5", partner=3)]) == []


def test_exact_to_the_fen_and_bounded():
    assert settles(D("-900"), [D("-400"), D("-500.00")])
    assert not settles(D("-900"), [D("-400"), D("-500.01")])
    assert not settles(D("0"), [])
    assert propose(line("0"), [item(1, "0")]) == []
    many = [item(i, "10") for i in range(1, 40)]
    assert len(propose(line("10"), many)) == 20
    assert len(propose(line("10"), many, limit=5)) == 5
