from odoo import _, api, fields, models
from odoo.exceptions import UserError


class UnionContractPerformanceLine(models.Model):
    _name = "union.contract.performance.line"
    _description = "Collective Contract Performance Check Line"
    _order = "performance_id, sequence, id"

    performance_id = fields.Many2one(
        comodel_name="union.contract.performance",
        string="Performance Check",
        required=True,
        index=True,
        ondelete="cascade",
    )
    organization_id = fields.Many2one(
        related="performance_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="performance_id.company_id",
        store=True,
    )
    clause_id = fields.Many2one(
        comodel_name="union.contract.clause",
        required=True,
        ondelete="restrict",
        domain="[('contract_id', '=', parent.contract_id)]",
    )
    sequence = fields.Integer(
        related="clause_id.sequence",
        store=True,
    )
    clause_type = fields.Selection(
        related="clause_id.clause_type",
    )
    commitment = fields.Text(
        related="clause_id.commitment",
    )
    result = fields.Selection(
        selection=[
            ("honoured", "Honoured"),
            ("partly", "Partly Honoured"),
            ("not_honoured", "Not Honoured"),
        ],
    )
    evidence = fields.Text(
        help="What shows the result: payroll figures, rosters, inspection notes.",
    )
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Evidence Documents",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_performance_open()
        return lines

    def write(self, vals):
        self._check_performance_open()
        result = super().write(vals)
        if "performance_id" in vals:
            self._check_performance_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_performance_done(self):
        self._check_performance_open()

    def _check_performance_open(self):
        """The verdicts of a closed check are what the union reported: they
        change only after a relief manager reopened the check."""
        if self.env.su:
            return
        for check in self.performance_id:
            if check.state != "draft":
                raise UserError(_(
                    "%s is closed: its clause results can no longer be changed; a relief "
                    "manager may reopen it.",
                    check.display_name,
                ))
