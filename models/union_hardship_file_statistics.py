from odoo import fields, models
from odoo.tools import SQL

from .union_hardship_file import CATEGORIES, FILED_STATES

# How a year stood, not what happened in it: added over organisations and
# categories of one year, never over years (a household on record for three
# years would count three times). A group of several years shows none.
YEAR_FIGURES = ("opening_count", "closing_count")
# The function returning the rows of the view (see _table_query)
ROWS_FUNCTION = "union_hardship_file_statistics_rows"


class UnionHardshipFileStatistics(models.Model):
    """Households on record at the start and the end of each year, entered, left
    by reason and reclassified during it, per organisation, category and
    sub-class: counted from the workflow history (doc/domain.md, "Yearly file
    statistics"), so that a year's figures are what the records said then.

    For each row: closing = opening + entered + reclassified in − left −
    reclassified out."""

    _name = "union.hardship.file.statistics"
    _description = "Hardship File Statistics by Year"
    _auto = False
    _order = "year desc, organization_id, category"
    _depends = {
        "union.workflow.history": [
            "res_model", "res_id", "date", "from_state", "to_state", "organization_id",
            "company_id", "category", "subclass_id",
        ],
        "union.organization": ["parent_id"],
    }

    year = fields.Char(
        readonly=True,
    )
    organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Union Organisation",
        readonly=True,
    )
    parent_organization_id = fields.Many2one(
        comodel_name="union.organization",
        string="Parent Organisation",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    category = fields.Selection(
        selection=CATEGORIES,
        readonly=True,
    )
    subclass_id = fields.Many2one(
        comodel_name="union.hardship.subclass",
        string="Sub-class",
        readonly=True,
    )
    opening_count = fields.Integer(
        string="On Record at 1 January",
        readonly=True,
        help="Households filed (or under their annual review) at the start of the year.",
    )
    entered_count = fields.Integer(
        string="Entered",
        readonly=True,
        help="Households filed during the year.",
    )
    exited_count = fields.Integer(
        string="Exits from Hardship",
        readonly=True,
        help="Filed households that left hardship during the year (closing or annual "
        "review).",
    )
    withdrawn_count = fields.Integer(
        string="Withdrawals",
        readonly=True,
        help="Filed households whose file was withdrawn during the year.",
    )
    cancelled_count = fields.Integer(
        string="Cancellations",
        readonly=True,
        help="Filed households whose file was cancelled during the year.",
    )
    left_count = fields.Integer(
        string="Left the Record",
        readonly=True,
        help="Filed households that left the record during the year, whatever the reason.",
    )
    reclassified_in_count = fields.Integer(
        string="Reclassified In",
        readonly=True,
        help="Filed households that came into this category, sub-class or organisation "
        "during the year.",
    )
    reclassified_out_count = fields.Integer(
        string="Reclassified Out",
        readonly=True,
        help="Filed households that left this category, sub-class or organisation during "
        "the year for another one.",
    )
    category_change_count = fields.Integer(
        string="Category Changes",
        readonly=True,
        help="Filed households whose category changed during the year, counted in their "
        "new category.",
    )
    closing_count = fields.Integer(
        string="On Record at 31 December",
        readonly=True,
        help="Households filed (or under their annual review) at the end of the year; "
        "for the current year, today.",
    )

    def _read_group_select(self, aggregate_spec, query):
        fname, _property, func = models.parse_read_group_spec(aggregate_spec)
        if fname in YEAR_FIGURES and func == "sum":
            return SQL(
                "CASE WHEN COUNT(DISTINCT %(year)s) <= 1 THEN SUM(%(figure)s) END",
                year=self._field_to_sql(self._table, "year", query),
                figure=self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @property
    def _table_query(self):
        # The rows are computed from the whole history at each read. PostgreSQL
        # compiles (JIT) the plans it reckons costly before running them: for this
        # query, at 50,000 files, two seconds more on each read. The function
        # runs it without (SET jit = off); it is made when the module is installed
        # or updated (init).
        return SQL("SELECT * FROM %s()", SQL.identifier(ROWS_FUNCTION))

    def init(self):
        # once every table the query reads exists: the history's comes later
        self.pool.post_init(self._create_rows_function)

    def _create_rows_function(self):
        cr = self.env.cr
        cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(ROWS_FUNCTION)))
        cr.execute(SQL(
            """
            CREATE FUNCTION %(function)s()
            RETURNS TABLE (
                id bigint, year varchar, organization_id integer,
                parent_organization_id integer, company_id integer, category varchar,
                subclass_id integer, opening_count integer, entered_count integer,
                exited_count integer, withdrawn_count integer, cancelled_count integer,
                left_count integer, reclassified_in_count integer,
                reclassified_out_count integer, category_change_count integer,
                closing_count integer
            )
            LANGUAGE sql STABLE
            SET jit = off
            AS $rows$ %(query)s $rows$
            """,
            function=SQL.identifier(ROWS_FUNCTION),
            query=self._rows_query(),
        ))

    def _rows_query(self):
        # Each history line of a file holds from its date to the next line's: the
        # file is on record at a moment if the line holding then left it filed.
        # Year boundaries are read in the company's time zone. One pass over the
        # history (the window), then the lines holding at each year end, counted
        # once: on record at 1 January is on record when the previous year ended.
        # The years are listed by a recursive query, which the planner reckons at
        # a few rows (it reckons generate_series() at 1,000).
        return SQL(
            """
            WITH RECURSIVE steps AS (
                SELECT s.*,
                       EXTRACT(YEAR FROM s.moment)::int AS moment_year,
                       EXTRACT(YEAR FROM s.next_moment)::int AS next_year
                  FROM (
                      SELECT h.res_id, h.to_state, h.organization_id, h.company_id,
                             h.category, h.subclass_id, l.moment,
                             COALESCE(h.from_state IN %(filed)s, FALSE) AS was_filed,
                             h.to_state IN %(filed)s AS is_filed,
                             LEAD(l.moment) OVER w AS next_moment,
                             LAG(h.organization_id) OVER w AS previous_organization_id,
                             LAG(h.category) OVER w AS previous_category,
                             LAG(h.subclass_id) OVER w AS previous_subclass_id
                        FROM union_workflow_history h
                        LEFT JOIN res_company c ON c.id = h.company_id
                        LEFT JOIN res_partner p ON p.id = c.partner_id
                       CROSS JOIN LATERAL (
                           SELECT (h.date AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(p.tz, 'UTC')
                                      AS moment
                       ) l
                       WHERE h.res_model = 'union.hardship.file'
                      WINDOW w AS (PARTITION BY h.res_id ORDER BY l.moment, h.id)
                  ) s
            ),
            years AS (
                -- from the first year of the history to this year
                SELECT MIN(moment_year) AS year,
                       GREATEST(MAX(moment_year), EXTRACT(YEAR FROM CURRENT_DATE)::int)
                           AS last_year
                  FROM steps
                HAVING MIN(moment_year) IS NOT NULL
                UNION ALL
                SELECT year + 1, last_year FROM years WHERE year < last_year
            ),
            held AS (
                -- on record when the year ends: the filed lines holding then
                SELECT y.year, s.organization_id, s.company_id, s.category, s.subclass_id,
                       COUNT(*) AS households
                  FROM steps s
                  JOIN years y
                    ON y.year >= s.moment_year AND (s.next_year IS NULL OR y.year < s.next_year)
                 WHERE s.is_filed
                 GROUP BY y.year, s.organization_id, s.company_id, s.category, s.subclass_id
            ),
            movements AS (
                -- on record when the year starts: when the previous year ended
                SELECT h.year + 1 AS year, h.organization_id, h.company_id, h.category,
                       h.subclass_id,
                       h.households AS opening, 0 AS entered, 0 AS exited, 0 AS withdrawn,
                       0 AS cancelled, 0 AS moved_in, 0 AS moved_out, 0 AS category_change,
                       0 AS closing
                  FROM held h
                 WHERE h.year < (SELECT MAX(year) FROM years)
                UNION ALL
                -- on record when the year ends
                SELECT h.year, h.organization_id, h.company_id, h.category, h.subclass_id,
                       0, 0, 0, 0, 0, 0, 0, 0, h.households
                  FROM held h
                UNION ALL
                -- filed, left, or reclassified into the line's row
                SELECT s.moment_year, s.organization_id, s.company_id,
                       s.category, s.subclass_id,
                       0,
                       (NOT s.was_filed AND s.is_filed)::int,
                       (s.was_filed AND s.to_state = 'exited')::int,
                       (s.was_filed AND s.to_state = 'withdrawn')::int,
                       (s.was_filed AND s.to_state = 'cancelled')::int,
                       (s.was_filed AND s.is_filed AND s.moved)::int,
                       0,
                       (s.was_filed AND s.is_filed
                        AND s.category IS DISTINCT FROM s.previous_category)::int,
                       0
                  FROM (
                      SELECT steps.*,
                             (organization_id, category, subclass_id) IS DISTINCT FROM
                             (previous_organization_id, previous_category, previous_subclass_id)
                                 AS moved
                        FROM steps
                  ) s
                 WHERE s.was_filed OR s.is_filed
                UNION ALL
                -- reclassified out of the previous line's row
                SELECT s.moment_year, s.previous_organization_id,
                       s.company_id, s.previous_category, s.previous_subclass_id,
                       0, 0, 0, 0, 0, 0, 1, 0, 0
                  FROM steps s
                 WHERE s.was_filed AND s.is_filed
                   AND (s.organization_id, s.category, s.subclass_id) IS DISTINCT FROM
                       (s.previous_organization_id, s.previous_category, s.previous_subclass_id)
            ),
            totals AS (
                SELECT m.year, m.organization_id, m.company_id, m.category, m.subclass_id,
                       SUM(m.opening) AS opening_count,
                       SUM(m.entered) AS entered_count,
                       SUM(m.exited) AS exited_count,
                       SUM(m.withdrawn) AS withdrawn_count,
                       SUM(m.cancelled) AS cancelled_count,
                       SUM(m.exited + m.withdrawn + m.cancelled) AS left_count,
                       SUM(m.moved_in) AS reclassified_in_count,
                       SUM(m.moved_out) AS reclassified_out_count,
                       SUM(m.category_change) AS category_change_count,
                       SUM(m.closing) AS closing_count
                  FROM movements m
                 GROUP BY m.year, m.organization_id, m.company_id, m.category, m.subclass_id
            )
            SELECT ROW_NUMBER() OVER (
                       ORDER BY t.year, t.organization_id, t.company_id, t.category,
                                t.subclass_id
                   ) AS id,
                   t.year::varchar AS year,
                   t.organization_id,
                   o.parent_id AS parent_organization_id,
                   t.company_id,
                   t.category,
                   t.subclass_id,
                   t.opening_count::int,
                   t.entered_count::int,
                   t.exited_count::int,
                   t.withdrawn_count::int,
                   t.cancelled_count::int,
                   t.left_count::int,
                   t.reclassified_in_count::int,
                   t.reclassified_out_count::int,
                   t.category_change_count::int,
                   t.closing_count::int
              FROM totals t
              LEFT JOIN union_organization o ON o.id = t.organization_id
            """,
            filed=FILED_STATES,
        )
