"""A reference Open311 GeoReport v2 server for Semarang, on :mod:`smartcity.open311`.

Flask (WSGI) for the routes, SQLite through :mod:`sqlite3` for the reports. Not part of the
wheel, and not a production server: see this folder's README.md.
"""
