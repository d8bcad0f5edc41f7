"""Agencies, categories and the routing table: which agency must act on which report.

:class:`Agency` and :class:`Category` describe the city (a category may ask extra questions,
:class:`ServiceAttribute`); :class:`RoutingRule` lines make up the
table; :meth:`Router.build` checks it once and :meth:`Router.route` answers with a
:class:`RoutingDecision` for every report.
"""

from smartcity._exports import publish
from smartcity.routing._agency import Agency, Category
from smartcity.routing._attributes import (
    MAX_ATTRIBUTES,
    AttributeDatatype,
    AttributeOption,
    ServiceAttribute,
)
from smartcity.routing._router import (
    DEFAULT_OUTSIDE_REFERRAL,
    Router,
    RoutingDecision,
    RoutingOutcome,
    RoutingRule,
)

# Plain sorted() order, as tests/test_exports.py checks; ruff's isort-style order would put
# the constants first.
__all__ = [
    "Agency",
    "AttributeDatatype",
    "AttributeOption",
    "Category",
    "DEFAULT_OUTSIDE_REFERRAL",
    "MAX_ATTRIBUTES",
    "Router",
    "RoutingDecision",
    "RoutingOutcome",
    "RoutingRule",
    "ServiceAttribute",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
