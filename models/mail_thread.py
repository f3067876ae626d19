from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """A workflow step of a union record notifies whoever acts next (an activity)
        and may post a note: it must not fail because the acting user has no e-mail
        address. Such a message goes out from the company's address instead (or, when
        the company has none either, from Odoo's default sender)."""
        if self._original_module != "union_relief":
            return super()._message_compute_author(author_id, email_from, raise_on_email)
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False
        )
        return author_id, email_from or self.env.company.email_formatted

    def _creation_message(self):
        """The creation message of a union record, in one language.

        Without a language in the context (data files, scripts), Odoo writes its
        "%s created" in the user's language but reads the model's name in English:
        "Hardship File 创建". Both are taken in the user's language then."""
        if self._original_module != "union_relief" or self.env.lang:
            return super()._creation_message()
        lang = self.env["res.users"].context_get().get("lang")
        return super(MailThread, self.with_context(lang=lang))._creation_message()
