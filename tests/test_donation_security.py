from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_donation import UnionDonationCommon


@tagged("post_install", "-at_install")
class TestDonationSecurity(UnionDonationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_campaign = cls._create_campaign(name="变电分会互助", organization_id=cls.org_branch_a.id)
        cls.donation = cls._donate(campaign=cls.branch_campaign, amount=100.0, visibility="anonymous")

    def test_officer_collects_for_own_and_parent_campaigns(self):
        Donation = self.env["union.donation"].with_user(self.officer_a)
        own = Donation.create(self._donation_vals(campaign=self.branch_campaign))
        parent = Donation.create(self._donation_vals(campaign=self.campaign))
        (own | parent).action_validate()
        self.assertEqual(set((own | parent).mapped("state")), {"validated"})
        self.assertEqual(own.move_id.state, "posted")
        self.assertEqual(self.branch_campaign.raised_amount, 200.0)

    def test_officer_of_another_branch_sees_nothing(self):
        self.assertFalse(
            self.env["union.donation"].with_user(self.officer_b).search([("id", "=", self.donation.id)])
        )
        with self.assertRaises(AccessError):
            self.donation.with_user(self.officer_b).read(["donor_name"])
        with self.assertRaises(AccessError):
            self.env["union.donation"].with_user(self.officer_b).create(
                self._donation_vals(campaign=self.branch_campaign)
            )
        with self.assertRaises(AccessError):
            self.branch_campaign.with_user(self.officer_b).write({"target_amount": 1.0})

    def test_only_a_relief_manager_approves_matching(self):
        transfer = self.env["union.donation.transfer"].with_user(self.centre_officer).create({
            "transfer_type": "matching",
            "campaign_id": self.campaign.id,
            "amount": 10000.0,
        })
        for user in (self.centre_officer, self.accountant, self.auditor):
            with self.assertRaises(AccessError):
                transfer.with_user(user).action_approve()
        self.assertEqual(transfer.state, "draft")
        self.assertFalse(transfer.move_id)
        transfer.with_user(self.manager).action_approve()
        self.assertEqual(transfer.state, "posted")
        with self.assertRaises(AccessError):
            transfer.with_user(self.centre_officer).action_cancel()

    def test_members_read_campaigns_but_not_donations(self):
        campaign = self.branch_campaign.with_user(self.member)
        self.assertEqual(campaign.raised_amount, 100.0)
        with self.assertRaises(AccessError):
            campaign.write({"name": "x"})
        with self.assertRaises(AccessError):
            self.donation.with_user(self.member).read(["donor_name"])
        public = campaign._get_public_account()
        self.assertEqual([donor["name"] for donor in public["donors"]], ["Anonymous donor"])

    def test_accountant_and_auditor(self):
        self.assertEqual(self.donation.with_user(self.accountant).donor_name, "张三明")
        self.assertEqual(self.donation.with_user(self.auditor).donor_name, "张三明")
        with self.assertRaises(AccessError):
            self.donation.with_user(self.auditor).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["union.donation"].with_user(self.auditor).create(self._donation_vals())
        booked = self.env["union.donation"].with_user(self.accountant).create(
            self._donation_vals(method="bank")
        )
        booked.action_validate()
        self.assertEqual(booked.state, "validated")

    def test_hr_user_without_union_group_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["union.donation.campaign"].with_user(self.hr_user).search([])
        with self.assertRaises(AccessError):
            self.env["union.donation"].with_user(self.hr_user).search([])

    def test_other_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "其他公司"})
        self.manager.company_ids |= other
        campaign = self.env["union.donation.campaign"].with_user(self.manager).with_company(other)
        self.assertNotIn(self.campaign, campaign.search([]))
