from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDonationTour(HttpCase):
    def _setup_campaign(self):
        journal = self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(self.env.company),
            ("type", "=", "bank"),
        ], limit=1)
        organization = self.env["union.organization"].create({
            "name": "游览测试工会", "code": "YLCS",
            "officer_ids": [Command.link(self.env.ref("union_relief.demo_user_officer").id)],
        })
        department = self.env["hr.department"].create({"name": "游览测试班组"})
        self.env["hr.employee"].create([
            {"name": "游览捐款人甲", "department_id": department.id},
            {"name": "游览捐款人乙", "department_id": department.id},
        ])
        campaign = self.env["union.donation.campaign"].create({
            "name": "游览测试捐款",
            "organization_id": organization.id,
            "journal_id": journal.id,
            "send_thank_you": False,
        })
        campaign.action_open()
        return campaign

    def test_department_collection_tour(self):
        campaign = self._setup_campaign()
        # the officer of the campaign's organisation collects the department's sheet
        self.start_tour("/odoo", "union_donation_collection_tour", login="officer")
        collection = self.env["union.donation.collection"].search([("name", "=", "游览测试班组捐款")])
        self.assertEqual(collection.state, "validated")
        self.assertRecordValues(collection.donation_ids.sorted("amount"), [
            {"amount": 100.0, "visibility": "anonymous", "state": "validated"},
            {"amount": 200.0, "visibility": "masked", "state": "validated"},
        ])
        self.assertEqual(campaign.raised_amount, 300.0)

    def test_public_account_page(self):
        campaign = self._setup_campaign()
        employee = self.env["hr.employee"].search([("name", "=", "游览捐款人甲")])
        donations = self.env["union.donation"].create([
            {"campaign_id": campaign.id, "employee_id": employee.id, "amount": 88.0, "visibility": "anonymous"},
            {"campaign_id": campaign.id, "employee_id": employee.id, "amount": 66.0, "visibility": "masked"},
        ])
        donations.action_validate()
        member = new_test_user(self.env, login="donation_reader", groups="union_relief.group_union_member")
        self.authenticate("donation_reader", "donation_reader")
        response = self.url_open("/my/union/campaigns/%s" % campaign.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("游览测试捐款", response.text)
        self.assertIn("Anonymous donor", response.text)
        self.assertIn("游****甲", response.text)
        self.assertNotIn("游览捐款人甲", response.text)
        listing = self.url_open("/my/union/campaigns")
        self.assertIn("/my/union/campaigns/%s" % campaign.id, listing.text)
        counters = {"counters": ["union_campaign_count"]}
        self.assertGreater(
            self.make_jsonrpc_request("/my/counters", counters)["union_campaign_count"], 0,
            "the portal home shows its entry to the campaigns",
        )
        member.groups_id = self.env.ref("base.group_user")
        self.assertEqual(self.url_open("/my/union/campaigns/%s" % campaign.id).status_code, 404)
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", counters)["union_campaign_count"], 0
        )
