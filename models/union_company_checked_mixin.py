from odoo import models


class UnionCompanyCheckedMixin(models.AbstractModel):
    """Records a batch run creates by the thousand, as superuser, once it checked
    that what they name belongs to the programme's company (see the batch
    wizard): Odoo's check, record by record and field by field, would cost more
    than the creation. Any other caller gets Odoo's check."""

    _name = "union.company.checked.mixin"
    _description = "Union Record Checked by its Batch Run"

    def _check_company(self, fnames=None):
        if self.env.su and self.env.context.get("union_relief_companies_checked"):
            return
        super()._check_company(fnames)
