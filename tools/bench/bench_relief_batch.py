"""Benchmark: a month's living allowance for 10,000 filed households, as a batch run.

Run it in an Odoo shell on a database where union_relief is installed:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_relief_batch.py

It times (1) the batch run: wizard, 10,000 grants created, submitted, approved and
posted as one entry, and (2) creating and posting the equivalent 10,001-line
journal entry directly; it prints both times and their ratio (goal: <= 1.5).
Then (3) the accountant pays the run: a payment run of one 10,001-line payment
entry, each payable reconciled with its payment line and each grant marked paid,
processed here by the scheduled action's own method, chunk by chunk (without its
commits, so that everything can be rolled back); it prints the pay time against
the direct entry (goal: <= 1.5) and the whole cycle, batch run and pay, against it
(goal: <= 2.5).
All measures end with what a commit does before its COMMIT (flush and precommit
hooks, where Odoo writes chatter tracking), and all paths run once on 20
households first so that none pays for Odoo's cold caches. Households are
inserted with SQL; everything is rolled back at the end.
Set BENCH_FILES to change the size.
"""
import os
import sys
from unittest.mock import patch

from odoo import Command

# the shared helpers (tools/bench/bench_data.py): the shell reads this script
# from stdin, so the folder is found from the repository root it runs in
sys.path.insert(0, os.path.join(os.getcwd(), "tools", "bench"))
import bench_data as bench  # noqa: E402

SIZE = int(os.environ.get("BENCH_FILES", "10000"))
env = env  # noqa: F821 -- given by the Odoo shell; chatter tracking stays on, as in use
cr = env.cr
company = env.company
expense = bench.create_account(env, "502900", "维权支出（基准）", "expense")
journal = env["account.journal"].create({"name": "帮扶资金（基准）", "code": "RLFB", "type": "general"})
bank = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
accountant = env["res.users"].create({
    "name": "基准会计", "login": "bench_accountant", "company_id": company.id,
    "groups_id": [Command.set(env.ref("union_relief.group_union_accountant").ids)],
})
# every run in the background, as a 10,000-grant run is: the warm-up takes the same path
company.union_payment_run_threshold = 0
organization = bench.create_union(env, "BENCHR")
programme = env["union.relief.programme"].create({
    "name": "生活救助（基准）", "programme_type": "living", "organization_id": organization.id,
    "journal_id": journal.id, "expense_account_id": expense.id, "budget": 1e9,
    "payment_journal_id": bank.id,
    "second_approval_amount": 0.0,
    "standard_ids": [Command.create({"name": "每人每月", "method": "fixed_person", "amount": 200.0})],
})
programme.action_open()


def insert_households(union, size, prefix):
    """Filed households of ``union``."""
    bench.insert_workers(cr, company.id, union.id, programme.fiscal_year, size, prefix)


def run_batch(union):
    """The officer's run of the living allowance for ``union``."""
    return bench.batch_run(env, {"programme_id": programme.id, "organization_ids": [Command.set(union.ids)]})


def enter_directly(batch):
    """The same entry made directly: one payable line per grant, one expense line."""
    payable = batch.grant_ids.partner_id[:1].with_company(company).property_account_payable_id
    return bench.direct_entry(batch, journal, payable, expense)


def pay(batch):
    """The accountant pays the run; the scheduled action's method then pays it by
    chunks, here at once instead of in the cron worker, its commits left out."""
    batch.with_user(accountant).action_pay()
    Run = env["union.relief.payment.run"]
    with patch.object(type(Run), "_can_commit", return_value=False):
        Run._cron_process_payment_runs(max_chunks=10**6)
    cr.flush()
    return batch.grant_ids.payment_run_id


warm_up = bench.create_union(env, "BENCHW", "基准预热工会", organization)
measured = bench.create_union(env, "BENCHM", "基准测试分会", organization)
insert_households(warm_up, 20, "预热职工")
insert_households(measured, SIZE, "基准职工")
bench.analyze_workers(cr)
env.invalidate_all()

# every path once on 20 households: Odoo's caches are warm for every measure
warm_batch = run_batch(warm_up)
enter_directly(warm_batch)
pay(warm_batch)

batch, batch_seconds = bench.timed(env, run_batch, measured)
move = batch.grant_ids.move_id
assert len(move) == 1 and len(move.line_ids) == SIZE + 1 and move.state == "posted"

direct, direct_seconds = bench.timed(env, enter_directly, batch)
assert len(direct.line_ids) == SIZE + 1 and direct.state == "posted"
print(
    "bench_relief_batch: %d filed households, %d grants, entry of %d lines; batch run %.2f s, "
    "direct entry %.2f s, ratio %.2f (goal <= 1.5)"
    % (SIZE, len(batch.grant_ids), len(move.line_ids), batch_seconds, direct_seconds,
       batch_seconds / direct_seconds)
)

# no ANALYZE here: the batch run and the payment run refresh the planner
# statistics of the tables they fill (utils/statistics.py)
run, pay_seconds = bench.timed(env, pay, batch)
payables = batch.grant_ids.move_id.line_ids.filtered("union_relief_grant_id")
assert run.state == "done" and len(run.move_id.line_ids) == SIZE + 1
assert set(batch.grant_ids.mapped("state")) == {"paid"}
assert not any(payables.mapped("amount_residual")) and all(payables.mapped("full_reconcile_id"))
print(
    "bench_payment_run: %d grants; direct entry D %.2f s; batch cycle (create, submit, "
    "approve) C %.2f s; pay run P %.2f s (payment entry of %d lines, %d payables reconciled); "
    "P/D %.2f (goal <= 1.5); (C+P)/D %.2f (goal <= 2.5)"
    % (len(batch.grant_ids), direct_seconds, batch_seconds, pay_seconds,
       len(run.move_id.line_ids), len(payables), pay_seconds / direct_seconds,
       (batch_seconds + pay_seconds) / direct_seconds)
)
cr.rollback()
