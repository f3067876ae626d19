"""The core's sentences in the user's language: the one boundary between the
catalogue of the pure core (``union_relief/errors.py``) and the user.

The core raises a :class:`DomainError`, or returns a finding (an exclusion
from a batch, a line of an import, a reason of an assessment), with a code of
:data:`MESSAGES` and the values of its placeholders. Here the template is
translated into the language of the environment, with the code translations of
this add-on (``i18n/zh_CN.po``), then filled.
"""

from contextlib import contextmanager

from odoo.exceptions import UserError

from ..union_relief.errors import MESSAGES, DomainError


def domain_message(env, finding, **labels):
    """The sentence of a core ``finding`` in the language of ``env``.

    :param finding: a :class:`DomainError`, or any finding of the core with a
        ``code`` of :data:`MESSAGES` and its ``params``
    :param labels: values that replace parameters by what the user reads, such
        as a selection label instead of its code
    """
    params = {**finding.params, **labels}
    # env._ takes the add-on from the frame that calls it: this module, so the
    # template, defined in union_relief/errors.py, is looked up in union_relief's
    # code translations. The templates are literals marked with the core's _lt.
    return env._(MESSAGES[finding.code], **params)


@contextmanager
def domain_errors(env, exception=UserError, subject=None, labels=None):
    """Raise a rule broken in the core as ``exception`` with its translated message.

    ::

        with domain_errors(self.env, ValidationError, subject=record.display_name):
            rules.check_something(...)

    :param exception: ``UserError`` for an action, ``ValidationError`` for a
        constraint
    :param subject: the name of the record the rule is about, put before the
        message when the user may not see which record it is
    :param labels: a function of the error's params returning the
        :func:`domain_message` ``labels``
    """
    try:
        yield
    except DomainError as error:
        message = domain_message(env, error, **(labels(error.params) if labels else {}))
        if subject:
            message = env._("%(record)s: %(message)s", record=subject, message=message)
        raise exception(message) from None
