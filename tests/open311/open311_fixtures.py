"""Open311 payloads written after the specifications' own examples.

GeoReport v2 (https://wiki.open311.org/GeoReport_v2, "Example response" of each method): the
JSON examples there write codes and ids as bare numbers with leading zeros (``001``), which is
not valid JSON; they are quoted here, as real servers send them. The update is after mySociety's
extension (https://github.com/mysociety/fixmystreet/wiki/Open311-FMS---Complete-Spec, "GET
Service Request Updates"), whose JSON servers send ``media_url`` and ``description`` as strings.
"""

from __future__ import annotations

import typing

SERVICE_LIST: typing.Final = [
    {
        "service_code": "001",
        "service_name": "Cans left out 24x7",
        "description": "Garbage or recycling cans that have been left out for more than 24 hours "
        "after collection. Violators will be cited.",
        "metadata": True,
        "type": "realtime",
        "keywords": "lorem, ipsum, dolor",
        "group": "sanitation",
    },
]

SERVICE_DEFINITION: typing.Final = {
    "service_code": "DMV66",
    "attributes": [
        {
            "variable": True,
            "code": "WHISHETN",
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": None,
            "order": 1,
            "description": "What is the ticket/tag/DL number?",
            "values": [{"key": 123, "name": "Ford"}, {"key": 124, "name": "Chrysler"}],
        }
    ],
}

# The example POST body, form-decoded; service_code is one of the sample city's.
POST_BODY: typing.Final = {
    "api_key": "xyz",
    "jurisdiction_id": "city.gov",
    "service_code": "drainage",
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "1234 5th street",
    "email": "smit333@sfgov.edu",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
    "attribute[WHISPAWN]": "123456",
    "attribute[WHISDORN]": "COISL001",
}

SERVICE_REQUESTS: typing.Final = [
    {
        "service_request_id": "638344",
        "status": "closed",
        "status_notes": "Duplicate request.",
        "service_name": "Sidewalk and Curb Issues",
        "service_code": "006",
        "description": None,
        "agency_responsible": None,
        "service_notice": None,
        "requested_datetime": "2010-04-14T06:37:38-08:00",
        "updated_datetime": "2010-04-14T06:37:38-08:00",
        "expected_datetime": "2010-04-15T06:37:38-08:00",
        "address": "8TH AVE and JUDAH ST",
        "address_id": "545483",
        "zipcode": "94122",
        "lat": 37.762221815,
        "long": -122.4651145,
        "media_url": "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg",
    },
]

SERVICE_REQUEST_UPDATES: typing.Final = [
    {
        "update_id": "560063_cb783d63",
        "service_request_id": "560063",
        "status": "closed",
        "updated_datetime": "2019-04-17T13:29:00+01:00",
        "description": "",
        "media_url": "",
        "external_status_code": "NOT_COUNCILS_RESPONSIBILITY",
    },
]

W3C_DATETIME: typing.Final = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})"
"""The W3C profile of ISO 8601 that GeoReport v2 requires, to the second, offset included."""
