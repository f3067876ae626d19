import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import xlsx_file
from .common_donation import UnionDonationCommon


@tagged("post_install", "-at_install")
class TestDonationImport(UnionDonationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls._create_collection(350.0)

    def _csv(self, text):
        return base64.b64encode(text.encode("utf-8-sig"))

    def _wizard(self, data, filename):
        return self.env["union.donation.import.wizard"].create({
            "collection_id": self.collection.id,
            "data_file": data,
            "filename": filename,
        })

    def test_xlsx_preview_then_import_then_validate(self):
        wizard = self._wizard(xlsx_file([
            ["变电运维一班 六月爱心捐款"],
            ["捐款人", "金额", "公示方式"],
            ["张三明", 200, "实名"],
            ["李小红", "150", "匿名"],
        ]), "sheet.xlsx")
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.error_count, 0)
        self.assertEqual(wizard.total_amount, 350.0)
        self.assertRecordValues(wizard.line_ids, [
            {"line": 3, "employee_id": self.employee_a.id, "amount": 200.0, "visibility": "named", "error": False},
            {"line": 4, "employee_id": self.employee_a2.id, "amount": 150.0, "visibility": "anonymous", "error": False},
        ])
        wizard.action_import()
        self.assertRecordValues(self.collection.donation_ids.sorted("amount"), [
            {"employee_id": self.employee_a2.id, "amount": 150.0, "method": "cash", "state": "draft",
             "date": self.collection.date, "campaign_id": self.campaign.id},
            {"employee_id": self.employee_a.id, "amount": 200.0, "method": "cash", "state": "draft",
             "date": self.collection.date, "campaign_id": self.campaign.id},
        ])
        self.collection.action_validate()
        self.assertEqual(self.campaign.raised_amount, 350.0)

    def test_csv_with_english_headers(self):
        wizard = self._wizard(self._csv(
            "Donor,Amount,Date,Method\n张三明,100.50,%s,bank transfer\n" % self.yesterday.isoformat()
        ), "sheet.csv")
        wizard.action_import()
        self.assertRecordValues(self.collection.donation_ids, [
            {"amount": 100.5, "method": "bank", "date": self.yesterday, "visibility": "masked"},
        ])

    def test_a_bad_line_imports_nothing_and_every_error_is_listed(self):
        future = self.today.replace(year=self.today.year + 1).isoformat()
        wizard = self._wizard(self._csv(
            "捐款人,金额,日期\n"
            "张三明,200,\n"
            "无此人,50,\n"
            "李小红,-5,\n"
            ",10,\n"
            "王大力,abc,%s\n" % future
        ), "sheet.csv")
        wizard.action_preview()
        self.assertEqual(wizard.error_count, 4)
        errors = {line.line: line.error for line in wizard.line_ids if line.error}
        self.assertEqual(sorted(errors), [3, 4, 5, 6])
        self.assertIn('No employee is named "无此人"', errors[3])
        self.assertIn("greater than zero", errors[4])
        self.assertIn("donor is missing", errors[5])
        self.assertIn('"abc" is not an amount', errors[6])
        self.assertIn("cannot be dated in the future", errors[6])
        with self.assertRaisesRegex(UserError, r"Nothing was imported(.|\n)*Line 3: No employee(.|\n)*Line 6"):
            wizard.action_import()
        self.assertFalse(self.collection.donation_ids)

    def test_ambiguous_donor_name(self):
        self.env["hr.employee"].create({"name": "张三明"})
        wizard = self._wizard(self._csv("捐款人,金额\n张三明,10\n"), "sheet.csv")
        with self.assertRaisesRegex(UserError, '2 employees are named "张三明"'):
            wizard.action_import()

    def test_missing_header_and_unreadable_file(self):
        with self.assertRaisesRegex(UserError, "header row"):
            self._wizard(self._csv("姓名,部门\n张三明,变电\n"), "sheet.csv").action_preview()
        with self.assertRaisesRegex(UserError, "cannot be read"):
            self._wizard(base64.b64encode(b"not a workbook"), "sheet.xlsx").action_preview()

    def test_import_into_a_validated_sheet_is_refused(self):
        self.collection.state = "validated"
        wizard = self._wizard(self._csv("捐款人,金额\n张三明,10\n"), "sheet.csv")
        with self.assertRaisesRegex(UserError, "already validated"):
            wizard.action_import()
