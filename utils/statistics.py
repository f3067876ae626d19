"""Planner statistics after a bulk insert.

PostgreSQL plans from the statistics its autovacuum keeps, which lag behind a
batch run that has just inserted thousands of rows in one transaction. Until
they catch up, the planner takes those tables for nearly empty: the
foreign-key check of each row that references them (an entry line's grant, a
reconciliation's journal items) then scans the whole table, and a step over
10,000 grants takes minutes instead of seconds. ANALYZE counts the rows the
current transaction inserted, and drops the plans made on the old figures.
"""

from odoo.tools import SQL

# rows inserted from which a bulk step refreshes the statistics: ANALYZE reads a
# bounded sample (some 30,000 rows), a fraction of what such a step writes
BULK_ROWS = 1000


def refresh_planner_statistics(cr, tables, rows):
    """ANALYZE ``tables`` once a bulk step has inserted ``rows`` rows in them.

    ``SKIP_LOCKED``: ANALYZE holds its lock until the transaction ends, and a
    table another transaction is analysing is left to that one instead of
    waiting for it. Only the table's statistics change; no row does.
    """
    if rows < BULK_ROWS:
        return
    cr.execute(SQL(
        "ANALYZE (SKIP_LOCKED) %s",
        SQL(", ").join(SQL.identifier(table) for table in tables),
    ))
