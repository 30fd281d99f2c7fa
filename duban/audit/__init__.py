"""Audit trail: one AuditEvent per write service call, in the same transaction."""
