import json

from lxml import etree

from odoo import Command, api
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import UnionReliefCommon, load_chinese
from .common_donation import UnionDonationCommon
from .common_relief import UnionReliefAccountingCommon

# What each role reads and does on its own, without an administrator (issues 10
# and 17): the rights, menus, forms and messages a role needs for its job.


def _offered(env, model, field_name, user, values):
    """The records the web client offers in a Many2one's dropdown, the record's
    fields having ``values``."""
    Model = env[model].with_user(user)
    field = Model._fields[field_name]
    domain = field._description_domain(Model.env) or []
    if isinstance(domain, str):
        domain = safe_eval(domain, {
            **values,
            "allowed_company_ids": user.company_ids.ids,
            "context": {},
            "uid": user.id,
        })
    comodel = env[field.comodel_name].with_user(user)
    return comodel.browse([id_ for id_, _name in comodel.name_search("", domain, limit=None)])


@tagged("post_install", "-at_install")
class TestAccountantRights(UnionReliefAccountingCommon):
    def test_accountant_opens_entries_payments_and_books_the_bank(self):
        grant = self._approved(self.file_a)
        grant.with_user(self.accountant).action_pay()
        grant = grant.with_user(self.accountant)
        self.assertTrue(grant.move_id.read(["name", "state", "line_ids"]))
        self.assertEqual(grant.payment_run_id.read(["total_amount"])[0]["total_amount"], 600.0)
        self.assertTrue(grant.payment_run_id.move_id.read(["name", "state", "line_ids"]))
        statement_action = self.living.with_user(self.accountant).action_view_fund_statement()
        lines = self.env["account.move.line"].with_user(self.accountant).search(
            statement_action["domain"]
        )
        self.assertEqual(sum(lines.mapped("debit")), 600.0)
        statement_line = self.env["account.bank.statement.line"].with_user(self.accountant).create({
            "journal_id": self.bank_journal.id,
            "date": self.today,
            "payment_ref": grant.name,
            "partner_id": grant.partner_id.id,
            "amount": -600.0,
        })
        self.assertEqual(statement_line.move_id.state, "posted")


@tagged("post_install", "-at_install")
class TestDonationLedgerRoles(UnionDonationCommon):
    def test_every_union_role_exports_the_ledger(self):
        self._donate(amount=120.0)
        for user in (self.manager, self.centre_officer, self.accountant, self.auditor):
            with self.subTest(user=user.login):
                wizard = self.env["union.donation.ledger.wizard"].with_user(user).create({
                    "campaign_ids": [Command.set(self.campaign.ids)],
                })
                # as in the download request: nothing read by the validation is cached
                self.env.invalidate_all()
                _filename, content = wizard._get_xlsx_export()
                self.assertTrue(content)


@tagged("post_install", "-at_install")
class TestNotificationsWithoutEmail(UnionReliefAccountingCommon):
    def test_user_without_email_submits_a_grant_and_a_file(self):
        self.officer_a.email = False
        self.org_branch_a.chair_id = self.centre_officer
        grant = self._grant(self.file_a2)
        grant.action_submit()
        self.assertEqual(grant.state, "submitted")
        self.assertEqual(grant.activity_ids.user_id, self.centre_officer)
        employee = self.env["hr.employee"].create({
            "name": "赵六", "union_organization_id": self.org_branch_a.id,
        })
        file = self._create_file(employee, serial=21).with_user(self.officer_a)
        file.action_submit()
        self.assertEqual(file.state, "submitted")
        self.assertEqual(file.activity_ids.user_id, self.centre_officer)


@tagged("post_install", "-at_install")
class TestErrorLanguage(HttpCase, UnionReliefAccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, overwrite=False)
        cls.officer_a.lang = "zh_CN"

    def test_api_call_without_language_answers_in_the_users_language(self):
        # as JSON-RPC's execute_kw calls a method: an empty context
        Grant = self.env(context={})["union.relief.grant"].with_user(self.officer_a)
        with self.assertRaisesRegex(ValidationError, "期间“abc”无效"):
            api.call_kw(Grant, "create", [{
                "programme_id": self.living.id,
                "file_id": self.file_a.id,
                "period": "abc",
            }], {})

    def test_json_rpc_error_in_the_users_language(self):
        # an external client: no context, no Accept-Language
        response = self.url_open("/jsonrpc", data=json.dumps({
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname, self.officer_a.id, "officer_a",
                    "union.relief.grant", "create", [{
                        "programme_id": self.living.id,
                        "file_id": self.file_a.id,
                        "period": "abc",
                    }],
                ],
            },
        }), headers={"Content-Type": "application/json"}).json()
        self.assertIn("期间“abc”无效", response["error"]["data"]["message"])


