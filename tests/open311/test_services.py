"""GET services and GET a service definition, checked against the specification's examples."""

from __future__ import annotations

import json

import pytest
from open311_fixtures import SERVICE_DEFINITION, SERVICE_LIST

from smartcity.exceptions import InvalidOptionError, UnknownCategoryError
from smartcity.open311 import service_definition, service_list
from smartcity.samples import semarang


class TestServiceList:
    """One service per category, with exactly the fields of GeoReport v2."""

    def test_every_service_has_the_fields_of_the_specification(self) -> None:
        """The same field names as the specification's example, and the same JSON types."""
        services = service_list(semarang())
        assert len(services) == len(semarang().categories)
        (example,) = SERVICE_LIST
        for service in services:
            assert set(service) == set(example)
            assert isinstance(service["service_code"], str)
            assert isinstance(service["service_name"], str)
            assert isinstance(service["description"], str)
            assert service["metadata"] is False
            assert service["type"] == "realtime"
            assert isinstance(service["keywords"], str)
            assert isinstance(service["group"], str)
        json.dumps(services)

    def test_services_are_the_categories_sorted_by_code(self) -> None:
        """Stable order: a client can diff two answers."""
        codes = [service["service_code"] for service in service_list(semarang())]
        assert codes == sorted(semarang().categories)

    def test_names_come_in_the_language_asked_for(self) -> None:
        """Indonesian by default, English on request."""
        (indonesian,) = [s for s in service_list(semarang()) if s["service_code"] == "roads"]
        (english,) = [
            s for s in service_list(semarang(), language="en") if s["service_code"] == "roads"
        ]
        assert indonesian["service_name"] == "Jalan rusak"
        assert english["service_name"] == "Damaged road"
        assert english["group"] == "Infrastruktur"

    def test_a_category_of_another_authority_says_where_reports_go(self) -> None:
        """Water supply is the water utility's: the description says so."""
        (water,) = [
            s
            for s in service_list(semarang(), language="en")
            if s["service_code"] == "water-supply"
        ]
        assert water["description"] == (
            "Water supply. Not the city's responsibility: reports are referred to "
            "PDAM Tirta Moedal."
        )

    def test_keywords_are_one_comma_separated_string(self) -> None:
        """As the specification writes them: ``"lorem, ipsum, dolor"``."""
        from smartcity.desk import City  # noqa: PLC0415
        from smartcity.routing import Agency, Category, Router  # noqa: PLC0415

        city = semarang()
        pothole = Category(
            "potholes", name_id="Lubang", name_en="Potholes", group="Jalan", keywords=("a", "b")
        )
        router = Router.build(
            [], agencies=[Agency("DESK", "Desk")], categories=[pothole], triage="DESK"
        )
        small = City.build("x", ward_map=city.ward_map, router=router, calendar=city.calendar)
        (service,) = service_list(small)
        assert service["keywords"] == "a,b"

    def test_an_unknown_language_is_refused(self) -> None:
        """The city's names exist in Indonesian and English only."""
        with pytest.raises(InvalidOptionError, match=r"'id' .* or 'en'"):
            service_list(semarang(), language="jv")  # type: ignore[arg-type]


class TestServiceDefinition:
    """The categories define no extra attributes: the definition says so."""

    def test_a_definition_has_the_fields_of_the_specification_and_no_attributes(self) -> None:
        """``service_code`` and an empty ``attributes`` list."""
        definition = service_definition(semarang(), "drainage")
        assert set(definition) == set(SERVICE_DEFINITION)
        assert definition == {"service_code": "drainage", "attributes": []}

    def test_an_unknown_service_is_an_unknown_category(self) -> None:
        """A server answers 404; the error is a KeyError too."""
        with pytest.raises(UnknownCategoryError) as error:
            service_definition(semarang(), "DMV66")
        assert isinstance(error.value, KeyError)
        assert error.value.code == "DMV66"
