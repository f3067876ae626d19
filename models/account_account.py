from odoo import api, models


class AccountAccount(models.Model):
    _inherit = "account.account"

    @api.model
    def _union_default_account(self, xmlid):
        """The add-on's account ``xmlid`` (donation income, fund transfers) as a
        default of the current company's forms: empty when the company does not
        use it."""
        account = self.env.ref(xmlid, raise_if_not_found=False)
        # sudo: who opens the form may not read the account of another company
        if account and self.env.company in account.sudo().company_ids:
            return account
        return self.browse()
