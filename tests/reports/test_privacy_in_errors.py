"""No error message ever contains the value of a personal field (messages go to logs and 400s).

A personal value of the wrong type or shape is fed through every way in: ``Reporter(...)``,
``Report.submit(reporter=...)``, ``from_dict`` of a reporter and of a report, and Open311's
``report_from_request``. Whatever is refused, the value's text is not in the message.
"""

from __future__ import annotations

import datetime as dt
import string
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import SmartCityError
from smartcity.geo import GeoPoint
from smartcity.open311 import report_from_request
from smartcity.reports import Report, Reporter
from smartcity.serialization import from_dict, to_dict

T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=ZoneInfo("Asia/Jakarta"))
FIELDS = ("name", "phone", "email", "account_id")
OPEN311_FIELDS = ("email", "first_name", "last_name", "phone", "account_id")

# A secret is marked so that it cannot occur in a message by chance.
SECRETS = st.text(string.ascii_letters + string.digits, min_size=3, max_size=12).map(
    lambda text: f"PII{text}"
)
NUMBERS = st.integers(10**9, 10**15) | st.integers(-(10**15), -(10**9))


@st.composite
def personal_values(draw: st.DrawFn) -> tuple[object, str]:
    """A wrong value for a personal field, and the text that must not leak."""
    number = draw(NUMBERS)
    secret = draw(SECRETS)
    return draw(
        st.sampled_from(
            [
                (number, str(number)),
                (float(number), str(number)),
                (secret.encode(), secret),
                ([secret], secret),
                ([secret, secret], secret),
                ({"value": secret}, secret),
                ({secret: 1}, secret),
                ((secret,), secret),
                (secret, secret),  # a string where an e-mail address (with @) belongs
            ]
        )
    )


def message_of(call) -> str:
    try:
        call()
    except SmartCityError as error:
        return str(error)
    return ""


def submitted(**changes: object) -> Report:
    options: dict[str, object] = {
        "category": "drainage",
        "description": "Saluran tersumbat",
        "at": T0,
        "location": GeoPoint(-6.98, 110.41),
    }
    options.update(changes)
    return Report.submit("SMG-1", **options)  # type: ignore[arg-type]


class TestPersonalValuesAreNeverInMessages:
    @given(value=personal_values(), field=st.sampled_from(FIELDS))
    def test_reporter(self, value, field):
        wrong, secret = value
        field = "email" if isinstance(wrong, str) else field
        assert secret not in message_of(lambda: Reporter(**{field: wrong}))

    @given(value=personal_values())
    def test_submit(self, value):
        wrong, secret = value
        assert secret not in message_of(lambda: submitted(reporter=wrong))

    @given(value=personal_values(), field=st.sampled_from(FIELDS))
    def test_from_dict_of_a_reporter(self, value, field):
        wrong, secret = value
        field = "email" if isinstance(wrong, str) else field
        assert secret not in message_of(lambda: from_dict(Reporter, {field: wrong}))
        assert secret not in message_of(lambda: from_dict(Reporter, wrong))

    @given(value=personal_values(), field=st.sampled_from(FIELDS))
    def test_from_dict_of_a_report(self, value, field):
        wrong, secret = value
        field = "email" if isinstance(wrong, str) else field
        data = to_dict(submitted(reporter=Reporter(name="Budi")))
        submission = data["history"][0]["submission"]  # type: ignore[index]
        for reporter in ({field: wrong}, wrong):
            submission["reporter"] = reporter
            assert secret not in message_of(lambda: from_dict(Report, data))

    @given(value=personal_values(), field=st.sampled_from(OPEN311_FIELDS))
    def test_open311_request(self, value, field):
        wrong, secret = value
        field = "email" if isinstance(wrong, str) else field
        body = {
            "service_code": "drainage",
            "description": "Saluran tersumbat",
            "lat": "-6.98",
            "long": "110.41",
            field: wrong,
        }
        message = message_of(lambda: report_from_request(body, report_id="R1", at=T0))
        assert secret not in message


class TestTheIssueCase:
    @pytest.mark.parametrize("phone", [6281234567890, "6281234567890x@"])
    def test_a_phone_number_in_from_dict(self, phone):
        """from_dict(Reporter, {"phone": 6281234567890}) named the number; it no longer does."""
        message = message_of(lambda: from_dict(Reporter, {"phone": phone, "email": phone}))
        assert "6281234567890" not in message
        assert "phone" in message or "email" in message

    def test_a_phone_number_in_an_open311_request(self):
        body = {"service_code": "c", "description": "d", "address_string": "a", "phone": 62812}
        message = message_of(lambda: report_from_request(body, report_id="R1", at=T0))
        assert "62812" not in message
        assert "phone: expected text" in message
