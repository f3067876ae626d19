"""Benchmark: open the annual reviews of 50,000 filed households.

Run it in an Odoo shell on a database where union_relief is installed:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_review.py

The households are inserted with SQL (setting them up through the ORM would
take far longer than what is measured); everything is rolled back at the end.
Set BENCH_FILES to change the size.
"""
import os
import time
from datetime import date, timedelta

SIZE = int(os.environ.get("BENCH_FILES", "50000"))
cr = env.cr  # noqa: F821 -- provided by the Odoo shell
company = env.company  # noqa: F821
organization = env["union.organization"].create({  # noqa: F821
    "name": "基准测试工会", "code": "BENCH", "organization_type": "grassroots",
})
today = date.today()
cr.execute(
    """
    WITH resources AS (
        INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active, company_id)
        SELECT '基准职工' || n, 'user', 'Asia/Shanghai', 100, true, %(company)s
          FROM generate_series(1, %(size)s) n
        RETURNING id
    ), employees AS (
        INSERT INTO hr_employee (resource_id, company_id, marital, distance_home_work_unit,
                                 employee_type, active, name)
        SELECT id, %(company)s, 'single', 'kilometers', 'employee', true, 'bench'
          FROM resources
        RETURNING id
    )
    INSERT INTO union_hardship_file (employee_id, organization_id, company_id, assessment_year,
                                     name, worker_type, state, region, category, filed_date,
                                     next_review_date, active)
    SELECT e.id, %(org)s, %(company)s, %(year)s, 'BENCH-' || e.id, 'employee', 'filed', '基准市',
           'deep', %(filed)s,
           CASE WHEN e.id %% 2 = 0 THEN %(due)s ELSE %(later)s END, true
      FROM employees e
    """,
    {
        "company": company.id, "size": SIZE, "org": organization.id, "year": today.year,
        "filed": today - timedelta(days=400), "due": today - timedelta(days=10),
        "later": today + timedelta(days=100),
    },
)
env.invalidate_all()  # noqa: F821
company.union_spot_check_share = 0.05
env.flush_all()  # noqa: F821

queries_before = cr.sql_log_count
start = time.perf_counter()
reviews = env["union.hardship.review"]._open_due_reviews(company, organization=organization)  # noqa: F821
env.flush_all()  # noqa: F821
elapsed = time.perf_counter() - start
queries = cr.sql_log_count - queries_before
print(
    "bench_review: %d filed households, %d reviews opened (%d scheduled, %d spot checks) "
    "in %.2f s, %d SQL queries"
    % (
        SIZE,
        len(reviews),
        len(reviews.filtered(lambda r: r.review_type == "scheduled")),
        len(reviews.filtered(lambda r: r.review_type == "spot_check")),
        elapsed,
        queries,
    )
)
cr.rollback()
