"""Ward geometry: from a point to its kelurahan (ward) and kecamatan (district)."""

__all__: list[str] = []
