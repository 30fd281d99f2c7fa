"""Shared foundations: the abstract base model, the clock, ApplicationError, SQLite tuning."""
