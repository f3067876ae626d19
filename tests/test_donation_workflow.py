from contextlib import closing, contextmanager

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_donation import UnionDonationCommon

OFFICERS = {"officer", "centre", "manager"}
# Who may take each step (the workflow tables, doc/workflows.md), as a union
# runs its campaigns: officers run them and their collections, the accountant
# also books donations and payroll lists, only a relief manager settles a
# campaign and approves or reverses a transfer of funds.
EXPECTED = {
    "union.donation.campaign": {
        "open": OFFICERS,
        "close": OFFICERS,
        "settle": {"manager"},
    },
    "union.donation": {
        "validate": OFFICERS | {"accountant"},
        "cancel": OFFICERS | {"accountant"},
    },
    "union.donation.collection": {
        "validate": OFFICERS,
    },
    "union.donation.payroll": {
        "send": OFFICERS | {"accountant"},
        "book": OFFICERS | {"accountant"},
    },
    "union.donation.transfer": {
        "approve": {"manager"},
        "cancel": OFFICERS,
        "cancel_posted": {"manager"},
    },
}
BUTTONS_ONLY = "change through its buttons only"
FROZEN = "can no longer be changed"
FIRST_STATE = "starts in its first state"
NOT_DELETED = "cannot be deleted"


@tagged("post_install", "-at_install")
class TestDonationWorkflow(UnionDonationCommon):
    """Campaigns, donations, collection sheets, payroll lists and transfers
    change state only through their steps, by the roles of their tables; what is
    booked stays as it was booked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # officer_a runs the sub-branch's campaign; the centre officer works for
        # the bureau above it
        cls.branch_campaign = cls._create_campaign(
            name="变电分会互助",
            organization_id=cls.org_branch_a.id,
            leftover_campaign_id=cls.general_fund.id,
        )
        cls.users = cls.role_users
        cls.product = cls.env["product.product"].create({"name": "大米", "type": "consu"})

    @contextmanager
    def _rolled_back(self):
        """Run the block, then forget everything it wrote."""
        with closing(self.env.cr.savepoint()):
            yield
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Records in each state, made by the superuser
    # ------------------------------------------------------------------

    def _campaign(self, state="open"):
        campaign = self._create_campaign(
            open_it=state != "draft",
            name="互助 %s" % state,
            organization_id=self.org_branch_a.id,
            leftover_campaign_id=self.general_fund.id,
        )
        if state in ("closed", "settled"):
            campaign.action_close()
        if state == "settled":
            campaign.action_settle()
        return campaign

    def _donation(self, state="validated", **vals):
        vals.setdefault("campaign", self.branch_campaign)
        donation = self._create_donations(**vals)
        if state in ("validated", "cancelled"):
            donation.action_validate()
        if state == "cancelled":
            donation.action_cancel()
        return donation

    def _collection(self, state="draft", amount=100.0):
        collection = self._create_collection(amount, self.branch_campaign)
        self.env["union.donation"].create(
            collection._prepare_donation_vals(self.employee_a, amount, self.today, "cash", "masked")
        )
        if state == "validated":
            collection.action_validate()
        return collection

    def _payroll(self, state="draft", months_back=0):
        month = self.today.replace(day=1) - relativedelta(months=months_back)
        batch = self.env["union.donation.payroll"].create({"month": month})
        donations = self._donation(state="draft", method="payroll", date=month)
        batch.donation_ids = [Command.set(donations.ids)]
        if state in ("sent", "booked"):
            batch.action_export()
        if state == "booked":
            batch.action_book()
        return batch

    def _transfer(self, state="draft"):
        transfer = self.env["union.donation.transfer"].create({
            "transfer_type": "matching",
            "campaign_id": self.branch_campaign.id,
            "amount": 1000.0,
        })
        if state in ("posted", "cancelled"):
            transfer.action_approve()
        if state == "cancelled":
            transfer.action_cancel()
        return transfer

    def _steps(self):
        """(model, step) → (record in the step's source state, action, target state)."""
        return {
            ("union.donation.campaign", "open"): (
                lambda: self._campaign("draft"), "action_open", "open"),
            ("union.donation.campaign", "close"): (
                lambda: self._campaign("open"), "action_close", "closed"),
            ("union.donation.campaign", "settle"): (
                lambda: self._campaign("closed"), "action_settle", "settled"),
            ("union.donation", "validate"): (
                lambda: self._donation("draft"), "action_validate", "validated"),
            ("union.donation", "cancel"): (
                lambda: self._donation("validated"), "action_cancel", "cancelled"),
            ("union.donation", "cancel", "draft"): (
                lambda: self._donation("draft"), "action_cancel", "cancelled"),
            ("union.donation.collection", "validate"): (
                lambda: self._collection("draft"), "action_validate", "validated"),
            ("union.donation.payroll", "send"): (
                lambda: self._payroll("draft"), "action_export", "sent"),
            ("union.donation.payroll", "book"): (
                lambda: self._payroll("sent"), "action_book", "booked"),
            ("union.donation.transfer", "approve"): (
                lambda: self._transfer("draft"), "action_approve", "posted"),
            ("union.donation.transfer", "cancel"): (
                lambda: self._transfer("draft"), "action_cancel", "cancelled"),
            ("union.donation.transfer", "cancel_posted"): (
                lambda: self._transfer("posted"), "action_cancel", "cancelled"),
        }

    # ------------------------------------------------------------------
    # (b) each step, by the roles of its table only
    # ------------------------------------------------------------------

    def test_tables_cover_every_step(self):
        tested = {key[:2] for key in self._steps()}
        for model, steps in EXPECTED.items():
            self.assertEqual(set(self.env[model]._workflow_transitions()), set(steps), model)
            self.assertEqual({step for m, step in tested if m == model}, set(steps), model)

    def test_each_step_only_by_the_roles_of_its_table(self):
        for key, (make, action, target) in self._steps().items():
            model, step = key[:2]
            with self.subTest(model=model, step=key[2:] or step):
                self._check_step_roles(
                    self.users, EXPECTED[model][step], make,
                    lambda records, action=action: getattr(records, action)(), target,
                )

    # ------------------------------------------------------------------
    # (a) guarded fields over the ORM, for every role
    # ------------------------------------------------------------------

    def _records_by_state(self):
        """model → [(record, {frozen field: another value})] past their editable state."""
        return {
            "union.donation.campaign": [
                (self._campaign(state), {
                    "journal_id": self.env["account.journal"].search([
                        ("type", "=", "cash"), ("company_id", "=", self.company.id),
                    ], limit=1).id,
                    "income_account_id": self.env["account.account"].search([
                        ("account_type", "=", "income"), ("company_ids", "in", self.company.ids),
                    ], limit=1).id,
                    "organization_id": self.org_branch_b.id,
                })
                for state in ("open", "closed", "settled")
            ],
            "union.donation": [
                (self._donation(state, visibility="anonymous"), {
                    "name": "FAKE-0001",
                    "amount": 1.0,
                    "date": self.yesterday,
                    "method": "cash",
                    "employee_id": self.employee_a2.id,
                    "visibility": "named",
                    "campaign_id": self.campaign.id,
                    "donor_type": "department",
                    "department_id": self.department.id,
                    "collection_id": self._collection().id,
                })
                for state in ("validated", "cancelled")
            ],
            "union.donation.collection": [
                (self._collection("validated"), {
                    "control_total": 1.0,
                    "date": self.yesterday,
                    "campaign_id": self.campaign.id,
                    "method": "bank",
                }),
            ],
            "union.donation.payroll": [
                (self._payroll(state, months_back), {"month": self.today.replace(day=1, year=self.today.year - 1)})
                for months_back, state in enumerate(("sent", "booked"))
            ],
            "union.donation.transfer": [
                (self._transfer(state), {
                    "amount": 1.0,
                    "date": self.yesterday,
                    "campaign_id": self.campaign.id,
                    "account_id": self.income_account.id,
                    "journal_id": self.bank_journal.id,
                    "source_analytic_account_id": self.general_fund.analytic_account_id.id,
                })
                for state in ("posted", "cancelled")
            ],
        }

    def _system_values(self, record):
        posted = self._donation().move_id
        return {
            "union.donation.campaign": {
                "analytic_account_id": self.general_fund.analytic_account_id.id,
            },
            "union.donation": {"move_id": posted.id, "reversal_move_id": posted.id},
            "union.donation.collection": {},
            "union.donation.payroll": {},
            "union.donation.transfer": {
                "name": "HZ-FAKE",
                "move_id": posted.id,
                "reversal_move_id": posted.id,
                "approved_by_id": self.manager.id,
            },
        }[record._name]

    def test_state_and_system_fields_only_through_the_steps(self):
        records = self._records_by_state()
        for model, samples in records.items():
            for record, _frozen in samples:
                other_state = next(
                    value for value, _label in record._fields["state"].selection
                    if value != record.state
                )
                writes = {"state": other_state, **self._system_values(record)}
                for role, user in self.users.items():
                    for fname, value in writes.items():
                        with self.subTest(model=model, state=record.state, role=role, field=fname):
                            with self.assertRaisesRegex(UserError, BUTTONS_ONLY):
                                record.with_user(user).write({fname: value})

    def test_frozen_fields_past_the_draft(self):
        readers = ("officer", "centre", "manager", "accountant", "auditor")
        for model, samples in self._records_by_state().items():
            for record, frozen in samples:
                state = record.state
                for role in readers:
                    for fname, value in frozen.items():
                        with self.subTest(model=model, state=state, role=role, field=fname):
                            with self.assertRaisesRegex(UserError, FROZEN):
                                record.with_user(self.users[role]).write({fname: value})
                        self.assertNotEqual(
                            record._fields[fname].convert_to_cache(record[fname], record),
                            record._fields[fname].convert_to_cache(value, record),
                        )

    def test_records_start_in_their_first_state(self):
        creates = {
            "union.donation.campaign": (self.officer_a, {
                "name": "冒充", "organization_id": self.org_branch_a.id,
                "journal_id": self.bank_journal.id, "income_account_id": self.income_account.id,
            }, "settled"),
            "union.donation": (self.officer_a, self._donation_vals(campaign=self.branch_campaign), "validated"),
            "union.donation.collection": (self.officer_a, {
                "name": "冒充", "campaign_id": self.branch_campaign.id,
                "department_id": self.department.id, "control_total": 10.0,
            }, "validated"),
            "union.donation.payroll": (self.accountant, {"month": self.today}, "booked"),
            "union.donation.transfer": (self.officer_a, {
                "transfer_type": "matching", "campaign_id": self.branch_campaign.id, "amount": 10.0,
            }, "posted"),
        }
        for model, (user, vals, later) in creates.items():
            Model = self.env[model].with_user(user)
            system = {
                fname: value for fname, value in self._system_values(Model.browse()).items()
                if fname in Model._fields
            }
            with self.subTest(model=model, state=later), self.assertRaisesRegex(UserError, FIRST_STATE):
                Model.create({**vals, "state": later})
            for fname, value in system.items():
                with self.subTest(model=model, field=fname), self.assertRaisesRegex(UserError, FIRST_STATE):
                    Model.create({**vals, fname: value})
            # context defaults are no way round: the record starts as a draft
            defaults = {"default_state": later, **{"default_" + f: v for f, v in system.items()}}
            with self.subTest(model=model, context=True), self._rolled_back():
                record = Model.with_context(**defaults).create(vals)
                self.assertEqual(record.state, "draft")
                for fname, value in system.items():
                    field = record._fields[fname]
                    self.assertNotEqual(
                        field.convert_to_cache(record[fname], record),
                        field.convert_to_cache(value, record),
                        fname,
                    )

    def test_booked_records_are_never_deleted(self):
        deleters = {
            "union.donation.campaign": ("manager",),
            "union.donation": ("officer", "manager"),
            "union.donation.collection": ("officer", "manager"),
            "union.donation.payroll": ("manager",),
            "union.donation.transfer": ("manager",),
        }
        for model, samples in self._records_by_state().items():
            for record, _frozen in samples:
                for role in deleters[model]:
                    with self.subTest(model=model, state=record.state, role=role):
                        with self.assertRaisesRegex(UserError, NOT_DELETED):
                            record.with_user(self.users[role]).unlink()
                # not even by the superuser
                with self.subTest(model=model, state=record.state, role="superuser"):
                    with self.assertRaisesRegex(UserError, NOT_DELETED):
                        record.unlink()
                self.assertTrue(record.exists())

    # ------------------------------------------------------------------
    # (c) the findings of issue 9
    # ------------------------------------------------------------------

    def test_officer_cannot_settle_a_campaign(self):
        campaign = self._campaign("closed")
        for role in ("officer", "centre"):
            campaign_as = campaign.with_user(self.users[role])
            with self.assertRaisesRegex(UserError, BUTTONS_ONLY):
                campaign_as.write({"state": "settled"})
            with self.assertRaisesRegex(AccessError, "ask Relief Manager"):
                campaign_as.action_settle()
        self.assertEqual(campaign.state, "closed")
        campaign.with_user(self.manager).action_settle()
        self.assertEqual(campaign.state, "settled")

    def test_validated_donation_is_immutable(self):
        """A sub-branch officer, on a donation of their own campaign."""
        donation = self._donation("validated", visibility="anonymous", amount=300.0)
        move, number = donation.move_id, donation.name
        other_move = self._donation().move_id
        as_officer = donation.with_user(self.officer_a)
        for vals, message in (
            ({"state": "draft"}, BUTTONS_ONLY),
            ({"state": "cancelled"}, BUTTONS_ONLY),
            ({"move_id": other_move.id}, BUTTONS_ONLY),
            ({"move_id": False}, BUTTONS_ONLY),
            ({"name": "JK-FAKE"}, FROZEN),
            ({"employee_id": self.employee_a2.id}, FROZEN),
            ({"visibility": "named"}, FROZEN),
            ({"amount": 3.0}, FROZEN),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, message):
                as_officer.write(vals)
        with self.assertRaisesRegex(UserError, NOT_DELETED):
            as_officer.unlink()
        self.assertRecordValues(donation, [{
            "state": "validated", "move_id": move.id, "name": number,
            "employee_id": self.employee_a.id, "visibility": "anonymous", "amount": 300.0,
        }])
        self.assertFalse(donation.public_name)
        self.assertEqual(move.state, "posted")
        # cancelling reverses the entry; the cancelled donation stays as it was
        as_officer.action_cancel()
        self.assertEqual(donation.reversal_move_id.reversed_entry_id, move)
        self.assertEqual(move.state, "posted")
        with self.assertRaisesRegex(UserError, FROZEN):
            as_officer.write({"amount": 3.0})
        with self.assertRaisesRegex(UserError, BUTTONS_ONLY):
            as_officer.write({"reversal_move_id": False})
        with self.assertRaisesRegex(UserError, NOT_DELETED):
            as_officer.unlink()
        with self.assertRaisesRegex(UserError, "You cannot validate"):
            as_officer.action_validate()

    def test_draft_donation_stays_editable(self):
        donation = self._donation("draft", visibility="anonymous").with_user(self.officer_a)
        donation.write({"amount": 250.0, "visibility": "named", "name": "PAPER-9"})
        self.assertEqual(donation.public_name, "张三明")
        donation.unlink()
        self.assertFalse(donation.exists())

    def test_sub_branch_officer_cannot_cancel_the_parent_unions_donations(self):
        parent = self._donate(amount=200.0)
        as_sub_branch = parent.with_user(self.officer_a)
        with self.assertRaises(AccessError):
            as_sub_branch.action_cancel()
        with self.assertRaises(AccessError):
            as_sub_branch.write({"note": "冲销"})
        self.assertEqual(parent.state, "validated")
        self.assertFalse(parent.reversal_move_id)
        # what the sub-branch collected for the bureau's campaign: recorded and
        # validated by it, then read only; the bureau's officers cancel it
        collected = self.env["union.donation"].with_user(self.officer_a).create(
            self._donation_vals(campaign=self.campaign)
        )
        collected.action_validate()
        self.assertEqual(collected.donor_name, "张三明")
        with self.assertRaises(AccessError):
            collected.action_cancel()
        with self.assertRaises(AccessError):
            collected.write({"note": "x"})
        with self.assertRaises(AccessError):
            collected.with_user(self.officer_b).read(["donor_name"])
        collected.with_user(self.centre_officer).action_cancel()
        self.assertEqual(collected.state, "cancelled")
        # nor does the sub-branch close the bureau's campaign or its sheets
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.officer_a).action_close()
        sheet = self.env["union.donation.collection"].with_user(self.centre_officer).create({
            "name": "局机关捐款", "campaign_id": self.campaign.id,
            "department_id": self.department.id, "control_total": 10.0,
        })
        with self.assertRaises(AccessError):
            sheet.with_user(self.officer_a).unlink()

    def test_sheet_holding_validated_donations_is_not_deleted(self):
        collection = self._collection("draft")
        self.env["union.donation"].create(
            collection._prepare_donation_vals(self.employee_a2, 50.0, self.today, "cash", "named")
        )
        validated = collection.donation_ids[:1]
        validated.with_user(self.officer_a).action_validate()
        self.assertEqual(collection.state, "draft")
        for user in (self.officer_a, self.manager):
            with self.assertRaisesRegex(UserError, "holds validated or cancelled donations"):
                collection.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "holds validated or cancelled donations"):
            collection.unlink()
        self.assertEqual(len(collection.donation_ids), 2)
        self.assertEqual(validated.move_id.state, "posted")
        # nor does the database cascade
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.ForeignKeyViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute("DELETE FROM union_donation_collection WHERE id = %s", [collection.id])
        # a sheet of drafts goes with its lines
        drafts = self._collection("draft")
        lines = drafts.donation_ids
        drafts.with_user(self.officer_a).unlink()
        self.assertFalse(drafts.exists())
        self.assertFalse(lines.exists())

    def test_posted_transfer_is_immutable(self):
        transfer = self._transfer("draft")
        transfer.with_user(self.manager).action_approve()
        move = transfer.move_id
        self.assertRecordValues(transfer, [{"state": "posted", "approved_by_id": self.manager.id}])
        for user in (self.officer_a, self.manager):
            for vals, message in (
                ({"amount": 5.0}, FROZEN),
                ({"account_id": self.income_account.id}, FROZEN),
                ({"date": self.yesterday}, FROZEN),
                ({"campaign_id": self.campaign.id}, FROZEN),
                ({"state": "draft"}, BUTTONS_ONLY),
                ({"move_id": False}, BUTTONS_ONLY),
                ({"approved_by_id": self.officer_a.id}, BUTTONS_ONLY),
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaisesRegex(UserError, message):
                    transfer.with_user(user).write(vals)
        with self.assertRaisesRegex(UserError, NOT_DELETED):
            transfer.with_user(self.manager).unlink()
        for user in (self.officer_a, self.centre_officer, self.accountant):
            with self.assertRaises(AccessError):
                transfer.with_user(user).action_cancel()
        self.assertEqual(self.branch_campaign.balance_amount, 1000.0)
        transfer.with_user(self.manager).action_cancel()
        self.assertEqual(transfer.state, "cancelled")
        self.assertEqual(move.state, "posted")
        self.assertEqual(transfer.reversal_move_id.reversed_entry_id, move)
        self.assertEqual(transfer.reversal_move_id.state, "posted")
        self.assertEqual(self.branch_campaign.balance_amount, 0.0)
        with self.assertRaisesRegex(UserError, FROZEN):
            transfer.with_user(self.manager).write({"amount": 5.0})
        with self.assertRaisesRegex(UserError, NOT_DELETED):
            transfer.with_user(self.manager).unlink()

    def test_payroll_list_keeps_what_it_booked(self):
        batch = self._payroll("sent")
        booked = batch.donation_ids
        booked.with_user(self.accountant).action_validate()
        batch.with_user(self.accountant).action_collect()
        self.assertLessEqual(booked, batch.donation_ids)
        other = self._payroll("draft", months_back=1).with_user(self.accountant)
        with self.assertRaisesRegex(UserError, "its Payroll List can no longer be changed"):
            other.donation_ids = [Command.link(donation.id) for donation in booked]
        self.assertEqual(booked.payroll_batch_id, batch)
        # the list books its donations through their own step: another
        # organisation's officer cannot book the sub-branch's donations
        sent = self._payroll("sent", months_back=2)
        with self.assertRaises(AccessError):
            sent.with_user(self.officer_b).action_book()
        self.assertEqual(sent.state, "sent")
        self.assertEqual(set(sent.donation_ids.mapped("state")), {"draft"})

    def test_auditors_fields_are_tracked(self):
        tracked = {
            "union.donation.campaign": {
                "target_amount", "journal_id", "income_account_id", "analytic_account_id",
                "leftover_campaign_id", "organization_id", "state",
            },
            "union.donation": {
                "name", "amount", "date", "method", "campaign_id", "donor_type", "employee_id",
                "department_id", "partner_id", "visibility", "product_id", "quantity",
                "move_id", "reversal_move_id", "state",
            },
            "union.donation.collection": {"control_total", "date", "method", "campaign_id", "state"},
            "union.donation.payroll": {"month", "state"},
            "union.donation.transfer": {
                "amount", "date", "campaign_id", "target_campaign_id", "source_analytic_account_id",
                "journal_id", "account_id", "move_id", "reversal_move_id", "approved_by_id", "state",
            },
        }
        for model, fnames in tracked.items():
            for fname in fnames:
                with self.subTest(model=model, field=fname):
                    self.assertTrue(self.env[model]._fields[fname].tracking)
        # a donor who changes their mind before validation leaves a trace
        donation = self._donation("draft", visibility="anonymous").with_context(tracking_disable=False)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the transaction that created it ends
        donation.with_user(self.officer_a).visibility = "named"
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertIn(
            "visibility",
            donation.message_ids.tracking_value_ids.field_id.mapped("name"),
        )
