"""Figures and dates: quantities, targets, time expressions, milestones, schedules, actuals."""
