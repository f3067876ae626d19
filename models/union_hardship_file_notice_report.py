from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..utils.groups import CENTRE


class ReportUnionHardshipFileNotice(models.AbstractModel):
    _name = "report.union_relief.report_hardship_file_notice"
    _description = "Public Notice of Hardship Files"

    @api.model
    def _get_report_values(self, docids, data=None):
        files = self.env["union.hardship.file"].browse(docids)
        self._check_can_print(files)
        return {
            "doc_ids": docids,
            "doc_model": "union.hardship.file",
            "docs": files,
            "notices": files._get_public_notices(),
        }

    @api.model
    def _check_can_print(self, files):
        """The relief centre that starts a file's public notice posts it: it prints
        the files it may read, while their notice runs. The notice is read as the
        system (workers' names, to be masked), so the rights are checked here."""
        if not self.env.user.has_group(CENTRE):
            raise AccessError(self.env._(
                "Only the relief centre prints the public notice of hardship files."
            ))
        files.check_access("read")
        not_in_notice = files.filtered(lambda f: f.state != "notice")
        if not_in_notice:
            raise UserError(self.env._(
                "Only files in public notice are printed on a notice; these are not: "
                "%(files)s.",
                files=", ".join(not_in_notice.mapped("display_name")),
            ))
