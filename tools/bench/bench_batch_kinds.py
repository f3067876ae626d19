"""Benchmark: batch runs for any beneficiaries, in cash and in kind.

Run it in an Odoo shell on a database where union_relief is installed:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_batch_kinds.py

It times two batch runs of an open-to-all festival programme (送温暖), each from the
wizard to the approval that books its one journal entry:

1. a festival round of BENCH_MIXED workers (default 10,000): half have a filed
   household (their grant goes to the household), half have no file; 300 yuan each;
2. an in-kind round of BENCH_IN_KIND workers (default 1,000): a quilt and a bag of
   rice each, booked against the programme's in-kind goods account;

and, for each, creating and posting the equivalent journal entry directly; it
prints the times, the number of grants and of entries (one per run) and the ratio.
Both measures end with what a commit does before its COMMIT (flush and precommit
hooks), and both paths run once on 20 workers first so that neither pays for
Odoo's cold caches. Workers and households are inserted with SQL; everything is
rolled back at the end.
"""
import os
import sys

from odoo import Command

# the shared helpers (tools/bench/bench_data.py): the shell reads this script
# from stdin, so the folder is found from the repository root it runs in
sys.path.insert(0, os.path.join(os.getcwd(), "tools", "bench"))
import bench_data as bench  # noqa: E402

MIXED = int(os.environ.get("BENCH_MIXED", "10000"))
IN_KIND = int(os.environ.get("BENCH_IN_KIND", "1000"))
env = env  # noqa: F821 -- given by the Odoo shell; chatter tracking stays on, as in use
cr = env.cr
company = env.company
expense = bench.create_account(env, "502901", "维权支出（基准）", "expense")
goods_account = bench.create_account(env, "121390", "慰问物资（基准）", "asset_current")
journal = env["account.journal"].create({"name": "帮扶资金（基准）", "code": "RLFK", "type": "general"})
organization = bench.create_union(env, "BENCHK")
programme = env["union.relief.programme"].create({
    "name": "送温暖（基准）", "programme_type": "festival", "organization_id": organization.id,
    "open_to_all": True, "journal_id": journal.id, "expense_account_id": expense.id,
    "in_kind_account_id": goods_account.id, "budget": 1e9, "second_approval_amount": 0.0,
    "standard_ids": [Command.create({"name": "每户", "method": "fixed_household", "amount": 300.0})],
})
programme.action_open()
quilt, rice = env["product.product"].create([
    {"name": "棉被（基准）", "type": "consu"},
    {"name": "大米10公斤（基准）", "type": "consu"},
])
GOODS = [(quilt, 1.0, 150.0), (rice, 1.0, 80.0)]


def insert_union_workers(union, size, prefix, filed):
    """Workers of ``union``, with a filed household each when ``filed``."""
    bench.insert_workers(cr, company.id, union.id, programme.fiscal_year, size, prefix, filed)


def run_batch(union, in_kind=False):
    """The officer's festival run for every worker of ``union``, in cash or in kind."""
    vals = {
        "programme_id": programme.id,
        "beneficiary_source": "employees",
        "organization_ids": [Command.set(union.ids)],
    }
    if in_kind:
        vals.update(aid_kind="in_kind", goods_line_ids=[
            Command.create({"product_id": product.id, "quantity": quantity, "unit_value": value})
            for product, quantity, value in GOODS
        ])
    return bench.batch_run(env, vals)


def enter_directly(batch, in_kind=False):
    """The same entry made directly: one line per grant (the payable, or the goods
    handed out), one expense line."""
    if in_kind:
        counterpart = goods_account
    else:
        counterpart = batch.grant_ids.partner_id[:1].with_company(company).property_account_payable_id
    return bench.direct_entry(batch, journal, counterpart, expense)


def measure(union, size, in_kind, label):
    batch, batch_seconds = bench.timed(env, run_batch, union, in_kind)
    grants = batch.grant_ids
    entries = grants.move_id
    assert len(entries) == 1 and len(entries.line_ids) == len(grants) + 1
    assert entries.state == "posted"
    direct, direct_seconds = bench.timed(env, enter_directly, batch, in_kind)
    assert len(direct.line_ids) == len(grants) + 1 and direct.state == "posted"
    kinds = dict.fromkeys(("file", "employee"), 0)
    for kind in grants.mapped("beneficiary_type"):
        kinds[kind] += 1
    print(
        "bench_batch_kinds %s: %d workers, %d grants (%d households, %d workers without a "
        "file), %d goods lines, %d entry of %d lines, total %.2f; batch run %.2f s, direct "
        "entry %.2f s, ratio %.2f"
        % (label, size, len(grants), kinds["file"], kinds["employee"],
           len(grants.goods_line_ids), len(entries), len(entries.line_ids), batch.total_amount,
           batch_seconds, direct_seconds, batch_seconds / direct_seconds)
    )


warm_mixed, warm_goods, mixed, goods = (
    bench.create_union(env, code, "基准%s分会" % code, organization, "branch")
    for code in ("BKW1", "BKW2", "BKMIX", "BKGOODS")
)
insert_union_workers(warm_mixed, 10, "预热建档职工", filed=True)
insert_union_workers(warm_mixed, 10, "预热职工", filed=False)
insert_union_workers(warm_goods, 20, "预热环卫职工", filed=False)
insert_union_workers(mixed, MIXED // 2, "基准建档职工", filed=True)
insert_union_workers(mixed, MIXED - MIXED // 2, "基准职工", filed=False)
insert_union_workers(goods, IN_KIND, "基准环卫职工", filed=False)
bench.analyze_workers(cr)
env.invalidate_all()

# both paths once on 20 workers: Odoo's caches are warm for both measures
enter_directly(run_batch(warm_mixed))
enter_directly(run_batch(warm_goods, in_kind=True), in_kind=True)

measure(mixed, MIXED, False, "festival (cash, mixed)")
measure(goods, IN_KIND, True, "in kind (quilt + rice)")
cr.rollback()
