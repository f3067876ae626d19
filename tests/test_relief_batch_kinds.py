from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import xlsx_file
from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefBatchKinds(UnionReliefAccountingCommon):
    """Batch runs for workers and imported lists, in cash or in kind, and a
    preview made only when asked for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.festival = cls._create_programme(
            "送温暖", "festival", open_to_all=True, budget=1000000.0,
            standards=[{"name": "每户", "method": "fixed_household", "amount": 300.0}],
        )
        Department = cls.env["hr.department"]
        cls.dept_sanitation = Department.create({"name": "环卫队"})
        cls.dept_substation = Department.create({"name": "变电运维站"})
        Employee = cls.env["hr.employee"]
        cls.retired_a = Employee.create({
            "name": "周退休", "union_organization_id": cls.org_branch_a.id,
            "union_retired": True, "barcode": "TX0001",
        })
        cls.retired_b = Employee.create({
            "name": "吴退休", "union_organization_id": cls.org_branch_b.id,
            "union_retired": True, "department_id": cls.dept_sanitation.id,
        })
        cls.sweeper = Employee.create({
            "name": "郑环卫", "union_organization_id": cls.org_branch_b.id,
            "department_id": cls.dept_sanitation.id,
        })
        cls.employee_a.write({"department_id": cls.dept_substation.id, "barcode": "BD0001"})
        cls.employee_b.department_id = cls.dept_sanitation
        cls.quilt, cls.rice = cls.env["product.product"].create([
            {"name": "棉被", "type": "consu"},
            {"name": "大米（10公斤）", "type": "consu"},
        ])

    def _wizard(self, user=None, programme=None, **vals):
        return self.env["union.relief.batch.wizard"].with_user(user or self.centre_officer).create({
            "programme_id": (programme or self.festival).id, **vals,
        })

    def _run(self, user=None, programme=None, **vals):
        action = self._wizard(user, programme, **vals).action_create_grants()
        return self.env["union.relief.batch"].browse(action["res_id"])

    def _previewed(self, user=None, programme=None, **vals):
        wizard = self._wizard(user, programme, **vals)
        wizard.action_preview()
        return wizard

    def _goods(self):
        return [
            Command.create({"product_id": self.quilt.id, "quantity": 1, "unit_value": 150.0}),
            Command.create({"product_id": self.rice.id, "quantity": 1, "unit_value": 80.0}),
        ]

    def _imported(self, rows, **vals):
        return self._wizard(
            beneficiary_source="import", data_file=xlsx_file(rows), filename="名单.xlsx", **vals
        )

    def _approve(self, batch):
        batch.action_submit()
        batch.with_user(self.manager).action_approve()
        return batch

    # ------------------------------------------------------------------
    # Workers, with and without a filed household
    # ------------------------------------------------------------------

    def test_mixed_run_of_households_and_workers_books_one_entry(self):
        batch = self._approve(self._run(beneficiary_source="employees"))
        grants = batch.grant_ids
        self.assertEqual(len(grants), 6)
        by_worker = {grant.employee_id: grant for grant in grants}
        for employee, file in (
            (self.employee_a, self.file_a), (self.employee_a2, self.file_a2), (self.employee_b, self.file_b),
        ):
            # a worker whose household is filed receives the grant as the household
            self.assertEqual((by_worker[employee].beneficiary_type, by_worker[employee].file_id), ("file", file))
        for employee in (self.retired_a, self.retired_b, self.sweeper):
            grant = by_worker[employee]
            self.assertEqual((grant.beneficiary_type, grant.file_id), ("employee", self.env["union.hardship.file"]))
            self.assertEqual(grant.partner_id, employee.work_contact_id)
        self.assertEqual(set(grants.mapped("amount")), {300.0})
        self.assertEqual(by_worker[self.retired_a].organization_id, self.org_branch_a)
        move = batch.move_id
        self.assertEqual(len(grants.move_id), 1)
        self.assertEqual(len(move.line_ids), 7)
        self.assertEqual(move.line_ids.filtered("union_relief_grant_id").mapped("credit"), [300.0] * 6)
        self.assertEqual(batch.household_organization_ids, self.org_branch_a | self.org_branch_b)

    def test_the_same_festival_twice_pays_nobody_twice(self):
        self._run(beneficiary_source="employees", file_filter="with")
        wizard = self._previewed(beneficiary_source="employees")
        # the households already have their festival grant; the others get theirs
        self.assertEqual((wizard.candidate_count, wizard.planned_count, wizard.excluded_count), (6, 3, 3))
        self.assertIn("Already granted for the period: 3", wizard.excluded_summary)

    def test_worker_filters(self):
        def paid(user=None, **vals):
            batch = self._run(user, beneficiary_source="employees", **vals)
            return batch.grant_ids.employee_id

        households = self.employee_a | self.employee_a2 | self.employee_b
        retired = self.retired_a | self.retired_b
        self.assertEqual(paid(retired_filter="retired"), retired)
        self.assertEqual(paid(file_filter="with", retired_filter="working"), households)
        self.assertEqual(paid(file_filter="without", retired_filter="working"), self.sweeper)

    def test_worker_filters_by_organisation_and_department(self):
        wizard = self._previewed(beneficiary_source="employees", department_ids=[Command.set(self.dept_sanitation.ids)])
        self.assertEqual(wizard.planned_count, 3)
        for name in (self.employee_b.name, self.retired_b.name, self.sweeper.name):
            self.assertIn(name, wizard.planned_lines)
        self.assertNotIn(self.employee_a.name, wizard.planned_lines)
        # the officer of a branch runs for the workers of their branch only
        wizard = self._previewed(user=self.officer_a, beneficiary_source="employees")
        self.assertEqual(wizard.planned_count, 3)
        self.assertNotIn(self.employee_b.name, wizard.planned_lines)
        wizard = self._previewed(
            beneficiary_source="employees", organization_ids=[Command.set(self.org_branch_b.ids)],
        )
        self.assertEqual(wizard.planned_count, 3)
        self.assertIn(self.sweeper.name, wizard.planned_lines)
        # the officer cannot reach another branch's workers by choosing it
        wizard = self._previewed(
            user=self.officer_a, beneficiary_source="employees",
            organization_ids=[Command.set(self.org_branch_b.ids)],
        )
        self.assertEqual(wizard.candidate_count, 0)

    def test_workers_without_a_file_need_a_programme_open_to_all(self):
        wizard = self._wizard(programme=self.living, beneficiary_source="employees")
        with self.assertRaisesRegex(UserError, "is for filed households only.*open the programme"):
            wizard.action_preview()
        with self.assertRaisesRegex(UserError, "is for filed households only"):
            wizard.action_create_grants()
        # the filed households of the workers may be paid from it
        batch = self._run(programme=self.living, beneficiary_source="employees", file_filter="with")
        self.assertEqual(batch.grant_ids.file_id, self.file_a | self.file_a2 | self.file_b)

    # ------------------------------------------------------------------
    # Imported list
    # ------------------------------------------------------------------

    def test_imported_list_creates_the_grants_it_lists(self):
        wizard = self._imported([
            ["春节送温暖名单"],
            ["工号", "金额"],
            ["BD0001", None],
            ["TX0001", 500],
            ["吴退休", "¥450"],
            [None, None],
        ])
        wizard.action_preview()
        self.assertFalse(wizard.import_errors)
        self.assertEqual((wizard.planned_count, wizard.planned_total), (3, 1250.0))
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        grants = {grant.employee_id: grant for grant in batch.grant_ids}
        self.assertRecordValues(grants[self.employee_a], [{
            "beneficiary_type": "file", "file_id": self.file_a.id, "amount": 300.0, "override_amount": 0.0,
        }])
        self.assertRecordValues(grants[self.retired_a] | grants[self.retired_b], [
            {"beneficiary_type": "employee", "amount": 500.0, "override_amount": 500.0,
             "override_reason": "Imported list", "computed_amount": 300.0},
            {"beneficiary_type": "employee", "amount": 450.0, "override_amount": 450.0,
             "override_reason": "Imported list", "computed_amount": 300.0},
        ])
        self._approve(batch)
        self.assertEqual(len(batch.grant_ids.move_id), 1)

    def test_imported_list_with_a_wrong_line_creates_nothing_and_lists_every_error(self):
        self.env["hr.employee"].create({"name": "周退休", "union_organization_id": self.org_branch_b.id})
        wizard = self._imported([
            ["姓名", "金额"],
            ["张三明", 300],
            ["查无此人", None],
            ["周退休", None],
            ["BD0001", None],
            ["李小红", "三百"],
            ["王大力", -5],
            [None, 200],
        ])
        wizard.action_preview()
        errors = wizard.import_errors
        for line, message in (
            (3, "has the badge ID or the name \"查无此人\""),
            (4, "2 workers are named \"周退休\""),
            (5, "张三明 is already on line 2"),
            (6, "\"三百\" is not an amount"),
            (7, "cannot be negative"),
            (8, "The worker is missing"),
        ):
            self.assertIn("Line %s: " % line, errors)
            self.assertIn(message, errors)
        self.assertNotIn("Line 2:", errors)
        with self.assertRaisesRegex(UserError, r"Nothing was created(.|\n)*Line 3(.|\n)*Line 8"):
            wizard.action_create_grants()
        self.assertFalse(self.env["union.relief.grant"].search([("programme_id", "=", self.festival.id)]))
        self.assertFalse(self.env["union.relief.batch"].search([("programme_id", "=", self.festival.id)]))

    def test_imported_list_without_a_worker_column(self):
        wizard = self._imported([["金额"], [300]])
        with self.assertRaisesRegex(UserError, "header row with a Worker column"):
            wizard.action_preview()

    # ------------------------------------------------------------------
    # In kind
    # ------------------------------------------------------------------

    def test_in_kind_run_with_two_goods_books_one_entry_and_no_cash(self):
        batch = self._approve(self._run(
            beneficiary_source="employees", department_ids=[Command.set(self.dept_sanitation.ids)],
            aid_kind="in_kind", goods_line_ids=self._goods(),
        ))
        grants = batch.grant_ids
        self.assertEqual(grants.employee_id, self.employee_b | self.retired_b | self.sweeper)
        self.assertEqual(set(grants.mapped("aid_kind")), {"in_kind"})
        for grant in grants:
            self.assertEqual(len(grant.goods_line_ids), 2)
            self.assertEqual(grant.goods_line_ids.product_id, self.quilt | self.rice)
            self.assertEqual(grant.amount, sum(grant.goods_line_ids.mapped("amount")))
            self.assertEqual(grant.amount, 230.0)
            self.assertFalse(grant.standard_id)
        move = batch.move_id
        self.assertEqual(len(grants.move_id), 1)
        self.assertFalse(move.line_ids.filtered(lambda line: line.account_id.account_type == "liability_payable"))
        goods = move.line_ids.filtered(lambda line: line.account_id == self.account_goods)
        self.assertEqual(sum(goods.mapped("credit")), 690.0)
        expense = move.line_ids.filtered(lambda line: line.account_id == self.account_relief)
        self.assertEqual(expense.debit, 690.0)
        batch.with_user(self.accountant).action_pay()
        self.assertEqual(set(grants.mapped("state")), {"paid"})
        # goods handed out: no payment run
        self.assertFalse(grants.payment_run_id)

    def test_in_kind_run_needs_its_goods(self):
        wizard = self._wizard(aid_kind="in_kind")
        with self.assertRaisesRegex(UserError, "List the goods"):
            wizard.action_preview()
        wizard = self._imported(
            [["工号", "金额"], ["BD0001", 300]], aid_kind="in_kind", goods_line_ids=self._goods()
        )
        wizard.action_preview()
        self.assertIn("Line 2: An in-kind run gives every beneficiary the goods listed", wizard.import_errors)

    def test_goods_are_frozen_once_the_grant_is_submitted(self):
        grant = self.env["union.relief.grant"].with_user(self.officer_a).create({
            "programme_id": self.festival.id,
            "file_id": self.file_a.id,
            "aid_kind": "in_kind",
            "goods_line_ids": self._goods(),
        })
        self.assertEqual(grant.amount, 230.0)
        # a draft's goods change, and its value with them
        grant.goods_line_ids[0].quantity = 2
        self.assertEqual(grant.amount, 380.0)
        grant.action_submit()
        line = grant.goods_line_ids[0]
        Goods = self.env["union.relief.grant.goods"].with_user(self.officer_a)
        with self.assertRaisesRegex(UserError, "its goods can no longer be changed"):
            Goods.browse(line.id).write({"quantity": 10})
        with self.assertRaisesRegex(UserError, "its goods can no longer be changed"):
            Goods.create({"grant_id": grant.id, "product_id": self.rice.id, "unit_value": 80.0})
        with self.assertRaisesRegex(UserError, "its goods can no longer be changed"):
            Goods.browse(line.id).unlink()
        with self.assertRaisesRegex(UserError, "its goods can no longer be changed"):
            grant.write({"goods_line_ids": [Command.create({"product_id": self.rice.id, "unit_value": 1.0})]})
        self.assertEqual((grant.amount, len(grant.goods_line_ids), line.quantity), (380.0, 2, 2.0))

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------

    def test_preview_is_made_only_when_asked_for(self):
        Wizard = type(self.env["union.relief.batch.wizard"])
        plan = Wizard._plan
        calls = []

        def counted(wizard, *args, **kwargs):
            calls.append(wizard)
            return plan(wizard, *args, **kwargs)

        with patch.object(Wizard, "_plan", counted):
            form = Form(self.env["union.relief.batch.wizard"].with_user(self.centre_officer))
            form.programme_id = self.living
            form.include_relative = False
            form.include_deep = True
            self.assertFalse(calls)
            wizard = form.save()
            self.assertFalse(calls)
            wizard.action_preview()
            self.assertEqual(len(calls), 1)
            self.assertEqual((wizard.previewed, wizard.planned_count), (True, 3))
            # a change of the selection clears the preview, without a plan
            with Form(wizard) as form:
                form.include_deep = False
                self.assertFalse(form.previewed)
                self.assertEqual(form.planned_count, 0)
            self.assertEqual(len(calls), 1)

    def test_create_grants_does_not_trust_a_stale_preview(self):
        wizard = self._previewed(programme=self.living)
        self.assertEqual(wizard.planned_count, 3)
        employee = self.env["hr.employee"].create({"name": "赵新", "union_organization_id": self.org_branch_a.id})
        self._filed(employee, serial=31)
        batch = self.env["union.relief.batch"].browse(wizard.action_create_grants()["res_id"])
        self.assertEqual(batch.grant_count, 4)

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------

    def _measure(self, run_warm, run_small, run_large):
        """The queries of the small run, then the large one's must be the same.
        A first run creates what any first run creates (the sequence of the
        entries...); then both measured runs start from cold caches, records and
        Odoo's own (rules, groups), so that neither pays the other's misses."""
        run_warm()
        # flushed as assertQueryCount does: the commit's precommit hooks included
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()
        before = self.env.cr.sql_log_count
        small = run_small()
        self.env.flush_all()
        self.env.cr.flush()
        queries_small = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()
        with self.assertQueryCount(queries_small):
            large = run_large()
        return small, large

    def test_query_count_of_mixed_and_in_kind_runs_does_not_grow(self):
        Organization = self.env["union.organization"]
        warm, warm_goods, small, large, small_goods, large_goods = Organization.create([
            {"name": "预热分会", "code": "W2", "parent_id": self.org_bureau.id},
            {"name": "预热物资分会", "code": "WG2", "parent_id": self.org_bureau.id},
            {"name": "十人分会", "code": "S10", "parent_id": self.org_bureau.id},
            {"name": "五十人分会", "code": "L50", "parent_id": self.org_bureau.id},
            {"name": "十人物资分会", "code": "G10", "parent_id": self.org_bureau.id},
            {"name": "五十人物资分会", "code": "G50", "parent_id": self.org_bureau.id},
        ])
        offset = 1000
        for organization, count in (
            (warm, 2), (warm_goods, 2), (small, 10), (large, 50), (small_goods, 10), (large_goods, 50),
        ):
            # half filed households, half workers without a file
            for start, filed in ((offset, True), (offset + 500, False)):
                self._create_workers(
                    organization, count // 2, start, filed, department_id=self.dept_sanitation.id
                )
            offset += 1000

        def mixed(organization):
            return lambda: self._approve(self._run(
                beneficiary_source="employees", organization_ids=[Command.set(organization.ids)],
            ))

        def in_kind(organization):
            return lambda: self._approve(self._run(
                beneficiary_source="employees", organization_ids=[Command.set(organization.ids)],
                aid_kind="in_kind", goods_line_ids=self._goods(),
            ))

        # posting bumps the supplier rank of each payable's partner, one locked
        # UPDATE per partner (account.move._post): Odoo's own cost, counted apart
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "_increase_rank", autospec=True) as increase_rank:
            batch_10, batch_50 = self._measure(mixed(warm), mixed(small), mixed(large))
            self.assertEqual(increase_rank.call_count, 62)
        self.assertEqual((len(batch_10.grant_ids), len(batch_50.grant_ids)), (10, 50))
        self.assertEqual(set(batch_50.grant_ids.mapped("beneficiary_type")), {"file", "employee"})
        self.assertEqual(len(batch_50.grant_ids.move_id.line_ids), 51)
        batch_10, batch_50 = self._measure(in_kind(warm_goods), in_kind(small_goods), in_kind(large_goods))
        self.assertEqual(len(batch_50.grant_ids.goods_line_ids), 100)
        self.assertEqual(len(batch_50.grant_ids.move_id), 1)
