from odoo import models


class UnionXlsxExportMixin(models.AbstractModel):
    """A record whose XLSX export is built on the fly and streamed by the route
    ``/union_relief/xlsx/<model>/<id>`` (controllers/union_relief_xlsx.py), never
    kept as an attachment (see utils/xlsx.py)."""

    _name = "union.xlsx.export.mixin"
    _description = "XLSX Export"

    def _action_download_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": "/union_relief/xlsx/%s/%s" % (self._name, self.id),
            "target": "self",
        }

    def _get_xlsx_export(self):
        """Return ``(filename, content)`` of the record's workbook, as the current
        user. The route has checked that the user reads the record; the export
        checks whatever else it needs."""
        raise NotImplementedError()

    def _xlsx_export(self):
        """What the route sends: the export of a record the user may read."""
        self.ensure_one()
        self.check_access("read")
        return self._get_xlsx_export()
