"""Issue 17, work that takes too many round trips: the hardship file's checklists,
its pre-filled category, its buttons, and the public notices that can be printed."""

from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .common import resident_id
from .common_relief import UnionReliefAccountingCommon

FILE_FORM = "union_relief.union_hardship_file_view_form"
BATCH_FORM = "union_relief.union_relief_batch_view_form"
GRANT_FORM = "union_relief.union_relief_grant_view_form"
FILE_NOTICE = "union_relief.union_hardship_file_notice_report"
BATCH_NOTICE = "union_relief.union_relief_batch_notice_report"
PHONE = "0769-22331234"
# the buttons of the file form and the steps of the transition table they take
FILE_BUTTON_STEPS = {
    "action_submit": ("submit",),
    "action_visit_done": ("visit_done",),
    "action_centre_check": ("centre_check",),
    "action_start_notice": ("start_notice",),
    "action_file": ("file",),
    "action_return_to_draft": ("return_to_draft", "return_checked_to_draft"),
    "action_close": (
        "withdraw_application", "cancel_application", "withdraw", "cancel", "exit",
    ),
}


def _header_buttons(env, xmlid, name):
    """The header buttons ``name`` of the view as written (groups included)."""
    arch = etree.fromstring(env.ref(xmlid).arch)
    return arch.xpath("//header/button[@name='%s']" % name)


def _visible(button, **values):
    return not safe_eval(button.get("invisible") or "False", values)


