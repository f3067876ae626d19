from odoo import Command

from .common import UnionReliefCommon


class UnionReliefAccountingCommon(UnionReliefCommon):
    """Union accounts, the relief journal, a monthly living allowance and filed files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = cls.today.year
        cls.month = "%04d-%02d" % (cls.today.year, cls.today.month)
        cls.account_relief = cls._union_account("502", "维权支出", "expense")
        cls.account_activity = cls._union_account("501", "职工活动支出", "expense")
        cls.account_goods = cls._union_account("1213", "慰问物资", "asset_current")
        cls.journal = cls.env["account.journal"].create({
            "name": "帮扶资金", "code": "RLF", "type": "general", "company_id": cls.company.id,
        })
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.living = cls._create_programme(
            "生活救助", "living", budget=100000.0,
            standards=[{"name": "每人每月", "method": "fixed_person", "amount": 200.0}],
        )
        cls.file_a = cls._filed(cls.employee_a, serial=11, household_size=3)
        cls.file_a2 = cls._filed(cls.employee_a2, serial=12, household_size=1)
        cls.file_b = cls._filed(cls.employee_b, serial=13, household_size=2)

    @classmethod
    def _union_account(cls, code, name, account_type):
        """An account of the union's chart (工会会计制度) in the test company, which
        Odoo's generic chart lacks."""
        return cls.env["account.account"].create({
            "code": code, "name": name, "account_type": account_type,
            "company_ids": [Command.set(cls.company.ids)],
        })

    @classmethod
    def _create_programme(cls, name, programme_type, standards, **vals):
        programme = cls.env["union.relief.programme"].create({
            "name": name,
            "code": programme_type.upper()[:4],
            "programme_type": programme_type,
            "organization_id": cls.org_bureau.id,
            "fiscal_year": cls.today.year,
            "journal_id": cls.journal.id,
            "expense_account_id": cls.account_relief.id,
            "payment_journal_id": cls.bank_journal.id,
            "in_kind_account_id": cls.account_goods.id,
            "approver_id": cls.centre_officer.id,
            "second_approver_id": cls.manager.id,
            "second_approval_amount": 2000.0,
            "standard_ids": [Command.create(standard) for standard in standards],
            **vals,
        })
        programme.action_open()
        return programme

    @classmethod
    def _filed(cls, employee, serial, household_size=1, **vals):
        file = cls._create_file(employee, serial=serial, household_size=household_size, **vals)
        file.write({"state": "filed", "filed_date": cls.today})
        return file

    def _grant(self, file, programme=None, user=None, **vals):
        Grant = self.env["union.relief.grant"].with_user(user or self.officer_a)
        return Grant.create({
            "programme_id": (programme or self.living).id,
            "file_id": file.id,
            **vals,
        })

    def _approved(self, file, programme=None, **vals):
        grant = self._grant(file, programme, **vals)
        grant.action_submit()
        grant.with_user(self.centre_officer).action_approve()
        return grant.with_user(self.centre_officer)
