"""Fuzzing the API from its own OpenAPI document (schemathesis): whatever a client sends,
no server error, and every response (status, content type, body) as the document says.
Bounded for `make test`.

Not asked: that every schema-valid request is accepted. The document cannot say all the
service checks (a country is ISO 3166-1, not any two characters; a transaction has the
shape of transaction.schema.json), and refusing those with a 422 problem is right."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tradescreen.compiled import compile_lists
from tradescreen.service.app import create_app
from tradescreen.sources.registry import parse_files
from tradescreen.store import import_publications, open_engine
from tradescreen.store.tokens import create_token

# The document is read when the tests are collected: the app is made over an empty store
# then, and the fixture fills that store before the first request.
STORE = Path(tempfile.mkdtemp(prefix="tradescreen-fuzz-"))
atexit.register(shutil.rmtree, STORE, True)  # also where xdist collects and runs none here
#: Examples per operation: a bounded run in `make test`, a long one in `make fuzz`.
EXAMPLES = int(os.environ.get("TRADESCREEN_FUZZ_EXAMPLES", "25"))
URL = f"sqlite:///{STORE / 'store.db'}"
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(URL, STORE / "compiled"))


@pytest.fixture(scope="module")
def token(shared_data: Path) -> str:
    engine = open_engine(URL)
    import_publications(
        engine, parse_files([shared_data / "un" / "un_consolidated_2026-05-08.xml"])
    )
    compile_lists(engine, STORE / "compiled")
    _, secret = create_token(engine, "fuzzer", "administrator", "test")
    engine.dispose()
    return secret


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_a_server_error(case: schemathesis.Case, token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
    )
