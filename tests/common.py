from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Weights and check characters of the 18-digit resident ID number (GB 11643).
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def resident_id(birth="19800101", serial=1, region="110101"):
    """A valid resident ID number for tests: region, birth date, serial and check digit."""
    body = "%s%s%03d" % (region, birth, serial)
    return body + _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS)) % 11]


class UnionReliefCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
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
        })
        cls.org_branch_a = Organization.create({
            "name": "变电分会",
            "code": "BD",
            "organization_type": "branch",
            "parent_id": cls.org_bureau.id,
        })
        cls.org_branch_b = Organization.create({
            "name": "营销分会",
            "code": "YX",
            "organization_type": "branch",
            "parent_id": cls.org_bureau.id,
        })

        def user(login, groups, organizations=None):
            new_user = new_test_user(cls.env, login=login, groups=groups, name=login)
            if organizations:
                new_user.union_organization_ids = [Command.set(organizations.ids)]
            return new_user

        cls.officer_a = user("officer_a", "union_relief.group_union_officer", cls.org_branch_a)
        cls.officer_b = user("officer_b", "union_relief.group_union_officer", cls.org_branch_b)
        cls.centre_officer = user(
            "centre_officer", "union_relief.group_relief_centre_officer", cls.org_bureau
        )
        cls.manager = user("relief_manager", "union_relief.group_relief_manager")
        cls.accountant = user("union_accountant", "union_relief.group_union_accountant")
        cls.auditor = user("union_auditor", "union_relief.group_union_auditor")
        cls.member = user("union_member", "union_relief.group_union_member")
        cls.hr_user = user("hr_user", "hr.group_hr_user,base.group_allow_export")

        Employee = cls.env["hr.employee"]
        cls.employee_a = Employee.create({
            "name": "张三明",
            "union_organization_id": cls.org_branch_a.id,
        })
        cls.employee_a2 = Employee.create({
            "name": "李小红",
            "union_organization_id": cls.org_branch_a.id,
        })
        cls.employee_b = Employee.create({
            "name": "王大力",
            "union_organization_id": cls.org_branch_b.id,
        })
        cls.cause_illness = cls.env.ref("union_relief.cause_illness")
        cls.cause_low_income = cls.env.ref("union_relief.cause_low_income")

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """Like unittest's, but rolls back what the failed operation wrote, as the
        user's transaction would be."""
        with super().assertRaisesRegex(exception, regex) as context, self.env.cr.savepoint():
            yield context

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
