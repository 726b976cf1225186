"""The REST API: screening and checks over HTTP, for machines holding an API token.

Every endpoint but ``/health`` and ``/ready`` needs ``Authorization: Bearer <token>``
(``tradescreen tokens create``) of a role the endpoint allows. Errors are RFC 9457
problem details (``application/problem+json``) naming the JSON pointer of a bad value.
Screenings and decisions are audit-log records under the token's name, as on the CLI.
"""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at
# run time, and they name dependencies made inside ``create_app``.
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from tradescreen import __version__
from tradescreen.compiled import CompiledLists, compiled_lists
from tradescreen.decision.check import check_transaction, context_for
from tradescreen.exc import InputError, NotFoundError, TradescreenError, TransactionError
from tradescreen.matching import DEFAULT_THRESHOLD, name_warnings
from tradescreen.model import MAX_NAME_LENGTH
from tradescreen.model.query import check_query
from tradescreen.model.transaction import parse_transaction
from tradescreen.service.yente import ALL_LISTS, MatchQuery, example_problem, match_responses
from tradescreen.store import latest_versions, open_engine, store_status
from tradescreen.store.audit import read_chain, record_decision, record_screening, verify_chain
from tradescreen.store.tokens import ApiToken, authenticate_token

__all__ = ["MAX_BATCH", "MAX_BODY_BYTES", "create_app"]

#: A request body larger than this is refused (413) before it is read whole.
MAX_BODY_BYTES = 2_000_000
#: Names or transactions in one batch request.
MAX_BATCH = 1_000
#: Results per query of ``/match`` (yente's ``limit``).
MAX_MATCHES = 50
SCREENING_ROLES = ("analyst", "approver", "administrator")
READING_ROLES = (*SCREENING_ROLES, "auditor")
AUDIT_ROLES = ("administrator", "auditor")


class Problem(Exception):
    """An RFC 9457 problem: status, title, detail and, for a bad value, its JSON pointer."""

    def __init__(self, status: int, title: str, detail: str, pointer: str | None = None):
        super().__init__(detail)
        self.status, self.title, self.detail, self.pointer = status, title, detail, pointer

    def response(self, headers: dict[str, str] | None = None) -> JSONResponse:
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.pointer is not None:
            body["pointer"] = self.pointer
        if self.status == 401:
            headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
        return JSONResponse(
            body, status_code=self.status, media_type="application/problem+json", headers=headers
        )


