"""GET services and GET a service definition: the city's categories as Open311 services."""

from __future__ import annotations

from smartcity import _checks
from smartcity.desk import City
from smartcity.open311._attributes import attribute_data
from smartcity.open311._common import (
    Language,
    category_name,
    check_language,
    referral_notice,
)

__all__ = ["service_definition", "service_list"]


def service_list(city: City, *, language: Language = "id") -> list[dict[str, object]]:
    """Return the body of ``GET services``: one service per category of the city.

    Each service has the fields of GeoReport v2: ``service_code`` (the category code),
    ``service_name`` (its name in ``language``), ``description``, ``metadata`` (true exactly
    when the category defines attributes: then ``GET services/{code}`` lists them), ``type``
    (``"realtime"``: a POST returns the request id at once), ``keywords`` (the
    specification's comma-separated string, empty when there are none, never null) and
    ``group``. Categories come sorted by code.

    Categories carry no description of their own: ``description`` is the name, followed, for a
    category of another authority (see ``referral`` in :class:`~smartcity.routing.Category`),
    by where its reports are referred.

    Args:
        city: the city.
        language: ``"id"`` (Indonesian, the default) or ``"en"`` (English).

    Returns:
        A list of dicts, ready for ``json.dumps``.

    Raises:
        InvalidOptionError: another language.
        InvalidArgumentError: ``city`` is not a City.
    """
    _checks.instance(city, City, "city")
    language = check_language(language)
    services = []
    for code in sorted(city.categories):
        category = city.categories[code]
        name = category_name(category, language)
        description = name
        if category.referral is not None:
            description = f"{name}. {referral_notice(category.referral, language)}"
        services.append(
            {
                "service_code": category.code,
                "service_name": name,
                "description": description,
                "metadata": bool(category.attributes),
                "type": "realtime",
                "keywords": ",".join(category.keywords),
                "group": category.group,
            }
        )
    return services


def service_definition(city: City, code: str) -> dict[str, object]:
    """Return the body of ``GET services/{code}``: the service's extra attributes.

    ``{"service_code": code, "attributes": [...]}``, the attributes in the category's order,
    each with every field of GeoReport v2 (``variable``, ``code``, ``datatype``,
    ``required``, ``datatype_description``, ``order``, ``description``, ``values``); an empty
    list for a category without attributes.

    Args:
        city: the city.
        code: the service code (a category code).

    Returns:
        The definition, ready for ``json.dumps``.

    Raises:
        UnknownCategoryError: the city has no such category (answer 404).
        InvalidArgumentError: ``city`` is not a City, or ``code`` is not a string.
    """
    _checks.instance(city, City, "city")
    _checks.instance(code, str, "code")
    category = city.router.category(code)
    return {
        "service_code": category.code,
        "attributes": [attribute_data(attribute) for attribute in category.attributes],
    }
