"""Reports (complaints) and their status lifecycle."""

__all__: list[str] = []
