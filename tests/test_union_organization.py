from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import UnionReliefCommon


@tagged("post_install", "-at_install")
class TestUnionOrganization(UnionReliefCommon):
    def test_tree_and_child_of(self):
        sub_branch = self.env["union.organization"].create({
            "name": "一班支会",
            "organization_type": "sub_branch",
            "parent_id": self.org_branch_a.id,
        })
        self.assertEqual(sub_branch.complete_name, "测试供电局工会 / 变电分会 / 一班支会")
        found = self.env["union.organization"].search([("id", "child_of", self.org_bureau.id)])
        self.assertEqual(found, self.org_bureau | self.org_branch_a | self.org_branch_b | sub_branch)
        with self.assertRaisesRegex(ValidationError, "own parent"):
            self.org_bureau.parent_id = sub_branch

    def test_chair_is_an_officer(self):
        self.org_branch_b.chair_id = self.officer_a
        self.assertIn(self.officer_a, self.org_branch_b.officer_ids)
        self.assertIn(self.org_branch_b, self.officer_a.union_organization_ids)

    def test_members_and_public_profile(self):
        self.assertEqual(self.org_branch_a.member_count, 2)
        action = self.org_bureau.action_view_members()
        members = self.env["hr.employee"].search(action["domain"])
        self.assertEqual(members, self.employee_a | self.employee_a2 | self.employee_b)
        # an internal user without HR rights reads membership through the public profile
        public = self.env["hr.employee.public"].with_user(self.member).browse(self.employee_a.id)
        self.assertEqual(public.union_organization_id, self.org_branch_a)
