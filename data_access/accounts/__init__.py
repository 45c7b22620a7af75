"""Accounts, their scopes, sign-in guards, kept sign-ins and the audit trail."""
