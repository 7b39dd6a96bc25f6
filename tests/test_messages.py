"""Connection notes fit LinkedIn's limits by dropping clauses, never by cutting words."""

from __future__ import annotations

import pytest

from companyscout.drafts import Sender
from companyscout.messages import (
    CONNECTION_NOTE_LIMITS,
    MessageDraft,
    Recipient,
    briefing_facts,
    draft_message,
    suggested_kind,
)
from companyscout.model import Achievement, Briefing, Mission, Value

SENDER = Sender(name="Ada Lovelace", signature="Ada Lovelace, ada@example.com")
ROLE = "Senior Data Engineer"


def briefing(
    *,
    mission: str | None = "Our mission is to make warehouses safer.",
    news: str | None = "Acme opens a lab in Lyon",
    values: tuple[str, ...] = (),
) -> Briefing:
    return Briefing(
        company="Acme Robotics",
        website="https://acme.example/",
        generated_at="2026-11-20T10:00:00+00:00",
        mission=Mission(mission, "https://acme.example/about") if mission else None,
        achievements=[Achievement("2026-10-01", news, None, "https://acme.example/news")] if news else [],
        values=[Value(v, None, "https://acme.example/values") for v in values],
    )


def words_of(*texts: str) -> set[str]:
    return {word.strip(".,!?“”–") for text in texts for word in text.split()} - {""}


@pytest.mark.parametrize("tier", ["free", "premium"])
@pytest.mark.parametrize("kind", ["connect", "interviewer"])
@pytest.mark.parametrize(
    "name, company, title",
    [
        ("Jane Doe", "Acme Robotics", "VP Engineering"),
        ("Maximiliana Alexandrovna Konstantinopolskaya-Wolfeschlegelsteinhausen", "Acme Robotics", "VP Engineering"),
        (
            "Jane Doe",
            "The International Consolidated Amalgamated Warehouse Robotics and Automation Company of "
            "Northern Europe and the Americas Holding Group GmbH & Co. KG " * 3,
            "VP Engineering",
        ),
        ("Jane Doe", "Acme Robotics", "Senior Principal Staff Distinguished Engineering Manager of " * 8),
        ("J" * 400, "A" * 400, "T" * 400),
    ],
)
def test_note_fits_the_tier_limit_without_cutting_words(
    kind: str, tier: str, name: str, company: str, title: str
) -> None:
    long_fact = briefing(news="Acme " + "announces a very long partnership with many regional distributors " * 6)
    draft = draft_message(
        Recipient(name, company, title),
        kind=kind,
        tier=tier,
        sender=SENDER,
        role=ROLE,  # type: ignore[arg-type]
        briefing=long_fact,
    )
    limit = CONNECTION_NOTE_LIMITS[tier]
    assert 0 < len(draft.text) <= limit
    assert draft.count == f"{len(draft.text)}/{limit}"
    assert draft.text.startswith("Hi")
    assert draft.text.rstrip().endswith(("?", ".", "Ada"))
    source_words = words_of(
        name,
        company,
        title,
        ROLE,
        long_fact.achievements[0].title,
        "Hi Ada",
        "Your mission to make warehouses safer resonates with me",
    )
    template_words = words_of(
        "thank you for our conversation at about the role I enjoyed hearing about your work as I'd be glad to stay in "
        "touch I'm interviewing with your team for the role I'd value your view as Would you be "
        "open to connecting? I enjoyed reading"
    )
    for word in words_of(draft.text):
        assert word in source_words | template_words, word  # every word is whole


def test_short_note_is_personal_and_anchored_in_a_fact() -> None:
    draft = draft_message(
        Recipient("Jane Doe", "Acme Robotics", "VP Engineering"), sender=SENDER, role=ROLE, briefing=briefing()
    )
    assert draft.text.startswith("Hi Jane,")
    assert "Acme Robotics" in draft.text and "VP Engineering" in draft.text
    assert "“Acme opens a lab in Lyon”" in draft.text
    assert len(draft.text) <= 200


def test_premium_keeps_clauses_that_free_drops() -> None:
    recipient = Recipient("Jane Doe", "Acme Robotics", "VP Engineering")
    free = draft_message(recipient, tier="free", sender=SENDER, role=ROLE, briefing=briefing())
    premium = draft_message(recipient, tier="premium", sender=SENDER, role=ROLE, briefing=briefing())
    assert len(free.text) <= 200 < len(premium.text) <= 300
    assert "Senior Data Engineer" in premium.text and "– Ada" in premium.text
    assert "– Ada" not in free.text  # the sign-off is the first clause to go


