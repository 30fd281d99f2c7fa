"""The one read model of task state as of a date (see ``docs/status-rules.md``).

* ``models``   — ``TaskStanding`` spans (a task's state from one day to another) and
  ``LightTally`` (whole-document light counts on each period's due date, for trends);
* ``loading``  — reads the facts of many tasks in bulk into ``progress.timeline`` histories;
* ``refresh``  — rewrites the spans of tasks whose facts changed (called by every service that
  changes them, in the same transaction) and rebuilds a whole document;
* ``queries``  — every read of state on a day: counts by light, section, unit and leader in the
  database, task rows page by page, late reporters, the state of one task.
"""
