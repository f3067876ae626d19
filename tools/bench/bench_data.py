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


# Hardship file categories and sub-classes the inserted files are given in turn;
# a recategorised file moves to the next one.
FILE_PROFILES = (
    ("deep", "TKH"), ("relative", "KNH"), ("relative", "ZKNH"), ("sudden", "DBZG"),
    ("relative", "KNH"), ("deep", "TKH"), ("relative", "ZKNH"), ("relative", "KNH"),
)
HISTORY_LINE_COLUMNS = """
    (res_model, res_id, step, from_state, to_state, date, user_id, organization_id,
     company_id, category, subclass_id, create_uid, write_uid, create_date, write_date)
"""


def insert_file_histories(env, organizations, first_day, today):
    """A hardship file for each worker of ``organizations`` who has none, with the
    workflow history its steps would have written (models/union_workflow_history.py),
    the files applying from ``first_day`` on:

    - 4 % of the applications withdrawn and 2 % cancelled before filing;
    - the others filed 50 days after applying (submit, visit, check, public
      notice, filing), reviewed on each anniversary (start and end of the review,
      20 days apart);
    - 15 % recategorised 150 to 350 days after filing;
    - 24 % exiting hardship, 5 % withdrawn and 3 % cancelled later, when that is
      before ``today``.

    Leaves the plan of each file in the temporary table ``bench_file_plan`` (file,
    worker, organisation, days of its steps) for the grants; returns the number of
    files and of filed files."""
    cr = env.cr
    subclasses = {
        subclass.code: subclass.id
        for subclass in env["union.hardship.subclass"].search([
            ("code", "in", [code for _category, code in FILE_PROFILES]),
        ])
    }
    categories = [category for category, _code in FILE_PROFILES]
    subclass_ids = [subclasses.get(code) for _category, code in FILE_PROFILES]
    params = {
        "orgs": organizations.ids,
        "first": first_day,
        "today": today,
        # applications start early enough to be filed before today
        "span": (today - first_day).days - 60,
        "profiles": len(FILE_PROFILES),
        "categories": categories,
        "subclasses": subclass_ids,
        "company": env.company.id,
        "uid": env.uid,
        "years": today.year - first_day.year + 1,
    }
    cr.execute(
        """
        CREATE TEMP TABLE bench_file_plan ON COMMIT DROP AS
        WITH workers AS (
            SELECT e.id AS employee_id, e.union_organization_id AS organization_id,
                   (row_number() OVER (ORDER BY e.id))::int AS n
              FROM hr_employee e
             WHERE e.union_organization_id = ANY(%(orgs)s)
               AND NOT EXISTS (SELECT 1 FROM union_hardship_file f WHERE f.employee_id = e.id)
        ), applied AS (
            SELECT w.*, %(first)s::date + ((w.n * 7919) %% %(span)s)::int AS applied_day,
                   (w.n %% 100)::int AS fate,
                   (1 + w.n %% %(profiles)s)::int AS profile,
                   (1 + (w.n + 1) %% %(profiles)s)::int AS new_profile
              FROM workers w
        ), filed AS (
            SELECT a.*, CASE WHEN a.fate >= 6 THEN a.applied_day + 50 END AS filed_day
              FROM applied a
        ), planned AS (
            SELECT f.*,
                   CASE WHEN f.fate < 30 THEN 'exited' WHEN f.fate < 35 THEN 'withdrawn'
                        ELSE 'cancelled' END AS planned_state,
                   f.filed_day + CASE WHEN f.fate < 30 THEN 200 + (f.n * 31) %% 900
                                      WHEN f.fate < 35 THEN 100 + (f.n * 17) %% 600
                                      ELSE 60 + (f.n * 13) %% 400 END AS planned_day
              FROM filed f
        ), closed AS (
            SELECT p.employee_id, p.organization_id, p.n, p.applied_day, p.fate, p.profile,
                   p.new_profile, p.filed_day,
                   CASE WHEN p.fate BETWEEN 6 AND 37 AND p.planned_day < %(today)s
                        THEN p.planned_state END AS close_state,
                   CASE WHEN p.fate BETWEEN 6 AND 37 AND p.planned_day < %(today)s
                        THEN p.planned_day END AS close_day
              FROM planned p
        )
        SELECT c.*,
               CASE WHEN c.filed_day IS NOT NULL AND c.n %% 20 IN (3, 7, 11)
                     AND c.filed_day + 150 + c.n %% 200 < COALESCE(c.close_day, %(today)s)
                    THEN c.filed_day + 150 + (c.n %% 200)::int END AS recat_day,
               NULL::int AS file_id
          FROM closed c
        """,
        params,
    )
    cr.execute(
        """
        WITH files AS (
            INSERT INTO union_hardship_file (
                employee_id, organization_id, parent_organization_id, company_id,
                assessment_year, name, worker_type, state, region, category, subclass_id,
                filed_date, close_date, household_size, active, create_uid, write_uid,
                create_date, write_date)
            SELECT p.employee_id, p.organization_id, o.parent_id, %(company)s,
                   EXTRACT(YEAR FROM p.applied_day), 'BSTAT-' || p.n, 'employee', 'draft',
                   '基准市',
                   (%(categories)s::varchar[])[CASE WHEN p.recat_day IS NULL THEN p.profile
                                                    ELSE p.new_profile END],
                   (%(subclasses)s::int[])[CASE WHEN p.recat_day IS NULL THEN p.profile
                                                ELSE p.new_profile END],
                   p.filed_day, p.close_day, 1 + p.n %% 4, true, %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM bench_file_plan p
              JOIN union_organization o ON o.id = p.organization_id
          ORDER BY p.n
            RETURNING id, employee_id
        )
        UPDATE bench_file_plan p SET file_id = files.id
          FROM files WHERE files.employee_id = p.employee_id
        """,
        params,
    )
    # each line with the category the file had after the step, at a time of the
    # working day (UTC), in the order the steps were taken
    cr.execute(
        """
        INSERT INTO union_workflow_history """ + HISTORY_LINE_COLUMNS + """
        SELECT 'union.hardship.file', s.file_id, s.step, s.from_state, s.to_state,
               s.day + make_interval(hours => 1 + s.n %% 8), %(uid)s, s.organization_id,
               %(company)s,
               (%(categories)s::varchar[])[CASE WHEN s.day >= s.recat_day THEN s.new_profile
                                                ELSE s.profile END],
               (%(subclasses)s::int[])[CASE WHEN s.day >= s.recat_day THEN s.new_profile
                                            ELSE s.profile END],
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM (
              SELECT p.*, s.*
                FROM bench_file_plan p
               CROSS JOIN LATERAL (VALUES
                   ('submit', 'draft', 'submitted', p.applied_day),
                   ('visit_done', 'submitted', 'visited',
                    CASE WHEN p.fate NOT IN (4, 5) THEN p.applied_day + 10 END),
                   ('cancel_application', 'submitted', 'cancelled',
                    CASE WHEN p.fate IN (4, 5) THEN p.applied_day + 5 END),
                   ('withdraw_application', 'visited', 'withdrawn',
                    CASE WHEN p.fate < 4 THEN p.applied_day + 20 END),
                   ('centre_check', 'visited', 'checked', p.filed_day - 25),
                   ('start_notice', 'checked', 'notice', p.filed_day - 20),
                   ('file', 'notice', 'filed', p.filed_day),
                   ('recategorise', 'filed', 'filed', p.recat_day),
                   (CASE p.close_state WHEN 'exited' THEN 'exit' WHEN 'withdrawn' THEN 'withdraw'
                                       ELSE 'cancel' END,
                    'filed', p.close_state, p.close_day)
               ) AS s(step, from_state, to_state, day)
               WHERE s.day IS NOT NULL
              UNION ALL
              -- the annual reviews, on each anniversary of the filing
              SELECT p.*, r.*
                FROM bench_file_plan p
               CROSS JOIN generate_series(1, %(years)s) k
               CROSS JOIN LATERAL (VALUES
                   ('start_review', 'filed', 'review', p.filed_day + 365 * k),
                   ('end_review', 'review', 'filed', p.filed_day + 365 * k + 20)
               ) AS r(step, from_state, to_state, day)
               WHERE p.filed_day IS NOT NULL
                 AND r.day < COALESCE(p.close_day, %(today)s)
                 AND (p.close_day IS NULL OR p.filed_day + 365 * k + 20 < p.close_day)
          ) s
      ORDER BY 6, s.file_id
        """,
        params,
    )
    # each file in the state its last step left it in
    cr.execute(
        """
        UPDATE union_hardship_file f SET state = h.to_state
          FROM (
              SELECT DISTINCT ON (h.res_id) h.res_id, h.to_state
                FROM union_workflow_history h
                JOIN bench_file_plan p ON p.file_id = h.res_id
               WHERE h.res_model = 'union.hardship.file'
            ORDER BY h.res_id, h.date DESC, h.id DESC
          ) h
         WHERE f.id = h.res_id
        """
    )
    cr.execute("SELECT count(*), count(filed_day) FROM bench_file_plan")
    return cr.fetchone()


