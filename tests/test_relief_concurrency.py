import psycopg2.errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestBudgetUnderConcurrency(BaseCase):
    """Two relief centre officers approve two grants of one programme at the same
    moment, each in its own database transaction (two real cursors, committed data):
    the budget can never be overrun."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.db = sql_db.db_connect(get_db_name())
        with cls.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            journal = env["account.journal"].create({
                "name": "并发测试", "code": "BFCS", "type": "general",
            })
            programme = env["union.relief.programme"].create({
                "name": "并发预算测试",
                "code": "BFYS",
                "programme_type": "emergency",
                "organization_id": env.ref("union_relief.demo_org_bureau").id,
                "budget": 1201.0,
                "second_approval_amount": 0.0,
                "journal_id": journal.id,
                "expense_account_id": env.ref("union_relief.demo_account_union_502").id,
                "standard_ids": [(0, 0, {
                    "name": "每户", "method": "fixed_household", "amount": 100.0,
                })],
            })
            programme.action_open()
            grants = env["union.relief.grant"].create([
                {
                    "programme_id": programme.id,
                    "file_id": env.ref(xmlid).id,
                    "override_amount": 1050.0,
                    "override_reason": "突发重病",
                }
                for xmlid in ("union_relief.demo_file_zhao_haijun",
                              "union_relief.demo_file_ma_junjie")
            ])
            grants.action_submit()
            cls.journal_id, cls.programme_id = journal.id, programme.id
            cls.grant_ids = grants.ids
            cls.centre_uid = env.ref("union_relief.demo_user_centre").id
            cls.manager_uid = env.ref("union_relief.demo_user_manager").id

    @classmethod
    def tearDownClass(cls):
        # the data was committed: take it away again
        with cls.db.cursor() as cr:
            cr.execute("SELECT id FROM account_move WHERE journal_id = %s", [cls.journal_id])
            move_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute("DELETE FROM mail_activity WHERE res_model = 'union.relief.grant' AND res_id IN %s",
                       [tuple(cls.grant_ids)])
            cr.execute("DELETE FROM union_relief_grant WHERE id IN %s", [tuple(cls.grant_ids)])
            cr.execute("DELETE FROM account_analytic_line WHERE move_line_id IN "
                       "(SELECT id FROM account_move_line WHERE move_id IN %s)", [move_ids])
            cr.execute("DELETE FROM account_move_line WHERE move_id IN %s", [move_ids])
            cr.execute("DELETE FROM account_move WHERE id IN %s", [move_ids])
            cr.execute("DELETE FROM union_relief_standard WHERE programme_id = %s", [cls.programme_id])
            cr.execute("SELECT analytic_account_id FROM union_relief_programme WHERE id = %s",
                       [cls.programme_id])
            analytic_id = cr.fetchone()[0]
            cr.execute("DELETE FROM union_relief_programme WHERE id = %s", [cls.programme_id])
            cr.execute("DELETE FROM account_analytic_account WHERE id = %s", [analytic_id])
            cr.execute("DELETE FROM account_journal WHERE id = %s", [cls.journal_id])
        cls.registry.clear_cache()
        super().tearDownClass()

    def _approved_total(self, cr):
        cr.execute(
            "SELECT COALESCE(SUM(amount), 0) FROM union_relief_grant "
            "WHERE programme_id = %s AND state IN ('approved', 'notice', 'paid')",
            [self.programme_id],
        )
        return cr.fetchone()[0]

    def test_two_approvals_at_once_never_exceed_the_budget(self):
        first_grant, second_grant = self.grant_ids
        with self.db.cursor() as cr_first, self.db.cursor() as cr_second:
            env_first = api.Environment(cr_first, self.centre_uid, {})
            env_second = api.Environment(cr_second, self.manager_uid, {})
            # the second transaction starts (and takes its snapshot) before the
            # first one commits, as two requests arriving together do
            self.assertEqual(env_second["union.relief.grant"].browse(second_grant).state, "submitted")
            env_first["union.relief.grant"].browse(first_grant).action_approve()
            cr_first.commit()
            # before the fix the second approval passed the budget check on its
            # old snapshot (1,050 committed of 1,201 unseen) and committed too
            with self.assertRaises(psycopg2.errors.SerializationFailure), mute_logger("odoo.sql_db"):
                env_second["union.relief.grant"].browse(second_grant).action_approve()
            cr_second.rollback()
            # Odoo runs a request that failed so again: now the first grant is seen
            env_second.invalidate_all()
            with self.assertRaisesRegex(UserError, "151.00 left"):
                env_second["union.relief.grant"].browse(second_grant).action_approve()
            cr_second.rollback()
        with self.db.cursor() as cr:
            self.assertEqual(self._approved_total(cr), 1050.0)