@tagged("post_install", "-at_install")
class TestGrantEntry(UnionReliefAccountingCommon):
    def test_new_grant_offers_open_programmes(self):
        for user in (self.officer_a, self.manager):
            with self.subTest(user=user.login):
                offered = _offered(
                    self.env, "union.relief.grant", "programme_id", user, {"company_id": False}
                )
                self.assertIn(self.living, offered)

    def test_officer_records_a_grant_from_the_form(self):
        with Form(self.env["union.relief.grant"].with_user(self.officer_a)) as form:
            form.programme_id = self.living
            form.file_id = self.file_a
        grant = form.save()
        self.assertEqual(grant.amount, 600.0)
        self.assertEqual(grant.organization_id, self.org_branch_a)

    def test_files_found_by_worker_name_and_resident_id(self):
        File = self.env["union.hardship.file"]
        by_name = File.with_user(self.officer_a).name_search("张三明")
        self.assertEqual([id_ for id_, _name in by_name], self.file_a.ids)
        number = self.file_a.identification_number
        self.assertEqual(
            [id_ for id_, _name in File.with_user(self.officer_a).name_search(number)],
            self.file_a.ids,
        )
        # the resident ID finds nothing for those who may not read it, nor elsewhere
        self.assertFalse(File.with_user(self.accountant).name_search(number))
        self.assertFalse(File.with_user(self.officer_b).name_search(number))
        self.assertEqual(
            [id_ for id_, _name in File.with_user(self.accountant).name_search("张三明")],
            self.file_a.ids,
        )

    def test_no_quick_create_of_files_or_programmes(self):
        arch = self.env["union.relief.grant"].with_user(self.officer_a).get_view(
            view_type="form"
        )["arch"]
        for field_name in ("programme_id", "file_id", "employee_id"):
            with self.subTest(field=field_name):
                self.assertRegex(
                    arch, r'<field name="%s"[^>]*no_create' % field_name
                )


@tagged("post_install", "-at_install")
class TestOrganizationForm(UnionReliefCommon):
    def test_every_union_role_opens_an_organisation(self):
        self.employee_a.union_organization_id = self.org_branch_a
        for user in (self.officer_a, self.centre_officer, self.manager, self.accountant,
                     self.auditor, self.member):
            with self.subTest(user=user.login):
                form = Form(self.org_branch_a.with_user(user))
                self.assertEqual(form.member_count, 2)