# The grants' programme types, by share of the grants (percent)
GRANT_MIX = (
    ("living", 45), ("festival", 15), ("education", 10), ("medical", 10),
    ("emergency", 5), ("death", 3), ("employment", 6), ("legal", 6),
)


def insert_paid_grants(env, size, programmes, campaign, today):
    """``size`` paid grants to the filed households of ``bench_file_plan`` (see
    :func:`insert_file_histories`), each dated while its household was on record,
    of the programme of its year and type (``programmes``: {(year, type):
    programme}), the types mixed as :data:`GRANT_MIX`. Employment and legal aid
    are cases of the household's worker (no money; workers helped, wages
    recovered, compensations, jobs found); 5 % of the grants (medical aid) are
    charged to ``campaign``. Returns the number of grants."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM bench_file_plan WHERE filed_day IS NOT NULL")
    [files] = cr.fetchone()
    bounds, total = [], 0
    for programme_type, share in GRANT_MIX:
        total += share
        bounds.append((programme_type, total))
    kind_case = " ".join(
        "WHEN d.draw < %d THEN '%s'" % (bound, programme_type) for programme_type, bound in bounds
    )
    keys = sorted(programmes)
    cr.execute(
        """
        INSERT INTO union_relief_grant (
            programme_id, programme_type, company_id, file_id, employee_id, partner_id,
            organization_id, name, state, period, periodic, beneficiary_type, category,
            aid_kind, date, approved_date, paid_date, amount, computed_amount,
            funding_source, campaign_id, household_reached, people_reached, workers_helped,
            wages_recovered, injury_compensation, dismissal_compensation, jobs_found,
            quantity, submitted_by_id, first_approver_id, create_uid, write_uid,
            create_date, write_date)
        SELECT pr.id, d.programme_type, %(company)s,
               CASE WHEN d.is_case THEN NULL ELSE d.file_id END, d.employee_id, d.partner_id,
               d.organization_id, 'BSTAT/' || d.g, 'paid',
               to_char(d.day, CASE d.programme_type WHEN 'living' THEN 'YYYY-MM' ELSE 'YYYY' END),
               false, CASE WHEN d.is_case THEN 'employee' ELSE 'file' END,
               (%(categories)s::varchar[])[CASE WHEN d.day >= d.recat_day THEN d.new_profile
                                                ELSE d.profile END],
               CASE WHEN d.is_case THEN 'service'
                    WHEN d.programme_type = 'festival' AND d.g %% 5 = 0 THEN 'in_kind'
                    ELSE 'cash' END,
               d.day, d.day, LEAST(d.day + (d.g %% 10)::int, %(today)s),
               d.amount, d.amount,
               CASE WHEN d.programme_type = 'medical' AND d.g %% 2 = 0 THEN 'campaign'
                    ELSE pr.source END,
               CASE WHEN d.programme_type = 'medical' AND d.g %% 2 = 0 THEN %(campaign)s END,
               CASE WHEN d.is_case THEN 0 ELSE 1 END,
               CASE WHEN d.is_case THEN 1 ELSE d.household_size END,
               CASE WHEN NOT d.is_case THEN 0
                    WHEN d.g %% 20 = 0 THEN 10 + (d.g %% 41)::int ELSE 1 END,
               CASE WHEN d.programme_type = 'legal' AND d.g %% 5 < 2
                    THEN 5000 + (d.g %% 10) * 4500 ELSE 0 END,
               CASE WHEN d.programme_type = 'legal' AND d.g %% 10 = 2 THEN 30000 ELSE 0 END,
               CASE WHEN d.programme_type = 'legal' AND d.g %% 10 = 3
                    THEN 20000 + (d.g %% 7) * 5000 ELSE 0 END,
               CASE WHEN d.programme_type = 'employment' AND d.g %% 5 < 3 THEN 1 ELSE 0 END,
               1, %(uid)s, %(uid)s, %(uid)s, %(uid)s,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM (
              SELECT t.*, t.programme_type IN ('employment', 'legal') AS is_case,
                     CASE t.programme_type
                          WHEN 'living' THEN 300 + (t.g %% 6) * 100
                          WHEN 'festival' THEN 500
                          WHEN 'education' THEN 1000 + (t.g %% 3) * 1000
                          WHEN 'medical' THEN 2000 + (t.g %% 10) * 1500
                          WHEN 'emergency' THEN 1000 + (t.g %% 5) * 1000
                          WHEN 'death' THEN 2000
                          ELSE 0 END AS amount
                FROM (
                    SELECT d.*, CASE """ + kind_case + """ END AS programme_type
                      FROM (
                          SELECT g.g, f.*,
                                 -- a pseudo-random type, independent of the household
                                 (g.g * 2654435761 %% 1000003 %% 100)::int AS draw,
                                 -- the household's g // files-th grant, while on record
                                 f.filed_day + ((g.g / %(files)s) * 37 + g.g * 13)::int
                                     %% GREATEST(COALESCE(f.close_day, %(today)s) - f.filed_day, 1)
                                     AS day
                            FROM generate_series(0, %(size)s - 1) g(g)
                            JOIN (
                                SELECT p.*, fl.household_size, e.work_contact_id AS partner_id,
                                       (row_number() OVER (ORDER BY p.n) - 1)::int AS m
                                  FROM bench_file_plan p
                                  JOIN union_hardship_file fl ON fl.id = p.file_id
                                  JOIN hr_employee e ON e.id = p.employee_id
                                 WHERE p.filed_day IS NOT NULL
                            ) f ON f.m = g.g %% %(files)s
                      ) d
                ) t
          ) d
          JOIN unnest(%(years)s::int[], %(types)s::varchar[], %(ids)s::int[],
                      %(sources)s::varchar[]) AS pr(year, programme_type, id, source)
            ON pr.year = EXTRACT(YEAR FROM d.day) AND pr.programme_type = d.programme_type
      ORDER BY d.day, d.g
        """,
        {
            "company": env.company.id,
            "uid": env.uid,
            "today": today,
            "size": size,
            "files": files,
            "campaign": campaign.id,
            "categories": [category for category, _code in FILE_PROFILES],
            "years": [year for year, _type in keys],
            "types": [programme_type for _year, programme_type in keys],
            "ids": [programmes[key].id for key in keys],
            "sources": [programmes[key].funding_source for key in keys],
        },
    )
    return cr.rowcount


def insert_donations(env, campaign, organizations, size, first_day, today):
    """``size`` validated donations to ``campaign`` by the workers of
    ``organizations`` in turn, dated from ``first_day`` to ``today`` (no journal
    entries: what the statistics read)."""
    env.cr.execute(
        """
        INSERT INTO union_donation (campaign_id, organization_id, company_id, employee_id,
                                    name, state, donor_type, visibility, method, date,
                                    amount, create_uid, write_uid, create_date, write_date)
        SELECT %(campaign)s, %(organization)s, %(company)s, w.id, 'BSTAT-D' || g,
               'validated', 'employee', 'named',
               CASE WHEN g %% 3 = 0 THEN 'payroll' ELSE 'bank' END,
               %(first)s::date + ((g * 7919) %% %(span)s)::int, 50 + (g %% 20) * 10,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, %(size)s) g
          JOIN (
              SELECT e.id, row_number() OVER (ORDER BY e.id) - 1 AS m
                FROM hr_employee e
               WHERE e.union_organization_id = ANY(%(orgs)s)
          ) w ON w.m = g %% %(workers)s
        """,
        {
            "campaign": campaign.id,
            "organization": campaign.organization_id.id,
            "company": env.company.id,
            "orgs": organizations.ids,
            "workers": env["hr.employee"].search_count([
                ("union_organization_id", "in", organizations.ids),
            ]),
            "first": first_day,
            "span": (today - first_day).days + 1,
            "size": size,
            "uid": env.uid,
        },
    )
    return env.cr.rowcount


def analyze_statistics(cr):
    """The planner statistics of the tables the statistics read, once filled."""
    cr.execute(
        "ANALYZE union_organization, union_hardship_file, union_workflow_history, "
        "union_relief_grant, union_relief_programme, union_donation"
    )
