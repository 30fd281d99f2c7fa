"""The read-only JSON API (``/api/v1``): DRF plumbing plus thin views over the selectors."""
