from ast import literal_eval
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from ..models.union_relief_programme import SERVICE_TYPES
from .common_contract import CollectiveContractCommon
from .common_relief import UnionReliefAccountingCommon

CASE_MEASURES = [
    "workers_helped:sum",
    "wages_recovered:sum",
    "injury_compensation:sum",
    "dismissal_compensation:sum",
    "jobs_found:sum",
]
CASES = [("programme_type", "in", SERVICE_TYPES), ("state", "!=", "cancelled")]


@tagged("post_install", "-at_install")
class TestRightsProtectionCases(UnionReliefAccountingCommon):
    """Employment and legal aid cases record their outcomes; the case pivot sums
    them per organisation, as the officer who reads them may see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.legal = cls._create_programme(
            "法律援助", "legal", standards=[], open_to_all=True, budget=10000.0
        )
        cls.employment = cls._create_programme("就业援助", "employment", standards=[])

    def _case(self, programme, user, **vals):
        """A case recorded and submitted by ``user``, approved by the relief centre."""
        grant = self._grant(self.file_a, programme, user=user, **vals)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        return grant

    def _outcomes(self, user, groupby):
        """The case pivot's cells, {group key: (workers, wages, injury, dismissal, jobs)},
        read as ``user`` with the call the pivot view makes."""
        groups = self.env["union.relief.grant"].with_user(user).read_group(
            CASES, CASE_MEASURES, groupby, lazy=False,
        )
        return {
            tuple(
                group[fname][0] if isinstance(group[fname], tuple) else group[fname]
                for fname in groupby
            ): tuple(group[measure.split(":")[0]] for measure in CASE_MEASURES)
            for group in groups
        }

    def test_outcome_totals_per_organisation_and_role(self):
        # branch A: a worker's wages, a site's migrant workers' wages, a placement
        self._case(self.legal, self.officer_a, workers_helped=1, wages_recovered=12000.0,
                   date=date(self.year, 3, 5))
        self._case(self.legal, self.officer_a, beneficiary_type="employee", file_id=False,
                   employee_id=self.employee_a2.id, workers_helped=15,
                   wages_recovered=490000.0, date=date(self.year, 1, 20))
        self._case(self.employment, self.officer_a, workers_helped=3, jobs_found=2,
                   file_id=self.file_a2.id, date=date(self.year, 3, 9))
        cancelled = self._grant(self.file_a, self.legal, workers_helped=40, wages_recovered=1.0)
        cancelled.cancel_reason = "重复登记"
        cancelled.action_cancel()
        # branch B: a work injury and a dismissal
        self._case(self.legal, self.officer_b, file_id=self.file_b.id,
                   injury_compensation=180000.0, dismissal_compensation=36000.0,
                   date=date(self.year, 1, 8))
        # a living allowance is no case
        self._approved(self.file_a)

        legal_a = (16, 502000.0, 0.0, 0.0, 0)
        employment_a = (3, 0.0, 0.0, 0.0, 2)
        legal_b = (1, 0.0, 180000.0, 36000.0, 0)
        self.assertEqual(
            self._outcomes(self.officer_a, ["programme_type"]),
            {("legal",): legal_a, ("employment",): employment_a},
            "an officer sees his branch's cases only",
        )
        self.assertEqual(self._outcomes(self.officer_b, ["programme_type"]), {("legal",): legal_b})
        by_organization = self._outcomes(self.manager, ["organization_id", "programme_type"])
        self.assertEqual(by_organization, {
            (self.org_branch_a.id, "legal"): legal_a,
            (self.org_branch_a.id, "employment"): employment_a,
            (self.org_branch_b.id, "legal"): legal_b,
        })
        by_month = self._outcomes(self.accountant, ["date:month"])
        self.assertEqual(len(by_month), 2)
        self.assertEqual(sum(cell[0] for cell in by_month.values()), 16 + 3 + 1)
        # the menu's action lists the same cases
        action = self.env.ref("union_relief.union_relief_grant_action_case")
        Grant = self.env["union.relief.grant"].with_user(self.officer_a)
        domain = literal_eval(action.domain) + [("state", "!=", "cancelled")]
        self.assertEqual(
            sum(Grant.search(domain).mapped("workers_helped")), legal_a[0] + employment_a[0]
        )

    def test_case_story_is_for_officers_its_figures_for_all_readers(self):
        case = self._case(self.legal, self.officer_a, case_description="欠薪三个月",
                          outcome="仲裁调解追回", wages_recovered=9000.0)
        for user in (self.accountant, self.auditor):
            Grant = self.env["union.relief.grant"].with_user(user)
            self.assertEqual(case.with_user(user).wages_recovered, 9000.0)
            with self.assertRaises(AccessError):
                case.with_user(user).read(["outcome"])
            # neither a search nor a pivot's grouping reads the story for them
            with self.assertRaises(AccessError):
                Grant.search([("case_description", "ilike", "欠薪")])
            with self.assertRaises(AccessError):
                Grant.read_group(CASES, ["workers_helped:sum"], ["outcome"], lazy=False)

    def test_outcome_figures_are_bounded(self):
        case = self._grant(self.file_a, self.legal)
        living = self._grant(self.file_a2)
        self.assertEqual((case.workers_helped, living.workers_helped), (1, 0))
        for vals, message in (
            ({"workers_helped": 0}, "Workers Helped must be a whole number from 1 to 100000"),
            ({"workers_helped": 100001}, "from 1 to 100000"),
            ({"workers_helped": 2, "jobs_found": 3}, "Jobs Found must be a whole number from 0 to 2"),
            ({"jobs_found": -1}, "Jobs Found must be a whole number from 0 to 1"),
            ({"wages_recovered": -5.0}, "Wages Recovered"),
            ({"injury_compensation": -1.0}, "Work-injury Compensation Won"),
            ({"dismissal_compensation": 1e11}, "Dismissal Compensation Won"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                case.with_user(self.officer_a).write(vals)
        with self.assertRaisesRegex(ValidationError, "not an employment or legal aid case"):
            living.with_user(self.officer_a).write({"wages_recovered": 1000.0})
        # the outcome comes after the approval: still recorded then, and tracked
        case.action_submit()
        case.with_user(self.centre_officer).action_approve()
        self.env.flush_all()
        self.env.cr.precommit.run()  # the transaction of the approval ends
        case.with_user(self.officer_a).with_context(tracking_disable=False).write(
            {"workers_helped": 12, "wages_recovered": 86000.0}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = case.message_ids.sudo().tracking_value_ids.field_id.mapped("name")
        self.assertIn("workers_helped", tracked)
        self.assertIn("wages_recovered", tracked)

    def test_a_case_books_nothing_unless_paid_as_a_grant(self):
        case = self._case(self.legal, self.officer_a, workers_helped=15, wages_recovered=490000.0)
        self.assertEqual((case.aid_kind, case.amount), ("service", 0.0))
        case.with_user(self.accountant).action_pay()
        self.assertEqual(case.state, "paid")
        self.assertFalse(case.move_id or case.payment_run_id)
        self.assertFalse(self.env["account.move.line"].search([("union_relief_grant_id", "=", case.id)]))
        self.assertFalse(self.env["account.move"].search([("union_relief_programme_id", "=", self.legal.id)]))
        self.assertEqual((self.legal.granted_amount, self.legal.committed_amount), (0.0, 0.0))
        # a service carries no amount: money goes through the union as a cash grant
        with self.assertRaisesRegex(ValidationError, "moves no money"):
            self._grant(self.file_a, self.legal, override_amount=800.0, override_reason="交通补贴")
        paid = self._case(self.legal, self.officer_a, aid_kind="cash", override_amount=800.0,
                          override_reason="诉讼期间生活补助", wages_recovered=20000.0)
        self.assertTrue(paid.move_id)
        self.assertEqual(paid._counterpart_line().balance, -800.0)
        self.legal.invalidate_recordset(["granted_amount"])
        self.assertEqual(self.legal.granted_amount, 800.0)

    def test_case_views(self):
        grant_form = Form(self.env["union.relief.grant"].with_user(self.officer_a))
        grant_form.programme_id = self.employment
        grant_form.file_id = self.file_a
        self.assertEqual(grant_form.workers_helped, 1)
        grant_form.jobs_found = 1
        self.assertEqual(grant_form.save().jobs_found, 1)
        pivot = self.env.ref("union_relief.union_relief_grant_view_pivot_case").arch
        for fname in CASE_MEASURES:
            self.assertIn('name="%s" type="measure"' % fname.split(":")[0], pivot)


@tagged("post_install", "-at_install")
class TestContractKpiBothWays(CollectiveContractCommon):
    """The performance rate by agreements beside the rate by clauses, each from
    the group's totals."""

    def _rates(self, user, domain, groupby):
        groups = self.env["union.contract.kpi"].with_user(user).read_group(
            domain,
            [
                "checked_count:sum", "honoured_count:sum", "performance_rate:sum",
                "agreement_checked_count:sum", "agreement_honoured_count:sum",
                "agreement_performance_rate:sum",
            ],
            groupby,
            lazy=False,
        )
        return {
            group[groupby[0]][0] if groupby else None: (
                group["checked_count"], group["honoured_count"], group["performance_rate"],
                group["agreement_checked_count"], group["agreement_honoured_count"],
                group["agreement_performance_rate"],
            )
            for group in groups
        }

    def test_rates_by_agreements_and_by_clauses(self):
        comprehensive = self._create_in_force_contract(self.bureau, 2024, clauses=2)
        wage = self._create_in_force_contract(
            self.bureau, 2024, clauses=3, contract_type_id=self.wage_type.id
        )
        branch = self._create_in_force_contract(self.branch, 2024, clauses=1)
        other = self._create_in_force_contract(self.other_union, 2024, clauses=1)
        self.assertTrue(self._done_check(comprehensive, 2024, ["honoured"] * 2).agreement_honoured)
        self.assertFalse(
            self._done_check(wage, 2024, ["honoured", "honoured", "partly"]).agreement_honoured
        )
        self._done_check(branch, 2024, ["honoured"])
        self._done_check(other, 2024, ["not_honoured"])
        year = [("year", "=", "2024")]
        subtree = [("organization_id", "child_of", self.bureau.id)] + year

        # clauses: 5 of 6 = 83.33 %; agreements: 2 of 3 honoured in full = 66.67 %
        [total] = self._rates(self.manager, subtree, []).values()
        self.assertEqual(total[:2] + total[3:5], (6, 5, 3, 2))
        self.assertAlmostEqual(total[2], 83.33)
        self.assertAlmostEqual(total[5], 66.67)
        by_organization = self._rates(self.manager, subtree, ["organization_id"])
        self.assertAlmostEqual(by_organization[self.bureau.id][5], 50.0)
        self.assertAlmostEqual(by_organization[self.bureau.id][2], 80.0)
        self.assertAlmostEqual(by_organization[self.branch.id][5], 100.0)

        # each officer sees his organisations' figures, never the plant union's
        federation = [("organization_id", "child_of", self.federation.id)] + year
        [officer_total] = self._rates(self.officer, federation, []).values()
        self.assertEqual(officer_total[3:5], (3, 2))
        [branch_total] = self._rates(self.branch_officer, federation, []).values()
        self.assertEqual(branch_total[3:5], (3, 2), "the branch and the unions above it")
        [all_total] = self._rates(self.manager, federation, []).values()
        self.assertEqual(all_total[3:5], (4, 2))
        self.assertAlmostEqual(all_total[5], 50.0)

    def test_rates_say_which_is_which(self):
        Kpi = self.env["union.contract.kpi"]
        labels = {
            fname: spec["string"]
            for fname, spec in Kpi.fields_get(
                ["performance_rate", "agreement_performance_rate"], ["string"]
            ).items()
        }
        self.assertEqual(labels, {
            "performance_rate": "Performance Rate (clauses)",
            "agreement_performance_rate": "Performance Rate (agreements)",
        })
        self.assertEqual(
            Kpi.fields_get(["agreement_performance_rate"], ["aggregator"])
            ["agreement_performance_rate"]["aggregator"],
            "sum",
            "offered as a measure in the pivot view",
        )
