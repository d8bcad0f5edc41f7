"""A category's extra questions: ServiceAttribute refuses what cannot be asked."""

from __future__ import annotations

import pickle

import pytest

from smartcity.exceptions import InvalidArgumentError, RoutingConfigError
from smartcity.routing import AttributeDatatype, AttributeOption, Category, ServiceAttribute

D = AttributeDatatype
OPTIONS = (AttributeOption("a", "A"), AttributeOption("b", "B"))


class TestServiceAttribute:
    """Lists need options, others none; a required attribute takes an answer."""

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"datatype": D.SINGLEVALUELIST}, "give it its options"),
            ({"datatype": D.NUMBER, "values": OPTIONS}, "has no options"),
            ({"datatype": D.TEXT, "required": True, "variable": False}, "cannot be required"),
            ({"datatype": D.MULTIVALUELIST, "values": (*OPTIONS, OPTIONS[0])}, "repeat a key"),
            ({"datatype": D.TEXT, "order": 0}, "order must be from 1"),
        ],
    )
    def test_refusals(self, options: dict[str, object], message: str) -> None:
        """Each rule, with a message that says what to do."""
        with pytest.raises(RoutingConfigError, match=message):
            ServiceAttribute("x", description="?", **options)  # type: ignore[arg-type]

    def test_wrong_types(self) -> None:
        """A string datatype or a dict option is a TypeError too."""
        with pytest.raises(InvalidArgumentError):
            ServiceAttribute("x", datatype="number", description="?")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            ServiceAttribute(
                "x", datatype=D.SINGLEVALUELIST, description="?", values=[{"key": "a"}]
            )  # type: ignore[list-item]

    def test_a_category_keeps_distinct_attributes_and_pickles(self) -> None:
        """Codes are unique within a category; the value pickles."""
        depth = ServiceAttribute("depth", datatype=D.NUMBER, description="?")
        category = Category("roads", name_id="J", name_en="R", group="G", attributes=[depth])
        assert category.attributes == (depth,)
        assert pickle.loads(pickle.dumps(category)) == category  # noqa: S301 - our own value
        with pytest.raises(RoutingConfigError, match="repeat a code"):
            Category("roads", name_id="J", name_en="R", group="G", attributes=[depth, depth])
