"""Name → website through Wikidata: clear winners, ambiguity, --pick, caching and failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from responses import matchers

from companyscout.briefs import save_briefing
from companyscout.errors import ResolveError
from companyscout.model import Briefing
from companyscout.sources import AmbiguousName, remember_resolution, resolve_name, resolve_name_offline
from companyscout.sources.wikidata import API_URL
from companyscout.store import open_database
from companyscout.version import USER_AGENT

FIXTURES = Path(__file__).parent / "fixtures_sources"
SEARCH = matchers.query_param_matcher({"action": "wbsearchentities"}, strict_match=False)
ENTITIES = matchers.query_param_matcher({"action": "wbgetentities"}, strict_match=False)

COMPANY = "Q4830453"  # business
SOFTWARE = "Q7397"
HUMAN = "Q5"


# -- payloads in Wikidata's formats ---------------------------------------------------------


def hit(qid: str, label: str, description: str | None = None, *, alias: str | None = None) -> dict[str, Any]:
    """Return one result of wbsearchentities as the API gives it."""
    result: dict[str, Any] = {
        "id": qid,
        "title": qid,
        "pageid": int(qid[1:]) + 1000,
        "concepturi": f"http://www.wikidata.org/entity/{qid}",
        "repository": "wikidata",
        "url": f"//www.wikidata.org/wiki/{qid}",
        "display": {"label": {"value": label, "language": "en"}},
        "label": label,
        "match": {"type": "alias" if alias else "label", "language": "en", "text": alias or label},
    }
    if description:
        result["description"] = description
        result["display"]["description"] = {"value": description, "language": "en"}
    if alias:
        result["aliases"] = [alias]
    return result


def entity(qid: str, *, websites: tuple[str, ...] = (), types: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return one entity of wbgetentities (props=claims) as the API gives it."""
    claims: dict[str, Any] = {}
    if types:
        claims["P31"] = [
            {
                "mainsnak": {
                    "snaktype": "value",
                    "property": "P31",
                    "datavalue": {
                        "value": {"entity-type": "item", "numeric-id": int(t[1:]), "id": t},
                        "type": "wikibase-entityid",
                    },
                    "datatype": "wikibase-item",
                },
                "type": "statement",
                "id": f"{qid}${n}",
                "rank": "normal",
            }
            for n, t in enumerate(types)
        ]
    if websites:
        claims["P856"] = [
            {
                "mainsnak": {
                    "snaktype": "value",
                    "property": "P856",
                    "datavalue": {"value": url, "type": "string"},
                    "datatype": "url",
                },
                "type": "statement",
                "id": f"{qid}$w{n}",
                "rank": "normal",
            }
            for n, url in enumerate(websites)
        ]
    return {"pageid": 1, "ns": 0, "title": qid, "type": "item", "id": qid, "claims": claims}


def serve_wikidata(
    web: responses.RequestsMock, hits: list[dict[str, Any]], entities: list[dict[str, Any]], query: str = "x"
) -> None:
    web.get(API_URL, json={"searchinfo": {"search": query}, "search": hits, "success": 1}, match=[SEARCH])
    web.get(API_URL, json={"entities": {e["id"]: e for e in entities}, "success": 1}, match=[ENTITIES])


@pytest.fixture
def web() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def two_mercuries(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [
            hit("Q101", "Mercury", "American financial technology company"),
            hit("Q102", "Mercury", "planet"),
            hit("Q103", "Mercury", "British insurance company"),
            hit("Q104", "Mercury Systems", "American defense electronics manufacturer"),
        ],
        [
            entity("Q101", websites=("https://mercury.example/",), types=(COMPANY,)),
            entity("Q102", types=("Q634",)),
            entity("Q103", websites=("https://mercury-insurance.example/",), types=(COMPANY,)),
            entity("Q104", websites=("https://mrcy.example/",), types=(COMPANY,)),
        ],
    )


# -- one clear winner -----------------------------------------------------------------------


