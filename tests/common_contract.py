from datetime import date

from odoo import Command
from odoo.tests import Form

from .common import UnionReliefCommon


class CollectiveContractCommon(UnionReliefCommon):
    """A federation, a grassroots union with a branch, another union, the people
    who negotiate and check contracts, a labour bureau."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Organization = cls.env["union.organization"]
        cls.federation = Organization.create({
            "name": "Test Federation", "code": "TFED", "organization_type": "federation",
        })
        cls.bureau = Organization.create({
            "name": "Test Bureau Union", "code": "TBUR", "parent_id": cls.federation.id,
        })
        cls.branch = Organization.create({
            "name": "Test Branch", "code": "TBRA", "organization_type": "branch",
            "parent_id": cls.bureau.id,
        })
        cls.other_union = Organization.create({
            "name": "Test Plant Union", "code": "TPLA", "parent_id": cls.federation.id,
        })
        cls.officer = cls._union_user("cc_officer", "union_relief.group_union_officer")
        cls.branch_officer = cls._union_user("cc_branch_officer", "union_relief.group_union_officer")
        cls.member = cls._union_user("cc_member", "union_relief.group_union_member")
        cls.auditor = cls._union_user("cc_auditor", "union_relief.group_union_auditor")
        cls.manager = cls._union_user("cc_manager", "union_relief.group_relief_manager")
        cls.bureau.officer_ids = [Command.link(cls.officer.id)]
        cls.branch.officer_ids = [Command.link(cls.branch_officer.id)]
        cls.authority = cls.env["res.partner"].create({"name": "Test Labour Bureau", "is_company": True})
        cls.wage_type = cls.env.ref("union_relief.union_collective_contract_type_wage")

    @classmethod
    def _representative_commands(cls, per_side=3):
        return [
            Command.create({
                "side": side,
                "name": "%s representative %s" % (side, number),
                "is_chief": number == 1,
            })
            for side in ("union", "employer")
            for number in range(1, per_side + 1)
        ]

    @classmethod
    def _create_contract(cls, **vals):
        return cls.env["union.collective.contract"].create({
            "name": "Test contract",
            "organization_id": cls.bureau.id,
            "workers_covered": 500,
            "date_start": date(2025, 1, 1),
            "date_end": date(2027, 12, 31),
            "user_id": cls.officer.id,
            "representative_ids": cls._representative_commands(),
            **vals,
        })

    @classmethod
    def _clause_commands(cls, count):
        return [
            Command.create({"name": "Clause %s" % n, "commitment": "Commitment %s" % n})
            for n in range(count)
        ]

    @classmethod
    def _create_in_force_contract(cls, organization, year, clauses=0, **vals):
        """A contract of ``organization`` in force from the start of ``year`` for
        three years, with ``clauses`` clauses."""
        return cls._create_contract(
            organization_id=organization.id,
            state="in_force",
            date_start=date(year, 1, 1),
            date_end=date(year + 2, 12, 31),
            date_in_force=date(year, 1, 1),
            clause_ids=cls._clause_commands(clauses),
            **vals,
        )

    def _activities(self, record, xmlid):
        return record.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(xmlid)
        )

    def _done_check(self, contract, year, results):
        """A performance check of ``contract`` for ``year`` with the ``results`` of
        its clauses, in order, done through the form."""
        check_form = Form(self.env["union.contract.performance"])
        check_form.contract_id = contract
        check_form.year = year
        for index, result in enumerate(results):
            with check_form.line_ids.edit(index) as line:
                line.result = result
        check = check_form.save()
        check.action_done()
        return check
