from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestReliefBatchTour(UnionReliefAccountingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tour_programme = cls._create_programme(
            "游览测试生活救助", "living", code="TOUR", budget=50000.0,
            standards=[{"name": "每人每月", "method": "fixed_person", "amount": 200.0}],
        )

    def test_batch_wizard_tour(self):
        # an officer of the grassroots union runs the batch of its branches
        self.org_bureau.officer_ids = [Command.link(self.officer_a.id)]
        self.start_tour("/odoo", "union_relief_batch_tour", login="officer_a")
        batch = self.env["union.relief.batch"].search(
            [("programme_id", "=", self.tour_programme.id)]
        )
        self.assertEqual(len(batch), 1)
        self.assertEqual(batch.period, self.month)
        self.assertEqual(batch.grant_ids.file_id, self.file_a | self.file_a2 | self.file_b)
        self.assertEqual(batch.grant_count, 3)
        self.assertEqual(batch.total_amount, 1200.0)
        self.assertEqual(set(batch.grant_ids.mapped("state")), {"draft"})
        self.assertEqual(
            sorted(batch.grant_ids.mapped("amount")), [200.0, 400.0, 600.0]
        )
