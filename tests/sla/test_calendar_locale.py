"""The Indonesian calendar is the same on every machine, whatever its locale."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pendulum
import pytest

from smartcity.exceptions import InvalidOptionError
from smartcity.serialization import to_dict
from smartcity.sla import WorkingCalendar

LOCALES = ("C.UTF-8", "en_US.UTF-8", "id_ID.UTF-8", "th_TH.UTF-8", "uk_UA.UTF-8")
LOCALE_VARIABLES = ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
RAMADAN_START = pendulum.datetime(2025, 3, 10, 8, tz="Asia/Jakarta")
RAMADAN_DAY = dt.timedelta(hours=7, minutes=15)


def build(language: str = "en") -> WorkingCalendar:
    return WorkingCalendar.indonesia(years=range(2024, 2027), language=language)


class TestTheLocaleChangesNothing:
    @pytest.mark.parametrize("variable", LOCALE_VARIABLES)
    @pytest.mark.parametrize("locale", LOCALES)
    def test_every_locale_builds_the_same_calendar(
        self, monkeypatch: pytest.MonkeyPatch, variable: str, locale: str
    ) -> None:
        """holidays reads the locale when a calendar is built: set it, build, compare."""
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        reference = build()
        monkeypatch.setenv(variable, locale)
        assert build() == reference
        assert build("id") == build("id")

    @pytest.mark.parametrize("locale", ["id_ID.UTF-8", "th_TH.UTF-8"])
    def test_the_ramadan_hours_survive_a_translated_locale(
        self, monkeypatch: pytest.MonkeyPatch, locale: str
    ) -> None:
        """Regression: under LANG=id_ID the Ramadan override disappeared (Eid found by name)."""
        monkeypatch.setenv("LANG", locale)
        monkeypatch.delenv("LANGUAGE", raising=False)
        monkeypatch.delenv("LC_ALL", raising=False)
        for language in ("en", "id"):
            calendar = build(language)
            expected = pendulum.datetime(2025, 3, 10, 15, 15, tz="Asia/Jakarta")
            assert expected == calendar.add_working_time(RAMADAN_START, RAMADAN_DAY)
            assert len(calendar.overrides) == 3

    def test_a_fresh_process_under_each_locale_agrees(self) -> None:
        """The same check in new interpreters, where holidays has cached nothing yet."""
        script = textwrap.dedent(
            """
            import datetime as dt, json, pendulum
            from smartcity.serialization import to_dict
            from smartcity.sla import WorkingCalendar
            calendar = WorkingCalendar.indonesia(years=range(2024, 2027))
            start = pendulum.datetime(2025, 3, 10, 8, tz="Asia/Jakarta")
            print(json.dumps([
                to_dict(calendar),
                calendar.add_working_time(start, dt.timedelta(hours=7, minutes=15)).isoformat(),
            ]))
            """
        )
        outputs = set()
        for locale in ("C.UTF-8", "id_ID.UTF-8", "th_TH.UTF-8"):
            env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
            env["LANG"] = locale
            result = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
            )
            outputs.add(result.stdout)
        assert len(outputs) == 1
        data, deadline = json.loads(outputs.pop())
        assert deadline == "2025-03-10T15:15:00+07:00"
        assert data == json.loads(json.dumps(to_dict(build())))


class TestTheLanguageOption:
    def test_the_names_follow_the_language_and_nothing_else_does(self) -> None:
        english, indonesian = build("en"), build("id")
        eid = dt.date(2025, 3, 31)
        assert [c.name for c in english.closures(eid, eid)] == ["Eid al-Fitr"]
        assert [c.name for c in indonesian.closures(eid, eid)] == ["Hari Raya Idul Fitri"]
        assert [c.date for c in english.closed] == [c.date for c in indonesian.closed]
        assert [c.kind for c in english.closed] == [c.kind for c in indonesian.closed]
        assert english.overrides == indonesian.overrides

    @pytest.mark.parametrize("language", ["fr", "EN", "en_US", None, 5, "x" * 10_000])
    def test_other_languages_are_refused(self, language: object) -> None:
        with pytest.raises(InvalidOptionError, match="'id'") as error:
            WorkingCalendar.indonesia(years=[2025], language=language)  # type: ignore[arg-type]
        assert len(str(error.value)) < 300
