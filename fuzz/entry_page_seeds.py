#!/usr/bin/env python3
"""Writes the seeds of the `entry_page` fuzz target from a running emulator.

    cargo build -p attio-emulator --bin attio-emulator
    fuzz/entry_page_seeds.py [path/to/attio-emulator]

The emulator serves the fixture's workspace (fixtures/workspace); the
script creates records and list entries through its API with every list
attribute set (actors, a record reference, rating, select, status, dates,
currency, text), changes stages and priorities so that values have a
history, and saves what the API answers: entry pages as Attio sends them,
and odd but valid shapes of them. Each seed is a first byte that picks the
list (`0` hiring, `1` enterprise_pipeline, as the target reads it) and a
page's JSON. Timestamps and ids are whatever the emulator made; the seeds
are committed, so they change only when this is run again.
"""

import copy
import json
import pathlib
import subprocess
import sys
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures/workspace/attio-schema.json"
OUT = ROOT / "fuzz/seeds/entry_page"
HIRING, PIPELINE = b"0", b"1"


def start(binary):
    emulator = subprocess.Popen(
        [binary, "--schema", str(FIXTURE), "--port", "0", "--no-rate-limits"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    line = emulator.stdout.readline().decode()
    return emulator, line.strip().rsplit(" ", 1)[-1]


class Api:
    def __init__(self, base):
        self.base = base

    def __call__(self, method, path, body=None):
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"authorization": "Bearer seeds", "content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            sys.exit(f"{method} {path}: {refused.code} {refused.read().decode()}")


def record(api, object_slug, values):
    return api("POST", f"/v2/objects/{object_slug}/records", {"data": {"values": values}})["data"]


def entry(api, list_slug, parent, parent_object, values):
    body = {"data": {"parent_record_id": parent, "parent_object": parent_object, "entry_values": values}}
    return api("POST", f"/v2/lists/{list_slug}/entries", body)["data"]


def update(api, list_slug, entry_id, values):
    body = {"data": {"entry_values": values}}
    api("PATCH", f"/v2/lists/{list_slug}/entries/{entry_id}", body)


def page(api, list_slug, body=None):
    return api("POST", f"/v2/lists/{list_slug}/entries/query", body or {})


def historic(api, list_slug, entry_id, attribute):
    path = f"/v2/lists/{list_slug}/entries/{entry_id}/attributes/{attribute}/values?show_historic=true"
    return api("GET", path)["data"]


def every_type(api, member, company):
    """One value of each attribute type, as the emulator renders it on
    records of the fixture's objects (and an interaction, which no API
    writes, in the shape Attio documents)."""
    partner = record(api, "3pl_partners", {
        "name": "Fast Freight",
        "support_phone": [{"original_phone_number": "+44 20 7946 0958", "country_code": "GB"}],
        "warehouse": [{"line_1": "1 Dock Road", "line_2": None, "line_3": None, "line_4": None,
                       "locality": "Felixstowe", "region": "Suffolk", "country_code": "GB",
                       "postcode": "IP11 3SY", "latitude": "51.95", "longitude": "1.30"}],
        "website": "fastfreight.co.uk",
        "billing_email": "billing@fastfreight.co.uk",
        "contract_value": 98000.25,
        "partner_since": "2019-04-01",
        "account_manager": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": member}],
    })
    project = record(api, "projects", {
        "billable": True,
        "health": 4,
        "phase": "In progress", "code": "PRJ-7", "name": "Migration",
        "priority": "P1 – high", "tags": ["B2B", "Größe"],
        "last_reviewed_at": "2026-11-30T09:15:00.000000000Z",
        "budget_hours": 1234.5,
    })
    person = record(api, "people", {
        "name": [{"first_name": "Émilie", "last_name": "du Châtelet", "full_name": "Émilie du Châtelet"}],
        "company": [{"target_object": "companies", "target_record_id": company}],
    })
    values = {}
    for source in (partner, project, person):
        for slug, items in source["values"].items():
            if items and items[0]["attribute_type"] not in {v[0]["attribute_type"] for v in values.values()}:
                values[slug] = items
    stamp = "2026-11-02T10:00:00.000000000Z"
    values["last_interaction"] = [{
        "active_from": stamp, "active_until": None,
        "created_by_actor": {"type": "system", "id": None},
        "interaction_type": "email", "interacted_at": stamp,
        "owner_actor": {"type": "workspace-member", "id": member},
        "attribute_type": "interaction",
    }]
    return values


def write(name, choice, body):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_bytes(choice + json.dumps(body, ensure_ascii=False, indent=1).encode())


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/debug/attio-emulator")
    emulator, base = start(binary)
    try:
        api = Api(base)
        member = api("GET", "/v2/workspace_members")["data"][0]["id"]["workspace_member_id"]
        acme = record(api, "companies", {"name": "Acme", "domains": ["acme.com"]})
        globex = record(api, "companies", {"name": "Globex — 株式会社", "domains": ["globex.co.jp"]})
        ada = record(api, "people", {"name": [{"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}],
                                     "email_addresses": ["ada@acme.com"]})
        grace = record(api, "people", {"name": [{"first_name": "Grace", "last_name": "Hopper", "full_name": "Grace Hopper"}]})
        actor = [{"referenced_actor_type": "workspace-member", "referenced_actor_id": member}]
        rid = lambda r: r["id"]["record_id"]

        hired = entry(api, "hiring", rid(ada), "people", {
            "interview_score": 5, "recruiter": actor, "role": "Backend engineer", "stage": "Applied",
            "start_date": "2027-01-04",
            "referred_by": [{"target_object": "people", "target_record_id": rid(grace)}],
        })
        entry(api, "hiring", rid(grace), "people", {"stage": "Rejected"})  # the rest empty
        for stage in ("Phone screen", "Onsite", "Offer", "Hired 🎉"):
            update(api, "hiring", hired["id"]["entry_id"], {"stage": stage})

        won = entry(api, "enterprise_pipeline", rid(acme), "companies", {
            "deal_size": 125000.5, "expected_close": "2026-03-31", "next_step": "Send the proposal",
            "owner": actor, "priority": "🔥 Hot", "stage": "Prospecting",
        })
        entry(api, "enterprise_pipeline", rid(globex), "companies", {
            "deal_size": 0, "priority": "Low", "stage": "Discovery call", "next_step": "",
        })
        for stage, priority in (("Negotiation", "High"), ("Closed – won 🎉", "Medium")):
            update(api, "enterprise_pipeline", won["id"]["entry_id"], {"stage": stage, "priority": priority})

        others = every_type(api, member, rid(globex))
        for choice, slug, name, moved, attributes in (
            (HIRING, "hiring", "hiring", hired, ("stage",)),
            (PIPELINE, "enterprise_pipeline", "pipeline", won, ("stage", "priority")),
        ):
            whole = page(api, slug)
            write(f"{name}-page", choice, whole)
            # Paged: one entry, with the cursor field Attio's paged lists carry.
            one = page(api, slug, {"limit": 1, "offset": 1})
            write(f"{name}-paged", choice, one | {"pagination": {"next_cursor": None}})
            write(f"{name}-empty", choice, {"data": []})
            # Every value ever held: a status's and a select's history, each
            # closed with `active_until`.
            past = copy.deepcopy(whole)
            row = next(e for e in past["data"] if e["id"]["entry_id"] == moved["id"]["entry_id"])
            for attribute in attributes:
                row["entry_values"][attribute] = historic(api, slug, moved["id"]["entry_id"], attribute)
            write(f"{name}-historic", choice, past)
            # Values of every attribute type beside the list's own, as a
            # list with more attributes than the struct reads sends them.
            wide = copy.deepcopy(whole)
            for row in wide["data"]:
                row["entry_values"].update(others)
            write(f"{name}-every-type", choice, wide)
    finally:
        emulator.kill()


if __name__ == "__main__":
    main()
