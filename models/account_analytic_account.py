from odoo import api, models

UNION_FUNDS_PLAN = "union_relief.analytic_plan_union_funds"


class AccountAnalyticAccount(models.Model):
    _inherit = "account.analytic.account"

    @api.model
    def _union_create_funds(self, holders, vals_list):
        """Open the fund of each of ``holders`` (relief programmes, donation
        campaigns): an analytic account in the "Union funds" plan and the
        holder's company, set as its ``analytic_account_id``. Every union fund
        is opened here, so that the funds' statements find them all in one plan.

        :param vals_list: for each holder, the account's own values (its name,
            a code)
        :return: the new analytic accounts, in the order of ``holders``
        """
        plan = self.env.ref(UNION_FUNDS_PLAN)
        accounts = self.sudo().create([
            {**vals, "plan_id": plan.id, "company_id": holder.company_id.id}
            for holder, vals in zip(holders, vals_list, strict=True)
        ])
        # the fund is the system's, set once the holder exists
        for holder, account in zip(holders.sudo(), accounts):
            holder.analytic_account_id = account
        return accounts
