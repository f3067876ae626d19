from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

# A working day for every demo role (issue 17): each tour logs in as the demo
# user, in Chinese, and does the role's main job in the browser; the test then
# checks what the job left in the database.


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # menus, views and fields of every screen the roles see, not only ours
        cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
            ["zh_CN"]
        )
        cls.users = {
            role: cls.env.ref("union_relief.demo_user_%s" % role)
            for role in ("officer", "centre", "manager", "accountant", "auditor", "member")
        }
        for user in cls.users.values():
            user.lang = "zh_CN"

    def _role_tour(self, role):
        self.start_tour("/odoo", "union_role_%s_tour" % role, login=role)

    def test_officer_records_a_grant_and_submits_a_file(self):
        officer = self.users["officer"]
        branch = self.env.ref("union_relief.demo_org_branch_substation")
        employee = self.env["hr.employee"].create({
            "name": "游览缺项职工", "union_organization_id": branch.id,
        })
        gaps = self.env["union.hardship.file"].with_user(officer).create({
            "employee_id": employee.id, "organization_id": branch.id,
        })
        self._role_tour("officer")
        grant = self.env["union.relief.grant"].search([
            ("programme_id", "=", self.env.ref("union_relief.demo_relief_programme_living").id),
            ("file_id", "=", self.env.ref("union_relief.demo_file_xiao_jun").id),
            ("state", "!=", "paid"),  # the demo's months that are over were paid
        ])
        self.assertRecordValues(grant, [{
            "state": "submitted",
            "submitted_by_id": officer.id,
            "partner_id": self.env.ref("union_relief.demo_employee_xiao_jun").work_contact_id.id,
        }])
        self.assertGreater(grant.amount, 0)
        self.assertEqual(gaps.state, "draft", "a file with gaps is not submitted")

    def test_centre_checks_a_file_and_prints_its_notice(self):
        # the browser shows the HTML report, whether wkhtmltopdf is installed or not
        self.patch(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state", lambda _self: "install")
        self._role_tour("centre")
        file = self.env.ref("union_relief.demo_file_yu_haibo")
        self.assertRecordValues(file, [{
            "state": "notice",
            "checked_by_id": self.users["centre"].id,
            "notice_start_date": fields.Date.context_today(file),
        }])
        self.assertTrue(file.notice_end_date)

    def test_manager_sets_up_relief(self):
        company = self.env.ref("base.main_company")
        company.union_notice_days = 5
        bank = self.env["account.journal"].create({
            "name": "游览测试银行", "code": "YLYH", "type": "bank", "company_id": company.id,
        })
        chair = new_test_user(
            self.env, login="tour_chair", name="游览测试主席",
            groups="union_relief.group_union_officer", lang="zh_CN",
        )
        self._role_tour("manager")
        self.assertEqual(company.union_notice_days, 7)
        self.assertEqual(
            self.env.ref("union_relief.demo_relief_programme_festival").payment_journal_id, bank
        )
        organization = self.env.ref("union_relief.demo_org_branch_marketing")
        self.assertEqual(organization.chair_id, chair)
        self.assertLessEqual(chair | self.users["officer"], organization.officer_ids)

    def test_accountant_pays_a_batch(self):
        officer, centre = self.users["officer"], self.users["centre"]
        festival = self.env.ref("union_relief.demo_relief_programme_festival")
        wizard = self.env["union.relief.batch.wizard"].with_user(officer).create({
            "programme_id": festival.id,
            "organization_ids": [Command.set(
                self.env.ref("union_relief.demo_org_branch_substation").ids
            )],
        })
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        batch.with_user(officer).action_submit()
        batch.with_user(centre).action_approve()
        self.assertEqual(batch.state, "approved", "no second approval, no public notice")
        self._role_tour("accountant")
        self.assertEqual(batch.state, "paid")
        self.assertEqual(set(batch.grant_ids.mapped("state")), {"paid"})
        self.assertEqual(batch.move_id.state, "posted")

    def test_auditor_reads_a_file(self):
        file = self.env.ref("union_relief.demo_file_xiao_jun")
        messages = file.message_ids
        self._role_tour("auditor")
        self.assertEqual(file.state, "filed")
        self.assertEqual(file.message_ids, messages)

    def test_member_opens_a_campaign_from_the_portal(self):
        self.start_tour("/my", "union_role_member_tour", login="member")
