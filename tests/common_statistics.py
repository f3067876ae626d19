from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command


class FileHistoryMixin:
    """Files that enter, change and leave the record through the real steps on
    controlled dates, so that the workflow history (and the statistics counted
    from it) is the one a union's work writes. Needs ``cls.serials`` (an
    iterator of resident ID serials) and the users of ``UnionReliefCommon``."""

    @classmethod
    def _worker(cls, organization):
        return cls.env["hr.employee"].create({
            "name": "职工%s" % next(cls.serials),
            "union_organization_id": organization.id,
        })

    @classmethod
    def _enter(cls, employee, moment, category, subclass=None):
        """A file of ``employee`` filed by the relief centre at ``moment`` as
        ``category``; its application and public notice were done before."""
        with freeze_time(moment):
            file = cls._create_file(
                employee, next(cls.serials),
                assessment_year=moment.year - 1,
                category=category,
                subclass_id=subclass.id if subclass else False,
                category_override_reason="测试",
            )
            file.write({
                "state": "notice",
                "application_signed": True,
                "income_check_authorised": True,
                "notice_start_date": moment.date() - timedelta(days=10),
                "notice_end_date": moment.date() - timedelta(days=3),
            })
            file.with_user(cls.centre_officer).action_file()
        return file

    @classmethod
    def _review_into(cls, file, category, subclass):
        file.with_user(cls.centre_officer)._start_review()
        Review = cls.env["union.hardship.review"]
        review = Review.sudo().create(
            Review._prepare_review_vals(file, "scheduled", date.today(), file.company_id)
        )
        review.write({"outcome": "change_category", "new_category": category,
                      "new_subclass_id": subclass.id, "reason": "医疗费用减少"})
        review.with_user(cls.centre_officer).action_apply()

    @classmethod
    def _close(cls, file, end_state, reason):
        cls.env["union.hardship.close.wizard"].with_user(cls.centre_officer).create({
            "file_ids": [Command.set(file.ids)],
            "end_state": end_state,
            "close_date": date.today(),
            "reason": reason,
        }).action_confirm()
