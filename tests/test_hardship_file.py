from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import UnionReliefCommon, resident_id


@tagged("post_install", "-at_install")
class TestHardshipFile(UnionReliefCommon):
    def _bring_to_notice(self, file):
        file.with_user(self.officer_a).action_submit()
        self.env["union.hardship.visit"].create({
            "file_id": file.id,
            "visitor_ids": [Command.set(self.officer_a.ids)],
            "findings": "<p>两间平房，妻子无业，孩子上初中。</p>",
        })
        file.write({"application_signed": True, "income_check_authorised": True})
        file.with_user(self.officer_a).action_visit_done()
        file.with_user(self.centre_officer).action_centre_check()
        file.with_user(self.centre_officer).action_start_notice()

    # ------------------------------------------------------------------
    # Assessment
    # ------------------------------------------------------------------

    def test_assessment_suggests_category_with_reasons(self):
        file = self._create_file(self.employee_a, annual_income=12000, medical_costs=2400)
        # (12000 - 2400) / 12 / 2 = 400 < 800
        self.assertEqual(file.per_capita_income, 400.0)
        self.assertEqual(file.suggested_category, "deep")
        self.assertIn("400", file.assessment_reasons)
        self.assertIn("800", file.assessment_reasons)

        file.annual_income = 30000  # 1250: below twice the line
        self.assertEqual(file.suggested_category, "relative")
        file.annual_income = 60000  # 2400: not eligible
        self.assertEqual(file.suggested_category, "not_eligible")

    def test_assessment_exclusion_and_sudden_event(self):
        file = self._create_file(self.employee_a)
        check = file.exclusion_check_ids.filtered(
            lambda c: c.exclusion_id == self.env.ref("union_relief.exclusion_private_vehicle")
        )
        self.assertTrue(check, "every active exclusion is on the checklist of a new file")
        check.applies = True
        self.assertEqual(file.suggested_category, "not_eligible")
        self.assertIn(check.exclusion_id.name, file.assessment_reasons)

        sudden = self._create_file(
            self.employee_b, serial=2,
            annual_income=100000, main_cause_id=self.cause_illness.id, hardship_costs=90000,
        )
        self.assertTrue(sudden.sudden_event)
        self.assertEqual(sudden.suggested_category, "sudden")

    def test_household_size_follows_members(self):
        vals = self._file_vals(self.employee_a)
        del vals["household_size"]
        file = self.env["union.hardship.file"].create(vals)
        self.assertEqual(file.household_size, 1)
        file.write({"member_ids": [
            Command.create({"name": "刘芳", "relation": "spouse"}),
            Command.create({
                "name": "张小明", "relation": "child", "identification_number": resident_id("20120305", 7),
            }),
            Command.create({"name": "张大山", "relation": "parent", "in_household": False}),
        ]})
        self.assertEqual(file.household_size, 3)

    def test_missing_subsistence_line_is_explained(self):
        file = self._create_file(self.employee_a, region="无此城市")
        self.assertFalse(file.suggested_category)
        self.assertIn("无此城市", file.assessment_reasons)
        with self.assertRaisesRegex(UserError, "无此城市"):
            file.action_submit()
        self.assertEqual(file.state, "draft")

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def test_full_workflow_to_filing(self):
        file = self._create_file(self.employee_a)
        self.assertEqual(file.name, "New")
        self._bring_to_notice(file)
        self.assertEqual(file.state, "notice")
        self.assertEqual(file.notice_end_date, self.today + timedelta(days=self.company.union_notice_days))
        self.assertEqual(file.checked_by_id, self.centre_officer)

        with self.assertRaisesRegex(UserError, "public notice"):
            file.with_user(self.centre_officer).action_file()

        with freeze_time(file.notice_end_date):
            file.with_user(self.centre_officer).action_file()
        self.assertEqual(file.state, "filed")
        self.assertEqual(file.name, "BD-%s-0001" % file.filed_date.year)
        self.assertEqual(file.approved_by_id, self.centre_officer)
        self.assertEqual(
            (file.next_review_date.year - file.filed_date.year) * 12
            + file.next_review_date.month - file.filed_date.month,
            12,
        )

        second = self._create_file(self.employee_a2, serial=2)
        self._bring_to_notice(second)
        with freeze_time(second.notice_end_date):
            second.with_user(self.centre_officer).action_file()
        self.assertEqual(second.name, "BD-%s-0002" % second.filed_date.year)

    def test_each_step_schedules_the_next_actor(self):
        self.org_branch_a.chair_id = self.officer_a
        self.org_bureau.chair_id = self.centre_officer
        file = self._create_file(self.employee_a)
        file.with_user(self.officer_a).action_submit()
        self.assertEqual(file.activity_ids.user_id, self.officer_a)
        self.env["union.hardship.visit"].create({"file_id": file.id, "findings": "<p>已入户</p>"})
        file.write({"application_signed": True, "income_check_authorised": True})
        file.with_user(self.officer_a).action_visit_done()
        self.assertEqual(len(file.activity_ids), 1)
        self.assertEqual(file.activity_ids.user_id, self.centre_officer)

    def test_transitions_from_wrong_state_are_refused(self):
        file = self._create_file(self.employee_a)
        with self.assertRaisesRegex(UserError, "Draft"):
            file.action_file()
        with self.assertRaises(UserError):
            file.action_visit_done()
        file.action_submit()
        with self.assertRaisesRegex(UserError, "visit"):
            file.action_visit_done()
        self.env["union.hardship.visit"].create({"file_id": file.id, "findings": "<p>已入户</p>"})
        with self.assertRaisesRegex(UserError, "sign"):
            file.action_visit_done()
        self.assertEqual(file.state, "submitted")

    def test_only_relief_centre_checks(self):
        file = self._create_file(self.employee_a)
        file.action_submit()
        self.env["union.hardship.visit"].create({"file_id": file.id, "findings": "<p>已入户</p>"})
        file.write({"application_signed": True, "income_check_authorised": True})
        file.action_visit_done()
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            file.with_user(self.officer_a).action_centre_check()
        self.assertEqual(file.state, "visited")

    def test_other_category_needs_a_reason(self):
        file = self._create_file(self.employee_a, category="relative")
        with self.assertRaisesRegex(UserError, "Reason for Another Category"):
            file.action_submit()
        file.category_override_reason = "配偶患重病，收入不稳定"
        file.action_submit()
        self.assertEqual(file.state, "submitted")

    def test_open_objection_blocks_filing(self):
        file = self._create_file(self.employee_a)
        self._bring_to_notice(file)
        objection = self.env["union.hardship.objection"].create({
            "file_id": file.id,
            "content": "该职工家中有两套住房",
        })
        with freeze_time(file.notice_end_date), self.assertRaisesRegex(UserError, "objection"):
            file.with_user(self.centre_officer).action_file()
        with self.assertRaisesRegex(ValidationError, "resolution"):
            objection.state = "dismissed"
        objection.write({"state": "dismissed", "resolution": "经核查房产登记，仅一套住房"})
        with freeze_time(file.notice_end_date):
            file.with_user(self.centre_officer).action_file()
        self.assertEqual(file.state, "filed")

    def test_close_with_reason(self):
        file = self._create_file(self.employee_a)
        wizard = Form(self.env["union.hardship.close.wizard"].with_context(default_file_ids=file.ids))
        wizard.end_state = "withdrawn"
        wizard.reason = "职工本人申请退档"
        wizard.save().action_confirm()
        self.assertEqual(file.state, "withdrawn")
        self.assertEqual(file.close_reason, "职工本人申请退档")
        self.assertEqual(file.close_date, self.today)
        with self.assertRaisesRegex(UserError, "it is Withdrawn"):
            file._close("cancelled", "重复", self.today)
        # a closed file frees the employee for a new file
        self._create_file(self.employee_a, serial=1)

    def test_closing_date_in_future_is_refused(self):
        file = self._create_file(self.employee_a)
        with self.assertRaisesRegex(UserError, "future"):
            file._close("withdrawn", "收入提高", self.today + timedelta(days=3))
        self.assertEqual(file.state, "draft")

    def test_files_are_never_deleted(self):
        file = self._create_file(self.employee_a)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            file.unlink()
        file.action_archive()
        self.assertFalse(file.active)

    # ------------------------------------------------------------------
    # Wrong input
    # ------------------------------------------------------------------

    def test_wrong_figures_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._create_file(self.employee_a, annual_income=-1)
        with self.assertRaisesRegex(ValidationError, "household size"):
            self._create_file(self.employee_a, household_size=0)
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._create_file(self.employee_a, medical_costs=-100)
        self.assertFalse(self.env["union.hardship.file"].search([("employee_id", "=", self.employee_a.id)]))

    def test_resident_id_is_validated(self):
        valid = resident_id()
        wrong_check = valid[:-1] + ("0" if valid[-1] != "0" else "1")
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self._create_file(self.employee_a, identification_number=wrong_check)
        with self.assertRaisesRegex(ValidationError, "18"):
            self._create_file(self.employee_a, identification_number="11010119800101")
        file = self._create_file(self.employee_a, identification_number=" %s " % resident_id().lower())
        self.assertEqual(file.identification_number, resident_id())
        self.assertEqual(file.identification_masked[:3], resident_id()[:3])
        self.assertIn("*", file.identification_masked)

    def test_one_open_file_per_employee_and_household(self):
        self._create_file(self.employee_a)
        with self.assertRaisesRegex(ValidationError, "already has an open hardship file"):
            self._create_file(self.employee_a, serial=5)
        with self.assertRaisesRegex(ValidationError, "one household, one file"):
            self._create_file(self.employee_a2, serial=1)

    def test_future_dates_are_refused(self):
        file = self._create_file(self.employee_a)
        with self.assertRaisesRegex(ValidationError, "future"):
            self.env["union.hardship.visit"].create({
                "file_id": file.id,
                "date": self.today + timedelta(days=1),
                "findings": "<p>x</p>",
            })
        with self.assertRaisesRegex(ValidationError, "future"):
            file.write({"member_ids": [Command.create({
                "name": "张小小", "relation": "child", "birth_date": self.today + timedelta(days=10),
            })]})
        with self.assertRaisesRegex(UserError, "future"):
            self._create_file(self.employee_a2, serial=3, assessment_year=self.today.year + 1).action_submit()

    def test_visit_follow_up_schedules_activity(self):
        file = self._create_file(self.employee_a)
        self.env["union.hardship.visit"].create({
            "file_id": file.id,
            "visitor_ids": [Command.set(self.officer_a.ids)],
            "findings": "<p>需再次走访</p>",
            "follow_up_date": self.today + timedelta(days=30),
        })
        activity = file.activity_ids
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertEqual(activity.date_deadline, self.today + timedelta(days=30))

    def test_employee_smart_button(self):
        file = self._create_file(self.employee_a)
        employee = self.employee_a.with_user(self.officer_a)
        self.assertEqual(employee.union_hardship_file_count, 1)
        action = employee.action_view_union_hardship_files()
        self.assertEqual(action["res_id"], file.id)
