from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_donation import UnionDonationCommon

DONATION_MODEL = "odoo.addons.union_relief.models.union_donation"
# Queries of validating a batch of gifts in kind (no entry) whose donors get a
# thank-you mail, whatever the size of the batch.
THANK_YOU_DONATION_QUERIES = 25


@tagged("post_install", "-at_install")
class TestDonationReceipts(UnionDonationCommon):
    """Validation books and numbers donations only; the thank-you mails with the
    receipt go out from a scheduled action, one failing receipt failing its own
    donation only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.send_thank_you = True
        cls.branch_campaign = cls._create_campaign(
            name="变电分会互助", organization_id=cls.org_branch_a.id, send_thank_you=True,
        )
        cls.donors = cls.env["hr.employee"].create([{
            "name": "捐款职工%02d" % n,
            "union_organization_id": cls.org_branch_a.id,
            "work_email": "donor%02d@example.com" % n,
        } for n in range(20)])
        cls.cron = cls.env.ref("union_relief.ir_cron_union_donation_thank_you")

    def _drafts(self, count, campaign=None):
        return self.env["union.donation"].create([
            self._donation_vals(campaign=campaign or self.branch_campaign, employee=employee, amount=100.0 + n)
            for n, employee in enumerate(self.donors[:count])
        ])

    def _thank_you_mails(self, donations):
        return self.env["mail.mail"].search([
            ("model", "=", "union.donation"), ("res_id", "in", donations.ids),
        ])

    def _run_queue(self):
        return self.env["union.donation"]._cron_send_thank_you()

    # ------------------------------------------------------------------
    # Validation queues, the scheduled action sends
    # ------------------------------------------------------------------

    def test_validation_renders_no_receipt_and_queues_the_mails(self):
        donations = self._drafts(3)
        no_email = self.env["union.donation"].create(self._donation_vals(
            campaign=self.branch_campaign,
            employee=self.env["hr.employee"].create({"name": "无邮箱职工"}),
        ))
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        rendering = AssertionError("validation must not render a receipt")
        with patch.object(type(self.env["ir.actions.report"]), "_render_qweb_pdf", side_effect=rendering), \
                patch.object(type(self.env["ir.actions.report"]), "_pre_render_qweb_pdf", side_effect=rendering):
            (donations | no_email).with_user(self.officer_a).action_validate()
        self.assertEqual(set(donations.mapped("state")), {"validated"})
        self.assertEqual(set(donations.mapped("thank_you_state")), {"queued"})
        self.assertFalse(no_email.thank_you_state)
        self.assertFalse(self._thank_you_mails(donations))
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]), triggers + 1
        )
        # a campaign that sends no thank-you queues nothing
        self.branch_campaign.send_thank_you = False
        quiet = self._drafts(2)
        quiet.action_validate()
        self.assertEqual(quiet.mapped("thank_you_state"), [False, False])

    def test_the_scheduled_action_sends_each_mail_with_its_receipt(self):
        donations = self._drafts(3)
        donations.action_validate()
        self.assertEqual(self._run_queue(), 3)
        self.assertEqual(set(donations.mapped("thank_you_state")), {"sent"})
        mails = self._thank_you_mails(donations)
        self.assertEqual(len(mails), 3)
        for donation in donations:
            mail = mails.filtered(lambda m, d=donation: m.res_id == d.id)
            self.assertEqual(mail.email_to, donation.donor_email)
            self.assertIn(donation.name, mail.body_html)
            self.assertIn(donation.amount_in_words, mail.body_html)
            # tests render the report as HTML; a server with wkhtmltopdf attaches the PDF
            self.assertEqual(len(mail.attachment_ids), 1)
            self.assertIn("Donation receipt %s" % donation.name, mail.attachment_ids.name)
            self.assertIn(donation.name.encode(), mail.attachment_ids.raw)
        # nothing left: a second run sends nothing again
        self.assertEqual(self._run_queue(), 0)
        self.assertEqual(len(self._thank_you_mails(donations)), 3)

    def test_the_queue_goes_in_chunks_and_reports_its_progress(self):
        donations = self._drafts(5)
        donations.action_validate()
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id})
        Donation = self.env["union.donation"].with_context(ir_cron_progress_id=progress.id)
        self.assertEqual(Donation._cron_send_thank_you(batch_size=2, limit=3), 3)
        self.assertEqual((progress.done, progress.remaining), (3, 2))
        self.assertEqual(donations.mapped("thank_you_state").count("sent"), 3)
        self.assertEqual(Donation._cron_send_thank_you(batch_size=2, limit=3), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertEqual(set(donations.mapped("thank_you_state")), {"sent"})

    def test_a_failing_receipt_fails_its_own_donation_only(self):
        donations = self._drafts(3)
        donations.action_validate()
        broken = donations[1]
        real_render = type(self.env["ir.actions.report"])._render_qweb_pdf

        def render(report_self, report_ref, res_ids=None, data=None):
            if broken.id in (res_ids or []):
                raise OSError("wkhtmltopdf crashed (exit code -11)")
            return real_render(report_self, report_ref, res_ids=res_ids, data=data)

        with patch.object(type(self.env["ir.actions.report"]), "_render_qweb_pdf", render), \
                mute_logger(DONATION_MODEL):
            self._run_queue()
        self.assertEqual(donations.mapped("thank_you_state"), ["sent", "failed", "sent"])
        self.assertEqual(set(self._thank_you_mails(donations).mapped("res_id")), set((donations - broken).ids))
        note = broken.message_ids.filtered(lambda m: "was not sent" in (m.body or ""))
        self.assertIn("wkhtmltopdf crashed", note.body)
        # no mail goes without its receipt: a failed one waits for a retry
        self.assertEqual(self._run_queue(), 0)
        broken.with_user(self.accountant).action_retry_thank_you()
        self.assertEqual(broken.thank_you_state, "queued")
        self._run_queue()
        self.assertEqual(broken.thank_you_state, "sent")
        self.assertEqual(len(self._thank_you_mails(donations)), 3)

    def test_without_wkhtmltopdf_no_receipt_goes_as_html(self):
        """Outside tests Odoo refuses to make a PDF without wkhtmltopdf: the mails
        wait, failed, instead of going with an HTML receipt or none."""
        donations = self._drafts(2)
        donations.action_validate()
        Report = type(self.env["ir.actions.report"])
        with patch.object(Report, "get_wkhtmltopdf_state", return_value="install"), \
                mute_logger(DONATION_MODEL):
            # as on a server: render the PDF for real instead of the tests' HTML
            self.env["union.donation"].with_context(force_report_rendering=True)._cron_send_thank_you()
        self.assertEqual(set(donations.mapped("thank_you_state")), {"failed"})
        self.assertFalse(self._thank_you_mails(donations))
        for donation in donations:
            self.assertTrue(donation.message_ids.filtered(
                lambda m: "Unable to find Wkhtmltopdf" in (m.body or "")
            ))

    def test_a_donor_without_e_mail_at_sending_time_fails(self):
        donation = self._drafts(1)
        donation.action_validate()
        donation.employee_id.work_email = False
        self._run_queue()
        self.assertEqual(donation.thank_you_state, "failed")
        self.assertFalse(self._thank_you_mails(donation))
        self.assertTrue(donation.message_ids.filtered(lambda m: "no e-mail address" in (m.body or "")))

    def test_a_cancelled_donation_gets_no_thank_you(self):
        donations = self._drafts(2)
        donations.action_validate()
        donations[0].action_cancel()
        self.assertFalse(donations[0].thank_you_state)
        self._run_queue()
        self.assertEqual(self._thank_you_mails(donations).res_id, donations[1].id)

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------

    def test_the_state_is_the_systems(self):
        donation = self._drafts(1)
        with self.assertRaisesRegex(UserError, "first state"):
            self.env["union.donation"].with_user(self.officer_a).create(
                self._donation_vals(employee=self.donors[1], thank_you_state="sent")
            )
        for state in ("sent", "queued", False):
            with self.assertRaisesRegex(UserError, "buttons only"):
                donation.with_user(self.officer_a).write({"thank_you_state": state})
        donation.action_validate()
        for user in (self.officer_a, self.accountant):
            with self.assertRaisesRegex(UserError, "buttons only"):
                donation.with_user(user).write({"thank_you_state": "sent"})
        self.assertEqual(donation.thank_you_state, "queued")

    def test_who_may_send_and_retry_receipts(self):
        donations = self._drafts(2)
        donations.with_user(self.officer_a).action_validate()
        donations.thank_you_state = "failed"
        first, second = donations
        for user in (self.auditor, self.member):
            with self.assertRaises(AccessError):
                first.with_user(user).action_retry_thank_you()
            with self.assertRaises(AccessError):
                first.with_user(user).action_send_receipt()
        # an officer of another branch does not see these donations
        with self.assertRaises(AccessError):
            first.with_user(self.officer_b).action_retry_thank_you()
        self.assertEqual(set(donations.mapped("thank_you_state")), {"failed"})
        first.with_user(self.officer_a).action_retry_thank_you()
        second.with_user(self.accountant).action_retry_thank_you()
        self.assertEqual(set(donations.mapped("thank_you_state")), {"queued"})
        with self.assertRaisesRegex(UserError, "Only failed thank-you mails"):
            first.with_user(self.officer_a).action_retry_thank_you()
        action = first.with_user(self.accountant).action_send_receipt()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["context"]["default_res_ids"], first.ids)
        draft = self._drafts(1)
        with self.assertRaisesRegex(UserError, "Only a validated donation"):
            draft.with_user(self.officer_a).action_send_receipt()

    def test_manual_resend_still_attaches_the_receipt(self):
        donation = self._drafts(1)
        donation.action_validate()
        action = donation.with_user(self.officer_a).action_send_receipt()
        composer = self.env["mail.compose.message"].with_user(self.officer_a).with_context(
            **action["context"]
        ).create({})
        self.assertIn(donation.name, composer.body)
        self.assertEqual(len(composer.attachment_ids), 1)
        composer._action_send_mail()
        message = donation.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertIn("Donation receipt %s" % donation.name, message.attachment_ids.name)

    # ------------------------------------------------------------------
    # Cost of a validation
    # ------------------------------------------------------------------

    def test_validation_with_thank_you_costs_the_same_queries_at_any_size(self):
        """Numbering, the workflow step and queuing the thank-you mails cost the
        same queries for 5 donations as for 20. Gifts in kind book no entry, so
        nothing of Odoo's per-entry posting cost blurs the count (TestDonationAccounting
        bounds the entries of money donations)."""
        rice = self.env["product.product"].create({"name": "大米", "type": "consu"})
        gifts = {
            size: self.env["union.donation"].create([
                self._donation_vals(
                    campaign=self.branch_campaign, employee=employee, amount=200.0,
                    method="in_kind", product_id=rice.id, quantity=10.0,
                )
                for employee in self.donors[:size]
            ])
            for size in (2, 5, 20)
        }
        # warm up the sequence, the rules and the caches
        self.env.invalidate_all()
        gifts[2].with_user(self.officer_a).action_validate()
        for size in (5, 20):
            self.env.invalidate_all()
            with self.assertQueryCount(THANK_YOU_DONATION_QUERIES):
                gifts[size].with_user(self.officer_a).action_validate()
                self.env.flush_all()
            self.assertEqual(set(gifts[size].mapped("thank_you_state")), {"queued"})
            self.assertFalse(gifts[size].move_id)
