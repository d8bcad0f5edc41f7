"""The citizen who sent a report: personal data, kept apart and marked so."""

from __future__ import annotations

import typing

import attrs

from smartcity import _checks
from smartcity.exceptions import InvalidReportError

__all__ = ["PERSONAL", "Reporter", "is_personal"]

PERSONAL: typing.Final = "personal"
"""The attrs metadata key that marks a field as personal data: ``metadata={PERSONAL: True}``."""

_T = typing.TypeVar("_T")


def is_personal(field: attrs.Attribute[_T]) -> bool:
    """Return whether an attrs field holds personal data that must never be published.

    Serializers that build a public view (an Open311 response, a public map, a log line) walk
    the fields of a value with :func:`attrs.fields` and leave out those for which this is true.

    Args:
        field: one item of ``attrs.fields(SomeClass)``.

    Returns:
        ``True`` for fields marked with ``metadata={PERSONAL: True}``.

    Raises:
        InvalidArgumentError: ``field`` is not an attrs field.

    Example:
        >>> import attrs
        >>> from smartcity.reports import Reporter, Submission, is_personal
        >>> [f.name for f in attrs.fields(Submission) if is_personal(f)]
        ['reporter']
        >>> all(is_personal(f) for f in attrs.fields(Reporter))
        True
    """
    _checks.instance(field, attrs.Attribute, "field")
    return bool(field.metadata.get(PERSONAL, False))


def _optional_text(
    instance: object,  # noqa: ARG001 -- the attrs validator signature
    attribute: attrs.Attribute[str | None],
    value: object,
) -> None:
    # Personal: a message names the field and the kind of problem, never the value.
    if isinstance(value, str) and not value.strip():
        raise InvalidReportError(
            f"reporter {attribute.name} is blank; pass None when it is not known"
        )
    _checks.optional_text(
        value, f"reporter {attribute.name}", error=InvalidReportError, personal=True
    )


def _mask(value: str | None, *, keep_end: int) -> str:
    if value is None:
        return "None"
    kept = value[-keep_end:] if len(value) > keep_end * 2 else ""
    return repr("***" + kept)


def _mask_name(value: str | None) -> str:
    return "None" if value is None else repr(value[:1] + "***")


def _mask_email(value: str | None) -> str:
    if value is None:
        return "None"
    _, _, domain = value.rpartition("@")
    return repr(value[:1] + "***@" + domain)


_PRIVATE: typing.Final = {PERSONAL: True}


@typing.final
@attrs.frozen(kw_only=True)
class Reporter:
    """The citizen who sent a report: personal data, never published.

    Every field is marked personal (see :func:`is_personal`) and the class carries the marker
    ``Reporter.personal = True``, so code that builds a public view can leave it out whole. The
    repr masks every field, so a reporter logged by mistake leaks nothing useful::

        >>> Reporter(name="Budi Santoso", phone="+6281234567890", email="budi@example.com")
        Reporter(name='B***', phone='***7890', email='b***@example.com', account_id=None)

    An anonymous report has no reporter at all (``reporter=None``), not an empty one.

    Attributes:
        name: the reporter's name as given.
        phone: a phone number, as given (no normalisation).
        email: an e-mail address.
        account_id: the reporter's account in the channel that took the report.

    Raises:
        InvalidReportError: when every field is missing, a field is blank, or the e-mail has no
            ``@``.
        InvalidArgumentError: a field that is not a ``str`` (or None).

    No message ever shows the value of a field: they go to logs and HTTP answers.
    """

    personal: typing.ClassVar[bool] = True

    name: str | None = attrs.field(
        default=None, validator=_optional_text, metadata=_PRIVATE, repr=_mask_name
    )
    phone: str | None = attrs.field(
        default=None,
        validator=_optional_text,
        metadata=_PRIVATE,
        repr=lambda value: _mask(value, keep_end=4),
    )
    email: str | None = attrs.field(
        default=None, validator=_optional_text, metadata=_PRIVATE, repr=_mask_email
    )
    account_id: str | None = attrs.field(
        default=None,
        validator=_optional_text,
        metadata=_PRIVATE,
        repr=lambda value: _mask(value, keep_end=2),
    )

    def __attrs_post_init__(self) -> None:
        """Refuse an empty reporter and an e-mail address without a domain."""
        if self.name is self.phone is self.email is self.account_id is None:
            raise InvalidReportError(
                "a reporter needs at least a name, phone, email or account_id; "
                "for an anonymous report pass reporter=None"
            )
        if self.email is not None:
            local, at, domain = self.email.partition("@")
            if not (local and at and domain):
                raise InvalidReportError(
                    "reporter email has no local part or domain; expected e.g. name@example.com"
                )
