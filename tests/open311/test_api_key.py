"""check_api_key: the POST endpoints' key check, public for a server's own actions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    InvalidArgumentError,
    RejectedKeyError,
    ValidationError,
)
from smartcity.open311 import check_api_key, error_response

KEYS = frozenset({"kunci-1", "kunci-2"})


class TestCheckApiKey:
    """A form passes with exactly one accepted key; the key never appears in a refusal."""

    @pytest.mark.parametrize("form", [{"api_key": "kunci-2"}, [("api_key", "kunci-1")]])
    def test_an_accepted_key_passes(self, form: object) -> None:
        check_api_key(form, KEYS)  # type: ignore[arg-type]

    def test_none_accepts_any_form(self) -> None:
        check_api_key({}, None)

    @pytest.mark.parametrize(
        "form",
        [
            {},
            {"api_key": ""},
            {"api_key": "kunci-3"},
            [("api_key", "kunci-1"), ("api_key", "kunci-1")],
            {"api_key": ["kunci-1", "kunci-2"]},
            {"api_key": 7},
        ],
        ids=["missing", "blank", "other", "repeated", "two-values", "not-text"],
    )
    def test_anything_else_is_rejected_with_403(self, form: object) -> None:
        with pytest.raises(RejectedKeyError) as caught:
            check_api_key(form, KEYS)  # type: ignore[arg-type]
        assert error_response(caught.value).status == 403

    def test_an_empty_collection_accepts_nothing(self) -> None:
        with pytest.raises(RejectedKeyError):
            check_api_key({"api_key": "kunci-1"}, ())

    def test_a_form_that_is_not_a_form_is_400(self) -> None:
        with pytest.raises(ValidationError) as caught:
            check_api_key("api_key=kunci-1", KEYS)  # type: ignore[arg-type]
        assert error_response(caught.value).status == 400

    @pytest.mark.parametrize("keys", ["kunci-1", [1], {"kunci-1": True}])
    def test_keys_that_are_not_strings_are_a_server_bug(self, keys: object) -> None:
        # A str used to be iterated: each of its characters became an accepted key.
        with pytest.raises(InvalidArgumentError):
            check_api_key({"api_key": "k"}, keys)  # type: ignore[arg-type]

    @given(key=st.text(min_size=1, max_size=40).filter(lambda key: key.strip() not in KEYS))
    def test_the_refusal_is_the_same_whatever_the_key(self, key: str) -> None:
        # So the key, a secret, is never shown.
        with pytest.raises(RejectedKeyError) as caught:
            check_api_key({"api_key": key}, KEYS)
        with pytest.raises(RejectedKeyError) as missing:
            check_api_key({}, KEYS)
        assert error_response(caught.value) == error_response(missing.value)
