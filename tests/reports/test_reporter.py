"""The reporter's personal data: kept apart, marked, and masked in reprs."""

from __future__ import annotations

import attrs
import pytest

from smartcity.exceptions import InvalidReportError
from smartcity.reports import PERSONAL, Reporter, Submission, is_personal

BUDI = Reporter(
    name="Budi Santoso", phone="+6281234567890", email="budi@example.com", account_id="acc-98765"
)


class TestReporterPrivacy:
    """Nothing in a reporter's repr identifies the reporter."""

    def test_repr_masks_every_field(self) -> None:
        """Logs may print a reporter; they get initials and a few last characters only."""
        text = repr(BUDI)
        for secret in ("Budi Santoso", "Santoso", "6281234567890", "budi@", "acc-98765"):
            assert secret not in text
        assert text == (
            "Reporter(name='B***', phone='***7890', email='b***@example.com', account_id='***65')"
        )

    def test_str_is_the_masked_repr(self) -> None:
        """f-strings in log lines show the masked form too."""
        assert repr(BUDI) == f"{BUDI}"

    def test_short_values_are_masked_whole(self) -> None:
        """A short phone keeps none of its digits."""
        assert "phone='***'" in repr(Reporter(phone="112"))

    def test_every_field_is_personal(self) -> None:
        """A public view built field by field leaves the reporter out whole."""
        assert all(is_personal(field) for field in attrs.fields(Reporter))
        assert Reporter.personal is True

    def test_submission_marks_its_reporter_personal(self) -> None:
        """The submission's reporter field is the only personal one in it."""
        personal = [field.name for field in attrs.fields(Submission) if is_personal(field)]
        assert personal == ["reporter"]

    def test_unmarked_fields_are_not_personal(self) -> None:
        """is_personal reads the metadata marker, nothing else."""

        @attrs.frozen
        class Thing:
            public: str
            secret: str = attrs.field(metadata={PERSONAL: True})

        public, secret = attrs.fields(Thing)
        assert (is_personal(public), is_personal(secret)) == (False, True)


class TestReporterValidation:
    """A reporter is refused when it says nothing, or says something blank."""

    def test_empty_reporter_is_refused(self) -> None:
        """An anonymous report has reporter=None, not an empty reporter."""
        with pytest.raises(InvalidReportError, match="reporter=None"):
            Reporter()

    @pytest.mark.parametrize("field", ["name", "phone", "email", "account_id"])
    def test_blank_field_is_refused(self, field: str) -> None:
        """Blank text is a mistake upstream: pass None for what is unknown."""
        with pytest.raises(InvalidReportError, match=field):
            Reporter(**{"phone": "+62 24 1234", field: "  "})

    @pytest.mark.parametrize("email", ["budi", "@example.com", "budi@"])
    def test_email_needs_a_local_part_and_a_domain(self, email: str) -> None:
        """An address without both halves cannot be written to."""
        with pytest.raises(InvalidReportError, match="email"):
            Reporter(email=email)

    def test_one_field_is_enough(self) -> None:
        """A phone number alone identifies a reporter."""
        assert Reporter(phone="+62 24 1234").phone == "+62 24 1234"
