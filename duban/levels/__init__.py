"""上下级关联: a district's tasks and targets linked to the city's they implement."""
