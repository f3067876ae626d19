"""Workers and filed households inserted with SQL for the benchmarks (fast and
realistic: the rows Odoo would write, without the ORM's cost, which is not what
the benchmarks measure). Loaded by the benchmark scripts, run from the
repository root in an Odoo shell."""


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
