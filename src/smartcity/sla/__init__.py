"""Working-day calendars and SLA arithmetic."""

__all__: list[str] = []
