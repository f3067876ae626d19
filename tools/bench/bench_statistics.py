"""Benchmark: the annual report and the statistics' pivots of a federation with
50,000 hardship files, 5 years of history and 500,000 grants (issue 12, "Speed").

Run it in an Odoo shell on a database where union_relief is installed, from the
repository root:

    $ODOO_PYTHON $ODOO_HOME/odoo-bin shell -d DB --addons-path=... < tools/bench/bench_statistics.py

It builds, with SQL (tools/bench/bench_data.py), a federation of 10 grassroots
unions of 5 branches each (the 61 organisations with the ORM, which sets the
parent paths ``child_of`` reads); BENCH_FILES workers and their hardship files
applying over the last 5 years and the current one, with the workflow history
their steps write (filing, annual reviews, recategorisations, exits, withdrawals,
cancellations); BENCH_GRANTS paid grants to these households over the same years,
of 8 programmes a year (living, festival, education, medical, emergency, death,
employment and legal aid: the last two cases with workers helped, wages
recovered, compensations and jobs found), some charged to a donation campaign;
and BENCH_DONATIONS validated donations (default: one per file).

Then it measures, as the relief manager (who reads the whole company) and, for
the report, as the relief centre officer of the federation (whose record rules
read the subtree), each operation from cold record caches, once to warm Odoo's
caches and once measured:

1. the annual report of the federation for the last complete year: the figures,
   the report as printed and the workbook;
2. the read_groups the views make: the yearly file statistics' pivot (organisation
   x year), its graph (year x category, closing count), the grants' pivot
   (programme x month of the year, not cancelled), the grants by organisation,
   the rights-protection cases' pivot (type x year);
3. each data source of the Relief Work dashboard (data/files/relief_dashboard.json)
   filtered on the federation, read as the spreadsheet reads it.

It prints the report's main figures, then one line per operation: rows returned
(groups, records, or the workbook's size), SQL queries, seconds (warm, and the
first run). Run it at two sizes: the queries are the same at both, e.g.

    BENCH_FILES=5000 BENCH_GRANTS=50000 odoo-bin shell ... < tools/bench/bench_statistics.py

Building the full size takes about three minutes. Everything is rolled back at
the end.
"""
import json
import os
import sys
import time
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

# the shared helpers (tools/bench/bench_data.py): the shell reads this script
# from stdin, so the folder is found from the repository root it runs in
sys.path.insert(0, os.path.join(os.getcwd(), "tools", "bench"))
import bench_data as bench  # noqa: E402

FILES = int(os.environ.get("BENCH_FILES", "50000"))
GRANTS = int(os.environ.get("BENCH_GRANTS", "500000"))
DONATIONS = int(os.environ.get("BENCH_DONATIONS", str(FILES)))
YEARS = 5
UNIONS, BRANCHES = 10, 5
DASHBOARD = os.path.join(os.getcwd(), "data", "files", "relief_dashboard.json")

env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821 -- given by the Odoo shell
cr = env.cr
company = env.company
today = fields.Date.context_today(env["res.users"])
first_day = date(today.year - YEARS, 1, 1)
report_year = today.year - 1
started = time.perf_counter()

# === The federation, its programmes and campaign (ORM) === #
federation = bench.create_union(env, "BSTAT", "基准市总工会", organization_type="federation")
branches = env["union.organization"]
for u in range(UNIONS):
    union = bench.create_union(env, "BS%02d" % u, "基准基层工会%02d" % u, federation)
    for b in range(BRANCHES):
        branches |= bench.create_union(
            env, "BS%02d%d" % (u, b), "基准分会%02d-%d" % (u, b), union, "branch"
        )
tree = env["union.organization"].search([("id", "child_of", federation.id)])

