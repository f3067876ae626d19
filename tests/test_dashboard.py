import json
import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.union_hardship_file import FILED_STATES
from .common import resident_id
from .common_donation import CampaignGrantCommon

DASHBOARD = "union_relief.spreadsheet_dashboard_relief_work"
MENU_LINK = re.compile(r"\]\(odoo://ir_menu_xml_id/([\w.]+)\)")
LIST_CELL = re.compile(r'ODOO\.LIST\((\d+),(\d+),"(\w+)"\)')
PIVOT_CALL = re.compile(r"PIVOT\.(VALUE|HEADER)\(")
# the roles that open the dashboard
ROLES = ("officer", "officer_b", "centre", "manager", "auditor")
# the queries of one read of a data source by an officer, whatever the number of
# records: the user's organisations and the record rules, the read (and the
# count of a full list, the names of its organisations, the campaigns' statement)
QUERIES = {
    "pivot 1": 5, "pivot 2": 6, "pivot 3": 4, "pivot 4": 5, "pivot 5": 5,
    "list 1": 8, "list 2": 9, "list 3": 13, "list 4": 9,
    "chart 1": 4,
}


class DashboardReader:
    """The data sources of the dashboard, read as the spreadsheet reads them in
    the browser: ``read_group`` for the pivots, ``web_search_read`` for the lists
    (the fields their cells show), ``web_read_group`` for the chart, with their
    domains evaluated as the web client evaluates them."""

    @classmethod
    def _load_spreadsheet(cls):
        cls.dashboard = cls.env.ref(DASHBOARD)
        cls.spreadsheet = json.loads(cls.dashboard.spreadsheet_data)

    def _sources(self):
        """{name: source} of every pivot, list and chart of the dashboard, each
        {model, domain, groupby, specs, fields, order, limit, matching}."""
        data = self.spreadsheet
        sources = {}
        for pivot_id, pivot in data["pivots"].items():
            model = self.env[pivot["model"]]
            sources["pivot %s" % pivot_id] = {
                "kind": "pivot",
                "model": pivot["model"],
                "domain": pivot["domain"],
                "groupby": [
                    dimension["fieldName"] + (":%s" % dimension["granularity"] if dimension.get("granularity") else "")
                    for dimension in pivot["rows"] + pivot["columns"]
                ],
                "specs": [
                    "__count" if measure["fieldName"] == "__count" else "%s:%s" % (
                        measure["fieldName"],
                        measure.get("aggregator") or model._fields[measure["fieldName"]].aggregator,
                    )
                    for measure in pivot["measures"]
                ],
                "matching": pivot["fieldMatching"],
            }
        used = {}
        for sheet in data["sheets"]:
            for cell in sheet["cells"].values():
                for list_id, position, fname in LIST_CELL.findall(cell.get("content", "")):
                    fnames, limit = used.get(list_id, (set(), 0))
                    used[list_id] = (fnames | {fname}, max(limit, int(position)))
        for list_id, spec in data["lists"].items():
            fnames, limit = used[list_id]
            sources["list %s" % list_id] = {
                "kind": "list",
                "model": spec["model"],
                "domain": spec["domain"],
                "fields": sorted(fnames),
                "columns": spec["columns"],
                "order": ", ".join(
                    "%s %s" % (order["name"], "ASC" if order["asc"] else "DESC") for order in spec["orderBy"]
                ),
                "limit": limit,
                "matching": spec["fieldMatching"],
            }
        charts = [
            figure["data"] for sheet in data["sheets"] for figure in sheet["figures"]
            if figure["data"]["type"].startswith("odoo_")
        ]
        for number, chart in enumerate(charts, start=1):
            meta = chart["metaData"]
            model = self.env[meta["resModel"]]
            sources["chart %s" % number] = {
                "kind": "chart",
                "model": meta["resModel"],
                "domain": chart["searchParams"]["domain"],
                "groupby": meta["groupBy"],
                "specs": ["__count"] + (
                    [] if meta["measure"] == "__count"
                    else ["%s:%s" % (meta["measure"], model._fields[meta["measure"]].aggregator)]
                ),
                "matching": chart["fieldMatching"],
            }
        return sources

    @staticmethod
    def _pivot_calls(formula):
        """(function, pivot id, [arguments]) of each PIVOT.VALUE and PIVOT.HEADER of
        ``formula``; an argument is its text (strings keep their quotes)."""
        calls = []
        for match in PIVOT_CALL.finditer(formula):
            args, depth, current = [], 0, ""
            for char in formula[match.end():]:
                if char == "(":
                    depth += 1
                elif char == ")" and not depth:
                    break
                elif char == ")":
                    depth -= 1
                if char == "," and not depth:
                    args.append(current)
                    current = ""
                else:
                    current += char
            args.append(current)
            calls.append((match.group(1), args[0], args[1:]))
        return calls

    def _organisation_filter(self):
        (org_filter,) = [
            f for f in self.spreadsheet["globalFilters"] if f["type"] == "relation"
            and f["modelName"] == "union.organization"
        ]
        return org_filter

    def _domain(self, source, user, organizations=None):
        """The domain the browser sends: the source's, evaluated in the user's
        context, and the organisation filter's when it has a value, as Odoo's
        spreadsheet makes it (``child_of`` when the filter includes the children)."""
        domain = source["domain"]
        if isinstance(domain, str):
            domain = safe_eval(domain, {
                "context_today": lambda: fields.Date.context_today(self.env["res.users"].with_user(user)),
                "relativedelta": relativedelta,
                "uid": user.id,
            })
        if organizations:
            org_filter = self._organisation_filter()
            operator = "child_of" if org_filter.get("includeChildren") else "in"
            chain = source["matching"][org_filter["id"]]["chain"]
            domain = expression.AND([domain, [(chain, operator, organizations.ids)]])
        return domain

    def _read(self, source, user, organizations=None):
        """What the source returns to ``user``, as comparable plain data."""
        model = self.env[source["model"]].with_user(user)
        domain = self._domain(source, user, organizations)
        if source["kind"] == "list":
            # the fields as Odoo's spreadsheet lists ask for them
            spec = {}
            for fname in source["fields"]:
                field = model._fields[fname]
                spec[fname] = {"fields": {"display_name": {}}} if field.relational else {}
                if field.type == "monetary":
                    spec[field.get_currency_field(model)] = {"fields": dict.fromkeys(
                        ("display_name", "name", "symbol", "decimal_places", "position"), {}
                    )}
            result = model.web_search_read(domain, spec, order=source["order"], limit=source["limit"])
            return result["records"]
        if source["kind"] == "chart":
            groups = model.web_read_group(domain, source["specs"], source["groupby"], lazy=False)["groups"]
        else:
            groups = model.read_group(domain, source["specs"], source["groupby"], lazy=False)
            if source["groupby"]:
                # and the total row
                groups += model.read_group(domain, source["specs"], [], lazy=False)
        return [
            {key: value for key, value in group.items() if not key.startswith("__") or key == "__count"}
            for group in groups
        ]


