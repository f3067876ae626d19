"""XLSX downloads of the relief add-on (ledger, bank-transfer list) with xlsxwriter."""

import base64
import io

import xlsxwriter


def xlsx_download(env, filename, sheet_name, headers, rows, money_columns=()):
    """Write one sheet into an attachment and return the action downloading it."""
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    amount = workbook.add_format({"num_format": "#,##0.00"})
    for col, header in enumerate(headers):
        sheet.write(0, col, header, bold)
        sheet.set_column(col, col, max(12, len(header) + 4))
    for row_no, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if col in money_columns:
                sheet.write_number(row_no, col, value or 0.0, amount)
            else:
                sheet.write(row_no, col, value if value not in (None, False) else "")
    sheet.freeze_panes(1, 0)
    workbook.close()
    attachment = env["ir.attachment"].create({
        "name": filename,
        "datas": base64.b64encode(stream.getvalue()),
        "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    })
    return {
        "type": "ir.actions.act_url",
        "url": "/web/content/%s?download=true" % attachment.id,
        "target": "self",
    }
