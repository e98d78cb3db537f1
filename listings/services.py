"""Writes for listings: creation, risk rules, moderation and every status transition."""
