"""The REST API through Starlette's TestClient (in process, no network), on both stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tradescreen.compiled import compile_lists
from tradescreen.service.app import MAX_BATCH, MAX_BODY_BYTES, create_app
from tradescreen.sources.registry import parse_files
from tradescreen.store import import_publications
from tradescreen.store.audit import read_chain, verify_chain
from tradescreen.store.tokens import ROLES, create_token, revoke_token

TRANSACTIONS = Path(__file__).parents[1] / "data" / "transactions"
KOMID = "Korea Mining Development Trading Corporation"


@pytest.fixture
def store(engine: Engine, database_url: str, shared_data: Path, tmp_path: Path) -> Engine:
    import_publications(
        engine, parse_files([shared_data / "un" / "un_consolidated_2026-05-08.xml"])
    )
    compile_lists(engine, tmp_path / "compiled")
    return engine


@pytest.fixture
def client(store: Engine, database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(database_url, tmp_path / "compiled")) as client:
        yield client


@pytest.fixture
def tokens(store: Engine) -> dict[str, str]:
    return {role: create_token(store, f"{role}-bot", role, "admin")[1] for role in ROLES}


def _auth(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _problem(response: object, status: int) -> dict[str, object]:
    assert getattr(response, "status_code") == status  # noqa: B009
    assert getattr(response, "headers")["content-type"] == "application/problem+json"  # noqa: B009
    body: dict[str, object] = getattr(response, "json")()  # noqa: B009
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_health_ready_and_the_openapi_document(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/ready").json()["lists"] == {"un": 1}
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/screen", "/screen/batch", "/check", "/match/{dataset}", "/lists"} <= set(paths)


def test_an_analyst_screens_a_name_and_the_screening_is_audited(
    client: TestClient, tokens: dict[str, str], store: Engine
) -> None:
    response = client.post(
        "/screen", json={"name": KOMID, "schema": "Organization"}, headers=_auth(tokens["analyst"])
    )
    assert response.status_code == 200
    (hit,) = response.json()["hits"]
    assert (hit["source_id"], hit["band"]) == ("KPe.001", "strong")
    assert hit["listings"][0]["source_id"] == "KPe.001"
    last = list(read_chain(store))[-1]
    assert (last.action, last.actor, last.subject) == ("screen", "analyst-bot", KOMID)
    assert last.details["list_versions"] == {"un": 1}


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"),
    [
        ("post", "/screen", {"name": KOMID}, {"analyst", "approver", "administrator"}),
        (
            "post",
            "/screen/batch",
            {"queries": [{"id": "1", "name": KOMID}]},
            {"analyst", "approver", "administrator"},
        ),
        (
            "post",
            "/match/default",
            {"queries": {"q": {"schema": "Person", "properties": {"name": ["Ri Je Son"]}}}},
            {"analyst", "approver", "administrator"},
        ),
        ("get", "/lists", None, {"analyst", "approver", "administrator", "auditor"}),
        ("get", "/audit/verify", None, {"administrator", "auditor"}),
    ],
)
def test_every_endpoint_enforces_its_roles(
    client: TestClient,
    tokens: dict[str, str],
    method: str,
    path: str,
    body: object,
    allowed: set[str],
) -> None:
    send = getattr(client, method)
    kwargs = {"json": body} if body is not None else {}
    _problem(send(path, **kwargs), 401)
    _problem(send(path, headers=_auth("ts_not-a-token"), **kwargs), 401)
    for role, secret in tokens.items():
        response = send(path, headers=_auth(secret), **kwargs)
        if role in allowed:
            assert response.status_code == 200, (role, response.text)
        else:
            assert "may not" in str(_problem(response, 403)["detail"])


def test_a_revoked_token_is_refused_at_once(
    client: TestClient, store: Engine, tokens: dict[str, str]
) -> None:
    token, secret = create_token(store, "temp", "analyst", "admin")
    assert client.post("/screen", json={"name": KOMID}, headers=_auth(secret)).status_code == 200
    revoke_token(store, token.id, "admin")
    _problem(client.post("/screen", json={"name": KOMID}, headers=_auth(secret)), 401)
    assert verify_chain(read_chain(store)).ok


@pytest.mark.parametrize(
    ("body", "pointer", "detail"),
    [
        ({"name": ""}, "/name", "at least 1 character"),
        ({"name": KOMID, "threshold": 2}, "/threshold", "less than or equal to 1"),
        ({"name": KOMID, "country": "KPX"}, "/country", "at most 2 characters"),
        ({"schema": "Person"}, "/name", "Field required"),
    ],
)
def test_a_bad_query_is_a_problem_naming_its_pointer(
    client: TestClient, tokens: dict[str, str], body: dict[str, object], pointer: str, detail: str
) -> None:
    problem = _problem(client.post("/screen", json=body, headers=_auth(tokens["analyst"])), 422)
    assert problem["pointer"] == pointer and detail in str(problem["detail"])


def test_a_query_the_screener_would_misread_is_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    body = {"name": KOMID, "birth_date": "1970-13-40"}
    problem = _problem(client.post("/screen", json=body, headers=_auth(tokens["analyst"])), 422)
    assert "not a date" in str(problem["detail"])


def test_oversized_bodies_and_batches_are_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    big = json.dumps({"name": "x" * MAX_BODY_BYTES})
    response = client.post(
        "/screen",
        content=big,
        headers={**_auth(tokens["analyst"]), "Content-Type": "application/json"},
    )
    _problem(response, 413)
    queries = [{"id": str(n), "name": KOMID} for n in range(MAX_BATCH + 1)]
    problem = _problem(
        client.post("/screen/batch", json={"queries": queries}, headers=_auth(tokens["analyst"])),
        422,
    )
    assert problem["pointer"] == "/queries"


def test_check_decides_and_records_the_decision(
    client: TestClient, tokens: dict[str, str], store: Engine
) -> None:
    order = json.loads((TRANSACTIONS / "clean_order.json").read_text(encoding="utf-8"))
    order["parties"][1]["name"] = KOMID
    response = client.post("/check", json=order, headers=_auth(tokens["analyst"]))
    assert response.status_code == 200
    assert response.json()["decision"] == "prohibited"
    last = list(read_chain(store))[-1]
    assert (last.action, last.actor) == ("check", "analyst-bot")
    order["parties"][0].pop("name")
    problem = _problem(client.post("/check", json=order, headers=_auth(tokens["analyst"])), 422)
    assert str(problem["pointer"]).startswith("/parties/0")


def test_an_empty_store_is_not_ready(engine: Engine, database_url: str, tmp_path: Path) -> None:
    _, secret = create_token(engine, "bot", "analyst", "admin")
    with TestClient(create_app(database_url, tmp_path / "compiled")) as client:
        _problem(client.get("/ready"), 503)
        _problem(client.post("/screen", json={"name": KOMID}, headers=_auth(secret)), 503)


def test_the_yente_match_endpoint_answers_a_yente_request(
    client: TestClient, tokens: dict[str, str]
) -> None:
    request = {
        "queries": {
            "komid": {"schema": "Company", "properties": {"name": ["KOMID"], "country": ["kp"]}},
            "ri": {
                "schema": "Person",
                "properties": {"name": ["Ri Je Son"], "nationality": ["kp"]},
            },
            "nobody": {"schema": "Person", "properties": {"name": "Hans Meier"}},
        }
    }
    response = client.post("/match/default", json=request, headers=_auth(tokens["analyst"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["responses"]) == {"komid", "ri", "nobody"} and body["limit"] == 5
    (komid, *_) = body["responses"]["komid"]["results"]
    assert (komid["id"], komid["schema"], komid["match"]) == ("un-kpe-001", "Organization", True)
    assert komid["datasets"] == ["un"] and "name" in komid["properties"]
    assert body["responses"]["ri"]["results"][0]["caption"].upper().startswith("RI JE")
    assert body["responses"]["nobody"]["results"] == []
    assert body["responses"]["nobody"]["total"] == {"value": 0, "relation": "eq"}
    assert (
        client.post("/match/un", json=request, headers=_auth(tokens["analyst"])).status_code == 200
    )
    _problem(client.post("/match/eu", json=request, headers=_auth(tokens["analyst"])), 404)
    bad = {"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1960"]}}}}
    problem = _problem(
        client.post("/match/default", json=bad, headers=_auth(tokens["analyst"])), 422
    )
    assert problem["pointer"] == "/queries/q/properties/name"
