import io
from datetime import timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_donation import UnionDonationCommon


@tagged("post_install", "-at_install")
class TestDonationCampaign(UnionDonationCommon):
    def test_campaign_gets_its_own_restricted_fund(self):
        fund = self.campaign.analytic_account_id
        self.assertEqual(fund.plan_id, self.env.ref("union_relief.analytic_plan_union_funds"))
        self.assertIn(self.campaign.name, fund.name)
        self.assertNotEqual(fund, self.general_fund.analytic_account_id)
        self.campaign.name = "为张师傅抗癌捐款"
        self.assertIn("为张师傅抗癌捐款", fund.name)

    def test_form_defaults_to_bank_journal_and_donation_income(self):
        form = Form(self.env["union.donation.campaign"])
        form.name = "抗洪救灾"
        form.purpose = "disaster"
        form.organization_id = self.org_bureau
        campaign = form.save()
        self.assertEqual(campaign.journal_id.type, "bank")
        self.assertEqual(campaign.income_account_id, self.income_account)
        self.assertEqual(campaign.state, "draft")

    def test_source_example_statement_and_progress(self):
        """Staff gave 44,540 yuan to a colleague with cancer; the union added 10,000."""
        self._donate(amount=40000.0)
        self._donate(amount=4540.0, employee=self.employee_a2)
        self._match(self.campaign, 10000.0)
        self.assertRecordValues(self.campaign, [{
            "raised_amount": 44540.0,
            "matched_amount": 10000.0,
            "spent_amount": 0.0,
            "transferred_amount": 0.0,
            "balance_amount": 54540.0,
            "donation_count": 2,
        }])
        self.assertAlmostEqual(self.campaign.progress, 109.08)
        self.assertEqual(self.general_fund.balance_amount, 0.0)

    def test_draft_donations_do_not_count(self):
        self._create_donations(amount=500.0)
        self.assertEqual(self.campaign.raised_amount, 0.0)

    def test_close_transfers_leftover_to_general_fund_after_approval(self):
        self._donate(amount=1000.0)
        self.campaign.action_close()
        self.assertEqual(self.campaign.state, "closed")
        transfer = self.campaign.transfer_ids
        self.assertRecordValues(transfer, [{
            "transfer_type": "closing",
            "target_campaign_id": self.general_fund.id,
            "amount": 1000.0,
            "state": "draft",
        }])
        # nothing moves until a relief manager approves
        self.assertEqual(self.campaign.balance_amount, 1000.0)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            self.campaign.with_user(self.manager).action_settle()
        transfer.with_user(self.manager).action_approve()
        self.assertEqual(self.campaign.transferred_amount, 1000.0)
        self.assertEqual(self.campaign.balance_amount, 0.0)
        self.assertEqual(self.general_fund.matched_amount, 1000.0)
        self.assertEqual(self.general_fund.balance_amount, 1000.0)
        self.campaign.with_user(self.manager).action_settle()
        self.assertEqual(self.campaign.state, "settled")

    def test_close_needs_a_destination_for_the_leftover(self):
        campaign = self._create_campaign(name="无去向")
        self._donate(campaign=campaign, amount=10.0)
        with self.assertRaisesRegex(UserError, "choose the campaign the leftover goes to"):
            campaign.action_close()
        self.assertEqual(campaign.state, "open")

    def test_close_refuses_draft_donations(self):
        self._create_donations()
        with self.assertRaisesRegex(UserError, "draft donations"):
            self.campaign.action_close()

    def test_settle_needs_a_zero_balance_and_a_manager(self):
        campaign = self._create_campaign(name="空活动")
        campaign.action_close()
        with self.assertRaisesRegex(AccessError, "You may not settle a Donation Campaign: ask Relief Manager"):
            campaign.with_user(self.centre_officer).action_settle()
        campaign.with_user(self.manager).action_settle()
        self.assertEqual(campaign.state, "settled")

    def test_closed_campaign_accepts_no_donation(self):
        self.campaign.action_close()
        with self.assertRaisesRegex(ValidationError, "is not open: it accepts no donation"):
            self._create_donations()

    def test_draft_donation_cannot_be_validated_once_campaign_closed(self):
        campaign = self._create_campaign(name="临时活动")
        donation = self._create_donations(campaign=campaign)
        campaign.state = "closed"
        with self.assertRaisesRegex(UserError, "is not open"):
            donation.action_validate()
        self.assertEqual(donation.state, "draft")
        self.assertFalse(donation.move_id)

    def test_wrong_amounts_and_dates(self):
        for amount in (0.0, -50.0):
            with self.assertRaisesRegex(ValidationError, "greater than zero"):
                self._create_donations(amount=amount)
        with self.assertRaisesRegex(ValidationError, "cannot be dated in the future"):
            self._create_donations(date=self.today + timedelta(days=1))

    def test_duplicate_receipt_number(self):
        first = self._donate()
        with self.assertRaisesRegex(ValidationError, "receipt number %s is already used" % first.name):
            self._create_donations(name=first.name)
        with self.assertRaisesRegex(ValidationError, "PAPER-001 is already used"):
            self._create_donations(count=2, name="PAPER-001")
        draft = self._create_donations(name="PAPER-002")
        with self.assertRaisesRegex(ValidationError, "PAPER-002 is already used"):
            self._create_donations().name = "PAPER-002"
        draft.action_validate()
        self.assertEqual(draft.name, "PAPER-002")

    def test_receipt_numbers_follow_the_sequence(self):
        donations = self._create_donations(count=3)
        donations.action_validate()
        numbers = donations.mapped("name")
        self.assertEqual(len(set(numbers)), 3)
        self.assertTrue(all(number.startswith("JK%s-" % self.today.year) for number in numbers))
        serials = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
        self.assertEqual(serials, list(range(serials[0], serials[0] + 3)))
        paper = self._donate(name="PAPER-777")
        self.assertEqual(paper.name, "PAPER-777")

    def test_validated_donation_is_not_edited(self):
        donation = self._donate()
        with self.assertRaisesRegex(UserError, "its Amount can no longer be changed"):
            donation.with_user(self.centre_officer).amount = 5.0
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            donation.unlink()

    def test_collection_control_total(self):
        collection = self._create_collection(300.0, name="变电运维一班六月捐款")
        self.env["union.donation"].create([
            collection._prepare_donation_vals(self.employee_a, 200.0, self.today, "cash", "named"),
            collection._prepare_donation_vals(self.employee_a2, 50.0, self.today, "cash", "anonymous"),
        ])
        self.assertEqual(collection.difference, -50.0)
        with self.assertRaisesRegex(UserError, r"add up to 250.00 but the control total is 300.00"):
            collection.action_validate()
        self.assertEqual(set(collection.donation_ids.mapped("state")), {"draft"})
        self.assertEqual(self.campaign.raised_amount, 0.0)
        collection.control_total = 250.0
        collection.action_validate()
        self.assertEqual(collection.state, "validated")
        self.assertEqual(set(collection.donation_ids.mapped("state")), {"validated"})
        self.assertEqual(self.campaign.raised_amount, 250.0)

    def test_in_kind_gift_has_no_cash_entry(self):
        product = self.env["product.product"].create({"name": "棉被", "type": "consu"})
        with self.assertRaisesRegex(ValidationError, "needs a product"):
            self._create_donations(method="in_kind")
        gift = self._donate(method="in_kind", product_id=product.id, quantity=10, amount=800.0)
        self.assertEqual(gift.state, "validated")
        self.assertFalse(gift.move_id)
        self.assertEqual(self.campaign.in_kind_value, 800.0)
        self.assertEqual(self.campaign.raised_amount, 0.0)

    def test_public_names_follow_the_donors_choice(self):
        named = self._donate(visibility="named")
        masked = self._donate(visibility="masked")
        anonymous = self._donate(visibility="anonymous")
        self.assertEqual(named.public_name, "张三明")
        self.assertEqual(masked.public_name, "张*明")
        self.assertFalse(anonymous.public_name)
        self.assertEqual(anonymous.donor_name, "张三明")
        account = self.campaign._get_public_account()
        self.assertEqual(
            [donor["name"] for donor in account["donors"]], ["张三明", "张*明", "Anonymous donor"]
        )
        self.assertEqual(account["statement"]["raised"], 300.0)

    def test_public_account_pdf_and_receipt_pdf(self):
        donation = self._donate(amount=1000.0, visibility="anonymous")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "union_relief.report_union_donation_receipt", donation.ids
        )[0].decode()
        self.assertIn("壹仟元整", html)
        self.assertIn(donation.name, html)
        self.assertEqual(donation.amount_in_words, "壹仟元整")
        public = self.env["ir.actions.report"]._render_qweb_html(
            "union_relief.report_union_donation_public_account", self.campaign.ids
        )[0].decode()
        self.assertIn("Anonymous donor", public)
        self.assertNotIn("张三明", public)
        self.assertNotIn("张*明", public)

    def test_thank_you_mail_on_validation_when_the_campaign_wants_it(self):
        self.campaign.send_thank_you = True
        mails_before = self.env["mail.mail"].search_count([])
        donation = self._donate(amount=200.0)
        # queued by the validation, sent by the scheduled action
        self.assertEqual(donation.thank_you_state, "queued")
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)
        self.env["union.donation"]._cron_send_thank_you()
        mail = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 1)
        self.assertEqual(mail.email_to, "zhangsanming@example.com")
        self.assertIn(donation.name, mail.body_html)
        self.assertIn("贰佰元整", mail.body_html)
        self.assertTrue(mail.attachment_ids)
        self.campaign.send_thank_you = False
        self.assertFalse(self._donate(amount=200.0).thank_you_state)
        self.env["union.donation"]._cron_send_thank_you()
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 1)

    def test_payroll_deduction_list_and_booking(self):
        other_month = self.today.replace(day=1) - timedelta(days=1)
        payroll = self._create_donations(count=2, method="payroll", date=self.today.replace(day=1))
        others = self._create_donations(method="payroll", date=other_month)
        others |= self._create_donations(method="cash")
        batch = self.env["union.donation.payroll"].create({"month": self.today})
        self.assertEqual(batch.month, self.today.replace(day=1))
        with self.assertRaisesRegex(UserError, "You cannot book .* it is Draft"):
            batch.action_book()
        batch.action_collect()
        # this month's draft payroll donations of the company (demo data has some too)
        self.assertLessEqual(payroll, batch.donation_ids)
        self.assertFalse(batch.donation_ids & others)
        self.assertEqual(set(batch.donation_ids.mapped("method")), {"payroll"})
        action = batch.action_export()
        self.assertEqual(batch.state, "sent")
        self.assertEqual(action["url"], "/union_relief/xlsx/%s/%s" % (batch._name, batch.id))
        self.assertTrue(batch._xlsx_export()[1])
        batch.action_book()
        self.assertEqual(batch.state, "booked")
        self.assertEqual(set(payroll.mapped("state")), {"validated"})
        self.assertEqual(self.campaign.raised_amount, 200.0)

    def test_ledger_keeps_the_donor_names(self):
        self._donate(visibility="anonymous", amount=123.0)
        wizard = self.env["union.donation.ledger.wizard"].create({"campaign_ids": [(6, 0, self.campaign.ids)]})
        wizard.action_export()
        sheet = openpyxl.load_workbook(io.BytesIO(wizard._xlsx_export()[1])).active
        rows = [row for row in sheet.iter_rows(min_row=5, values_only=True)]
        self.assertEqual(rows[0][3], "张三明")
        self.assertEqual(rows[0][8], 123.0)
        self.assertEqual(rows[-1][8], 123.0)
