"""Organisation directory: units (单位) with hierarchy, aliases, collective groups; leaders and posts."""
