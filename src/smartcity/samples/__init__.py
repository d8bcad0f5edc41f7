"""Ready sample data: a complete sample city to try the library on.

The sample city's geometry is approximate (one synthetic ward per kecamatan); load the real
boundaries with :meth:`smartcity.geo.WardMap.from_geojson` for real work.
"""

from smartcity.samples._generate import generate_reports, progress_reports
from smartcity.samples._semarang import SAMPLE_YEARS, sample_wards, semarang

__all__ = ["SAMPLE_YEARS", "generate_reports", "progress_reports", "sample_wards", "semarang"]

for _obj in (generate_reports, progress_reports, sample_wards, semarang):
    _obj.__module__ = __name__
del _obj
