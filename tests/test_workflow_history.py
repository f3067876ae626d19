from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_relief import UnionReliefAccountingCommon


@tagged("post_install", "-at_install")
class TestWorkflowHistory(UnionReliefAccountingCommon):
    """The guard keeps every step with its date, so that what was on record at a past
    date is read, not reconstructed."""

    def _history(self, grant):
        return self.env["union.workflow.history"].search(
            [("res_model", "=", grant._name), ("res_id", "=", grant.id)], order="date, id"
        )

    def test_each_step_is_kept_with_its_date_and_the_state_at_any_moment_is_known(self):
        with freeze_time("2026-03-01 09:00:00"):
            grant = self._grant(self.file_a)
            grant.action_submit()
        with freeze_time("2026-03-05 10:00:00"):
            grant.with_user(self.centre_officer).action_approve()
        with freeze_time("2026-04-01 08:00:00"):
            grant.cancel_reason = "重复发放"
            grant.with_user(self.manager).action_cancel()
        self.assertEqual(
            [(h.step, h.from_state, h.to_state, h.user_id) for h in self._history(grant)],
            [
                ("submit", "draft", "submitted", self.officer_a),
                ("approve", "submitted", "approved", self.centre_officer),
                ("cancel_booked", "approved", "cancelled", self.manager),
            ],
        )
        History = self.env["union.workflow.history"]
        states = {
            moment: History._states_at(grant._name, datetime(*moment), [grant.id]).get(grant.id)
            for moment in ((2026, 2, 28), (2026, 3, 2), (2026, 3, 31), (2026, 12, 31))
        }
        self.assertEqual(states, {
            (2026, 2, 28): None,
            (2026, 3, 2): "submitted",
            (2026, 3, 31): "approved",
            (2026, 12, 31): "cancelled",
        })

    def test_a_batch_step_is_one_insert(self):
        grants = self._grant(self.file_a) | self._grant(self.file_a2) | self._grant(self.file_b, user=self.officer_b)
        grants.sudo().action_submit()
        self.assertEqual(
            self.env["union.workflow.history"].search_count([
                ("res_model", "=", grants._name), ("res_id", "in", grants.ids), ("step", "=", "submit"),
            ]),
            3,
        )

    def test_history_is_never_written_by_hand(self):
        grant = self._grant(self.file_a)
        grant.action_submit()
        line = self._history(grant)
        for user in (self.officer_a, self.manager, self.auditor):
            with self.assertRaises(UserError):
                line.with_user(user).write({"to_state": "paid"})
            with self.assertRaises(UserError):
                line.with_user(user).unlink()
            with self.assertRaises(UserError):
                self.env["union.workflow.history"].with_user(user).create({
                    "res_model": grant._name, "res_id": grant.id, "step": "approve",
                    "to_state": "approved", "date": "2026-01-01",
                })
        self.assertEqual(line.to_state, "submitted")

    def test_officers_read_the_history_of_their_organisations_only(self):
        grant = self._grant(self.file_a)
        grant.action_submit()
        line = self._history(grant)
        History = self.env["union.workflow.history"]
        self.assertEqual(History.with_user(self.officer_a).search([("id", "=", line.id)]), line)
        self.assertFalse(History.with_user(self.officer_b).search([("id", "=", line.id)]))
        with self.assertRaises(AccessError):
            line.with_user(self.officer_b).read(["to_state"])
        with self.assertRaises(AccessError):
            line.with_user(self.member).read(["to_state"])
        self.assertEqual(History.with_user(self.auditor).search([("id", "=", line.id)]), line)