@tagged("post_install", "-at_install")
class TestHardshipChecklist(UnionReliefAccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.union_complaint_phone = PHONE
        cls.worker, cls.other_worker = cls.env["hr.employee"].create([
            {"name": "尹志华", "union_organization_id": cls.org_branch_a.id},
            {"name": "肖军", "union_organization_id": cls.org_branch_a.id},
        ])

    def _blank_file(self, user=None, **vals):
        """A file as an officer starts it: the worker and nothing else."""
        return self.env["union.hardship.file"].with_user(user or self.officer_a).create({
            "employee_id": self.worker.id,
            "organization_id": self.org_branch_a.id,
            "region": self.region,
            **vals,
        })

    def _visit(self, file):
        self.env["union.hardship.visit"].create({
            "file_id": file.id,
            "visitor_ids": [Command.set(self.officer_a.ids)],
            "findings": "<p>两间平房，妻子无业。</p>",
        })

    def _in_notice(self, file):
        file.with_user(self.officer_a).action_submit()
        self._visit(file)
        file.write({"application_signed": True, "income_check_authorised": True})
        file.with_user(self.officer_a).action_visit_done()
        file.with_user(self.centre_officer).action_centre_check()
        file.with_user(self.centre_officer).action_start_notice()
        return file

    def _render(self, report, records, user):
        html = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, records.ids)
        return html[0].decode()

    # ------------------------------------------------------------------
    # Checklists: every missing item at once
    # ------------------------------------------------------------------

    def test_submit_checklist_lists_every_missing_item_at_once(self):
        file = self._blank_file()
        missing = file.submit_missing
        for item in (
            "resident ID number", "annual household income", "main cause of hardship",
            "Choose the hardship category",
        ):
            self.assertIn(item, missing)
        self.assertEqual(missing.count("<li>"), 4)

        with self.assertRaises(UserError) as error:
            file.with_user(self.officer_a).action_submit()
        message = str(error.exception)
        self.assertEqual(message.count("• "), 4, "one error lists all of them")
        self.assertIn("Before you submit %s" % file.display_name, message)
        for item in (
            "resident ID number", "annual household income", "main cause of hardship",
            "Choose the hardship category",
        ):
            self.assertIn(item, message)
        self.assertEqual(file.state, "draft")

    def test_submit_checklist_shrinks_to_nothing_as_the_file_is_filled_in(self):
        file = self._blank_file()
        file.with_user(self.officer_a).write({
            "identification_number": resident_id(serial=41),
            "main_cause_id": self.cause_low_income.id,
        })
        self.assertEqual(file.submit_missing.count("<li>"), 2)
        file.with_user(self.officer_a).write({"annual_income": 12000.0, "household_size": 2})
        self.assertFalse(file.submit_missing, "the category is pre-filled from the suggestion")
        file.with_user(self.officer_a).write({"category": "relative"})
        self.assertIn("Reason for Another Category", file.submit_missing)
        file.with_user(self.officer_a).write({"category_override_reason": "配偶失业"})
        self.assertFalse(file.submit_missing)
        file.with_user(self.officer_a).action_submit()
        self.assertEqual(file.state, "submitted")
        self.assertFalse(file.submit_missing, "a submitted file has nothing left to submit")

    def test_several_files_are_refused_with_all_their_items(self):
        files = self._blank_file() | self._blank_file(employee_id=self.other_worker.id)
        with self.assertRaises(UserError) as error:
            files.with_user(self.officer_a).action_submit()
        message = str(error.exception)
        self.assertEqual(message.count("• "), 8)
        for file in files:
            self.assertIn(file.display_name, message)

    def test_visit_checklist_lists_the_visit_and_both_signatures(self):
        file = self._create_file(self.worker, serial=42)
        file.with_user(self.officer_a).action_submit()
        self.assertEqual(file.visit_missing.count("<li>"), 3)
        with self.assertRaises(UserError) as error:
            file.with_user(self.officer_a).action_visit_done()
        message = str(error.exception)
        self.assertEqual(message.count("• "), 3)
        for item in ("Record the home visit", "Application Signed", "Income Check Authorised"):
            self.assertIn(item, message)

        self._visit(file)
        file.with_user(self.officer_a).application_signed = True
        self.assertEqual(file.visit_missing.count("<li>"), 1)
        self.assertIn("Income Check Authorised", file.visit_missing)
        file.with_user(self.officer_a).income_check_authorised = True
        self.assertFalse(file.visit_missing)
        file.with_user(self.officer_a).action_visit_done()
        self.assertEqual(file.state, "visited")

    def test_form_shows_the_checklist_while_the_officer_types(self):
        form = Form(self.env["union.hardship.file"].with_user(self.officer_a))
        form.employee_id = self.worker
        form.region = self.region
        self.assertIn("resident ID number", form.submit_missing)
        form.identification_number = resident_id(serial=43)
        form.main_cause_id = self.cause_low_income
        self.assertNotIn("resident ID number", form.submit_missing)
        self.assertFalse(form.category)
        form.annual_income = 12000.0
        form.household_size = 2
        self.assertEqual(form.category, "deep", "pre-filled from the suggestion")
        self.assertFalse(form.submit_missing)
        file = form.save()
        self.assertEqual(file.category, "deep")

        arch = etree.fromstring(self.env.ref(FILE_FORM).arch)
        for fname, state in (("submit_missing", "draft"), ("visit_missing", "submitted")):
            [alert] = arch.xpath("//div[field[@name='%s']]" % fname)
            self.assertIn("alert-warning", alert.get("class"))
            self.assertTrue(_visible(alert, state=state, **{fname: "<ul/>"}))
            self.assertFalse(_visible(alert, state="checked", **{fname: "<ul/>"}))
            self.assertFalse(_visible(alert, state=state, **{fname: False}))

    def test_the_checklist_is_the_officers(self):
        file = self._blank_file()
        self.assertTrue(file.with_user(self.centre_officer).submit_missing)
        for user in (self.auditor, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                file.with_user(user).read(["submit_missing"])

    # ------------------------------------------------------------------
    # Suggestion and category
    # ------------------------------------------------------------------

    def test_empty_file_is_not_suggested_as_deep_hardship(self):
        file = self._blank_file()
        self.assertFalse(file.suggested_category)
        self.assertFalse(file.category)
        self.assertIn("annual household income", file.assessment_reasons)
        file.with_user(self.officer_a).no_income = True
        self.assertEqual(file.suggested_category, "deep", "no income at all is a figure")
        self.assertEqual(file.category, "deep")

    def test_no_income_and_an_income_contradict(self):
        file = self._blank_file(no_income=True)
        with self.assertRaisesRegex(ValidationError, "No Household Income"):
            file.with_user(self.officer_a).annual_income = 1000.0

    def test_category_is_prefilled_and_follows_the_suggestion_until_a_reason(self):
        file = self._blank_file(annual_income=12000.0, household_size=2)  # 500 < 800
        self.assertEqual((file.suggested_category, file.category), ("deep", "deep"))
        file.with_user(self.officer_a).annual_income = 30000.0  # 1250: below twice the line
        self.assertEqual(file.category, "relative")
        file.with_user(self.officer_a).write({
            "category": "deep", "category_override_reason": "配偶患重病，收入不稳定",
        })
        file.with_user(self.officer_a).annual_income = 31000.0
        self.assertEqual(file.category, "deep", "a category chosen with a reason stays")
        file.with_user(self.officer_a).annual_income = 60000.0  # not eligible
        self.assertEqual(file.category, "deep", "no suggestion replaces a chosen category")

    def test_category_is_not_changed_past_draft(self):
        file = self._create_file(self.worker, serial=44)  # 500 < 800: deep
        file.with_user(self.officer_a).action_submit()
        self.line.amount = 400.0  # the suggestion changes: 500 is below twice the line
        self.assertEqual(file.suggested_category, "relative")
        self.assertEqual(file.category, "deep", "the category submitted stays")

    # ------------------------------------------------------------------
    # Buttons: the transition table's states and groups
    # ------------------------------------------------------------------

    def test_file_buttons_follow_the_transition_table(self):
        File = self.env["union.hardship.file"]
        table = File._workflow_transitions()
        states = [state for state, _label in File._fields["state"].selection]
        for name, steps in FILE_BUTTON_STEPS.items():
            expected = {}
            for step in steps:
                groups = ",".join(table[step].groups)
                expected.setdefault(groups, set()).update(table[step].sources)
            shown = {}
            for button in _header_buttons(self.env, FILE_FORM, name):
                shown.setdefault(button.get("groups"), set()).update(
                    state for state in states if _visible(button, state=state, id=1)
                )
            self.assertEqual(shown, expected, name)

    def test_close_is_not_offered_on_an_unsaved_file(self):
        [officer_close, centre_close] = _header_buttons(self.env, FILE_FORM, "action_close")
        self.assertFalse(_visible(officer_close, state="draft", id=False))
        self.assertTrue(_visible(officer_close, state="draft", id=7))
        self.assertFalse(_visible(centre_close, state="draft", id=7))

    def test_header_buttons_by_role(self):
        view = self.env.ref(FILE_FORM)
        print_notice = "//header/button[@name='%s']" % self.env.ref(FILE_NOTICE).id

        def header(user):
            File = self.env["union.hardship.file"].with_user(user)
            arch = File.get_views([(view.id, "form")])["views"]["form"]["arch"]
            return etree.fromstring(arch)

        for user in (self.auditor, self.accountant):
            with self.subTest(user=user.login):
                self.assertFalse(header(user).xpath("//header/button"), "no step of a file")
        self.assertFalse(header(self.officer_a).xpath(print_notice))
        self.assertTrue(header(self.centre_officer).xpath(print_notice))

    # ------------------------------------------------------------------
    # The public notice of hardship files
    # ------------------------------------------------------------------

    def test_centre_prints_the_notice_of_files_in_notice(self):
        file = self._in_notice(self._create_file(self.worker, serial=45))
        html = self._render(FILE_NOTICE, file, self.centre_officer)
        self.assertIn("尹*华", html)
        self.assertNotIn("尹志华", html)
        for text in (
            self.org_branch_a.name,  # the unit
            "Deep hardship",
            self.org_bureau.name,  # the issuing relief station
            format_date(self.env, file.notice_start_date),
            format_date(self.env, file.notice_end_date),
            PHONE,
            "(seal)",
        ):
            self.assertIn(text, html)
        report = self.env.ref(FILE_NOTICE)
        self.assertEqual(report.paperformat_id, self.env.ref("union_relief.paperformat_union_a4"))
        self.assertEqual(report.groups_id, self.env.ref("union_relief.group_relief_centre_officer"))

    def test_notice_is_split_by_notice_period(self):
        first = self._in_notice(self._create_file(self.worker, serial=46))
        with freeze_time(self.today + timedelta(days=1)):
            second = self._in_notice(self._create_file(self.other_worker, serial=47))
        notices = (first | second)._get_public_notices()
        self.assertEqual(len(notices), 2, "one notice per notice period")
        self.assertEqual([len(notice["lines"]) for notice in notices], [1, 1])

    def test_notice_is_refused_to_other_roles_and_to_files_not_in_notice(self):
        file = self._in_notice(self._create_file(self.worker, serial=48))
        for user in (self.officer_a, self.accountant, self.auditor, self.member):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._render(FILE_NOTICE, file, user)
        draft = self._create_file(self.other_worker, serial=49)
        with self.assertRaisesRegex(UserError, "public notice"):
            self._render(FILE_NOTICE, draft, self.centre_officer)

    def test_print_button_is_the_centres_on_files_in_notice(self):
        report = self.env.ref(FILE_NOTICE)
        [button] = _header_buttons(self.env, FILE_FORM, str(report.id))
        self.assertEqual(button.get("groups"), "union_relief.group_relief_centre_officer")
        self.assertEqual(
            [state for state, _label in self.env["union.hardship.file"]._fields["state"].selection
             if _visible(button, state=state, id=1)],
            ["notice"],
        )
        self.assertEqual(report.binding_model_id.model, "union.hardship.file")

    def test_manager_sets_the_complaint_phone(self):
        settings = self.env["union.relief.settings"].with_user(self.manager).create({})
        self.assertEqual(settings.complaint_phone, PHONE)
        settings.complaint_phone = "12351"
        settings.action_save()
        self.assertEqual(self.company.union_complaint_phone, "12351")

    # ------------------------------------------------------------------
    # Grants: the notice, its button and payment while it runs
    # ------------------------------------------------------------------

    def _batch(self, programme):
        wizard = self.env["union.relief.batch.wizard"].with_user(self.centre_officer).create({
            "programme_id": programme.id,
        })
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        batch.action_submit()
        batch.with_user(self.manager).action_approve()
        return batch

    def test_grant_notice_prints_period_phone_issuer_and_date(self):
        self.living.notice_required = True
        batch = self._batch(self.living)
        before = self._render(BATCH_NOTICE, batch, self.centre_officer)
        self.assertIn("days from the day it is posted", before)
        self.assertIn(format_date(self.env, self.today), before)

        batch.with_user(self.centre_officer).action_start_notice()
        html = self._render(BATCH_NOTICE, batch, self.centre_officer)
        grant = batch.grant_ids[:1]
        for text in (
            format_date(self.env, grant.notice_start_date),
            format_date(self.env, grant.notice_end_date),
            PHONE,
            self.org_bureau.name,
            "(seal)",
        ):
            self.assertIn(text, html)

    def test_start_notice_is_offered_only_when_the_programme_requires_it(self):
        grant = self._approved(self.file_a)
        self.assertFalse(grant.notice_required)
        for xmlid in (GRANT_FORM, BATCH_FORM):
            [button] = _header_buttons(self.env, xmlid, "action_start_notice")
            with self.subTest(view=xmlid):
                self.assertFalse(_visible(button, state="approved", notice_required=False))
                self.assertTrue(_visible(button, state="approved", notice_required=True))
        self.living.notice_required = True
        self.assertTrue(grant.notice_required)

    def test_accountant_is_not_offered_pay_while_the_notice_runs(self):
        [pay_all] = _header_buttons(self.env, BATCH_FORM, "action_pay")
        [pay] = _header_buttons(self.env, GRANT_FORM, "action_pay")
        self.living.notice_required = True
        batch = self._batch(self.living)
        as_accountant = batch.with_user(self.accountant)
        self.assertFalse(as_accountant.can_pay, "approved: the notice is still to run")
        batch.with_user(self.centre_officer).action_start_notice()
        self.env.invalidate_all()
        self.assertFalse(as_accountant.can_pay)
        self.assertFalse(as_accountant.grant_ids[:1].can_pay)
        self.assertFalse(_visible(pay_all, state=as_accountant.state, can_pay=as_accountant.can_pay))
        self.assertFalse(_visible(pay, state="notice", can_pay=False))
        with freeze_time(batch.grant_ids[:1].notice_end_date):
            self.env.invalidate_all()
            self.assertTrue(as_accountant.can_pay)
            self.assertTrue(_visible(pay_all, state="notice", can_pay=True))
            as_accountant.action_pay()
        self.assertEqual(batch.state, "paid")

    def test_programme_without_notice_is_paid_once_approved(self):
        batch = self._batch(self.living)
        self.assertTrue(batch.with_user(self.accountant).can_pay)
        self.assertTrue(batch.with_user(self.accountant).grant_ids[:1].can_pay)