class ProblemDetails(BaseModel):
    """RFC 9457 problem details, as every error response is."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    pointer: str | None = None


#: Declared for every endpoint, so that the OpenAPI document says what a client may get.
PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {
        "description": description,
        "content": {"application/problem+json": {"schema": ProblemDetails.model_json_schema()}},
    }
    for status, description in (
        (400, "The body is not JSON"),
        (401, "No API token, or one unknown or revoked"),
        (403, "The token's role may not do this"),
        (404, "No such dataset or resource"),
        (413, "The request body is too large"),
        (422, "A value is invalid: its JSON pointer is named"),
        (503, "The store holds no lists"),
    )
}


class NameQuery(BaseModel):
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    schema_: str | None = Field(None, alias="schema", description="Person, Organization, ...")
    birth_date: str | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    imo: str | None = None
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0)


class BatchQuery(NameQuery):
    id: str = Field(min_length=1, max_length=255)


class NameBatch(BaseModel):
    queries: list[BatchQuery] = Field(min_length=1, max_length=MAX_BATCH)


def create_app(database_url: str, compiled_dir: Path) -> FastAPI:
    """The service over the store at ``database_url``, loading the lists compiled in
    ``compiled_dir`` (kept in memory until an import changes them)."""
    engine = open_engine(database_url)
    app = FastAPI(
        title="tradescreen",
        version=__version__,
        description="Sanctions and export-control screening: names, transactions, lists.",
        responses=PROBLEMS,
    )
    _install_problem_handlers(app)
    bearer = HTTPBearer(auto_error=False)

    def role(*allowed: str) -> Callable[..., ApiToken]:
        def authorised(
            credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        ) -> ApiToken:
            if credentials is None:
                raise Problem(401, "Unauthorized", "send Authorization: Bearer <API token>")
            token = authenticate_token(engine, credentials.credentials)
            if token is None:
                raise Problem(401, "Unauthorized", "the API token is unknown or revoked")
            if token.role not in allowed:
                raise Problem(
                    403,
                    "Forbidden",
                    f"the role {token.role!r} may not do this: {', '.join(allowed)}",
                )
            return token

        return authorised

    def lists() -> CompiledLists:
        loaded = compiled_lists(engine, compiled_dir)
        if not loaded.versions:
            raise Problem(503, "Service Unavailable", "the store holds no lists: import some")
        return loaded

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """The process answers."""
        return {"status": "ok", "version": __version__}

    @app.get("/ready", tags=["service"])
    def ready() -> dict[str, Any]:
        """The store answers and holds lists to screen against."""
        versions = latest_versions(engine)
        if not versions:
            raise Problem(503, "Service Unavailable", "the store holds no lists: import some")
        return {"status": "ready", "lists": {v.source: v.id for v in versions}}

    @app.post("/screen", tags=["screening"])
    def screen(
        query: NameQuery, token: Annotated[ApiToken, Depends(role(*SCREENING_ROLES))]
    ) -> dict[str, Any]:
        """Screen one name against the latest version of every list: one hit per designee."""
        compiled = lists()
        result = _screen(compiled, query)
        details = {"query": query.model_dump(by_alias=True), **result}
        _record(engine, compiled, token, "screen", query.name, details)
        return {"query": query.name, **result}

    @app.post("/screen/batch", tags=["screening"])
    def screen_batch(
        batch: NameBatch, token: Annotated[ApiToken, Depends(role(*SCREENING_ROLES))]
    ) -> dict[str, Any]:
        """Screen up to ``MAX_BATCH`` names, each with an ``id``."""
        compiled = lists()
        results = [{"id": q.id, **_screen(compiled, q)} for q in batch.queries]
        subject = f"{len(results)} names"
        _record(engine, compiled, token, "screen-batch", subject, {"results": results})
        return {"results": results}

    @app.post("/check", tags=["checks"])
    def check(
        transaction: Annotated[dict[str, Any], Body()],
        token: Annotated[ApiToken, Depends(role(*SCREENING_ROLES))],
    ) -> dict[str, Any]:
        """Decide on one transaction (the format of ``transaction.schema.json``)."""
        tx = parse_transaction(transaction)
        compiled = lists()
        context = context_for(compiled.screener, compiled.vessels, compiled.list_versions)
        decision = check_transaction(tx, context)
        with engine.begin() as conn:
            record_decision(conn, decision, token.name)
        return decision.to_dict()

    @app.post("/match/{dataset}", tags=["screening"])
    def match(
        dataset: str,
        query: MatchQuery,
        token: Annotated[ApiToken, Depends(role(*SCREENING_ROLES))],
        limit: Annotated[int, Query(ge=1, le=MAX_MATCHES)] = 5,
        threshold: Annotated[float, Query(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD,
    ) -> dict[str, Any]:
        """yente's query-by-example matcher: the same request and response, so that yente
        clients work unchanged. ``dataset`` is ``default`` (every list) or a list (``un``)."""
        compiled = lists()
        if dataset not in ALL_LISTS and dataset not in {v.source for v in compiled.versions}:
            raise Problem(404, "Not Found", f"no dataset {dataset!r}: default, or a list")
        if len(query.queries) > MAX_BATCH:
            raise Problem(422, "Unprocessable Content", f"over {MAX_BATCH} queries", "/queries")
        for key, example in query.queries.items():
            problem = example_problem(example)
            if problem is not None:
                pointer, detail = problem
                raise Problem(422, "Unprocessable Content", detail, f"/queries/{key}{pointer}")
        source = None if dataset in ALL_LISTS else dataset
        result = match_responses(compiled, query, threshold, limit, source)
        request = {"request": query.model_dump(by_alias=True)}
        _record(engine, compiled, token, "match", dataset, request)
        return result

    @app.get("/lists", tags=["lists"])
    def list_status(
        _: Annotated[ApiToken, Depends(role(*READING_ROLES))],
    ) -> dict[str, Any]:
        """Every source, its latest version, and counts by schema and programme."""
        return {"sources": [s.to_dict() for s in store_status(engine)]}

    @app.get("/audit/verify", tags=["audit"])
    def audit_verify(_: Annotated[ApiToken, Depends(role(*AUDIT_ROLES))]) -> dict[str, Any]:
        """Check the audit log's chain; name the first record that does not hold."""
        return verify_chain(read_chain(engine)).to_dict()

    return app


def _screen(compiled: CompiledLists, query: NameQuery) -> dict[str, Any]:
    check_query(query.name, query.schema_, query.birth_date, query.country, query.imo)
    hits = compiled.screener.screen(
        query.name,
        schema=query.schema_,
        birth_date=query.birth_date,
        country=query.country,
        identifiers={"imoNumber": query.imo} if query.imo else None,
        threshold=query.threshold,
    )
    return {"warnings": name_warnings(query.name), "hits": [h.to_dict(full=True) for h in hits]}


def _record(
    engine: Engine,
    compiled: CompiledLists,
    token: ApiToken,
    action: str,
    subject: str,
    details: dict[str, Any],
) -> None:
    with engine.begin() as conn:
        record_screening(conn, action, subject, details, compiled.versions, token.name)


def _install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def problem(_: Request, exc: Problem) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        error = exc.errors()[0]
        location = [str(part) for part in error["loc"] if part != "body"]
        pointer = "/" + "/".join(location)
        return Problem(422, "Unprocessable Content", error["msg"], pointer).response()

    @app.exception_handler(TransactionError)
    async def bad_transaction(_: Request, exc: TransactionError) -> JSONResponse:
        return Problem(422, "Unprocessable Content", exc.problem, exc.pointer or "/").response()

    @app.exception_handler(TradescreenError)
    async def refused(_: Request, exc: TradescreenError) -> JSONResponse:
        status, title = (
            (422, "Unprocessable Content")
            if isinstance(exc, InputError)
            else (404, "Not Found")
            if isinstance(exc, NotFoundError)
            else (500, "Internal Server Error")
        )
        return Problem(status, title, str(exc)).response()

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        # The exception's headers stay: a 405 says which methods are allowed (Allow).
        problem = Problem(exc.status_code, str(exc.detail), str(exc.detail))
        return problem.response(dict(exc.headers or {}))

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Callable[..., Any]) -> Any:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            detail = f"the request body is over {MAX_BODY_BYTES} bytes"
            return Problem(413, "Content Too Large", detail).response()
        return await call_next(request)
