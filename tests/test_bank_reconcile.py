import io
from unittest.mock import patch

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common_donation import UnionDonationCommon
from .common_relief import UnionReliefAccountingCommon

IMPORT_FIELDS = ["journal_id", "date", "payment_ref", "partner_id", "amount", "ref"]
IMPORT_OPTIONS = {
    "has_headers": True,
    "separator": ",",
    "quoting": '"',
    "date_format": "%Y-%m-%d",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


@tagged("post_install", "-at_install")
class TestBankReconcile(UnionDonationCommon):
    """The union accountant's bank reconciliation: proposals for a statement
    line, reconciling them, the automatic pass and the statement import."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.StLine = cls.env["account.bank.statement.line"]
        cls.payments_account = (
            cls.bank_journal.outbound_payment_method_line_ids.payment_account_id[:1]
            or cls.env["account.chart.template"].ref("account_journal_payment_credit_account_id")
        )
        cls.relief_journal = cls.env["account.journal"].create({
            "name": "帮扶资金", "code": "RLFT", "type": "general", "company_id": cls.company.id,
        })
        cls.payable_account = cls.env["account.account"].search([
            ("account_type", "=", "liability_payable"), ("company_ids", "in", cls.company.ids),
        ], limit=1)
        cls.bookkeeper = cls.env["res.users"].create({
            "name": "记账员", "login": "bank_bookkeeper",
            "groups_id": [Command.set([cls.env.ref("account.group_account_user").id])],
        })

    # === Helpers === #

    def _payment_run_entry(self, ref, amount):
        """An entry booked as a relief payment run books it: the run's payables
        paid against the bank's outstanding payments account, for the run total."""
        move = self.env["account.move"].create({
            "move_type": "entry",
            "journal_id": self.relief_journal.id,
            "ref": ref,
            "line_ids": [
                Command.create({"name": ref, "account_id": self.payable_account.id, "debit": amount}),
                Command.create({"name": ref, "account_id": self.payments_account.id, "credit": amount}),
            ],
        })
        move.action_post()
        return move.line_ids.filtered(lambda line: line.account_id == self.payments_account)

    def _statement_line(self, amount, label, ref=False, partner=None):
        return self.StLine.with_user(self.accountant).create({
            "journal_id": self.bank_journal.id,
            "date": self.today,
            "payment_ref": label,
            "ref": ref,
            "partner_id": partner and partner.id,
            "amount": amount,
        })

    def _receipt_line(self, donation):
        return donation.move_id.line_ids.filtered(lambda line: line.account_id == self.outstanding_account)

    def _wizard(self, st_line):
        action = st_line.with_user(self.accountant).action_union_open_reconcile()
        return self.env[action["res_model"]].with_user(self.accountant).browse(action["res_id"])

    def _suspense(self, st_line):
        return st_line.move_id.line_ids.filtered(
            lambda line: line.account_id == self.bank_journal.suspense_account_id
        )

    # === Tests === #

    def test_payment_run_named_in_the_label_is_proposed_first_and_reconciled(self):
        run_line = self._payment_run_entry("PAYRUN/0001", 900.0)
        other_run = self._payment_run_entry("PAYRUN/0002", 900.0)
        self._payment_run_entry("PAYRUN/0003", 800.0)
        st_line = self._statement_line(-900.0, "代发 PAYRUN/0001 困难职工生活救助")
        wizard = self._wizard(st_line)
        self.assertEqual(len(wizard.proposal_ids), 2)
        first, second = wizard.proposal_ids
        self.assertEqual(first.move_line_ids, run_line)
        self.assertIn("PAYRUN/0001 is in the bank's label", first.reason)
        self.assertEqual(first.amount, -900.0)
        self.assertEqual(second.move_line_ids, other_run)
        self.assertEqual(second.reason, "exact amount")

        first.selected = True
        wizard.action_reconcile()
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(run_line.reconciled)
        self.assertFalse(other_run.reconciled)
        self.assertFalse(self._suspense(st_line))
        counterpart = st_line.move_id.line_ids.filtered(lambda line: line.account_id == self.payments_account)
        self.assertRecordValues(counterpart, [{"debit": 900.0, "reconciled": True}])
        self.assertEqual(counterpart.full_reconcile_id, run_line.full_reconcile_id)

        # settled once: neither the line nor the run settle anything again
        with self.assertRaisesRegex(UserError, "already reconciled"):
            st_line.with_user(self.accountant).action_union_open_reconcile()
        again = self._statement_line(-900.0, "PAYRUN/0001")
        with self.assertRaisesRegex(UserError, r"PAYRUN/0001\) is already reconciled"):
            again.with_user(self.accountant)._union_reconcile([(again, run_line)])
        self.assertEqual(self._wizard(again).proposal_ids.move_line_ids, other_run)

        # Odoo's undo puts the line back in suspense and reopens the run
        st_line.with_user(self.accountant).action_undo_reconciliation()
        self.assertFalse(st_line.is_reconciled)
        self.assertFalse(run_line.reconciled)
        self.assertTrue(self._suspense(st_line))

    def test_donation_receipt_matched_by_its_receipt_number(self):
        first = self._donate(100.0)
        second = self._donate(100.0)
        st_line = self._statement_line(
            100.0, "爱心捐款 %s" % second.name, partner=self.employee_a.work_contact_id
        )
        wizard = self._wizard(st_line)
        self.assertEqual(
            [proposal.move_line_ids for proposal in wizard.proposal_ids],
            [self._receipt_line(second), self._receipt_line(first)],
        )
        self.assertEqual(
            wizard.proposal_ids[0].reason,
            "exact amount; same partner; %s is in the bank's label" % second.name,
        )
        self.assertEqual(wizard.proposal_ids[1].reason, "exact amount; same partner")
        self.assertEqual(wizard.proposal_ids[0].reference, second.name)
        wizard.proposal_ids[0].selected = True
        wizard.action_reconcile()
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(self._receipt_line(second).reconciled)
        self.assertFalse(self._receipt_line(first).reconciled)

    def test_receipts_of_one_collection_sheet_settle_one_deposit(self):
        sheet = self._create_collection(500.0, name="变电运维一班收款单")
        self.env["union.donation"].create([
            sheet._prepare_donation_vals(self.employee_a, 300.0, self.today, "cash", "named"),
            sheet._prepare_donation_vals(self.employee_a2, 200.0, self.today, "cash", "named"),
        ])
        sheet.action_validate()
        self._donate(500.0)
        st_line = self._statement_line(500.0, "现金缴存 变电运维一班收款单")
        wizard = self._wizard(st_line)
        receipts = sheet.donation_ids.move_id.line_ids.filtered(
            lambda line: line.account_id == self.outstanding_account
        )
        self.assertEqual(wizard.proposal_ids[0].move_line_ids, receipts)
        self.assertEqual(wizard.proposal_ids[0].item_count, 2)
        self.assertEqual(
            wizard.proposal_ids[0].reason,
            "exact amount; 2 receipts of the collection sheet 变电运维一班收款单; "
            "变电运维一班收款单 is in the bank's label",
        )
        # the single receipt of 500 comes after
        self.assertEqual(len(wizard.proposal_ids), 2)
        wizard.proposal_ids[0].selected = True
        wizard.action_reconcile()
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(all(receipts.mapped("reconciled")))

    def test_what_does_not_settle_the_line_exactly_is_refused(self):
        run_line = self._payment_run_entry("PAYRUN/0001", 900.0)
        st_line = self._statement_line(-800.0, "代发 PAYRUN/0001")
        wizard = self._wizard(st_line)
        self.assertFalse(wizard.proposal_ids)
        with self.assertRaisesRegex(UserError, "Tick the proposal"):
            wizard.action_reconcile()
        as_accountant = st_line.with_user(self.accountant)
        with self.assertRaisesRegex(UserError, "PAYRUN/0001 is .*800.00 but the items ticked leave .*900.00 open"):
            as_accountant._union_reconcile([(st_line, run_line)])
        # the payables side of the run is not a payment waiting for the bank
        payable = run_line.move_id.line_ids - run_line
        with self.assertRaisesRegex(UserError, "not on an outstanding payments or receipts account"):
            as_accountant._union_reconcile([(st_line, payable)])
        # a payment and a receipt are two bank lines
        receipt = self._receipt_line(self._donate(100.0))
        with self.assertRaisesRegex(UserError, "several accounts"):
            as_accountant._union_reconcile([(st_line, run_line | receipt)])
        with self.assertRaisesRegex(UserError, "Tick the payments or receipts"):
            as_accountant._union_reconcile([(st_line, run_line.browse())])
        # one payment for two bank lines
        twin = self._statement_line(-900.0, "PAYRUN/0001")
        twin2 = self._statement_line(-900.0, "PAYRUN/0001")
        with self.assertRaisesRegex(UserError, "ticked for two bank statement lines"):
            as_accountant._union_reconcile([(twin, run_line), (twin2, run_line)])
        # nothing half-done
        for line in (st_line, twin, twin2):
            self.assertFalse(line.is_reconciled)
            self.assertTrue(self._suspense(line))
        self.assertFalse(run_line.reconciled)

    def test_items_of_another_company_are_refused(self):
        other = self.env["res.company"].create({"name": "外单位工会"})
        Account = self.env["account.account"].with_company(other)
        journal = self.env["account.journal"].create({
            "name": "外单位帮扶", "code": "OTHR", "type": "general", "company_id": other.id,
        })
        move = self.env["account.move"].with_company(other).create({
            "move_type": "entry",
            "journal_id": journal.id,
            "ref": "PAYRUN/0009",
            "line_ids": [
                Command.create({
                    "account_id": Account.create({
                        "code": "2211", "name": "应付帮扶款", "account_type": "liability_payable",
                        "reconcile": True,
                    }).id,
                    "debit": 900.0,
                }),
                Command.create({
                    "account_id": Account.create({
                        "code": "1012", "name": "在途付款", "account_type": "asset_current",
                        "reconcile": True,
                    }).id,
                    "credit": 900.0,
                }),
            ],
        })
        move.action_post()
        foreign_run = move.line_ids.filtered("credit")
        self.accountant.company_ids |= other
        st_line = self._statement_line(-900.0, "代发 PAYRUN/0009")
        both = self.company | other
        st_line = st_line.with_user(self.accountant).with_context(allowed_company_ids=both.ids)
        self.assertFalse(self._wizard(st_line).proposal_ids)
        with self.assertRaisesRegex(UserError, "belongs to another company"):
            st_line._union_reconcile([(st_line, foreign_run.with_env(st_line.env))])
        self.assertFalse(foreign_run.reconciled)

    def test_only_the_union_accountant_reconciles(self):
        run_line = self._payment_run_entry("PAYRUN/0001", 900.0)
        st_line = self._statement_line(-900.0, "代发 PAYRUN/0001")
        # Odoo's rights: the accountant (Show Full Accounting Features) keeps
        # statement lines; the manager reads the books; officers and auditors see none
        self.assertTrue(self.StLine.with_user(self.accountant).has_access("write"))
        self.assertTrue(self.StLine.with_user(self.manager).has_access("read"))
        self.assertFalse(self.StLine.with_user(self.manager).has_access("write"))
        for user in (self.officer_a, self.auditor):
            self.assertFalse(self.StLine.with_user(user).has_access("read"))
        # the reconciliation itself is the union accountant's, whatever Odoo allows
        for user in (self.officer_a, self.auditor, self.manager, self.bookkeeper):
            as_user = st_line.with_user(user)
            with self.assertRaisesRegex(AccessError, "Only the union accountant"):
                as_user._union_reconcile([(as_user, run_line.with_user(user))])
            with self.assertRaisesRegex(AccessError, "Only the union accountant"):
                as_user.action_union_open_reconcile()
            with self.assertRaisesRegex(AccessError, "Only the union accountant"):
                as_user.action_union_auto_reconcile()
            with self.assertRaises(AccessError):
                self.env["union.bank.reconcile.wizard"].with_user(user).create({
                    "statement_line_id": st_line.id,
                })
        self.assertFalse(st_line.is_reconciled)
        self.assertFalse(run_line.reconciled)

    def test_automatic_reconciliation_leaves_what_is_ambiguous(self):
        run_line = self._payment_run_entry("PAYRUN/0001", 900.0)
        first, second = self._donate(100.0), self._donate(100.0)
        st_run = self._statement_line(-900.0, "代发 PAYRUN/0001 困难职工生活救助")
        st_twin = self._statement_line(-900.0, "PAYRUN/0001 退回重发")
        st_gift = self._statement_line(100.0, "爱心捐款")
        st_unknown = self._statement_line(-123.45, "手续费")
        lines = (st_run | st_twin | st_gift | st_unknown).with_user(self.accountant)
        action = lines.action_union_auto_reconcile()
        self.assertTrue(st_run.is_reconciled)
        self.assertTrue(run_line.reconciled)
        for st_line in (st_twin, st_gift, st_unknown):
            self.assertFalse(st_line.is_reconciled)
        self.assertFalse(self._receipt_line(first).reconciled)
        self.assertFalse(self._receipt_line(second).reconciled)
        params = action["params"]
        self.assertEqual(params["type"], "warning")
        message = params["message"]
        self.assertIn("Bank statement lines reconciled: 1.", message)
        self.assertIn("PAYRUN/0001 退回重发: its proposal is also the best one of another line", message)
        self.assertIn("爱心捐款: 2 proposals are equally likely: choose one", message)
        self.assertIn("手续费: no open payment or receipt has this amount", message)

        # the donor's name settles it: the accountant names the partner and runs it again
        st_gift.with_user(self.accountant).payment_ref = "爱心捐款 %s" % second.name
        action = st_gift.with_user(self.accountant).action_union_auto_reconcile()
        self.assertEqual(action["params"]["type"], "success")
        self.assertTrue(st_gift.is_reconciled)
        self.assertTrue(self._receipt_line(second).reconciled)

    def test_automatic_reconciliation_queries_do_not_grow_with_the_lines(self):
        def statement_lines(count, offset):
            st_lines = self.StLine
            for number in range(offset, offset + count):
                ref = "PAYRUN/%04d" % number
                self._payment_run_entry(ref, 900.0 + number)
                st_lines |= self._statement_line(-900.0 - number, "代发 %s" % ref)
            self.env.flush_all()
            self.env.invalidate_all()
            return st_lines.with_user(self.accountant)

        # a first pass fills Odoo's caches (rules, settings, the chart's accounts)
        statement_lines(1, 1)._union_auto_reconcile()
        small = statement_lines(2, 10)
        before = self.env.cr.sql_log_count
        small._union_auto_reconcile()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        large = statement_lines(8, 100)
        with self.assertQueryCount(queries):
            large._union_auto_reconcile()
            self.env.flush_all()
        self.assertTrue(all((small | large).mapped("is_reconciled")))

    def test_statement_lines_imported_from_csv_then_reconciled(self):
        donation = self._donate(100.0)
        run_line = self._payment_run_entry("PAYRUN/0001", 900.0)
        partner = self.employee_a.work_contact_id
        code = self.bank_journal.code
        csv = (
            "journal_id,date,payment_ref,partner_id,amount,ref\n"
            f"{code},{self.today},代发 PAYRUN/0001 困难职工生活救助,,-900.00,PAYRUN/0001\n"
            f"{code},{self.today},爱心捐款,{partner.name},100.00,{donation.name}\n"
        )
        importer = self.env["base_import.import"].with_user(self.accountant).create({
            "res_model": "account.bank.statement.line",
            "file": csv.encode(),
            "file_name": "bank.csv",
            "file_type": "text/csv",
        })
        result = importer.execute_import(IMPORT_FIELDS, IMPORT_FIELDS, IMPORT_OPTIONS)
        self.assertFalse(result["messages"])
        st_lines = self.StLine.browse(result["ids"])
        self.assertRecordValues(st_lines.sorted("amount"), [
            {"journal_id": self.bank_journal.id, "amount": -900.0, "ref": "PAYRUN/0001",
             "partner_id": False, "is_reconciled": False},
            {"journal_id": self.bank_journal.id, "amount": 100.0, "ref": donation.name,
             "partner_id": partner.id, "is_reconciled": False},
        ])
        self.assertEqual(set(st_lines.move_id.mapped("state")), {"posted"})
        st_lines.with_user(self.accountant).action_union_auto_reconcile()
        self.assertTrue(all(st_lines.mapped("is_reconciled")))
        self.assertTrue(run_line.reconciled)
        self.assertTrue(self._receipt_line(donation).reconciled)

        # a wrong journal: the import says so and keeps nothing
        bad = self.env["base_import.import"].with_user(self.accountant).create({
            "res_model": "account.bank.statement.line",
            "file": f"journal_id,date,payment_ref,partner_id,amount,ref\n无此账户,{self.today},x,,1,\n".encode(),
            "file_name": "bad.csv",
            "file_type": "text/csv",
        })
        count = self.StLine.search_count([])
        result = bad.execute_import(IMPORT_FIELDS, IMPORT_FIELDS, IMPORT_OPTIONS)
        self.assertTrue(result["messages"])
        self.assertEqual(self.StLine.search_count([]), count)

    def test_import_template_and_menu(self):
        templates = self.StLine.get_import_templates()
        path = next(
            template["template"] for template in templates
            if template["template"].startswith("/union_relief/")
        )
        with file_open(path.lstrip("/"), "rb") as template:
            sheet = openpyxl.load_workbook(io.BytesIO(template.read())).active
        headers = [cell.value for cell in sheet[1] if cell.value]
        self.assertEqual(headers, IMPORT_FIELDS)
        self.assertGreater(sheet.max_row, 1)
        menu = self.env.ref("union_relief.account_bank_statement_line_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.accountant)._visible_menu_ids())
        for user in (self.officer_a, self.auditor):
            self.assertNotIn(menu.id, Menu.with_user(user)._visible_menu_ids())
        action = self.env.ref("union_relief.account_bank_statement_line_action")
        self.assertEqual(action.res_model, "account.bank.statement.line")

    def test_buttons_hidden_when_oca_reconciliation_is_installed(self):
        names = ("action_union_open_reconcile", "action_union_auto_reconcile")
        views = [
            (self.env.ref("union_relief.account_bank_statement_line_view_list"), "list"),
            (self.env.ref("union_relief.account_bank_statement_line_view_form"), "form"),
        ]

        def buttons():
            found = set()
            for view, view_type in views:
                arch, _view = self.StLine._get_view(view.id, view_type)
                found |= {button.get("name") for button in arch.iter("button")}
            return found & set(names)

        self.assertEqual(buttons(), set(names))
        with patch.object(type(self.StLine), "_union_oca_reconcile_installed", return_value=True):
            self.assertEqual(buttons(), set())


@tagged("post_install", "-at_install")
class TestBankReconcilePaymentRun(UnionReliefAccountingCommon):
    def test_relief_payment_run_settled_by_the_banks_transfer(self):
        grants = self._approved(self.file_a) | self._approved(self.file_a2)
        grants.with_user(self.accountant).action_pay()
        run = grants.payment_run_id
        self.assertEqual(len(run), 1)
        run_line = run.move_id.line_ids.filtered(lambda line: line.credit)
        self.assertEqual(len(run_line), 1)
        total = run_line.credit
        st_line = self.env["account.bank.statement.line"].with_user(self.accountant).create({
            "journal_id": self.bank_journal.id,
            "date": self.today,
            "payment_ref": "批量代发 %s" % run.name,
            "amount": -total,
        })
        action = st_line.with_user(self.accountant).action_union_open_reconcile()
        wizard = self.env[action["res_model"]].with_user(self.accountant).browse(action["res_id"])
        proposal = wizard.proposal_ids[0]
        self.assertEqual(proposal.move_line_ids, run_line)
        self.assertEqual(proposal.reference, run.name)
        self.assertIn("%s is in the bank's label" % run.name, proposal.reason)
        proposal.selected = True
        wizard.action_reconcile()
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(run_line.reconciled)
        self.assertEqual(set(grants.mapped("state")), {"paid"})
