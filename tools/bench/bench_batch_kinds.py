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
import time

from odoo import Command

# the shared SQL inserts (tools/bench/bench_data.py): the shell reads this script
# from stdin, so the folder is found from the repository root it runs in
sys.path.insert(0, os.path.join(os.getcwd(), "tools", "bench"))
from bench_data import insert_workers  # noqa: E402

MIXED = int(os.environ.get("BENCH_MIXED", "10000"))
IN_KIND = int(os.environ.get("BENCH_IN_KIND", "1000"))
env = env  # noqa: F821 -- given by the Odoo shell; chatter tracking stays on, as in use
cr = env.cr
company = env.company
Account = env["account.account"]
expense = Account.create({
    "code": "502901", "name": "维权支出（基准）", "account_type": "expense",
    "company_ids": [Command.set(company.ids)],
})
goods_account = Account.create({
    "code": "121390", "name": "慰问物资（基准）", "account_type": "asset_current",
    "company_ids": [Command.set(company.ids)],
})
journal = env["account.journal"].create({"name": "帮扶资金（基准）", "code": "RLFK", "type": "general"})
Organization = env["union.organization"]
organization = Organization.create({
    "name": "基准测试工会", "code": "BENCHK", "organization_type": "grassroots",
})
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
    insert_workers(cr, company.id, union.id, programme.fiscal_year, size, prefix, filed)


def batch_run(union, in_kind=False):
    """The officer's run: wizard, grants created and submitted, approved and booked
    by another user; ends with what a commit does first (flush, precommit hooks)."""
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
    wizard = env["union.relief.batch.wizard"].create(vals)
    batch = env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
    batch.action_submit()
    # the approver is another user than the requester (the shell runs as the superuser)
    batch.with_user(env.ref("base.user_admin")).action_approve()
    cr.flush()
    return batch


def direct_entry(batch, in_kind=False):
    """The same entry made directly: one line per grant (the payable, or the goods
    handed out), one expense line."""
    if in_kind:
        counterpart = goods_account
    else:
        counterpart = batch.grant_ids.partner_id[:1].with_company(company).property_account_payable_id
    move = env["account.move"].with_context(skip_invoice_sync=True).create({
        "move_type": "entry",
        "journal_id": journal.id,
        "line_ids": [
            Command.create({
                "name": "直接分录", "partner_id": partner_id, "account_id": counterpart.id,
                "balance": -amount, "analytic_distribution": False,
            })
            for partner_id, amount in batch.grant_ids.mapped(lambda g: (g.partner_id.id, g.amount))
        ] + [Command.create({
            "name": "直接分录", "account_id": expense.id, "balance": batch.total_amount,
            "analytic_distribution": {str(programme.analytic_account_id.id): 100},
        })],
    })
    move.action_post()
    cr.flush()
    return move


def measure(union, size, in_kind, label):
    env.invalidate_all()
    start = time.perf_counter()
    batch = batch_run(union, in_kind)
    batch_seconds = time.perf_counter() - start
    grants = batch.grant_ids
    entries = grants.move_id
    assert len(entries) == 1 and len(entries.line_ids) == len(grants) + 1
    assert entries.state == "posted"
    env.invalidate_all()
    start = time.perf_counter()
    direct = direct_entry(batch, in_kind)
    direct_seconds = time.perf_counter() - start
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


def union_of(code, parent):
    return Organization.create({
        "name": "基准%s分会" % code, "code": code, "organization_type": "branch",
        "parent_id": parent.id,
    })


warm_mixed, warm_goods, mixed, goods = (
    union_of(code, organization) for code in ("BKW1", "BKW2", "BKMIX", "BKGOODS")
)
insert_union_workers(warm_mixed, 10, "预热建档职工", filed=True)
insert_union_workers(warm_mixed, 10, "预热职工", filed=False)
insert_union_workers(warm_goods, 20, "预热环卫职工", filed=False)
insert_union_workers(mixed, MIXED // 2, "基准建档职工", filed=True)
insert_union_workers(mixed, MIXED - MIXED // 2, "基准职工", filed=False)
insert_union_workers(goods, IN_KIND, "基准环卫职工", filed=False)
# the statistics a database holding these workers would have
cr.execute("ANALYZE res_partner, resource_resource, hr_employee, union_hardship_file")
env.invalidate_all()

# both paths once on 20 workers: Odoo's caches are warm for both measures
direct_entry(batch_run(warm_mixed))
direct_entry(batch_run(warm_goods, in_kind=True), in_kind=True)

measure(mixed, MIXED, False, "festival (cash, mixed)")
measure(goods, IN_KIND, True, "in kind (quilt + rice)")
cr.rollback()
