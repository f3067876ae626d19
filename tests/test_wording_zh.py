from lxml import etree

from odoo.tests import tagged

from .common import UnionReliefCommon, load_chinese


@tagged("post_install", "-at_install")
class TestChineseWording(UnionReliefCommon):
    """The Chinese a union officer reads (issue 17): buttons that are not state names,
    people's names called 姓名, unfiled files without a made-up number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = load_chinese(cls.env)

    def _label(self, model, fname):
        return self.zh[model].fields_get([fname], ["string"])[fname]["string"]

    def _button(self, view_xmlid, name):
        view = self.zh.ref(view_xmlid)
        arch = self.zh[view.model].get_views([(view.id, "form")])["views"]["form"]["arch"]
        return etree.fromstring(arch).xpath("//button[@name='%s']" % name)[0].get("string")

    def test_field_labels(self):
        self.assertEqual(self._label("union.relief.grant", "submitted_by_id"), "提交人")
        self.assertEqual(self._label("union.hardship.member", "name"), "姓名")
        self.assertEqual(self._label("union.contract.representative", "name"), "姓名")

    def test_start_buttons_are_not_state_names(self):
        start = self._button("union_relief.union_donation_campaign_view_form", "action_open")
        self.assertEqual(start, "启动")
        self.assertNotEqual(start, dict(
            self.zh["union.donation.campaign"]._fields["state"]._description_selection(self.zh)
        )["open"])
        self.assertEqual(self._button("union_relief.union_relief_programme_view_form", "action_open"), "启动")

    def test_unfiled_file_shows_no_number(self):
        file = self._create_file(self.employee_a).with_env(self.zh)
        self.assertEqual(file.display_name, "张三明（未建档）")
        self.assertNotIn("新建", file.display_name)
