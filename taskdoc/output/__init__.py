"""What leaves the parser: the JSON schema and the Excel ledger."""
