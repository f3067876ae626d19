from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefProgramme(UnionReliefAccountingCommon):
    def test_programme_gets_an_analytic_account_in_union_funds(self):
        plan = self.env.ref("union_relief.analytic_plan_union_funds")
        self.assertEqual(self.living.analytic_account_id.plan_id, plan)
        self.assertEqual(self.living.analytic_account_id.name, "生活救助")
        self.assertEqual(self.living.recurrence, "monthly")

    def test_open_needs_accounting_and_standards(self):
        programme = self.env["union.relief.programme"].create({
            "name": "送温暖", "programme_type": "festival", "organization_id": self.org_bureau.id,
        })
        with self.assertRaisesRegex(UserError, "Relief Journal, Expense Account"):
            programme.action_open()
        programme.write({"journal_id": self.journal.id, "expense_account_id": self.account_relief.id})
        with self.assertRaisesRegex(UserError, "at least one relief standard"):
            programme.action_open()

    def test_living_allowance_200_per_person(self):
        grant = self._grant(self.file_a)
        self.assertEqual(grant.computed_amount, 600.0)
        self.assertEqual(grant.amount, 600.0)
        self.assertEqual(grant.standard_id, self.living.standard_ids)
        self.assertEqual(grant.amount_in_words, "陆佰元整")

    def test_education_aid_by_school_level_and_filing(self):
        education = self._create_programme("金秋助学", "education", budget=50000.0, open_to_all=True, standards=[
            {"name": "大学 建档", "scope": "filed", "school_level": "university", "amount": 5000.0},
            {"name": "高中 建档", "scope": "filed", "school_level": "senior_high", "amount": 3000.0},
            {"name": "大学 非建档", "scope": "not_filed", "school_level": "university", "amount": 4000.0},
            {"name": "高中 非建档", "scope": "not_filed", "school_level": "senior_high", "amount": 2000.0},
        ])
        filed_uni = self._grant(self.file_a, education, school_level="university")
        filed_high = self._grant(self.file_a2, education, school_level="senior_high")
        other = self.env["union.relief.grant"].create({
            "programme_id": education.id, "beneficiary_type": "employee",
            "employee_id": self.employee_b.id, "school_level": "university",
        })
        self.assertEqual(
            (filed_uni.amount, filed_high.amount, other.amount), (5000.0, 3000.0, 4000.0)
        )
        primary = self._grant(self.file_a, education, school_level="primary")
        self.assertEqual(primary.amount, 0.0)
        self.assertIn("No relief standard", primary.amount_note)

    def test_medical_aid_rate_above_deductible(self):
        medical = self._create_programme("医疗救助", "medical", budget=50000.0, standards=[{
            "name": "自付超2000元", "method": "rate", "rate": 0.5, "deductible": 2000.0,
            "minimum_amount": 500.0, "grant_cap": 5000.0, "household_year_cap": 5000.0,
        }])
        self.assertEqual(self._grant(self.file_a, medical, cost_amount=2400.0).amount, 500.0)
        self.assertEqual(self._grant(self.file_a, medical, cost_amount=8000.0).amount, 3000.0)
        self.assertEqual(self._grant(self.file_a, medical, cost_amount=40000.0).amount, 5000.0)
        below = self._grant(self.file_a, medical, cost_amount=1500.0)
        self.assertEqual(below.amount, 0.0)
        self.assertIn("does not exceed the deductible", below.amount_note)

    def test_most_specific_standard_wins(self):
        self.living.write({"standard_ids": [Command.create({
            "name": "深度困难", "method": "fixed_person", "amount": 300.0, "category": "deep",
        })]})
        self.file_a2.category = "relative"
        self.assertEqual(self._grant(self.file_a).amount, 900.0)
        self.assertEqual(self._grant(self.file_a2).amount, 200.0)

    def test_invalid_standard(self):
        with self.assertRaisesRegex(ValidationError, "rate of a relief standard"):
            self.living.write({"standard_ids": [Command.create({
                "name": "x", "method": "rate", "rate": 1.5,
            })]})
        with self.assertRaisesRegex(ValidationError, "needs an amount greater than zero"):
            self.living.write({"standard_ids": [Command.create({
                "name": "y", "method": "fixed_household", "amount": 0.0,
            })]})

    def test_period_must_be_in_the_fiscal_year(self):
        with self.assertRaisesRegex(ValidationError, "outside the programme's fiscal year"):
            self._grant(self.file_a, period="%s-01" % (self.year + 1))
        with self.assertRaisesRegex(ValidationError, "must name a month"):
            self._grant(self.file_a, period=str(self.year))
        with self.assertRaisesRegex(ValidationError, "is not valid"):
            self._grant(self.file_a, period="%s-13" % self.year)

    def test_fund_statement_from_posted_entries(self):
        grant = self._approved(self.file_a)
        self._approved(self.file_a2, period="%s-01" % self.year)
        self.living.invalidate_recordset()
        self.assertEqual(self.living.granted_amount, 800.0)
        self.assertEqual(self.living.committed_amount, 800.0)
        self.assertEqual(self.living.paid_amount, 0.0)
        self.assertEqual(self.living.remaining_amount, 100000.0 - 800.0)
        grant.with_user(self.accountant).action_pay()
        self.living.invalidate_recordset()
        self.assertEqual(self.living.paid_amount, 600.0)
        action = self.living.action_view_fund_statement()
        lines = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(sum(lines.mapped("debit")), 800.0)
