from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import load_chinese
from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestNumbering(UnionReliefAccountingCommon):
    """One way to number union records: blocks drawn from ``ir.sequence`` in one
    query (models/ir_sequence.py, models/union_numbered_mixin.py)."""

    def _sequence(self, implementation, **vals):
        return self.env["ir.sequence"].create({
            "name": "测试编号",
            "code": "union.test.%s" % implementation,
            "implementation": implementation,
            "prefix": "T%(year)s/",
            "suffix": "/Z",
            "padding": 4,
            "number_next": 5,
            "number_increment": 2,
            "company_id": False,
            **vals,
        })

    def test_a_block_is_what_the_sequence_gives_one_by_one(self):
        year = date.today().year
        for implementation in ("standard", "no_gap"):
            with self.subTest(implementation=implementation):
                sequence = self._sequence(implementation)
                numbers = self.env["ir.sequence"]._union_next_numbers(sequence.code, 3)
                self.assertEqual(numbers, [
                    "T%s/%04d/Z" % (year, number) for number in (5, 7, 9)
                ])
                # the sequence goes on after the block
                self.assertEqual(
                    self.env["ir.sequence"].next_by_code(sequence.code), "T%s/0011/Z" % year
                )
                self.assertEqual(self.env["ir.sequence"]._union_next_numbers(sequence.code, 0), [])

    def test_a_block_costs_the_same_queries_whatever_its_size(self):
        for implementation in ("standard", "no_gap"):
            with self.subTest(implementation=implementation):
                sequence = self._sequence(implementation)
                self.env.flush_all()
                counts = []
                for size in (3, 300):
                    before = self.env.cr.sql_log_count
                    numbers = self.env["ir.sequence"]._union_next_numbers(sequence.code, size)
                    counts.append(self.env.cr.sql_log_count - before)
                    self.assertEqual(len(set(numbers)), size)
                self.assertEqual(counts[0], counts[1])

    def test_a_sequence_per_year_numbers_in_the_year_asked(self):
        for implementation in ("standard", "no_gap"):
            with self.subTest(implementation=implementation):
                sequence = self._sequence(
                    implementation, prefix="%(range_year)s-", suffix=False, number_increment=1,
                    use_date_range=True,
                )
                self.assertEqual(
                    sequence._union_reserve(2, sequence_date=date(2025, 6, 1)),
                    ["2025-0001", "2025-0002"],
                )
                self.assertEqual(
                    sequence._union_reserve(1, sequence_date=date(2024, 3, 1)), ["2024-0001"]
                )
                self.assertEqual(sequence.next_by_id(sequence_date=date(2025, 7, 1)), "2025-0003")

    def test_a_missing_sequence_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "union.test.none is missing"):
            self.env["ir.sequence"]._union_next_numbers("union.test.none", 1)

    def test_grant_reference_is_stored_searchable_and_the_systems(self):
        grants = self._grant(self.file_a) | self._grant(self.file_a2)
        self.assertRegex(grants[0].name, r"^%s-\d{6}$" % self.living.code)
        self.assertNotEqual(grants[0].name, grants[1].name)
        Grant = self.env["union.relief.grant"].with_user(self.officer_a)
        self.assertEqual(Grant.search([("name", "=", grants[0].name)]), grants[0])
        self.assertEqual(Grant.name_search(grants[0].name[-6:]), [(grants[0].id, grants[0].display_name)])
        with self.assertRaisesRegex(UserError, "first state"):
            Grant.create({
                "programme_id": self.living.id, "file_id": self.file_a.id, "name": "LIVI-000001",
            })
        with self.assertRaisesRegex(UserError, "buttons only"):
            grants[0].with_user(self.officer_a).write({"name": "LIVI-000001"})

    def test_grants_made_before_stored_references_keep_theirs(self):
        grant = self._grant(self.file_a)
        self.env.flush_all()
        self.env.cr.execute("UPDATE union_relief_grant SET name = NULL WHERE id = %s", [grant.id])
        self.env["union.relief.grant"]._union_number_existing()
        self.assertEqual(grant.name, "%s-%06d" % (self.living.code, grant.id))
        # no later grant is given the same number
        later = self._grant(self.file_a2)
        self.assertGreater(int(later.name.split("-")[-1]), grant.id)

    def test_a_run_made_without_a_language_in_the_context_is_numbered(self):
        # a data file or a scheduled action runs with no language in its context:
        # the "New" of the field's default is the user's language, and still replaced
        load_chinese(self.env)
        self.accountant.lang = "zh_CN"
        Run = self.env["union.relief.payment.run"].with_user(self.accountant).with_context(lang=None)
        self.assertEqual(Run.default_get(["name"])["name"], "新建")
        grant = self._approved(self.file_a)
        run = Run._create_for_grants(grant.sudo())
        self.assertRegex(run.name, r"^PAY/\d{4}/")
