"""The grammar of the genre: lists, sections, numbered tasks, their fields, units and leaders."""
