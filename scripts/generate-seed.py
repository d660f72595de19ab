#!/usr/bin/env python3
"""Writes a seed file (docs/seed-data.md format) of many generated entries, for measuring the `seed` verb and the write path.

Usage: scripts/generate-seed.py ENTRIES [OFFICIALS_PER_COUNTRY] > file.json
Deterministic (fixed random seed), so two runs give the same file and the same entry ids (derived from each item's key).
Officials come from several countries; each visit's visitors serve one country and the host is another, as the API requires.
"""
import json
import random
import sys

entries = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
per_country = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rng = random.Random(20261128)
countries = ["CN", "RU", "KZ", "MN", "IN", "BY"]
officials = [
    {"id": f"gen-{c.lower()}-{i}", "names": {"en": f"Generated {c} Official {i}"}, "aliases": [], "country": c}
    for c in countries for i in range(per_country)
]
by_country = {c: [o["id"] for o in officials if o["country"] == c] for c in countries}
cities = ["Moscow", "Beijing", "Astana", "Ulaanbaatar", "New Delhi", "Minsk", None]
types = ["state", "official", "working", "summit", "conference", "forum", "other", None]
source = {"title": "Generated source", "publisher": "Benchmark", "publishedOn": "2020-01-01",
          "url": "https://example.org/generated", "language": "en"}


def date():
    year = rng.randint(1950, 2025)
    precision = rng.random()
    if precision < 0.2:
        return str(year)
    month = rng.randint(1, 12)
    if precision < 0.5:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


visits = []
for n in range(entries):
    visitor_country, host_country = rng.sample(countries, 2)
    visitors = rng.sample(by_country[visitor_country], rng.choice([1, 1, 1, 2]))
    hosts = rng.sample(by_country[host_country], rng.choice([0, 1, 1, 2]))
    visit = {"key": f"gen-visit-{n}", "officialIds": visitors, "hostCountry": host_country, "date": date(),
             "title": f"Generated visit {n} of {visitor_country} officials to {host_country}", "sources": [source],
             "hostOfficialIds": hosts, "tags": rng.sample(["defence", "trade", "energy", "diplomacy"], rng.randint(0, 2))}
    if (city := rng.choice(cities)) is not None:
        visit["city"] = city
    if (kind := rng.choice(types)) is not None:
        visit["visitType"] = kind
    visits.append(visit)

json.dump({"description": f"Generated: {len(officials)} officials, {entries} visits", "officials": officials,
           "visits": visits, "armsDeliveries": [], "jointStatements": [], "notYetRecorded": []}, sys.stdout)
