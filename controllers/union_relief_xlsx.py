from odoo import http
from odoo.http import content_disposition, request

from ..utils.xlsx import XLSX_MIMETYPE


class UnionReliefXlsx(http.Controller):
    @http.route("/union_relief/xlsx/<string:model>/<int:record_id>", type="http", auth="user")
    def union_relief_xlsx(self, model, record_id, **kwargs):
        """Stream the XLSX export of a record: built for this request, kept nowhere."""
        exportable = request.env.registry.get("union.xlsx.export.mixin")
        if model not in request.env or not isinstance(request.env[model], exportable):
            raise request.not_found()
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise request.not_found()
        filename, content = record._xlsx_export()
        return request.make_response(content, headers=[
            ("Content-Type", XLSX_MIMETYPE),
            ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(filename)),
            ("Cache-Control", "no-store"),
        ])
