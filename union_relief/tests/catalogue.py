"""The checks that tie a core module's errors to the one catalogue of sentences
(``union_relief/errors.py``), shared by the tests of the modules that raise them."""

import inspect
import re
from contextlib import contextmanager

import pytest

from union_relief.errors import MESSAGES, DomainError


def placeholders(template: str) -> set[str]:
    """The names of the ``%(name)s`` placeholders of a sentence."""
    return set(re.findall(r"%\((\w+)\)s", template.replace("%%", "")))


def raised_codes(modules, error="DomainError"):
    """The codes the source of ``modules`` gives to ``error("code", ...)``."""
    return {
        code
        for module in modules
        for code in re.findall(r'%s\(\s*"(\w+)"' % error, inspect.getsource(module))
    }


def check_cases_cover_raised_codes(modules, cases, error="DomainError"):
    """Every code the ``modules`` raise has a template in the catalogue and a case
    that raises it in ``cases``, and every case is such a code."""
    raised = raised_codes(modules, error)
    assert raised == set(cases)
    assert raised <= set(MESSAGES)


@contextmanager
def raises_code(code):
    """Expect a ``DomainError`` of ``code`` whose message is its template filled
    with exactly the template's placeholders."""
    with pytest.raises(DomainError) as info:
        yield info
    error = info.value
    assert error.code == code, str(error)
    assert set(error.params) == placeholders(MESSAGES[code])
    assert str(error) == MESSAGES[code] % error.params
    assert "%(" not in str(error)
