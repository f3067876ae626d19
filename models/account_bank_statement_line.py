from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_amount

from ..union_relief import bank_matching
from ..union_relief.money import money
from ..utils.actions import form_action
from ..utils.groups import ACCOUNTANT
from ..utils.records import lock_rows

# Payments made from another bank or cash journal are that bank's to match,
# even when both banks share the default outstanding accounts.
LIQUIDITY_JOURNAL_TYPES = ("bank", "cash", "credit")
OUTSTANDING_ACCOUNT_REFS = (
    ("inbound_payment_method_line_ids", "account_journal_payment_debit_account_id"),
    ("outbound_payment_method_line_ids", "account_journal_payment_credit_account_id"),
)


class AccountBankStatementLine(models.Model):
    """Bank reconciliation for the union accountant (银行对账).

    Odoo Community has no reconciliation screen; these methods propose the open
    payments and receipts a statement line settles (``union_relief/bank_matching.py``
    ranks them) and reconcile the chosen ones: the suspense line of the statement
    line's entry moves to the outstanding account, as Odoo's own reconciliation
    does, and is reconciled with the payment or receipt.
    """

    _inherit = "account.bank.statement.line"

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if self._union_oca_reconcile_installed():
            for button in arch.xpath(
                "//button[@name='action_union_open_reconcile' or @name='action_union_auto_reconcile']"
            ):
                button.getparent().remove(button)
        return arch, view

    @api.model
    def get_import_templates(self):
        return [*super().get_import_templates(), {
            "label": _("Import Template for Bank Statement Lines"),
            "template": "/union_relief/static/xls/bank_statement_lines_import_template.xlsx",
        }]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_union_open_reconcile(self):
        """The proposals for this statement line, in a wizard."""
        self.ensure_one()
        self._union_check_accountant()
        self._union_check_open()
        wizard = self.env["union.bank.reconcile.wizard"].create({
            "statement_line_id": self.id,
        })
        return form_action(wizard, _("Reconcile %s", self.payment_ref or self.move_id.name), target="new")

    def action_union_auto_reconcile(self):
        """Reconcile each selected line that has one unambiguous proposal and
        tell the accountant which lines are left, and why."""
        reconciled, left = self._union_auto_reconcile()
        lines = [
            self.env._("%(line)s: %(reason)s", line=st_line._union_label(), reason=reason)
            for st_line, reason in left.items()
        ]
        message = _("Bank statement lines reconciled: %s.", len(reconciled))
        if lines:
            message = "%s\n%s\n%s" % (message, _("Left for you:"), "\n".join(lines))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Automatic Reconciliation"),
                "message": message,
                "type": "warning" if left else "success",
                "sticky": bool(left),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Proposals
    # ------------------------------------------------------------------

    @api.model
    def _union_outstanding_accounts(self, journal):
        """The accounts the payments and receipts of ``journal`` wait on until
        the bank confirms them: those of its payment methods, or the company's
        default outstanding accounts where a method names none (as Odoo's
        payments and the union's donations book them)."""
        company = journal.company_id
        chart = self.env["account.chart.template"].with_context(
            allowed_company_ids=company.root_id.ids
        )
        accounts = self.env["account.account"]
        for fname, xmlid in OUTSTANDING_ACCOUNT_REFS:
            method_lines = journal[fname]
            accounts |= method_lines.payment_account_id
            if not method_lines or any(not line.payment_account_id for line in method_lines):
                accounts |= (
                    chart.ref(xmlid, raise_if_not_found=False) or company.transfer_account_id
                )
        return accounts

    def _union_open_items(self):
        """{statement line: the open items it may settle}, found with one search
        for all the lines: posted, unreconciled items of the same company on the
        outstanding accounts of the line's journal, not booked in another bank."""
        accounts = {journal: self._union_outstanding_accounts(journal) for journal in self.journal_id}
        all_accounts = self.env["account.account"].union(*accounts.values())
        candidates = self.env["account.move.line"].search([
            ("account_id", "in", all_accounts.ids),
            ("company_id", "in", self.company_id.ids),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
            ("amount_residual", "!=", 0.0),
            ("statement_line_id", "=", False),
        ], order="date, id")
        by_journal = {}
        for journal, company in {(st_line.journal_id, st_line.company_id) for st_line in self}:
            by_journal[journal, company] = candidates.filtered(
                lambda line, journal=journal, company=company: line.account_id in accounts[journal]
                and line.company_id == company
                and (line.journal_id == journal or line.journal_id.type not in LIQUIDITY_JOURNAL_TYPES)
            )
        return {st_line: by_journal[st_line.journal_id, st_line.company_id] for st_line in self}

    def _union_proposals(self):
        """{statement line: [(proposal, its move lines)]}, best first."""
        items_by_line = self._union_open_items()
        all_items = self.env["account.move.line"].union(*items_by_line.values())
        sheets = {
            donation["move_id"][0]: donation["collection_id"]
            for donation in self.env["union.donation"].sudo().search_read(
                [("move_id", "in", all_items.move_id.ids), ("collection_id", "!=", False)],
                ["move_id", "collection_id"],
            )
        }
        plain_items = {}
        for item in all_items:
            sheet = sheets.get(item.move_id.id) or (False, "")
            plain_items[item.id] = bank_matching.OpenItem(
                id=item.id,
                residual=money(item.amount_residual),
                partner_id=item.partner_id.commercial_partner_id.id or None,
                references=tuple(ref for ref in (item.move_id.ref, item.move_id.name) if ref),
                group_id=sheet[0] or None,
                group_name=sheet[1],
            )
        result = {}
        for st_line, items in items_by_line.items():
            if st_line.is_reconciled or not st_line._union_in_company_currency():
                result[st_line] = []
                continue
            proposals = bank_matching.propose(
                bank_matching.StatementLine(
                    amount=money(st_line.amount),
                    partner_id=st_line.partner_id.commercial_partner_id.id or None,
                    texts=tuple(text for text in (st_line.payment_ref, st_line.ref) if text),
                ),
                [plain_items[item.id] for item in items],
            )
            result[st_line] = [
                (proposal, self.env["account.move.line"].browse(proposal.item_ids))
                for proposal in proposals
            ]
        return result

    def _union_describe(self, proposal):
        """Why ``proposal`` is made, in the user's language."""
        texts = []
        for reason in proposal.reasons:
            if reason.code == bank_matching.AMOUNT:
                texts.append(_("exact amount"))
            elif reason.code == bank_matching.SAME_REFERENCE:
                texts.append(_(
                    "%(count)s items with the reference %(reference)s",
                    count=reason.count, reference=reason.value,
                ))
            elif reason.code == bank_matching.SAME_GROUP:
                texts.append(_(
                    "%(count)s receipts of the collection sheet %(sheet)s",
                    count=reason.count, sheet=reason.value,
                ))
            elif reason.code == bank_matching.SAME_PARTNER:
                texts.append(_("all %s open items of the partner", reason.count))
            elif reason.code == bank_matching.PARTNER:
                texts.append(_("same partner"))
            elif reason.code == bank_matching.REFERENCE:
                texts.append(_("%s is in the bank's label", reason.value))
        return "; ".join(texts)

    # ------------------------------------------------------------------
    # Reconciliation
    # ------------------------------------------------------------------

    def _union_auto_reconcile(self):
        """(reconciled statement lines, {statement line left: why})."""
        self._union_check_accountant()
        todo = self.filtered(lambda st_line: not st_line.is_reconciled)
        proposals = todo._union_proposals()
        matches = []
        left = {}
        taken = set()
        for st_line in todo:
            if not st_line._union_in_company_currency():
                left[st_line] = _("it is in a foreign currency")
                continue
            ranked = [proposal for proposal, _lines in proposals[st_line]]
            best = bank_matching.unambiguous(ranked)
            if not ranked:
                left[st_line] = _("no open payment or receipt has this amount")
            elif not best:
                left[st_line] = _(
                    "%s proposals are equally likely: choose one", len(ranked)
                )
            elif taken & set(best.item_ids):
                left[st_line] = _("its proposal is also the best one of another line")
            else:
                taken |= set(best.item_ids)
                matches.append((st_line, self.env["account.move.line"].browse(best.item_ids)))
        self._union_reconcile(matches)
        reconciled = self.browse([st_line.id for st_line, _lines in matches])
        return reconciled, left

    def _union_reconcile(self, matches):
        """Reconcile each statement line of ``matches`` (a list of (statement line,
        move lines)) with its move lines, all or nothing.

        The statement line's suspense line moves to the outstanding account of
        the items and is reconciled with them: the statement line is then
        reconciled, and so are the payments and receipts."""
        self._union_check_accountant()
        if not matches:
            return
        st_lines = self.browse([st_line.id for st_line, _lines in matches])
        items = self.env["account.move.line"].union(*(lines for _st_line, lines in matches))
        self._union_lock(st_lines.move_id.line_ids | items)
        # read the items of all lines at once, as read again after the lock
        matches = [(st_line, lines.with_prefetch(items._prefetch_ids)) for st_line, lines in matches]
        outstanding = {journal: self._union_outstanding_accounts(journal) for journal in st_lines.journal_id}
        used = self.env["account.move.line"]
        for st_line, lines in matches:
            st_line._union_check_can_reconcile(lines, outstanding[st_line.journal_id])
            if used & lines:
                raise UserError(_(
                    "%s is ticked for two bank statement lines: a payment or receipt is "
                    "settled once.", (used & lines)[0].move_id.display_name,
                ))
            used |= lines
        plan = []
        suspense_by_account = {}
        for st_line, lines in matches:
            suspense = st_line._seek_for_lines()[1]
            suspense_by_account.setdefault(lines.account_id, []).append(suspense.id)
            plan.append(suspense | lines)
        MoveLine = self.env["account.move.line"].with_context(skip_account_move_synchronization=True)
        for account, suspense_ids in suspense_by_account.items():
            # an outstanding account carries no analytic distribution: saying so
            # spares Odoo looking up the distribution models line by line
            MoveLine.browse(suspense_ids).write({
                "account_id": account.id,
                "analytic_distribution": False,
            })
        self.env["account.move.line"]._reconcile_plan(plan)

    def _union_check_accountant(self):
        if not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(_("Only the union accountant reconciles bank statement lines."))

    def _union_check_open(self):
        for st_line in self:
            if st_line.is_reconciled:
                raise UserError(_(
                    "The bank statement line %s is already reconciled.", st_line._union_label()
                ))
            _liquidity, suspense, other = st_line._seek_for_lines()
            if len(suspense) != 1 or other:
                raise UserError(_(
                    "The bank statement line %s is partly reconciled: undo its reconciliation "
                    "first, then reconcile it here.", st_line._union_label(),
                ))
            if not st_line._union_in_company_currency():
                raise UserError(_(
                    "The bank statement line %s is in a foreign currency: only lines in the "
                    "company's currency are reconciled here.", st_line._union_label(),
                ))

    def _union_check_can_reconcile(self, lines, outstanding):
        """Refuse what would not settle this statement line exactly and once with
        ``lines``, which must be on the ``outstanding`` accounts of its journal."""
        self.ensure_one()
        self._union_check_open()
        label = self._union_label()
        if not lines:
            raise UserError(_(
                "Tick the payments or receipts that the bank statement line %s settles.", label
            ))
        company = self.company_id
        for line in lines:
            item = line.move_id.display_name
            if line.company_id != company:
                raise UserError(_(
                    "%(item)s belongs to another company than the bank statement line %(line)s.",
                    item=item, line=label,
                ))
            if line.parent_state != "posted":
                raise UserError(_("%s is not posted: only posted entries are reconciled.", item))
            if line.reconciled or company.currency_id.is_zero(line.amount_residual):
                raise UserError(_(
                    "%s is already reconciled: it cannot settle another bank statement line.", item
                ))
            if line.currency_id != company.currency_id:
                raise UserError(_(
                    "%s is in a foreign currency: only items in the company's currency are "
                    "reconciled here.", item,
                ))
        if lines.account_id - outstanding:
            raise UserError(_(
                "%(item)s is not on an outstanding payments or receipts account of the "
                "journal %(journal)s.",
                item=lines.filtered(lambda line: line.account_id not in outstanding)[0].move_id.display_name,
                journal=self.journal_id.display_name,
            ))
        if len(lines.account_id) > 1:
            raise UserError(_(
                "The items ticked are on several accounts (%s): reconcile payments and "
                "receipts with separate bank statement lines.",
                ", ".join(lines.account_id.mapped("display_name")),
            ))
        residuals = [money(residual) for residual in lines.mapped("amount_residual")]
        if not bank_matching.settles(money(self.amount), residuals):
            currency = company.currency_id
            raise UserError(_(
                "The bank statement line %(line)s is %(amount)s but the items ticked leave "
                "%(total)s open: tick items that add up exactly to the amount.",
                line=label,
                amount=format_amount(self.env, self.amount, currency),
                total=format_amount(self.env, float(sum(residuals)), currency),
            ))

    @api.model
    def _union_oca_reconcile_installed(self):
        """Whether OCA's reconciliation widget (account_reconcile_oca) is installed:
        the accountant then reconciles there, and the union's buttons are hidden."""
        return "account.reconcile.abstract" in self.env

    def _union_in_company_currency(self):
        self.ensure_one()
        company_currency = self.company_id.currency_id
        return not self.foreign_currency_id and self.currency_id == company_currency

    def _union_label(self):
        self.ensure_one()
        return "%s %s" % (self.date, self.payment_ref or self.move_id.name)

    def _union_lock(self, move_lines):
        """Lock the journal items so that two accountants cannot settle the same
        payment at once; the second gets a clear message, not a double reconciliation."""
        if not lock_rows(move_lines):
            raise UserError(_(
                "Another user is reconciling these payments right now; try again in a moment."
            ))
        move_lines.invalidate_recordset(["reconciled", "amount_residual", "account_id"])
