from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class UnionWorkflowHistory(models.Model):
    """Every step a union record took, with its date: what statistics stand on
    ("files on record at 31 December", "entered and exited this year by reason").

    Written by the workflow guard only, never changed afterwards.
    """

    _name = "union.workflow.history"
    _description = "Workflow History"
    _order = "date desc, id desc"
    _rec_name = "step"

    res_model = fields.Char(
        string="Model",
        required=True,
        index=True,
        readonly=True,
    )
    res_id = fields.Many2oneReference(
        string="Record",
        model_field="res_model",
        required=True,
        index=True,
        readonly=True,
    )
    step = fields.Char(
        required=True,
        readonly=True,
    )
    from_state = fields.Char(
        readonly=True,
    )
    to_state = fields.Char(
        required=True,
        readonly=True,
    )
    date = fields.Datetime(
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="By",
        readonly=True,
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("The workflow history is written by the workflow steps only."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise UserError(self.env._("The workflow history is never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The workflow history is never deleted."))

    @api.model
    def _record(self, records, step, from_states, to_state):
        """Add one line per record: ``from_states`` is {id: state before the step}.

        One INSERT for the whole batch (a batch run takes a step on thousands of
        grants at once)."""
        if not records:
            return
        organization_field = next((
            fname for fname in ("organization_id", records._workflow_organization_field)
            if fname in records._fields
            and records._fields[fname].comodel_name == "union.organization"
        ), None)
        has_organization = bool(organization_field)
        has_company = "company_id" in records._fields
        rows = [
            (
                records._name,
                record.id,
                step,
                from_states.get(record.id),
                to_state,
                self.env.uid,
                record[organization_field].id if has_organization else None,
                record.company_id.id if has_company else None,
            )
            for record in records.sudo()
        ]
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO union_workflow_history
                (res_model, res_id, step, from_state, to_state, user_id, organization_id,
                 company_id, date, create_uid, write_uid, create_date, write_date)
            SELECT r.res_model, r.res_id, r.step, r.from_state, r.to_state, r.user_id,
                   r.organization_id, r.company_id, %s, r.user_id, r.user_id,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::int[], %s::varchar[], %s::varchar[],
                          %s::varchar[], %s::int[], %s::int[], %s::int[])
                AS r(res_model, res_id, step, from_state, to_state, user_id,
                     organization_id, company_id)
            """,
            [fields.Datetime.now(), *(list(column) for column in zip(*rows))],
        )

    @api.model
    def _states_at(self, model_name, moment, res_ids=None):
        """{record id: state} of the records of ``model_name`` that had taken a step
        by ``moment`` (a datetime): the state their last step before it left them in."""
        self.flush_model()
        only = SQL("AND res_id = ANY(%s)", list(res_ids)) if res_ids is not None else SQL()
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT ON (res_id) res_id, to_state
              FROM union_workflow_history
             WHERE res_model = %s AND date <= %s %s
          ORDER BY res_id, date DESC, id DESC
            """,
            model_name, moment, only,
        ))
        return dict(self.env.cr.fetchall())
