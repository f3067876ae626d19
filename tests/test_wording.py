"""Issue 17: wording that reads right, numbers that do not mislead, A4 paper.

The Chinese terms themselves are checked where the translation is merged; these
tests hold the English side and the mechanisms the terms rely on."""

import re
from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.modules.module import get_manifest
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common_contract import CollectiveContractCommon
from .common_relief import UnionReliefAccountingCommon

MODULE = "union_relief"
# Text nodes and attribute values of the demo data written in Chinese: full-width
# punctuation only (a thousands separator between digits is not punctuation).
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ASCII_PUNCTUATION = re.compile(r"[,;:()!?]|\.(?=\s|$)")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
DEMO_FILES = get_manifest(MODULE)["demo"]


def _module_records(env, model):
    data = env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model)])
    return env[model].browse(data.mapped("res_id"))


def _view_arch(env, xmlid):
    view = env.ref(xmlid)
    arch = env[view.model].get_views([(view.id, view.type)])["views"][view.type]["arch"]
    return etree.fromstring(arch)


@tagged("post_install", "-at_install")
class TestWording(UnionReliefAccountingCommon):
    # === Chinese that reads right: labels with one meaning === #

    def test_start_buttons_are_not_named_after_the_open_state(self):
        for xmlid, label in (
            ("union_relief.union_donation_campaign_view_form", "Start Campaign"),
            ("union_relief.union_relief_programme_view_form", "Start Programme"),
        ):
            [button] = _view_arch(self.env, xmlid).xpath("//header/button[@name='action_open']")
            self.assertEqual(button.get("string"), label, xmlid)

    def test_people_are_labelled_by_their_full_name(self):
        Grant = self.env["union.relief.grant"]
        self.assertEqual(Grant._fields["submitted_by_id"].string, "Submitted By")
        for model in ("union.contract.representative", "union.hardship.member"):
            self.assertEqual(self.env[model]._fields["name"].string, "Full Name", model)
        notice = self.env.ref("union_relief.report_batch_notice").arch
        self.assertIn("<th>Full Name</th>", notice)
        self.assertNotIn("<th>Name</th>", notice)

    def test_unfiled_file_is_named_after_its_worker(self):
        Employee = self.env["hr.employee"]
        worker, filed_worker = Employee.create([
            {"name": "尹志华", "union_organization_id": self.org_branch_a.id},
            {"name": "肖军", "union_organization_id": self.org_branch_a.id},
        ])
        file = self._create_file(worker, serial=31)
        self.assertEqual(file.name, "New", "the number is given when the file is filed")
        self.assertEqual(file.display_name, "尹志华 (not filed)")
        self.assertEqual(
            self.env["union.hardship.file"].new({}).display_name, "(not filed)",
            "a new file without a worker yet",
        )
        filed = self._filed(filed_worker, serial=32, name="TGDJ-2025-0001")
        self.assertEqual(filed.display_name, "TGDJ-2025-0001 肖军")
        # lists, kanban cards and the form title show the number of filed files only
        for xmlid, path in (
            ("union_relief.union_hardship_file_view_list", "//list/field[@name='name']"),
            ("union_relief.union_hardship_file_view_kanban", "//t[@t-name='card']//field[@name='name']"),
            ("union_relief.union_hardship_file_view_form", "//h1/field[@name='name']"),
        ):
            [field] = _view_arch(self.env, xmlid).xpath(path)
            self.assertEqual(field.get("invisible"), "not filed_date", xmlid)

    def test_unsaved_grant_has_no_reference_yet(self):
        grant = self.env["union.relief.grant"].new({
            "programme_id": self.living.id, "file_id": self.file_a.id,
        })
        self.assertFalse(grant.name)
        saved = self._grant(self.file_a)
        self.assertRegex(saved.name, r"^%s-\d{6}$" % self.living.code)

    def test_configuration_lists_hide_technical_codes(self):
        for xmlid in (
            "union_relief.union_hardship_cause_view_list",
            "union_relief.union_hardship_subclass_view_list",
            "union_relief.union_hardship_exclusion_view_list",
        ):
            [code] = etree.fromstring(self.env.ref(xmlid).arch).xpath("//field[@name='code']")
            self.assertEqual(code.get("optional"), "hide", xmlid)

    def test_demo_chinese_text_uses_full_width_punctuation(self):
        checked = 0
        for name in DEMO_FILES:
            tree = etree.parse(file_path("%s/%s" % (MODULE, name)))
            # what users read: element texts and attribute values (not comments, nor
            # the Python of eval attributes)
            for node in tree.iter(tag=etree.Element):
                texts = [node.text] + [value for key, value in node.attrib.items() if key != "eval"]
                for text in filter(CHINESE.search, filter(None, texts)):
                    checked += 1
                    self.assertFalse(
                        ASCII_PUNCTUATION.search(THOUSANDS.sub("", text)),
                        "%s line %s: %r" % (name, node.sourceline, text.strip()),
                    )
        self.assertGreater(checked, 100)

    def test_demo_loads_its_translations_before_its_records(self):
        """The creation messages of the demo records name their model in the
        database's languages: the module's terms are loaded before the records."""
        root = etree.parse(file_path("%s/%s" % (MODULE, DEMO_FILES[0]))).getroot()
        first = [node for node in root if isinstance(node.tag, str)][0]
        self.assertEqual((first.tag, first.get("noupdate")), ("data", "1"), "at install only")
        [function] = first
        self.assertEqual(
            (function.tag, function.get("model"), function.get("name")),
            ("function", "ir.module.module", "_update_translations"),
        )
        self.assertEqual(
            self.env.ref("base.module_union_relief").name, MODULE,
            "the function's eval refers to the module record",
        )

    def test_creation_message_names_the_model_in_its_language(self):
        """A record created without a language (a data file) gets a creation
        message in the user's language, model name included."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"])
        self.env.user.lang = "zh_CN"
        model_name = self.env["ir.model"]._get("union.organization").with_context(lang="zh_CN").name
        self.assertNotEqual(model_name, "Union Organisation", "the module's terms are loaded")
        as_data_file = self.env(context={})
        self.assertFalse(as_data_file.lang)
        organization = as_data_file["union.organization"].create({
            "name": "测试支会", "code": "TCSZH", "organization_type": "branch",
            "parent_id": self.org_bureau.id,
        })
        self.assertIn(model_name, organization.message_ids[-1:].body)

    # === Years without a thousands separator === #

    def _year_fields(self):
        return {
            (model_name, field.name)
            for model_name, model in self.env.registry.items()
            for field in model._fields.values()
            if field.type == "integer" and field.name.endswith("year") and field._module == MODULE
        }

    def test_years_show_without_thousands_separator(self):
        year_fields = self._year_fields()
        self.assertTrue(
            {("union.relief.programme", "fiscal_year"), ("union.contract.performance", "year"),
             ("union.hardship.file", "assessment_year"), ("union.subsistence.line", "year")}
            <= year_fields
        )
        for model_name, fname in year_fields:
            self.assertIsNone(
                self.env[model_name]._fields[fname].aggregator,
                "%s.%s: years do not add up" % (model_name, fname),
            )
        views = self.env["ir.ui.view"].search([
            ("model", "in", [model for model, _fname in year_fields]),
            ("type", "in", ("list", "form", "kanban")),
            ("mode", "=", "primary"),
        ])
        checked = 0
        for view in views:
            arch = self.env[view.model].get_views([(view.id, view.type)])["views"][view.type]["arch"]
            for node in etree.fromstring(arch).iter("field"):
                if (view.model, node.get("name")) in year_fields and not list(node.iterancestors("field")):
                    checked += 1
                    self.assertRegex(
                        node.get("options") or "", r"['\"]enable_formatting['\"]\s*:\s*(false|False|0)",
                        "%s: %s" % (view.xml_id or view.name, node.get("name")),
                    )
        self.assertGreaterEqual(checked, 5, "the year fields are found in the views")

    # === Paper and currency of the printed documents === #

    def test_every_report_prints_on_a4(self):
        reports = _module_records(self.env, "ir.actions.report")
        self.assertGreaterEqual(len(reports), 6)
        paperformat = self.env.ref("union_relief.paperformat_union_a4")
        self.assertEqual((paperformat.format, paperformat.orientation), ("A4", "Portrait"))
        for report in reports:
            self.assertEqual(report.paperformat_id, paperformat, report.report_name)
            self.assertEqual(report.get_paperformat(), paperformat, report.report_name)

    def test_voucher_prints_rmb_whatever_the_company_currency(self):
        self.assertNotEqual(self.company.currency_id.name, "CNY", "the test needs another currency")
        grant = self._approved(self.file_a)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "union_relief.union_relief_grant_voucher_report", grant.ids
        )[0].decode()
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        figures = lang.format("%.2f", grant.amount, grouping=True)
        self.assertIn("¥ %s" % figures, html)
        self.assertNotIn(self.company.currency_id.symbol, html)
        self.assertIn(grant.amount_in_words, html)

    # === Numbers that mislead === #

    def test_campaign_progress_bar_is_full_beyond_the_target(self):
        arch = etree.fromstring(self.env.ref("union_relief.union_donation_campaign_view_form").arch)
        bars = [
            node
            for xmlid in (
                "union_relief.union_donation_campaign_view_form",
                "union_relief.union_donation_campaign_view_list",
                "union_relief.union_donation_campaign_view_kanban",
            )
            for node in etree.fromstring(self.env.ref(xmlid).arch).xpath("//field[@widget='progressbar']")
        ]
        self.assertTrue(arch.xpath("//field[@widget='progressbar']"))
        self.assertEqual(len(bars), 3)
        for bar in bars:
            # above 100 % Odoo's bar takes the overflow class, a light grey by default
            self.assertIn("'overflow_class': 'bg-success'", bar.get("options") or "")

    def test_kanban_columns_follow_the_workflow(self):
        File = self.env["union.hardship.file"]
        groups = File.read_group([("id", "=", self.file_a.id)], ["state"], ["state"])
        self.assertEqual(
            [group["state"] for group in groups],
            ["draft", "submitted", "visited", "checked", "notice", "filed", "review"],
            "every open step in workflow order; closed states only once used",
        )
        self.file_a2.write({"state": "exited"})
        files = self.file_a | self.file_a2
        groups = File.read_group([("id", "in", files.ids)], ["state"], ["state"])
        self.assertEqual([group["state"] for group in groups][-1], "exited")

    def test_overdue_reviews_are_highlighted(self):
        [list_node] = _view_arch(self.env, "union_relief.union_hardship_file_view_list").xpath("//list")
        danger = list_node.get("decoration-danger") or ""
        self.assertIn("next_review_date < current_date", danger)
        self.assertIn("state == 'filed'", danger)


@tagged("post_install", "-at_install")
class TestWordingContracts(CollectiveContractCommon):
    def test_workers_covered_are_not_summed_over_contracts_or_years(self):
        Contract = self.env["union.collective.contract"]
        self.assertIsNone(Contract._fields["workers_covered"].aggregator)
        [column] = etree.fromstring(
            self.env.ref("union_relief.union_collective_contract_view_list").arch
        ).xpath("//field[@name='workers_covered']")
        self.assertIsNone(column.get("sum"))

        self._create_in_force_contract(self.bureau, 2023, workers_covered=800)
        self._create_in_force_contract(self.other_union, 2023, workers_covered=300)
        Kpi = self.env["union.contract.kpi"]
        subtree = [("organization_id", "child_of", self.federation.id)]
        by_year = dict(Kpi._read_group(
            subtree + [("year", "in", ("2023", "2024", "2025"))],
            ["year"], ["workers_covered:sum"],
        ))
        self.assertEqual(by_year, {"2023": 1100, "2024": 1100, "2025": 1100},
                         "a year adds up its organisations")
        by_organization = dict(Kpi._read_group(
            subtree + [("year", "in", ("2023", "2024", "2025"))],
            ["organization_id"], ["workers_covered:sum"],
        ))
        self.assertIs(by_organization[self.bureau], False, "three years are not 2,400 workers")
        [(contracts, required)] = Kpi._read_group(
            subtree + [("year", "in", ("2023", "2024"))],
            [], ["contract_count:sum", "required_count:sum"],
        )
        self.assertIs(contracts, False, "the same contract in force for two years")
        self.assertIs(required, False)
        self.assertEqual(
            Kpi._read_group(subtree + [("year", "=", "2024")], [], ["contract_count:sum"]),
            [(2,)],
        )
        for xmlid, path in (
            ("union_relief.union_contract_kpi_view_list", "//field[@name='workers_covered']"),
            ("union_relief.union_contract_kpi_view_list", "//field[@name='contract_count']"),
        ):
            [node] = etree.fromstring(self.env.ref(xmlid).arch).xpath(path)
            self.assertIsNone(node.get("sum"), "the list's total would add up the years")

    def test_kpi_graph_defaults_to_bars(self):
        [graph] = etree.fromstring(
            self.env.ref("union_relief.union_contract_kpi_view_graph").arch
        ).xpath("//graph")
        self.assertEqual(graph.get("type"), "bar")

    def test_branch_officer_sees_the_kpis_of_the_contract_covering_the_branch(self):
        self._create_in_force_contract(self.bureau, 2024, workers_covered=800)
        rows = self.env["union.contract.kpi"].with_user(self.branch_officer).search(
            [("year", "=", "2024")]
        )
        self.assertEqual(rows.organization_id, self.federation | self.bureau | self.branch)
        bureau_row = rows.filtered(lambda row: row.organization_id == self.bureau)
        self.assertEqual((bureau_row.contract_count, bureau_row.workers_covered), (1, 800))
        self.assertNotIn(self.other_union, rows.organization_id)

    def test_representatives_are_counted_beyond_the_record_rules(self):
        contract = self._create_in_force_contract(self.other_union, 2024)
        self.env.invalidate_all()
        Representative = self.env["union.contract.representative"].with_user(self.branch_officer)
        self.assertFalse(
            Representative.search([("contract_id", "=", contract.id)]),
            "the representatives of another organisation's contract are hidden",
        )
        published = contract.with_user(self.branch_officer)
        self.assertEqual(
            (published.union_representative_count, published.employer_representative_count), (3, 3)
        )
        ledger = self.env["union.collective.contract.ledger.wizard"].with_user(self.branch_officer).create({})
        columns = {header: getter for header, _width, _kind, getter in ledger._get_columns(published)}
        self.assertEqual(
            (columns["Union Representatives"](published), columns["Employer Representatives"](published)),
            (3, 3),
        )
        with self.assertRaises(AccessError):
            self._create_contract(organization_id=self.other_union.id).with_user(  # noqa: B018 (reading is the test)
                self.branch_officer
            ).union_representative_count

    def test_unsaved_representatives_are_counted_from_the_form(self):
        contract = self.env["union.collective.contract"].new({
            "name": "New", "organization_id": self.bureau.id,
            "representative_ids": self._representative_commands(per_side=4)
            + [Command.create({"side": "union", "name": "Left", "date_left": date(2025, 1, 1)})],
        })
        self.assertEqual(
            (contract.union_representative_count, contract.employer_representative_count), (4, 4)
        )
