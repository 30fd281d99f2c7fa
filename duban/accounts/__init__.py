"""Users, roles and unit memberships; ``permissions`` is the one place access is decided."""
