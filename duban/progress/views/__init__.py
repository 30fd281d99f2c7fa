"""Pages for progress reporting and the 督办 workflow, one module per area."""
