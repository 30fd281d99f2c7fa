"""Work plans: source documents, task lists, sections, tasks and their units/leaders; the importer."""
