"""Progress reporting, statuses and the 督办 workflow (issue 5)."""
