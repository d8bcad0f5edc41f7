"""Ready sample data: the real wards of Kota Semarang and a complete sample city on them.

`semarang_wards` is the real ward map of Kota Semarang (177 kelurahan, 16 kecamatan), packaged
with the library; `semarang` is a sample city on it (agencies, categories, routing, calendar).
For another city, load its boundaries with :meth:`smartcity.geo.WardMap.from_geojson`.
"""

from smartcity.samples._generate import generate_reports, progress_reports
from smartcity.samples._semarang import SAMPLE_YEARS, semarang
from smartcity.samples._wards import semarang_wards

__all__ = ["SAMPLE_YEARS", "generate_reports", "progress_reports", "semarang", "semarang_wards"]

for _obj in (generate_reports, progress_reports, semarang, semarang_wards):
    _obj.__module__ = __name__
del _obj
