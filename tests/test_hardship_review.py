from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import UnionReliefCommon


@tagged("post_install", "-at_install")
class TestHardshipReview(UnionReliefCommon):
    @classmethod
    def _create_filed(cls, count, due, organization=None, start=100):
        organization = organization or cls.org_branch_a
        employees = cls.env["hr.employee"].create([
            {"name": "职工%s" % (start + i), "union_organization_id": organization.id}
            for i in range(count)
        ])
        review_date = cls.today - timedelta(days=1) if due else cls.today + timedelta(days=60)
        return cls.env["union.hardship.file"].create([
            dict(
                cls._file_vals(employee, serial=start + i),
                state="filed",
                filed_date=cls.today - timedelta(days=400),
                next_review_date=review_date,
            )
            for i, employee in enumerate(employees)
        ])

    def test_due_files_and_spot_checks_get_reviews(self):
        self.company.union_spot_check_share = 0.5
        due = self._create_filed(3, due=True)
        not_due = self._create_filed(4, due=False, start=200)
        reviews = self.env["union.hardship.review"]._open_due_reviews(self.company, organization=self.org_bureau)
        scheduled = reviews.filtered(lambda r: r.review_type == "scheduled")
        spot = reviews.filtered(lambda r: r.review_type == "spot_check")
        self.assertEqual(scheduled.file_id, due)
        self.assertEqual(len(spot), 2)
        self.assertTrue(spot.file_id <= not_due)
        self.assertEqual(set((due | spot.file_id).mapped("state")), {"review"})
        # running again adds nobody twice
        self.assertFalse(
            self.env["union.hardship.review"]._open_due_reviews(self.company, organization=self.org_bureau)
            .filtered(lambda r: r.file_id in due)
        )

    def test_wizard_limits_to_organisation(self):
        self.company.union_spot_check_share = 0.0
        due_a = self._create_filed(2, due=True)
        due_b = self._create_filed(2, due=True, organization=self.org_branch_b, start=300)
        wizard = self.env["union.hardship.review.wizard"].with_user(self.centre_officer).create({
            "organization_id": self.org_branch_a.id,
        })
        action = wizard.action_open_reviews()
        reviews = self.env["union.hardship.review"].search(action["domain"])
        self.assertEqual(reviews.file_id, due_a)
        self.assertEqual(set(due_b.mapped("state")), {"filed"})
        with self.assertRaisesRegex(UserError, "No filed household"):
            wizard.action_open_reviews()

    def test_outcomes_are_applied_to_the_file(self):
        self.company.union_spot_check_share = 0.0
        files = self._create_filed(3, due=True)
        reviews = self.env["union.hardship.review"]._open_due_reviews(self.company, organization=self.org_bureau)
        keep, change, leave = (reviews.filtered(lambda r, f=f: r.file_id == f) for f in files)

        keep.outcome = "continue"
        keep.action_apply()
        self.assertEqual(keep.file_id.state, "filed")
        self.assertEqual(keep.file_id.last_review_date, self.today)
        self.assertGreater(keep.file_id.next_review_date, self.today + timedelta(days=300))

        change.outcome = "change_category"
        with self.assertRaisesRegex(UserError, "new category"):
            change.action_apply()
        change.write({"new_category": "relative", "reason": "子女已工作，收入增加"})
        change.action_apply()
        self.assertEqual(change.file_id.category, "relative")
        self.assertEqual(change.file_id.state, "filed")

        leave.outcome = "exit"
        with self.assertRaisesRegex(UserError, "reason"):
            leave.action_apply()
        leave.reason = "配偶再就业，人均收入超过低保两倍"
        leave.action_apply()
        self.assertEqual(leave.file_id.state, "exited")
        self.assertEqual(leave.file_id.close_reason, leave.reason)
        with self.assertRaisesRegex(UserError, "it is Done"):
            leave.action_apply()

    def test_opening_reviews_costs_a_bounded_number_of_queries(self):
        self.company.union_spot_check_share = 0.1
        Review = self.env["union.hardship.review"]
        self._create_filed(10, due=True)
        self._create_filed(10, due=False, start=400)
        self.env.invalidate_all()
        with self.assertQueryCount(14):
            small = Review._open_due_reviews(self.company, organization=self.org_bureau)
        self.assertEqual(len(small), 11)
        # a second, larger population costs the same number of queries
        self._create_filed(60, due=True, start=500)
        self._create_filed(20, due=False, start=600)
        self.env.invalidate_all()
        with self.assertQueryCount(14):
            large = Review._open_due_reviews(self.company, organization=self.org_bureau)
        # 60 due, and 10% of the 29 households not due (rounded up)
        self.assertEqual(len(large), 63)
