"""Storing and sending values: a lossless, validating converter to JSON-ready data.

:func:`to_dict` writes a value as plain data (dicts, lists, strings, numbers, booleans, None)
with a schema version; :func:`from_dict` reads it back, checks it as the named constructors
check new values, and reports every problem with its path in one
:class:`~smartcity.exceptions.ValidationError`. :func:`make_converter` returns the cattrs
converter behind them, to embed `smartcity` values in your own classes.
"""

from smartcity._exports import publish
from smartcity.serialization._api import SCHEMA_VERSION, from_dict, to_dict
from smartcity.serialization._converter import SUPPORTED_TYPES, make_converter

# Plain sorted() order, as tests/test_exports.py checks; ruff's isort-style order would put
# the constants first.
__all__ = ["SCHEMA_VERSION", "SUPPORTED_TYPES", "from_dict", "make_converter", "to_dict"]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
