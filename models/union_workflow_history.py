from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, sql

from .union_hardship_file import CATEGORIES, CLOSED_STATES

HARDSHIP_FILE = "union.hardship.file"


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
    # what a hardship file was filed as after the step: the yearly statistics
    # count the households by category at any past date from these
    category = fields.Selection(
        selection=CATEGORIES,
        readonly=True,
    )
    subclass_id = fields.Many2one(
        comodel_name="union.hardship.subclass",
        string="Sub-class",
        ondelete="restrict",
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

    def init(self):
        res = super().init()
        # on upgrade; on install the files' table comes later, with no file yet
        if sql.table_exists(self.env.cr, "union_hardship_file"):
            self._backfill_hardship_files()
        return res

    @api.model
    def _backfill_hardship_files(self):
        """Give the hardship files filed before the history kept their steps (or
        their category) the lines the yearly statistics count: their filing and
        closing on their filing and closing dates, with their category. Lines are
        added only where missing: running it again changes nothing."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            UPDATE union_workflow_history h
               SET category = f.category, subclass_id = f.subclass_id
              FROM union_hardship_file f
             WHERE h.res_model = %(model)s AND h.res_id = f.id
               AND h.category IS NULL AND f.category IS NOT NULL
            """,
            model=HARDSHIP_FILE,
        ))
        # at noon: the same day in every time zone
        self.env.cr.execute(SQL(
            """
            INSERT INTO union_workflow_history
                (res_model, res_id, step, from_state, to_state, date, organization_id,
                 company_id, category, subclass_id, create_date, write_date)
            SELECT %(model)s, f.id, s.step, s.from_state, s.to_state,
                   s.day + interval '12 hours', f.organization_id, f.company_id,
                   f.category, f.subclass_id,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM union_hardship_file f
             CROSS JOIN LATERAL (VALUES
                   ('file', 'notice', 'filed', f.filed_date, 1),
                   (CASE f.state WHEN 'exited' THEN 'exit' WHEN 'withdrawn' THEN 'withdraw'
                                 ELSE 'cancel' END,
                    'filed', f.state, GREATEST(f.close_date, f.filed_date), 2)
                   ) AS s(step, from_state, to_state, day, sequence)
             WHERE f.filed_date IS NOT NULL
               AND (s.step = 'file' OR f.state IN %(closed)s)
               AND NOT EXISTS (
                   SELECT 1 FROM union_workflow_history h
                    WHERE h.res_model = %(model)s AND h.res_id = f.id AND h.step = s.step
               )
          ORDER BY f.id, s.sequence
            """,
            model=HARDSHIP_FILE,
            closed=CLOSED_STATES,
        ))
        self.invalidate_model()

    @api.model
    def _record(self, records, step, from_states, to_state):
        """Add one line per record: ``from_states`` is {id: state before the step};
        ``to_state`` is the state the step left them in, or {id: state}.

        One INSERT for the whole batch (a batch run takes a step on thousands of
        grants at once). Records that keep a category (``_workflow_category_fields``)
        have it written on the line as it stands after the step."""
        if not records:
            return
        organization_field = next((
            fname for fname in ("organization_id", records._workflow_organization_field)
            if fname in records._fields
            and records._fields[fname].comodel_name == "union.organization"
        ), None)
        has_organization = bool(organization_field)
        has_company = "company_id" in records._fields
        category_field, subclass_field = records._workflow_category_fields or (None, None)
        to_states = to_state if isinstance(to_state, dict) else dict.fromkeys(records.ids, to_state)
        rows = [
            (
                records._name,
                record.id,
                step,
                from_states.get(record.id),
                to_states[record.id],
                self.env.uid,
                record[organization_field].id if has_organization else None,
                record.company_id.id if has_company else None,
                record[category_field] or None if category_field else None,
                record[subclass_field].id or None if subclass_field else None,
            )
            for record in records.sudo()
        ]
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO union_workflow_history
                (res_model, res_id, step, from_state, to_state, user_id, organization_id,
                 company_id, category, subclass_id, date, create_uid, write_uid, create_date,
                 write_date)
            SELECT r.res_model, r.res_id, r.step, r.from_state, r.to_state, r.user_id,
                   r.organization_id, r.company_id, r.category, r.subclass_id, %s, r.user_id,
                   r.user_id, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::int[], %s::varchar[], %s::varchar[],
                          %s::varchar[], %s::int[], %s::int[], %s::int[], %s::varchar[],
                          %s::int[])
                AS r(res_model, res_id, step, from_state, to_state, user_id,
                     organization_id, company_id, category, subclass_id)
            """,
            [fields.Datetime.now(), *(list(column) for column in zip(*rows))],
        )

    @api.model
    def _states_at(self, model_name, moment, res_ids=None):
        """{record id: state} of the records of ``model_name`` that had taken a step
        by ``moment`` (a datetime): the state their last step before it left them in."""
        return {
            res_id: line["to_state"]
            for res_id, line in self._last_lines_at(model_name, moment, res_ids).items()
        }

    @api.model
    def _categories_at(self, model_name, moment, res_ids=None):
        """{record id: (category, sub-class id)} of the records of ``model_name``
        (hardship files) as their last step before ``moment`` left them."""
        return {
            res_id: (line["category"], line["subclass_id"])
            for res_id, line in self._last_lines_at(model_name, moment, res_ids).items()
        }

    @api.model
    def _last_lines_at(self, model_name, moment, res_ids=None):
        """{record id: dict of its last history line before ``moment``}."""
        self.flush_model()
        only = SQL("AND res_id = ANY(%s)", list(res_ids)) if res_ids is not None else SQL()
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT ON (res_id) res_id, to_state, category, subclass_id
              FROM union_workflow_history
             WHERE res_model = %s AND date <= %s %s
          ORDER BY res_id, date DESC, id DESC
            """,
            model_name, moment, only,
        ))
        return {row["res_id"]: row for row in self.env.cr.dictfetchall()}
