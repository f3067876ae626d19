from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_donation import CampaignGrantCommon


@tagged("post_install", "-at_install")
class TestStatisticsViews(CampaignGrantCommon):
    """The figures of the pivots and graphs are those of ``read_group``, the call the
    views make, read as the role who reads them: each officer his organisations',
    sensitive measures and groupings for the officers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the households of the common base: branch A has 3 + 1 people, branch B 2
        cls.file_a.subclass_id = cls.env["union.hardship.subclass"].create({
            "name": "大病致困", "category": "deep",
        })
        cls.file_a2.category = "relative"
        cls.in_bureau = [("organization_id", "child_of", cls.org_bureau.id)]

    def _figures(self, model, user, groupby, aggregates=("__count",), domain=None):
        """{group key: aggregates} as ``user`` reads them in a pivot."""
        groups = self.env[model].with_user(user)._read_group(
            (domain or []) + self.in_bureau, groupby, list(aggregates),
        )
        return {
            tuple(value.id if hasattr(value, "_name") else value for value in row[:len(groupby)]):
            row[len(groupby):]
            for row in groups
        }

    # ------------------------------------------------------------------
    # Hardship files
    # ------------------------------------------------------------------

    def test_files_by_organisation_and_parent_for_each_officer(self):
        aggregates = ("__count", "household_size:sum")
        self.assertEqual(
            self._figures("union.hardship.file", self.officer_a, ["organization_id", "category"], aggregates),
            {(self.org_branch_a.id, "deep"): (1, 3), (self.org_branch_a.id, "relative"): (1, 1)},
        )
        self.assertEqual(
            self._figures("union.hardship.file", self.officer_b, ["organization_id"], aggregates),
            {(self.org_branch_b.id,): (1, 2)},
        )
        # the branches' households under their grassroots union, as its centre sees them
        self.assertEqual(
            self._figures("union.hardship.file", self.centre_officer, ["parent_organization_id"], aggregates),
            {(self.org_bureau.id,): (3, 6)},
        )
        self.assertEqual(
            self._figures(
                "union.hardship.file", self.officer_a, ["parent_organization_id"], aggregates
            ),
            {(self.org_bureau.id,): (2, 4)},
        )

    def test_parent_organisation_follows_the_tree(self):
        region = self.env["union.organization"].create({
            "name": "城区供电工会", "code": "CQ", "company_id": self.company.id,
        })
        self.org_branch_b.parent_id = region
        self.assertEqual(self.file_b.parent_organization_id, region)
        self.assertEqual(
            dict(self.env["union.hardship.file"].with_user(self.manager)._read_group(
                [("organization_id", "child_of", (self.org_bureau | region).ids)],
                ["parent_organization_id"], ["__count"],
            )),
            {self.org_bureau: 2, region: 1},
        )

    def test_files_by_year_category_cause_subclass_and_state(self):
        self.file_b.assessment_year = self.year - 1
        figures = self._figures(
            "union.hardship.file", self.centre_officer,
            ["assessment_year", "category", "main_cause_id", "subclass_id", "state"],
        )
        subclass = self.file_a.subclass_id.id
        cause = self.cause_low_income.id
        self.assertEqual(figures, {
            (self.year, "deep", cause, subclass, "filed"): (1,),
            (self.year, "relative", cause, False, "filed"): (1,),
            (self.year - 1, "deep", cause, False, "filed"): (1,),
        })

    def test_sensitive_measures_and_groupings_are_for_officers(self):
        File = self.env["union.hardship.file"]
        # the count of households by category is not sensitive: the auditor reads it
        self.assertEqual(
            self._figures("union.hardship.file", self.auditor, ["category"]),
            {("deep",): (2,), ("relative",): (1,)},
        )
        for user in (self.auditor, self.accountant):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    File.with_user(user)._read_group([], ["category"], ["household_size:sum"])
                with self.assertRaises(AccessError):
                    File.with_user(user)._read_group([], ["main_cause_id"], ["__count"])
                with self.assertRaises(AccessError):
                    File.with_user(user).search_count([("household_size", ">", 2)])
                # the pivot shows them the count only, not the people
                arch = File.with_user(user).get_views([(False, "pivot")])["views"]["pivot"]["arch"]
                self.assertNotIn("household_size", arch)
                self.assertIn("category", arch)
        arch = File.with_user(self.officer_a).get_views([(False, "pivot")])["views"]["pivot"]["arch"]
        self.assertIn("household_size", arch)

    # ------------------------------------------------------------------
    # Reviews
    # ------------------------------------------------------------------

    def test_review_outcomes_by_year(self):
        self.company.union_spot_check_share = 0.0
        files = self.file_a | self.file_a2 | self.file_b
        files.next_review_date = self.today - timedelta(days=1)
        reviews = self.env["union.hardship.review"]._open_due_reviews(
            self.company, organization=self.org_bureau
        )
        for review in reviews:
            review.outcome = "exit" if review.file_id == self.file_a2 else "continue"
            review.reason = "人均收入超过低保两倍" if review.outcome == "exit" else False
            review.action_apply()
        self.assertEqual(
            self._figures("union.hardship.review", self.officer_a, ["review_date:year", "outcome"]),
            {(self.today.replace(month=1, day=1), "continue"): (1,),
             (self.today.replace(month=1, day=1), "exit"): (1,)},
        )
        self.assertEqual(
            self._figures("union.hardship.review", self.officer_b, ["outcome"]),
            {("continue",): (1,)},
        )

    # ------------------------------------------------------------------
    # Grants
    # ------------------------------------------------------------------

    def test_grants_reach_households_and_people(self):
        aid = self._create_programme(
            "送温暖", "festival", open_to_all=True, budget=10000.0,
            standards=[{"name": "每户", "method": "fixed_household", "amount": 500.0}],
        )
        paid = self._approved(self.file_a)
        self._approved(self.file_a2)
        self._approved(self.file_a2, programme=aid)
        to_worker = self._grant(self.file_a2, programme=aid, beneficiary_type="employee",
                                file_id=False, employee_id=self.employee_a.id)
        self._approved(self.file_b, user=self.officer_b)
        self.assertEqual((to_worker.household_reached, to_worker.sudo().people_reached), (0, 1))
        aggregates = ("amount:sum", "household_reached:sum", "people_reached:sum")
        month = self.today.replace(day=1)
        self.assertEqual(
            self._figures("union.relief.grant", self.officer_a,
                          ["programme_type", "date:month"], aggregates),
            {("living", month): (600.0 + 200.0, 2, 4), ("festival", month): (1000.0, 1, 2)},
        )
        self.assertEqual(
            self._figures("union.relief.grant", self.officer_b, ["programme_id"], aggregates),
            {(self.living.id,): (400.0, 1, 2)},
        )
        self.assertEqual(
            self._figures("union.relief.grant", self.manager,
                          ["organization_id", "category", "aid_kind"], aggregates),
            {(self.org_branch_a.id, "deep", "cash"): (600.0, 1, 3),
             (self.org_branch_a.id, "relative", "cash"): (700.0, 2, 2),
             (self.org_branch_a.id, False, "cash"): (500.0, 0, 1),
             (self.org_branch_b.id, "deep", "cash"): (400.0, 1, 2)},
        )
        # the accountant pays the grants and counts them, the people are the officers'
        Grant = self.env["union.relief.grant"].with_user(self.accountant)
        self.assertEqual(
            Grant._read_group(self.in_bureau + [("id", "=", paid.id)], [], ["household_reached:sum"]),
            [(1,)],
        )
        with self.assertRaises(AccessError):
            Grant._read_group(self.in_bureau, [], ["people_reached:sum"])
        arch = Grant.get_views([(False, "pivot")])["views"]["pivot"]["arch"]
        self.assertIn("household_reached", arch)
        self.assertNotIn("people_reached", arch)

    def test_people_reached_is_the_household_when_the_grant_was_made(self):
        draft = self._grant(self.file_a)
        submitted = self._grant(self.file_b, user=self.officer_b)
        submitted.action_submit()
        (self.file_a | self.file_b).household_size = 5
        self.env.flush_all()
        self.assertEqual(draft.sudo().people_reached, 5)
        self.assertEqual(submitted.sudo().people_reached, 2)

    def test_category_is_the_households_when_the_grant_was_made(self):
        draft = self._grant(self.file_a)
        submitted = self._grant(self.file_b, user=self.officer_b)
        submitted.action_submit()
        before = submitted.category
        self.assertEqual((draft.category, before), (self.file_a.category, self.file_b.category))
        after = "relative" if before != "relative" else "deep"
        (self.file_a | self.file_b).sudo().write({"category": after, "subclass_id": False})
        self.env.flush_all()
        self.assertEqual(draft.category, after)
        self.assertEqual(submitted.category, before)
        self.assertEqual(submitted._get_notice_lines()[0]["category"], dict(
            self.env["union.relief.grant"]._fields["category"]._description_selection(self.env)
        )[before])

    def test_grants_made_before_the_figures_get_them(self):
        grant = self._approved(self.file_a)
        self.env.flush_all()
        # as a database updated to this version: the new columns are empty
        self.env.cr.execute(
            "UPDATE union_relief_grant SET people_reached = NULL, household_reached = NULL "
            "WHERE id = %s", [grant.id],
        )
        self.env.invalidate_all()
        Grant = self.env["union.relief.grant"]
        for fname in ("people_reached", "household_reached"):
            self.env.add_to_compute(Grant._fields[fname], grant)
        self.env.flush_all()
        self.assertEqual((grant.sudo().people_reached, grant.household_reached), (3, 1))

    # ------------------------------------------------------------------
    # Donations and transfers
    # ------------------------------------------------------------------

    def test_donations_and_transfers_by_campaign_method_and_month(self):
        self._donate(300.0)
        self._donate(200.0, method="cash")
        self._donate(1000.0, campaign=self.general_fund)
        self._match(self.campaign, 5000.0)
        month = self.today.replace(day=1)
        self.assertEqual(
            self._figures("union.donation", self.centre_officer,
                          ["campaign_id", "method", "date:month"], ["amount:sum"],
                          domain=[("state", "=", "validated")]),
            {(self.campaign.id, "bank", month): (300.0,),
             (self.campaign.id, "cash", month): (200.0,),
             (self.general_fund.id, "bank", month): (1000.0,)},
        )
        self.assertEqual(
            self._figures("union.donation.transfer", self.centre_officer,
                          ["campaign_id", "transfer_type", "date:month"], ["amount:sum"]),
            {(self.campaign.id, "matching", month): (5000.0,)},
        )
        # the campaigns are the bureau's: a branch's officer sees none of their money
        for model in ("union.donation", "union.donation.transfer"):
            self.assertEqual(self._figures(model, self.officer_a, ["organization_id"]), {})

    # ------------------------------------------------------------------
    # The views themselves
    # ------------------------------------------------------------------

    def test_actions_offer_pivot_and_graph(self):
        for xmlid in (
            "union_relief.union_hardship_file_action",
            "union_relief.union_hardship_review_action",
            "union_relief.union_relief_grant_action",
            "union_relief.union_donation_action",
            "union_relief.union_donation_transfer_action",
            "union_relief.union_contract_kpi_action",
        ):
            action = self.env.ref(xmlid)
            with self.subTest(action=xmlid):
                self.assertTrue({"pivot", "graph"} <= set(action.view_mode.split(",")))
                views = self.env[action.res_model].with_user(self.centre_officer).get_views(
                    [(False, "pivot"), (False, "graph"), (False, "search")]
                )["views"]
                self.assertTrue(views["pivot"]["arch"].startswith("<pivot"))
                self.assertTrue(views["graph"]["arch"].startswith("<graph"))
