"""Valuation learnt from sales: a gradient-boosted price model per category (falling back to the parent
category), depreciation fitted from the same sales, calibrated ranges, explanations and backtests.

Pure code over plain records (dicts with the documented comparable columns); the database, the
stored model versions and the commands live in `appraisal.services.valuing` and the commands.
"""