@tagged("post_install", "-at_install")
class TestManagerSettings(UnionReliefAccountingCommon):
    def test_manager_reads_and_saves_the_settings(self):
        settings_form = Form(self.env["union.relief.settings"].with_user(self.manager))
        self.assertEqual(settings_form.notice_days, self.company.union_notice_days)
        settings_form.notice_days = 7
        settings_form.review_interval_months = 6
        settings_form.spot_check_share = 0.1
        settings_form.save().action_save()
        self.assertEqual(self.company.union_notice_days, 7)
        self.assertEqual(self.company.union_review_interval_months, 6)
        self.assertEqual(self.company.union_spot_check_share, 0.1)

    def test_manager_opens_the_entry_of_a_grant(self):
        grant = self._approved(self.file_a).with_user(self.manager)
        self.assertTrue(grant.move_id.read(["name", "line_ids"]))
        with self.assertRaises(AccessError):
            grant.move_id.write({"ref": "改"})

    def test_only_the_manager_changes_the_settings(self):
        with self.assertRaises(AccessError):
            self.env["union.relief.settings"].with_user(self.centre_officer).create({})
        with self.assertRaises(ValidationError):
            self.env["union.relief.settings"].with_user(self.manager).create({
                "spot_check_share": 1.5,
            })

    def test_settings_menu_visible_to_the_manager(self):
        menu = self.env.ref("union_relief.union_relief_settings_menu")
        visible = self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids()
        self.assertIn(menu.id, visible)

    def test_manager_chooses_a_payment_journal(self):
        values = {"company_id": self.company.id}
        for field_name, offered_record in (
            ("payment_journal_id", self.bank_journal),
            ("journal_id", self.journal),
            ("expense_account_id", self.account_relief),
        ):
            with self.subTest(field=field_name):
                offered = _offered(
                    self.env, "union.relief.programme", field_name, self.manager, values
                )
                self.assertIn(offered_record, offered)
        with Form(self.living.with_user(self.manager)) as form:
            form.payment_journal_id = self.bank_journal
        self.assertEqual(self.living.payment_journal_id, self.bank_journal)


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The shipped demo users can do their jobs without an administrator."""

    def _demo(self, xmlid):
        record = self.env.ref("union_relief.%s" % xmlid, raise_if_not_found=False)
        if not record:
            self.skipTest("installed without demo data")
        return record

    def test_demo_users_have_email_addresses(self):
        for role in ("officer", "centre", "manager", "accountant", "auditor", "member"):
            with self.subTest(role=role):
                self.assertTrue(self._demo("demo_user_%s" % role).email)

    def test_demo_programmes_have_a_payment_journal(self):
        for programme in ("living", "festival", "education", "medical"):
            with self.subTest(programme=programme):
                record = self._demo("demo_relief_programme_%s" % programme)
                self.assertEqual(record.payment_journal_id.type, "bank")


@tagged("post_install", "-at_install")
class TestReadOnlyRolesMenus(UnionReliefCommon):
    def test_auditor_and_accountant_have_the_file_menu_not_the_visits(self):
        file_menu = self.env.ref("union_relief.union_hardship_file_menu")
        visit_menu = self.env.ref("union_relief.union_hardship_visit_menu")
        for user in (self.auditor, self.accountant):
            with self.subTest(user=user.login):
                visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                self.assertIn(file_menu.id, visible)
                self.assertNotIn(visit_menu.id, visible)

    def test_auditor_and_accountant_open_files(self):
        file = self._create_file(self.employee_a, serial=41)
        for user in (self.auditor, self.accountant):
            with self.subTest(user=user.login):
                File = self.env["union.hardship.file"].with_user(user)
                for view_type in ("list", "kanban"):
                    arch = etree.fromstring(File.get_view(view_type=view_type)["arch"])
                    names = {node.get("name") for node in arch.iter("field")}
                    self.assertTrue(File.web_search_read(
                        [("id", "=", file.id)], {name: {} for name in names}
                    )["records"])
                self.assertEqual(Form(file.with_user(user)).employee_id, self.employee_a)

    def test_auditor_sees_no_action_button_on_a_file(self):
        for user in (self.auditor, self.accountant):
            with self.subTest(user=user.login):
                arch = self.env["union.hardship.file"].with_user(user).get_view(
                    view_type="form"
                )["arch"]
                self.assertNotRegex(arch, r'<button name="action_[a-z_]+" type="object"')
                self.assertNotIn("union_hardship_close_wizard", arch)
        arch = self.env["union.hardship.file"].with_user(self.officer_a).get_view(
            view_type="form"
        )["arch"]
        self.assertIn('name="action_submit"', arch)


@tagged("post_install", "-at_install")
class TestCampaignCreation(UnionDonationCommon):
    def test_campaign_form_opens_in_a_company_without_the_union_accounts(self):
        # the add-on's donation and transfer accounts belong to the first company:
        # in another one the officer starts with none and picks the company's own
        other = self.setup_other_company()["company"]
        organization = self.env["union.organization"].create({
            "name": "二公司工会", "code": "EGS", "company_id": other.id,
        })
        officer = new_test_user(
            self.env, login="officer_other", groups="union_relief.group_union_officer",
            company_id=other.id, company_ids=[Command.set(other.ids)],
        )
        officer.union_organization_ids = [Command.set(organization.ids)]
        form = Form(self.env["union.donation.campaign"].with_user(officer))
        self.assertEqual(form.organization_id, organization)
        self.assertFalse(form.income_account_id)
        Transfer = self.env["union.donation.transfer"].with_user(officer)
        self.assertFalse(Transfer.default_get(["account_id"]).get("account_id"))

    def test_officer_creates_a_campaign_of_own_organisation(self):
        with Form(self.env["union.donation.campaign"].with_user(self.officer_a)) as form:
            self.assertEqual(form.organization_id, self.org_branch_a)
            form.name = "变电分会互助"
        campaign = form.save()
        self.assertEqual(campaign.organization_id, self.org_branch_a)

    def test_officer_is_offered_own_organisations_only(self):
        values = {"company_id": self.company.id}
        offered = _offered(
            self.env, "union.donation.campaign", "organization_id", self.officer_a, values
        )
        self.assertIn(self.org_branch_a, offered)
        self.assertNotIn(self.org_bureau, offered)
        offered = _offered(
            self.env, "union.donation.campaign", "organization_id", self.manager, values
        )
        self.assertIn(self.org_bureau, offered)

    def test_officer_chooses_the_receiving_journal(self):
        bank_journal = self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(self.company),
            ("type", "=", "bank"),
        ], limit=1)
        offered = _offered(
            self.env, "union.donation.campaign", "journal_id", self.officer_a,
            {"company_id": self.company.id},
        )
        self.assertIn(bank_journal, offered)
