"""The shared argument checks: one rule each, the same everywhere."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import zoneinfo

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity import _checks
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidDurationError,
    InvalidLocationError,
    InvalidReportError,
    NaiveDatetimeError,
    UnknownWardError,
)
from smartcity.reports import EventKind, ReportStatus

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
LONDON = zoneinfo.ZoneInfo("Europe/London")


class TestShown:
    def test_a_huge_string_is_cut(self):
        rendered = _checks.shown("x" * 10_000_000)
        assert len(rendered) <= 2 * _checks.MAX_SHOWN + 20

    def test_a_huge_number_is_cut(self):
        assert len(_checks.shown(10**4000)) <= 2 * _checks.MAX_SHOWN + 20

    def test_a_number_too_long_to_write_is_named_not_written(self):
        # Python refuses to write an int of over 4,300 digits; shown must not fail on it.
        rendered = _checks.shown(10**5000)
        assert rendered.startswith("<int of ")
        assert len(rendered) <= 2 * _checks.MAX_SHOWN

    def test_a_personal_value_is_never_shown(self):
        rendered = _checks.shown("+6281234567890", personal=True)
        assert "6281234567890" not in rendered
        assert "14 characters" in rendered

    @given(st.text(max_size=50))
    def test_personal_text_never_appears_in_a_type_error(self, text):
        secret = f"+62-{text}-SECRET"  # marked, so it cannot be a word of the message itself
        with pytest.raises(InvalidArgumentError) as caught:
            _checks.text(secret.encode(), "phone", personal=True)
        assert "SECRET" not in str(caught.value)

    def test_a_broken_repr_does_not_hide_the_error(self):
        class Broken:
            def __repr__(self) -> str:
                raise RuntimeError

        assert "Broken" in _checks.shown(Broken())


class TestNumbers:
    @pytest.mark.parametrize("value", [5, np.int64(5), np.int8(5)])
    def test_whole_numbers_of_any_integer_type(self, value):
        assert _checks.whole_number(value, "n", error=InvalidDurationError) == 5
        assert type(_checks.whole_number(value, "n", error=InvalidDurationError)) is int

    @pytest.mark.parametrize("value", [True, 5.0, "5", None, decimal.Decimal(5)])
    def test_what_is_not_a_whole_number(self, value):
        with pytest.raises(InvalidArgumentError, match="must be a whole number"):
            _checks.whole_number(value, "n", error=InvalidDurationError)

    def test_whole_number_range(self):
        with pytest.raises(InvalidDurationError, match="from 0 to 10"):
            _checks.whole_number(11, "n", error=InvalidDurationError, minimum=0, maximum=10)
        with pytest.raises(InvalidDurationError, match="at least 1"):
            _checks.whole_number(-(10**400), "n", error=InvalidDurationError, minimum=1)

    @pytest.mark.parametrize(
        ("value", "expected"),
        [(1, 1.0), (np.float32(0.5), 0.5), (decimal.Decimal("2.5"), 2.5), (np.int64(3), 3.0)],
    )
    def test_real_numbers(self, value, expected):
        assert _checks.real_number(value, "x", error=InvalidDurationError) == expected

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 10**400])
    def test_non_finite_numbers(self, value):
        with pytest.raises(InvalidDurationError, match="finite"):
            _checks.real_number(value, "x", error=InvalidDurationError)

    @pytest.mark.parametrize("value", [True, "1", None, [1]])
    def test_what_is_not_a_number(self, value):
        with pytest.raises(InvalidArgumentError, match="must be a number"):
            _checks.real_number(value, "x", error=InvalidDurationError)


class TestCoordinates:
    @pytest.mark.parametrize("value", [10**400, -(10**400), math.nan, 91, decimal.Decimal("NaN")])
    def test_refused(self, value):
        with pytest.raises(InvalidLocationError):
            _checks.coordinate(value, axis="latitude", limit=90)

    @pytest.mark.parametrize("value", [True, "-6.99", None])
    def test_wrong_types(self, value):
        with pytest.raises(InvalidLocationError, match="must be a number of degrees"):
            _checks.coordinate(value, axis="latitude", limit=90)

    @given(st.floats(-90, 90))
    def test_every_real_latitude_is_kept_exactly(self, lat):
        assert _checks.coordinate(lat, axis="latitude", limit=90) == lat
        assert _checks.coordinate(decimal.Decimal(lat), axis="latitude", limit=90) == lat


class TestText:
    def test_text(self):
        assert _checks.text("road", "category") == "road"

    @pytest.mark.parametrize("value", [5, b"road", None, ["road"]])
    def test_not_text(self, value):
        with pytest.raises(InvalidArgumentError, match="must be text"):
            _checks.text(value, "category")

    def test_blank_and_long(self):
        with pytest.raises(InvalidReportError, match="blank"):
            _checks.text("  ", "category", error=InvalidReportError)
        with pytest.raises(InvalidReportError, match="at most 3"):
            _checks.text("abcd", "category", error=InvalidReportError, max_length=3)

    def test_optional_text(self):
        assert _checks.optional_text(None, "note") is None
        with pytest.raises(InvalidReportError, match="or None"):
            _checks.optional_text(" ", "note", error=InvalidReportError)


class TestDatetimes:
    def test_aware(self):
        at = dt.datetime(2024, 1, 1, tzinfo=JAKARTA)
        assert _checks.aware_datetime(at, "at") is at

    def test_naive(self):
        with pytest.raises(NaiveDatetimeError):
            _checks.aware_datetime(dt.datetime(2024, 1, 1), "at")  # noqa: DTZ001

    @pytest.mark.parametrize("value", ["2024-01-01T00:00+07:00", dt.date(2024, 1, 1), None])
    def test_not_a_datetime(self, value):
        with pytest.raises(InvalidArgumentError, match="aware datetime"):
            _checks.aware_datetime(value, "at")

    def test_a_skipped_wall_clock_time_cannot_be_stored(self):
        gap = dt.datetime(2024, 3, 31, 1, 30, tzinfo=LONDON)
        with pytest.raises(InvalidReportError, match="does not exist"):
            _checks.stored_instant(gap, "at", error=InvalidReportError)

    def test_both_sides_of_a_repeated_hour_can_be_stored(self):
        for fold in (0, 1):
            at = dt.datetime(2024, 10, 27, 1, 30, fold=fold, tzinfo=LONDON)
            assert _checks.stored_instant(at, "at", error=InvalidReportError) is at

    @pytest.mark.parametrize(
        "value",
        [
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ],
    )
    def test_instants_at_the_limits_cannot_be_stored(self, value):
        with pytest.raises(InvalidReportError, match="limits"):
            _checks.stored_instant(value, "at", error=InvalidReportError)


class TestCollections:
    def test_items_are_checked_with_their_index(self):
        with pytest.raises(InvalidArgumentError, match=r"codes\[1\]"):
            _checks.tuple_of(["a", 5], "codes", _checks.text)

    @pytest.mark.parametrize("value", ["road", b"road", {"a": 1}, 5, None])
    def test_not_a_collection(self, value):
        with pytest.raises(InvalidArgumentError, match="must be a collection"):
            _checks.tuple_of(value, "codes", _checks.text)

    def test_too_many_items(self):
        with pytest.raises(InvalidReportError, match="more than 2"):
            _checks.tuple_of(
                iter("abcdef"), "codes", _checks.text, max_items=2, error=InvalidReportError
            )

    def test_instance(self):
        assert _checks.instance(5, int, "n") == 5
        with pytest.raises(InvalidArgumentError, match="must be an int or float"):
            _checks.instance("5", (int, float), "n")


class TestMember:
    """An enum member is itself; anything else, a stored value included, is a type error."""

    def test_a_member_is_returned(self):
        assert _checks.member(ReportStatus.CLOSED, ReportStatus, "status") is ReportStatus.CLOSED

    def test_a_stored_value_is_refused_with_how_to_read_it(self):
        with pytest.raises(InvalidArgumentError) as caught:
            _checks.member("closed", ReportStatus, "status")
        assert "ReportStatus('closed') is ReportStatus.CLOSED" in str(caught.value)

    @pytest.mark.parametrize("value", [None, 5, ["closed"], "x" * 10_000_000, EventKind.NOTED])
    def test_anything_else_is_refused_briefly(self, value):
        with pytest.raises(InvalidArgumentError, match="status must be a ReportStatus") as caught:
            _checks.member(value, ReportStatus, "status")
        assert len(str(caught.value)) < 400


class TestUnknownCodes:
    def test_a_huge_unknown_code_makes_a_short_message(self):
        message = str(UnknownWardError("x" * 10_000_000))
        assert len(message) < 400
        assert message.startswith("no ward with code 'xxx")


class TestInstanceOfValidator:
    def test_an_attrs_field_refuses_another_type_and_names_the_field(self):
        @attrs.frozen
        class Box:
            size: int = attrs.field(validator=_checks.instance_of(int))
            label: str | None = attrs.field(
                default=None, validator=_checks.instance_of(str, optional=True)
            )

        assert Box(3, None).size == 3
        with pytest.raises(InvalidArgumentError, match="Box label must be a str"):
            Box(3, 5)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="Box size must be an int"):
            Box(None)  # type: ignore[arg-type]
