"""Helpers shared by the models, wizards and controllers of the add-on: no
models here (``models/`` holds those), only the code that sits between them and
the pure core or Odoo's tools."""