def test_a_fact_too_long_gives_way_to_a_shorter_one() -> None:
    long_news = "Acme " + "signs a long agreement with partners " * 8
    draft = draft_message(
        Recipient("Jane Doe", "Acme Robotics", "CTO"), sender=SENDER, role=ROLE, briefing=briefing(news=long_news)
    )
    assert "make warehouses safer" in draft.text and "agreement" not in draft.text


def test_no_briefing_means_no_fact_and_still_a_note() -> None:
    draft = draft_message(Recipient("Jane Doe", "Acme Robotics", None))
    assert draft.text == "Hi Jane, I'm interviewing with Acme Robotics. Would you be open to connecting?"


def test_facts_come_from_news_mission_and_values() -> None:
    facts = briefing_facts(briefing(mission="We exist to feed the hungry", news=None, values=("Ownership",)))
    assert facts == [
        "Your mission, “We exist to feed the hungry”, resonates with me.",
        "Your value “Ownership” resonates with me.",
    ]
    assert briefing_facts(briefing(mission="Our mission is to make robots safe.", news=None)) == [
        "Your mission to make robots safe resonates with me."
    ]


def test_briefing_text_is_made_terminal_safe() -> None:
    draft = draft_message(Recipient("Jane\x1b[2J", "Acme\u202e", None), briefing=briefing(news="Big\x9b news"))
    assert "\x1b" not in draft.text and "\u202e" not in draft.text and "\x9b" not in draft.text


def test_follow_up_is_longer_with_no_limit_and_signed() -> None:
    draft = draft_message(
        Recipient("Jane Doe", "Acme Robotics", "VP Engineering"),
        kind="follow-up",
        sender=SENDER,
        role=ROLE,
        briefing=briefing(),
    )
    assert draft.limit is None and draft.count == f"{len(draft.text)} characters"
    assert len(draft.text) > 300
    assert draft.text.startswith("Hi Jane,\n\n") and draft.text.endswith("Ada Lovelace, ada@example.com")
    assert "As VP Engineering" in draft.text and "Acme opens a lab in Lyon" in draft.text


def test_draft_count_format() -> None:
    assert MessageDraft("x" * 187, 200).count == "187/200"


def test_a_short_fact_makes_room_for_the_persons_title() -> None:
    facts = briefing(
        news="Acme Robotics raises a large Series B round to expand in North America",
        mission=None,
        values=("Safety first",),
    )
    draft = draft_message(
        Recipient("Amara Okafor", "Acme Robotics", "Chief Executive Officer"), sender=SENDER, role=ROLE, briefing=facts
    )
    assert "Chief Executive Officer" in draft.text and "“Safety first”" in draft.text
    assert "Series B" not in draft.text and len(draft.text) <= 200


@pytest.mark.parametrize(
    "source, status, kind",
    [
        ("manual", "to-contact", "connect"),
        ("interviewer", "requested", "interviewer"),
        ("linkedin-import", "connected", "follow-up"),
        ("interviewer", "met", "follow-up"),
    ],
)
def test_suggested_kind_follows_source_and_status(source: str, status: str, kind: str) -> None:
    assert suggested_kind(source=source, status=status) == kind


def test_follow_up_to_an_interviewer_thanks_them_and_asks_for_no_call() -> None:
    draft = draft_message(
        Recipient("Jane Doe", "Acme Robotics", "VP Engineering", interviewed_me=True),
        kind="follow-up",
        sender=SENDER,
        role=ROLE,
        briefing=briefing(),
    )
    assert draft.text.startswith(f"Hi Jane,\n\nThank you again for our conversation about the {ROLE} role;")
    assert "I remain very interested in joining Acme Robotics." in draft.text
    assert "15 minutes" not in draft.text and "Thank you for connecting" not in draft.text


@pytest.mark.parametrize(
    ("connected", "known_before", "opening"),
    [
        (True, False, "Thank you for connecting. "),
        (False, False, "I hope you don't mind me following up. "),
        (True, True, "I hope you're well. "),  # an old LinkedIn connection did not just accept
    ],
)
def test_follow_up_opens_with_where_things_stand(connected: bool, known_before: bool, opening: str) -> None:
    recipient = Recipient("Jane Doe", "Acme Robotics", connected=connected, known_before=known_before)
    draft = draft_message(recipient, kind="follow-up", sender=SENDER, role=ROLE)
    assert draft.text.startswith(f"Hi Jane,\n\n{opening}I'm in the hiring process")
