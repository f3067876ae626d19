import base64
import io
import re

import openpyxl

from odoo import Command
from odoo.tests import tagged

from ..models.union_relief_grant import FILED_STATES
from ..utils.xlsx import safe_filename
from .common_donation import UnionDonationCommon
from .common_relief import UnionReliefAccountingCommon


def luhn_valid(number):
    """Whether a card number carries a valid check digit (ISO/IEC 7812)."""
    total = 0
    for position, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def read_sheet(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@tagged("post_install", "-at_install")
class TestBatchPaperwork(UnionReliefAccountingCommon):
    """The papers of a batch run: the preview lists who is paid and who has no
    bank account, the bank transfer list adds up and is named after the run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.env["res.bank"].create({"name": "中国工商银行", "bic": "ICBKCNBJ"})
        cls.account_a = cls.env["res.partner.bank"].create({
            "partner_id": cls.employee_a.work_contact_id.id,
            "bank_id": cls.bank.id,
            "acc_number": "6222 0210 0112 3456 789",
        })
        cls.file_a.bank_account_id = cls.account_a

    def _wizard(self, user, **vals):
        return self.env["union.relief.batch.wizard"].with_user(user).create({
            "programme_id": self.living.id, **vals,
        })

    def _previewed(self, user, **vals):
        wizard = self._wizard(user, **vals)
        wizard.action_preview()
        return wizard

    def _run(self, user, **vals):
        action = self._wizard(user, **vals).action_create_grants()
        return self.env["union.relief.batch"].browse(action["res_id"])

    def _approved_run(self):
        batch = self._run(self.centre_officer)
        batch.action_submit()
        batch.with_user(self.manager).action_approve()
        return batch

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------

    def test_preview_lists_the_households_paid(self):
        wizard = self._previewed(self.officer_a)
        self.assertEqual(wizard.planned_count, 2)
        table = wizard.planned_lines
        for file in (self.file_a, self.file_a2):
            self.assertIn(file.name, table)
            self.assertIn(file.employee_id.name, table)
        self.assertIn(self.org_branch_a.display_name, table)
        # 3 people × 200 and 1 person × 200
        self.assertIn("600.00", table)
        self.assertIn("200.00", table)
        self.assertIn("中国工商银行 …6789", table)
        self.assertNotIn(self.file_b.employee_id.name, table)

    def test_preview_warns_of_payees_without_a_bank_account(self):
        wizard = self._previewed(self.officer_a)
        self.assertEqual(wizard.missing_bank_account_count, 1)
        self.assertIn(self.employee_a2.name, wizard.missing_bank_account_note)
        self.assertNotIn(self.employee_a.name, wizard.missing_bank_account_note)
        # the run may go on all the same
        batch = self._run(self.officer_a)
        self.assertEqual(batch.grant_count, 2)

    def test_preview_queries_do_not_grow_with_the_households(self):
        small, large = self._create_small_and_large_branches()
        small_wizard = self._wizard(self.centre_officer, organization_ids=[Command.set(small.ids)])
        large_wizard = self._wizard(self.centre_officer, organization_ids=[Command.set(large.ids)])
        self.env.flush_all()
        # both previews start from cold caches, records and Odoo's own (rules, groups)
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()
        before = self.env.cr.sql_log_count
        small_wizard.action_preview()
        self.env.flush_all()
        queries_10 = self.env.cr.sql_log_count - before
        self.assertEqual(small_wizard.planned_lines.count("<tr"), 11)
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()
        with self.assertQueryCount(queries_10):
            large_wizard.action_preview()
            self.env.flush_all()
        self.assertEqual(large_wizard.planned_lines.count("<tr"), 101)
        self.assertEqual(large_wizard.missing_bank_account_count, 100)

    # ------------------------------------------------------------------
    # Batch form
    # ------------------------------------------------------------------

    def test_batch_form_warns_of_payees_without_a_bank_account(self):
        batch = self._approved_run()
        as_accountant = batch.with_user(self.accountant)
        self.assertEqual(as_accountant.missing_bank_account_count, 2)
        note = as_accountant.missing_bank_account_note
        self.assertIn(self.employee_a2.name, note)
        self.assertIn(self.employee_b.name, note)
        self.assertNotIn(self.employee_a.name, note)
        self.file_a2.bank_account_id = self.env["res.partner.bank"].create({
            "partner_id": self.employee_a2.work_contact_id.id,
            "bank_id": self.bank.id,
            "acc_number": "6222 0210 0112 3456 797",
        })
        self.env.invalidate_all()
        self.assertEqual(as_accountant.missing_bank_account_count, 1)

    # ------------------------------------------------------------------
    # Bank transfer list
    # ------------------------------------------------------------------

    def test_bank_transfer_list_has_a_total_row(self):
        batch = self._approved_run().with_user(self.accountant)
        self.assertEqual(
            batch.action_bank_transfer_list()["url"],
            "/union_relief/xlsx/union.relief.batch/%s" % batch.id,
        )
        filename, content = batch._xlsx_export()
        rows = read_sheet(content)
        self.assertEqual(rows[0][:5], ["Reference", "Payee", "Bank", "Account Number", "Amount"])
        by_payee = {row[1]: row for row in rows[1:-1]}
        self.assertEqual(len(by_payee), 3)
        self.assertEqual(
            by_payee[self.employee_a.work_contact_id.name][2:5],
            ["中国工商银行", "6222 0210 0112 3456 789", 600.0],
        )
        self.assertEqual(by_payee[self.employee_b.work_contact_id.name][2:4], [None, None])
        self.assertEqual(rows[-1], ["Total", "3 transfers", None, None, 1200.0, "壹仟贰佰元整", None])

    def test_bank_transfer_list_is_named_after_programme_period_and_batch(self):
        batch = self._approved_run().with_user(self.accountant)
        filename, _content = batch._xlsx_export()
        self.assertEqual(
            filename,
            "Bank-Transfers_生活救助_%s_%s.xlsx" % (self.month, batch.name.replace("/", "-")),
        )
        self.assertEqual(
            safe_filename(["银行代发", "2026年 春节/送温暖:*?", "2026", "BATCH/2026/0001"]),
            "银行代发_2026年-春节-送温暖_2026_BATCH-2026-0001.xlsx",
        )

    # ------------------------------------------------------------------
    # Organisation defaults
    # ------------------------------------------------------------------

    def test_wizards_start_with_the_officers_organisation(self):
        other_company = self.env["res.company"].create({"name": "东江供电局检修公司"})
        elsewhere = self.env["union.organization"].create({
            # sorts before the officer's own organisation
            "name": "一检修分会", "code": "AJX", "company_id": other_company.id,
        })
        self.officer_a.write({
            "company_ids": [Command.link(other_company.id)],
            "union_organization_ids": [Command.link(elsewhere.id)],
        })
        officer_env = self.env(user=self.officer_a)

        def default(model, field_name):
            return officer_env[model].default_get([field_name])[field_name]

        self.assertEqual(default("union.hardship.review.wizard", "organization_id"), self.org_branch_a.id)
        self.assertEqual(default("union.collective.contract.ledger.wizard", "organization_id"), self.org_branch_a.id)
        for model in ("union.relief.batch.wizard", "union.relief.ledger.wizard"):
            organizations = officer_env[model].new(
                officer_env[model].default_get(["organization_ids"])
            ).organization_ids
            self.assertEqual(organizations._origin, self.org_branch_a, model)
        # the wizard starts with them and its preview counts their households only
        self.assertEqual(self._previewed(self.officer_a).candidate_count, 2)
        # nothing is pre-filled for a user who works for no organisation
        self.assertFalse(
            self.env(user=self.accountant)["union.hardship.review.wizard"]
            .default_get(["organization_id"]).get("organization_id")
        )


    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    def test_demo_files_paid_by_transfer_have_bank_accounts(self):
        if not self.env.ref("union_relief.demo_file_zhao_haijun", raise_if_not_found=False):
            self.skipTest("the demo data is not installed")
        demo_ids = self.env["ir.model.data"].search([
            ("module", "=", "union_relief"), ("model", "=", "union.hardship.file"),
        ]).mapped("res_id")
        files = self.env["union.hardship.file"].search([
            ("id", "in", demo_ids), ("state", "in", FILED_STATES),
        ])
        grants = self.env["union.relief.grant"].search([
            ("id", "in", self.env["ir.model.data"].search([
                ("module", "=", "union_relief"), ("model", "=", "union.relief.grant"),
            ]).mapped("res_id")),
            ("aid_kind", "=", "cash"),
        ])
        self.assertTrue(grants)
        files |= grants.file_id
        self.assertGreaterEqual(len(files), 10)
        banks = {"中国工商银行", "中国建设银行", "中国农业银行"}
        for file in files:
            account = file.bank_account_id
            self.assertTrue(account, "%s has no bank account" % file.display_name)
            self.assertEqual(account.partner_id, file.employee_id.work_contact_id)
            self.assertIn(account.bank_id.name, banks)
            self.assertRegex(account.acc_number, r"^\d{4}( \d{4}){3} \d{3}$")
            self.assertTrue(luhn_valid(re.sub(r"\D", "", account.acc_number)), account.acc_number)


@tagged("post_install", "-at_install")
class TestImportPaperwork(UnionDonationCommon):
    """The collection sheet import gives a template and shows the cells of the
    lines in error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls._create_collection(100.0)

    def _import_wizard(self, **vals):
        # the officer of the campaign's organisation collects its sheets
        return self.env["union.donation.import.wizard"].with_user(self.centre_officer).create({
            "collection_id": self.collection.id, **vals,
        })

    def test_template_downloads_and_reads_back(self):
        wizard = self._import_wizard()
        self.assertEqual(
            wizard.action_download_template()["url"],
            "/union_relief/xlsx/union.donation.import.wizard/%s" % wizard.id,
        )
        filename, content = wizard._xlsx_export()
        self.assertEqual(filename, "Collection-Sheet-Template_变电运维一班捐款.xlsx")
        rows = read_sheet(content)
        self.assertEqual(rows[0], ["Donor", "Amount", "Date", "Method", "Visibility"])
        self.assertEqual(len(rows), 2)
        self.assertIn(rows[1][0], (self.employee_a | self.employee_a2).mapped("name"))
        self.assertEqual(rows[1][1:2] + rows[1][3:], [100, "现金", "部分隐藏"])
        # the template, filled in as it is, imports without an error
        upload = self._import_wizard(data_file=base64.b64encode(content), filename=filename)
        upload.action_preview()
        self.assertEqual(upload.error_count, 0)
        self.assertRecordValues(upload.line_ids, [{
            "donor": rows[1][0], "amount": 100.0, "date": self.collection.date,
            "method": "cash", "visibility": "masked", "error": False,
        }])
        upload.action_import()
        self.assertEqual(self.collection.donation_ids.amount, 100.0)

    def test_lines_in_error_keep_the_cells_of_the_file(self):
        content = (
            "捐款人,金额,日期,方式\n"
            "张三明,200,,现金\n"
            "无此人,50,2025/13/01,\n"
            "李小红,abc,,支票\n"
            "王\x1b大力,10,,\n"
        )
        wizard = self._import_wizard(
            data_file=base64.b64encode(content.encode("utf-8-sig")), filename="sheet.csv",
        )
        wizard.action_preview()
        lines = {line.line: line for line in wizard.line_ids}
        self.assertFalse(lines[2].error)
        self.assertFalse(lines[2].file_donor)
        self.assertRecordValues(lines[3] | lines[4], [
            {"file_donor": "无此人", "file_amount": "50", "file_date": "2025/13/01", "file_method": False},
            {"file_donor": "李小红", "file_amount": "abc", "file_date": False, "file_method": "支票"},
        ])
        self.assertEqual(lines[3].file_values, "Donor: 无此人 | Amount: 50 | Date: 2025/13/01")
        self.assertIn("Method: 支票", lines[4].file_values)
        # nothing of a line with control characters is shown back
        self.assertTrue(lines[5].error)
        self.assertFalse(lines[5].file_values)
