"""Pure-Python domain core of the union_relief add-on.

Rules and calculations that need no ORM: hardship eligibility, resident ID
numbers, masking for public notices, review scheduling and file numbers. Nothing
here imports ``odoo``; the models in ``models/`` translate records into these
plain values and call these functions, so every rule is written and tested once.
"""
