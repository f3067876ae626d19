"""The window actions that buttons return (``ir.actions.act_window``): one way to
open a record's form, a wizard in a dialog, a list of records, or the records
that belong to a record.

Each helper returns a new dictionary; ``keys`` add to it or replace what the
helper put in (``domain``, ``context``, ``res_id``, ``target``...).
"""


def window_action(res_model, name=None, view_mode="list,form", **keys):
    """A window action on ``res_model``, titled ``name`` when given."""
    action = {"type": "ir.actions.act_window", "res_model": res_model, "view_mode": view_mode}
    if name:
        action["name"] = name
    action.update(keys)
    return action


def form_action(record, name=None, **keys):
    """The form of ``record`` (one record, or none for an empty form)."""
    return window_action(record._name, name, view_mode="form", res_id=record.id, **keys)


def wizard_action(res_model, name=None, **keys):
    """The form of a new ``res_model`` wizard, in a dialog."""
    return window_action(res_model, name, view_mode="form", target="new", **keys)


def list_action(records, name, **keys):
    """The list of ``records`` (and their forms)."""
    return window_action(records._name, name, domain=[("id", "in", records.ids)], **keys)


def related_action(record, res_model, field, name, operator="=", **keys):
    """The list of the ``res_model`` records whose ``field`` is ``record``
    (compared with ``operator``); a new one gets ``record`` as its ``field``."""
    return window_action(
        res_model,
        name,
        domain=[(field, operator, record.id)],
        context={"default_%s" % field: record.id},
        **keys,
    )
