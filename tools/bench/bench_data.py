"""What the benchmark scripts share: workers and filed households inserted with
SQL (fast and realistic: the rows Odoo would write, without the ORM's cost, which
is not what the benchmarks measure), a batch run and the same entry made
directly, and the timing of each. Loaded by the benchmark scripts, run from the
repository root in an Odoo shell."""

import time

from odoo import Command


def insert_workers(cr, company_id, union_id, year, size, prefix, filed=True):
    """``size`` workers of the union organisation ``union_id``, each with a work
    contact, and a filed household of the year for each when ``filed``."""
    households = """
        INSERT INTO union_hardship_file (employee_id, organization_id, company_id,
                                         assessment_year, name, worker_type, state, region,
                                         category, active, household_size)
        SELECT id, %(org)s, %(company)s, %(year)s, %(prefix)s || id, 'employee', 'filed',
               '基准市', 'deep', true, 1 + id %% 4
          FROM employees
    """ if filed else "SELECT count(*) FROM employees"
    cr.execute(
        """
        WITH partners AS (
            INSERT INTO res_partner (name, complete_name, active, type, company_id, lang,
                                     autopost_bills)
            SELECT %(prefix)s || n, %(prefix)s || n, true, 'contact', NULL, 'zh_CN', 'ask'
              FROM generate_series(1, %(size)s) n
            RETURNING id
        ), resources AS (
            INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active,
                                           company_id)
            SELECT 'bench', 'user', 'Asia/Shanghai', 100, true, %(company)s FROM partners
            RETURNING id
        ), pairs AS (
            SELECT r.id AS resource_id, p.id AS partner_id
              FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM resources) r
              JOIN (SELECT id, row_number() OVER (ORDER BY id) rn FROM partners) p USING (rn)
        ), employees AS (
            INSERT INTO hr_employee (resource_id, company_id, marital, distance_home_work_unit,
                                     employee_type, active, name, work_contact_id,
                                     union_organization_id)
            SELECT resource_id, %(company)s, 'single', 'kilometers', 'employee', true, 'bench',
                   partner_id, %(org)s
              FROM pairs
            RETURNING id
        )
        """ + households,
        {"company": company_id, "size": size, "org": union_id, "year": year, "prefix": prefix},
    )


def create_account(env, code, name, account_type):
    """An account of the current company."""
    return env["account.account"].create({
        "code": code, "name": name, "account_type": account_type,
        "company_ids": [Command.set(env.company.ids)],
    })


def create_union(env, code, name="基准测试工会", parent=None, organization_type="grassroots"):
    """A union organisation, under ``parent`` when given."""
    return env["union.organization"].create({
        "name": name, "code": code, "organization_type": organization_type,
        "parent_id": parent.id if parent else False,
    })


def analyze_workers(cr):
    """The planner statistics a database holding the inserted workers would have."""
    cr.execute("ANALYZE res_partner, resource_resource, hr_employee, union_hardship_file")


def timed(env, run, *args):
    """``run(*args)`` from cold record caches, and the seconds it took."""
    env.invalidate_all()
    start = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - start


def batch_run(env, wizard_vals):
    """The officer's run: wizard, grants created and submitted, approved and booked
    by another user; ends with what a commit does first (flush, precommit hooks)."""
    wizard = env["union.relief.batch.wizard"].create(wizard_vals)
    batch = env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
    batch.action_submit()
    # the approver is another user than the requester (the shell runs as the superuser)
    batch.with_user(env.ref("base.user_admin")).action_approve()
    env.cr.flush()
    return batch


def direct_entry(batch, journal, counterpart, expense):
    """The batch's entry made directly: one ``counterpart`` line per grant (its
    payable, or the goods handed out), one ``expense`` line."""
    env = batch.env
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
            "analytic_distribution": {str(batch.programme_id.analytic_account_id.id): 100},
        })],
    })
    move.action_post()
    env.cr.flush()
    return move
