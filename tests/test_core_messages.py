import re
from decimal import Decimal

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.translate import code_translations

from ..union_relief.collective import ContractError
from ..union_relief.errors import MESSAGES, DomainError
from ..utils.messages import domain_errors, domain_message
from .common import UnionReliefCommon, load_chinese, resident_id

PLACEHOLDER = re.compile(r"%\(\w+\)s")


@tagged("post_install", "-at_install")
class TestCoreMessages(UnionReliefCommon):
    """The sentences of the core's one catalogue (union_relief/errors.py) reach the
    user in their language through the one boundary helper (utils/messages.py)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = load_chinese(cls.env)
        cls.en = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_every_core_sentence_has_a_chinese_translation(self):
        # what Odoo reads at run time: the code terms of union_relief's zh_CN.po
        translations = code_translations.get_python_translations("union_relief", "zh_CN")
        for code, template in MESSAGES.items():
            with self.subTest(code=code):
                translation = translations.get(template)
                self.assertTrue(translation, "no Chinese for the sentence of %s" % code)
                self.assertEqual(
                    sorted(PLACEHOLDER.findall(translation)), sorted(PLACEHOLDER.findall(template))
                )

    def test_english_message_is_the_core_sentence(self):
        for code, template in MESSAGES.items():
            error = DomainError(code, **dict.fromkeys(re.findall(r"%\((\w+)\)s", template), "7"))
            with self.subTest(code=code):
                self.assertEqual(domain_message(self.en, error), str(error))

    def test_core_error_reaches_the_officer_in_chinese(self):
        valid = resident_id(serial=3)
        wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
        files = self.env["union.hardship.file"].with_user(self.officer_a).with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "^居民身份证号码 %s 的校验码错误" % wrong):
            files.create(self._file_vals(self.employee_a, identification_number=wrong))

    def test_broken_rule_is_a_user_error_unless_a_constraint_asks(self):
        error = DomainError("spot_check_share", share=2)
        for exception in (UserError, ValidationError):
            with self.assertRaises(exception) as raised, domain_errors(self.zh, exception):
                raise error
            self.assertIs(type(raised.exception), exception)
            self.assertEqual(str(raised.exception), "抽查比例必须在 0 到 1 之间（当前为 2）。")
        with self.assertRaises(UserError) as raised, domain_errors(self.zh, subject="2026年助学"):
            raise DomainError("amount_not_positive", amount=Decimal("-5.00"))
        self.assertEqual(str(raised.exception), "2026年助学：发放金额必须大于零（当前为 -5.00）。")

    def test_collective_contract_side_and_state_are_read_in_chinese(self):
        contracts = self.zh["union.collective.contract"]
        error = ContractError("chief_count", side="employer", count=2)
        self.assertEqual(
            domain_message(self.zh, error, **contracts._contract_error_labels(error.params)),
            "用人单位方应当有且仅有一名首席代表；目前为2名。",
        )
        error = ContractError("performance_not_in_force", state="signed")
        message = domain_message(self.zh, error, **contracts._contract_error_labels(error.params))
        self.assertNotIn("signed", message)
        self.assertIn("已签订", message)
