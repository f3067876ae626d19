"""Benchmark: a month's living allowance for 10,000 filed households, as a batch run.

Run it in an Odoo shell on a database where union_relief is installed:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_relief_batch.py

It times (1) the batch run: wizard, 10,000 grants created, submitted, approved and
posted as one entry, and (2) creating and posting the equivalent 10,001-line
journal entry directly; it prints both times and their ratio (goal: <= 1.5).
Households are inserted with SQL; everything is rolled back at the end.
Set BENCH_FILES to change the size.
"""
import os
import time

from odoo import Command

SIZE = int(os.environ.get("BENCH_FILES", "10000"))
env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821 -- Odoo shell
cr = env.cr
company = env.company
accounts = env["account.account"]
expense = accounts.create({
    "code": "502900", "name": "维权支出（基准）", "account_type": "expense",
    "company_ids": [Command.set(company.ids)],
})
journal = env["account.journal"].create({"name": "帮扶资金（基准）", "code": "RLFB", "type": "general"})
organization = env["union.organization"].create({
    "name": "基准测试工会", "code": "BENCHR", "organization_type": "grassroots",
})
programme = env["union.relief.programme"].create({
    "name": "生活救助（基准）", "programme_type": "living", "organization_id": organization.id,
    "journal_id": journal.id, "expense_account_id": expense.id, "budget": 1e9,
    "second_approval_amount": 0.0,
    "standard_ids": [Command.create({"name": "每人每月", "method": "fixed_person", "amount": 200.0})],
})
programme.action_open()
cr.execute(
    """
    WITH partners AS (
        INSERT INTO res_partner (name, complete_name, active, type, company_id, lang,
                                 autopost_bills)
        SELECT '基准职工' || n, '基准职工' || n, true, 'contact', NULL, 'zh_CN', 'ask'
          FROM generate_series(1, %(size)s) n
        RETURNING id
    ), resources AS (
        INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active, company_id)
        SELECT 'bench', 'user', 'Asia/Shanghai', 100, true, %(company)s FROM partners
        RETURNING id
    ), pairs AS (
        SELECT r.id AS resource_id, p.id AS partner_id
          FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM resources) r
          JOIN (SELECT id, row_number() OVER (ORDER BY id) rn FROM partners) p USING (rn)
    ), employees AS (
        INSERT INTO hr_employee (resource_id, company_id, marital, distance_home_work_unit,
                                 employee_type, active, name, work_contact_id)
        SELECT resource_id, %(company)s, 'single', 'kilometers', 'employee', true, 'bench', partner_id
          FROM pairs
        RETURNING id
    )
    INSERT INTO union_hardship_file (employee_id, organization_id, company_id, assessment_year,
                                     name, worker_type, state, region, category, active,
                                     household_size)
    SELECT id, %(org)s, %(company)s, %(year)s, 'BENCHR-' || id, 'employee', 'filed', '基准市',
           'deep', true, 1 + id %% 4
      FROM employees
    """,
    {"company": company.id, "size": SIZE, "org": organization.id, "year": programme.fiscal_year},
)
env.invalidate_all()
env.flush_all()

start = time.perf_counter()
wizard = env["union.relief.batch.wizard"].create({
    "programme_id": programme.id,
    "organization_ids": [Command.set(organization.ids)],
})
batch = env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
batch.action_submit()
# the approver is another user than the requester (the shell runs as the superuser)
batch.with_user(env.ref("base.user_admin")).action_approve()
env.flush_all()
batch_seconds = time.perf_counter() - start
move = batch.grant_ids.move_id
assert len(move) == 1 and len(move.line_ids) == SIZE + 1 and move.state == "posted"

partners = batch.grant_ids.partner_id
payable = partners[:1].with_company(company).property_account_payable_id
start = time.perf_counter()
direct = env["account.move"].with_context(skip_invoice_sync=True).create({
    "move_type": "entry",
    "journal_id": journal.id,
    "line_ids": [
        Command.create({
            "name": "直接分录", "partner_id": grant.partner_id.id, "account_id": payable.id,
            "balance": -grant.amount, "analytic_distribution": False,
        })
        for grant in batch.grant_ids
    ] + [Command.create({
        "name": "直接分录", "account_id": expense.id, "balance": batch.total_amount,
        "analytic_distribution": {str(programme.analytic_account_id.id): 100},
    })],
})
direct.action_post()
env.flush_all()
direct_seconds = time.perf_counter() - start
print(
    "bench_relief_batch: %d filed households, %d grants, entry of %d lines; batch run %.2f s, "
    "direct entry %.2f s, ratio %.2f (goal <= 1.5)"
    % (SIZE, len(batch.grant_ids), len(move.line_ids), batch_seconds, direct_seconds,
       batch_seconds / direct_seconds)
)
cr.rollback()
