"""Benchmark: validate 1,000 donations against posting 1,000 equivalent entries.

Run it in an Odoo shell on a database where union_relief is installed:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_donation.py

In the same run it validates BENCH_DONATIONS draft donations in one batch
(receipt numbers, one create of all entries, one post, analytic items), then
creates and posts the same number of two-line entries directly, and prints
both times and their ratio (goal: at most 1.3). Everything is rolled back.
"""
import os
import time

SIZE = int(os.environ.get("BENCH_DONATIONS", "1000"))
env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821 -- provided by the Odoo shell
cr = env.cr
company = env.company
journal = env["account.journal"].search([
    *env["account.journal"]._check_company_domain(company), ("type", "=", "bank"),
], limit=1)
organization = env["union.organization"].create({
    "name": "基准测试工会", "code": "BENCHDN", "organization_type": "grassroots",
})
campaign = env["union.donation.campaign"].create({
    "name": "基准测试捐款",
    "organization_id": organization.id,
    "journal_id": journal.id,
    "income_account_id": env.ref("union_relief.account_union_donation_income").id,
    "send_thank_you": False,
})
campaign.action_open()
employees = env["hr.employee"].create([{"name": "基准职工%d" % n} for n in range(SIZE)])


def draft_donations():
    return env["union.donation"].create([{
        "campaign_id": campaign.id,
        "donor_type": "employee",
        "employee_id": employee.id,
        "amount": 100.0 + n % 50,
        "method": "bank",
    } for n, employee in enumerate(employees)])


# warm up caches (sequences, journal, accounts) outside the measures
draft_donations()[:1].action_validate()
donations = draft_donations()
receipt_account = donations[:1]._get_receipt_account()
direct_vals = [donation._prepare_move_vals(receipt_account) for donation in donations]
env.flush_all()
env.invalidate_all()

queries = cr.sql_log_count
start = time.perf_counter()
moves = env["account.move"].create(direct_vals)
moves.action_post()
env.flush_all()
direct = time.perf_counter() - start
direct_queries = cr.sql_log_count - queries
env.invalidate_all()

queries = cr.sql_log_count
start = time.perf_counter()
donations.action_validate()
env.flush_all()
validation = time.perf_counter() - start
validation_queries = cr.sql_log_count - queries

assert set(donations.mapped("state")) == {"validated"}
assert len(donations.move_id) == SIZE
print(
    "bench_donation: %d donations validated in %.2f s (%d queries); %d two-line entries "
    "created and posted directly in %.2f s (%d queries); ratio %.2f"
    % (SIZE, validation, validation_queries, SIZE, direct, direct_queries, validation / direct)
)
cr.rollback()