def test_a_known_company_resolves_in_one_step_and_says_where_it_came_from(web: responses.RequestsMock) -> None:
    web.get(API_URL, body=(FIXTURES / "wikidata_search_acme_robotics.json").read_bytes(), match=[SEARCH])
    web.get(API_URL, body=(FIXTURES / "wikidata_entities_acme_robotics.json").read_bytes(), match=[ENTITIES])

    site = resolve_name("Acme Robotics")

    # The company (an alias match, "Inc." aside) beats the museum and the song of the same name;
    # of its websites the preferred English one wins over the German and the former one.
    assert site.url == "https://www.acme-robotics.example/"
    assert site.qid == "Q98765400"
    assert site.label == "Acme Robotics, Inc."
    assert site.message == "Acme Robotics → https://www.acme-robotics.example/ (Wikidata Q98765400)"
    search = web.calls[0].request
    assert search.headers["User-Agent"] == USER_AGENT
    assert search.url.startswith("https://www.wikidata.org/w/api.php?")
    params = requests.utils.urlparse(search.url).query
    for expected in ("action=wbsearchentities", "search=Acme+Robotics", "language=en", "type=item", "format=json"):
        assert expected in params
    entities = requests.utils.urlparse(web.calls[1].request.url).query
    assert "ids=Q98765401%7CQ98765400%7CQ98765402" in entities and "props=claims" in entities


def test_an_exact_label_is_preferred_over_wikidatas_first_hit(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [hit("Q201", "Nova Systems", "Australian engineering company"), hit("Q202", "Nova", "Danish software company")],
        [
            entity("Q201", websites=("https://novasystems.example",), types=(COMPANY,)),
            entity("Q202", websites=("https://nova.example",), types=(COMPANY,)),
        ],
    )
    assert resolve_name("Nova").url == "https://nova.example/"


def test_an_organisation_is_preferred_over_a_person_with_a_website(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [
            hit("Q301", "Linus Labs", "Finnish software developer"),
            hit("Q302", "Linus Labs", "Finnish software company"),
        ],
        [
            entity("Q301", websites=("https://linus.example/",), types=(HUMAN,)),
            entity("Q302", websites=("https://linuslabs.example/",), types=()),
        ],
    )
    assert resolve_name("Linus Labs").url == "https://linuslabs.example/"


def test_a_product_and_its_maker_sharing_a_website_are_not_ambiguous(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [hit("Q401", "Notion", "note-taking software"), hit("Q402", "Notion Labs", "American software company")],
        [
            entity("Q401", websites=("https://www.notion.example/",), types=(SOFTWARE,)),
            entity("Q402", websites=("https://notion.example",), types=(COMPANY,)),
        ],
    )
    site = resolve_name("Notion")
    assert site.qid == "Q401"
    assert site.url == "https://www.notion.example/"


def test_a_japanese_name_is_searched_in_japanese_and_remembered_as_itself(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [hit("Q53268", "トヨタ自動車", "日本の自動車メーカー")],
        [entity("Q53268", websites=("https://global.toyota.example/jp/",), types=(COMPANY,))],
    )
    site = resolve_name("トヨタ自動車")
    assert site.url == "https://global.toyota.example/jp/"
    assert "language=ja" in web.calls[0].request.url
    with open_database().read() as tdb:
        (record,) = tdb.table("companies").all()
    assert record["normalized"] == "トヨタ自動車"


# -- ambiguity and --pick -------------------------------------------------------------------


def test_several_plausible_companies_are_listed_never_guessed(web: responses.RequestsMock) -> None:
    two_mercuries(web)
    with pytest.raises(AmbiguousName) as caught:
        resolve_name("Mercury")
    message = str(caught.value)
    lines = message.splitlines()
    assert lines[1] == "  1. Mercury (American financial technology company) https://mercury.example/"
    assert lines[2] == "  2. Mercury (British insurance company) https://mercury-insurance.example/"
    assert lines[3] == "  3. Mercury Systems (American defense electronics manufacturer) https://mrcy.example/"
    assert "planet" not in message and "Q102" not in message  # no website, no organisation: not named
    assert "--site URL" in message and "--pick N" in message and "more exact name" in message
    assert [c.qid for c in caught.value.choices] == ["Q101", "Q103", "Q104"]
    with open_database().read() as tdb:
        assert tdb.table("companies").all() == []  # nothing remembered from an ambiguous search


