from datetime import timedelta

from odoo import Command

from .common import UnionReliefCommon
from .common_relief import UnionReliefAccountingCommon


class UnionDonationCommon(UnionReliefCommon):
    """Hardship-file fixtures plus what donation campaigns need: the company's
    bank journal, the donation accounts and open campaigns."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.income_account = cls._shared_account("union_relief.account_union_donation_income")
        cls.transfer_account = cls._shared_account("union_relief.account_union_fund_transfer")
        cls.union_fund = cls.env.ref("union_relief.analytic_account_union_general_fund")
        cls.department = cls.env["hr.department"].create({"name": "变电运维一班"})
        (cls.employee_a | cls.employee_a2).department_id = cls.department
        cls.employee_a.work_email = "zhangsanming@example.com"
        cls.general_fund = cls._create_campaign(name="困难职工帮扶基金", purpose="general")
        cls.campaign = cls._create_campaign(
            name="为张师傅抗癌爱心捐款",
            target_amount=50000.0,
            leftover_campaign_id=cls.general_fund.id,
            beneficiary_employee_ids=[Command.link(cls.employee_b.id)],
        )
        cls.yesterday = cls.today - timedelta(days=1)
        cls.outstanding_account = cls.env["union.donation"].new(
            {"campaign_id": cls.campaign.id}
        )._get_receipt_account()

    @classmethod
    def _shared_account(cls, xmlid):
        """The add-on's account ``xmlid``, made for the database's first company, used
        by the test company too, as an administrator shares it with a second company
        (campaigns and transfers default to these accounts when the company has them)."""
        account = cls.env.ref(xmlid)
        code = account.with_company(account.company_ids[:1]).code
        account.with_company(cls.company).write({
            "company_ids": [Command.link(cls.company.id)],
            "code": code,
        })
        return account

    @classmethod
    def _create_campaign(cls, open_it=True, **vals):
        campaign = cls.env["union.donation.campaign"].create({
            "name": "爱心捐款",
            "organization_id": cls.org_bureau.id,
            "journal_id": cls.bank_journal.id,
            "income_account_id": cls.income_account.id,
            "send_thank_you": False,
            **vals,
        })
        if open_it:
            campaign.action_open()
        return campaign

    @classmethod
    def _donation_vals(cls, campaign=None, employee=None, amount=100.0, **vals):
        return {
            "campaign_id": (campaign or cls.campaign).id,
            "donor_type": "employee",
            "employee_id": (employee or cls.employee_a).id,
            "amount": amount,
            "date": cls.today,
            "method": "bank",
            **vals,
        }

    @classmethod
    def _create_donations(cls, count=1, **vals):
        return cls.env["union.donation"].create([cls._donation_vals(**vals) for _i in range(count)])

    @classmethod
    def _donate(cls, amount=100.0, **vals):
        donation = cls._create_donations(amount=amount, **vals)
        donation.action_validate()
        return donation

    @classmethod
    def _create_collection(cls, control_total, campaign=None, **vals):
        """A draft collection sheet of the department's donations to ``campaign``."""
        return cls.env["union.donation.collection"].create({
            "name": "变电运维一班捐款",
            "campaign_id": (campaign or cls.campaign).id,
            "department_id": cls.department.id,
            "control_total": control_total,
            **vals,
        })

    @classmethod
    def _match(cls, campaign, amount, user=None):
        transfer = cls.env["union.donation.transfer"].create({
            "transfer_type": "matching",
            "campaign_id": campaign.id,
            "amount": amount,
        })
        transfer.with_user(user or cls.manager).action_approve()
        return transfer


class CampaignGrantCommon(UnionDonationCommon, UnionReliefAccountingCommon):
    """A campaign that pays its beneficiary through a relief grant of the living
    allowance, approved in one step, charged to the campaign's fund."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.living.second_approval_amount = 0.0

    def _campaign_grant(self, amount, **vals):
        return self._grant(
            self.file_b,
            user=self.officer_b,
            campaign_id=self.campaign.id,
            override_amount=amount,
            override_reason="爱心捐款专款专用",
            **vals,
        )
