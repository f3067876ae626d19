from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def with_context(self, *args, **kwargs):
        """Union records speak the user's language when the caller gives none.

        An API client (JSON-RPC or XML-RPC ``execute_kw``) calls a method with an
        empty context, and every message would then be in English whatever the
        user's language. Odoo carries ``allowed_company_ids`` over the same way."""
        records = super().with_context(*args, **kwargs)
        if self._original_module != "union_relief" or "lang" in records.env.context:
            return records
        lang = records.env.user.lang
        return super(Base, records).with_context(lang=lang) if lang else records