def test_pick_chooses_from_the_same_list_and_is_remembered(web: responses.RequestsMock) -> None:
    two_mercuries(web)
    site = resolve_name("Mercury", pick=2)
    assert site.url == "https://mercury-insurance.example/"
    assert site.message == "Mercury → https://mercury-insurance.example/ (Wikidata Q103)"
    calls = len(web.calls)
    again = resolve_name("Mercury")
    assert again.url == "https://mercury-insurance.example/"
    assert len(web.calls) == calls


def test_pick_out_of_range_shows_the_list(web: responses.RequestsMock) -> None:
    two_mercuries(web)
    with pytest.raises(ResolveError, match=r"--pick 7 is not in the list of 3") as caught:
        resolve_name("Mercury", pick=7)
    assert "  3. Mercury Systems" in str(caught.value)


def test_a_lone_partial_match_is_offered_not_taken(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [hit("Q501", "Zephyr Quartet", "2004 album by The Winds")],
        [entity("Q501", websites=("https://zephyr-album.example/",), types=("Q482994",))],
    )
    with pytest.raises(AmbiguousName) as caught:
        resolve_name("Zephyr")
    assert "no organisation" in str(caught.value)
    assert "  1. Zephyr Quartet (2004 album by The Winds) https://zephyr-album.example/" in str(caught.value)
    assert resolve_name("Zephyr", pick=1).url == "https://zephyr-album.example/"


def test_an_exact_match_without_website_stops_a_lesser_match_from_winning(web: responses.RequestsMock) -> None:
    serve_wikidata(
        web,
        [hit("Q601", "Orbit", "Swiss watch company"), hit("Q602", "Orbit Logistics", "freight company")],
        [
            entity("Q601", types=(COMPANY,)),
            entity("Q602", websites=("https://orbit-logistics.example/",), types=(COMPANY,)),
        ],
    )
    with pytest.raises(AmbiguousName) as caught:
        resolve_name("Orbit")
    assert "  1. Orbit Logistics (freight company) https://orbit-logistics.example/" in str(caught.value)
    assert "(also Orbit (Swiss watch company), Q601: Wikidata lists no official website)" in str(caught.value)


# -- nothing usable -------------------------------------------------------------------------


def test_no_match_suggests_passing_the_site(web: responses.RequestsMock) -> None:
    web.get(API_URL, json={"searchinfo": {"search": "Qwzx Labs"}, "search": [], "success": 1}, match=[SEARCH])
    with pytest.raises(ResolveError, match=r"Wikidata knows nothing called 'Qwzx Labs'.*--site URL"):
        resolve_name("Qwzx Labs")
    assert len(web.calls) == 1


def test_the_only_match_without_an_official_website_is_named(web: responses.RequestsMock) -> None:
    serve_wikidata(web, [hit("Q701", "Tiny Bakery", "bakery in Leeds")], [entity("Q701", types=(COMPANY,))])
    with pytest.raises(ResolveError) as caught:
        resolve_name("Tiny Bakery")
    assert not isinstance(caught.value, AmbiguousName)
    assert str(caught.value) == (
        "Wikidata knows 'Tiny Bakery' (Q701, bakery in Leeds) but lists no official website for it; "
        "pass the website with --site URL"
    )


# -- the user's own records first -----------------------------------------------------------


