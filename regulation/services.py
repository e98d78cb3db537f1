"""Writes for the regulator side: flags, IP notices, decisions and the audit log, as they are built."""
