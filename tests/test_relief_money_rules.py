import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_donation import CampaignGrantCommon
from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestGrantMoneyRules(UnionReliefAccountingCommon):
    """Entry dates and lock dates, the payee, and actions on selected grants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.living.second_approval_amount = 0.0
        cls.employee_c = cls.env["hr.employee"].create({
            "name": "赵建国",
            "company_id": cls.company.id,
            "union_organization_id": cls.org_branch_a.id,
        })
        cls.file_c = cls._filed(cls.employee_c, serial=21, member_ids=[
            Command.create({"name": "孙秀英", "relation": "spouse", "annual_income": 0.0}),
            Command.create({"name": "赵小军", "relation": "child", "annual_income": 0.0}),
        ])
        cls.widow = cls.file_c.member_ids.filtered(lambda m: m.relation == "spouse")

    def _payable(self, grant):
        return grant.sudo().move_id.line_ids.filtered("union_relief_grant_id")

    # ------------------------------------------------------------------
    # Entry dates
    # ------------------------------------------------------------------

    def test_grant_of_an_earlier_month_is_booked_in_that_month(self):
        grant = self._approved(
            self.file_a, period="%d-03" % self.year, date=date(self.year, 6, 15)
        )
        self.assertEqual(grant.sudo().move_id.date, date(self.year, 3, 31))

    def test_grant_within_its_period_is_booked_on_its_date(self):
        grant = self._approved(
            self.file_a, period="%d-06" % self.year, date=date(self.year, 6, 15)
        )
        self.assertEqual(grant.sudo().move_id.date, date(self.year, 6, 15))

    def test_grant_in_a_locked_period_is_refused_clearly(self):
        self.company.sudo().fiscalyear_lock_date = date(self.year, 3, 31)
        grant = self._grant(self.file_a, period="%d-03" % self.year, date=date(self.year, 6, 15))
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "locked up to"):
            grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.state, "submitted")
        self.assertFalse(grant.sudo().move_id)
        # a grant of an open month is booked as usual
        open_grant = self._approved(
            self.file_a2, period="%d-04" % self.year, date=date(self.year, 6, 15)
        )
        self.assertEqual(open_grant.sudo().move_id.date, date(self.year, 4, 30))

    # ------------------------------------------------------------------
    # Payee
    # ------------------------------------------------------------------

    def test_condolence_money_goes_to_the_widow(self):
        grant = self._grant(self.file_c, payee_member_id=self.widow.id)
        contact = self.widow.sudo().partner_id
        self.assertEqual(contact.name, "孙秀英")
        self.assertEqual(grant.payee_id, contact)
        # the beneficiary stays the worker: once per period and caps count on him
        self.assertEqual(grant.partner_id, self.employee_c.work_contact_id)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(self._payable(grant).partner_id, contact)
        # the same member is paid through the same contact next time
        second = self._grant(self.file_c, programme=self._one_off(), payee_member_id=self.widow.id)
        self.assertEqual(second.payee_id, contact)

    def test_payee_is_any_contact(self):
        hospital = self.env["res.partner"].create({"name": "毕节市第一人民医院", "is_company": True})
        account = self.env["res.partner.bank"].create({
            "partner_id": hospital.id, "acc_number": "6222020200112233",
        })
        grant = self._approved(self.file_a, payee_id=hospital.id)
        self.assertEqual(self._payable(grant).partner_id, hospital)
        # the bank transfer goes to the payee's account, not the household's
        self.assertEqual(grant._get_payee_bank_account(), account)
        workbook = self.env["union.relief.batch"]._bank_transfer_workbook(grant)
        row = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(workbook)).active[2]]
        self.assertEqual(row[1:4], ["毕节市第一人民医院", None, "6222020200112233"])

    def test_payee_member_must_belong_to_the_household(self):
        with self.assertRaisesRegex(ValidationError, "is not a member of the household"):
            self._grant(self.file_a, payee_member_id=self.widow.id)

    def test_payee_is_frozen_once_submitted(self):
        grant = self._grant(self.file_c)
        grant.action_submit()
        hospital = self.env["res.partner"].create({"name": "医院"})
        for user in (self.officer_a, self.centre_officer, self.accountant):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                grant.with_user(user).write({"payee_id": hospital.id})
        self.assertFalse(grant.payee_id)

    def _one_off(self):
        return self._create_programme(
            "大病救助", "medical", budget=100000.0,
            standards=[{"name": "一次性", "method": "fixed_household", "amount": 1000.0}],
        )

    # ------------------------------------------------------------------
    # Actions on selected grants
    # ------------------------------------------------------------------

    def _run_list_action(self, xmlid, user, grants):
        action = self.env.ref(xmlid).with_user(user)
        return action.with_context(
            active_model=grants._name, active_ids=grants.ids, active_id=grants[:1].id
        ).run()

    def test_selected_grants_are_approved_in_one_entry(self):
        grants = self._grant(self.file_a) | self._grant(self.file_a2) | self._grant(self.file_c)
        self._run_list_action(
            "union_relief.union_relief_grant_action_submit_selected", self.officer_a, grants
        )
        self.assertEqual(set(grants.mapped("state")), {"submitted"})
        self._run_list_action(
            "union_relief.union_relief_grant_action_approve_selected", self.centre_officer, grants
        )
        self.assertEqual(set(grants.mapped("state")), {"approved"})
        moves = grants.sudo().move_id
        self.assertEqual(len(moves), 1)
        self.assertEqual(len(moves.line_ids.filtered("union_relief_grant_id")), 3)
        self.assertIn("3", moves.ref)

    def test_list_actions_are_refused_to_the_wrong_role(self):
        grants = self._grant(self.file_a) | self._grant(self.file_a2)
        grants.action_submit()
        with self.assertRaises(AccessError):
            self._run_list_action(
                "union_relief.union_relief_grant_action_approve_selected", self.officer_a, grants
            )
        # and the model refuses the step itself, whoever calls it
        with self.assertRaises(AccessError):
            grants.with_user(self.accountant).action_approve()
        self.assertEqual(set(grants.mapped("state")), {"submitted"})


@tagged("post_install", "-at_install")
class TestCampaignFundedBudget(CampaignGrantCommon):
    """A grant paid from a campaign is checked against the campaign, not the budget."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._donate(amount=5000.0)

    def test_campaign_grant_ignores_the_programme_budget(self):
        self.living.budget = 0.0
        grant = self._campaign_grant(3000.0)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(grant.state, "approved")
        self.assertEqual(self.living.granted_amount, 0.0)
        self.assertEqual(self.living.committed_amount, 0.0)
        self.assertEqual(self.campaign.spent_amount, 3000.0)
        # the programme's own grants still meet its budget
        own = self._grant(self.file_a)
        own.action_submit()
        with self.assertRaisesRegex(UserError, "budget"):
            own.with_user(self.centre_officer).action_approve()

    def test_campaign_grant_is_limited_by_the_campaign_fund(self):
        self.living.budget = 1000000.0
        grant = self._campaign_grant(6000.0)
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "cannot pay 6000.00"):
            grant.with_user(self.centre_officer).action_approve()
