"""What real Open311 clients send and read, copied as data from their own test suites.

Short excerpts of test fixtures (request bodies and field values), written as Python data.
"""

from __future__ import annotations

import typing

# mysociety/fixmystreet, commit 082f2c31c8dc94fe5e2492b0dd3ad65c4db9f2c1, t/open311.t,
# subtest 'posting service request': the form FixMyStreet POSTs to requests.xml for problem 80
# (extended description, lat/long, the user's name split in two), and the attribute[title]
# of the 'extra values in service request' case.
FIXMYSTREET_POST: typing.Final = [
    ("email", "test@example.com"),
    ("first_name", "Test"),
    ("last_name", "User"),
    ("lat", "1"),
    ("long", "2"),
    (
        "description",
        (
            "title: a problem\n\ndetail: problem detail\n\nurl: http://example.com/report/1\n\n"
            "Submitted via FixMyStreet\n"
        ),
    ),
    ("service_code", "pothole"),
    ("attribute[title]", "A title"),
]

# Same file, the last case of 'use lat long forces lat long...' (send_notpinpointed): no lat,
# no long, no address_string, and address_id '#NOTPINPOINTED#'.
FIXMYSTREET_NOT_PINPOINTED: typing.Final = [
    ("email", "test@example.com"),
    ("first_name", "Test"),
    ("last_name", "User"),
    ("description", "detail"),
    ("service_code", "pothole"),
    ("address_id", "#NOTPINPOINTED#"),
]

# Same file, subtest 'basic request update post parameters': a comment POSTed to
# servicerequestupdates.xml (service_request_id 81, status OPEN, title Mr).
FIXMYSTREET_UPDATE: typing.Final = [
    ("description", "this is a comment"),
    ("email", "test@example.com"),
    ("status", "OPEN"),
    ("service_request_id", "81"),
    ("updated_datetime", "2026-03-02T09:00:00+07:00"),
    ("title", "Mr"),
    ("last_name", "User"),
    ("first_name", "Test"),
]

# mysociety/open311-adapter, commit 48c73dc30d4b09793732350857e03b6fe208d487,
# t/open311/endpoint.t, subtest 'POST Service Request valid test' (service POT, whose
# definition asks depth, a required number, and shape, a singlevaluelist of circle, square,
# triangle), and 'POST Service Request validation' ('bad attribute': shape starfish).
ADAPTER_POST: typing.Final = {
    "api_key": "test",
    "service_code": "POT",
    "address_string": "22 Acacia Avenue",
    "first_name": "Bob",
    "last_name": "Mould",
    "attribute[depth]": "100",
    "attribute[shape]": "triangle",
}
ADAPTER_BAD_ATTRIBUTE: typing.Final = {**ADAPTER_POST, "attribute[shape]": "starfish"}
ADAPTER_NO_REQUIRED_ATTRIBUTE: typing.Final = {
    key: value for key, value in ADAPTER_POST.items() if not key.startswith("attribute")
}
ADAPTER_EMPTY_OPTIONAL_LIST: typing.Final = {**ADAPTER_POST, "attribute[shape]": ""}

# mysociety/open311-adapter, several integration tests under t/open311/endpoint/ (the
# Boomi, Zendesk and passthrough ones; found with a code search, exact path not recorded):
# FixMyStreet's multi-photo POST repeats media_url, one per photo, with these two values.
MULTI_PHOTO_MEDIA_URLS: typing.Final = [
    "https://localhost/one.jpeg?123",
    "https://localhost/two.jpeg?123",
]

# mysociety/fixmystreet, commit 01454b6b5efa7ce7623ed7c232f2df93ae7f72b4,
# t/open311/getservicerequestupdates.t: the status values its map_state turns into a state.
FIXMYSTREET_UPDATE_STATES: typing.Final = frozenset(
    {
        "OPEN",
        "CLOSED",
        "INVESTIGATING",
        "IN_PROGRESS",
        "ACTION_SCHEDULED",
        "NOT_COUNCILS_RESPONSIBILITY",
        "INTERNAL_REFERRAL",
        "DUPLICATE",
        "FIXED",
        "NO_FURTHER_ACTION",
    }
)

# mysociety/fixmystreet perllib/Open311.pm (_get_xml_object): XML::Simple's GroupTags.
FIXMYSTREET_GROUP_TAGS: typing.Final = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "service_request_updates": "request_update",
    "groups": "group",
}