def test_a_second_resolution_makes_no_request(web: responses.RequestsMock) -> None:
    web.get(API_URL, body=(FIXTURES / "wikidata_search_acme_robotics.json").read_bytes(), match=[SEARCH])
    web.get(API_URL, body=(FIXTURES / "wikidata_entities_acme_robotics.json").read_bytes(), match=[ENTITIES])
    resolve_name("Acme Robotics")
    assert len(web.calls) == 2

    again = resolve_name("ACME Robotics Inc.")

    assert len(web.calls) == 2
    assert again.url == "https://www.acme-robotics.example/"
    assert again.message == "ACME Robotics Inc. → https://www.acme-robotics.example/ (Wikidata Q98765400, remembered)"
    with open_database().read() as tdb:
        (record,) = tdb.table("companies").all()
    assert record["name"] == "Acme Robotics"
    assert record["normalized"] == "acme robotics"
    assert record["qid"] == "Q98765400" and record["label"] == "Acme Robotics, Inc."
    assert record["created"] == record["updated"]


def test_a_stored_briefing_answers_without_a_request(web: responses.RequestsMock) -> None:
    briefing = Briefing(
        company="Acme Robotics, Inc.", website="https://acme.example/", generated_at="2026-11-20T10:00:00+00:00"
    )
    save_briefing(open_database(), briefing)
    site = resolve_name("Acme Robotics")
    assert site.url == "https://acme.example/"
    assert site.message == "Acme Robotics → https://acme.example/ (from your briefing of Acme Robotics, Inc.)"
    assert len(web.calls) == 0


def test_a_site_given_by_hand_is_remembered_for_the_name(web: responses.RequestsMock) -> None:
    remember_resolution(open_database(), "Acme Robotics", "https://acme.example/")
    assert resolve_name("acme robotics").url == "https://acme.example/"
    assert len(web.calls) == 0


# -- failing services -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (requests.ConnectTimeout("timed out"), "did not accept a connection within 3 s"),
        (requests.ReadTimeout("read timed out"), "stopped sending for 5 s"),
        (requests.ConnectionError("no route"), "www.wikidata.org closed the connection"),
    ],
)
def test_an_unreachable_wikidata_fails_at_once_with_a_way_forward(
    web: responses.RequestsMock, error: Exception, said: str
) -> None:
    web.get(API_URL, body=error)
    with pytest.raises(ResolveError) as caught:
        resolve_name("Acme Robotics")
    message = str(caught.value)
    assert message.startswith("cannot look up 'Acme Robotics': Wikidata could not be reached")
    assert said in message and message.endswith("pass the website with --site URL")
    assert len(web.calls) == 1  # no retry of a dead connection


def test_a_failing_wikidata_is_asked_once_more_then_reported(web: responses.RequestsMock) -> None:
    web.get(API_URL, status=500, body="oops", headers={"Retry-After": "0"})
    with pytest.raises(ResolveError, match=r"Wikidata answered HTTP 500; pass the website with --site URL"):
        resolve_name("Acme Robotics")
    assert len(web.calls) == 2


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"<html>Wikimedia error</html>", "not JSON"),
        (b'["search"]', "unexpected JSON"),
        (
            json.dumps({"error": {"code": "badvalue", "info": 'Unrecognized value for parameter "type"'}}).encode(),
            "refused",
        ),
        (b'{"searchinfo": {}, "success": 1}', "without results"),
    ],
)
def test_an_unexpected_answer_is_an_error_not_a_crash(web: responses.RequestsMock, body: bytes, said: str) -> None:
    web.get(API_URL, body=body, match=[SEARCH])
    with pytest.raises(ResolveError, match=said):
        resolve_name("Acme Robotics")


def test_an_empty_name_is_refused_without_a_request(web: responses.RequestsMock) -> None:
    with pytest.raises(ResolveError, match="empty"):
        resolve_name("   ")
    assert len(web.calls) == 0


def test_offline_resolution_uses_only_the_users_records(web: responses.RequestsMock) -> None:
    assert resolve_name_offline("Acme Robotics") is None
    remember_resolution(open_database(), "Acme Robotics", "https://acme.example/", qid="Q9", label="Acme Robotics")
    site = resolve_name_offline("Acme Robotics Ltd")
    assert site is not None and site.url == "https://acme.example/"
    assert site.message == "Acme Robotics Ltd → https://acme.example/ (Wikidata Q9, remembered)"
    assert len(web.calls) == 0