@tagged("post_install", "-at_install")
class TestReliefDashboard(DashboardReader, CampaignGrantCommon):
    """The Relief Work dashboard (data/files/relief_dashboard.json) in Odoo's
    Dashboards app, its data sources read as each role that opens it.

    Each of branch A (with a team below it), branch B and the bureau has a
    household filed through the workflow, a grant paid this year, an annual review
    due, an open campaign, a contract expiring within 90 days and a programme of
    this year: every data source has rows in every organisation, so that a figure
    of another branch would show."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.union_spot_check_share = 0.0
        cls.org_team_a = cls.env["union.organization"].create({
            "name": "变电一班小组", "code": "BD1", "organization_type": "sub_branch",
            "parent_id": cls.org_branch_a.id, "company_id": cls.company.id,
        })
        # the base files its households by a direct write, which keeps no history:
        # their filing step, as the button records it, for the yearly statistics
        common_files = cls.file_a | cls.file_a2 | cls.file_b
        cls.env["union.workflow.history"]._record(
            common_files, "file", dict.fromkeys(common_files.ids, "notice"), "filed"
        )
        cls.serial = 100
        cls.files_team_a = cls._file_households(cls.org_team_a, 2)
        cls.files_bureau = cls._file_households(cls.org_bureau, 1)
        cls._pay_grants(cls.file_a | cls.files_team_a[:1] | cls.file_b | cls.files_bureau)
        (cls.file_a2 | cls.file_b | cls.files_bureau).next_review_date = cls.today - timedelta(days=1)
        cls.env["union.hardship.review"]._open_due_reviews(cls.company)
        for organization in (cls.org_bureau, cls.org_branch_a, cls.org_branch_b, cls.org_team_a):
            cls._create_campaign(name="%s爱心捐款" % organization.name, organization_id=organization.id)
            cls._expiring_contracts(organization, 1)
            if organization != cls.org_bureau:
                cls._programmes(organization, 1)
        cls._load_spreadsheet()
        cls.users = {
            "officer": cls.officer_a,
            "officer_b": cls.officer_b,
            "centre": cls.centre_officer,
            "manager": cls.manager,
            "auditor": cls.auditor,
        }
        cls.subtrees = {
            "officer": cls.org_branch_a,
            "officer_b": cls.org_branch_b,
            "centre": cls.org_bureau,
            "manager": cls.org_bureau,
            "auditor": cls.org_bureau,
        }

    # ------------------------------------------------------------------
    # Fixtures
    # ------------------------------------------------------------------

    @classmethod
    def _file_households(cls, organization, count):
        """``count`` households of ``organization`` filed by the relief centre
        with the button, which records the step the statistics count."""
        employees = cls._create_workers(organization, count, cls.serial, filed=False)
        files = cls.env["union.hardship.file"].create([
            cls._file_vals(
                employee, identification_number=resident_id(serial=n, region="110105")
            )
            for n, employee in enumerate(employees, start=cls.serial)
        ])
        cls.serial += count
        files.write({
            "state": "notice",
            "application_signed": True,
            "income_check_authorised": True,
            "notice_start_date": cls.today - timedelta(days=10),
            "notice_end_date": cls.today - timedelta(days=3),
        })
        files.with_user(cls.centre_officer).action_file()
        return files

    @classmethod
    def _pay_grants(cls, files):
        """A living allowance of this month for each household, paid today."""
        grants = cls.env["union.relief.grant"].create([
            {"programme_id": cls.living.id, "file_id": file.id} for file in files
        ])
        grants.with_user(cls.manager).action_submit()
        grants.with_user(cls.centre_officer).action_approve()
        grants.with_user(cls.accountant).action_pay()
        return grants

    @classmethod
    def _expiring_contracts(cls, organization, count):
        """``count`` contracts of ``organization`` in force, expiring in a month,
        and one that expires later than the dashboard looks."""
        contracts = cls.env["union.collective.contract"].create([
            {
                "name": "%s集体合同%s" % (organization.name, n),
                "organization_id": organization.id,
                "workers_covered": 100,
                "state": "in_force",
                "date_start": cls.today - relativedelta(years=2),
                "date_end": cls.today + timedelta(days=30 if n else 200),
            }
            for n in range(count + 1)
        ])
        return contracts[1:]

    @classmethod
    def _programmes(cls, organization, count):
        return [
            cls._create_programme(
                "%s慰问%s" % (organization.name, n), "festival", organization_id=organization.id,
                code="W%s%s" % (organization.code, n), open_to_all=True, budget=5000.0,
                standards=[{"name": "每户", "method": "fixed_household", "amount": 500.0}],
            )
            for n in range(count)
        ]

    def _read_as_system(self, source, user, subtree):
        """What the source holds in ``subtree``, read by the system (no record
        rules) with the user's evaluated domain."""
        source = dict(source, domain=expression.AND([
            self._domain(source, user), [("organization_id", "child_of", subtree.ids)]
        ]))
        return self._read(source, self.env.user)

    # ------------------------------------------------------------------
    # The dashboard and its data sources
    # ------------------------------------------------------------------

    def test_dashboard_is_in_the_dashboards_app(self):
        self.assertEqual(self.dashboard.dashboard_group_id.name, "Union Relief")
        self.assertTrue(self.dashboard.is_published)
        self.assertEqual(
            set(self.dashboard.group_ids.mapped(lambda group: group.get_external_id()[group.id])),
            {"union_relief.group_union_officer", "union_relief.group_union_auditor"},
        )
        sources = self._sources()
        self.assertEqual(
            sorted(source["model"] for source in sources.values()),
            sorted([
                "union.hardship.file.statistics", "union.hardship.file.statistics",
                "union.relief.grant", "union.relief.programme",
                "union.hardship.review", "union.hardship.review",
                "union.donation.campaign", "union.donation.campaign",
                "union.collective.contract", "union.collective.contract",
            ]),
        )

    def test_every_source_field_formula_and_link_exists(self):
        org_filter = self._organisation_filter()
        self.assertTrue(org_filter["includeChildren"])
        for name, source in self._sources().items():
            with self.subTest(source=name):
                model = self.env[source["model"]]
                fnames = source.get("fields", []) + source.get("columns", []) + [
                    spec.split(":")[0] for spec in source.get("specs", []) + source.get("groupby", [])
                ]
                for fname in set(fnames) - {"__count"}:
                    self.assertIn(fname, model._fields)
                for spec in source.get("specs", []):
                    fname, _sep, aggregator = spec.partition(":")
                    self.assertTrue(
                        fname == "__count" or aggregator == "count_distinct"
                        or model._fields[fname].aggregator,
                        spec,
                    )
                for fname in source.get("groupby", []):
                    field = model._fields[fname.split(":")[0]]
                    self.assertTrue(field._description_groupable(self.env), fname)
                # every source follows the organisation filter on its organisation
                chain = source["matching"][org_filter["id"]]["chain"]
                self.assertEqual(model._fields[chain].comodel_name, "union.organization")
                # its domain is valid and it reads without error
                self.assertIsInstance(self._read(source, self.manager), list)
        pivots, lists = self.spreadsheet["pivots"], self.spreadsheet["lists"]
        for pivot in pivots.values():
            # the pivot sorts by the measure's field name, or not at all
            if pivot["sortedColumn"]:
                self.assertIn(pivot["sortedColumn"]["measure"], [m["fieldName"] for m in pivot["measures"]])
        cells = [
            cell["content"] for sheet in self.spreadsheet["sheets"] for cell in sheet["cells"].values()
        ]
        for content in cells:
            for function, pivot_id, args in self._pivot_calls(content):
                pivot = pivots[pivot_id]
                if function == "VALUE":
                    self.assertIn(args[0].strip('"'), [m["id"] for m in pivot["measures"]], content)
                    args = args[1:]
                dimensions = [d["fieldName"] for d in pivot["rows"] + pivot["columns"]]
                for fname in args[::2]:
                    self.assertIn(fname.strip('"').lstrip("#"), dimensions, content)
            for list_id, _position, fname in LIST_CELL.findall(content):
                self.assertIn(fname, self.env[lists[list_id]["model"]]._fields, content)
        links = [xmlid for content in cells for xmlid in MENU_LINK.findall(content)]
        links += list(self.spreadsheet["chartOdooMenusReferences"].values())
        links += [source["actionXmlId"] for source in [*pivots.values(), *lists.values()]]
        for xmlid in links:
            self.assertTrue(self.env.ref(xmlid, raise_if_not_found=False), xmlid)
        data_cells = {sheet["name"]: sheet["cells"] for sheet in self.spreadsheet["sheets"]}
        for figure in self.spreadsheet["sheets"][0]["figures"]:
            if figure["data"]["type"] == "scorecard":
                sheet, ref = figure["data"]["keyValue"].split("!")
                self.assertIn(ref, data_cells[sheet])

    # ------------------------------------------------------------------
    # Who opens it, and what each one sees
    # ------------------------------------------------------------------

    def test_roles_open_it_and_others_do_not(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for role in ROLES:
            with self.subTest(role=role):
                user = self.users[role]
                self.assertIn(self.dashboard, Dashboard.with_user(user).search([]))
                snapshot = self.dashboard.with_user(user).get_readonly_dashboard()["snapshot"]
                self.assertEqual(snapshot["pivots"], self.spreadsheet["pivots"])
        # the accountant reads neither the statistics nor the reviews; a member
        # has no figures to read
        for user in (self.accountant, self.member):
            with self.subTest(user=user.login):
                self.assertNotIn(self.dashboard, Dashboard.with_user(user).search([]))
                group = self.dashboard.dashboard_group_id.with_user(user)
                self.assertNotIn(self.dashboard, group.published_dashboard_ids)
                with self.assertRaises(AccessError):
                    self.dashboard.with_user(user).check_access("read")

    def test_each_role_reads_its_organisations_only(self):
        sources = self._sources()
        for name, source in sources.items():
            # every source has figures in each branch: another branch's would show
            for branch in (self.org_branch_a, self.org_branch_b):
                self.assertTrue(
                    [row for row in self._read_as_system(source, self.manager, branch) if row.get("__count", 1)],
                    "%s has nothing in %s" % (name, branch.name),
                )
            for role in ROLES:
                with self.subTest(source=name, role=role):
                    user = self.users[role]
                    self.assertEqual(
                        self._read(source, user),
                        self._read_as_system(source, user, self.subtrees[role]),
                    )

    def test_no_source_reads_a_field_for_officers_only(self):
        # the auditor opens the dashboard and is no officer: a field for the
        # officers only (the household's people, income, health) cannot be read
        for name, source in self._sources().items():
            model = self.env[source["model"]]
            fnames = set(source.get("fields", []) + source.get("columns", [])) | {
                spec.split(":")[0] for spec in source.get("specs", []) + source.get("groupby", [])
            } | {match["chain"] for match in source["matching"].values()}
            for fname in fnames - {"__count"}:
                for role in ROLES:
                    with self.subTest(source=name, field=fname, role=role):
                        user_env = model.with_user(self.users[role]).env
                        self.assertTrue(model._fields[fname].is_accessible(user_env))

    def test_organisation_filter_gives_the_subtrees_figures(self):
        (households,) = [
            source for source in self._sources().values()
            if source["model"] == "union.hardship.file.statistics" and source["kind"] == "pivot"
        ]
        File = self.env["union.hardship.file"]
        for organization in (self.org_branch_a, self.org_branch_b, self.org_team_a, self.org_bureau):
            with self.subTest(organization=organization.name):
                domain = self._domain(households, self.manager, organization)
                self.assertIn(("organization_id", "child_of", organization.ids), domain)
                total = self._read(households, self.manager, organization)[-1]
                self.assertEqual(
                    total["closing_count"],
                    File.search_count([
                        ("state", "in", FILED_STATES), ("organization_id", "child_of", organization.id),
                    ]),
                )
        # the filter takes in the team below the branch
        self.assertEqual(self._read(households, self.manager, self.org_branch_a)[-1]["closing_count"], 4)
        self.assertEqual(self._read(households, self.manager, self.org_team_a)[-1]["closing_count"], 2)
        # and an officer choosing another branch gets nothing of it
        self.assertEqual(
            self._read(households, self.officer_a, self.org_branch_b)[-1]["__count"], 0
        )

    def test_households_by_category_and_year(self):
        sources = self._sources()
        (by_category,) = [
            source for source in sources.values()
            if source["kind"] == "pivot" and source["model"] == "union.hardship.file.statistics"
        ]
        (trend,) = [source for source in sources.values() if source["kind"] == "chart"]
        self.file_a.sudo().write({"category": "relative"})
        *groups, total = self._read(by_category, self.officer_a)
        self.assertEqual(
            [(row["category"], row["entered_count"], row["closing_count"]) for row in groups],
            [("deep", 4, 3), ("relative", 0, 1)],
        )
        self.assertEqual(total["closing_count"], 4)
        year = str(self.today.year)
        self.assertEqual(
            [(row["year"], row["category"], row["closing_count"]) for row in self._read(trend, self.officer_a)],
            [(year, "deep", 3), (year, "relative", 1)],
        )

    def test_lists_show_what_comes_first(self):
        sources = self._sources()
        lists = {source["model"]: source for source in sources.values() if source["kind"] == "list"}
        Review = self.env["union.hardship.review"]
        reviews = Review.browse([row["id"] for row in self._read(lists[Review._name], self.manager)])
        self.assertEqual(reviews.mapped("state"), ["open"] * 3)
        self.assertEqual(reviews.mapped("due_date"), sorted(reviews.mapped("due_date")))
        Contract = self.env["union.collective.contract"]
        contracts = Contract.browse([row["id"] for row in self._read(lists[Contract._name], self.manager)])
        # in force and expiring within 90 days, the nearest first; not those of 200 days
        self.assertEqual(len(contracts), 4)
        self.assertEqual(set(contracts.mapped("date_end")), {self.today + timedelta(days=30)})
        self.assertEqual(
            Contract.search_count([("state", "=", "in_force"), ("organization_id", "child_of", self.org_bureau.id)]),
            8,
        )
        Campaign = self.env["union.donation.campaign"]
        campaigns = Campaign.browse([row["id"] for row in self._read(lists[Campaign._name], self.officer_a)])
        self.assertEqual(campaigns.mapped("organization_id"), self.org_branch_a | self.org_team_a)
        self.assertEqual(set(campaigns.mapped("state")), {"open"})
        # the budgets of the officer's own programmes, the largest first
        Programme = self.env["union.relief.programme"]
        programmes = Programme.browse([row["id"] for row in self._read(lists[Programme._name], self.manager)])
        self.assertEqual(programmes[0], self.living)
        self.assertEqual(
            Programme.browse([row["id"] for row in self._read(lists[Programme._name], self.officer_a)]).mapped(
                "organization_id"
            ),
            self.org_branch_a | self.org_team_a,
        )

    # ------------------------------------------------------------------
    # Speed
    # ------------------------------------------------------------------

    def _queries(self, source, user):
        """The queries of one read of the source, its records not in the cache."""
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._read(source, user)
        return self.env.cr.sql_log_count - before

    def _grow(self, count):
        """``count`` more of everything in branch A: households filed, grants paid,
        reviews due, campaigns, contracts expiring and programmes."""
        files = self._file_households(self.org_branch_a, count)
        self._pay_grants(files)
        files.next_review_date = self.today - timedelta(days=1)
        self.env["union.hardship.review"]._open_due_reviews(self.company, organization=self.org_branch_a)
        for _n in range(count):
            self._create_campaign(organization_id=self.org_branch_a.id)
        self._expiring_contracts(self.org_branch_a, count)
        self._programmes(self.org_branch_a, count)

    def test_each_source_costs_the_same_queries_for_three_times_the_records(self):
        # from as many records as a list shows (it then counts them, once) to
        # three times more, as the officer of the branch that has them all
        sources = self._sources()
        self._grow(10)
        for source in sources.values():
            self._read(source, self.officer_a)
        small = {name: self._queries(source, self.officer_a) for name, source in sources.items()}
        self._grow(20)
        large = {name: self._queries(source, self.officer_a) for name, source in sources.items()}
        self.assertEqual(large, small)
        self.assertEqual(small, QUERIES)


# Opens the dashboard in the Dashboards app, waits for its data, then checks
# every cell the spreadsheet evaluated: none in error, and the cells of
# __EXPECTED__ ({sheet!cell: value}) at their values.
EVALUATE_CELLS = """
(async () => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const findAction = () => {
        const nodes = [odoo.__WOWL_DEBUG__?.root?.__owl__].filter(Boolean);
        while (nodes.length) {
            const node = nodes.pop();
            if (node.component?.loader && node.component.openDashboard) {
                return node.component;
            }
            nodes.push(...Object.values(node.children));
        }
    };
    const waitFor = async (get, what) => {
        for (let tries = 0; tries < 150; tries++) {
            const value = get();
            if (value) {
                return value;
            }
            await sleep(200);
        }
        throw new Error(what + " did not open");
    };
    const action = await waitFor(() => findAction()?.state.activeDashboard && findAction(), "the app");
    const model = await waitFor(() => {
        const dashboard = action.state.activeDashboard;
        return dashboard.id === __DASHBOARD_ID__ && dashboard.model;
    }, "the dashboard");
    const { waitForDataLoaded } = odoo.loader.modules.get("@spreadsheet/helpers/model");
    await waitForDataLoaded(model);
    const { toXC } = odoo.loader.modules.get("@odoo/o-spreadsheet").helpers;
    const values = {};
    const errors = [];
    for (const sheetId of model.getters.getSheetIds()) {
        const sheet = model.getters.getSheetName(sheetId);
        for (const position of model.getters.getEvaluatedCellsPositions(sheetId)) {
            const cell = model.getters.getEvaluatedCell(position);
            const ref = sheet + "!" + toXC(position.col, position.row);
            values[ref] = cell.value;
            if (cell.type === "error") {
                errors.push(`${ref}: ${cell.value} ${cell.message || ""}`);
            }
        }
    }
    for (const [ref, value] of Object.entries(__EXPECTED__)) {
        if ((values[ref] || 0) !== value) {
            errors.push(`${ref} is ${values[ref]}, not ${value}`);
        }
    }
    if (errors.length) {
        console.error("dashboard cells wrong: " + errors.join("; "));
    } else {
        console.log("test successful");
    }
})();
"""


@tagged("post_install", "-at_install")
class TestReliefDashboardBrowser(DashboardReader, HttpCase):
    """The dashboard as the spreadsheet evaluates it in the browser, on the demo
    data, for the roles that open it: no cell in error (a formula pointing at a
    measure, a field or a position that is not there), and its key figures those
    its data sources give."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_spreadsheet()
        # the demo's grants waiting for approval, approved and paid today (but
        # those whose programme shows them in a public notice first)
        grants = cls.env["union.relief.grant"].search([
            ("state", "=", "submitted"), ("programme_id.notice_required", "=", False),
        ])
        grants.with_user(cls.env.ref("union_relief.demo_user_centre")).action_approve()
        grants.filtered(lambda grant: grant.state == "second_approval").with_user(
            cls.env.ref("union_relief.demo_user_manager")
        ).action_approve()
        grants.filtered(lambda grant: grant.state == "approved").with_user(
            cls.env.ref("union_relief.demo_user_accountant")
        ).action_pay()

    def _expected_cells(self, user):
        """{sheet!cell: value} of the cards' figures (the totals of the pivots)
        and of the money paid to each programme of the budgets' list, from the
        data sources read in Python."""
        sources = self._sources()
        expected = {}
        for sheet in self.spreadsheet["sheets"]:
            for ref, cell in sheet["cells"].items():
                total = re.fullmatch(r'=PIVOT\.VALUE\((\d+),"([\w:]+)"\)', cell["content"])
                ranked = re.fullmatch(r'=PIVOT\.VALUE\((\d+),"([\w:]+)","#(\w+)",(\d+)\)', cell["content"])
                lookup = re.search(
                    r'PIVOT\.VALUE\((\d+),"([\w:]+)","(\w+)",ODOO\.LIST\((\d+),(\d+),"id"\)\)', cell["content"]
                )
                if total:
                    pivot_id, measure = total.groups()
                    row = self._read(sources["pivot %s" % pivot_id], user)[-1]
                    expected["%s!%s" % (sheet["name"], ref)] = row[measure.split(":")[0]] or 0
                elif ranked:
                    # the n-th row, as the pivot sorts them
                    pivot_id, measure, _fname, position = ranked.groups()
                    groups = self._read(sources["pivot %s" % pivot_id], user)[:-1]
                    order = self.spreadsheet["pivots"][pivot_id]["sortedColumn"]
                    if order:
                        groups.sort(key=lambda group: group[order["measure"]], reverse=order["order"] == "desc")
                    if int(position) <= len(groups):
                        expected["%s!%s" % (sheet["name"], ref)] = groups[int(position) - 1][measure.split(":")[0]]
                elif lookup:
                    pivot_id, measure, fname, list_id, position = lookup.groups()
                    records = self._read(sources["list %s" % list_id], user)
                    if int(position) > len(records):
                        continue
                    groups = self._read(sources["pivot %s" % pivot_id], user)[:-1]
                    values = {group[fname][0]: group[measure.split(":")[0]] for group in groups}
                    expected["%s!%s" % (sheet["name"], ref)] = values.get(records[int(position) - 1]["id"], 0)
        return expected

    def test_every_cell_evaluates_for_each_role(self):
        manager = self.env.ref("union_relief.demo_user_manager")
        expected = self._expected_cells(manager)
        self.assertGreater(expected["Data!B2"], 0, "money paid this year")
        self.assertGreater(len(expected), 6, "the programmes' money")
        # the app opens on this dashboard, not on the first one the user may see
        url = "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action?dashboard_id=%s" % self.dashboard.id
        for role in ("officer", "manager", "auditor"):
            with self.subTest(role=role):
                user = self.env.ref("union_relief.demo_user_%s" % role)
                expected = self._expected_cells(user)
                code = EVALUATE_CELLS.replace("__DASHBOARD_ID__", str(self.dashboard.id)).replace(
                    "__EXPECTED__", json.dumps(expected)
                )
                self.browser_js(url, code, login=role)
