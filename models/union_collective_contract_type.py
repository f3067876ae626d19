from odoo import fields, models


class UnionCollectiveContractType(models.Model):
    _name = "union.collective.contract.type"
    _description = "Collective Contract Type"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char(
        help="Short code printed in the contract ledger.",
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    is_wage_agreement = fields.Boolean(
        string="Wage Agreement",
        help="Wage agreements (工资专项集体合同) are negotiated about every year and "
        "record the pay system, average pay, its adjustment rate and allowances.",
    )
    description = fields.Text(
        translate=True,
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a collective contract type must be unique."),
    ]
