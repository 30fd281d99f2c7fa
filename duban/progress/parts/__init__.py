"""本单位分项报送: every unit on a task files its own monthly part; the lead unit's 汇总 is
the report (``ProgressReport``). Tables in ``models``, the one reading of who owes a part in
``queries`` (docs/status-rules.md, "Parts")."""
