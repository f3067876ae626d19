from odoo import _, api, models

DONATION_JOURNAL_CODE = "UDON"


class AccountJournal(models.Model):
    _inherit = "account.journal"

    def _union_relief_secure(self):
        """Hash-lock the journals that book union money (Odoo's secured entries), so
        that the audit committee (经审会) can prove no posted entry changed."""
        self.sudo().filtered(lambda j: not j.restrict_mode_hash_table).write({
            "restrict_mode_hash_table": True,
        })

    @api.model
    def _union_donation_journal(self, company):
        """The union's donations journal of ``company``: a general journal, hash-locked,
        made the first time a campaign or transfer needs it. Donations cannot be
        posted in the bank journal itself, which Odoo does not hash-lock (its statement
        lines are rewritten when they are reconciled)."""
        Journal = self.sudo()
        journal = Journal.search([
            *Journal._check_company_domain(company),
            ("code", "=", DONATION_JOURNAL_CODE),
            ("type", "=", "general"),
        ], limit=1)
        if not journal:
            journal = Journal.create({
                "name": _("Union Donations"),
                "code": DONATION_JOURNAL_CODE,
                "type": "general",
                "company_id": company.id,
                "restrict_mode_hash_table": True,
            })
        return journal
