"""Benchmark: validate 1,000 donations whose donors get a thank-you mail against
posting 1,000 equivalent entries, then send the mails.

Run it in an Odoo shell on a database where union_relief is installed:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_donation.py

In the same run it
1. creates and posts BENCH_DONATIONS two-line entries directly;
2. validates as many draft donations in one batch, on a campaign that sends
   thank-you mails (receipt numbers, one create of all entries, one post,
   analytic items, the mails queued), and prints both times and their ratio
   (goal: at most 1.3);
3. runs the scheduled action of the thank-you mails until the queue is empty
   (each mail renders its receipt PDF with wkhtmltopdf) and prints that time
   apart: it is off the validation's path.
Nothing is committed (the scheduled action's commits are skipped): everything is
rolled back at the end.
"""
import os
import time
from unittest.mock import patch

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
    "send_thank_you": True,
})
campaign.action_open()
employees = env["hr.employee"].create([
    {"name": "基准职工%d" % n, "work_email": "bench%d@example.com" % n} for n in range(SIZE)
])
Donation = env["union.donation"]


def draft_donations():
    return Donation.create([{
        "campaign_id": campaign.id,
        "donor_type": "employee",
        "employee_id": employee.id,
        "amount": 100.0 + n % 50,
        "method": "bank",
    } for n, employee in enumerate(employees)])


with patch.object(cr, "commit"):
    # warm up caches (sequences, journal, accounts, report assets) outside the measures
    draft_donations()[:1].action_validate()
    Donation._cron_send_thank_you()
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
    assert set(donations.mapped("thank_you_state")) == {"queued"}
    print(
        "bench_donation: %d donations validated with thank-you mails queued in %.2f s "
        "(%d queries); %d two-line entries created and posted directly in %.2f s "
        "(%d queries); ratio %.2f"
        % (SIZE, validation, validation_queries, SIZE, direct, direct_queries, validation / direct)
    )

    runs = 0
    start = time.perf_counter()
    while Donation._cron_send_thank_you():
        runs += 1
    queue = time.perf_counter() - start
    states = donations.mapped("thank_you_state")
    mails = env["mail.mail"].search_count([
        ("model", "=", "union.donation"), ("res_id", "in", donations.ids),
    ])
    print(
        "bench_donation: thank-you queue of %d donations processed in %.2f s (%.2f s each, "
        "%d scheduled-action calls): %d sent, %d failed, %d mails; wkhtmltopdf: %s"
        % (
            SIZE, queue, queue / SIZE, runs, states.count("sent"), states.count("failed"), mails,
            env["ir.actions.report"].get_wkhtmltopdf_state(),
        )
    )
cr.rollback()
