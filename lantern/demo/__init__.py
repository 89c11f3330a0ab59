"""Fictional demonstration data (organizations, accounts, cases). No real person."""
