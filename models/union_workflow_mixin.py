"""One workflow guard for every union record that has a state.

Each model declares its transition table (``_workflow_transitions``): from which
states, to which state, which groups may do it. The guard holds for every
caller, the web client, JSON-RPC, imports and other modules alike:

- the state and the fields only the workflow writes (numbers, approvals, booked
  entries) change only through a transition; a transition writes them as the
  system once its checks passed, so a context key sent over RPC cannot open the
  door;
- fields frozen outside the editable states (organisation, company, booked
  amounts, donors, dates) cannot be written at all there;
- records are deleted only in their deletable states;
- a record moved to another organisation must stay within the user's rules.

Rights failures raise ``AccessError``, rule failures ``UserError``. See
``doc/workflows.md`` for the tables of every model.
"""

from typing import NamedTuple

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..utils.records import lock_rows


class Transition(NamedTuple):
    """One step of a workflow."""

    sources: tuple
    """States the records must be in."""
    target: str
    """State the step writes."""
    groups: tuple = ()
    """XML ids of the groups allowed (any of them, or a group implying one); empty:
    the system only (a scheduled action, or another model's step)."""
    activities: tuple = ()
    """XML ids of the activity types the step completes (and so removes)."""


class UnionWorkflowMixin(models.AbstractModel):
    _name = "union.workflow.mixin"
    _description = "Union Workflow Guard"

    _workflow_state_field = "state"
    # written only by transitions, besides the state
    _workflow_system_fields = frozenset()
    # written only while the record is in an editable state
    _workflow_frozen_fields = frozenset({"organization_id", "company_id"})
    _workflow_editable_states = ("draft",)
    # {field: states}: data entered before a step, frozen once the record took it
    _workflow_field_editable_states = {}
    # states in which a record may be deleted; empty: never
    _workflow_deletable_states = ("draft",)
    # the field the organisation rules look at (moved records are checked again)
    _workflow_organization_field = "organization_id"
    # (category field, sub-class field) the history keeps with each step, for the
    # statistics by category at a past date; empty: none
    _workflow_category_fields = ()

    @api.model
    def _workflow_transitions(self):
        """{name: Transition} of the model's workflow."""
        return {}

    @api.model
    def _workflow_action_labels(self):
        """{name: translated verb phrase}, used in messages ("You cannot submit …")."""
        return {}

    # ------------------------------------------------------------------
    # ORM guard
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        state_field = self._workflow_state_field
        guarded = self._workflow_system_fields | {state_field}
        initial = self._workflow_field_default(state_field)
        # context defaults would bypass the check of the values below
        model = self
        if any("default_" + fname in self.env.context for fname in guarded):
            model = self.with_context(**{
                "default_" + fname: self._workflow_field_default(fname) for fname in guarded
            })
        for vals in vals_list:
            system = [fname for fname in self._workflow_system_fields & set(vals) if vals[fname]]
            if system or vals.get(state_field, initial) != initial:
                raise UserError(self.env._(
                    "A new %(model)s starts in its first state: its state, numbers, "
                    "approvals and entries change through its buttons only.",
                    model=self._description,
                ))
        return super(UnionWorkflowMixin, model).create(vals_list)

    def _workflow_field_default(self, fname):
        """The field's own default, whatever the context says."""
        field = self._fields[fname]
        return field.default(self) if field.default else False

    def write(self, vals):
        if not self.env.su:
            self._workflow_check_write(vals)
        result = super().write(vals)
        organization_field = self._workflow_organization_field
        if not self.env.su and organization_field in vals and organization_field in self._fields:
            # the rules are checked on the records as they were; a record moved
            # must also land among the organisations the user acts on
            self.check_access("write")
        return result

    def _workflow_check_write(self, vals):
        system = (self._workflow_system_fields | {self._workflow_state_field}) & set(vals)
        if system:
            raise UserError(self.env._(
                "%(fields)s of a %(model)s change through its buttons only.",
                fields=self._workflow_field_labels(system),
                model=self._description,
            ))
        frozen = self._workflow_frozen_fields & set(vals)
        by_field = set(self._workflow_field_editable_states) & set(vals)
        if not (frozen or by_field):
            return
        state_field = self._workflow_state_field
        for record in self:
            state = record[state_field]
            fnames = set(by_field)
            if state not in self._workflow_editable_states:
                fnames |= frozen
            changed = [
                fname for fname in fnames
                if state not in self._workflow_field_editable_states.get(
                    fname, self._workflow_editable_states
                )
                and record._workflow_changes(fname, vals[fname])
            ]
            if changed:
                raise UserError(self.env._(
                    "%(record)s is %(state)s: its %(fields)s can no longer be changed.",
                    record=record.display_name,
                    state=record._workflow_state_label(),
                    fields=self._workflow_field_labels(changed),
                ))

    def _workflow_changes(self, fname, value):
        """Whether writing ``value`` changes the field; x2many commands always count
        as a change (comparing them would apply them)."""
        field = self._fields[fname]
        if field.type in ("one2many", "many2many"):
            return True
        return field.convert_to_cache(self[fname], self) != field.convert_to_cache(value, self)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow(self):
        state_field = self._workflow_state_field
        for record in self:
            if record[state_field] not in self._workflow_deletable_states:
                raise UserError(self.env._(
                    "%(record)s is %(state)s and cannot be deleted; cancel or close it instead.",
                    record=record.display_name,
                    state=record._workflow_state_label(),
                ))

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------

    def _workflow_check(self, name):
        """Check that the user may take step ``name`` on these records: the
        step's groups (AccessError), the user's record rules (AccessError), the
        records' states (UserError, after locking their rows).

        Returns the ``Transition``.
        """
        transition = self._workflow_transitions()[name]
        if not self:
            return transition
        user = self.env.user
        if not transition.groups and not self.env.su:
            raise AccessError(self.env._(
                "Only the system may %(action)s a %(model)s (a scheduled action or another step "
                "does it).",
                action=self._workflow_action_label(name),
                model=self._description,
            ))
        if transition.groups and not any(user.has_group(group) for group in transition.groups):
            raise AccessError(self.env._(
                "You may not %(action)s a %(model)s: ask %(groups)s.",
                action=self._workflow_action_label(name),
                model=self._description,
                groups=self._workflow_group_names(transition.groups),
            ))
        self.check_access("write")
        self._workflow_lock()
        state_field = self._workflow_state_field
        for record in self:
            if record[state_field] not in transition.sources:
                raise UserError(self.env._(
                    "You cannot %(action)s %(record)s: it is %(state)s. Someone may have "
                    "changed it a moment ago; reload the page.",
                    action=self._workflow_action_label(name),
                    record=record.display_name,
                    state=record._workflow_state_label(),
                ))
        return transition

    def _workflow_check_by_state(self, name, states, name_in_states):
        """``_workflow_check`` of step ``name_in_states`` for the records in
        ``states`` and of step ``name`` for the others: one button, whose step
        asks more of who takes it in some states (cancelling a booked grant)."""
        state_field = self._workflow_state_field
        in_states = self.filtered(lambda record: record[state_field] in states)
        (self - in_states)._workflow_check(name)
        in_states._workflow_check(name_in_states)

    def _workflow_apply(self, name, vals=None):
        """Take step ``name``: write its target state and ``vals`` as the system
        (the caller has run ``_workflow_check`` and its own checks), and complete
        the activities the step ends."""
        transition = self._workflow_transitions()[name]
        if not self:
            return
        state_field = self._workflow_state_field
        from_states = {record.id: record[state_field] for record in self}
        self._workflow_write({state_field: transition.target, **(vals or {})})
        self.env["union.workflow.history"]._record(self, name, from_states, transition.target)
        if transition.activities:
            self.sudo().activity_unlink(list(transition.activities))

    def _workflow_write(self, vals):
        """Write workflow fields on records the user may write, as the system."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _workflow_lock(self):
        """Lock the rows so that two users cannot take a step on the same record
        at once; the second gets a clear message instead of a double booking.
        The state is read again after the lock."""
        if not lock_rows(self):
            raise UserError(self.env._(
                "Another user is working on %s right now; try again in a moment.",
                self[:1].display_name,
            ))
        # what a concurrent step may have changed: the state and the system fields
        self.invalidate_recordset([self._workflow_state_field, *self._workflow_system_fields])

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------

    def _workflow_state_label(self):
        self.ensure_one()
        field = self._fields[self._workflow_state_field]
        return dict(field._description_selection(self.env)).get(self[field.name], self[field.name])

    def _workflow_action_label(self, name):
        return self._workflow_action_labels().get(name, name)

    def _workflow_field_labels(self, fnames):
        return ", ".join(
            sorted(self._fields[fname]._description_string(self.env) for fname in fnames)
        )

    def _workflow_group_names(self, groups):
        names = []
        for xmlid in groups:
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group:
                names.append(group.sudo().name)
        return " / ".join(names)

    # ------------------------------------------------------------------
    # Documentation
    # ------------------------------------------------------------------

    @api.model
    def _workflow_markdown(self):
        """The model's transition table in Markdown, as doc/workflows.md shows it
        (a test keeps the two equal)."""
        states = dict(self._fields[self._workflow_state_field]._description_selection(self.env))
        lines = [
            "### %s (`%s`)" % (self._description, self._name),
            "",
            "| step | from | to | who |",
            "|---|---|---|---|",
        ]
        for name, transition in self._workflow_transitions().items():
            lines.append("| %s | %s | %s | %s |" % (
                name,
                ", ".join(states[state] for state in transition.sources),
                states[transition.target],
                self._workflow_group_names(transition.groups) or "the system",
            ))
        return "\n".join(lines)

    @api.model
    def _workflow_doc(self):
        """The transition tables of every model on the guard, for doc/workflows.md."""
        env = self.with_context(lang="en_US").env
        names = sorted(self.env.registry[self._name]._inherit_children)
        return "\n\n".join(env[name]._workflow_markdown() for name in names)
