from datetime import date, datetime
from itertools import count

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.union_hardship_file_statistics import ROWS_FUNCTION
from .common import UnionReliefCommon
from .common_statistics import FileHistoryMixin

STATISTICS = "union.hardship.file.statistics"
MEASURES = [
    "opening_count:sum", "entered_count:sum", "exited_count:sum", "withdrawn_count:sum",
    "cancelled_count:sum", "left_count:sum", "reclassified_in_count:sum",
    "reclassified_out_count:sum", "category_change_count:sum", "closing_count:sum",
]


@tagged("post_install", "-at_install")
class TestStatisticsFileHistory(FileHistoryMixin, UnionReliefCommon):
    """The history keeps the state and the category of every file at every step, so
    that the households on record at the start and the end of each year, those
    that entered, left (by reason) and changed category are counted, not guessed.

    The known situation, built with the real steps on controlled dates:

    - branch A: F1 filed 2023-03 as deep, reviewed into relative 2024-06; F2 filed
      2023-09 as relative, exited 2024-11; F3 filed 2024-02 as deep, withdrawn
      2025-05; an application withdrawn in 2024 (never on record);
    - branch B: F4 filed 2025-04 as sudden, recategorised relative 2025-08 by a
      direct write, cancelled 2025-10.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Subclass = cls.env["union.hardship.subclass"]
        cls.subclass_illness = Subclass.create({"name": "大病致困", "category": "deep"})
        cls.subclass_edge = Subclass.create({"name": "困难边缘户", "category": "relative"})
        cls.serials = count(500)
        cls.f1 = cls._enter(cls.employee_a, datetime(2023, 3, 1, 10), "deep", cls.subclass_illness)
        cls.f2 = cls._enter(cls.employee_a2, datetime(2023, 9, 1, 10), "relative")
        cls.f3 = cls._enter(cls._worker(cls.org_branch_a), datetime(2024, 2, 1, 10), "deep")
        with freeze_time(datetime(2024, 6, 1, 10)):
            cls._review_into(cls.f1, "relative", cls.subclass_edge)
        with freeze_time(datetime(2024, 11, 15, 10)):
            cls._close(cls.f2, "exited", "配偶再就业，家庭收入超过低保两倍")
        with freeze_time(datetime(2024, 4, 1, 10)):
            cls.application = cls._create_file(
                cls._worker(cls.org_branch_a), next(cls.serials), assessment_year=2023,
                category_override_reason="测试",
            )
            cls.application.with_user(cls.officer_a)._close("withdrawn", "本人撤回申请", date(2024, 4, 1))
        with freeze_time(datetime(2025, 5, 1, 10)):
            cls._close(cls.f3, "withdrawn", "职工调往外地工作")
        cls.f4 = cls._enter(cls.employee_b, datetime(2025, 4, 1, 10), "sudden")
        with freeze_time(datetime(2025, 8, 1, 10)):
            cls.f4.sudo().write({"category": "relative"})
        with freeze_time(datetime(2025, 10, 1, 10)):
            cls._close(cls.f4, "cancelled", "核实有隐瞒收入")

    def _figures(self, user, groupby, domain=()):
        """{group key: {measure: value}} as ``user`` reads them in the pivot."""
        groups = self.env[STATISTICS].with_user(user)._read_group(
            [("organization_id", "child_of", self.org_bureau.id), *domain], groupby, MEASURES
        )
        return {
            tuple(value.id if hasattr(value, "_name") else value for value in row[:len(groupby)]): dict(
                zip((spec.split(":")[0] for spec in MEASURES), row[len(groupby):])
            )
            for row in groups
        }

    def _history(self, file):
        return self.env["union.workflow.history"].search(
            [("res_model", "=", file._name), ("res_id", "=", file.id)], order="date, id"
        )

    # ------------------------------------------------------------------
    # The history
    # ------------------------------------------------------------------

    def test_each_step_keeps_the_category_and_a_change_outside_a_step_adds_a_line(self):
        self.assertEqual(
            [(line.step, line.to_state, line.category, line.subclass_id) for line in self._history(self.f1)],
            [
                ("file", "filed", "deep", self.subclass_illness),
                ("start_review", "review", "deep", self.subclass_illness),
                # the review's own step carries the new category: no second line
                ("end_review", "filed", "relative", self.subclass_edge),
            ],
        )
        self.assertEqual(
            [(line.step, line.from_state, line.to_state, line.category) for line in self._history(self.f4)],
            [
                ("file", "notice", "filed", "sudden"),
                ("recategorise", "filed", "filed", "relative"),
                ("cancel", "filed", "cancelled", "relative"),
            ],
        )
        # a draft's category follows its figures: only its steps are history
        draft = self._create_file(self._worker(self.org_branch_a), next(self.serials))
        draft.write({"category": "relative", "category_override_reason": "测试"})
        self.assertFalse(self._history(draft))

    def test_a_change_of_many_files_is_one_line_each(self):
        files = self.f1 | self._enter(self._worker(self.org_branch_a), datetime(2025, 1, 6, 9), "deep")
        before = self.env["union.workflow.history"].search_count([("step", "=", "recategorise")])
        files.sudo().write({"category": "sudden", "subclass_id": False})
        lines = self.env["union.workflow.history"].search([("step", "=", "recategorise")], order="id")
        self.assertEqual(len(lines) - before, 2)
        self.assertEqual(set(lines[-2:].mapped("res_id")), set(files.ids))
        self.assertEqual(set(lines[-2:].mapped("category")), {"sudden"})

    def test_state_and_category_of_a_file_at_any_past_date(self):
        History = self.env["union.workflow.history"]
        moments = [datetime(2023, 1, 1), datetime(2024, 1, 1), datetime(2025, 1, 1), datetime(2026, 1, 1)]
        self.assertEqual(
            [History._states_at(self.f1._name, moment, self.f1.ids).get(self.f1.id) for moment in moments],
            [None, "filed", "filed", "filed"],
        )
        self.assertEqual(
            [History._categories_at(self.f1._name, moment, self.f1.ids).get(self.f1.id) for moment in moments],
            [None, ("deep", self.subclass_illness.id), ("relative", self.subclass_edge.id),
             ("relative", self.subclass_edge.id)],
        )

    # ------------------------------------------------------------------
    # The yearly statistics
    # ------------------------------------------------------------------

    def test_year_end_counts_of_each_organisation_as_each_officer_reads_them(self):
        zero = dict.fromkeys((spec.split(":")[0] for spec in MEASURES), 0)

        def figures(**values):
            return {**zero, **values}

        self.assertEqual(self._figures(self.officer_a, ["year"]), {
            ("2023",): figures(entered_count=2, closing_count=2),
            ("2024",): figures(
                opening_count=2, entered_count=1, exited_count=1, left_count=1,
                reclassified_in_count=1, reclassified_out_count=1, category_change_count=1,
                closing_count=2,
            ),
            ("2025",): figures(opening_count=2, withdrawn_count=1, left_count=1, closing_count=1),
            ("2026",): figures(opening_count=1, closing_count=1),
        })
        # officer B sees his branch only: F4 entered, changed category and was cancelled
        self.assertEqual(self._figures(self.officer_b, ["year", "category"]), {
            ("2025", "sudden"): figures(entered_count=1, reclassified_out_count=1),
            ("2025", "relative"): figures(
                reclassified_in_count=1, category_change_count=1, cancelled_count=1, left_count=1,
            ),
        })
        # the centre of the grassroots union sees both branches
        by_organization = self._figures(self.centre_officer, ["year", "organization_id"])
        self.assertEqual(
            {key for key, values in by_organization.items() if key[1] == self.org_branch_b.id},
            {("2025", self.org_branch_b.id)},
        )
        self.assertEqual(by_organization[("2024", self.org_branch_a.id)]["closing_count"], 2)

    def test_counts_by_category_and_sub_class_add_up(self):
        rows = self._figures(self.manager, ["year", "organization_id", "category", "subclass_id"])
        self.assertEqual(
            {
                key: (values["opening_count"], values["closing_count"])
                for key, values in rows.items() if key[:2] == ("2024", self.org_branch_a.id)
            },
            {
                ("2024", self.org_branch_a.id, "deep", self.subclass_illness.id): (1, 0),
                ("2024", self.org_branch_a.id, "deep", False): (0, 1),
                ("2024", self.org_branch_a.id, "relative", False): (1, 0),
                ("2024", self.org_branch_a.id, "relative", self.subclass_edge.id): (0, 1),
            },
        )
        for key, values in rows.items():
            with self.subTest(row=key):
                self.assertEqual(
                    values["closing_count"],
                    values["opening_count"] + values["entered_count"]
                    + values["reclassified_in_count"] - values["left_count"]
                    - values["reclassified_out_count"],
                )

    def test_households_on_record_are_never_added_over_years(self):
        totals = self._figures(self.manager, ["organization_id"])[(self.org_branch_a.id,)]
        # a blank, not 0 nor the 5 households-years the sum would give
        self.assertIs(totals["closing_count"], False)
        self.assertIs(totals["opening_count"], False)
        # flows add up over the years
        self.assertEqual(totals["entered_count"], 3)
        self.assertEqual(totals["left_count"], 2)

    def test_files_filed_before_the_history_get_their_lines_once(self):
        with freeze_time(datetime(2023, 6, 1, 10)):
            old = self._create_file(
                self._worker(self.org_branch_b), next(self.serials), assessment_year=2022,
                category="relative", category_override_reason="测试",
            )
        # filed and exited before the history kept the steps
        old.write({
            "state": "exited", "filed_date": date(2022, 5, 10), "close_date": date(2023, 2, 1),
            "close_reason": "脱困",
        })
        self.assertFalse(self._history(old))
        History = self.env["union.workflow.history"]
        History._backfill_hardship_files()
        History._backfill_hardship_files()
        self.assertEqual(
            [(line.step, line.to_state, line.date.date(), line.category) for line in self._history(old)],
            [("file", "filed", date(2022, 5, 10), "relative"), ("exit", "exited", date(2023, 2, 1), "relative")],
        )
        # the files with their steps kept are left as they are
        self.assertEqual(len(self._history(self.f2)), 2)
        figures = self._figures(self.officer_b, ["year"])
        self.assertEqual(
            (figures[("2022",)]["entered_count"], figures[("2022",)]["closing_count"]), (1, 1)
        )
        self.assertEqual(
            (figures[("2023",)]["exited_count"], figures[("2023",)]["closing_count"]), (1, 0)
        )

    def test_the_statistics_are_computed_without_jit_compilation(self):
        # computed from the whole history at each read: compiling so costly a plan
        # adds seconds to each read at 50,000 files (tools/bench/bench_statistics.py)
        self.env.cr.execute("SELECT proconfig FROM pg_proc WHERE proname = %s", [ROWS_FUNCTION])
        self.assertEqual(self.env.cr.fetchall(), [(["jit=off"],)])
