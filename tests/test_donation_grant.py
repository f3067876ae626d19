from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_donation import CampaignGrantCommon


@tagged("post_install", "-at_install")
class TestDonationGrant(CampaignGrantCommon):
    """The campaign pays its beneficiary through a relief grant charged to its fund."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._donate(amount=44540.0)
        cls._match(cls.campaign, 10000.0)

    def test_grant_expense_is_charged_to_the_campaign_fund(self):
        grant = self._campaign_grant(54540.0)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        expense = grant.sudo().move_id.line_ids.filtered(lambda line: line.account_id == self.account_relief)
        self.assertEqual(expense.debit, 54540.0)
        self.assertEqual(
            expense.analytic_distribution, {str(self.campaign.analytic_account_id.id): 100}
        )
        self.assertRecordValues(self.campaign, [{
            "raised_amount": 44540.0,
            "matched_amount": 10000.0,
            "spent_amount": 54540.0,
            "balance_amount": 0.0,
        }])
        # the programme's fund is not charged
        self.assertFalse(self.env["account.analytic.line"].search(
            [("auto_account_id", "=", self.living.analytic_account_id.id)]
        ))
        uses = self.campaign._get_public_account()["uses"]
        self.assertIn("王*力", " ".join(use["description"] for use in uses))
        self.assertNotIn("王大力", " ".join(use["description"] for use in uses))
        self.campaign.action_close()
        self.assertFalse(self.campaign.transfer_ids.filtered(lambda t: t.transfer_type == "closing"))
        self.campaign.with_user(self.manager).action_settle()
        self.assertEqual(self.campaign.state, "settled")

    def test_grant_cannot_exceed_the_campaign_balance(self):
        grant = self._campaign_grant(60000.0)
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "holds 54540.00: it cannot pay 60000.00"):
            grant.with_user(self.centre_officer).action_approve()
        self.assertFalse(grant.sudo().move_id)
        self.assertEqual(self.campaign.spent_amount, 0.0)

    def test_cancelled_grant_gives_the_money_back_to_the_fund(self):
        grant = self._campaign_grant(4000.0)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        self.assertEqual(self.campaign.spent_amount, 4000.0)
        grant.with_user(self.manager).write({"cancel_reason": "重复发放"})
        grant.with_user(self.manager).action_cancel()
        self.assertEqual(self.campaign.spent_amount, 0.0)
        self.assertEqual(self.campaign.balance_amount, 54540.0)

    def test_only_cash_relief_from_a_campaign_and_only_in_draft(self):
        grant = self._campaign_grant(100.0)
        grant.action_submit()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            grant.write({"campaign_id": self.general_fund.id})
        with self.assertRaisesRegex(ValidationError, "Only cash relief"):
            self._campaign_grant(100.0, aid_kind="service")
