import base64
import io
from contextlib import contextmanager
from datetime import date

import xlsxwriter

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

# Weights and check characters of the 18-digit resident ID number (GB 11643).
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def resident_id(birth="19800101", serial=1, region="110101"):
    """A valid resident ID number for tests: region, birth date, serial and check digit."""
    body = "%s%s%03d" % (region, birth, serial)
    return body + _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS)) % 11]


def xlsx_file(rows):
    """An uploaded XLSX file (base64, as a Binary field holds it) whose first
    sheet holds ``rows``."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for row_index, row in enumerate(rows):
        for column, value in enumerate(row):
            sheet.write(row_index, column, value)
    workbook.close()
    return base64.b64encode(output.getvalue())


def load_chinese(env, overwrite=True):
    """Activate Chinese and load the add-on's translations into the database (the
    selection labels, views and fields are read from there); return ``env`` in
    Chinese."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search([("name", "=", "union_relief")])._update_translations(
        ["zh_CN"], overwrite=overwrite
    )
    return env(context=dict(env.context, lang="zh_CN"))


class UnionReliefCommon(AccountTestInvoicingCommon):
    """The one base of the add-on's tests, whatever the domain.

    Odoo's ``AccountTestInvoicingCommon`` gives the tests a company of their own
    with a chart of accounts and its journals (``cls.company_data``), so that no
    test depends on the database's company, chart or demo data. In that company
    this adds the union's organisations, one user per role and the employees.
    Every test class is tagged ``@tagged("post_install", "-at_install")`` (checked
    by tools/check_static.py): the chart is loaded once every module is installed,
    as in Odoo's accounting tests. Browser tours that follow the demo users, and
    the tests of the demo data itself, stay on the database's demo company.

    Set-up runs as the superuser, as Odoo's ``TransactionCase`` does; the tests act
    as the user who does the job with ``with_user()``."""

    # Odoo's generic chart (the add-on's union accounts are created on top of it);
    # the company keeps the database's first currency, not the yuan, so that tests
    # can tell the company's currency from the RMB printed on vouchers.
    chart_template = "generic_coa"

    @classmethod
    def default_env_context(cls):
        # tracking off for speed, but not Odoo's mail_notrack & co.: some tests turn
        # tracking back on with tracking_disable=False and check what it recorded
        return {"tracking_disable": True}

    @classmethod
    def setup_independent_user(cls):
        # no "accountman": the superuser sets up, each role acts through with_user()
        return None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        # notifications of users without an e-mail go out from the company's address,
        # as in a real database
        cls.company.email = "gonghui@example.com"
        # the database's administrator works in the test company too
        cls.env.ref("base.user_admin").company_ids = [Command.link(cls.company.id)]
        cls.today = date.today()
        cls.region = "测试市"
        cls.line = cls.env["union.subsistence.line"].create({
            "region": cls.region,
            "year": cls.today.year,
            "amount": 800.0,
            "company_id": cls.company.id,
        })
        Organization = cls.env["union.organization"]
        cls.org_bureau = Organization.create({
            "name": "测试供电局工会",
            "code": "TGDJ",
            "organization_type": "grassroots",
            "is_relief_station": True,
            "company_id": cls.company.id,
        })
        cls.org_branch_a = Organization.create({
            "name": "变电分会",
            "code": "BD",
            "organization_type": "branch",
            "parent_id": cls.org_bureau.id,
            "company_id": cls.company.id,
        })
        cls.org_branch_b = Organization.create({
            "name": "营销分会",
            "code": "YX",
            "organization_type": "branch",
            "parent_id": cls.org_bureau.id,
            "company_id": cls.company.id,
        })

        cls.officer_a = cls._union_user("officer_a", "union_relief.group_union_officer", cls.org_branch_a)
        cls.officer_b = cls._union_user("officer_b", "union_relief.group_union_officer", cls.org_branch_b)
        cls.centre_officer = cls._union_user(
            "centre_officer", "union_relief.group_relief_centre_officer", cls.org_bureau
        )
        cls.manager = cls._union_user("relief_manager", "union_relief.group_relief_manager")
        cls.accountant = cls._union_user("union_accountant", "union_relief.group_union_accountant")
        cls.auditor = cls._union_user("union_auditor", "union_relief.group_union_auditor")
        cls.member = cls._union_user("union_member", "union_relief.group_union_member")
        cls.hr_user = cls._union_user("hr_user", "hr.group_hr_user,base.group_allow_export")

        Employee = cls.env["hr.employee"]
        cls.employee_a = Employee.create({
            "name": "张三明",
            "union_organization_id": cls.org_branch_a.id,
            "company_id": cls.company.id,
        })
        cls.employee_a2 = Employee.create({
            "name": "李小红",
            "union_organization_id": cls.org_branch_a.id,
            "company_id": cls.company.id,
        })
        cls.employee_b = Employee.create({
            "name": "王大力",
            "union_organization_id": cls.org_branch_b.id,
            "company_id": cls.company.id,
        })
        cls.cause_illness = cls.env.ref("union_relief.cause_illness")
        cls.cause_low_income = cls.env.ref("union_relief.cause_low_income")
        # each role by the name the workflow tests give it
        cls.role_users = {
            "officer": cls.officer_a,
            "centre": cls.centre_officer,
            "manager": cls.manager,
            "accountant": cls.accountant,
            "auditor": cls.auditor,
            "member": cls.member,
        }

    @classmethod
    def _union_user(cls, login, groups, organizations=None):
        """A user of the test company (its password is its login, see
        ``new_test_user``) working for ``organizations``."""
        user = new_test_user(
            cls.env, login=login, groups=groups, name=login,
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
        )
        if organizations:
            user.union_organization_ids = [Command.set(organizations.ids)]
        return user

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """Like unittest's, but rolls back what the failed operation wrote, as the
        user's transaction would be."""
        with super().assertRaisesRegex(exception, regex) as context, self.env.cr.savepoint():
            yield context

    def _check_step_roles(self, users, allowed, make, take, target):
        """A workflow step for every user of ``users`` ({role: user}), each on new
        records from ``make()``: ``take(records)`` moves them to ``target`` for
        the ``allowed`` roles; the others get an AccessError and the records keep
        their states. What each try wrote is rolled back."""
        for role, user in users.items():
            with self.subTest(role=role), self.env.cr.savepoint() as savepoint:
                records = make()
                states = records.mapped("state")
                if role in allowed:
                    take(records.with_user(user))
                    self.assertEqual(set(records.mapped("state")), {target})
                else:
                    with self.assertRaises(AccessError):
                        take(records.with_user(user))
                    self.assertEqual(records.mapped("state"), states)
                savepoint.rollback()

    @classmethod
    def _file_vals(cls, employee, serial=1, **vals):
        return {
            "employee_id": employee.id,
            "organization_id": employee.union_organization_id.id,
            "identification_number": resident_id(serial=serial),
            "region": cls.region,
            "assessment_year": cls.today.year,
            "annual_income": 12000.0,
            "household_size": 2,
            "main_cause_id": cls.cause_low_income.id,
            "category": "deep",
            **vals,
        }

    @classmethod
    def _create_file(cls, employee, serial=1, **vals):
        return cls.env["union.hardship.file"].create(cls._file_vals(employee, serial, **vals))

    @classmethod
    def _create_workers(cls, organization, count, offset, filed=True, **vals):
        """``count`` workers of ``organization`` (职工<offset>, 职工<offset + 1>...,
        with ``vals``), each with a filed household when ``filed``; the resident
        ID numbers of a thousand of ``offset`` are of their own region."""
        employees = cls.env["hr.employee"].create([
            {"name": "职工%s" % n, "union_organization_id": organization.id, **vals}
            for n in range(offset, offset + count)
        ])
        if filed:
            region = "1101%02d" % (offset // 1000)
            files = cls.env["union.hardship.file"].create([
                cls._file_vals(employee, identification_number=resident_id(serial=n % 1000, region=region))
                for n, employee in enumerate(employees, start=offset)
            ])
            files.write({"state": "filed"})
        return employees

    @classmethod
    def _create_small_and_large_branches(cls):
        """Two branches of the bureau, with 10 and 100 filed households: what the
        tests of a batch's queries compare."""
        small, large = cls.env["union.organization"].create([
            {"name": "十户分会", "code": "S10", "parent_id": cls.org_bureau.id},
            {"name": "百户分会", "code": "L100", "parent_id": cls.org_bureau.id},
        ])
        for organization, count, offset in ((small, 10, 1000), (large, 100, 2000)):
            cls._create_workers(organization, count, offset)
        return small, large
