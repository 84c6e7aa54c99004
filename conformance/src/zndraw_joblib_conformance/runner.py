"""One run: the catalogue, schemathesis' phases, the behaviour checks, the verdict per requirement.

Order: the schemathesis phases first (REST, stateful), then the checks one after another (the
timing rules are not measured on a server that is busy with something else of ours).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import deque
from importlib import metadata

import httpx

from zndraw_joblib_conformance import behaviour, derived, schemathesis_run
from zndraw_joblib_conformance.asyncapi_contract import AsyncApiContract
from zndraw_joblib_conformance.checks import REGISTRY, Check, Context, NotApplicable, Violation
from zndraw_joblib_conformance.derived_checks import PROBE, derived_checks
from zndraw_joblib_conformance.documents import shipped
from zndraw_joblib_conformance.openapi_contract import OpenApiContract
from zndraw_joblib_conformance.options import Need, Options, Suite
from zndraw_joblib_conformance.outcomes import Finding, Ledger, Outcome, RequirementResult, RunResult, matches
from zndraw_joblib_conformance.requirements import GROUPS, Requirement
from zndraw_joblib_conformance.traffic import Http, Redactions


class TargetError(Exception):
    """The target cannot be tested at all (unreachable, or the token is refused)."""


def catalogue() -> list[Requirement]:
    """Every requirement, derived and hand-written, in report order (by group, then id)."""
    behaviour.load()
    docs = shipped()
    openapi, asyncapi = OpenApiContract(docs.openapi), AsyncApiContract(docs.asyncapi)
    found = (
        derived.rest_requirements(openapi)
        + derived.problem_requirements(openapi)
        + derived.stateful_requirements()
        + derived.event_requirements(asyncapi)
        + [c.requirement for c in REGISTRY.values()]
    )
    seen: set[str] = set()
    for requirement in found:
        if requirement.id in seen:
            raise ValueError(f"two requirements with the id {requirement.id}")
        seen.add(requirement.id)
    order = {group: i for i, group in enumerate(GROUPS)}
    return sorted(found, key=lambda r: (order.get(r.group, len(order)), r.id))


def package_version() -> str:
    try:
        return metadata.version("zndraw-joblib-conformance")
    except metadata.PackageNotFoundError:
        return shipped().openapi_version


def run(options: Options, allow_list: list[str] | None = None) -> RunResult:
    """Check the server of `options`; `allow_list` holds ids (or fnmatch patterns) of known gaps."""
    started = time.monotonic()
    requirements = catalogue()
    docs = shipped()
    openapi, asyncapi = OpenApiContract(docs.openapi), AsyncApiContract(docs.asyncapi)
    ledger = Ledger()
    redactions = Redactions()
    redactions.add(options.token, "$TOKEN")
    redactions.add(options.user_token, "$USER_TOKEN")
    selected = {r.id for r in requirements if not options.select or matches(r.id, options.select)}

    preflight(options)
    notes: list[str] = []
    phase_started = time.monotonic()
    wants_schemathesis = any(
        r.id in selected and (r.group in {"REST", "PROBLEM", "STATEFUL"}) for r in requirements if r.id not in REGISTRY
    )
    if wants_schemathesis:
        notes += schemathesis_run.run(options, openapi, ledger, redactions)
        notes.append(f"schemathesis' phases took {time.monotonic() - phase_started:.0f} s")
    phase_started = time.monotonic()
    user_reason = asyncio.run(
        _run_checks(
            options=options,
            openapi=openapi,
            asyncapi=asyncapi,
            ledger=ledger,
            redactions=redactions,
            requirements=requirements,
            selected=selected,
        )
    )

    notes.append(f"the behaviour checks took {time.monotonic() - phase_started:.0f} s")
    results = [ledger.judge(r, _skipped(r, options, selected, user_reason)) for r in requirements]
    stale = _apply_allow_list(results, allow_list or [])
    return RunResult(
        url=options.base_url,
        openapi_version=docs.openapi_version,
        asyncapi_version=docs.asyncapi_version,
        package_version=package_version(),
        elapsed_seconds=time.monotonic() - started,
        results=results,
        stale_allow_list=stale,
        notes=notes,
    )


def _skipped(requirement: Requirement, options: Options, selected: set[str], user_reason: str | None) -> str | None:
    if requirement.suite not in options.only:
        return f"not run: --only {','.join(sorted(options.only))}"
    if requirement.id not in selected:
        return "not run: not selected (--select)"
    if Need.SWEEP in requirement.needs and options.sweep_within is None:
        return "needs --sweep-within (seconds within which the server sweeps a silent worker)"
    if Need.USER_TOKEN in requirement.needs and user_reason is not None:
        return user_reason
    return None


def _apply_allow_list(results: list[RequirementResult], allow_list: list[str]) -> list[str]:
    """Mark allow-listed failures; return the allow-list entries that match no failure (stale)."""
    used: set[str] = set()
    for result in results:
        if result.outcome is Outcome.FAIL:
            hits = [entry for entry in allow_list if matches(result.requirement.id, [entry])]
            if hits:
                result.allow_listed = True
                used.update(hits)
    return [entry for entry in allow_list if entry not in used]


async def _run_checks(
    *,
    options: Options,
    openapi: OpenApiContract,
    asyncapi: AsyncApiContract,
    ledger: Ledger,
    redactions: Redactions,
    requirements: list[Requirement],
    selected: set[str],
) -> str | None:
    """Run the behaviour checks; returns why there is no second account, if there is none."""
    recent: deque[str] = deque(maxlen=3)

    def client(token: str | None) -> Http:
        return Http(
            options.base_url,
            token,
            contract=openapi,
            ledger=ledger,
            redactions=redactions,
            connection_close=options.connection_close,
            recent=recent,
        )

    admin, anonymous, garbled = client(options.token), client(None), client("not-a-jwt")
    ctx = Context(options, openapi, asyncapi, ledger, redactions, admin, anonymous, garbled, recent=recent)
    try:
        user_reason = await _second_account(ctx, client)
        by_id = {r.id: r for r in requirements}
        runnable: list[tuple[str, Check]] = derived_checks(ctx, by_id)
        runnable += [(rid, c) for rid, c in REGISTRY.items()]
        batch: list[tuple[str, Check]] = []
        for label, check in runnable:
            requirement = check.requirement
            if requirement.id in by_id:
                if _skipped(requirement, options, selected, user_reason) is not None:
                    continue
            elif not (Suite.REST in options.only and any(r.startswith("REST-") for r in selected)):
                continue  # the probes feed REST ids only
            if check.concurrent:
                batch.append((label, check))
                continue
            await _run_batch(ctx, batch)
            batch = []
            await _run_one(ctx, label, check)
        await _run_batch(ctx, batch)
        return user_reason
    finally:
        for http in (admin, anonymous, garbled, ctx.user):
            if http is not None:
                await http.aclose()


def preflight(options: Options) -> None:
    """Fail at once, with the reason, when the server cannot be tested at all."""
    headers = {"Authorization": f"Bearer {options.token}"}
    try:
        response = httpx.get(f"{options.base_url}/v1/users/me", headers=headers, timeout=30)
    except httpx.TransportError as error:
        raise TargetError(f"cannot reach {options.base_url}: {error}") from None
    if response.status_code == 401:
        raise TargetError("the server refuses --token (401 on GET /v1/users/me): pass a valid superuser token")


async def _second_account(ctx: Context, client: object) -> str | None:
    """Set up `ctx.user`; None when there is one, else why not."""
    make = client  # a factory of Http clients
    assert callable(make)
    if ctx.options.user_token:
        ctx.user, ctx.user_token = make(ctx.options.user_token), ctx.options.user_token
        return None
    if not ctx.options.create_user:
        return "needs a second, non-superuser account: pass --user-token"
    email = f"conformance-{secrets.token_hex(5)}@example.com"
    password = secrets.token_urlsafe(16)
    created = await ctx.admin.post("/v1/auth/register", json={"email": email, "password": password})
    if created.status_code not in (200, 201):
        return f"needs a second, non-superuser account: pass --user-token (creating one answered {created.status_code})"
    login = await ctx.anonymous.post("/v1/auth/jwt/login", data={"username": email, "password": password})
    token = login.json().get("access_token") if login.status_code == 200 else None
    if not isinstance(token, str):
        return f"needs a second, non-superuser account: pass --user-token (its login answered {login.status_code})"
    ctx.redactions.add(token, "$USER_TOKEN")
    user = make(token)
    me = await user.get("/v1/users/me")
    if me.status_code == 200 and me.json().get("is_superuser") is True:
        await user.aclose()
        return "needs a second, non-superuser account: pass --user-token (a new account is a superuser here)"
    ctx.user, ctx.user_token = user, token
    return None


async def _run_batch(ctx: Context, batch: list[tuple[str, Check]]) -> None:
    """Checks that time nothing run side by side (e.g. one ack check per client → server event)."""
    await asyncio.gather(*(_run_one(ctx, label, check, settle=False) for label, check in batch))
    await ctx.settle()


async def _run_one(ctx: Context, label: str, check: Check, *, settle: bool = True) -> None:
    rid = check.requirement.id
    timeout = check.timeout or ctx.options.check_timeout
    ctx.recent.clear()
    try:
        await asyncio.wait_for(check.run(ctx), timeout)
    except NotApplicable as reason:
        ctx.ledger.not_applicable(rid, str(reason))
    except Violation as violation:
        ctx.ledger.failed(rid, Finding(str(violation), violation.reproduce or "\n".join(ctx.recent) or None))
    except AssertionError as error:
        ctx.ledger.failed(rid, Finding(str(error) or "assertion failed", "\n".join(ctx.recent) or None))
    except TimeoutError:
        ctx.ledger.failed(rid, Finding(f"{label}: did not finish within {timeout:g} s", "\n".join(ctx.recent) or None))
    except Exception as error:
        message = f"the check could not complete: {type(error).__name__}: {error}"
        ctx.ledger.failed(rid, Finding(message[:700], "\n".join(ctx.recent) or None))
    else:
        if rid != PROBE:
            ctx.ledger.passed(rid)
    finally:
        if settle:
            await ctx.settle()
