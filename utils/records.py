"""Helpers on many records at once: the figures of their computes, the context
of their bulk creation, the locks of their rows."""

from collections import Counter

import psycopg2

from odoo.tools import SQL

# Creating records by the thousand (a batch run's grants, the annual reviews) must
# not post one chatter message each.
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def count_related(records, res_model, field):
    """How many ``res_model`` records have each of ``records`` as their ``field``,
    in one query: ``{record: count}``, 0 for a record none points at."""
    return Counter(dict(records.env[res_model]._read_group(
        [(field, "in", records.ids)], [field], ["__count"],
    )))


def compute_count(records, count_field, res_model, field):
    """Set ``count_field`` of ``records`` (a stat button's figure) to how many
    ``res_model`` records have each of them as their ``field``."""
    counts = count_related(records, res_model, field)
    for record in records:
        record[count_field] = counts[record]


def lock_rows(records):
    """Lock the rows of ``records`` until the transaction ends, so that two users
    cannot act on the same records at once: the second is told to try again,
    instead of doing twice what the first did. Pending writes are flushed first.

    :return: False when another transaction holds one of the rows (nothing is
        locked then)
    """
    ids = tuple(record_id for record_id in records.ids if record_id)
    if not ids:
        return True
    records.env.flush_all()
    try:
        with records.env.cr.savepoint(flush=False):
            records.env.cr.execute(SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT", SQL.identifier(records._table), ids,
            ))
    except psycopg2.errors.LockNotAvailable:
        return False
    return True
