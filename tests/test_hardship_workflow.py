"""The hardship workflow guard (issue 9): states, numbers, approvals, dates and the
household figures of a file change only through its transitions, for the roles
of its table (see doc/workflows.md)."""

from datetime import timedelta
from itertools import count

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import UnionReliefCommon, resident_id

ROLES = ("officer", "centre", "manager", "accountant", "auditor")
OFFICERS = {"officer", "centre", "manager"}
CENTRE = {"centre", "manager"}

ACTIVITY_VISIT = "union_relief.mail_activity_type_file_visit"
ACTIVITY_CHECK = "union_relief.mail_activity_type_file_check"
ACTIVITY_NOTICE = "union_relief.mail_activity_type_file_notice"
ACTIVITY_FILING = "union_relief.mail_activity_type_file_filing"
ACTIVITY_FOLLOW_UP = "union_relief.mail_activity_type_file_follow_up"


@tagged("post_install", "-at_install")
class TestHardshipWorkflow(UnionReliefCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {role: cls.role_users[role] for role in ROLES}
        Subclass = cls.env["union.hardship.subclass"]
        cls.subclass_deep = Subclass.create({"name": "特困户", "category": "deep"})
        cls.subclass_relative = Subclass.create({"name": "困难边缘户", "category": "relative"})
        cls.other_company = cls.env["res.company"].create({"name": "其他供电公司"})

    def setUp(self):
        super().setUp()
        self._serials = count(300)

    # ------------------------------------------------------------------
    # Fixtures: records put in a state by the superuser
    # ------------------------------------------------------------------

    def _new_file(self, state="draft", **vals):
        """A valid file of branch A in ``state``, with its home visit done."""
        serial = next(self._serials)
        employee = self.env["hr.employee"].create({
            "name": "职工%s" % serial,
            "union_organization_id": self.org_branch_a.id,
        })
        file = self._create_file(employee, serial=serial, **vals)
        if state == "draft":
            return file
        self.env["union.hardship.visit"].create({
            "file_id": file.id,
            "visitor_ids": [Command.set(self.officer_a.ids)],
            "findings": "<p>两间平房，妻子无业。</p>",
        })
        state_vals = {
            "state": state,
            "application_signed": True,
            "income_check_authorised": True,
        }
        if state in ("notice", "filed", "review"):
            state_vals.update(
                notice_start_date=self.today - timedelta(days=7), notice_end_date=self.today
            )
        if state in ("filed", "review"):
            state_vals.update(
                name="BD-%s-%04d" % (self.today.year, serial),
                filed_date=self.today - timedelta(days=400),
                approved_by_id=self.centre_officer.id,
                next_review_date=self.today,
            )
        file.write(state_vals)
        return file

    def _new_review(self, **vals):
        file = self._new_file("review")
        return self.env["union.hardship.review"].create({
            "file_id": file.id,
            "organization_id": file.organization_id.id,
            "company_id": file.company_id.id,
            "due_date": self.today,
            "outcome": "continue",
            **vals,
        })

    def _new_objection(self, **vals):
        return self.env["union.hardship.objection"].create({
            "file_id": self._new_file("notice").id,
            "content": "该职工家中有两套住房",
            "resolution": "经核查房产登记，仅一套住房",
            **vals,
        })

    def _assert_transitions(self, model, steps, make):
        """Each step of ``model``'s table succeeds for the roles expected, and
        only for them.

        :param steps: {transition name: (roles allowed, callable taking the records)}
        :param make: callable returning records in a source state of the step
        """
        table = self.env[model]._workflow_transitions()
        self.assertEqual(set(steps), set(table), "every transition of %s is tested" % model)
        for name, (allowed, take) in steps.items():
            with self.subTest(transition=name):
                self._check_step_roles(
                    self.users, allowed, lambda name=name: make(name), take, table[name].target
                )

    # ------------------------------------------------------------------
    # Hardship file
    # ------------------------------------------------------------------

    def test_file_transitions_by_role(self):
        today = self.today
        steps = {
            "submit": (OFFICERS, lambda f: f.action_submit()),
            "visit_done": (OFFICERS, lambda f: f.action_visit_done()),
            "centre_check": (CENTRE, lambda f: f.action_centre_check()),
            "start_notice": (CENTRE, lambda f: f.action_start_notice()),
            "file": (CENTRE, lambda f: f.action_file()),
            "return_to_draft": (OFFICERS, lambda f: f.action_return_to_draft()),
            "return_checked_to_draft": (CENTRE, lambda f: f.action_return_to_draft()),
            "start_review": (CENTRE, lambda f: f._start_review()),
            "end_review": (CENTRE, lambda f: f._end_review(today)),
            "withdraw_application": (OFFICERS, lambda f: f._close("withdrawn", "职工申请退出", today)),
            "cancel_application": (OFFICERS, lambda f: f._close("cancelled", "重复申请", today)),
            "withdraw": (CENTRE, lambda f: f._close("withdrawn", "职工申请退出", today)),
            "cancel": (CENTRE, lambda f: f._close("cancelled", "材料造假", today)),
            "exit": (CENTRE, lambda f: f._close("exited", "配偶再就业", today)),
        }
        sources = {
            "submit": "draft",
            "visit_done": "submitted",
            "centre_check": "visited",
            "start_notice": "checked",
            "file": "notice",
            "return_to_draft": "visited",
            "return_checked_to_draft": "notice",
            "start_review": "filed",
            "end_review": "review",
            "withdraw_application": "submitted",
            "cancel_application": "draft",
            "withdraw": "filed",
            "cancel": "checked",
            "exit": "review",
        }
        self._assert_transitions(
            "union.hardship.file", steps, lambda name: self._new_file(sources[name])
        )

    def test_file_workflow_fields_are_refused_over_the_orm(self):
        file = self._new_file()
        values = {
            "state": "filed",
            "name": "BD-2025-0099",
            "submitted_by_id": self.officer_a.id,
            "checked_by_id": self.centre_officer.id,
            "checked_date": self.today,
            "notice_start_date": self.today,
            "notice_end_date": self.today,
            "filed_date": self.today,
            "approved_by_id": self.centre_officer.id,
            "last_review_date": self.today,
            "next_review_date": self.today + timedelta(days=365),
            "close_date": self.today,
            "close_reason": "退出",
        }
        File = self.env["union.hardship.file"]
        self.assertEqual(set(values), File._workflow_system_fields | {"state"})
        for role in ROLES:
            for fname, value in values.items():
                with self.subTest(role=role, field=fname), self.assertRaises(UserError):
                    file.with_user(self.users[role]).write({fname: value})
        self.assertEqual(file.state, "draft")
        self.assertEqual(file.name, "New")
        self.assertFalse(file.approved_by_id)

        Officer = File.with_user(self.officer_a)
        for fname, value in values.items():
            with self.subTest(create=fname), self.assertRaisesRegex(UserError, "first state"):
                Officer.create(self._file_vals(self.employee_a2, serial=2, **{fname: value}))
        # context defaults sent over RPC are dropped
        defaults = {"default_" + fname: value for fname, value in values.items()}
        created = Officer.with_context(**defaults).create(self._file_vals(self.employee_a2, serial=2))
        self.assertEqual(created.state, "draft")
        self.assertEqual(created.name, "New")
        self.assertFalse(created.filed_date or created.approved_by_id or created.checked_by_id)

    def test_household_figures_are_frozen_past_draft(self):
        values = {
            "organization_id": self.org_branch_b.id,
            "company_id": self.other_company.id,
            "employee_id": self.employee_b.id,
            "worker_type": "retired",
            "identification_number": resident_id(serial=998),
            "household_size": 5,
            "annual_income": 1.0,
            "no_income": True,
            "medical_costs": 100.0,
            "disability_costs": 100.0,
            "schooling_costs": 100.0,
            "job_costs": 100.0,
            "hardship_costs": 100.0,
            "sudden_event": True,
            "main_cause_id": self.cause_illness.id,
            "secondary_cause_ids": [Command.set(self.cause_illness.ids)],
            "migrant_worker": True,
            "months_worked": 3,
            "region": "别的市",
            "assessment_year": self.today.year - 1,
            "category": "relative",
            "category_override_reason": "收入下降",
            "subclass_id": self.subclass_deep.id,
        }
        File = self.env["union.hardship.file"]
        self.assertEqual(set(values), File._workflow_frozen_fields)
        for state in ("submitted", "checked", "filed", "review", "exited"):
            file = self._new_file(state)
            for role in ("officer", "centre", "manager"):
                for fname, value in values.items():
                    with self.subTest(state=state, role=role, field=fname), self.assertRaisesRegex(
                        UserError, "can no longer be changed"
                    ):
                        file.with_user(self.users[role]).write({fname: value})
            # the rest of the file stays up to date: contact details, helpers
            file.with_user(self.officer_a).write({"phone": "13800000000"})
        # a draft is the officer's to correct
        draft = self._new_file()
        draft.with_user(self.officer_a).write({"annual_income": 9000.0, "category": "deep"})
        self.assertEqual(draft.annual_income, 9000.0)

    def test_household_members_and_exclusions_are_frozen_past_draft(self):
        file = self._new_file()
        file.write({"member_ids": [Command.create({"name": "刘芳", "relation": "spouse"})]})
        member = file.member_ids
        check = file.exclusion_check_ids[:1]
        file.with_user(self.officer_a).action_submit()
        officer_file = file.with_user(self.officer_a)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            officer_file.write({"member_ids": [Command.create({"name": "张小明", "relation": "child"})]})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            member.with_user(self.officer_a).write({"in_household": False})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            officer_file.write({"member_ids": [Command.update(member.id, {"annual_income": 50000.0})]})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            member.with_user(self.officer_a).unlink()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self.env["union.hardship.member"].with_user(self.officer_a).create({
                "file_id": file.id, "name": "张大山", "relation": "parent",
            })
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            check.with_user(self.officer_a).write({"applies": True})
        self.assertEqual(file.household_size, 2)
        self.assertFalse(check.applies)
        # what does not decide the category stays up to date
        officer_file.write({"member_ids": [Command.update(member.id, {"school_or_employer": "市二中"})]})
        check.with_user(self.officer_a).write({"decision": "已查房产登记"})
        # back in draft, the officer corrects the household
        officer_file.action_return_to_draft()
        member.with_user(self.officer_a).write({"in_household": False})
        self.assertEqual(file.household_size, 1)

    def test_files_are_never_deleted(self):
        for state in ("draft", "filed", "cancelled"):
            file = self._new_file(state)
            for role in ("officer", "manager"):
                with self.subTest(state=state, role=role), self.assertRaises(UserError):
                    file.with_user(self.users[role]).unlink()
            self.assertTrue(file.exists())

    # ------------------------------------------------------------------
    # Issue 9, first bullet: a filed file faked by an officer
    # ------------------------------------------------------------------

    def test_officer_cannot_fake_a_filed_file(self):
        file = self._new_file(identification_number=False)
        self.assertFalse(file.visit_ids)
        with self.assertRaisesRegex(UserError, "through its buttons"):
            file.with_user(self.officer_a).write({
                "state": "filed",
                "name": "BD-%s-0001" % self.today.year,
                "filed_date": self.today,
                "approved_by_id": self.centre_officer.id,
            })
        self.assertEqual(file.state, "draft")
        self.assertFalse(file.filed_date or file.approved_by_id)
        # nor can the buttons skip the steps
        with self.assertRaisesRegex(UserError, "it is Draft"):
            file.with_user(self.centre_officer).action_file()
        with self.assertRaisesRegex(UserError, "resident ID"):
            file.with_user(self.officer_a).action_submit()

    def test_officer_cannot_reopen_cancel_or_reclassify_a_filed_file(self):
        file = self._new_file("filed", category="deep", subclass_id=self.subclass_deep.id)
        officer_file = file.with_user(self.officer_a)
        with self.assertRaisesRegex(UserError, "through its buttons"):
            officer_file.write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "it is Filed"):
            officer_file.action_return_to_draft()
        for end_state in ("exited", "withdrawn", "cancelled"):
            wizard = self.env["union.hardship.close.wizard"].with_user(self.officer_a).create({
                "file_ids": [Command.set(file.ids)],
                "end_state": end_state,
                "reason": "不再困难",
            })
            with self.subTest(end_state=end_state), self.assertRaisesRegex(AccessError, "Relief Centre"):
                wizard.action_confirm()
        for vals in (
            {"category": "relative"},
            {"subclass_id": self.subclass_relative.id},
            {"category": "relative", "category_override_reason": "收入提高"},
        ):
            for role in ("officer", "centre", "manager"):
                with self.subTest(vals=vals, role=role), self.assertRaisesRegex(
                    UserError, "can no longer be changed"
                ):
                    file.with_user(self.users[role]).write(vals)
        self.assertEqual((file.state, file.category, file.subclass_id), ("filed", "deep", self.subclass_deep))
        # the relief centre closes a filed file, with a reason
        wizard = Form(self.env["union.hardship.close.wizard"].with_user(self.centre_officer).with_context(
            default_file_ids=file.ids
        ))
        wizard.end_state = "exited"
        wizard.reason = "配偶再就业，人均收入超过低保两倍"
        wizard.save().action_confirm()
        self.assertEqual(file.state, "exited")
        self.assertEqual(file.close_reason, "配偶再就业，人均收入超过低保两倍")

    def test_officer_withdraws_an_application_not_a_checked_file(self):
        draft = self._new_file("submitted")
        draft.with_user(self.officer_a)._close("withdrawn", "职工本人申请撤回", self.today)
        self.assertEqual(draft.state, "withdrawn")
        checked = self._new_file("checked")
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            checked.with_user(self.officer_a)._close("withdrawn", "职工本人申请撤回", self.today)
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            checked.with_user(self.officer_a).action_return_to_draft()
        checked.with_user(self.centre_officer).action_return_to_draft()
        self.assertEqual(checked.state, "draft")
        self.assertFalse(checked.checked_by_id)
        # exiting hardship is for filed households only
        with self.assertRaisesRegex(UserError, "it is Draft"):
            checked.with_user(self.centre_officer)._close("exited", "收入提高", self.today)

    # ------------------------------------------------------------------
    # Issue 9: moving a file to another organisation
    # ------------------------------------------------------------------

    def test_file_moved_only_within_own_organisations_and_only_as_draft(self):
        draft = self._new_file()
        with self.assertRaises(AccessError):
            draft.with_user(self.officer_a).write({"organization_id": self.org_branch_b.id})
        self.assertEqual(draft.organization_id, self.org_branch_a)
        # the relief centre acts on both branches
        draft.with_user(self.centre_officer).write({"organization_id": self.org_branch_b.id})
        self.assertEqual(draft.organization_id, self.org_branch_b)

        submitted = self._new_file("submitted")
        for role in ("officer", "centre", "manager"):
            for vals in ({"organization_id": self.org_branch_b.id}, {"company_id": self.other_company.id}):
                with self.subTest(role=role, vals=vals), self.assertRaisesRegex(
                    UserError, "can no longer be changed"
                ):
                    submitted.with_user(self.users[role]).write(vals)
        self.assertEqual(submitted.organization_id, self.org_branch_a)

    # ------------------------------------------------------------------
    # Home visits
    # ------------------------------------------------------------------

    def test_visits_of_a_checked_file_are_corrected_by_the_centre_only(self):
        submitted = self._new_file("submitted")
        visit = submitted.visit_ids
        visit.with_user(self.officer_a).write({"findings": "<p>补充：孩子上高中</p>"})
        file = self._new_file("checked")
        visit = file.visit_ids
        with self.assertRaisesRegex(AccessError, "relief centre"):
            visit.with_user(self.officer_a).write({"findings": "<p>改写的走访记录</p>"})
        # nor moved onto a checked file
        with self.assertRaisesRegex(AccessError, "relief centre"):
            submitted.visit_ids.with_user(self.officer_a).write({"file_id": file.id})
        visit.with_user(self.centre_officer).write({"findings": "<p>核实：孩子上高中</p>"})
        # officers record new visits on filed households
        filed = self._new_file("filed")
        self.env["union.hardship.visit"].with_user(self.officer_a).create({
            "file_id": filed.id,
            "visit_type": "condolence",
            "findings": "<p>春节慰问</p>",
        })
        self.assertEqual(len(filed.visit_ids), 2)
        with self.assertRaisesRegex(UserError, "kept with the file"):
            filed.visit_ids.with_user(self.manager).unlink()

    # ------------------------------------------------------------------
    # Annual reviews
    # ------------------------------------------------------------------

    def test_review_transitions_by_role(self):
        steps = {
            "apply": (CENTRE, lambda r: r.action_apply()),
            "cancel": (CENTRE, lambda r: r.action_cancel()),
        }
        self._assert_transitions("union.hardship.review", steps, lambda name: self._new_review())

    def test_review_fields_are_refused_over_the_orm(self):
        review = self._new_review()
        other = self._new_file("filed")
        system = {
            "state": "done",
            "file_id": other.id,
            "organization_id": self.org_branch_b.id,
            "company_id": self.other_company.id,
            "review_type": "spot_check",
            "due_date": self.today + timedelta(days=30),
        }
        Review = self.env["union.hardship.review"]
        self.assertEqual(set(system), Review._workflow_system_fields | {"state"})
        for role in ("officer", "centre", "manager"):
            for fname, value in system.items():
                with self.subTest(role=role, field=fname), self.assertRaisesRegex(
                    UserError, "through its buttons"
                ):
                    review.with_user(self.users[role]).write({fname: value})
        # reviews are opened by the system for filed households
        with self.assertRaisesRegex(UserError, "first state"):
            Review.with_user(self.centre_officer).create({
                "file_id": other.id,
                "organization_id": other.organization_id.id,
                "company_id": other.company_id.id,
                "due_date": self.today,
            })
        # the officer prepares the review, the centre applies it
        review.with_user(self.officer_a).write({"findings": "<p>收入无变化</p>", "reason": "维持"})
        review.with_user(self.centre_officer).action_apply()
        frozen = {
            "outcome": "exit",
            "new_category": "relative",
            "new_subclass_id": self.subclass_relative.id,
            "reason": "改写",
            "findings": "<p>改写</p>",
            "review_date": self.today - timedelta(days=1),
            "reviewer_id": self.officer_a.id,
        }
        self.assertEqual(set(frozen), Review._workflow_frozen_fields)
        for fname, value in frozen.items():
            with self.subTest(field=fname), self.assertRaisesRegex(UserError, "can no longer be changed"):
                review.with_user(self.centre_officer).write({fname: value})
        with self.assertRaises(UserError):
            review.with_user(self.manager).unlink()

    def test_officer_cannot_apply_or_close_a_review(self):
        review = self._new_review(
            outcome="change_category",
            new_category="relative",
            new_subclass_id=self.subclass_relative.id,
            reason="子女已工作，收入增加",
        )
        file = review.file_id
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            review.with_user(self.officer_a).action_apply()
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            review.with_user(self.officer_a).action_cancel()
        with self.assertRaisesRegex(UserError, "through its buttons"):
            review.with_user(self.officer_a).write({"state": "done"})
        # nor can the officer take the file's review steps
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            file.with_user(self.officer_a)._end_review(self.today, category="relative")
        self.assertEqual((review.state, file.state, file.category), ("open", "review", "deep"))

        review.with_user(self.centre_officer).action_apply()
        self.assertEqual(review.state, "done")
        self.assertEqual(file.state, "filed")
        self.assertEqual(file.category, "relative")
        self.assertEqual(file.subclass_id, self.subclass_relative)
        self.assertEqual(file.category_override_reason, "子女已工作，收入增加")
        self.assertEqual(file.last_review_date, self.today)

    def test_opening_reviews_is_the_centres(self):
        self.company.union_spot_check_share = 0.0
        file = self._new_file("filed")
        Review = self.env["union.hardship.review"]
        with self.assertRaisesRegex(AccessError, "Relief Centre"):
            Review.with_user(self.officer_a)._open_due_reviews(self.company, self.org_branch_a)
        self.assertEqual(file.state, "filed")
        reviews = Review.with_user(self.centre_officer)._open_due_reviews(self.company, self.org_branch_a)
        self.assertEqual(reviews.file_id, file)
        self.assertEqual(file.state, "review")

    def test_closing_a_file_under_review_cancels_its_review(self):
        review = self._new_review()
        file = review.file_id
        file.with_user(self.centre_officer)._close("withdrawn", "职工调离本单位", self.today)
        self.assertEqual(review.state, "cancelled")
        self.assertEqual(file.state, "withdrawn")
        self.assertFalse(file.next_review_date)

    # ------------------------------------------------------------------
    # Objections
    # ------------------------------------------------------------------

    def test_objection_transitions_by_role(self):
        steps = {
            "uphold": (CENTRE, lambda o: o.action_uphold()),
            "dismiss": (CENTRE, lambda o: o.action_dismiss()),
        }
        self._assert_transitions(
            "union.hardship.objection", steps, lambda name: self._new_objection()
        )

    def test_objection_decided_by_the_centre_only(self):
        objection = self._new_objection(resolution=False)
        file = objection.file_id
        Objection = self.env["union.hardship.objection"].with_user(self.officer_a)
        with self.assertRaisesRegex(UserError, "through its buttons"):
            objection.with_user(self.officer_a).write({"state": "dismissed", "resolution": "无"})
        with self.assertRaisesRegex(UserError, "first state"):
            Objection.create({"file_id": file.id, "content": "x", "state": "dismissed", "resolution": "无"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            objection.with_user(self.officer_a).unlink()
        other = self._new_file("notice")
        with self.assertRaisesRegex(UserError, "stays on the file"):
            objection.with_user(self.officer_a).write({"file_id": other.id})
        with self.assertRaisesRegex(UserError, "open or upheld"):
            file.with_user(self.centre_officer).action_file()
        with self.assertRaisesRegex(UserError, "resolution"):
            objection.with_user(self.centre_officer).action_dismiss()
        objection.with_user(self.officer_a).write({"resolution": "经核查房产登记，仅一套住房"})
        objection.with_user(self.centre_officer).action_dismiss()
        for fname, value in {"content": "改写", "resolution": "改写", "raised_by": "某人"}.items():
            with self.subTest(field=fname), self.assertRaisesRegex(UserError, "can no longer be changed"):
                objection.with_user(self.centre_officer).write({fname: value})
        file.with_user(self.centre_officer).action_file()
        self.assertEqual(file.state, "filed")

    def test_objection_upheld_in_an_earlier_notice_does_not_block_refiling(self):
        objection = self._new_objection(date=self.today - timedelta(days=1))
        file = objection.file_id
        objection.with_user(self.centre_officer).action_uphold()
        with self.assertRaisesRegex(UserError, "open or upheld"):
            file.with_user(self.centre_officer).action_file()
        file.with_user(self.centre_officer).action_return_to_draft()
        file.with_user(self.officer_a).action_submit()
        file.with_user(self.officer_a).action_visit_done()
        file.with_user(self.centre_officer).action_centre_check()
        file.with_user(self.centre_officer).action_start_notice()
        with freeze_time(file.notice_end_date):
            file.with_user(self.centre_officer).action_file()
        self.assertEqual(file.state, "filed")

    # ------------------------------------------------------------------
    # Activities and tracking
    # ------------------------------------------------------------------

    def test_each_step_completes_only_its_own_activity(self):
        file = self._new_file()
        own = file.with_user(self.officer_a).activity_schedule(
            "mail.mail_activity_data_todo", summary="给职工打电话", user_id=self.officer_a.id
        )

        def step_types():
            types = (file.activity_ids - own).activity_type_id
            return set(types.get_external_id().values())

        file.with_user(self.officer_a).action_submit()
        self.assertEqual(step_types(), {ACTIVITY_VISIT})
        self.env["union.hardship.visit"].with_user(self.officer_a).create({
            "file_id": file.id,
            "findings": "<p>已入户</p>",
            "follow_up_date": self.today + timedelta(days=30),
        })
        self.assertEqual(step_types(), {ACTIVITY_VISIT, ACTIVITY_FOLLOW_UP})
        file.with_user(self.officer_a).write({"application_signed": True, "income_check_authorised": True})
        file.with_user(self.officer_a).action_visit_done()
        self.assertEqual(step_types(), {ACTIVITY_CHECK, ACTIVITY_FOLLOW_UP})
        file.with_user(self.centre_officer).action_centre_check()
        self.assertEqual(step_types(), {ACTIVITY_NOTICE, ACTIVITY_FOLLOW_UP})
        file.with_user(self.centre_officer).action_start_notice()
        self.assertEqual(step_types(), {ACTIVITY_FILING, ACTIVITY_FOLLOW_UP})
        with freeze_time(file.notice_end_date):
            file.with_user(self.centre_officer).action_file()
        self.assertEqual(step_types(), {ACTIVITY_FOLLOW_UP})
        file.with_user(self.centre_officer)._close("exited", "收入提高", self.today)
        self.assertEqual(step_types(), set())
        self.assertTrue(own.exists(), "the officer's own To-Do stays")
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.assertEqual(file.activity_ids, own)
        self.assertEqual(own.activity_type_id, todo)

    def test_income_causes_and_category_are_tracked(self):
        File = self.env["union.hardship.file"]
        for fname in (
            "annual_income", "medical_costs", "disability_costs", "schooling_costs", "job_costs",
            "hardship_costs", "household_size", "main_cause_id", "secondary_cause_ids",
            "category", "subclass_id", "category_override_reason", "approved_by_id",
            "checked_by_id",
        ):
            self.assertTrue(File._fields[fname].tracking, fname)
        file = self._new_file().with_context(tracking_disable=False)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the transaction that created it ends
        file.with_user(self.officer_a).write({
            "annual_income": 6000.0,
            "main_cause_id": self.cause_illness.id,
            "household_size": 3,
        })
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = file.message_ids.sudo().tracking_value_ids.field_id.mapped("name")
        self.assertTrue({"annual_income", "main_cause_id", "household_size"} <= set(tracked))
