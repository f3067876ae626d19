from odoo import fields, models


class UnionContractClause(models.Model):
    _name = "union.contract.clause"
    _description = "Collective Contract Clause"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one(
        comodel_name="union.collective.contract",
        required=True,
        index=True,
        ondelete="cascade",
    )
    organization_id = fields.Many2one(
        related="contract_id.organization_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id",
        store=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
    )
    sequence = fields.Integer(
        default=10,
    )
    clause_type = fields.Selection(
        selection=[
            ("wage_adjustment", "Wage Adjustment Rate"),
            ("minimum_pay", "Minimum Pay in the Enterprise"),
            ("average_pay", "Average Pay"),
            ("allowance", "Allowance"),
            ("working_hours", "Working Hours"),
            ("women_workers", "Women Workers"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="other",
    )
    name = fields.Char(
        string="Clause",
        required=True,
    )
    commitment = fields.Text(
        required=True,
        help="What the employer commits to, as written in the contract.",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(5, 2),
        help="Yearly wage adjustment rate agreed.",
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        help="Monthly amount agreed: minimum pay, average pay or allowance.",
    )
    hours = fields.Float(
        string="Hours per Week",
        digits=(5, 1),
    )
