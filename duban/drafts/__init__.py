"""From the work report to the draft decomposition: a 政府工作报告 becomes a 目标任务分解
draft the 督查室 edits, prints as the Word notice and confirms as the year's tasks."""
