from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _increase_rank(self, field, n=1):
        # while account.move._union_post posts, the increases are summed per
        # partner and applied once the entries are posted, in one statement
        # per rank and increment instead of one per partner
        increases = self.env.context.get("union_rank_increases")
        if increases is None or not self.ids:
            return super()._increase_rank(field, n)
        for partner_id in self.ids:
            increases[field][partner_id] += n
        return None
