from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefSecurity(UnionReliefAccountingCommon):
    def test_officer_cannot_approve_pay_or_post(self):
        grant = self._grant(self.file_a)
        grant.action_submit()
        with self.assertRaises(AccessError):
            grant.with_user(self.officer_b).action_approve()
        approved = self._approved(self.file_a2)
        with self.assertRaises(AccessError):
            approved.with_user(self.officer_a).action_pay()
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.officer_a).create({
                "journal_id": self.journal.id, "move_type": "entry",
            })

    def test_accountant_cannot_approve_but_pays(self):
        grant = self._grant(self.file_a)
        grant.action_submit()
        with self.assertRaises(AccessError):
            grant.with_user(self.accountant).action_approve()
        self.assertEqual(grant.state, "submitted")
        with self.assertRaises(AccessError):
            self.env["union.relief.grant"].with_user(self.accountant).create({
                "programme_id": self.living.id, "file_id": self.file_a2.id,
            })

    def test_officers_see_their_organisations_only(self):
        grant_a = self._grant(self.file_a)
        grant_b = self._grant(self.file_b, user=self.officer_b)
        Grant = self.env["union.relief.grant"]
        # the test's programme only: the demo data has grants of its own
        domain = [("programme_id", "=", self.living.id)]
        self.assertEqual(Grant.with_user(self.officer_a).search(domain), grant_a)
        self.assertEqual(Grant.with_user(self.officer_b).search(domain), grant_b)
        self.assertEqual(Grant.with_user(self.centre_officer).search(domain), grant_a | grant_b)
        self.assertEqual(Grant.with_user(self.accountant).search(domain), grant_a | grant_b)
        with self.assertRaises(AccessError):
            self._grant(self.file_b, user=self.officer_a, period="%s-01" % self.year
                        if self.today.month != 1 else "%s-02" % self.year)

    def test_auditor_reads_only(self):
        grant = self._grant(self.file_a)
        as_auditor = grant.with_user(self.auditor)
        self.assertEqual(as_auditor.amount, 600.0)
        with self.assertRaises(AccessError):
            as_auditor.write({"date": self.today})
        with self.assertRaises(AccessError):
            as_auditor.action_cancel()
        with self.assertRaises(AccessError):
            self.living.with_user(self.auditor).write({"budget": 1.0})

    def test_sensitive_fields_hidden_from_accountants_and_auditors(self):
        grant = self._grant(self.file_a, cost_amount=100.0, case_description="病情")
        for user in (self.accountant, self.auditor):
            with self.assertRaises(AccessError):
                grant.with_user(user).read(["cost_amount"])
            with self.assertRaises(AccessError):
                grant.with_user(user).read(["case_description"])
            fields_seen = grant.with_user(user).fields_get()
            self.assertNotIn("school_level", fields_seen)

    def test_member_sees_programmes_not_grants(self):
        self.assertTrue(self.living.with_user(self.member).name)
        with self.assertRaises(AccessError):
            self.env["union.relief.grant"].with_user(self.member).search([])

    def test_only_managers_configure_programmes(self):
        with self.assertRaises(AccessError):
            self.living.with_user(self.centre_officer).write({"budget": 1.0})
        with self.assertRaises(AccessError):
            self.living.with_user(self.accountant).write({"budget": 1.0})
