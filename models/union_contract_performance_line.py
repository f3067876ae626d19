from odoo import _, fields, models


class UnionContractPerformanceLine(models.Model):
    _name = "union.contract.performance.line"
    _description = "Collective Contract Performance Check Line"
    _inherit = ["union.locked.line.mixin"]
    _order = "performance_id, sequence, id"

    # the verdicts of a closed check are what the union reported: they change
    # only after a relief manager reopened the check
    _locked_line_parent_field = "performance_id"
    _locked_line_open_states = ("draft",)

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

    def _locked_line_message(self, parent):
        return _(
            "%s is closed: its clause results can no longer be changed; a relief "
            "manager may reopen it.",
            parent.display_name,
        )
