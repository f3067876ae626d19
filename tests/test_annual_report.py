import io
from datetime import date, datetime
from itertools import count

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import load_chinese
from .common_contract import CollectiveContractCommon
from .common_donation import CampaignGrantCommon
from .common_statistics import FileHistoryMixin

REPORT = "union.annual.report.wizard"
FILE_MEASURES = [
    "opening_count:sum", "entered_count:sum", "exited_count:sum", "withdrawn_count:sum",
    "cancelled_count:sum", "left_count:sum", "closing_count:sum",
]


@tagged("post_install", "-at_install")
class TestAnnualReport(FileHistoryMixin, CampaignGrantCommon):
    """The annual statistics report of an organisation's subtree for a year: its
    figures are the pivots' figures with the same filters, as each role reads
    them, and its sentences say them.

    The known year R (last year, so that every date is past):

    - branch A: FA1 filed in R-1 and left hardship in R; FA2 filed in R;
    - branch B: FB1 filed in R-1 and cancelled in R; FB2 filed and withdrawn in R;
    - paid in R: the living allowance (union funds) to FA2, Sending Warmth (higher-level
      union) to two households, a grant charged to the campaign; a legal-aid case
      of branch A and an employment case of branch B;
    - donations of R and the union's matching.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.serials = count(700)
        R = cls.report_year = cls.today.year - 1
        cls.fa1 = cls._enter(cls._worker(cls.org_branch_a), datetime(R - 1, 3, 1, 10), "deep")
        cls.fb1 = cls._enter(cls._worker(cls.org_branch_b), datetime(R - 1, 6, 1, 10), "relative")
        cls.fa2 = cls._enter(cls._worker(cls.org_branch_a), datetime(R, 2, 1, 10), "deep")
        cls.fb2 = cls._enter(cls._worker(cls.org_branch_b), datetime(R, 3, 1, 10), "sudden")
        with freeze_time(datetime(R, 9, 1, 10)):
            cls._close(cls.fa1, "exited", "子女工作，家庭收入稳定")
        with freeze_time(datetime(R, 10, 1, 10)):
            cls._close(cls.fb2, "withdrawn", "本人申请撤档")
        with freeze_time(datetime(R, 11, 1, 10)):
            cls._close(cls.fb1, "cancelled", "核实有隐瞒收入")

        cls.living_r = cls._create_programme(
            "生活救助（上年）", "living", fiscal_year=R, budget=100000.0,
            second_approval_amount=0.0,
            standards=[{"name": "每人每月", "method": "fixed_person", "amount": 200.0}],
        )
        cls.festival = cls._create_programme(
            "春节送温暖", "festival", fiscal_year=R, budget=100000.0, funding_source="higher",
            second_approval_amount=0.0,
            standards=[{"name": "每户", "method": "fixed_household", "amount": 500.0}],
        )
        cls.legal = cls._create_programme(
            "法律援助", "legal", standards=[], open_to_all=True, fiscal_year=R,
        )
        cls.employment = cls._create_programme(
            "就业援助", "employment", standards=[], open_to_all=True, fiscal_year=R,
        )
        cls.campaign.write({"beneficiary_employee_ids": [Command.link(cls.fa2.employee_id.id)]})
        cls._donate(amount=300.0, date=date(R, 5, 1))
        cls._donate(amount=200.0, date=date(R, 5, 2), employee=cls.employee_b)
        cls._donate(amount=900.0, date=date(R + 1, 1, 2))
        transfer = cls.env["union.donation.transfer"].create({
            "transfer_type": "matching", "campaign_id": cls.campaign.id, "amount": 1000.0,
            "date": date(R, 6, 1),
        })
        transfer.with_user(cls.manager).action_approve()
        paid = (
            cls._paid_grant(cls.fa2, cls.living_r, cls.officer_a, date(R, 3, 10))
            | cls._paid_grant(cls.file_a, cls.festival, cls.officer_a, date(R, 1, 20))
            | cls._paid_grant(cls.file_b, cls.festival, cls.officer_b, date(R, 1, 20))
            | cls._paid_grant(
                cls.fa2, cls.living_r, cls.officer_a, date(R, 4, 10), period="%s-04" % R,
                campaign_id=cls.campaign.id, override_amount=1500.0,
                override_reason="爱心捐款专款专用",
            )
        )
        cls.paid = paid
        # not in the year, not paid: not in the report
        cls._paid_grant(cls.file_a, cls.living, cls.officer_a, date(R + 1, 1, 20))
        cls._submitted(cls.file_a2, cls.festival, cls.officer_a, date(R, 1, 20))
        cls.cases = (
            cls._submitted(cls.file_a, cls.legal, cls.officer_a, date(R, 5, 5),
                           workers_helped=15, wages_recovered=490000.0,
                           injury_compensation=180000.0)
            | cls._submitted(cls.file_b, cls.employment, cls.officer_b, date(R, 6, 5),
                             workers_helped=3, jobs_found=2)
        )
        for case in cls.cases:
            case.with_user(cls.centre_officer).action_approve()

    @classmethod
    def _submitted(cls, file, programme, user, on, **vals):
        grant = cls.env["union.relief.grant"].with_user(user).create({
            "programme_id": programme.id, "file_id": file.id, "date": on,
            "period": vals.pop("period", "%04d-%02d" % (on.year, on.month)), **vals,
        })
        grant.action_submit()
        return grant

    @classmethod
    def _paid_grant(cls, file, programme, user, on, **vals):
        grant = cls._submitted(file, programme, user, on, **vals)
        grant.with_user(cls.centre_officer).action_approve()
        grant.with_user(cls.accountant).action_pay()
        return grant

    def _report(self, user, organization, year=None):
        return self.env[REPORT].with_user(user).create({
            "organization_id": organization.id, "year": year or self.report_year,
        })

    def _start_end(self):
        return date(self.report_year, 1, 1), date(self.report_year, 12, 31)

    # ------------------------------------------------------------------
    # The figures are the pivots'
    # ------------------------------------------------------------------

    def test_file_figures_are_the_yearly_statistics_pivot(self):
        for user, organization, expected in (
            (self.centre_officer, self.org_bureau, (2, 2, 1, 1, 1, 3, 1)),
            (self.officer_a, self.org_branch_a, (1, 1, 1, 0, 0, 1, 1)),
            (self.officer_b, self.org_branch_b, (1, 1, 0, 1, 1, 2, 0)),
            (self.auditor, self.org_bureau, (2, 2, 1, 1, 1, 3, 1)),
        ):
            with self.subTest(user=user.login):
                figures = self._report(user, organization)._figures()["files"]
                # the pivot of Hardship ▸ Yearly File Statistics, filtered as the report says
                [pivot] = self.env["union.hardship.file.statistics"].with_user(user).read_group(
                    [("year", "=", str(self.report_year)),
                     ("organization_id", "child_of", organization.id)],
                    FILE_MEASURES, [], lazy=False,
                )
                names = [spec.split(":")[0] for spec in FILE_MEASURES]
                self.assertEqual(tuple(figures[name] for name in names), expected)
                self.assertEqual(tuple(pivot[name] for name in names), expected)

    def test_relief_figures_are_the_grant_pivot(self):
        start, end = self._start_end()
        report = self._report(self.centre_officer, self.org_bureau)
        figures = report._figures()
        pivot_domain = [
            ("state", "=", "paid"), ("date", ">=", start), ("date", "<=", end),
            ("organization_id", "child_of", self.org_bureau.id),
        ]
        Grant = self.env["union.relief.grant"].with_user(self.centre_officer)
        [total] = Grant.read_group(pivot_domain, ["amount:sum", "file_id:count_distinct"], [],
                                   lazy=False)
        self.assertEqual(figures["relief"]["count"], 4)
        self.assertEqual(total["__count"], 4)
        self.assertAlmostEqual(figures["relief"]["amount"], total["amount"])
        self.assertAlmostEqual(figures["relief"]["amount"], sum(self.paid.sudo().mapped("amount")))
        self.assertEqual(figures["relief"]["households"], 3)
        self.assertEqual(total["file_id"], 3)
        # FA2 (2 people) once, file A (3), file B (2)
        self.assertEqual(figures["relief"]["people"], 7)
        by_source = {
            group["funding_source"]: group["amount"]
            for group in Grant.read_group(pivot_domain, ["amount:sum"], ["funding_source"])
        }
        self.assertEqual(
            {source: amount for source, amount in figures["sources"].items() if amount},
            by_source,
        )
        self.assertEqual(by_source["campaign"], 1500.0)
        self.assertEqual(by_source["higher"], 1000.0)
        self.assertEqual(figures["festival"], {"count": 2, "amount": 1000.0})
        self.assertEqual(figures["education"], {"count": 0, "amount": 0})

    def test_cases_donations_and_matching_are_their_pivots(self):
        start, end = self._start_end()
        figures = self._report(self.centre_officer, self.org_bureau)._figures()
        [cases] = self.env["union.relief.grant"].with_user(self.centre_officer).read_group(
            [("programme_type", "in", ("employment", "legal")),
             ("state", "not in", ("draft", "cancelled")),
             ("date", ">=", start), ("date", "<=", end),
             ("organization_id", "child_of", self.org_bureau.id)],
            ["workers_helped:sum", "wages_recovered:sum", "injury_compensation:sum",
             "dismissal_compensation:sum", "jobs_found:sum"], [], lazy=False,
        )
        self.assertEqual(figures["cases"], {
            "count": 2, "workers_helped": 18, "wages_recovered": 490000.0,
            "injury_compensation": 180000.0, "dismissal_compensation": 0.0, "jobs_found": 2,
        })
        for name, value in figures["cases"].items():
            self.assertEqual(cases["__count" if name == "count" else name], value)
        [donations] = self.env["union.donation"].with_user(self.centre_officer).read_group(
            [("state", "=", "validated"), ("date", ">=", start), ("date", "<=", end),
             ("organization_id", "child_of", self.org_bureau.id)],
            ["amount:sum"], [], lazy=False,
        )
        self.assertEqual(
            figures["donations"], {"count": 2, "amount": 500.0, "matching": 1000.0}
        )
        self.assertEqual((donations["__count"], donations["amount"]), (2, 500.0))

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------

    def test_each_officer_reports_on_his_organisations_only(self):
        figures = self._report(self.officer_a, self.org_branch_a)._figures()
        self.assertEqual(figures["relief"]["count"], 3, "branch A's grants only")
        self.assertEqual(figures["cases"]["count"], 1)
        self.assertEqual(figures["cases"]["jobs_found"], 0, "the employment case is branch B's")
        for organization in (self.org_branch_b, self.org_bureau):
            with self.subTest(organization=organization.name), \
                    self.assertRaisesRegex(ValidationError, "You do not work for"):
                self._report(self.officer_a, organization)
        # the same refusal, whoever writes the organisation
        report = self._report(self.officer_a, self.org_branch_a)
        with self.assertRaisesRegex(ValidationError, "You do not work for"):
            report.write({"organization_id": self.org_branch_b.id})

    def test_household_sizes_stay_with_the_officers(self):
        figures = self._report(self.auditor, self.org_bureau)._figures()
        self.assertIsNone(figures["relief"]["people"])
        self.assertEqual(figures["relief"]["households"], 3)
        sentences = self._report(self.auditor, self.org_bureau)._report()["sentences"]
        self.assertFalse(any("people" in sentence for sentence in sentences))

    def test_roles_without_the_report_cannot_open_it(self):
        for user in (self.accountant, self.member):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._report(user, self.org_bureau)

    def test_the_year_is_bounded(self):
        with self.assertRaisesRegex(ValidationError, "year"):
            self._report(self.centre_officer, self.org_bureau, year=99999)

    # ------------------------------------------------------------------
    # What it prints
    # ------------------------------------------------------------------

    def test_sentences_in_chinese(self):
        load_chinese(self.env)
        report = self._report(self.centre_officer.with_context(lang="zh_CN"), self.org_bureau)
        report = report.with_context(lang="zh_CN")
        sentences = report._report()["sentences"]
        R = self.report_year
        self.assertEqual(sentences[0], (
            f"{R}年末，测试供电局工会建档困难职工1户，比年初的2户减少1户。"
        ))
        self.assertEqual(sentences[1], "全年新建档2户，脱困1户，撤档1户，注销1户。")
        self.assertIn("惠及建档困难职工家庭3户、7人", sentences[2])
        self.assertIn("上级工会补助1,000元", sentences[3])
        self.assertIn("慰问2人次", " ".join(sentences))
        self.assertIn("追回欠薪490,000元", " ".join(sentences))
        self.assertIn("工会配套1,000元", " ".join(sentences))

    def test_pdf_and_xlsx_show_the_figures(self):
        report = self._report(self.centre_officer, self.org_bureau)
        html = self.env["ir.actions.report"].with_user(self.centre_officer)._render_qweb_html(
            "union_relief.report_union_annual_statistics", report.ids
        )[0].decode()
        for sentence in report._report()["sentences"]:
            self.assertIn(sentence.split(",")[0], html)
        self.assertIn("490,000", html)
        filename, content = report._xlsx_export()
        self.assertTrue(filename.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {
            row[0].value: row[1].value for row in sheet.iter_rows(min_col=1, max_col=2)
            if row[0].value
        }
        self.assertEqual(cells["Households on file at 31 December"], 1)
        self.assertEqual(cells["Wages recovered (yuan)"], 490000)
        self.assertEqual(cells["From Donations (yuan)"], 1500)

    def test_figures_cost_the_same_queries_whatever_the_records(self):
        report = self._report(self.centre_officer, self.org_bureau)
        report._figures()  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=13):
            report._figures()
        R = self.report_year
        for n in range(5):
            self._paid_grant(
                self._enter(self._worker(self.org_branch_a), datetime(R, 4, 1 + n, 10), "deep"),
                self.living_r, self.officer_a, date(R, 5, 1 + n),
            )
            self._donate(amount=10.0, date=date(R, 7, 1 + n))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=13):
            figures = report._figures()
        self.assertEqual(figures["relief"]["count"], 9)


@tagged("post_install", "-at_install")
class TestAnnualReportContracts(CollectiveContractCommon):
    """The contract figures of the report are the KPI pivot's, rates by agreements
    and by clauses computed from the subtree's totals."""

    def test_contract_rates_both_ways(self):
        comprehensive = self._create_in_force_contract(self.bureau, 2024, clauses=2)
        wage = self._create_in_force_contract(
            self.bureau, 2024, clauses=3, contract_type_id=self.wage_type.id
        )
        branch = self._create_in_force_contract(self.branch, 2024, clauses=1)
        other = self._create_in_force_contract(self.other_union, 2024, clauses=1)
        self._done_check(comprehensive, 2024, ["honoured"] * 2)
        self._done_check(wage, 2024, ["honoured", "honoured", "partly"])
        self._done_check(branch, 2024, ["honoured"])
        self._done_check(other, 2024, ["not_honoured"])
        report = self.env[REPORT].with_user(self.manager).create({
            "organization_id": self.bureau.id, "year": 2024,
        })
        contracts = report._figures()["contracts"]
        [kpi] = self.env["union.contract.kpi"].with_user(self.manager).read_group(
            [("year", "=", "2024"), ("organization_id", "child_of", self.bureau.id)],
            ["signed_count:sum", "required_count:sum", "checked_count:sum",
             "honoured_count:sum", "agreement_checked_count:sum",
             "agreement_honoured_count:sum", "performance_rate:sum",
             "agreement_performance_rate:sum", "signing_rate:sum"],
            [], lazy=False,
        )
        for name in ("signed_count", "required_count", "checked_count", "honoured_count",
                     "agreement_checked_count", "agreement_honoured_count"):
            self.assertEqual(contracts[name], kpi[name], name)
        self.assertEqual((contracts["checked_count"], contracts["honoured_count"]), (6, 5))
        self.assertEqual(
            (contracts["agreement_checked_count"], contracts["agreement_honoured_count"]), (3, 2)
        )
        self.assertAlmostEqual(float(contracts["performance_rate"]), kpi["performance_rate"])
        self.assertAlmostEqual(float(contracts["agreement_performance_rate"]), 66.67)
        self.assertAlmostEqual(float(contracts["signing_rate"]), kpi["signing_rate"])
        sentences = report._report()["sentences"]
        self.assertIn("performance rate 66.67% by agreements, 83.33% by clauses", sentences[-1])
        # the branch officer: his branch and nothing of the bureau's own contracts
        self.branch_officer.union_organization_ids = [Command.set(self.branch.ids)]
        branch_report = self.env[REPORT].with_user(self.branch_officer).create({
            "organization_id": self.branch.id, "year": 2024,
        })
        branch_contracts = branch_report._figures()["contracts"]
        self.assertEqual(
            (branch_contracts["checked_count"], branch_contracts["agreement_checked_count"]),
            (1, 1),
        )
        # the form shows the report's sentences
        form = Form(self.env[REPORT].with_user(self.manager))
        form.organization_id = self.bureau
        form.year = 2024
        self.assertIn("by agreements", form.summary)
