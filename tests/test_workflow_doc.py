import re

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

BEGIN, END = "<!-- transition tables: begin -->", "<!-- transition tables: end -->"


@tagged("post_install", "-at_install")
class TestWorkflowDoc(TransactionCase):
    def test_doc_shows_the_transition_tables_of_the_code(self):
        with open(file_path("union_relief/doc/workflows.md"), encoding="utf-8") as doc:
            text = doc.read()
        found = re.search(re.escape(BEGIN) + r"(.*)" + re.escape(END), text, re.S)
        self.assertTrue(found, "doc/workflows.md lost its transition-table markers")
        expected = self.env["union.workflow.mixin"]._workflow_doc()
        self.assertEqual(
            found.group(1).strip(), expected.strip(),
            "doc/workflows.md is out of date; put this between its markers:\n%s" % expected,
        )

    def test_every_stateful_model_is_on_the_guard(self):
        guarded = set(self.env.registry["union.workflow.mixin"]._inherit_children)
        stateful = {
            name for name, model in self.env.registry.items()
            if name.startswith("union.") and not model._abstract and not model._transient
            and "state" in model._fields and model._fields["state"].store
        }
        self.assertEqual(stateful - guarded, set(), "models with a state but no workflow guard")