expense = bench.create_account(env, "502903", "帮扶支出（基准）", "expense")
journal = env["account.journal"].create({"name": "帮扶资金（基准）", "code": "RLFS", "type": "general"})
SOURCES = {
    "living": "union", "festival": "union", "education": "government", "medical": "higher",
    "emergency": "union", "death": "union", "employment": "union", "legal": "government",
}
Programme = env["union.relief.programme"]
programmes = {}
for year in range(first_day.year, today.year + 1):
    for programme_type, _share in bench.GRANT_MIX:
        programmes[year, programme_type] = Programme.create({
            "name": "%d年%s（基准）" % (year, programme_type),
            "code": "B%s%d" % (programme_type[:3].upper(), year % 100),
            "programme_type": programme_type,
            "funding_source": SOURCES[programme_type],
            "organization_id": federation.id,
            "fiscal_year": year,
            "journal_id": journal.id,
            "expense_account_id": expense.id,
            "budget": 1e8,
        })
# past years' programmes closed, this year's open (the dashboard lists them)
cr.execute(
    "UPDATE union_relief_programme SET state = CASE WHEN fiscal_year < %s THEN 'closed' "
    "ELSE 'open' END WHERE id = ANY(%s)",
    [today.year, [programme.id for programme in programmes.values()]],
)
bank = env["account.journal"].search([
    *env["account.journal"]._check_company_domain(company), ("type", "=", "bank"),
], limit=1)
campaign = env["union.donation.campaign"].create({
    "name": "困难职工帮扶爱心捐款（基准）",
    "organization_id": federation.id,
    "journal_id": bank.id,
    "income_account_id": env.ref("union_relief.account_union_donation_income").id,
    "date_start": first_day,
})
campaign.action_open()

# === Workers, files and their history, grants, donations (SQL) === #
per_branch, extra = divmod(FILES, len(branches))
for index, branch in enumerate(branches):
    bench.insert_workers(
        cr, company.id, branch.id, today.year, per_branch + (index < extra), "基准职工%d-" % index,
        filed=False,
    )
file_count, filed_count = bench.insert_file_histories(env, branches, first_day, today)
grant_count = bench.insert_paid_grants(env, GRANTS, programmes, campaign, today)
donation_count = bench.insert_donations(env, campaign, branches, DONATIONS, first_day, today)
bench.analyze_workers(cr)
bench.analyze_statistics(cr)
env.invalidate_all()
cr.execute("SELECT count(*) FROM union_workflow_history WHERE res_model = 'union.hardship.file'")
[history_count] = cr.fetchone()
print(
    "bench_statistics: %d organisations; %d hardship files (%d filed at some time), %d history "
    "lines; %d paid grants; %d donations; built in %.0f s"
    % (len(tree), file_count, filed_count, history_count, grant_count, donation_count,
       time.perf_counter() - started)
)

# === The users === #
manager = env["res.users"].create({
    "name": "基准帮扶负责人", "login": "bench_relief_manager", "company_id": company.id,
    "company_ids": [Command.set(company.ids)],
    "groups_id": [Command.set(env.ref("union_relief.group_relief_manager").ids)],
})
centre = env["res.users"].create({
    "name": "基准帮扶中心", "login": "bench_relief_centre", "company_id": company.id,
    "company_ids": [Command.set(company.ids)],
    "groups_id": [Command.set(env.ref("union_relief.group_relief_centre_officer").ids)],
    "union_organization_ids": [Command.set(federation.ids)],
})
env.flush_all()

# === Measures === #
results = []


def measure(label, user, run):
    """``run(env of user)`` twice from cold record caches: the first warms Odoo's
    own caches (record rules, views, translations), the second is measured."""
    user_env = env(user=user)
    env.invalidate_all()
    start = time.perf_counter()
    run(user_env)
    first = time.perf_counter() - start
    env.invalidate_all()
    queries = cr.sql_log_count
    start = time.perf_counter()
    rows = run(user_env)
    seconds = time.perf_counter() - start
    results.append((label, user.login.removeprefix("bench_"), rows, cr.sql_log_count - queries,
                    seconds, first))


def in_tree(domain):
    return expression.AND([domain, [("organization_id", "child_of", federation.id)]])


