from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestHardshipTour(HttpCase):
    def test_hardship_file_tour(self):
        self.env.company.city = "东江市"
        year = fields.Date.today().year
        Line = self.env["union.subsistence.line"]
        if not Line.search([("region", "=", "东江市"), ("year", "=", year)]):
            Line.create({"region": "东江市", "year": year, "amount": 800})
        self.env["hr.employee"].create({
            "name": "游览测试职工",
            "union_organization_id": self.env.ref("union_relief.demo_org_branch_substation").id,
        })
        # the officer of the branch opens and submits the file
        self.start_tour("/odoo", "union_hardship_file_tour", login="officer")
        file = self.env["union.hardship.file"].search([("employee_id.name", "=", "游览测试职工")])
        self.assertEqual(file.state, "submitted")
        self.assertEqual(file.suggested_category, "deep")
        self.assertEqual(file.identification_number, "110101198001010010")
