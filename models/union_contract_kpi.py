from odoo import api, fields, models
from odoo.tools import SQL

from ..union_relief import collective

# Rates are ratios of sums: aggregating them any other way (an average of
# per-organisation rates) weighs a one-clause check like a fifty-clause one.
RATE_FIELDS = {
    "signing_rate": ("signed_count", "required_count"),
    "performance_rate": ("honoured_count", "checked_count"),
    "agreement_performance_rate": ("agreement_honoured_count", "agreement_checked_count"),
}
# Figures of one year (how things stood, not what happened): they add up over
# the organisations of a year, never over years, where an organisation with one
# contract for three years would count three contracts. A group of several
# years shows none.
YEAR_FIGURES = ("required_count", "signed_count", "contract_count", "workers_covered")
# Contracts that were in force at some time; a terminated one counts for the
# years up to its termination.
KPI_CONTRACT_STATES = ("in_force", "expired", "renewed", "terminated")


class UnionContractKpi(models.Model):
    _name = "union.contract.kpi"
    _description = "Collective Contract KPIs"
    _auto = False
    _order = "year desc, organization_id"
    _depends = {
        "union.organization": [
            "active", "parent_id", "company_id", "collective_contract_required",
        ],
        "union.collective.contract": [
            "organization_id", "state", "date_in_force", "date_end", "date_terminated",
            "workers_covered",
        ],
        "union.contract.performance": [
            "organization_id", "year", "state", "checked_count", "honoured_count",
            "agreement_honoured",
        ],
    }

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
    year = fields.Char(
        readonly=True,
    )
    required_count = fields.Integer(
        string="Organisations Required to Sign",
        readonly=True,
    )
    signed_count = fields.Integer(
        string="Organisations with a Contract in Force",
        readonly=True,
        help="Organisations required to sign that had a contract in force at some time "
        "in the year.",
    )
    contract_count = fields.Integer(
        string="Contracts in Force",
        readonly=True,
    )
    workers_covered = fields.Integer(
        readonly=True,
        help="Per organisation, the largest number of workers covered by one of its "
        "contracts in force: the comprehensive contract and the special agreements "
        "cover the same workforce.",
    )
    checked_count = fields.Integer(
        string="Clauses Checked",
        readonly=True,
    )
    honoured_count = fields.Integer(
        string="Clauses Honoured",
        readonly=True,
    )
    agreement_checked_count = fields.Integer(
        string="Agreements Checked",
        readonly=True,
        help="Contracts whose performance check of the year is closed.",
    )
    agreement_honoured_count = fields.Integer(
        string="Agreements Honoured",
        readonly=True,
        help="Checked contracts whose every clause was honoured in full.",
    )
    signing_rate = fields.Float(
        string="Signing Rate (%)",
        compute="_compute_rates",
        aggregator="sum",
        digits=(5, 2),
        help="Organisations with a contract in force ÷ organisations that must have one "
        "× 100.",
    )
    performance_rate = fields.Float(
        string="Performance Rate (clauses)",
        compute="_compute_rates",
        aggregator="sum",
        digits=(5, 2),
        help="Clauses honoured ÷ clauses checked × 100 (a partly honoured clause is not "
        "honoured).",
    )
    agreement_performance_rate = fields.Float(
        string="Performance Rate (agreements)",
        compute="_compute_rates",
        aggregator="sum",
        digits=(5, 2),
        help="Agreements honoured in full ÷ agreements checked × 100: one clause not "
        "or only partly honoured makes its agreement not honoured.",
    )

    @api.depends(
        "signed_count", "required_count", "honoured_count", "checked_count",
        "agreement_honoured_count", "agreement_checked_count",
    )
    def _compute_rates(self):
        for kpi in self:
            kpi.signing_rate = float(
                collective.signing_rate(kpi.signed_count, kpi.required_count) or 0
            )
            kpi.performance_rate = float(
                collective.performance_rate(kpi.honoured_count, kpi.checked_count) or 0
            )
            kpi.agreement_performance_rate = float(
                collective.agreement_performance_rate(
                    kpi.agreement_honoured_count, kpi.agreement_checked_count
                ) or 0
            )

    def _read_group_select(self, aggregate_spec, query):
        fname, _property, func = models.parse_read_group_spec(aggregate_spec)
        if fname in YEAR_FIGURES and func == "sum":
            return SQL(
                "CASE WHEN COUNT(DISTINCT %(year)s) <= 1 THEN SUM(%(figure)s) END",
                year=self._field_to_sql(self._table, "year", query),
                figure=self._field_to_sql(self._table, fname, query),
            )
        if fname not in RATE_FIELDS:
            return super()._read_group_select(aggregate_spec, query)
        # collective.signing_rate / performance_rate over the group's sums
        part, total = RATE_FIELDS[fname]
        return SQL(
            "ROUND(100.0 * SUM(%(part)s) / NULLIF(SUM(%(total)s), 0), 2)",
            part=self._field_to_sql(self._table, part, query),
            total=self._field_to_sql(self._table, total, query),
        )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH bounds AS (
                SELECT EXTRACT(YEAR FROM CURRENT_DATE)::int AS this_year,
                       LEAST(
                           (SELECT MIN(EXTRACT(YEAR FROM date_in_force))::int
                              FROM union_collective_contract
                             WHERE date_in_force IS NOT NULL),
                           (SELECT MIN(year) FROM union_contract_performance
                             WHERE state = 'done'),
                           EXTRACT(YEAR FROM CURRENT_DATE)::int
                       ) AS first_year
            ),
            years AS (
                SELECT generate_series(first_year, this_year) AS year FROM bounds
            ),
            contracts AS (
                SELECT c.organization_id,
                       y.year,
                       COUNT(*) AS contract_count,
                       MAX(c.workers_covered) AS workers_covered
                  FROM union_collective_contract c
                  JOIN years y
                    ON c.date_in_force <= make_date(y.year, 12, 31)
                   AND COALESCE(c.date_terminated, c.date_end, c.date_in_force)
                       >= make_date(y.year, 1, 1)
                 WHERE c.date_in_force IS NOT NULL
                   AND c.state IN %(published_states)s
                 GROUP BY c.organization_id, y.year
            ),
            checks AS (
                SELECT p.organization_id,
                       p.year,
                       SUM(p.checked_count) AS checked_count,
                       SUM(p.honoured_count) AS honoured_count,
                       COUNT(*) FILTER (WHERE p.checked_count > 0)
                           AS agreement_checked_count,
                       COUNT(*) FILTER (WHERE p.agreement_honoured)
                           AS agreement_honoured_count
                  FROM union_contract_performance p
                 WHERE p.state = 'done'
                 GROUP BY p.organization_id, p.year
            )
            SELECT o.id * 10000 + y.year AS id,
                   o.id AS organization_id,
                   o.parent_id AS parent_organization_id,
                   o.company_id,
                   y.year::varchar AS year,
                   CASE WHEN o.collective_contract_required THEN 1 ELSE 0 END
                       AS required_count,
                   CASE WHEN o.collective_contract_required AND c.contract_count > 0
                       THEN 1 ELSE 0 END AS signed_count,
                   COALESCE(c.contract_count, 0) AS contract_count,
                   COALESCE(c.workers_covered, 0) AS workers_covered,
                   COALESCE(k.checked_count, 0) AS checked_count,
                   COALESCE(k.honoured_count, 0) AS honoured_count,
                   COALESCE(k.agreement_checked_count, 0) AS agreement_checked_count,
                   COALESCE(k.agreement_honoured_count, 0) AS agreement_honoured_count
              FROM union_organization o
             CROSS JOIN years y
              LEFT JOIN contracts c ON c.organization_id = o.id AND c.year = y.year
              LEFT JOIN checks k ON k.organization_id = o.id AND k.year = y.year
             WHERE o.active
            """,
            published_states=KPI_CONTRACT_STATES,
        )