def pivot(model, domain, measures, rows, cols):
    """What the web pivot asks for: a read_group per prefix of its rows and of its
    columns (the totals, the rows, the columns, the cells)."""
    def run(user_env):
        Model = user_env[model]
        return sum(
            len(Model.read_group(domain, measures, row + col, lazy=False))
            for row in ([[], rows] if rows else [[]]) for col in ([[], cols] if cols else [[]])
        )
    return run


def report(user_env, method):
    wizard = user_env["union.annual.report.wizard"].create({
        "organization_id": federation.id, "year": report_year,
    })
    result = getattr(wizard, method)()
    if method == "_figures":
        return len(result["programmes"]) + len(result["categories"])
    if method == "_report":
        return sum(len(rows) for *_head, rows in result["tables"])
    return "%d kB" % (len(result[1]) // 1024)  # the workbook


for user in (manager, centre):
    for method in ("_figures", "_report", "_get_xlsx_export"):
        measure("annual report %d %s" % (report_year, method), user,
                lambda user_env, method=method: report(user_env, method))

year_start, year_end = date(report_year, 1, 1), date(report_year, 12, 31)
STATISTICS = "union.hardship.file.statistics"
GRANT = "union.relief.grant"
measure("statistics pivot: organisation x year", manager, pivot(
    STATISTICS, in_tree([]),
    ["opening_count:sum", "entered_count:sum", "left_count:sum", "closing_count:sum"],
    ["organization_id"], ["year"],
))
measure("statistics graph: year x category", manager, lambda user_env: len(
    user_env[STATISTICS].web_read_group(
        in_tree([]), ["closing_count:sum"], ["year", "category"], lazy=False,
    )["groups"]
))
measure("statistics pivot %d: category" % report_year, manager, pivot(
    STATISTICS, in_tree([("year", "=", str(report_year))]),
    ["opening_count:sum", "entered_count:sum", "left_count:sum", "closing_count:sum"],
    ["category"], [],
))
measure("grants pivot %d: programme x month" % report_year, manager, pivot(
    GRANT,
    in_tree([("state", "!=", "cancelled"), ("date", ">=", year_start), ("date", "<=", year_end)]),
    ["amount:sum", "household_reached:sum", "people_reached:sum"],
    ["programme_id"], ["date:month"],
))
measure("grants paid %d by organisation" % report_year, manager, lambda user_env: len(
    user_env[GRANT].read_group(
        in_tree([("state", "=", "paid"), ("date", ">=", year_start), ("date", "<=", year_end)]),
        ["amount:sum", "household_reached:sum", "people_reached:sum"],
        ["organization_id"], lazy=False,
    )
))
measure("cases pivot: type x year", manager, pivot(
    GRANT,
    in_tree([("programme_type", "in", ("employment", "legal")), ("state", "!=", "cancelled")]),
    ["workers_helped:sum", "wages_recovered:sum", "injury_compensation:sum",
     "dismissal_compensation:sum", "jobs_found:sum"],
    ["programme_type"], ["date:year"],
))


# === The dashboard's data sources === #
def dashboard_sources(spreadsheet):
    """(name, kind, model, domain, read arguments) of each pivot, list and chart of
    the dashboard, as the spreadsheet in the browser reads them."""
    sources = []
    for pivot_id, spec in spreadsheet.get("pivots", {}).items():
        Model = env[spec["model"]]
        sources.append(("dashboard pivot %s" % pivot_id, "pivot", spec["model"], spec["domain"], {
            "groupby": [
                row["fieldName"] + (":%s" % row["granularity"] if row.get("granularity") else "")
                for row in spec["rows"] + spec["columns"]
            ],
            "specs": [
                "__count" if measure_["fieldName"] == "__count" else "%s:%s" % (
                    measure_["fieldName"],
                    measure_.get("aggregator") or Model._fields[measure_["fieldName"]].aggregator,
                )
                for measure_ in spec["measures"]
            ],
        }))
    for list_id, spec in spreadsheet.get("lists", {}).items():
        sources.append(("dashboard list %s" % list_id, "list", spec["model"], spec["domain"], {
            "fields": spec["columns"],
            "order": ", ".join(
                "%s %s" % (order["name"], "ASC" if order["asc"] else "DESC")
                for order in spec.get("orderBy", [])
            ),
        }))
    charts = [
        figure["data"] for sheet in spreadsheet["sheets"] for figure in sheet.get("figures", [])
        if figure["data"]["type"].startswith("odoo_")
    ]
    for number, chart in enumerate(charts, start=1):
        meta = chart["metaData"]
        Model = env[meta["resModel"]]
        sources.append(("dashboard chart %d" % number, "chart", meta["resModel"],
                        chart["searchParams"]["domain"], {
            "groupby": meta["groupBy"],
            "specs": ["__count"] + (
                [] if meta["measure"] == "__count"
                else ["%s:%s" % (meta["measure"], Model._fields[meta["measure"]].aggregator)]
            ),
        }))
    return sources


def read_source(kind, model, domain, args):
    def run(user_env):
        Model = user_env[model]
        evaluated = domain
        if isinstance(evaluated, str):
            evaluated = safe_eval(evaluated, {
                "context_today": lambda: fields.Date.context_today(user_env.user),
                "relativedelta": relativedelta,
                "uid": user_env.uid,
            })
        # the organisation filter (with its children) set on the federation
        evaluated = in_tree(evaluated)
        if kind == "pivot":
            groups = Model.read_group(evaluated, args["specs"], args["groupby"], lazy=False)
            if args["groupby"]:
                groups += Model.read_group(evaluated, args["specs"], [], lazy=False)
            return len(groups)
        if kind == "chart":
            return len(Model.web_read_group(
                evaluated, args["specs"], args["groupby"], lazy=False
            )["groups"])
        specification = {}
        for fname in args["fields"]:
            field = Model._fields[fname]
            specification[fname] = {"fields": {"display_name": {}}} if field.relational else {}
            if field.type == "monetary":
                specification[field.get_currency_field(Model)] = {"fields": {"display_name": {}}}
        result = Model.web_search_read(evaluated, specification, order=args["order"], limit=10)
        return len(result["records"])
    return run


if os.path.exists(DASHBOARD):
    with open(DASHBOARD, encoding="utf-8") as file:
        spreadsheet = json.load(file)
    for name, kind, model, domain, args in dashboard_sources(spreadsheet):
        measure("%s (%s)" % (name, model), manager, read_source(kind, model, domain, args))
else:
    print("bench_statistics: no dashboard at %s" % DASHBOARD)

# === The table === #
figures = env["union.annual.report.wizard"].with_user(manager).create({
    "organization_id": federation.id, "year": report_year,
})._figures()
print(
    "bench_statistics: report %d of the federation: %d households on file at 1 January, %d at "
    "31 December, %d filed, %d left; %d grants paid (%.0f yuan) to %d households (%d people); "
    "%d rights-protection cases; %d donations"
    % (report_year, figures["files"]["opening_count"], figures["files"]["closing_count"],
       figures["files"]["entered_count"], figures["files"]["left_count"],
       figures["relief"]["count"], figures["relief"]["amount"], figures["relief"]["households"],
       figures["relief"]["people"], figures["cases"]["count"], figures["donations"]["count"])
)
cr.execute("SHOW jit")
print("bench_statistics: %d files, %d grants, report year %d, PostgreSQL jit=%s"
      % (FILES, GRANTS, report_year, cr.fetchone()[0]))
width = max(len(label) for label, *_rest in results)
print("%-*s  %-14s %6s %8s %8s %8s" % (width, "operation", "user", "rows", "queries", "seconds",
                                       "first"))
for label, login, rows, queries, seconds, first in results:
    print("%-*s  %-14s %6s %8d %8.2f %8.2f" % (width, label, login, rows, queries, seconds, first))
cr.rollback()
