"""The JSON contract of a briefing as DESIGN.md documents it: the keys, in order.

Written out here (not derived from the model) so that a renamed or dropped field fails the tests.
"""

CONTRACT_KEYS = [
    "company",
    "website",
    "generated_at",
    "description",
    "mission",
    "values",
    "culture",
    "achievements",
    "news",
    "people",
    "talking_points",
    "pages",
    "warnings",
]
